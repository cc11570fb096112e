// Bindings for cpp/l2lab/fault, part 2: deployment and the players (TracePlayer and the
// ExhaustivePlayer), subclassable from Python. A Python subclass may override the policies
// plays(game), dissection(game, start, length), should_propose(world) and the actor hooks
// on_start / on_block / on_message / on_event / on_timer; the World then calls the Python
// method, which may call the C++ one with super(). Conversion and GIL handling only.
#include <pybind11/stl.h>

#include <memory>
#include <string>

#include "bindings.hpp"
#include "casters.hpp"
#include "l2lab/crypto/address.hpp"
#include "l2lab/fault/agents.hpp"

namespace py = pybind11;

namespace l2lab::bindings {

namespace {

using namespace l2lab::fault;
using sim::World;

py::object world_handle(World& w) { return py::cast(&w, py::return_value_policy::reference); }

// The chain's own immutable block when it is the one handed to the hook (no copy).
py::object block_handle(World& w, const l1::Block& block) {
    auto shared = w.chain().block_ptr(block.header.number);
    if (shared.get() == &block) return py::cast(shared);
    return py::cast(block);
}

template <typename Base>
class PyPlayer : public Base, public py::trampoline_self_life_support {
public:
    using Base::Base;

    bool plays(const GameInfo& game) override {
        {
            py::gil_scoped_acquire gil;
            if (auto f = python("plays")) return f(game).template cast<bool>();
        }
        return Base::plays(game);
    }
    std::vector<Hash32> dissection(const GameInfo& game, std::uint64_t start,
                                   std::uint64_t length) override {
        {
            py::gil_scoped_acquire gil;
            if (auto f = python("dissection")) {
                return f(game, start, length).template cast<std::vector<Hash32>>();
            }
        }
        return Base::dissection(game, start, length);
    }
    bool should_propose(World& world) override {
        {
            py::gil_scoped_acquire gil;
            if (auto f = python("should_propose")) return f(world_handle(world)).template cast<bool>();
        }
        return Base::should_propose(world);
    }

    void on_start(World& world) override {
        {
            py::gil_scoped_acquire gil;
            if (auto f = python("on_start")) {
                f(world_handle(world));
                return;
            }
        }
        Base::on_start(world);
    }
    void on_block(World& world, const l1::Block& block) override {
        {
            py::gil_scoped_acquire gil;
            if (auto f = python("on_block")) {
                f(world_handle(world), block_handle(world, block));
                return;
            }
        }
        Base::on_block(world, block);
    }
    void on_message(World& world, sim::ActorId from, const Bytes& payload) override {
        {
            py::gil_scoped_acquire gil;
            if (auto f = python("on_message")) {
                f(world_handle(world), from,
                  py::bytes(reinterpret_cast<const char*>(payload.data()), payload.size()));
                return;
            }
        }
        Base::on_message(world, from, payload);
    }
    void on_event(World& world, const l1::Log& log) override {
        {
            py::gil_scoped_acquire gil;
            if (auto f = python("on_event")) {
                f(world_handle(world), log);
                return;
            }
        }
        Base::on_event(world, log);
    }
    void on_timer(World& world, std::uint64_t tag) override {
        {
            py::gil_scoped_acquire gil;
            if (auto f = python("on_timer")) {
                f(world_handle(world), tag);
                return;
            }
        }
        Base::on_timer(world, tag);
    }

private:
    py::function python(const char* name) const {
        return py::get_override(static_cast<const Base*>(this), name);
    }
};

// Names TracePlayer::send through a public using-declaration (Python subclasses submit their
// own game transactions with it).
struct PlayerAccess : TracePlayer {
    using TracePlayer::send;
};

void bind_options(py::module_& m) {
    py::class_<PlayerOptions>(m, "PlayerOptions", "Options of a TracePlayer (fault/agents.hpp).")
        .def(py::init([](std::uint64_t propose_every, std::uint64_t propose_lag, bool challenge,
                         bool resolve, bool resolve_everything, std::uint64_t grace,
                         std::uint64_t respond_left, std::uint64_t step_gas) {
                 PlayerOptions o;
                 o.propose_every_blocks = propose_every;
                 o.propose_lag_blocks = propose_lag;
                 o.challenge = challenge;
                 o.resolve = resolve;
                 o.resolve_everything = resolve_everything;
                 o.resolve_grace_blocks = grace;
                 o.respond_when_left_seconds = respond_left;
                 o.step_gas_limit = step_gas;
                 return o;
             }),
             py::kw_only(), py::arg("propose_every_blocks") = 0, py::arg("propose_lag_blocks") = 1,
             py::arg("challenge") = true, py::arg("resolve") = true,
             py::arg("resolve_everything") = false, py::arg("resolve_grace_blocks") = 2,
             py::arg("respond_when_left_seconds") = 0, py::arg("step_gas_limit") = 12'000'000)
        .def_readwrite("propose_every_blocks", &PlayerOptions::propose_every_blocks,
                       "Propose its believed end state every this many L1 blocks (0 = never).")
        .def_readwrite("propose_lag_blocks", &PlayerOptions::propose_lag_blocks,
                       "Propose for L1 block head - lag (>= 1).")
        .def_readwrite("challenge", &PlayerOptions::challenge, "Counter wrong claims.")
        .def_readwrite("resolve", &PlayerOptions::resolve,
                       "Resolve claims and games, forward, claim credits.")
        .def_readwrite("resolve_everything", &PlayerOptions::resolve_everything)
        .def_readwrite("resolve_grace_blocks", &PlayerOptions::resolve_grace_blocks)
        .def_readwrite("respond_when_left_seconds", &PlayerOptions::respond_when_left_seconds,
                       "Respond only with at most this many seconds left on its clock (0 = at "
                       "once): a clock burner.")
        .def_readwrite("step_gas_limit", &PlayerOptions::step_gas_limit)
        .def("__copy__", [](const PlayerOptions& o) { return o; })
        .def("__deepcopy__", [](const PlayerOptions& o, const py::dict&) { return o; }, py::arg("memo"))
        .def("__repr__", [](const PlayerOptions& o) {
            return "PlayerOptions(propose_every_blocks=" + std::to_string(o.propose_every_blocks) +
                   ", challenge=" + (o.challenge ? "True" : "False") +
                   ", resolve=" + (o.resolve ? "True" : "False") +
                   ", respond_when_left_seconds=" + std::to_string(o.respond_when_left_seconds) + ")";
        });

    py::class_<PlayerStats>(m, "PlayerStats", "What a player did: counts, L1 gas, wei.")
        .def_readonly("proposals", &PlayerStats::proposals)
        .def_readonly("moves", &PlayerStats::moves)
        .def_readonly("steps", &PlayerStats::steps)
        .def_readonly("resolutions", &PlayerStats::resolutions)
        .def_readonly("forwards", &PlayerStats::forwards)
        .def_readonly("credit_claims", &PlayerStats::credit_claims)
        .def_readonly("reverted", &PlayerStats::reverted)
        .def_readonly("reverts", &PlayerStats::reverts,
                      "Reverted transactions by '<kind>: <revert reason>'.")
        .def_readonly("gas_used", &PlayerStats::gas_used, "L1 gas of its included transactions.")
        .def_readonly("gas_by_kind", &PlayerStats::gas_by_kind,
                      "L1 gas by transaction kind ('propose', 'move', 'step', 'resolve_claim', "
                      "'resolve', 'forward', 'claim_credit', 'prove_invalid'), reverts included.")
        .def_readonly("fees_paid", &PlayerStats::fees_paid, "Wei (burned + tip).")
        .def_readonly("bonds_posted", &PlayerStats::bonds_posted, "Wei, accepted bonds only.")
        .def_readonly("credits_received", &PlayerStats::credits_received, "Wei.")
        .def("__repr__", [](const PlayerStats& s) {
            return "PlayerStats(proposals=" + std::to_string(s.proposals) +
                   ", moves=" + std::to_string(s.moves) + ", steps=" + std::to_string(s.steps) +
                   ", gas_used=" + std::to_string(s.gas_used) +
                   ", reverted=" + std::to_string(s.reverted) + ")";
        });
}

void bind_deployment(py::module_& m) {
    py::class_<Deployment>(m, "Deployment", "Where a fault-proof rollup lives on L1.")
        .def(py::init([](const Address& inbox, const Address& games, const GameConfig& config) {
                 return Deployment{inbox, games, config};
             }),
             py::arg("inbox"), py::arg("games"), py::arg("config"))
        .def_readonly("inbox", &Deployment::inbox)
        .def_readonly("games", &Deployment::games, "The DisputeGameContract.")
        .def_readonly("config", &Deployment::config)
        .def("__repr__", [](const Deployment& d) {
            return "Deployment(inbox=" + crypto::to_checksum_hex(d.inbox) + ", games=" + crypto::to_checksum_hex(d.games) + ")";
        });
    m.def("deploy_fault_proofs", &deploy_fault_proofs, py::arg("world"), py::arg("sequencer"),
          py::arg("config"), py::arg("finality_delay_blocks"), py::arg("deployer"),
          "Deploy an inbox (sequencer `sequencer`, root proposer: the game contract, "
          "FaultProofFinality(finality_delay_blocks)) and the game contract; config.inbox is set. "
          "InvalidArgumentError for a bad config.");
    m.def("check_deployable", &check_deployable, py::arg("config"), py::arg("block_gas_limit"),
          "The checks deploy_fault_proofs makes before changing anything (config.validate() and "
          "a decompression cap openable in one L1 step). InvalidArgumentError when they fail.");

    py::class_<TraceBook>(m, "TraceBook",
                          "Traces a player believes, computed from the chain and cached. A "
                          "game's trace is trace_between(its anchor's block, its l1_block).")
        .def(py::init([](const Deployment& d, std::shared_ptr<StfVariant> variant) {
                 return std::make_unique<TraceBook>(d, variant.get());
             }),
             py::arg("deployment"), py::arg("variant") = nullptr, py::keep_alive<1, 3>())
        .def("sync", &TraceBook::sync, py::arg("chain"), py::keep_alive<1, 2>(),
             py::call_guard<py::gil_scoped_release>(), "Read new chain data.")
        .def("end_state", &TraceBook::end_state, py::arg("block"), py::return_value_policy::copy,
             py::call_guard<py::gil_scoped_release>(),
             "The believed end state of L1 block `block` (0: genesis). MissingDataError when "
             "data is withheld.")
        .def(
            "trace_between",
            [](TraceBook& b, std::uint64_t from, std::uint64_t to) {
                std::shared_ptr<const Trace> t;
                {
                    py::gil_scoped_release nogil;
                    t = b.trace_between(from, to);
                }
                return std::const_pointer_cast<Trace>(t);
            },
            py::arg("from_block"), py::arg("to_block"), py::keep_alive<0, 1>(),
            "A Trace from the believed end of from_block (0: genesis) to the end of to_block.")
        .def(
            "game_trace",
            [](TraceBook& b, const GameInfo& game, const l1::Chain& chain) {
                std::shared_ptr<const Trace> t;
                {
                    py::gil_scoped_release nogil;
                    t = b.game_trace(game, chain);
                }
                return std::const_pointer_cast<Trace>(t);
            },
            py::arg("game"), py::arg("chain"), py::keep_alive<0, 1>(),
            "The believed trace of a game (anchored at its parent proposal's block end), or None "
            "when its anchor is not what this book believes or data is withheld.")
        .def_property_readonly("source", &TraceBook::source,
                               py::return_value_policy::reference_internal)
        .def("clear", &TraceBook::clear, "Forget every cached trace.");
}

template <typename Cls>
void bind_player_methods(Cls& cls) {
    cls.def_property_readonly("account", &TracePlayer::account, py::return_value_policy::copy)
        .def_property(
            "options", [](TracePlayer& p) -> PlayerOptions& { return p.mutable_options(); },
            [](TracePlayer& p, const PlayerOptions& o) { p.mutable_options() = o; },
            py::return_value_policy::reference_internal,
            "Its PlayerOptions, live: `player.options.challenge = False` takes effect at its "
            "next block.")
        .def_property_readonly("stats", &TracePlayer::stats, py::return_value_policy::copy)
        .def_property_readonly("deployment", &TracePlayer::deployment, py::return_value_policy::copy)
        .def_property_readonly("book", &TracePlayer::book, py::return_value_policy::reference_internal)
        .def_property_readonly(
            "variant_name",
            [](TracePlayer& p) {
                const StfVariant* v = p.book().variant();
                if (v == nullptr) return std::string("honest");
                py::gil_scoped_release nogil;  // a Python variant's name() re-acquires it
                return v->name();
            },
            "Name of the StfVariant it believes ('honest' without one).")
        .def_property_readonly("proposed_games", &TracePlayer::proposed_games,
                               "Game indices it proposed.")
        .def("crash", &TracePlayer::crash,
             "Forget everything computed and every transaction in flight (it rebuilds from the "
             "chain at its next block; take it offline with World.set_online for an outage).")
        .def("prove_invalid", &TracePlayer::prove_invalid, py::arg("world"), py::arg("game"),
             py::call_guard<py::gil_scoped_release>(),
             "Submit prove_invalid (the whole trace re-executed on L1) against `game`; the tx "
             "hash. StateError when it has no trace of the game.")
        .def("send", &PlayerAccess::send, py::arg("world"), py::arg("calldata"),
             py::arg("value"), py::arg("gas_limit"), py::arg("kind"), py::arg("key") = "",
             "Submit a call to the game contract (accounted in stats once included) unless an "
             "action with the same non-empty key is in flight; whether it was sent.")
        .def("plays", [](TracePlayer& p, const GameInfo& g) { return p.TracePlayer::plays(g); },
             py::arg("game"), "Policy: whether to play this game (default: every game).")
        .def(
            "dissection",
            [](TracePlayer& p, const GameInfo& g, std::uint64_t start, std::uint64_t length) {
                return p.TracePlayer::dissection(g, start, length);
            },
            py::arg("game"), py::arg("start"), py::arg("length"),
            "Policy: the k - 1 values it posts for interval [start, start + length] (default: "
            "its trace's commitments). StateError without a trace of the game.")
        .def("should_propose", [](TracePlayer& p, World& w) { return p.TracePlayer::should_propose(w); },
             py::arg("world"), "Policy: whether to propose now (default: yes).")
        .def("on_start", [](TracePlayer& p, World& w) { p.TracePlayer::on_start(w); }, py::arg("world"))
        .def("on_message",
             [](TracePlayer& p, World& w, sim::ActorId from, const Bytes& b) {
                 p.TracePlayer::on_message(w, from, b);
             },
             py::arg("world"), py::arg("sender"), py::arg("payload"))
        .def("on_event", [](TracePlayer& p, World& w, const l1::Log& log) { p.TracePlayer::on_event(w, log); },
             py::arg("world"), py::arg("log"))
        .def("on_timer", [](TracePlayer& p, World& w, std::uint64_t tag) { p.TracePlayer::on_timer(w, tag); },
             py::arg("world"), py::arg("tag"));
}

void bind_players(py::module_& m) {
    using PyTracePlayer = PyPlayer<TracePlayer>;
    py::class_<TracePlayer, sim::Actor, PyTracePlayer, py::smart_holder> player(
        m, "TracePlayer",
        "A proposer/challenger actor believing one trace (the honest STF, or an StfVariant) "
        "and playing honestly relative to it (fault/agents.hpp). Subclass it and override "
        "plays(game) -> bool, dissection(game, start, length) -> list[bytes], "
        "should_propose(world) -> bool, or the actor hooks (call super() to keep its play).");
    player.def(
        py::init(
            [](std::string name, const sim::Account& account, const Deployment& deployment,
               const PlayerOptions& options, std::shared_ptr<StfVariant> variant) {
                return std::make_shared<TracePlayer>(std::move(name), account, deployment, options,
                                                     std::move(variant));
            },
            [](std::string name, const sim::Account& account, const Deployment& deployment,
               const PlayerOptions& options, std::shared_ptr<StfVariant> variant) {
                return std::make_shared<PyTracePlayer>(std::move(name), account, deployment,
                                                       options, std::move(variant));
            }),
        py::arg("name"), py::arg("account"), py::arg("deployment"),
        py::arg("options") = PlayerOptions{}, py::arg("variant") = nullptr);
    bind_player_methods(player);
    player.def(
        "on_block", [](TracePlayer& p, World& w, const l1::Block& b) { p.TracePlayer::on_block(w, b); },
        py::arg("world"), py::arg("block"),
        "Its play: read the chain, settle receipts, propose, move/step, resolve, forward, claim.");

    using PyExhaustive = PyPlayer<ExhaustivePlayer>;
    py::class_<ExhaustivePlayer, TracePlayer, PyExhaustive, py::smart_holder>(
        m, "ExhaustivePlayer",
        "Dishonest player for small games (SCENARIOS F3): every block, every legal move it has "
        "not made yet against every open claim (each choice, with honest and wrong values) and "
        "every countering step, up to max_claims_per_game claims per game; it plays both sides.")
        .def(py::init(
                 [](std::string name, const sim::Account& account, const Deployment& deployment,
                    std::uint64_t budget) {
                     return std::make_shared<ExhaustivePlayer>(std::move(name), account, deployment,
                                                               budget);
                 },
                 [](std::string name, const sim::Account& account, const Deployment& deployment,
                    std::uint64_t budget) {
                     return std::make_shared<PyExhaustive>(std::move(name), account, deployment,
                                                           budget);
                 }),
             py::arg("name"), py::arg("account"), py::arg("deployment"),
             py::arg("max_claims_per_game") = 200)
        .def_property_readonly("attempted", &ExhaustivePlayer::attempted,
                               "Moves and steps it tried to send.")
        .def("on_block",
             [](ExhaustivePlayer& p, World& w, const l1::Block& b) { p.ExhaustivePlayer::on_block(w, b); },
             py::arg("world"), py::arg("block"));
}

}  // namespace

void bind_fault_agents(py::module_& m) {
    bind_options(m);
    bind_deployment(m);
    bind_players(m);
}

}  // namespace l2lab::bindings
