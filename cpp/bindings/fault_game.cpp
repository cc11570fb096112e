// Bindings for cpp/l2lab/fault, the game contract's part: GameConfig, bonds and depths, the
// contract and its finality rule, calldata builders, event topics and storage readers.
// Conversion only (see fault.cpp for the conventions).
#include <pybind11/stl.h>

#include <string>

#include "bindings.hpp"
#include "casters.hpp"
#include "fault_names.hpp"
#include "l2lab/fault/game.hpp"

namespace py = pybind11;

namespace l2lab::bindings {

namespace {

using namespace l2lab::fault;
using fault_names::as_bytes;
using fault_names::enum_names;

// Field-wise equality (GameConfig declares no operator==: rollup::StfConfig has none).
bool same_game_config(const GameConfig& a, const GameConfig& b) {
    return a.inbox == b.inbox && a.machine == b.machine &&
           a.stf.chain_id == b.stf.chain_id && a.stf.fee_recipient == b.stf.fee_recipient &&
           a.branching == b.branching && a.max_depth == b.max_depth &&
           a.max_clock_duration == b.max_clock_duration &&
           a.clock_extension == b.clock_extension && a.bond_base_gas == b.bond_base_gas &&
           a.bond_multiplier_wad == b.bond_multiplier_wad &&
           a.bond_gas_price == b.bond_gas_price && a.decode_gas_per_byte == b.decode_gas_per_byte;
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

}  // namespace

void bind_fault_game(py::module_& m) {
    bind_game_config(m);
    bind_calldata(m);
    bind_readers(m);
}

}  // namespace l2lab::bindings
