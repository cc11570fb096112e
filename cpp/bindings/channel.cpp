// Bindings for cpp/l2lab/channel.
#include "bindings.hpp"
#include "casters.hpp"

namespace py = pybind11;

namespace l2lab::bindings {

void init_channel(py::module_& m) { (void)m; }

}  // namespace l2lab::bindings
