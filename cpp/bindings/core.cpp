// Bindings for cpp/l2lab/core.
#include "bindings.hpp"
#include "casters.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/core/rng.hpp"

namespace py = pybind11;

namespace l2lab::bindings {

void init_core(py::module_& m) {
    m.attr("U256_MAX") = u256_max();
    m.def("u256_to_bytes", [](const u256& v) {
        const auto be = to_be32(v);
        return Bytes(be.begin(), be.end());
    }, py::arg("value"), "32-byte big-endian encoding of a u256 (0 <= value < 2**256).");
    m.def("u256_from_bytes", [](const Bytes& b) { return from_be(b); }, py::arg("data"),
          "Parse at most 32 big-endian bytes as a u256.");
    m.def("u256_add", [](const u256& a, const u256& b) { return u256(a + b); },
          "Checked u256 addition; raises ArithmeticOverflow past 2**256-1.");
    m.def("u256_sub", [](const u256& a, const u256& b) { return u256(a - b); },
          "Checked u256 subtraction; raises ArithmeticOverflow below 0.");
    m.def("u256_mul", [](const u256& a, const u256& b) { return u256(a * b); },
          "Checked u256 multiplication; raises ArithmeticOverflow past 2**256-1.");

    py::class_<Rng>(m, "Rng", "Seeded deterministic RNG (xoshiro256**); same seed, same stream.")
        .def(py::init<std::uint64_t>(), py::arg("seed"))
        .def_property_readonly("seed", &Rng::seed)
        .def("next_u64", &Rng::next_u64)
        .def("uniform", &Rng::uniform, py::arg("bound"), "Uniform int in [0, bound).")
        .def("range", &Rng::range, py::arg("lo"), py::arg("hi"), "Uniform int in [lo, hi].")
        .def("bernoulli", &Rng::bernoulli, py::arg("p"))
        .def("unit", &Rng::unit, "Uniform float in [0, 1).")
        .def("bytes", &Rng::bytes, py::arg("n"))
        .def("next_u256", &Rng::next_u256)
        .def("fork", &Rng::fork, py::arg("label"), "Independent child stream named by label.")
        .def("__repr__", [](const Rng& r) { return "Rng(seed=" + std::to_string(r.seed()) + ")"; });
}

}  // namespace l2lab::bindings
