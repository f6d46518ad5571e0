#pragma once
// Owners of SUNDIALS objects (context, vectors, matrices, linear solvers, CVODE memory), so that
// every solver built on CVODE frees them in reverse order of creation on any exit path.
#include <cvode/cvode.h>
#include <sundials/sundials_context.h>
#include <sundials/sundials_linearsolver.h>
#include <sundials/sundials_matrix.h>
#include <sundials/sundials_nvector.h>

#include <memory>
#include <type_traits>

namespace mnsim::transport::sundials {

struct ContextFree {
  void operator()(SUNContext c) const { SUNContext_Free(&c); }
};
struct VectorFree {
  void operator()(N_Vector v) const { N_VDestroy(v); }
};
struct MatrixFree {
  void operator()(SUNMatrix m) const { SUNMatDestroy(m); }
};
struct SolverFree {
  void operator()(SUNLinearSolver s) const { SUNLinSolFree(s); }
};
struct CvodeFree {
  void operator()(void* mem) const { CVodeFree(&mem); }
};

using Context = std::unique_ptr<std::remove_pointer_t<SUNContext>, ContextFree>;
using Vector = std::unique_ptr<std::remove_pointer_t<N_Vector>, VectorFree>;
using Matrix = std::unique_ptr<std::remove_pointer_t<SUNMatrix>, MatrixFree>;
using LinearSolver = std::unique_ptr<std::remove_pointer_t<SUNLinearSolver>, SolverFree>;
using Cvode = std::unique_ptr<void, CvodeFree>;

}  // namespace mnsim::transport::sundials
