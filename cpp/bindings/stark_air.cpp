// Bindings for the Rescue-Prime hash and the example / data-described AIRs of the STARK
// (hash chain, Merkle-path update, ExprAir). Called from init_stark (stark.cpp) after Air and
// ProofOptions are registered. Conversion only; long calls release the GIL.
#include <pybind11/stl.h>

#include <array>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "casters.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/validity/stark/expr_air.hpp"
#include "l2lab/validity/stark/hash_chain_air.hpp"
#include "l2lab/validity/stark/merkle_air.hpp"
#include "l2lab/validity/stark/prover.hpp"
#include "l2lab/validity/stark/rescue.hpp"

namespace py = pybind11;

namespace l2lab::bindings {

namespace {

using namespace l2lab::stark;
using rescue::Digest;
using DigestInts = std::array<std::uint64_t, rescue::kDigestSize>;

Fp to_fp(std::uint64_t v) {
    return Fp::from_canonical(v);
}

Digest to_digest(const DigestInts& d) {
    return {to_fp(d[0]), to_fp(d[1]), to_fp(d[2]), to_fp(d[3])};
}

py::tuple from_digest(const Digest& d) {
    return py::make_tuple(d[0].value(), d[1].value(), d[2].value(), d[3].value());
}

std::vector<Fp> to_fps(const std::vector<std::uint64_t>& v) {
    std::vector<Fp> out;
    out.reserve(v.size());
    for (auto x : v)
        out.push_back(to_fp(x));
    return out;
}

std::vector<Digest> to_digests(const std::vector<DigestInts>& v) {
    std::vector<Digest> out;
    out.reserve(v.size());
    for (const auto& d : v)
        out.push_back(to_digest(d));
    return out;
}

using Columns = std::vector<std::vector<std::uint64_t>>;

Columns to_columns(const Trace& t) {
    Columns out;
    out.reserve(t.width());
    for (const auto& c : t.columns()) {
        std::vector<std::uint64_t> col;
        col.reserve(c.size());
        for (const Fp v : c)
            col.push_back(v.value());
        out.push_back(std::move(col));
    }
    return out;
}

py::bytes to_py(const Bytes& b) {
    return py::bytes(reinterpret_cast<const char*>(b.data()), b.size());
}

ExprOp op_from_name(const std::string& name) {
    if (name == "constant")
        return ExprOp::Constant;
    if (name == "current")
        return ExprOp::Current;
    if (name == "next")
        return ExprOp::Next;
    if (name == "periodic")
        return ExprOp::Periodic;
    if (name == "add")
        return ExprOp::Add;
    if (name == "sub")
        return ExprOp::Sub;
    if (name == "mul")
        return ExprOp::Mul;
    throw InvalidArgument("expr air: unknown operation '" + name + "'");
}

}  // namespace

void bind_stark_air(py::module_& m) {
    // ---- Rescue-Prime Rp64_256 ------------------------------------------------------------
    m.attr("RESCUE_STATE_WIDTH") = rescue::kStateWidth;
    m.attr("RESCUE_NUM_ROUNDS") = rescue::kNumRounds;
    m.def(
        "rescue_permute",
        [](const std::array<std::uint64_t, rescue::kStateWidth>& state) {
            rescue::State s{};
            for (std::size_t i = 0; i < s.size(); ++i)
                s[i] = to_fp(state[i]);
            rescue::permute(s);
            std::vector<std::uint64_t> out;
            for (const Fp v : s)
                out.push_back(v.value());
            return out;
        },
        py::arg("state"),
        "Rescue-Prime Rp64_256 permutation of 12 canonical Goldilocks elements (ints < p); "
        "ValueError for a non-canonical element.");
    m.def(
        "rescue_hash_elements",
        [](const std::vector<std::uint64_t>& elements) {
            const auto fps = to_fps(elements);
            Digest d;
            {
                py::gil_scoped_release release;
                d = rescue::hash_elements(fps);
            }
            return from_digest(d);
        },
        py::arg("elements"),
        "Rp64_256 sponge hash of field elements -> digest (4 ints). Winterfell's conventions: "
        "state[0] = length, zero padding; the empty list hashes to (0, 0, 0, 0).");
    m.def(
        "rescue_merge",
        [](const DigestInts& left, const DigestInts& right) {
            return from_digest(rescue::merge(to_digest(left), to_digest(right)));
        },
        py::arg("left"), py::arg("right"),
        "2-to-1 compression of two digests (= rescue_hash_elements(left + right)).");
    m.def(
        "rescue_hash_chain",
        [](const DigestInts& seed, std::uint64_t n) {
            const Digest s = to_digest(seed);
            Digest d;
            {
                py::gil_scoped_release release;
                d = rescue::hash_chain(s, n);
            }
            return from_digest(d);
        },
        py::arg("seed"), py::arg("num_hashes"),
        "The digest `seed` hashed num_hashes times with rescue_hash_elements.");
    m.def(
        "rescue_merkle_root",
        [](const std::vector<DigestInts>& leaves) {
            const auto ds = to_digests(leaves);
            Digest d;
            {
                py::gil_scoped_release release;
                d = rescue::merkle_root(ds);
            }
            return from_digest(d);
        },
        py::arg("leaves"),
        "Root of a Merkle tree of digests (power-of-two count, else ValueError) with "
        "rescue_merge as node hash.");
    m.def(
        "rescue_merkle_path",
        [](const std::vector<DigestInts>& leaves, std::uint64_t index) {
            const auto ds = to_digests(leaves);
            std::vector<Digest> path;
            {
                py::gil_scoped_release release;
                path = rescue::merkle_path(ds, index);
            }
            py::list out;
            for (const auto& d : path)
                out.append(from_digest(d));
            return out;
        },
        py::arg("leaves"), py::arg("index"),
        "Authentication path (sibling digests, bottom-up) of leaf `index`.");
    m.def(
        "rescue_root_from_path",
        [](const DigestInts& leaf, std::uint64_t index, const std::vector<DigestInts>& path) {
            return from_digest(rescue::root_from_path(to_digest(leaf), index, to_digests(path)));
        },
        py::arg("leaf"), py::arg("index"), py::arg("path"),
        "Root recomputed from a leaf, its index and its path (ValueError if the index does not "
        "fit the path).");

    // ---- Hash-chain AIR -------------------------------------------------------------------
    py::class_<HashChainAir, Air, std::shared_ptr<HashChainAir>>(
        m, "HashChainAir",
        "Statement 'hashing the digest seed num_hashes times with Rp64_256 gives result' "
        "(Winterfell/ethSTARK benchmark). Trace: 12 columns, 8 rows per hash.")
        .def(py::init([](const DigestInts& seed, const DigestInts& result, std::uint64_t n) {
                 return std::make_shared<HashChainAir>(to_digest(seed), to_digest(result), n);
             }),
             py::arg("seed"), py::arg("result"), py::arg("num_hashes"),
             "ValueError unless num_hashes is a power of two in [1, 2**21].")
        .def_property_readonly("seed", [](const HashChainAir& a) { return from_digest(a.seed()); })
        .def_property_readonly("result",
                               [](const HashChainAir& a) { return from_digest(a.result()); })
        .def_property_readonly("num_hashes", &HashChainAir::num_hashes);
    m.def(
        "build_hash_chain_trace",
        [](const DigestInts& seed, std::uint64_t n) {
            const Digest s = to_digest(seed);
            Columns cols;
            {
                py::gil_scoped_release release;
                cols = to_columns(build_hash_chain_trace(s, n));
            }
            return cols;
        },
        py::arg("seed"), py::arg("num_hashes"),
        "The honest trace for HashChainAir, as 12 columns of ints (8 rows per hash).");
    m.def(
        "prove_hash_chain",
        [](const DigestInts& seed, std::uint64_t n, const ProofOptions& options) {
            const Digest s = to_digest(seed);
            Bytes out;
            {
                py::gil_scoped_release release;
                const HashChainAir air(s, rescue::hash_chain(s, n), n);
                out = prove(air, build_hash_chain_trace(s, n), options).encode();
            }
            return to_py(out);
        },
        py::arg("seed"), py::arg("num_hashes"), py::arg("options"),
        "Build the hash-chain trace in C++ and prove HashChainAir(seed, rescue_hash_chain(seed, "
        "num_hashes), num_hashes); returns the encoded proof.");

    // ---- Merkle-path-update AIR -----------------------------------------------------------
    py::class_<MerkleUpdateAir, Air, std::shared_ptr<MerkleUpdateAir>>(
        m, "MerkleUpdateAir",
        "Statement 'replacing old_leaf by new_leaf at index (depth-`depth` tree, same private "
        "path) turns old_root into new_root' over Rp64_256. Trace: 25 columns, 8 rows per "
        "level.")
        .def(py::init([](std::uint64_t index, std::uint32_t depth, const DigestInts& old_leaf,
                         const DigestInts& new_leaf, const DigestInts& old_root,
                         const DigestInts& new_root) {
                 MerkleUpdateStatement s;
                 s.index = index;
                 s.depth = depth;
                 s.old_leaf = to_digest(old_leaf);
                 s.new_leaf = to_digest(new_leaf);
                 s.old_root = to_digest(old_root);
                 s.new_root = to_digest(new_root);
                 return std::make_shared<MerkleUpdateAir>(s);
             }),
             py::arg("index"), py::arg("depth"), py::arg("old_leaf"), py::arg("new_leaf"),
             py::arg("old_root"), py::arg("new_root"),
             "ValueError unless 1 <= depth <= 32 and index < 2**depth.")
        .def_static(
            "for_update",
            [](std::uint64_t index, const DigestInts& old_leaf, const DigestInts& new_leaf,
               const std::vector<DigestInts>& path) {
                return std::make_shared<MerkleUpdateAir>(make_merkle_update_statement(
                    index, to_digest(old_leaf), to_digest(new_leaf), to_digests(path)));
            },
            py::arg("index"), py::arg("old_leaf"), py::arg("new_leaf"), py::arg("path"),
            "The statement an honest update proves (roots recomputed from the path).")
        .def_property_readonly("index",
                               [](const MerkleUpdateAir& a) { return a.statement().index; })
        .def_property_readonly("depth",
                               [](const MerkleUpdateAir& a) { return a.statement().depth; })
        .def_property_readonly(
            "old_root",
            [](const MerkleUpdateAir& a) { return from_digest(a.statement().old_root); })
        .def_property_readonly("new_root", [](const MerkleUpdateAir& a) {
            return from_digest(a.statement().new_root);
        });
    m.def(
        "build_merkle_update_trace",
        [](std::uint64_t index, const DigestInts& old_leaf, const DigestInts& new_leaf,
           const std::vector<DigestInts>& path) {
            const auto p = to_digests(path);
            const Digest o = to_digest(old_leaf), n = to_digest(new_leaf);
            Columns cols;
            {
                py::gil_scoped_release release;
                cols = to_columns(build_merkle_update_trace(index, o, n, p));
            }
            return cols;
        },
        py::arg("index"), py::arg("old_leaf"), py::arg("new_leaf"), py::arg("path"),
        "The honest trace for MerkleUpdateAir.for_update(index, old_leaf, new_leaf, path), as 25 "
        "columns of ints.");

    // ---- Data-described AIR (built by l2lab.validity.stark_expr) ----------------------------
    py::class_<ExprAir, Air, std::shared_ptr<ExprAir>>(
        m, "ExprAir",
        "An AIR given as data: transition constraints are straight-line programs over the "
        "current/next row, periodic columns and constants, evaluated in C++. Build it with "
        "l2lab.validity.stark_expr.AirBuilder.")
        .def(py::init(
                 [](const std::string& name, std::size_t width, std::size_t length,
                    const std::vector<std::tuple<std::string, std::uint64_t, std::uint64_t>>& nodes,
                    const std::vector<std::uint64_t>& constraints,
                    const std::vector<std::tuple<std::size_t, std::size_t, std::uint64_t>>&
                        assertions,
                    const std::vector<std::uint64_t>& public_inputs,
                    const std::vector<std::vector<std::uint64_t>>& periodic_columns) {
                     ExprAirSpec s;
                     s.name = name;
                     s.trace_width = width;
                     s.trace_length = length;
                     for (const auto& [op, a, b] : nodes)
                         s.nodes.push_back({op_from_name(op), a, b});
                     s.constraints = constraints;
                     for (const auto& [c, r, v] : assertions)
                         s.assertions.push_back({c, r, to_fp(v)});
                     s.public_inputs = to_fps(public_inputs);
                     for (const auto& col : periodic_columns)
                         s.periodic_columns.push_back(to_fps(col));
                     return std::make_shared<ExprAir>(std::move(s));
                 }),
             py::arg("name"), py::arg("trace_width"), py::arg("trace_length"), py::arg("nodes"),
             py::arg("constraints"), py::arg("assertions"), py::arg("public_inputs"),
             py::arg("periodic_columns"),
             "nodes: (op, a, b) with op in constant/current/next/periodic/add/sub/mul; "
             "constraints: node indices; assertions: (column, row, value). ValueError for a "
             "malformed program, a constant or degree > 16 constraint, or a bad shape.");
}

}  // namespace l2lab::bindings
