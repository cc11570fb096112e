// Bindings for cpp/l2lab/sim.
#include "bindings.hpp"
#include "casters.hpp"

namespace py = pybind11;

namespace l2lab::bindings {

void init_sim(py::module_& m) { (void)m; }

}  // namespace l2lab::bindings
