// Bindings for cpp/l2lab/rollup.
#include "bindings.hpp"
#include "casters.hpp"

namespace py = pybind11;

namespace l2lab::bindings {

void init_rollup(py::module_& m) { (void)m; }

}  // namespace l2lab::bindings
