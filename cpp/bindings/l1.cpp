// Bindings for cpp/l2lab/l1.
#include "bindings.hpp"
#include "casters.hpp"

namespace py = pybind11;

namespace l2lab::bindings {

void init_l1(py::module_& m) { (void)m; }

}  // namespace l2lab::bindings
