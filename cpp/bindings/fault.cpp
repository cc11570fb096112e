// Bindings for cpp/l2lab/fault, part 1: the derivation machine, the chain source, traces,
// one-step and non-interactive proofs, the game's configuration, calldata builders and storage
// readers, cheating STF variants (subclassable from Python). Part 2 (fault_agents.cpp): players
// and deployment. Conversion and GIL handling only.
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
#include "l2lab/core/error.hpp"
#include "l2lab/fault/chain_source.hpp"
#include "l2lab/fault/game.hpp"
#include "l2lab/fault/machine.hpp"
#include "l2lab/fault/proof.hpp"
#include "l2lab/fault/trace.hpp"
#include "l2lab/fault/variant.hpp"

namespace py = pybind11;

namespace l2lab::bindings {

void bind_fault_agents(py::module_& m);  // fault_agents.cpp

namespace {

using namespace l2lab::fault;

py::bytes as_bytes(const Bytes& b) {
    return py::bytes(reinterpret_cast<const char*>(b.data()), b.size());
}

// Every name of an enum whose values are 0, 1, ... and whose name function answers "unknown"
// past the last one.
template <typename E>
std::vector<std::string> enum_names(std::string_view (*name_of)(E)) {
    std::vector<std::string> out;
    for (unsigned i = 0; i < 256; ++i) {
        const std::string_view n = name_of(static_cast<E>(i));
        if (n == "unknown") break;
        out.emplace_back(n);
    }
    return out;
}

template <typename E>
E enum_from_name(std::string_view (*name_of)(E), const std::string& name, const char* what) {
    const auto names = enum_names(name_of);
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name) return static_cast<E>(i);
    }
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    throw InvalidArgument(std::string(what) + " must be one of " + list + "; got '" + name + "'");
}

std::string hex_of(const Hash32& h) { return "0x" + h.hex(); }

// Field-wise equality (GameConfig's defaulted operator== is deleted: MachineConfig and
// rollup::StfConfig declare none).
bool same_machine_config(const MachineConfig& a, const MachineConfig& b) {
    return a.forced_window == b.forced_window && a.max_decompressed == b.max_decompressed;
}
bool same_game_config(const GameConfig& a, const GameConfig& b) {
    return a.inbox == b.inbox && same_machine_config(a.machine, b.machine) &&
           a.stf.chain_id == b.stf.chain_id && a.stf.fee_recipient == b.stf.fee_recipient &&
           a.branching == b.branching && a.max_depth == b.max_depth &&
           a.max_clock_duration == b.max_clock_duration &&
           a.clock_extension == b.clock_extension && a.bond_base_gas == b.bond_base_gas &&
           a.bond_multiplier_wad == b.bond_multiplier_wad &&
           a.bond_gas_price == b.bond_gas_price && a.decode_gas_per_byte == b.decode_gas_per_byte;
}

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
        .def("__eq__", &same_machine_config, py::is_operator())
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

void bind_game_config(py::module_& m) {
    py::class_<GameConfig>(
        m, "GameConfig",
        "Immutable parameters of the dispute game contract. Times in seconds, bonds in bond gas "
        "priced at bond_gas_price wei; bond_multiplier_wad is 18-decimal fixed point. inbox, "
        "machine and stf must be the rollup's (deploy_fault_proofs sets inbox).")
        .def(py::init([](const Address& inbox, const MachineConfig& machine,
                         const rollup::StfConfig& stf, std::uint32_t branching,
                         std::uint32_t max_depth, std::uint64_t max_clock_duration,
                         std::uint64_t clock_extension, std::uint64_t bond_base_gas,
                         std::uint64_t bond_multiplier_wad, const u256& bond_gas_price,
                         std::uint64_t decode_gas_per_byte) {
                 GameConfig c;
                 c.inbox = inbox;
                 c.machine = machine;
                 c.stf = stf;
                 c.branching = branching;
                 c.max_depth = max_depth;
                 c.max_clock_duration = max_clock_duration;
                 c.clock_extension = clock_extension;
                 c.bond_base_gas = bond_base_gas;
                 c.bond_multiplier_wad = bond_multiplier_wad;
                 c.bond_gas_price = bond_gas_price;
                 c.decode_gas_per_byte = decode_gas_per_byte;
                 return c;
             }),
             py::kw_only(), py::arg("inbox") = Address{}, py::arg("machine") = MachineConfig{},
             py::arg("stf") = rollup::StfConfig{}, py::arg("branching") = 2,
             py::arg("max_depth") = 63, py::arg("max_clock_duration") = 302'400,
             py::arg("clock_extension") = 10'800, py::arg("bond_base_gas") = 400'000,
             py::arg("bond_multiplier_wad") = 1'094'930'000'000'000'000ull,
             py::arg("bond_gas_price") = u256(200'000'000'000ull),
             py::arg("decode_gas_per_byte") = 16,
             "Keyword-only; defaults are OP's except max_depth (63: l2lab also caps k^D at 2^63).")
        .def_readwrite("inbox", &GameConfig::inbox)
        .def_readwrite("machine", &GameConfig::machine)
        .def_readwrite("stf", &GameConfig::stf)
        .def_readwrite("branching", &GameConfig::branching, "k >= 2: a move posts k - 1 values.")
        .def_readwrite("max_depth", &GameConfig::max_depth)
        .def_readwrite("max_clock_duration", &GameConfig::max_clock_duration, "Seconds per team.")
        .def_readwrite("clock_extension", &GameConfig::clock_extension, "Seconds.")
        .def_readwrite("bond_base_gas", &GameConfig::bond_base_gas)
        .def_readwrite("bond_multiplier_wad", &GameConfig::bond_multiplier_wad)
        .def_readwrite("bond_gas_price", &GameConfig::bond_gas_price, "Wei per bond gas.")
        .def_readwrite("decode_gas_per_byte", &GameConfig::decode_gas_per_byte,
                       "MODELLED L1 gas per decoded batch payload byte of an OpenBatch step.")
        .def("validate", &GameConfig::validate,
             "InvalidArgumentError for branching outside 2..256, max_depth outside 1..63, "
             "max_clock_duration 0 or >= 2^40, clock_extension > max_clock_duration, a "
             "multiplier below 1.0, max_decompressed 0.")
        .def("__eq__", &same_game_config, py::is_operator())
        .def("__copy__", [](const GameConfig& c) { return c; })
        .def("__deepcopy__", [](const GameConfig& c, const py::dict&) { return c; }, py::arg("memo"))
        .def("__repr__", [](const GameConfig& c) {
            return "GameConfig(branching=" + std::to_string(c.branching) +
                   ", max_depth=" + std::to_string(c.max_depth) +
                   ", max_clock_duration=" + std::to_string(c.max_clock_duration) +
                   ", clock_extension=" + std::to_string(c.clock_extension) +
                   ", bond_base_gas=" + std::to_string(c.bond_base_gas) +
                   ", bond_multiplier_wad=" + std::to_string(c.bond_multiplier_wad) +
                   ", bond_gas_price=" + to_dec(c.bond_gas_price) + ")";
        });
    m.def("required_bond", &required_bond, py::arg("config"), py::arg("depth"),
          "Bond in wei for a claim at `depth`: floor(bond_base_gas * multiplier^depth) * "
          "bond_gas_price (multiplier applied level by level with a floor).");
    m.def("game_depth", &game_depth, py::arg("config"), py::arg("trace_length"),
          "Least D >= 1 with k^D >= trace_length; None when k^D would exceed 2^63, D > max_depth "
          "or trace_length is 0.");

    py::class_<DisputeGameContract, l1::NativeContract, py::smart_holder>(
        m, "DisputeGameContract",
        "The fault-proof contract (fault/game.hpp). Usually deployed with deploy_fault_proofs, "
        "which makes it the inbox's only root proposer.")
        .def(py::init<GameConfig>(), py::arg("config"))
        .def_property_readonly("config", &DisputeGameContract::config, py::return_value_policy::copy);
    py::class_<FaultProofFinality, rollup::FinalityRule, py::smart_holder>(
        m, "FaultProofFinality",
        "Inbox finality of a fault-proof rollup: a root forwarded by the game contract is final "
        "delay_blocks L1 blocks later (OP's finality delay; 0 = at once).")
        .def(py::init<std::uint64_t>(), py::arg("delay_blocks"))
        .def_property_readonly("delay_blocks", &FaultProofFinality::delay_blocks);
}

void bind_calldata(py::module_& m) {
    m.def("game_propose",
          [](std::optional<std::uint64_t> parent, std::uint64_t l1_block, const MachineState& end,
             std::uint64_t trace_length) { return as_bytes(game_propose(parent, l1_block, end, trace_length)); },
          py::arg("parent"), py::arg("l1_block"), py::arg("end_state"), py::arg("trace_length"),
          "Calldata: propose (payable: the depth-0 bond). parent: a game index or None (genesis).");
    m.def("game_move",
          [](std::uint64_t g, std::uint64_t c, std::uint32_t j, const std::vector<Hash32>& v) {
              return as_bytes(game_move(g, c, j, v));
          },
          py::arg("game"), py::arg("claim"), py::arg("choice"), py::arg("values"),
          "Calldata: move against a claim (payable: the bond of the new depth).");
    m.def("game_step",
          [](std::uint64_t g, std::uint64_t c, std::uint32_t j, const OneStepProof& p) {
              return as_bytes(game_step(g, c, j, p));
          },
          py::arg("game"), py::arg("claim"), py::arg("choice"), py::arg("proof"));
    m.def("game_resolve_claim", [](std::uint64_t g, std::uint64_t c) { return as_bytes(game_resolve_claim(g, c)); },
          py::arg("game"), py::arg("claim"));
    m.def("game_resolve", [](std::uint64_t g) { return as_bytes(game_resolve(g)); }, py::arg("game"));
    m.def("game_forward", [](std::uint64_t g) { return as_bytes(game_forward(g)); }, py::arg("game"));
    m.def("game_claim_credit", [](const Address& a) { return as_bytes(game_claim_credit(a)); },
          py::arg("recipient"));
    m.def("game_prove_invalid",
          [](std::uint64_t g, const NonInteractiveProof& p) { return as_bytes(game_prove_invalid(g, p)); },
          py::arg("game"), py::arg("proof"));
    m.def("topic_game_created", &topic_game_created);
    m.def("topic_claim_moved", &topic_claim_moved);
    m.def("topic_claim_stepped", &topic_claim_stepped);
    m.def("topic_claim_resolved", &topic_claim_resolved);
    m.def("topic_game_resolved", &topic_game_resolved);
    m.def("topic_root_forwarded", &topic_root_forwarded);
    m.def("topic_credit_claimed", &topic_credit_claimed);
}

void bind_readers(py::module_& m) {
    m.def("game_error_names", [] { return enum_names(&game_error_name); },
          "Every revert reason of the game contract, in enum order.");
    m.def("game_status_names", [] { return enum_names(&game_status_name); });

    py::class_<GameInfo>(m, "GameInfo", "A game as stored (times in seconds).")
        .def_readonly("index", &GameInfo::index)
        .def_readonly("parent", &GameInfo::parent, "Parent game index, None: anchored at genesis.")
        .def_readonly("l1_block", &GameInfo::l1_block)
        .def_readonly("state_root", &GameInfo::state_root, "The proposal's L2 state root.")
        .def_readonly("root_value", &GameInfo::root_value, "The root claim (end state commitment).")
        .def_readonly("trace_length", &GameInfo::trace_length)
        .def_readonly("depth", &GameInfo::depth, "Game depth D.")
        .def_readonly("positions", &GameInfo::positions, "k^D.")
        .def_readonly("caps", &GameInfo::caps)
        .def_readonly("created_block", &GameInfo::created_block)
        .def_readonly("created_time", &GameInfo::created_time)
        .def_property_readonly("status", [](const GameInfo& g) {
            return std::string(game_status_name(g.status));
        }, "'in_progress', 'challenger_wins' or 'defender_wins'.")
        .def_readonly("resolved_time", &GameInfo::resolved_time)
        .def_readonly("forwarded", &GameInfo::forwarded)
        .def_readonly("claim_count", &GameInfo::claim_count)
        .def("__repr__", [](const GameInfo& g) {
            return "GameInfo(index=" + std::to_string(g.index) + ", l1_block=" +
                   std::to_string(g.l1_block) + ", status='" + std::string(game_status_name(g.status)) +
                   "', depth=" + std::to_string(g.depth) + ", claims=" + std::to_string(g.claim_count) +
                   (g.forwarded ? ", forwarded" : "") + ")";
        });
    py::class_<ClaimInfo>(m, "ClaimInfo", "A claim as stored, with its interval [start, start + length].")
        .def_readonly("index", &ClaimInfo::index)
        .def_readonly("parent", &ClaimInfo::parent)
        .def_readonly("claimant", &ClaimInfo::claimant)
        .def_readonly("bond", &ClaimInfo::bond, "Wei.")
        .def_readonly("depth", &ClaimInfo::depth)
        .def_readonly("choice", &ClaimInfo::choice)
        .def_readonly("start", &ClaimInfo::start)
        .def_readonly("length", &ClaimInfo::length)
        .def_readonly("values", &ClaimInfo::values)
        .def_readonly("clock_duration", &ClaimInfo::clock_duration, "Seconds used by its team.")
        .def_readonly("clock_timestamp", &ClaimInfo::clock_timestamp, "When it was posted.")
        .def_readonly("countered_by", &ClaimInfo::countered_by)
        .def_readonly("resolved", &ClaimInfo::resolved)
        .def_readonly("children", &ClaimInfo::children)
        .def("__repr__", [](const ClaimInfo& c) {
            return "ClaimInfo(index=" + std::to_string(c.index) + ", depth=" + std::to_string(c.depth) +
                   ", choice=" + std::to_string(c.choice) + ", interval=[" + std::to_string(c.start) +
                   ", " + std::to_string(c.start + c.length) + "]" +
                   (c.countered_by ? ", countered" : "") + (c.resolved ? ", resolved" : "") + ")";
        });
    m.def("game_count", &game_count, py::arg("chain"), py::arg("contract"));
    m.def("read_game", &read_game, py::arg("chain"), py::arg("contract"), py::arg("game"),
          "InvalidArgumentError for an unknown game.");
    m.def("read_claim", &read_claim, py::arg("chain"), py::arg("contract"), py::arg("game"),
          py::arg("claim"), "InvalidArgumentError for an unknown game or claim.");
    m.def("game_credit", &game_credit, py::arg("chain"), py::arg("contract"), py::arg("who"),
          "Unclaimed credit of `who` (wei).");
    m.def("proposal_invalid", &proposal_invalid, py::arg("chain"), py::arg("contract"),
          py::arg("game"),
          "Whether the game's proposal is known invalid (lost by its defender, or built on one "
          "that is).");
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
    bind_game_config(m);
    bind_calldata(m);
    bind_readers(m);
    bind_fault_agents(m);
}

}  // namespace l2lab::bindings
