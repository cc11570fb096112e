// Bindings for cpp/l2lab/channel: conversion and GIL handling only.
#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "casters.hpp"
#include "l2lab/channel/adjudicator.hpp"
#include "l2lab/channel/engine.hpp"
#include "l2lab/channel/invariants.hpp"
#include "l2lab/channel/message.hpp"
#include "l2lab/channel/party.hpp"
#include "l2lab/channel/store.hpp"
#include "l2lab/channel/tower_blob.hpp"
#include "l2lab/channel/watchtower.hpp"
#include "l2lab/core/error.hpp"

namespace py = pybind11;

namespace l2lab::bindings {

namespace {

using namespace l2lab::channel;
using sim::World;

py::bytes to_py(const Bytes& b) { return py::bytes(reinterpret_cast<const char*>(b.data()), b.size()); }

py::object world_ref(const World& w) { return py::cast(&w, py::return_value_policy::reference); }
py::object block_ref(const World& w, const l1::Block& block) {
    // Share the chain's immutable block rather than copy it (Python may keep it).
    const auto shared = w.chain().block_ptr(block.header.number);
    return shared.get() == &block ? py::cast(shared) : py::cast(block);
}

// Actor hooks of a C++ actor class subclassed in Python: a Python override of on_start /
// on_block / on_message / on_event / on_timer is called by the World instead of the C++ hook
// (which the override may call with super()); without one the C++ hook runs.
#define ACTOR_HOOK_OVERRIDES                                                                    \
    void on_start(World& w) override {                                                          \
        {                                                                                       \
            py::gil_scoped_acquire gil;                                                         \
            if (auto f = py::get_override(static_cast<const Base*>(this), "on_start")) {        \
                f(world_ref(w));                                                                \
                return;                                                                         \
            }                                                                                   \
        }                                                                                       \
        Base::on_start(w);                                                                      \
    }                                                                                           \
    void on_block(World& w, const l1::Block& b) override {                                      \
        {                                                                                       \
            py::gil_scoped_acquire gil;                                                         \
            if (auto f = py::get_override(static_cast<const Base*>(this), "on_block")) {        \
                f(world_ref(w), block_ref(w, b));                                               \
                return;                                                                         \
            }                                                                                   \
        }                                                                                       \
        Base::on_block(w, b);                                                                   \
    }                                                                                           \
    void on_message(World& w, sim::ActorId from, const Bytes& payload) override {               \
        {                                                                                       \
            py::gil_scoped_acquire gil;                                                         \
            if (auto f = py::get_override(static_cast<const Base*>(this), "on_message")) {      \
                f(world_ref(w), from, to_py(payload));                                          \
                return;                                                                         \
            }                                                                                   \
        }                                                                                       \
        Base::on_message(w, from, payload);                                                     \
    }                                                                                           \
    void on_event(World& w, const l1::Log& log) override {                                      \
        {                                                                                       \
            py::gil_scoped_acquire gil;                                                         \
            if (auto f = py::get_override(static_cast<const Base*>(this), "on_event")) {        \
                f(world_ref(w), py::cast(log));                                                 \
                return;                                                                         \
            }                                                                                   \
        }                                                                                       \
        Base::on_event(w, log);                                                                 \
    }                                                                                           \
    void on_timer(World& w, std::uint64_t tag) override {                                       \
        {                                                                                       \
            py::gil_scoped_acquire gil;                                                         \
            if (auto f = py::get_override(static_cast<const Base*>(this), "on_timer")) {        \
                f(world_ref(w), tag);                                                           \
                return;                                                                         \
            }                                                                                   \
        }                                                                                       \
        Base::on_timer(w, tag);                                                                 \
    }

// Python subclasses of Party override the adversarial choice points.
template <typename BaseT>
class PyPartyT : public BaseT, public py::trampoline_self_life_support {
public:
    using Base = BaseT;
    using BaseT::BaseT;
    bool respond_to(std::size_t from, const Bytes& payload) override {
        py::gil_scoped_acquire gil;
        if (auto f = py::get_override(static_cast<const Base*>(this), "respond_to")) {
            return f(from, to_py(payload)).template cast<bool>();
        }
        return Base::respond_to(from, payload);
    }
    SignedState state_to_register(World& world) override {
        py::gil_scoped_acquire gil;
        if (auto f = py::get_override(static_cast<const Base*>(this), "state_to_register")) {
            return f(py::cast(&world, py::return_value_policy::reference)).template cast<SignedState>();
        }
        return Base::state_to_register(world);
    }
    bool should_challenge(const ChannelRecord& record) override {
        py::gil_scoped_acquire gil;
        if (auto f = py::get_override(static_cast<const Base*>(this), "should_challenge")) {
            return f(record).template cast<bool>();
        }
        return Base::should_challenge(record);
    }
    ACTOR_HOOK_OVERRIDES
};
using PyParty = PyPartyT<Party>;

// A Python StaleRegistrar also chooses which older version cheat() registers.
class PyStaleRegistrar : public PyPartyT<StaleRegistrar> {
public:
    using PyPartyT<StaleRegistrar>::PyPartyT;
    std::uint64_t choose_stale_version(World& world) override {
        py::gil_scoped_acquire gil;
        if (auto f = py::get_override(static_cast<const StaleRegistrar*>(this),
                                      "choose_stale_version")) {
            return f(world_ref(world)).cast<std::uint64_t>();
        }
        return StaleRegistrar::choose_stale_version(world);
    }
};

// Python subclasses of Watchtower (e.g. a lazy or censoring tower) override its actor hooks.
class PyWatchtower : public Watchtower, public py::trampoline_self_life_support {
public:
    using Base = Watchtower;
    using Watchtower::Watchtower;
    ACTOR_HOOK_OVERRIDES
};

std::string state_repr(const State& s) {
    std::string b;
    for (std::size_t i = 0; i < s.balances.size(); ++i) b += (i ? ", " : "") + to_dec(s.balances[i]);
    return "State(version=" + std::to_string(s.version) + ", balances=[" + b + "], is_final=" +
           (s.is_final ? "True" : "False") + ")";
}

py::object message_to_py(const Message& m) {
    py::dict d;
    d["type"] = std::string(message_type_name(m));
    std::visit(
        [&](const auto& msg) {
            using T = std::decay_t<decltype(msg)>;
            if constexpr (std::is_same_v<T, ProposeMsg>) {
                d["state"] = msg.state;
                d["signature"] = to_py(Bytes(msg.signature.bytes.begin(), msg.signature.bytes.end()));
            } else if constexpr (std::is_same_v<T, CountersignMsg>) {
                d["channel_id"] = msg.channel_id;
                d["version"] = msg.version;
                d["digest"] = msg.digest;
                d["signature"] =
                    to_py(Bytes(msg.signature.bytes.begin(), msg.signature.bytes.end()));
            } else if constexpr (std::is_same_v<T, AckMsg> || std::is_same_v<T, SyncReplyMsg>) {
                d["state"] = msg.state;
            } else if constexpr (std::is_same_v<T, RejectMsg>) {
                d["channel_id"] = msg.channel_id;
                d["version"] = msg.version;
                d["reason"] = std::string(channel_error_name(msg.reason));
            } else {
                static_assert(std::is_same_v<T, SyncMsg>);
                d["channel_id"] = msg.channel_id;
                d["version"] = msg.version;
            }
        },
        m);
    return d;
}

py::object handled_to_py(const Handled& h) {
    py::dict d;
    py::list out;
    for (const auto& o : h.out) out.append(py::make_tuple(o.to, to_py(o.payload)));
    d["out"] = out;
    d["rejected"] = h.rejected ? py::object(py::str(std::string(channel_error_name(*h.rejected)))) : py::none();
    d["peer_rejected"] = h.peer_rejected ? py::object(py::str(std::string(channel_error_name(*h.peer_rejected)))) : py::none();
    d["updated"] = h.updated;
    d["crashed"] = h.crashed;
    return d;
}

py::object result_to_py(const Result<Handled, ChannelError>& r) {
    if (!r) return py::str(std::string(channel_error_name(r.error())));
    return handled_to_py(r.value());
}

DisputePolicy policy_arg(const std::string& s) { return dispute_policy_from_name(s); }

CrashPoint crash_point_arg(const std::string& point) {
    for (auto p : {CrashPoint::BeforePersist, CrashPoint::AfterPersist, CrashPoint::AfterSend}) {
        if (point == crash_point_name(p))
            return p;
    }
    throw InvalidArgument("crash point must be before_persist, after_persist or after_send");
}

}  // namespace

void init_channel(py::module_& m) {
    m.attr("MAX_PARTICIPANTS") = kMaxParticipants;
    m.def("channel_error_names", [] {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < kChannelErrorCount; ++i) {
            out.emplace_back(channel_error_name(static_cast<ChannelError>(i)));
        }
        return out;
    }, "Every typed rejection reason (also the adjudicator's revert reasons), in enum order.");

    py::class_<ChannelParams>(m, "ChannelParams",
        "Fixed part of a channel: participants, exact deposits (wei), challenge_period and "
        "funding_timeout (blocks), policy ('penalty' | 'latest_state_wins'), nonce.")
        .def(py::init([](std::vector<Address> participants, std::vector<u256> deposits,
                         std::uint64_t challenge_period, std::uint64_t funding_timeout,
                         const std::string& policy, std::uint64_t nonce) {
                 ChannelParams p{std::move(participants), std::move(deposits), challenge_period,
                                 funding_timeout, policy_arg(policy), nonce};
                 p.validate();
                 return p;
             }),
             py::arg("participants"), py::arg("deposits"), py::arg("challenge_period") = 10,
             py::arg("funding_timeout") = 10, py::arg("policy") = "latest_state_wins",
             py::arg("nonce") = 0, "Validated: InvalidArgumentError naming the problem.")
        .def_readonly("participants", &ChannelParams::participants)
        .def_readonly("deposits", &ChannelParams::deposits)
        .def_readonly("challenge_period", &ChannelParams::challenge_period)
        .def_readonly("funding_timeout", &ChannelParams::funding_timeout)
        .def_property_readonly("policy", [](const ChannelParams& p) { return std::string(dispute_policy_name(p.policy)); })
        .def_readonly("nonce", &ChannelParams::nonce)
        .def_property_readonly("total_deposit", &ChannelParams::total_deposit, "Sum of deposits, wei.")
        .def("channel_id", &ChannelParams::channel_id, py::arg("chain_id"), py::arg("adjudicator"),
             "keccak256 of the params in the (chain id, adjudicator) domain.")
        .def("encode", [](const ChannelParams& p) { return to_py(p.encode()); }, "Canonical RLP.")
        .def_static("decode", [](const Bytes& b) { return ChannelParams::decode(b); }, py::arg("data"),
                    "Strict inverse of encode(); DecodeError otherwise.")
        .def("__eq__", [](const ChannelParams& a, const ChannelParams& b) { return a == b; })
        .def("__repr__", [](const ChannelParams& p) {
            return "ChannelParams(n=" + std::to_string(p.size()) + ", total_deposit=" + to_dec(p.total_deposit()) +
                   ", challenge_period=" + std::to_string(p.challenge_period) + ", policy='" +
                   std::string(dispute_policy_name(p.policy)) + "')";
        });

    py::class_<State>(m, "State", "An off-chain channel state: channel_id, version, balances (wei), is_final.")
        .def(py::init<Hash32, std::uint64_t, std::vector<u256>, bool>(), py::arg("channel_id"),
             py::arg("version"), py::arg("balances"), py::arg("is_final") = false)
        .def_readonly("channel_id", &State::channel_id)
        .def_readonly("version", &State::version)
        .def_readonly("balances", &State::balances)
        .def_readonly("is_final", &State::is_final)
        .def("encode", [](const State& s) { return to_py(s.encode()); }, "Canonical RLP.")
        .def_static("decode", [](const Bytes& b) { return State::decode(b); }, py::arg("data"),
                    "Strict inverse of encode(); DecodeError otherwise.")
        .def("__eq__", [](const State& a, const State& b) { return a == b; })
        .def("__repr__", &state_repr);

    py::class_<SignedState>(m, "SignedState", "A state with one 65-byte signature per participant.")
        .def(py::init([](State s, const std::vector<Bytes>& sigs) {
                 SignedState out{std::move(s), {}};
                 for (const auto& b : sigs) out.signatures.push_back(crypto::Signature::parse(b));
                 return out;
             }), py::arg("state"), py::arg("signatures"), "CryptoError for a malformed signature.")
        .def_readonly("state", &SignedState::state)
        .def_property_readonly("signatures", [](const SignedState& s) {
            py::list out;
            for (const auto& sig : s.signatures) out.append(to_py(Bytes(sig.bytes.begin(), sig.bytes.end())));
            return out;
        })
        .def("encode", [](const SignedState& s) { return to_py(s.encode()); }, "Canonical RLP.")
        .def_static("decode", [](const Bytes& b) { return SignedState::decode(b); }, py::arg("data"),
                    "Strict inverse of encode(); DecodeError otherwise.")
        .def("__eq__", [](const SignedState& a, const SignedState& b) { return a == b; })
        .def("__repr__", [](const SignedState& s) { return "Signed" + state_repr(s.state); });

    m.def("state_digest", &state_digest, py::arg("chain_id"), py::arg("adjudicator"), py::arg("state"),
          "The digest every participant signs (domain: tag, chain id, adjudicator, channel id).");
    m.def("initial_state", &initial_state, py::arg("params"), py::arg("channel_id"),
          "The funding state: version 0, balances == deposits.");
    m.def("check_state", [](const ChannelParams& p, const Hash32& id, const State& s) -> std::optional<std::string> {
        auto r = check_state_shape(p, id, s);
        if (r) return std::nullopt;
        return std::string(channel_error_name(r.error()));
    }, py::arg("params"), py::arg("channel_id"), py::arg("state"),
       "None when the state's shape is valid, else the rejection reason name.");
    m.def("check_signatures", [](const ChannelParams& p, const Hash32& d, const SignedState& s) -> std::optional<std::string> {
        auto r = check_signatures(p, d, s.signatures);
        if (r) return std::nullopt;
        return std::string(channel_error_name(r.error()));
    }, py::arg("params"), py::arg("digest"), py::arg("signed_state"),
       "None when every participant signed `digest`, else the rejection reason name.");

    // ---- messages ----
    m.def("decode_message", [](const Bytes& b) { return message_to_py(decode_message(b)); }, py::arg("data"),
          "Strictly decode a protocol message into a dict with 'type' and its fields; DecodeError otherwise.");
    m.def("encode_propose", [](const State& s, const Bytes& sig) {
        return to_py(encode_message(ProposeMsg{s, crypto::Signature::parse(sig)}));
    }, py::arg("state"), py::arg("signature"), "Encode a Propose message.");
    m.def("encode_ack", [](const SignedState& s) { return to_py(encode_message(AckMsg{s})); },
          py::arg("signed_state"), "Encode an Ack message.");
    m.def("encode_sync", [](const Hash32& id, std::uint64_t v) { return to_py(encode_message(SyncMsg{id, v})); },
          py::arg("channel_id"), py::arg("version"), "Encode a Sync message.");
    m.def(
        "encode_countersign",
        [](const Hash32& id, std::uint64_t v, const Hash32& digest, const Bytes& sig) {
            return to_py(
                encode_message(CountersignMsg{id, v, digest, crypto::Signature::parse(sig)}));
        },
        py::arg("channel_id"), py::arg("version"), py::arg("digest"), py::arg("signature"),
        "Encode a Countersign message (CryptoError for a malformed signature).");
    m.def(
        "encode_reject",
        [](const Hash32& id, std::uint64_t v, const std::string& reason) {
            const auto e = channel_error_from_name(reason);
            if (!e)
                throw InvalidArgument("unknown reject reason '" + reason + "'");
            return to_py(encode_message(RejectMsg{id, v, *e}));
        },
        py::arg("channel_id"), py::arg("version"), py::arg("reason"),
        "Encode a Reject message; InvalidArgumentError unless reason is in "
        "channel_error_names().");
    m.def(
        "encode_sync_reply",
        [](const SignedState& s) { return to_py(encode_message(SyncReplyMsg{s})); },
        py::arg("signed_state"), "Encode a SyncReply message.");

    // ---- adjudicator ----
    py::class_<ChannelRecord>(m, "ChannelRecord", "A channel's on-chain record (read without gas).")
        .def_property_readonly(
            "status",
            [](const ChannelRecord& r) { return std::string(channel_status_name(r.status)); })
        .def_readonly("deposited", &ChannelRecord::deposited)
        .def_readonly("deadline", &ChannelRecord::deadline)
        .def_readonly("registered_version", &ChannelRecord::registered_version)
        .def_readonly("registrant", &ChannelRecord::registrant)
        .def_readonly("penalised", &ChannelRecord::penalised,
                      "Penalty policy, more than 2 parties: the first registrant once its state "
                      "was challenged (it forfeits its balance at finalize), else None.")
        .def("__repr__", [](const ChannelRecord& r) {
            return "ChannelRecord(status='" + std::string(channel_status_name(r.status)) + "', deadline=" +
                   std::to_string(r.deadline) + ", registered_version=" + std::to_string(r.registered_version) + ")";
        });
    m.def("deploy_adjudicator", &deploy_adjudicator, py::arg("world"),
          "Deploy the adjudicator contract on the world's chain; returns its Address.");
    m.def("read_channel", &read_channel, py::arg("chain"), py::arg("adjudicator"), py::arg("channel_id"),
          py::arg("n"), "The on-chain record of a channel with n participants.");
    m.def("open_calldata", [](const ChannelParams& p) { return to_py(open_calldata(p)); }, py::arg("params"), "Calldata of open().");
    m.def("deposit_calldata", [](const ChannelParams& p, std::size_t i) { return to_py(deposit_calldata(p, i)); },
          py::arg("params"), py::arg("index"), "Calldata of deposit() for participant index.");
    m.def("refund_calldata", [](const ChannelParams& p) { return to_py(refund_calldata(p)); }, py::arg("params"), "Calldata of refund().");
    m.def("cooperative_close_calldata", [](const ChannelParams& p, const SignedState& s) { return to_py(cooperative_close_calldata(p, s)); },
          py::arg("params"), py::arg("final_state"), "Calldata of cooperative_close().");
    m.def("register_calldata", [](const ChannelParams& p, const SignedState& s) { return to_py(register_calldata(p, s)); },
          py::arg("params"), py::arg("state"), "Calldata of register() (unilateral close).");
    m.def("challenge_calldata", [](const ChannelParams& p, const SignedState& s) { return to_py(challenge_calldata(p, s)); },
          py::arg("params"), py::arg("state"), "Calldata of challenge().");
    m.def("finalize_calldata", [](const ChannelParams& p, const State& s) { return to_py(finalize_calldata(p, s)); },
          py::arg("params"), py::arg("registered"), "Calldata of finalize() with the registered state.");

    // ---- stores ----
    py::class_<Store, py::smart_holder>(m, "Store", "Where a party persists its channel record.")
        .def_property_readonly("writes", &Store::writes, "Records written so far.")
        .def_property_readonly("durable", &Store::durable, "True when the record survives a crash.")
        .def("read", [](const Store& s) -> py::object {
            auto r = s.read();
            return r ? py::object(to_py(*r)) : py::none();
        }, "The stored record bytes, or None.");
    py::class_<MemoryStore, Store, py::smart_holder>(m, "MemoryStore", "RAM store: a crash loses it.")
        .def(py::init<>());
    py::class_<DurableStore, Store, py::smart_holder>(m, "DurableStore",
        "Disk store: survives crashes; restore_backup(k) brings back the record k writes old.")
        .def(py::init<>())
        .def("restore_backup", &DurableStore::restore_backup, py::arg("versions_back"),
             "InvalidArgumentError when there is no such backup.")
        .def_property_readonly("history_length", [](const DurableStore& s) { return s.history().size(); });

    // ---- engine ----
    py::class_<Engine>(
        m, "Engine",
        "Pure off-chain protocol engine of one participant (no World): commands and incoming "
        "message bytes in, (to_index, bytes) messages out. Rejections are reason names (str).")
        .def(py::init([](const ChannelParams& p, std::size_t i, const crypto::PrivateKey& k,
                         std::uint64_t chain_id, const Address& adj, std::shared_ptr<Store> store) {
                 if (!store)
                     store = std::make_shared<MemoryStore>();
                 return std::make_unique<Engine>(p, i, k, chain_id, adj, std::move(store));
             }),
             py::arg("params"), py::arg("index"), py::arg("key"), py::arg("chain_id"),
             py::arg("adjudicator"), py::arg("store") = nullptr)
        .def_property_readonly("channel_id", &Engine::channel_id)
        .def_property_readonly("index", &Engine::index)
        .def(
            "sign_initial",
            [](Engine& e) {
                auto s = e.sign_initial();
                return to_py(Bytes(s.bytes.begin(), s.bytes.end()));
            },
            "This participant's signature on the funding state.")
        .def(
            "install_initial",
            [](Engine& e, const SignedState& s) -> std::optional<std::string> {
                auto r = e.install_initial(s);
                if (r)
                    return std::nullopt;
                return std::string(channel_error_name(r.error()));
            },
            py::arg("signed_state"),
            "Install the fully signed funding state; None or a reason name.")
        .def(
            "pay",
            [](Engine& e, std::size_t to, const u256& amt) { return result_to_py(e.pay(to, amt)); },
            py::arg("to"), py::arg("amount"),
            "Propose a payment: dict(out=..., ...) or a reason name.")
        .def(
            "propose_close", [](Engine& e) { return result_to_py(e.propose_close()); },
            "Propose the final state.")
        .def(
            "handle",
            [](Engine& e, std::size_t from, const Bytes& b) {
                return handled_to_py(e.handle(from, b));
            },
            py::arg("sender"), py::arg("payload"),
            "Handle message bytes from participant `sender`.")
        .def(
            "resend",
            [](const Engine& e) {
                py::list out;
                for (const auto& o : e.resend())
                    out.append(py::make_tuple(o.to, to_py(o.payload)));
                return out;
            },
            "Messages to re-send after silence.")
        .def(
            "arm_crash",
            [](Engine& e, const std::string& point, unsigned occurrence) {
                e.arm_crash(crash_point_arg(point), occurrence);
            },
            py::arg("point"), py::arg("occurrence") = 0,
            "Crash the (occurrence + 1)-th time the engine reaches `point` ('before_persist', "
            "'after_persist' or 'after_send'; after_send counts after_send() calls). In one update "
            "the proposer persists its proposal then the completed state (before the Ack), a peer "
            "its countersignature then the adopted Ack: occurrence 1 is each side's second.")
        .def("after_send", &Engine::after_send,
             "Crash now if 'after_send' was armed; True if it did.")
        .def("crash", &Engine::crash, "Forget volatile state.")
        .def("recover", &Engine::recover,
             "Reload from the store; False when it holds nothing usable.")
        .def_property_readonly("crashed", &Engine::crashed)
        .def_property_readonly(
            "latest", [](const Engine& e) { return e.latest(); },
            "A copy of the latest fully signed state (StateError when crashed).")
        .def_property_readonly("highest_signed", &Engine::highest_signed)
        .def_property_readonly("has_pending_proposal", &Engine::has_pending_proposal)
        .def_property_readonly("awaiting_completion", &Engine::awaiting_completion)
        .def_property_readonly("countersigned_unprovable", &Engine::countersigned_unprovable,
                               "Countersigned a newer state it cannot register itself (a peer may "
                               "hold it fully signed).")
        .def(
            "save_state", [](const Engine& e) { return to_py(e.save_bytes()); },
            "Canonical bytes of the engine's whole state (volatile part included).")
        .def(
            "load_state", [](Engine& e, const Bytes& b) { e.load_bytes(b); }, py::arg("data"),
            "Restore a save_state() image of the same channel and index; DecodeError otherwise.")
        .def_property_readonly(
            "history", [](const Engine& e) { return e.history(); },
            "Fully signed states this engine adopted, oldest first (a copy; "
            "volatile: a restart keeps only what the store held). What a "
            "StaleRegistrar chooses from.")
        .def("completed_countersigned", &Engine::completed_countersigned,
             "The countersigned, uncompleted state completed with the proposer's and own signature "
             "(2-party, before any restart), else None.")
        .def("__repr__", [](const Engine& e) {
            return "Engine(index=" + std::to_string(e.index()) + ", version=" +
                   (e.ready() ? std::to_string(e.latest().state.version) : std::string("crashed")) + ")";
        });

    m.def("bench_update_rounds", [](std::size_t rounds) {
        // Two engines in memory doing full update rounds (propose, countersign, both verify).
        std::vector<crypto::PrivateKey> keys = {crypto::PrivateKey::from_int(11), crypto::PrivateKey::from_int(12)};
        ChannelParams p{{keys[0].address(), keys[1].address()}, {u256(1) << 64, u256(1) << 64}, 10, 10,
                        DisputePolicy::LatestStateWins, 0};
        Address adj;
        adj.bytes[19] = 1;
        Engine a(p, 0, keys[0], 1337, adj, std::make_shared<MemoryStore>());
        Engine b(p, 1, keys[1], 1337, adj, std::make_shared<MemoryStore>());
        SignedState s0{initial_state(p, a.channel_id()), {a.sign_initial(), b.sign_initial()}};
        (void)a.install_initial(s0);
        (void)b.install_initial(s0);
        for (std::size_t i = 0; i < rounds; ++i) {
            auto r = a.pay(1, 1);
            auto h1 = b.handle(0, r.value().out[0].payload);
            auto h2 = a.handle(1, h1.out[0].payload);
            (void)b.handle(0, h2.out[0].payload);
        }
        return b.latest().state.version;
    }, py::arg("rounds"), py::call_guard<py::gil_scoped_release>(),
       "Run `rounds` full 2-party update rounds in C++ (for benchmarks); returns the last version.");

    // ---- actors ----
    py::class_<PartyStats>(m, "PartyStats", "Counters of one party.")
        .def_readonly("messages_sent", &PartyStats::messages_sent)
        .def_readonly("messages_received", &PartyStats::messages_received)
        .def_readonly("rejects_received", &PartyStats::rejects_received)
        .def_readonly("payments_completed", &PartyStats::payments_completed)
        .def_readonly("txs_submitted", &PartyStats::txs_submitted)
        .def_readonly("challenges_submitted", &PartyStats::challenges_submitted)
        .def_readonly("registrations_submitted", &PartyStats::registrations_submitted)
        .def_readonly("crashes", &PartyStats::crashes)
        .def_readonly("auto_force_closes", &PartyStats::auto_force_closes)
        .def_readonly("late_messages_ignored", &PartyStats::late_messages_ignored)
        .def_readonly("tower_fees_owed", &PartyStats::tower_fees_owed);

    auto party = py::class_<Party, sim::Actor, PyParty, py::smart_holder>(m, "Party",
        "A channel participant actor (honest by default). Subclass and override respond_to(sender, "
        "payload) -> bool, state_to_register(world) -> SignedState, should_challenge(record) -> bool, "
        "or the actor hooks on_block / on_message / on_event / on_timer (the World calls the Python "
        "override; super() runs the protocol's own hook) to make an adversary that still runs the "
        "real protocol code.");
    party
        .def(py::init([](std::string name, const sim::Account& acct, std::shared_ptr<Store> store) {
                 return std::make_shared<PyParty>(std::move(name), acct, std::move(store));
             }),
             py::arg("name"), py::arg("account"), py::arg("store") = nullptr)
        .def("attach", &Party::attach, py::arg("world"), py::arg("params"), py::arg("index"),
             py::arg("adjudicator"))
        .def_property_readonly("engine", py::overload_cast<>(&Party::engine),
                               py::return_value_policy::reference_internal)
        .def_property_readonly("account", &Party::account)
        .def_property_readonly("stats", &Party::stats)
        .def("set_resend_interval", &Party::set_resend_interval, py::arg("blocks"))
        .def("set_watchtower", &Party::set_watchtower, py::arg("tower"), py::arg("fee_per_update"))
        .def("submit_open", &Party::submit_open, py::arg("world"),
             "Submit open(); returns the tx hash.")
        .def("submit_deposit", &Party::submit_deposit, py::arg("world"),
             py::arg("amount") = py::none(),
             "Deposit (the exact amount when None); returns the tx hash.")
        .def("submit_refund", &Party::submit_refund, py::arg("world"))
        .def("force_close", &Party::force_close, py::arg("world"),
             "Register state_to_register() on-chain.")
        .def(
            "challenge", &Party::challenge, py::arg("world"),
            "Challenge the registered state with the latest one now; StateError when not possible.")
        .def("pay", &Party::pay, py::arg("world"), py::arg("to"), py::arg("amount"),
             "Queue a payment (wei) to participant index.")
        .def("close", &Party::close, py::arg("world"), "Queue a cooperative close.")
        .def_property_readonly("queued", &Party::queued)
        .def("crash", &Party::crash)
        .def(
            "arm_crash",
            [](Party& p, const std::string& point, unsigned occurrence) {
                p.arm_crash(crash_point_arg(point), occurrence);
            },
            py::arg("point"), py::arg("occurrence") = 0,
            "Crash the (occurrence + 1)-th time the engine reaches `point` (see Engine.arm_crash).")
        .def("restart", &Party::restart, py::arg("world"))
        .def_property_readonly("crashed", &Party::crashed)
        .def_property_readonly("synced", &Party::synced)
        .def("record", &Party::record, py::arg("world"))
        .def("gas_used", &Party::gas_used, py::arg("world"))
        .def("fees_paid", &Party::fees_paid, py::arg("world"))
        .def("received", &Party::received, py::arg("world"),
             "Wei paid back to this party by the channel so far.")
        .def_property_readonly("latest_balance", &Party::latest_balance)
        .def_property_readonly("last_known_balance", &Party::last_known_balance,
                               "Its balance in the last fully signed state it adopted (its "
                               "deposit before any update); kept through crashes.")
        .def("state_to_challenge_with", &Party::state_to_challenge_with,
             "The newest state it can prove on-chain: its latest, or the countersigned state "
             "completed with the proposer's and its own signature when newer (2 parties).")
        .def_property_readonly("funded_seen", &Party::funded_seen)
        .def(
            "save_state", [](const Party& p) { return to_py(p.save_bytes()); },
            "Canonical bytes of everything the party holds (engine included, its Store excluded); "
            "StateError before attach.")
        .def(
            "load_state", [](Party& p, const Bytes& b) { p.load_bytes(b); }, py::arg("data"),
            "Restore a save_state() image of a party of the same channel and index; DecodeError "
            "(party unchanged) for anything else.")
        .def("set_force_close_after", &Party::set_force_close_after, py::arg("blocks"),
             "Register the latest state after `blocks` blocks without progress on a pending "
             "update while the channel is open (0 disables, the default).")
        .def_property_readonly("force_close_after", &Party::force_close_after)
        .def_property_readonly("penalty_trap", &Party::penalty_trap,
                               "True when registering now could be penalised: the party does not "
                               "register then (force_close raises StateError).")
        .def_property_readonly("scanned_to", &Party::scanned_to,
                               "First block not yet scanned for adjudicator logs.")
        .def_property_readonly(
            "status_seen",
            [](const Party& p) { return std::string(channel_status_name(p.status_seen())); },
            "The channel's on-chain status as last observed.")
        .def_property_readonly("registered_seen", &Party::registered_seen,
                               "The registered state learnt from the logs, or None.")
        .def(
            "on_start", [](Party& p, World& w) { p.Party::on_start(w); }, py::arg("world"))
        .def(
            "on_block", [](Party& p, World& w, const l1::Block& b) { p.Party::on_block(w, b); },
            py::arg("world"), py::arg("block"),
            "The protocol's block hook (watch chain, drive updates).")
        .def(
            "on_message",
            [](Party& p, World& w, sim::ActorId from, const Bytes& b) {
                p.Party::on_message(w, from, b);
            },
            py::arg("world"), py::arg("sender"), py::arg("payload"), "The protocol's message hook.")
        .def(
            "on_event", [](Party& p, World& w, const l1::Log& log) { p.Party::on_event(w, log); },
            py::arg("world"), py::arg("log"))
        .def(
            "respond_to",
            [](Party& p, std::size_t from, const Bytes& b) { return p.Party::respond_to(from, b); },
            py::arg("sender"), py::arg("payload"))
        .def(
            "state_to_register", [](Party& p, World& w) { return p.Party::state_to_register(w); },
            py::arg("world"))
        .def(
            "should_challenge",
            [](Party& p, const ChannelRecord& r) { return p.Party::should_challenge(r); },
            py::arg("record"));

    py::class_<StaleRegistrar, Party, PyStaleRegistrar, py::smart_holder>(
        m, "StaleRegistrar",
        "Adversary: keeps every fully signed state (engine.history) and registers an older one "
        "with cheat(). Subclass and override choose_stale_version(world) -> int to pick it.")
        .def(py::init([](std::string name, const sim::Account& acct, std::shared_ptr<Store> store) {
                 return std::make_shared<PyStaleRegistrar>(std::move(name), acct, std::move(store));
             }),
             py::arg("name"), py::arg("account"), py::arg("store") = nullptr)
        .def("cheat", &StaleRegistrar::cheat, py::arg("world"), py::arg("version") = py::none(),
             "Register the state with `version` (choose_stale_version(world) when None); "
             "InvalidArgumentError for a version it never held; returns the tx hash.")
        .def(
            "choose_stale_version",
            [](StaleRegistrar& p, World& w) { return p.StaleRegistrar::choose_stale_version(w); },
            py::arg("world"),
            "The version cheat() registers when given none. Default: uniform over the versions "
            "it held below its latest (world stream 'channel/adversary/<name>').")
        .def_property_readonly("cheat_version", &StaleRegistrar::cheat_version,
                               "The version the last cheat() registered, or None.")
        .def("challenge_with", &StaleRegistrar::challenge_with, py::arg("world"),
             py::arg("version"),
             "Challenge the registered state with the fully signed state `version` it held (a "
             "colluder's choice); InvalidArgumentError when it never held it; the tx hash.");
    py::class_<SilentParty, Party, PyPartyT<SilentParty>, py::smart_holder>(m, "SilentParty",
        "Adversary: answers nothing while silent (griefing).")
        .def(py::init([](std::string name, const sim::Account& acct, std::shared_ptr<Store> store) {
                 return std::make_shared<PyPartyT<SilentParty>>(std::move(name), acct, std::move(store));
             }), py::arg("name"), py::arg("account"), py::arg("store") = nullptr)
        .def_property("silent", &SilentParty::silent, &SilentParty::set_silent);
    py::class_<Colluder, Party, PyPartyT<Colluder>, py::smart_holder>(m, "Colluder",
        "Adversary: never challenges (profits from a partner's stale registration).")
        .def(py::init([](std::string name, const sim::Account& acct, std::shared_ptr<Store> store) {
                 return std::make_shared<PyPartyT<Colluder>>(std::move(name), acct, std::move(store));
             }), py::arg("name"), py::arg("account"), py::arg("store") = nullptr);

    m.def("setup_channel", [](const World& w, const std::vector<std::shared_ptr<Party>>& ps,
                              const ChannelParams& p, const Address& adj) { setup_channel(w, ps, p, adj); },
          py::arg("world"), py::arg("parties"), py::arg("params"), py::arg("adjudicator"),
          "Attach parties (in participant order) and install the fully signed funding state.");

    py::class_<Watchtower, sim::Actor, PyWatchtower, py::smart_holder>(
        m, "Watchtower",
        "Watchtower actor that never sees channel states: parties hand it (hint, encrypted blob) "
        "pairs for superseded states; it scans adjudicator logs incrementally and challenges when "
        "a registered state's signature unlocks a blob. Subclass it and override on_block / "
        "on_message / on_event (call super() to keep the tower's behaviour).")
        .def(py::init([](std::string name, const sim::Account& acct, const Address& adj,
                         const u256& fee) {
                 return std::make_shared<PyWatchtower>(std::move(name), acct, adj, fee);
             }),
             py::arg("name"), py::arg("account"), py::arg("adjudicator"),
             py::arg("fee_per_update") = 0)
        .def_property_readonly("account", &Watchtower::account)
        .def_property_readonly("blobs_held", &Watchtower::blobs_held,
                               "Candidate justice blobs held, over every hint and client.")
        .def_property_readonly("hints_held", &Watchtower::hints_held,
                               "Distinct hints held (one candidate blob per client under each).")
        .def("blobs_from", &Watchtower::blobs_from, py::arg("client"),
             "Blobs the tower holds from client actor id `client` (only that client fills its "
             "slot under a hint, so a counterparty cannot squat a victim's hint).")
        .def_property_readonly(
            "channels_known", &Watchtower::channels_known,
            "Channels the tower can identify: only those with a detected breach.")
        .def_property_readonly("updates_received", &Watchtower::updates_received)
        .def_property_readonly("updates_refused", &Watchtower::updates_refused)
        .def_property_readonly("breaches_detected", &Watchtower::breaches_detected)
        .def_property_readonly("challenges_submitted", &Watchtower::challenges_submitted)
        .def_property_readonly("fees_earned", &Watchtower::fees_earned,
                               "Wei accrued (fee_per_update per blob).")
        .def_property_readonly("scanned_to", &Watchtower::scanned_to,
                               "First block not yet scanned for logs.")
        .def("justice_version", &Watchtower::justice_version, py::arg("channel_id"),
             "Newest version it can challenge with in a breached channel, else None.")
        .def("gas_used", &Watchtower::gas_used, py::arg("world"))
        .def(
            "on_start", [](Watchtower& t, World& w) { t.Watchtower::on_start(w); },
            py::arg("world"))
        .def(
            "on_block",
            [](Watchtower& t, World& w, const l1::Block& b) { t.Watchtower::on_block(w, b); },
            py::arg("world"), py::arg("block"),
            "The tower's own block hook (scan logs, challenge).")
        .def(
            "on_message",
            [](Watchtower& t, World& w, sim::ActorId from, const Bytes& b) {
                t.Watchtower::on_message(w, from, b);
            },
            py::arg("world"), py::arg("sender"), py::arg("payload"),
            "The tower's own message hook (store a blob).")
        .def(
            "on_event",
            [](Watchtower& t, World& w, const l1::Log& log) { t.Watchtower::on_event(w, log); },
            py::arg("world"), py::arg("log"))
        .def(
            "save_state", [](const Watchtower& t) { return to_py(t.save_bytes()); },
            "Canonical bytes of everything the tower keeps.")
        .def(
            "load_state", [](Watchtower& t, const Bytes& b) { t.load_bytes(b); }, py::arg("data"),
            "Restore a save_state() image; DecodeError (tower unchanged) for anything else.");

    py::class_<TowerBlob>(m, "TowerBlob", "What a party hands its tower: a 16-byte hint and a ciphertext.")
        .def_property_readonly("hint", [](const TowerBlob& b) { return to_py(Bytes(b.hint.begin(), b.hint.end())); })
        .def_property_readonly("ciphertext", [](const TowerBlob& b) { return to_py(b.ciphertext); })
        .def("encode", [](const TowerBlob& b) { return to_py(b.encode()); }, "Wire form (the message to the tower).")
        .def_static("decode", [](const Bytes& b) { return TowerBlob::decode(b); }, py::arg("data"),
                    "Strict inverse of encode(); DecodeError otherwise.");
    m.def("tower_hint", [](const Bytes& sig) {
        const auto h = tower_hint(crypto::Signature::parse(sig));
        return to_py(Bytes(h.begin(), h.end()));
    }, py::arg("signature"), "Hint derived from a 65-byte signature on a superseded state.");
    m.def("make_tower_blob", [](const Bytes& sig, const ChannelParams& p, const SignedState& newer) {
        return make_tower_blob(crypto::Signature::parse(sig), p, newer);
    }, py::arg("own_signature"), py::arg("params"), py::arg("newer"),
       "Justice blob for the state signed with own_signature, carrying (params, newer).");
    m.def("open_tower_blob", [](const Bytes& sig, const Bytes& ct) -> py::object {
        auto j = open_tower_blob(crypto::Signature::parse(sig), ct);
        if (!j) return py::none();
        return py::make_tuple(j->params, j->newer);
    }, py::arg("signature"), py::arg("ciphertext"),
       "(params, newer SignedState) when `signature` unlocks the blob, else None.");

    // ---- invariants ----
    py::class_<AdjudicatorSolvency, sim::Invariant, py::smart_holder>(m, "AdjudicatorSolvency",
        "Invariant: the adjudicator's balance equals the deposits of its live channels.")
        .def(py::init<Address>(), py::arg("adjudicator"));
    py::class_<NoUsableBeforeFunded, sim::Invariant, py::smart_holder>(m, "NoUsableBeforeFunded",
        "Invariant: no party holds a state above version 0 before its channel is funded.")
        .def(py::init<std::vector<std::shared_ptr<Party>>>(), py::arg("parties"));
    m.def("check_conservation", &check_conservation, py::arg("world"), py::arg("adjudicator"), py::arg("parties"),
          "None when the adjudicator holds 0 and payouts == deposits, else what is wrong.");
    m.def("check_honest_safety", &check_honest_safety, py::arg("world"), py::arg("party"),
          "None when the party received at least its latest balance, else what is wrong.");
    m.def("check_no_honest_penalised", &check_no_honest_penalised, py::arg("world"), py::arg("party"),
          "None unless a challenge under the penalty policy punished a state this party registered.");
    m.def("check_no_usable_before_funded", &check_no_usable_before_funded, py::arg("world"), py::arg("party"),
          "None unless the party holds a state above version 0 while its channel is not funded.");
}

}  // namespace l2lab::bindings
