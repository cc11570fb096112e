// Bindings for cpp/l2lab/validity (statements, proof systems, diff batches): conversion, typed
// errors, the ProofSystem trampoline and GIL release only. The zk deployment, verifier contract
// and prover actor are in validity_zk.cpp.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "casters.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/rollup/derivation.hpp"
#include "l2lab/validity/batch_builder.hpp"
#include "l2lab/validity/modelled.hpp"
#include "l2lab/validity/witness.hpp"

namespace py = pybind11;

namespace l2lab::bindings {

void bind_validity_zk(py::module_& m);

namespace {

using namespace l2lab::validity;
using rollup::BatchDa;
using release = py::call_guard<py::gil_scoped_release>;

py::bytes to_py(const Bytes& b) { return py::bytes(reinterpret_cast<const char*>(b.data()), b.size()); }

std::string da_name(BatchDa d) { return d == BatchDa::Blob ? "blob" : "calldata"; }
BatchDa da_from(const std::string& s) {
    if (s == "calldata") return BatchDa::Calldata;
    if (s == "blob") return BatchDa::Blob;
    throw InvalidArgument("da must be 'calldata' or 'blob', got '" + s + "'");
}

// The Python class the core translator raises for a C++ exception of type E.
template <typename E>
py::object translated_class() {
    py::cpp_function probe([]() { throw E("probe"); });
    try {
        probe();
    } catch (py::error_already_set& e) {
        return e.type();
    }
    return py::reinterpret_borrow<py::object>(PyExc_RuntimeError);
}

PyObject* g_refused = nullptr;

PyObject* make_error(py::module_& m, const char* name, py::tuple bases, const char* doc) {
    const std::string qualified = std::string("l2lab.validity.") + name;
    PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
    if (cls == nullptr) throw py::error_already_set();
    m.add_object(name, py::reinterpret_steal<py::object>(cls));
    return cls;
}

void bind_errors(py::module_& m) {
    g_refused = make_error(m, "ProofRefusedError",
                           py::make_tuple(translated_class<Error>(), py::reinterpret_borrow<py::object>(PyExc_ValueError)),
                           "A prover refused: the witness does not show the statement true. "
                           "Attribute failure: its stable name (e.g. 'post_root_mismatch'). A "
                           "Python ProofSystem raises it from prove() to refuse.");
    static PyObject* unknown = make_error(m, "UnknownProofSystemError",
                                          py::make_tuple(translated_class<InvalidArgument>()),
                                          "A proof-system name that is not built in.");
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const ProofRefused& e) {
            py::object exc = py::reinterpret_steal<py::object>(PyObject_CallFunction(g_refused, "s", e.what()));
            if (!exc) return;
            exc.attr("failure") = py::str(std::string(failure_name(e.failure())));
            PyErr_SetObject(g_refused, exc.ptr());
        } catch (const UnknownProofSystem& e) {
            PyErr_SetString(unknown, e.what());
        }
    });
}

// A Python exception escaping an override: a ProofRefusedError becomes ProofRefused (its failure
// name kept when it is a known one), anything else a runtime_error carrying the message, so no
// Python object outlives the GIL inside C++ (e.g. a verifier contract turns it into a revert).
[[noreturn]] void rethrow_override_error(py::error_already_set& e, const char* what) {
    if (e.matches(g_refused)) {
        std::string failure;
        if (py::hasattr(e.value(), "failure")) failure = py::str(e.value().attr("failure"));
        Failure f = Failure::StatementMismatch;
        for (int i = 0; i <= static_cast<int>(Failure::Unsupported); ++i) {
            if (failure_name(static_cast<Failure>(i)) == failure) f = static_cast<Failure>(i);
        }
        throw ProofRefused(f, py::str(e.value()).cast<std::string>());
    }
    throw std::runtime_error(std::string("Python ProofSystem.") + what + "() raised: " + e.what());
}

class PyProofSystem : public ProofSystem, public py::trampoline_self_life_support {
public:
    template <typename R, typename... A>
    R call(const char* method, A&&... args) const {
        py::gil_scoped_acquire gil;
        auto f = py::get_override(static_cast<const ProofSystem*>(this), method);
        if (!f) throw std::runtime_error(std::string("ProofSystem subclass does not define ") + method + "()");
        try {
            return f(std::forward<A>(args)...).template cast<R>();
        } catch (py::error_already_set& e) {
            rethrow_override_error(e, method);
        } catch (const py::cast_error&) {
            throw std::runtime_error(std::string("ProofSystem.") + method + "() returned the wrong type");
        }
    }
    std::string name() const override { return call<std::string>("name"); }
    ProofProperties properties() const override { return call<ProofProperties>("properties"); }
    Bytes prove(const Statement& s, const BatchWitness& w) const override {
        return call<Bytes>("prove", s, py::cast(&w, py::return_value_policy::reference));
    }
    bool verify(const Statement& s, BytesView proof) const override {
        return call<bool>("verify", s, py::bytes(reinterpret_cast<const char*>(proof.data()), proof.size()));
    }
    std::uint64_t verify_gas(const Statement& s, BytesView proof) const override {
        return call<std::uint64_t>("verify_gas", s, py::bytes(reinterpret_cast<const char*>(proof.data()), proof.size()));
    }
    double prove_seconds(const Statement& s, const BatchWitness& w) const override {
        {
            py::gil_scoped_acquire gil;
            if (!py::get_override(static_cast<const ProofSystem*>(this), "prove_seconds")) {
                return ProofSystem::prove_seconds(s, w);
            }
        }
        return call<double>("prove_seconds", s, py::cast(&w, py::return_value_policy::reference));
    }
    Hash32 state_root(const rollup::L2State& st) const override {
        {
            py::gil_scoped_acquire gil;
            if (!py::get_override(static_cast<const ProofSystem*>(this), "state_root")) {
                return ProofSystem::state_root(st);
            }
        }
        return call<Hash32>("state_root", py::cast(&st, py::return_value_policy::reference));
    }
    crypto::SmtProof withdrawal_proof(const rollup::L2State& st, const Address& sender,
                                      std::uint64_t nonce) const override {
        {
            py::gil_scoped_acquire gil;
            if (!py::get_override(static_cast<const ProofSystem*>(this), "withdrawal_proof")) {
                return ProofSystem::withdrawal_proof(st, sender, nonce);
            }
        }
        return call<crypto::SmtProof>("withdrawal_proof", py::cast(&st, py::return_value_policy::reference), sender,
                                      nonce);
    }
    Verdict check(const Statement& s, BytesView proof) const override {
        {
            py::gil_scoped_acquire gil;
            if (!py::get_override(static_cast<const ProofSystem*>(this), "check")) {
                return ProofSystem::check(s, proof);
            }
        }
        return call<Verdict>("check", s, py::bytes(reinterpret_cast<const char*>(proof.data()), proof.size()));
    }
};

void bind_statement(py::module_& m) {
    py::class_<Statement>(m, "Statement",
                          "Public inputs of one batch proof (see statement.hpp); the verifier contract "
                          "builds it from L1 data.")
        .def(py::init([](std::uint64_t chain_id, const Address& fee_recipient, std::uint64_t batch_index,
                         const Hash32& pre, const Hash32& post, const std::string& da, const Hash32& commitment,
                         std::uint64_t qs, std::uint64_t qe, const Hash32& digest) {
                 if (qe < qs) throw InvalidArgument("queue_end must be >= queue_start");
                 return Statement{chain_id, fee_recipient, batch_index, pre, post, da_from(da), commitment, qs, qe, digest};
             }),
             py::arg("chain_id"), py::arg("fee_recipient"), py::arg("batch_index"), py::arg("pre_root"),
             py::arg("post_root"), py::arg("da"), py::arg("data_commitment"), py::arg("queue_start"),
             py::arg("queue_end"), py::arg("queue_digest"))
        .def_readwrite("chain_id", &Statement::chain_id)
        .def_readwrite("fee_recipient", &Statement::fee_recipient)
        .def_readwrite("batch_index", &Statement::batch_index)
        .def_readwrite("pre_root", &Statement::pre_root)
        .def_readwrite("post_root", &Statement::post_root)
        .def_property("da", [](const Statement& s) { return da_name(s.da); },
                      [](Statement& s, const std::string& v) { s.da = da_from(v); }, "'calldata' or 'blob'")
        .def_readwrite("data_commitment", &Statement::data_commitment)
        .def_readwrite("queue_start", &Statement::queue_start)
        .def_readwrite("queue_end", &Statement::queue_end)
        .def_readwrite("queue_digest", &Statement::queue_digest)
        .def("encode", [](const Statement& s) { return to_py(s.encode()); }, "Canonical RLP.")
        .def("hash", &Statement::hash, "keccak256(encode()).")
        .def_static("decode", [](const Bytes& b) { return Statement::decode(b); }, py::arg("data"),
                    "Strict inverse of encode(); DecodeError (ValueError) otherwise.")
        .def("copy", [](const Statement& s) { return s; })
        .def("__eq__", [](const Statement& a, const Statement& b) { return a == b; })
        .def("__repr__", [](const Statement& s) {
            return "Statement(chain_id=" + std::to_string(s.chain_id) + ", batch_index=" +
                   std::to_string(s.batch_index) + ", pre_root=" + s.pre_root.hex().substr(0, 10) +
                   "…, post_root=" + s.post_root.hex().substr(0, 10) + "…, da=" + da_name(s.da) +
                   ", queue=[" + std::to_string(s.queue_start) + ", " + std::to_string(s.queue_end) + "))";
        });
    m.def("queue_digest", [](const std::vector<Hash32>& h) { return queue_digest(h); }, py::arg("op_hashes"),
          "Hash chain over consumed queue items' op hashes (statement.hpp).");
}

void bind_systems(py::module_& m) {
    py::class_<ProofProperties>(m, "ProofProperties", "What a proof system declares about itself.")
        .def(py::init([](bool succinct, bool zk, std::string soundness, bool modelled) {
                 return ProofProperties{succinct, zk, std::move(soundness), modelled};
             }),
             py::arg("succinct"), py::arg("zero_knowledge"), py::arg("soundness"), py::arg("modelled") = false)
        .def_readonly("succinct", &ProofProperties::succinct)
        .def_readonly("zero_knowledge", &ProofProperties::zero_knowledge)
        .def_readonly("soundness", &ProofProperties::soundness)
        .def_readonly("modelled", &ProofProperties::modelled)
        .def("__repr__", [](const ProofProperties& p) {
            return std::string("ProofProperties(succinct=") + (p.succinct ? "True" : "False") +
                   ", zero_knowledge=" + (p.zero_knowledge ? "True" : "False") +
                   ", modelled=" + (p.modelled ? "True" : "False") + ")";
        });
    py::class_<Verdict>(m, "Verdict", "Accepted or the first failing check, and the L1 execution gas.")
        .def(py::init([](bool ok, std::string failure, std::uint64_t gas) { return Verdict{ok, std::move(failure), gas}; }),
             py::arg("ok"), py::arg("failure") = "", py::arg("gas") = 0)
        .def_readonly("ok", &Verdict::ok)
        .def_readonly("failure", &Verdict::failure)
        .def_readonly("gas", &Verdict::gas)
        .def("__repr__", [](const Verdict& v) {
            return std::string("Verdict(ok=") + (v.ok ? "True" : "False") + ", failure='" + v.failure +
                   "', gas=" + std::to_string(v.gas) + ")";
        });
    py::class_<BatchWitness>(m, "BatchWitness", "What a prover is handed for one batch.")
        .def(py::init([](const rollup::L2State& pre, std::vector<rollup::Op> queue_ops,
                         std::vector<rollup::L2Tx> txs, const Bytes& frame) {
                 return BatchWitness{std::make_shared<const rollup::L2State>(pre.clone()), std::move(queue_ops),
                                     std::move(txs), frame};
             }),
             py::arg("pre_state"), py::arg("queue_ops"), py::arg("txs"), py::arg("frame"),
             "pre_state is copied.")
        .def_property_readonly("pre_state", [](const BatchWitness& w) -> const rollup::L2State& { return *w.pre_state; },
                               py::return_value_policy::reference_internal)
        .def_readonly("queue_ops", &BatchWitness::queue_ops)
        .def_readonly("txs", &BatchWitness::txs)
        .def_property_readonly("frame", [](const BatchWitness& w) { return to_py(w.frame); });

    py::class_<ProofSystem, PyProofSystem, py::smart_holder>(
        m, "ProofSystem",
        "A proof system. Subclass it in Python: call super().__init__() and define name() -> str, "
        "properties() -> ProofProperties, prove(statement, witness) -> bytes (raise "
        "ProofRefusedError to refuse), verify(statement, proof) -> bool, verify_gas(statement, "
        "proof) -> int; optionally prove_seconds(statement, witness) -> float, "
        "check(statement, proof) -> Verdict and state_root(state) -> bytes. Plug it into a zk rollup with "
        "RollupConfig(mode='zk', proof_system=obj).")
        .def(py::init<>())
        .def("name", &ProofSystem::name)
        .def("properties", &ProofSystem::properties)
        .def("prove", [](const ProofSystem& ps, const Statement& s, const BatchWitness& w) {
                Bytes out;
                {
                    py::gil_scoped_release r;
                    out = ps.prove(s, w);
                }
                return to_py(out);
            },
            py::arg("statement"), py::arg("witness"), "Proof bytes; ProofRefusedError when the witness does not show the statement.")
        .def("verify", [](const ProofSystem& ps, const Statement& s, const Bytes& p) {
                py::gil_scoped_release r;
                return ps.verify(s, p);
            },
            py::arg("statement"), py::arg("proof"))
        .def("verify_gas", [](const ProofSystem& ps, const Statement& s, const Bytes& p) {
                py::gil_scoped_release r;
                return ps.verify_gas(s, p);
            },
            py::arg("statement"), py::arg("proof"), "L1 execution gas of verifying `proof`.")
        .def("prove_seconds", &ProofSystem::prove_seconds, py::arg("statement"), py::arg("witness"),
             "Modelled proving time (s) the prover actor waits before submitting.")
        .def("check", [](const ProofSystem& ps, const Statement& s, const Bytes& p) {
                py::gil_scoped_release r;
                return ps.check(s, p);
            },
            py::arg("statement"), py::arg("proof"), "verify + verify_gas in one pass, with the failure's name.")
        .def("state_root", [](const ProofSystem& ps, const rollup::L2State& st) {
                py::gil_scoped_release r;
                return ps.state_root(st);
            },
            py::arg("state"),
            "The root this system's statements use for a state (default: state.state_root(); "
            "`stark`: its Keccak tree over the Rescue account-tree root, registry and withdrawals). Optional to override.")
        .def("withdrawal_proof",
             [](const ProofSystem& ps, const rollup::L2State& st, const Address& sender, std::uint64_t nonce) {
                 py::gil_scoped_release r;
                 return ps.withdrawal_proof(st, sender, nonce);
             },
             py::arg("state"), py::arg("sender"), py::arg("nonce"),
             "The Keccak SMT proof of withdrawal (sender, nonce) under state_root(state), what the inbox's "
             "finalize_withdrawal checks (default: state.prove_withdrawal(); `stark`: in its Keccak tree, "
             "StateError when absent). Optional to override.")
        .def("__repr__", [](const ProofSystem& ps) { return "ProofSystem('" + ps.name() + "')"; });

    py::class_<WitnessProofSystem, ProofSystem, py::smart_holder>(
        m, "WitnessProofSystem",
        "`witness`: the proof carries the batch and a Merkle multiproof; the verifier re-executes it "
        "with the rollup's STF. Sound, not succinct, not zero-knowledge.")
        .def(py::init([](std::size_t cap) { return std::make_shared<WitnessProofSystem>(WitnessOptions{cap}); }),
             py::arg("max_decompressed") = std::size_t{16u << 20})
        .def("forge", [](const WitnessProofSystem& ws, const Statement& s, const BatchWitness& w) {
                Bytes out;
                {
                    py::gil_scoped_release r;
                    out = ws.build(s, w).encode();
                }
                return to_py(out);
            },
            py::arg("statement"), py::arg("witness"),
            "The proof prove() would build, without checking it: a cheating prover for soundness "
            "experiments (verify() rejects it unless the statement is true).");
    m.def("witness_proof_summary", [](const Bytes& proof) {
              const WitnessProof p = WitnessProof::decode(proof);
              py::dict d;
              d["statement_hash"] = p.statement_hash;
              d["frame_bytes"] = p.frame.size();
              d["queue_ops"] = p.queue_ops.size();
              d["txs"] = p.txs.size();
              d["accounts"] = p.accounts.size();
              d["tree_nodes"] = p.tree.node_count();
              d["tree_bytes"] = p.tree.encode().size();
              return d;
          },
          py::arg("proof"),
          "What a witness proof carries (sizes and counts). DecodeError (ValueError) for a "
          "truncated, oversized (> 32 MiB) or otherwise malformed proof.");
    py::class_<CostModel>(m, "CostModel", "Cost model of the modelled prover (defaults: Groth16 over BN254; see modelled.hpp).")
        .def(py::init([](std::string label, std::size_t bytes, std::uint64_t base, std::uint64_t per_input,
                         std::uint64_t inputs, double sec, double sec_tx, std::uint64_t seed) {
                 return CostModel{std::move(label), bytes, base, per_input, inputs, sec, sec_tx, seed};
             }),
             py::arg("label") = "groth16-bn254", py::arg("proof_bytes") = 256,
             py::arg("verify_gas_base") = 181'000, py::arg("verify_gas_per_public_input") = 6'150,
             py::arg("public_inputs") = 1, py::arg("prove_seconds_base") = 240.0,
             py::arg("prove_seconds_per_tx") = 0.0, py::arg("key_seed") = 0)
        .def_readonly("label", &CostModel::label)
        .def_readonly("proof_bytes", &CostModel::proof_bytes)
        .def_readonly("verify_gas_base", &CostModel::verify_gas_base)
        .def_readonly("verify_gas_per_public_input", &CostModel::verify_gas_per_public_input)
        .def_readonly("public_inputs", &CostModel::public_inputs)
        .def_readonly("prove_seconds_base", &CostModel::prove_seconds_base)
        .def_readonly("prove_seconds_per_tx", &CostModel::prove_seconds_per_tx);
    py::class_<ModelledProofSystem, ProofSystem, py::smart_holder>(
        m, "ModelledProofSystem",
        "`modelled`: a MODEL of a succinct prover. Refuses exactly what `witness` refuses; size, "
        "proving time and verify gas follow its CostModel.")
        .def(py::init([](const CostModel& c) { return std::make_shared<ModelledProofSystem>(c); }),
             py::arg_v("model", CostModel{}, "CostModel()"))
        .def_property_readonly("model", &ModelledProofSystem::model);
    m.def("proof_system_names", &proof_system_names, "Names of the built-in proof systems.");
    m.def("make_proof_system",
          [](const std::string& name) { return std::const_pointer_cast<ProofSystem>(make_proof_system(name)); },
          py::arg("name"), "A built-in system by name; UnknownProofSystemError (ValueError) otherwise.");
    m.def("failure_names", [] {
        std::vector<std::string> out;
        for (int i = 0; i <= static_cast<int>(Failure::Unsupported); ++i) {
            out.emplace_back(failure_name(static_cast<Failure>(i)));
        }
        return out;
    }, "Stable names of proof refusals and rejections.");
}

void bind_batches(py::module_& m) {
    py::class_<rollup::DiffBatch>(m, "DiffBatch", "A zk-mode batch as posted: queue range and state diff.")
        .def(py::init([](std::uint64_t qs, std::uint64_t qe, rollup::StateDiff d) { return rollup::DiffBatch{qs, qe, std::move(d)}; }),
             py::arg("queue_start"), py::arg("queue_end"), py::arg("diff"))
        .def_readwrite("queue_start", &rollup::DiffBatch::queue_start)
        .def_readwrite("queue_end", &rollup::DiffBatch::queue_end)
        .def_readwrite("diff", &rollup::DiffBatch::diff)
        .def("__eq__", [](const rollup::DiffBatch& a, const rollup::DiffBatch& b) { return a == b; });
    m.def("encode_diff_batch", [](const rollup::DiffBatch& b, const std::string& codec, int level) {
              return to_py(rollup::encode_diff_batch(b, rollup::codec_from_name(codec), level));
          },
          py::arg("batch"), py::arg("codec") = "zstd", py::arg("level") = 3, "The frame (version 4; raw, codec byte none, when the codec would not make it smaller).");
    m.def("encode_diff_batch_payload", [](const rollup::DiffBatch& b) { return to_py(rollup::encode_diff_batch_payload(b)); },
          py::arg("batch"));
    m.def("decode_diff_batch", [](const Bytes& frame, std::size_t cap) { return rollup::decode_diff_batch(frame, cap); },
          py::arg("frame"), py::arg("max_decompressed") = rollup::kDefaultMaxDecompressed,
          "Strict inverse of encode_diff_batch; DecodeError (ValueError) otherwise.");
    py::class_<PreparedBatch>(m, "PreparedBatch", "A batch ready to post and prove.")
        .def_readonly("statement", &PreparedBatch::statement)
        .def_readonly("witness", &PreparedBatch::witness)
        .def_readonly("data", &PreparedBatch::data)
        .def_property_readonly("post_state", [](const PreparedBatch& b) -> const rollup::L2State& { return *b.post; },
                               py::return_value_policy::reference_internal)
        .def_readonly("outcomes", &PreparedBatch::outcomes);
    m.def("prepare_batch",
          [](const rollup::L2State& pre, const rollup::StfConfig& stf, std::uint64_t index, std::uint64_t qs,
             std::vector<rollup::Op> qops, std::vector<rollup::L2Tx> txs, const std::string& da,
             const std::string& codec, int level) {
              auto p = std::make_shared<const rollup::L2State>(pre.clone());
              py::gil_scoped_release r;
              return prepare_batch(p, stf, index, qs, std::move(qops), std::move(txs), da_from(da),
                                   rollup::codec_from_name(codec), level);
          },
          py::arg("pre_state"), py::arg("stf"), py::arg("batch_index"), py::arg("queue_start"),
          py::arg("queue_ops"), py::arg("txs"), py::arg("da") = "calldata", py::arg("codec") = "zstd",
          py::arg("level") = 3,
          "Apply queue ops then txs to a copy of pre_state; frame, commitment, statement, witness.");
    m.def("make_statement",
          [](const rollup::StfConfig& stf, std::uint64_t index, const Hash32& pre_root, const Hash32& post_root,
             const rollup::DiffBatch& data, const std::string& da, const Bytes& frame,
             const std::vector<rollup::Op>& qops) {
              return make_statement(stf, index, pre_root, post_root, data, da_from(da), frame, qops);
          },
          py::arg("stf"), py::arg("batch_index"), py::arg("pre_root"), py::arg("post_root"), py::arg("data"),
          py::arg("da"), py::arg("frame"), py::arg("queue_ops"),
          "The statement claiming post_root for a frame applied on pre_root (e.g. after tampering with it).");
    m.def("data_commitment", [](const std::string& da, const Bytes& frame) { return data_commitment(da_from(da), frame); },
          py::arg("da"), py::arg("frame"), "keccak256(frame) or the blob's versioned hash.");
}

}  // namespace

void init_validity(py::module_& m) {
    m.doc() = "validity proofs: statements, pluggable proof systems, the zk rollup mode";
    bind_errors(m);
    bind_statement(m);
    bind_systems(m);
    bind_batches(m);
    bind_validity_zk(m);
}

}  // namespace l2lab::bindings
