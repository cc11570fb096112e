// Bindings for the `stark` proof system of the zk rollup (validity/stark_proof_system.hpp) and
// its state commitment (validity/stark_state.hpp), in l2lab.validity.stark. Called from
// init_stark after ProofOptions is registered; the ProofSystem base class comes from the
// validity submodule (bound before). Conversion only; proving and checking release the GIL.
#include <pybind11/stl.h>

#include <memory>
#include <string>

#include "casters.hpp"
#include "l2lab/validity/stark_proof_system.hpp"

namespace py = pybind11;

namespace l2lab::bindings {

namespace {

using namespace l2lab::validity;

py::bytes to_py(const Bytes& b) { return py::bytes(reinterpret_cast<const char*>(b.data()), b.size()); }

py::tuple digest_tuple(const stark::rescue::Digest& d) {
    return py::make_tuple(d[0].value(), d[1].value(), d[2].value(), d[3].value());
}

}  // namespace

void bind_stark_rollup(py::module_& m) {
    py::class_<StarkSystemOptions>(m, "StarkSystemOptions",
                                   "Options of the `stark` proof system: account tree depth (15 or 31), STARK "
                                   "parameters (default: default_96() with Keccak-256), decompression cap.")
        .def(py::init([](unsigned depth, const std::optional<stark::ProofOptions>& proof, std::size_t cap) {
                 StarkSystemOptions o;
                 o.depth = depth;
                 if (proof) o.proof = *proof;
                 o.max_decompressed = cap;
                 return o;
             }),
             py::arg("depth") = 15u, py::arg("proof") = py::none(), py::arg("max_decompressed") = std::size_t{16u << 20})
        .def_readwrite("depth", &StarkSystemOptions::depth)
        .def_readwrite("proof", &StarkSystemOptions::proof)
        .def_readwrite("max_decompressed", &StarkSystemOptions::max_decompressed)
        .def("__repr__", [](const StarkSystemOptions& o) {
            return "StarkSystemOptions(depth=" + std::to_string(o.depth) + ", proof='" + o.proof.describe() + "')";
        });

    py::class_<StarkStateCommitment>(
        m, "StarkStateCommitment",
        "The stark state commitment: Rescue account-tree root (4 field elements), number of registered "
        "accounts, and the root of the Keccak tree holding them (header), the registry and the withdrawal "
        "records; root() (= tree_root) is the 32-byte state root the stark system's statements use.")
        .def_property_readonly("account_root", [](const StarkStateCommitment& c) { return digest_tuple(c.account_root); })
        .def_readonly("registered", &StarkStateCommitment::registered)
        .def_readonly("tree_root", &StarkStateCommitment::tree_root)
        .def("header_leaf", &StarkStateCommitment::header_leaf)
        .def("root", &StarkStateCommitment::root)
        .def("encode", [](const StarkStateCommitment& c) { return to_py(c.encode()); })
        .def_static("decode", [](const Bytes& b) { return StarkStateCommitment::decode(b); }, py::arg("encoding"))
        .def("__eq__", [](const StarkStateCommitment& a, const StarkStateCommitment& b) { return a == b; });
    m.def("stark_state_commitment", &stark_state_commitment, py::arg("state"), py::arg("depth") = 15u,
          "The stark commitment of an L2State (UnsupportedAccountError when an account does not fit a leaf: "
          "nonce >= 2^63, balance >= 2^128, more registered accounts than 2^depth).");
    m.def("account_leaf_digest",
          [](const Address& a, std::uint64_t nonce, const u256& balance) {
              return digest_tuple(stark::account_leaf_digest(a, nonce, balance));
          },
          py::arg("address"), py::arg("nonce"), py::arg("balance"),
          "Rescue digest of an account leaf: hash of [address in 56/56/48-bit limbs, nonce, balance in "
          "four 32-bit limbs].");

    py::class_<StarkProofSystem, ProofSystem, py::smart_holder>(
        m, "StarkProofSystem",
        "`stark`: a succinct STARK that a batch of deposits, transfers and withdrawals takes the stark state "
        "commitment from pre_root to post_root (Rescue account tree updates with range-checked balance "
        "arithmetic); signatures, data, registry and withdrawal records are checked by the verifier outside "
        "the AIR. Not zero-knowledge.")
        .def(py::init([](const StarkSystemOptions& o) { return std::make_shared<StarkProofSystem>(o); }),
             py::arg("options") = StarkSystemOptions{})
        .def_property_readonly("options", &StarkProofSystem::options)
        .def("summary",
             [](const StarkProofSystem& ps, const Bytes& proof) {
                 const StarkProofSummary s = ps.summary(proof);
                 py::dict d;
                 d["proof_bytes"] = s.proof_bytes;
                 d["stark_bytes"] = s.stark_bytes;
                 d["account_updates"] = s.moves;
                 d["created"] = s.created;
                 d["trace_rows"] = s.trace_rows;
                 return d;
             },
             py::arg("proof"), "Sizes and counts of a stark batch proof (DecodeError when malformed).");
}

}  // namespace l2lab::bindings
