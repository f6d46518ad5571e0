#include "response/fixed_lu_solver.hpp"

#include <sunmatrix/sunmatrix_dense.h>

#include <Eigen/Dense>
#include <Eigen/LU>
#include <new>

#include "response/tissue_model.hpp"

namespace mnsim::response {

namespace {

using Matrix = Eigen::Matrix<double, n_solved, n_solved>;
using Vector = Eigen::Matrix<double, n_solved, 1>;

// The inverse, formed once per setup from the LU factors: CVODE solves with one matrix a few
// dozen times between setups, and a fixed-size matrix-vector product is cheaper than two
// triangular solves. I - gamma J is well conditioned at the steps CVODE takes (it refactors and
// cuts the step when Newton stalls), so the inverse loses nothing the tolerances would notice.
struct Content {
  Matrix inverse;
  sunindextype last_flag = 0;
};

Content& content_of(SUNLinearSolver s) { return *static_cast<Content*>(s->content); }

SUNLinearSolver_Type type_of(SUNLinearSolver) { return SUNLINEARSOLVER_DIRECT; }
SUNLinearSolver_ID id_of(SUNLinearSolver) { return SUNLINEARSOLVER_CUSTOM; }
int initialize(SUNLinearSolver) { return SUNLS_SUCCESS; }

int setup(SUNLinearSolver s, SUNMatrix a) {
  auto& c = content_of(s);
  // SUNDIALS' dense matrices are column-major, as Eigen's default.
  const Eigen::PartialPivLU<Matrix> lu(Eigen::Map<const Matrix>(SUNDenseMatrix_Data(a)));
  // A zero pivot leaves a singular factor: CVODE treats a positive flag as recoverable and
  // retries with a smaller step, as with its own solver.
  const bool singular = !(lu.matrixLU().diagonal().array().abs() > 0.0).all();
  if (!singular) c.inverse = lu.inverse();
  c.last_flag = singular ? 1 : 0;
  return singular ? SUNLS_LUFACT_FAIL : SUNLS_SUCCESS;
}

int solve(SUNLinearSolver s, SUNMatrix, N_Vector x, N_Vector b, sunrealtype) {
  Eigen::Map<Vector>(N_VGetArrayPointer(x)) = content_of(s).inverse * Eigen::Map<const Vector>(N_VGetArrayPointer(b));
  return SUNLS_SUCCESS;
}

sunindextype last_flag(SUNLinearSolver s) { return content_of(s).last_flag; }

int release(SUNLinearSolver s) {
  if (s == nullptr) return SUNLS_SUCCESS;
  delete static_cast<Content*>(s->content);
  s->content = nullptr;
  SUNLinSolFreeEmpty(s);
  return SUNLS_SUCCESS;
}

}  // namespace

SUNLinearSolver make_fixed_lu_solver(SUNContext context, int size) {
  if (size != n_solved) return nullptr;
  SUNLinearSolver s = SUNLinSolNewEmpty(context);
  if (s == nullptr) return nullptr;
  s->content = new (std::nothrow) Content;
  if (s->content == nullptr) {
    SUNLinSolFreeEmpty(s);
    return nullptr;
  }
  s->ops->gettype = type_of;
  s->ops->getid = id_of;
  s->ops->initialize = initialize;
  s->ops->setup = setup;
  s->ops->solve = solve;
  s->ops->lastflag = last_flag;
  s->ops->free = release;
  return s;
}

}  // namespace mnsim::response
