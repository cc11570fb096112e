// Bindings for cpp/l2lab/validity/stark: conversion, typed errors and GIL release only.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "casters.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/validity/stark/account_tree.hpp"
#include "l2lab/validity/stark/fibonacci.hpp"
#include "l2lab/validity/stark/poly.hpp"
#include "l2lab/validity/stark/prover.hpp"
#include "l2lab/validity/stark/verifier.hpp"

namespace py = pybind11;

namespace l2lab::bindings {

namespace {

using namespace l2lab::stark;
using release = py::call_guard<py::gil_scoped_release>;

Fp to_fp(std::uint64_t v) { return Fp::from_canonical(v); }
std::vector<Fp> to_fp_vec(const std::vector<std::uint64_t>& v) {
    std::vector<Fp> out;
    out.reserve(v.size());
    for (auto x : v) out.push_back(Fp::from_canonical(x));
    return out;
}
std::vector<std::uint64_t> from_fp_vec(const std::vector<Fp>& v) {
    std::vector<std::uint64_t> out;
    out.reserve(v.size());
    for (auto x : v) out.push_back(x.value());
    return out;
}
using Triple = std::array<std::uint64_t, 3>;
Fp3 to_fp3(const Triple& t) { return Fp3(to_fp(t[0]), to_fp(t[1]), to_fp(t[2])); }
Triple from_fp3(const Fp3& a) { return {a.coeff(0).value(), a.coeff(1).value(), a.coeff(2).value()}; }

// The class the core translator raises for InvalidArgument (l2lab.InvalidArgumentError), found by
// letting it translate one; the STARK's typed errors derive from it.
py::object invalid_argument_class() {
    py::cpp_function probe([]() { throw InvalidArgument("probe"); });
    try {
        probe();
    } catch (py::error_already_set& e) {
        return e.type();
    }
    return py::reinterpret_borrow<py::object>(PyExc_ValueError);
}

PyObject* make_error(py::module_& m, const char* name, py::object base, const char* doc) {
    const std::string qualified = std::string("l2lab.validity.stark.") + name;
    PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, base.ptr(), nullptr);
    if (cls == nullptr) throw py::error_already_set();
    m.add_object(name, py::reinterpret_steal<py::object>(cls));
    return cls;
}

void bind_errors(py::module_& m) {
    py::object base = invalid_argument_class();
    static PyObject* shape = make_error(m, "TraceShapeError", base,
                                        "A trace or AIR length that is not a power of two in range, "
                                        "ragged columns, or a trace whose shape differs from the AIR's.");
    static PyObject* unsat = make_error(m, "UnsatisfiedTraceError", base,
                                        "The prover refused a trace that violates a constraint; "
                                        "attributes: constraint (str), row (int).");
    static PyObject* insecure = make_error(m, "InsecureParametersError", base,
                                           "Proof options below the minimum conjectured security "
                                           "(80 bits) without allow_insecure.");
    static PyObject* unsupported = make_error(m, "UnsupportedAccountError", base,
                                              "An account the Rescue account tree cannot represent (nonce >= "
                                              "2^63, balance >= 2^128) or an index beyond its capacity.");
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const TraceShapeError& e) {
            PyErr_SetString(shape, e.what());
        } catch (const UnsatisfiedTrace& e) {
            py::object exc = py::reinterpret_steal<py::object>(PyObject_CallFunction(unsat, "s", e.what()));
            if (!exc) return;
            exc.attr("constraint") = py::str(e.constraint());
            exc.attr("row") = py::int_(e.row());
            PyErr_SetObject(unsat, exc.ptr());
        } catch (const InsecureParameters& e) {
            PyErr_SetString(insecure, e.what());
        } catch (const UnsupportedAccount& e) {
            PyErr_SetString(unsupported, e.what());
        }
    });
}

void bind_field(py::module_& m) {
    m.attr("MODULUS") = py::int_(Fp::kModulus);
    m.attr("GENERATOR") = py::int_(Fp::kGenerator);
    m.attr("EXTENSION_DEGREE") = py::int_(kFieldExtensionDegree);
    m.def("fp_add", [](std::uint64_t a, std::uint64_t b) { return (to_fp(a) + to_fp(b)).value(); },
          py::arg("a"), py::arg("b"), "a + b mod p (inputs must be canonical: < p, else InvalidArgumentError).");
    m.def("fp_sub", [](std::uint64_t a, std::uint64_t b) { return (to_fp(a) - to_fp(b)).value(); },
          py::arg("a"), py::arg("b"), "a - b mod p.");
    m.def("fp_mul", [](std::uint64_t a, std::uint64_t b) { return (to_fp(a) * to_fp(b)).value(); },
          py::arg("a"), py::arg("b"), "a * b mod p (fast Goldilocks reduction).");
    m.def("fp_pow", [](std::uint64_t a, std::uint64_t e) { return to_fp(a).pow(e).value(); },
          py::arg("a"), py::arg("exponent"), "a^exponent mod p.");
    m.def("fp_inv", [](std::uint64_t a) { return to_fp(a).inverse().value(); }, py::arg("a"),
          "a^-1 mod p; InvalidArgumentError for 0.");
    m.def("fp_batch_inverse",
          [](const std::vector<std::uint64_t>& v) {
              auto x = to_fp_vec(v);
              batch_inverse(std::span<Fp>(x));
              return from_fp_vec(x);
          },
          py::arg("values"), "Inverses of all values with one inversion; InvalidArgumentError on a zero.");
    m.def("two_adic_root", [](unsigned k) { return Fp::two_adic_root(k).value(); }, py::arg("log_order"),
          "Primitive root of unity of order 2^log_order (<= 32): 7^((p-1)/2^log_order).");
    m.def("fp3_mul", [](const Triple& a, const Triple& b) { return from_fp3(to_fp3(a) * to_fp3(b)); },
          py::arg("a"), py::arg("b"), "Product in F_p[x]/(x^3 - x - 1); elements are (c0, c1, c2).");
    m.def("fp3_inv", [](const Triple& a) { return from_fp3(to_fp3(a).inverse()); }, py::arg("a"),
          "Inverse in F_p^3; InvalidArgumentError for zero.");
    m.def("ntt",
          [](const std::vector<std::uint64_t>& c) {
              auto x = to_fp_vec(c);
              ntt(std::span<Fp>(x));
              return from_fp_vec(x);
          },
          py::arg("coefficients"), "Evaluations at w^0..w^(n-1) (n a power of two).");
    m.def("intt",
          [](const std::vector<std::uint64_t>& v) {
              auto x = to_fp_vec(v);
              intt(std::span<Fp>(x));
              return from_fp_vec(x);
          },
          py::arg("evaluations"), "Inverse of ntt().");
    m.def("low_degree_extend",
          [](const std::vector<std::uint64_t>& v, std::size_t blowup, std::uint64_t offset) {
              const auto x = to_fp_vec(v);
              return from_fp_vec(low_degree_extend(std::span<const Fp>(x), blowup, to_fp(offset)));
          },
          py::arg("values"), py::arg("blowup"), py::arg("offset") = Fp::kGenerator,
          "Interpolate values on the order-n subgroup and evaluate on offset * <w_(n*blowup)>.");
}

crypto::HashKind hash_of(const std::string& s) { return crypto::parse_hash_kind(s); }

void bind_options(py::module_& m) {
    py::class_<ProofOptions>(m, "ProofOptions",
                             "STARK parameters. conjectured_security_bits(n) applies the ethSTARK/Winterfell "
                             "formula min(191 - log2(n*blowup), queries*log2(blowup) + grinding) - 1, capped "
                             "at 128 (hash collision resistance).")
        .def(py::init([](std::uint32_t blowup, std::uint32_t num_queries, std::uint32_t grinding_bits,
                         std::uint32_t folding_factor, std::uint32_t remainder_max_degree, const std::string& hash,
                         bool allow_insecure) {
                 ProofOptions o;
                 o.blowup = blowup;
                 o.num_queries = num_queries;
                 o.grinding_bits = grinding_bits;
                 o.folding_factor = folding_factor;
                 o.remainder_max_degree = remainder_max_degree;
                 o.hash = hash_of(hash);
                 o.allow_insecure = allow_insecure;
                 return o;
             }),
             py::arg("blowup") = 8, py::arg("num_queries") = 28, py::arg("grinding_bits") = 16,
             py::arg("folding_factor") = 4, py::arg("remainder_max_degree") = 7, py::arg("hash") = "sha256",
             py::arg("allow_insecure") = false)
        .def_static("default_96", &ProofOptions::default_96, "Default: >= 96 bits (blowup 8, 28 queries, 16 grinding bits).")
        .def_static("preset_128", &ProofOptions::preset_128, "128-bit preset (blowup 16, 29 queries, 17 grinding bits).")
        .def_readwrite("blowup", &ProofOptions::blowup)
        .def_readwrite("num_queries", &ProofOptions::num_queries)
        .def_readwrite("grinding_bits", &ProofOptions::grinding_bits)
        .def_readwrite("folding_factor", &ProofOptions::folding_factor)
        .def_readwrite("remainder_max_degree", &ProofOptions::remainder_max_degree)
        .def_property("hash", [](const ProofOptions& o) { return std::string(crypto::hash_kind_name(o.hash)); },
                      [](ProofOptions& o, const std::string& s) { o.hash = hash_of(s); })
        .def_readwrite("allow_insecure", &ProofOptions::allow_insecure)
        .def("conjectured_security_bits", &ProofOptions::conjectured_security_bits, py::arg("trace_length"),
             "Conjectured security (bits) for a trace of trace_length rows.")
        .def("query_security_bits", &ProofOptions::query_security_bits, "num_queries*log2(blowup) + grinding_bits.")
        .def("validate", &ProofOptions::validate, py::arg("trace_length"),
             "Raise InvalidArgumentError / InsecureParametersError for unusable options.")
        .def("describe", &ProofOptions::describe)
        .def("__eq__", [](const ProofOptions& a, const ProofOptions& b) { return a == b; })
        .def("__repr__", [](const ProofOptions& o) { return "ProofOptions(" + o.describe() + ")"; });
}

void bind_proofs(py::module_& m) {
    py::class_<VerifyResult>(m, "VerifyResult", "Outcome of a verification: ok, failure (stable name), detail.")
        .def_property_readonly("ok", &VerifyResult::ok)
        .def_property_readonly("failure", [](const VerifyResult& r) { return std::string(verify_failure_name(r.failure)); })
        .def_readonly("detail", &VerifyResult::detail)
        .def("__bool__", &VerifyResult::ok)
        .def("__repr__", [](const VerifyResult& r) {
            return "VerifyResult(ok=" + std::string(r.ok() ? "True" : "False") + ", failure='" +
                   std::string(verify_failure_name(r.failure)) + "')";
        });
    py::class_<Air, std::shared_ptr<Air>>(m, "Air", "A STARK statement (abstract; defined in C++).")
        .def_property_readonly("name", &Air::name)
        .def_property_readonly("trace_width", &Air::trace_width)
        .def_property_readonly("trace_length", &Air::trace_length)
        .def_property_readonly("transition_degrees", &Air::transition_degrees)
        .def_property_readonly("public_inputs", [](const Air& a) { return from_fp_vec(a.public_inputs()); });
    py::class_<FibonacciAir, Air, std::shared_ptr<FibonacciAir>>(
        m, "FibonacciAir", "Fibonacci in two columns; public input: the last b (b_(n-1) = F(2n) mod p).")
        .def(py::init([](std::size_t n, std::uint64_t result) { return std::make_shared<FibonacciAir>(n, to_fp(result)); }),
             py::arg("trace_length"), py::arg("result"));
    m.def("fibonacci_trace", [](std::size_t n) {
              const Trace t = fibonacci_trace(n);
              std::vector<std::vector<std::uint64_t>> cols;
              for (const auto& c : t.columns()) cols.push_back(from_fp_vec(c));
              return cols;
          },
          py::arg("trace_length"), "The honest Fibonacci trace as columns of ints.");
    m.def("fibonacci_result", [](std::size_t n) { return fibonacci_result(n).value(); }, py::arg("trace_length"),
          "b_(n-1) of the Fibonacci trace.");
    m.def("prove",
          [](const Air& air, const std::vector<std::vector<std::uint64_t>>& columns, const ProofOptions& o) {
              std::vector<std::vector<Fp>> cols;
              for (const auto& c : columns) cols.push_back(to_fp_vec(c));
              Bytes out;
              {
                  py::gil_scoped_release nogil;
                  out = prove(air, Trace(std::move(cols)), o).encode();
              }
              return py::bytes(reinterpret_cast<const char*>(out.data()), out.size());
          },
          py::arg("air"), py::arg("trace"), py::arg("options"),
          "Prove that trace (columns of canonical ints) satisfies air; returns the encoded proof. Raises "
          "TraceShapeError, UnsatisfiedTraceError, InsecureParametersError, InvalidArgumentError.");
    m.def("prove_unchecked",
          [](const Air& air, const std::vector<std::vector<std::uint64_t>>& columns, const ProofOptions& o) {
              std::vector<std::vector<Fp>> cols;
              for (const auto& c : columns) cols.push_back(to_fp_vec(c));
              Bytes out;
              {
                  py::gil_scoped_release nogil;
                  out = prove_unchecked(air, Trace(std::move(cols)), o).encode();
              }
              return py::bytes(reinterpret_cast<const char*>(out.data()), out.size());
          },
          py::arg("air"), py::arg("trace"), py::arg("options"),
          "A cheating prover for soundness experiments: runs the protocol on any trace of the right "
          "shape without checking the constraints (a valid trace gives the same proof as prove()).");
    m.def("prove_fibonacci",
          [](std::size_t n, const ProofOptions& o) {
              Bytes out;
              {
                  py::gil_scoped_release nogil;
                  out = prove(FibonacciAir(n, fibonacci_result(n)), fibonacci_trace(n), o).encode();
              }
              return py::bytes(reinterpret_cast<const char*>(out.data()), out.size());
          },
          py::arg("trace_length"), py::arg("options"), "Build the Fibonacci trace of trace_length rows and prove it.");
    m.def("verify", [](const Air& air, const Bytes& proof, const ProofOptions& o) { return verify_encoded(air, proof, o); },
          py::arg("air"), py::arg("proof"), py::arg("options"), release(),
          "Verify encoded proof bytes for air under the verifier's options; a bad proof is a VerifyResult, "
          "never an exception.");
    m.def("proof_summary",
          [](const Bytes& bytes) {
              const StarkProof p = StarkProof::decode(bytes);
              py::dict d;
              d["size_bytes"] = bytes.size();
              d["fri_layers"] = p.fri_layers.size();
              d["remainder_coefficients"] = p.fri_remainder.size();
              d["trace_width"] = p.ood_current.size();
              d["composition_columns"] = p.ood_composition.size();
              d["pow_nonce"] = p.pow_nonce;
              std::size_t nodes = p.trace_nodes.size() + p.composition_nodes.size();
              for (const auto& l : p.fri_layers) nodes += l.nodes.size();
              d["merkle_nodes"] = nodes;
              return d;
          },
          py::arg("proof"), "Decode proof bytes (DecodeError if malformed) and summarise their parts.");
}

}  // namespace

// starkair's block, defined in stark_air.cpp (needs Air and ProofOptions registered first).
void bind_stark_air(py::module_& m);
// The rollup proof system, defined in stark_rollup.cpp (needs ProofOptions and the validity
// submodule's ProofSystem registered first).
void bind_stark_rollup(py::module_& m);

void init_stark(py::module_& m) {
    m.doc() = "STARK over Goldilocks (cubic extension): field, NTT, AIR, FRI prover/verifier";
    bind_errors(m);
    bind_field(m);
    bind_options(m);
    bind_proofs(m);
    // ---- starkair: Rescue-Prime, hash-chain / Merkle-update / ExprAir (stark_air.cpp) ----
    bind_stark_air(m);
    // ---- the `stark` proof system of the zk rollup (stark_rollup.cpp) ----
    bind_stark_rollup(m);
}

}  // namespace l2lab::bindings
