// Bindings for cpp/l2lab/core.
#include "bindings.hpp"
#include "casters.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/core/rng.hpp"

namespace py = pybind11;

namespace l2lab::bindings {
namespace {

// Python value -> RLP bytes. Depth is capped like the decoder's so that self-referencing or
// absurdly nested lists raise instead of exhausting the C stack.
Bytes rlp_encode_object(py::handle obj, std::size_t depth) {
    const std::uint8_t* data = nullptr;
    std::size_t n = 0;
    py::object keep;
    if (py::detail::load_bytes_like(obj, data, n, keep)) return rlp::encode_bytes({data, n});
    if (PyList_Check(obj.ptr()) || PyTuple_Check(obj.ptr())) {
        if (depth >= rlp::kMaxDepthCap) {
            throw InvalidArgument("rlp_encode: lists nested deeper than " +
                                  std::to_string(rlp::kMaxDepthCap));
        }
        rlp::ListBuilder builder;
        for (py::handle child : py::reinterpret_borrow<py::sequence>(obj)) {
            builder.add_encoded(rlp_encode_object(child, depth + 1));
        }
        return builder.finish();
    }
    if (PyBool_Check(obj.ptr()) || PyFloat_Check(obj.ptr()) || !PyIndex_Check(obj.ptr())) {
        throw py::type_error("rlp_encode: unsupported type " +
                             std::string(py::str(py::type::of(obj).attr("__name__"))) +
                             "; expected bytes, int (0 <= v < 2**256), or a list/tuple of those");
    }
    return rlp::encode_u256(obj.cast<u256>());
}

py::object rlp_item_to_object(const rlp::Item& item) {
    if (!item.is_list()) {
        const BytesView b = item.bytes();
        return py::bytes(reinterpret_cast<const char*>(b.data()), b.size());
    }
    const auto& items = item.items();
    py::list out(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) out[i] = rlp_item_to_object(items[i]);
    return out;
}

}  // namespace

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

    // ---- strict canonical RLP -------------------------------------------------------------
    py::enum_<DecodeErrorKind> kind(
        m, "DecodeErrorKind",
        "Why a strict decoder refused its input; DecodeError messages start with the name.");
    for (auto k : {DecodeErrorKind::Truncated, DecodeErrorKind::TrailingBytes,
                   DecodeErrorKind::NonCanonical, DecodeErrorKind::LeadingZeros,
                   DecodeErrorKind::Oversized, DecodeErrorKind::UnexpectedType,
                   DecodeErrorKind::InvalidValue, DecodeErrorKind::Decompression}) {
        kind.value(std::string(decode_error_name(k)).c_str(), k);
    }
    const rlp::Limits defaults;
    m.attr("RLP_MAX_DEPTH_CAP") = rlp::kMaxDepthCap;
    m.def("rlp_encode", [](py::handle obj) { return rlp_encode_object(obj, 0); }, py::arg("obj"),
          "Canonical RLP of obj: bytes-like -> string, int (0 <= v < 2**256) -> minimal big-endian "
          "string (0 -> b'\\x80'), list/tuple -> list of the encoded items (nested). Other types "
          "(str, bool, float, None, ...) raise TypeError; negative ints ValueError; ints >= 2**256 "
          "OverflowError; nesting deeper than RLP_MAX_DEPTH_CAP InvalidArgumentError.");
    m.def(
        "rlp_decode",
        [](const Bytes& data, std::size_t max_depth, std::size_t max_input_bytes,
           std::size_t max_items) {
            const rlp::Limits limits{max_input_bytes, max_depth, max_items};
            const rlp::Item item = [&] {
                py::gil_scoped_release release;
                return rlp::decode(data, limits);
            }();
            return rlp_item_to_object(item);
        },
        py::arg("data"), py::arg("max_depth") = defaults.max_depth,
        py::arg("max_input_bytes") = defaults.max_input_bytes,
        py::arg("max_items") = defaults.max_items,
        "Decode exactly one canonical RLP item spanning all of data: strings come back as bytes, "
        "lists as (nested) lists; integers are the caller's interpretation of the bytes. Raises "
        "DecodeError (a ValueError) whose message names the DecodeErrorKind and byte offset, e.g. "
        "'non_canonical at byte 0: ...', for truncated input, trailing bytes, non-canonical or "
        "leading-zero lengths, and input beyond max_input_bytes / max_depth list nesting / "
        "max_items items. max_depth above RLP_MAX_DEPTH_CAP raises InvalidArgumentError.");
}

}  // namespace l2lab::bindings
