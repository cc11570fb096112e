// Bindings for cpp/l2lab/fault: the derivation machine, the chain source, traces, one-step and
// non-interactive proofs, cheating STF variants (subclassable from Python); the game contract's
// configuration, calldata and readers are in fault_game.cpp, players and deployment in
// fault_agents.cpp. Conversion and GIL handling only.
//
// Enumerations cross as their stable snake_case names (GameStatus "challenger_wins", StepKind
// "open_batch", CheatKind "mint", SkipReason "bad_signature"); an unknown name raises
// InvalidArgumentError listing the valid ones. fault::MissingData (data a step needs is not
// available, or a proof's preimage does not match) becomes l2lab.MissingDataError, an
// l2lab.Error.
#include <pybind11/stl.h>

#include <string>

#include "bindings.hpp"
#include "casters.hpp"
#include "fault_names.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/fault/chain_source.hpp"
#include "l2lab/fault/game.hpp"
#include "l2lab/fault/machine.hpp"
#include "l2lab/fault/proof.hpp"
#include "l2lab/fault/trace.hpp"
#include "l2lab/fault/variant.hpp"

namespace py = pybind11;

namespace l2lab::bindings {

void bind_fault_game(py::module_& m);    // fault_game.cpp
void bind_fault_agents(py::module_& m);  // fault_agents.cpp

namespace {

using namespace l2lab::fault;
using fault_names::as_bytes;
using fault_names::enum_from_name;
using fault_names::enum_names;

std::string hex_of(const Hash32& h) { return "0x" + h.hex(); }

// Python subclasses of StfVariant: name() and after_step() are looked up on the Python object.
// The state handed to after_step is the trace's own (mutate it in place; do not keep it).
class PyStfVariant : public StfVariant, public py::trampoline_self_life_support {
public:
    std::string name() const override {
        py::gil_scoped_acquire gil;
        if (auto f = py::get_override(static_cast<const StfVariant*>(this), "name")) {
            return f().cast<std::string>();
        }
        return StfVariant::name();
    }
    void after_step(rollup::L2State& state, const rollup::StfConfig& config, std::uint64_t step,
                    const rollup::Op* op, const rollup::StepOutcome* outcome) const override {
        py::gil_scoped_acquire gil;
        auto f = py::get_override(static_cast<const StfVariant*>(this), "after_step");
        if (!f) return;
        f(py::cast(&state, py::return_value_policy::reference), config, step,
          op ? py::cast(*op) : py::none(), outcome ? py::cast(*outcome) : py::none());
    }
};

// A OneStepProof's records cross as (index, record encoding) pairs.
template <typename R>
py::list indexed_encodings(const std::vector<std::pair<std::uint64_t, R>>& records) {
    py::list out;
    for (const auto& [i, r] : records) out.append(py::make_tuple(i, as_bytes(r.encode())));
    return out;
}

void bind_machine(py::module_& m) {
    py::class_<MachineConfig>(m, "MachineConfig",
                              "Derivation parameters the machine needs; must equal the rollup's "
                              "(forced_window W in L1 blocks, decompression cap in bytes).")
        .def(py::init([](std::uint64_t forced_window, std::size_t max_decompressed) {
                 return MachineConfig{forced_window, max_decompressed};
             }),
             py::arg("forced_window") = 10, py::arg("max_decompressed") = std::size_t(16u << 20))
        .def_readwrite("forced_window", &MachineConfig::forced_window)
        .def_readwrite("max_decompressed", &MachineConfig::max_decompressed)
        .def("__eq__", [](const MachineConfig& a, const MachineConfig& b) { return a == b; },
             py::is_operator())
        .def("__repr__", [](const MachineConfig& c) {
            return "MachineConfig(forced_window=" + std::to_string(c.forced_window) +
                   ", max_decompressed=" + std::to_string(c.max_decompressed) + ")";
        });

    py::class_<Cursor>(m, "Cursor", "Where derivation stands (see fault/machine.hpp).")
        .def(py::init<>())
        .def_readwrite("block", &Cursor::block, "L1 block being derived.")
        .def_readwrite("forced_done", &Cursor::forced_done)
        .def_readwrite("queue_consumed", &Cursor::queue_consumed)
        .def_readwrite("next_batch", &Cursor::next_batch)
        .def_readwrite("in_batch", &Cursor::in_batch)
        .def_readwrite("batch_queue_end", &Cursor::batch_queue_end)
        .def_readwrite("batch_tx_count", &Cursor::batch_tx_count)
        .def_readwrite("tx_index", &Cursor::tx_index)
        .def_readwrite("batch_txs_root", &Cursor::batch_txs_root)
        .def("__eq__", [](const Cursor& a, const Cursor& b) { return a == b; }, py::is_operator())
        .def("__repr__", [](const Cursor& c) {
            return "Cursor(block=" + std::to_string(c.block) + ", forced_done=" +
                   (c.forced_done ? "True" : "False") +
                   ", queue_consumed=" + std::to_string(c.queue_consumed) +
                   ", next_batch=" + std::to_string(c.next_batch) +
                   ", in_batch=" + (c.in_batch ? "True" : "False") +
                   ", tx_index=" + std::to_string(c.tx_index) + "/" +
                   std::to_string(c.batch_tx_count) + ")";
        });

    py::class_<MachineState>(m, "MachineState",
                             "The machine's state (L2 state root, cursor): what every claim of a "
                             "dispute commits to (commitment() = keccak256(encode())).")
        .def(py::init([](const Hash32& root, const Cursor& cursor) { return MachineState{root, cursor}; }),
             py::arg("state_root"), py::arg("cursor"))
        .def_readwrite("state_root", &MachineState::state_root)
        .def_readwrite("cursor", &MachineState::cursor)
        .def("encode", [](const MachineState& s) { return as_bytes(s.encode()); })
        .def_static("decode", [](const Bytes& b) { return MachineState::decode(b); },
                    py::arg("data"),
                    "Strict inverse of encode(); DecodeError for malformed or non-canonical "
                    "states (block 0, an open batch with nothing left, stray batch fields).")
        .def("commitment", &MachineState::commitment)
        .def("__eq__", [](const MachineState& a, const MachineState& b) { return a == b; },
             py::is_operator())
        .def("__repr__", [](const MachineState& s) {
            return "MachineState(root=" + hex_of(s.state_root).substr(0, 12) + "..., block=" +
                   std::to_string(s.cursor.block) + ", queue_consumed=" +
                   std::to_string(s.cursor.queue_consumed) + ", next_batch=" +
                   std::to_string(s.cursor.next_batch) + (s.cursor.in_batch ? ", in_batch" : "") +
                   ")";
        });
    m.def("genesis_state", &genesis_state,
          "The machine state at genesis (empty L2 state, L1 block 1, nothing consumed).");
    m.def("end_of_block_state", &end_of_block_state, py::arg("root"), py::arg("block"),
          py::arg("queue_consumed"), py::arg("next_batch"),
          "The state after deriving L1 blocks 0..block: `root`, cursor at the start of block + 1.");
    m.def("is_end_of_block", &is_end_of_block, py::arg("state"),
          "Whether the state is an end-of-block state (cursor at a block start, no open batch).");
    m.def("step_kind_names", [] { return enum_names(&step_kind_name); },
          "Names of the machine's step kinds, in enum order.");
    m.def("frame_from_blob_bytes", [](const Bytes& b) { return as_bytes(frame_from_blob_bytes(b)); },
          py::arg("blob_bytes"),
          "The batch frame derivation reads from a blob's bytes (4-byte length prefix); empty "
          "when the prefix is out of range.");
    m.def("batch_txs_root", &batch_txs_root, py::arg("txs"),
          "Merkle root (RFC 6962, keccak) of a batch's tx encodings.");
    m.def("blob_versioned_hash_of", [](const Bytes& b) { return blob_versioned_hash_of(b); },
          py::arg("trimmed_blob"),
          "Versioned hash of the blob holding these bytes followed by zeros (modelled EIP-4844); "
          "InvalidArgumentError when longer than a blob.");

    py::class_<ChainSource>(m, "ChainSource",
                            "What an honest node reads from L1 for the machine: the inbox's "
                            "records, batch calldata and blobs. Call sync(chain) to read new "
                            "blocks.")
        .def(py::init<Address, MachineConfig>(), py::arg("inbox"), py::arg("machine"))
        .def("sync", &ChainSource::sync, py::arg("chain"), py::keep_alive<1, 2>(),
             py::call_guard<py::gil_scoped_release>(),
             "Read the inbox's logs up to the chain's head (incrementally; the source keeps a "
             "reference to the chain).")
        .def_property_readonly("synced_block", &ChainSource::synced_block)
        .def_property_readonly("queue_length", &ChainSource::queue_length)
        .def_property_readonly("batch_count", &ChainSource::batch_count)
        .def("batch_data", [](ChainSource& s, std::uint64_t i) { return as_bytes(s.batch_data(i)); },
             py::arg("index"),
             "Raw data a one-step proof carries for batch `index` (calldata frame, or blob bytes "
             "without trailing zeros). MissingDataError for a withheld blob.")
        .def("batch_txs", &ChainSource::batch_txs, py::arg("index"),
             "Decoded txs of batch `index` (empty when undecodable). MissingDataError as "
             "batch_data.");

    py::class_<RecordCaps>(m, "RecordCaps",
                           "The inbox's queue and batch counts a dispute is limited to (records "
                           "appended later cannot change a step).")
        .def(py::init([](std::uint64_t q, std::uint64_t b) { return RecordCaps{q, b}; }),
             py::arg("queue_count") = UINT64_MAX, py::arg("batch_count") = UINT64_MAX)
        .def_readwrite("queue_count", &RecordCaps::queue_count)
        .def_readwrite("batch_count", &RecordCaps::batch_count)
        .def("__eq__", [](const RecordCaps& a, const RecordCaps& b) { return a == b; },
             py::is_operator())
        .def("__repr__", [](const RecordCaps& c) {
            return "RecordCaps(queue_count=" + std::to_string(c.queue_count) +
                   ", batch_count=" + std::to_string(c.batch_count) + ")";
        });
}

void bind_variants(py::module_& m) {
    py::class_<StfVariant, PyStfVariant, py::smart_holder>(
        m, "StfVariant",
        "What a player believes: the honest STF (this base class), or a deviant one. Subclass it "
        "in Python (call super().__init__()) and override name() -> str and "
        "after_step(state, config, step, op, outcome), called after every machine step of a "
        "trace (`op` and `outcome` are None for steps that apply no op); mutate `state` (an "
        "L2State) in place to cheat, and do not keep it after returning. The one-step proof on "
        "L1 always runs the real STF, so such a trace loses its disputes.")
        .def(py::init<>())
        .def("name", &StfVariant::name)
        .def("after_step",
             [](const StfVariant& v, rollup::L2State& state, const rollup::StfConfig& config,
                std::uint64_t step, std::optional<rollup::Op> op,
                std::optional<rollup::StepOutcome> outcome) {
                 v.after_step(state, config, step, op ? &*op : nullptr,
                              outcome ? &*outcome : nullptr);
             },
             py::arg("state"), py::arg("config"), py::arg("step"), py::arg("op") = py::none(),
             py::arg("outcome") = py::none());

    m.def("cheat_kind_names", [] { return enum_names(&cheat_kind_name); });
    m.def("skip_reason_names", [] { return enum_names(&rollup::skip_reason_name); },
          "The STF's skip reasons (CheatSpec.reason), in enum order.");
    py::class_<CheatSpec>(m, "CheatSpec",
                          "A concrete cheat. kind 'apply_skipped': a tx the STF skips with "
                          "`reason` is applied anyway (its `to` credited its value); "
                          "'wrong_fee': the fee recipient is credited twice the fee; 'mint': "
                          "`amount` wei appear in `account` after machine step `step`.")
        .def(py::init([](const std::string& kind, const std::string& reason, std::uint64_t step,
                         const Address& account, const u256& amount) {
                 CheatSpec s;
                 s.kind = enum_from_name(&cheat_kind_name, kind, "CheatSpec.kind");
                 s.reason = enum_from_name(&rollup::skip_reason_name, reason, "CheatSpec.reason");
                 s.step = step;
                 s.account = account;
                 s.amount = amount;
                 return s;
             }),
             py::arg("kind") = "apply_skipped", py::arg("reason") = "insufficient_balance",
             py::arg("step") = 0, py::arg("account") = Address{}, py::arg("amount") = 1)
        .def_property(
            "kind", [](const CheatSpec& s) { return std::string(cheat_kind_name(s.kind)); },
            [](CheatSpec& s, const std::string& k) {
                s.kind = enum_from_name(&cheat_kind_name, k, "CheatSpec.kind");
            })
        .def_property(
            "reason", [](const CheatSpec& s) { return std::string(rollup::skip_reason_name(s.reason)); },
            [](CheatSpec& s, const std::string& r) {
                s.reason = enum_from_name(&rollup::skip_reason_name, r, "CheatSpec.reason");
            })
        .def_readwrite("step", &CheatSpec::step)
        .def_readwrite("account", &CheatSpec::account)
        .def_readwrite("amount", &CheatSpec::amount)
        .def("__repr__", [](const CheatSpec& s) {
            return "CheatSpec(kind='" + std::string(cheat_kind_name(s.kind)) + "', reason='" +
                   std::string(rollup::skip_reason_name(s.reason)) + "', step=" +
                   std::to_string(s.step) + ", amount=" + to_dec(s.amount) + ")";
        });
    py::class_<Cheat, StfVariant, py::smart_holder>(m, "Cheat", "An StfVariant applying one CheatSpec.")
        .def(py::init<CheatSpec>(), py::arg("spec"))
        .def_property_readonly("spec", &Cheat::spec);
}

void bind_proofs(py::module_& m) {
    m.attr("MAX_ONE_STEP_PROOF_BYTES") = kMaxOneStepProofBytes;
    py::class_<OneStepProof>(
        m, "OneStepProof",
        "Everything the L1 verifier needs to re-execute one machine step (fault/proof.hpp). "
        "Records cross as (index, encoded QueueRecord / BatchRecord) pairs.")
        .def_property_readonly("pre_state", [](const OneStepProof& p) { return as_bytes(p.pre_state); },
                               "MachineState encoding (empty inside a NonInteractiveProof).")
        .def_property_readonly("queue_records",
                               [](const OneStepProof& p) { return indexed_encodings(p.queue_records); })
        .def_property_readonly("batch_records",
                               [](const OneStepProof& p) { return indexed_encodings(p.batch_records); })
        .def_property_readonly("queue_op", [](const OneStepProof& p) -> std::optional<py::bytes> {
            if (!p.queue_op) return std::nullopt;
            return as_bytes(*p.queue_op);
        })
        .def_property_readonly("batch_data", [](const OneStepProof& p) -> std::optional<py::bytes> {
            if (!p.batch_data) return std::nullopt;
            return as_bytes(*p.batch_data);
        })
        .def_readonly("tx", &OneStepProof::tx)
        .def_readonly("tx_proof", &OneStepProof::tx_proof)
        .def_readonly("witness", &OneStepProof::witness)
        .def("encode", [](const OneStepProof& p) { return as_bytes(p.encode()); })
        .def_static("decode", [](const Bytes& b) { return OneStepProof::decode(b); }, py::arg("data"),
                    "Strict inverse of encode(); DecodeError for malformed, non-canonical or "
                    "oversized input, unsorted or duplicate indices, a tx without its path.")
        .def("__eq__", [](const OneStepProof& a, const OneStepProof& b) { return a == b; },
             py::is_operator())
        .def("__repr__", [](const OneStepProof& p) {
            return "OneStepProof(" + std::to_string(p.encode().size()) + " bytes, queue_records=" +
                   std::to_string(p.queue_records.size()) + ", batch_records=" +
                   std::to_string(p.batch_records.size()) + (p.tx ? ", tx" : "") +
                   (p.witness ? ", witness" : "") + ")";
        });

    py::class_<VerifiedMachineStep>(m, "VerifiedMachineStep", "Outcome of re-executing one step.")
        .def_readonly("post", &VerifiedMachineStep::post, "The MachineState after the step.")
        .def_property_readonly("kind", [](const VerifiedMachineStep& v) {
            return std::string(step_kind_name(v.kind));
        })
        .def_readonly("outcome", &VerifiedMachineStep::outcome,
                      "StepOutcome for a step that applies an op, else None.")
        .def("__repr__", [](const VerifiedMachineStep& v) {
            return "VerifiedMachineStep(kind='" + std::string(step_kind_name(v.kind)) + "', post=" +
                   hex_of(v.post.commitment()).substr(0, 12) + "...)";
        });
    m.def(
        "execute_step",
        [](const MachineState& pre, std::uint64_t target_block, const MachineConfig& machine,
           const rollup::StfConfig& stf, ChainSource& source,
           const std::optional<rollup::StepWitness>& witness) {
            NoMeter meter;
            return execute_step(pre, target_block, machine, stf, source, meter, witness);
        },
        py::arg("pre"), py::arg("target_block"), py::arg("machine"), py::arg("stf"),
        py::arg("source"), py::arg("witness") = py::none(), py::call_guard<py::gil_scoped_release>(),
        "Re-execute one step from `pre` reading L1 through a ChainSource (off-chain). A step that "
        "applies an op needs its StepWitness; MissingDataError when data or witness is missing "
        "or inconsistent with pre.state_root.");
    m.def(
        "verify_one_step",
        [](const l1::Chain& chain, const Address& inbox, const OneStepProof& proof,
           std::uint64_t target_block, const MachineConfig& machine, const rollup::StfConfig& stf) {
            ChainProofHooks hooks(chain, inbox);
            ProofSource source(proof, hooks);
            NoMeter meter;
            return execute_step(MachineState::decode(proof.pre_state), target_block, machine, stf,
                                source, meter, proof.witness);
        },
        py::arg("chain"), py::arg("inbox"), py::arg("proof"), py::arg("target_block"),
        py::arg("machine"), py::arg("stf"), py::call_guard<py::gil_scoped_release>(),
        "Check a OneStepProof as the game contract does (same stateless re-execution, preimages "
        "checked against the inbox's stored record hashes), without gas. DecodeError for a bad "
        "pre_state, MissingDataError when the proof lacks or mislabels data.");

    py::class_<NonInteractiveProof>(
        m, "NonInteractiveProof",
        "A whole-trace proof for prove_invalid: the anchor state's encoding and one OneStepProof "
        "per step (each with an empty pre_state).")
        .def_property_readonly("anchor_state", [](const NonInteractiveProof& p) { return as_bytes(p.anchor_state); })
        .def_readonly("steps", &NonInteractiveProof::steps)
        .def("encode", [](const NonInteractiveProof& p) { return as_bytes(p.encode()); })
        .def_static("decode", [](const Bytes& b) { return NonInteractiveProof::decode(b); },
                    py::arg("data"), "Strict inverse of encode(); DecodeError otherwise.")
        .def("__len__", [](const NonInteractiveProof& p) { return p.steps.size(); })
        .def("__repr__", [](const NonInteractiveProof& p) {
            return "NonInteractiveProof(steps=" + std::to_string(p.steps.size()) + ")";
        });
}

void bind_trace(py::module_& m) {
    py::class_<Trace, py::smart_holder>(
        m, "Trace",
        "The derivation machine run off-chain from an end-of-block state to the end of an L1 "
        "block: every state, its commitment, one-step proofs. Position 0 is the start; every "
        "position >= len(trace) is the final state.")
        .def(py::init([](const MachineConfig& machine, const rollup::StfConfig& stf,
                         ChainSource& source, const RecordCaps& caps, const MachineState& start,
                         const rollup::L2State& state, std::uint64_t target_block,
                         std::shared_ptr<StfVariant> variant) {
                 rollup::L2State copy = state.clone();
                 py::gil_scoped_release nogil;
                 return std::make_shared<Trace>(machine, stf, source, caps, start, std::move(copy),
                                                target_block, variant.get());
             }),
             py::arg("machine"), py::arg("stf"), py::arg("source"), py::arg("caps"),
             py::arg("start"), py::arg("state"), py::arg("target_block"),
             py::arg("variant") = nullptr, py::keep_alive<1, 4>(), py::keep_alive<1, 9>(),
             "Run from `start` (end-of-block, L2 state `state`, copied) to the end of "
             "`target_block`, believing `variant` (None: honest). InvalidArgumentError when "
             "state's root is not start's or start is not end-of-block; MissingDataError when "
             "the machine cannot get data (a withheld blob).")
        .def_property_readonly("target_block", &Trace::target_block)
        .def_property_readonly("length", &Trace::length, "Steps until the machine is done.")
        .def("__len__", &Trace::length)
        .def("state", &Trace::state, py::arg("position"), py::return_value_policy::copy)
        .def("commitment", &Trace::commitment, py::arg("position"))
        .def_property_readonly("final_state", &Trace::final_state, py::return_value_policy::copy)
        .def("final_l2_state", [](const Trace& t) { return t.final_l2_state().clone(); },
             "A copy of the L2 state at the end.")
        .def("step_kind", [](const Trace& t, std::uint64_t s) {
            return std::string(step_kind_name(t.step_kind(s)));
        }, py::arg("step"), "Kind of the step from position `step` ('done' beyond the end).")
        .def("prove", &Trace::prove, py::arg("position"), py::call_guard<py::gil_scoped_release>(),
             "OneStepProof of the step position -> position + 1 (replays the trace up to it).")
        .def("__repr__", [](const Trace& t) {
            return "Trace(target_block=" + std::to_string(t.target_block()) +
                   ", length=" + std::to_string(t.length()) + ")";
        });
    m.def("make_noninteractive_proof", &make_noninteractive_proof, py::arg("trace"),
          py::call_guard<py::gil_scoped_release>(),
          "The NonInteractiveProof of a trace (every step's data).");
}

void bind_missing_data(py::module_& m) {
    // l2lab.Error is not importable while _core initialises: take the class the registered
    // translator raises for an l2lab::Error.
    py::object base = py::reinterpret_borrow<py::object>(PyExc_RuntimeError);
    try {
        py::cpp_function([] { throw Error("probe"); })();
    } catch (py::error_already_set& e) {
        base = e.type();
    }
    static PyObject* missing = PyErr_NewExceptionWithDoc(
        "l2lab.MissingDataError",
        "Data a derivation step needs is not available (a withheld blob), or a one-step proof "
        "lacks or mislabels a preimage.",
        base.ptr(), nullptr);
    if (missing == nullptr) throw py::error_already_set();
    m.add_object("MissingDataError", py::reinterpret_borrow<py::object>(missing));
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const MissingData& e) {
            PyErr_SetString(missing, e.what());
        }
    });
}

}  // namespace

void init_fault(py::module_& m) {
    m.doc() = "optimistic fault proofs: derivation machine, dispute game contract, one-step "
              "proofs, players";
    bind_missing_data(m);
    bind_machine(m);
    bind_variants(m);
    bind_proofs(m);
    bind_trace(m);
    bind_fault_game(m);
    bind_fault_agents(m);
}

}  // namespace l2lab::bindings
