#pragma once
// A SUNDIALS direct linear solver for the tissue model's small Newton systems, backed by Eigen's
// fixed-size partial-pivoting LU. SUNDIALS' own dense solver walks column pointers with run-time
// sizes; at a dozen unknowns that bookkeeping cost more than the arithmetic (a fifth of the whole
// sampled course), while Eigen's fixed-size kernels are unrolled and vectorised. No maintained
// SUNDIALS module offers a fixed-size solver, hence this adapter.
#include <sundials/sundials_context.h>
#include <sundials/sundials_linearsolver.h>

namespace mnsim::response {

// Solves A x = b for the dense size x size SUNMatrix CVODE hands over. size must equal
// n_solved (the only size the adapter is compiled for). Free with SUNLinSolFree.
SUNLinearSolver make_fixed_lu_solver(SUNContext context, int size);

}  // namespace mnsim::response
