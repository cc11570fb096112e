// Bindings for cpp/l2lab/sim: World, Network, Actor (subclassable from Python), invariants.
//
// GIL: run, mine and snapshot release the GIL; every call back into Python (actor hooks, Python
// invariants, Python actor state) re-acquires it first. restore holds it (it rewrites the actor
// list the garbage collector traverses). Python actors are held with pybind11's smart_holder +
// trampoline_self_life_support, so a World keeps a Python actor (its __dict__ and overrides)
// alive after the last Python reference is gone; World takes part in Python's cycle collection
// so an actor that stores its World does not leak both.
#include <pybind11/stl.h>

#include <memory>
#include <sstream>
#include <string>

#include "bindings.hpp"
#include "casters.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/crypto/address.hpp"
#include "l2lab/sim/world.hpp"

namespace py = pybind11;

namespace l2lab::bindings {
namespace {

using namespace l2lab::sim;

// A py::object that can be copied and destroyed without holding the GIL (std::any and snapshot
// data are copied inside GIL-released calls).
using SharedPyObject = std::shared_ptr<py::object>;

SharedPyObject share(py::object obj) {
    return SharedPyObject(new py::object(std::move(obj)), [](py::object* p) {
        py::gil_scoped_acquire gil;
        delete p;
    });
}

// The World handed to Python hooks: never owned by Python through this path (a World created from
// Python is found as its existing wrapper).
py::object world_obj(const World& w) { return py::cast(&w, py::return_value_policy::reference); }

class PyActor : public Actor, public py::trampoline_self_life_support {
public:
    using Actor::Actor;

    void on_start(World& world) override {
        py::gil_scoped_acquire gil;
        if (auto f = override_of("on_start")) f(world_obj(world));
    }
    void on_block(World& world, const l1::Block& block) override {
        py::gil_scoped_acquire gil;
        auto f = override_of("on_block");
        if (!f) return;
        // Share the chain's immutable block rather than copy it (Python may keep it).
        const auto shared = world.chain().block_ptr(block.header.number);
        f(world_obj(world), shared.get() == &block ? py::cast(shared) : py::cast(block));
    }
    void on_message(World& world, ActorId from, const Bytes& payload) override {
        py::gil_scoped_acquire gil;
        if (auto f = override_of("on_message")) f(world_obj(world), from, py::cast(payload));
    }
    void on_event(World& world, const l1::Log& log) override {
        py::gil_scoped_acquire gil;
        if (auto f = override_of("on_event")) f(world_obj(world), py::cast(log));
    }
    void on_timer(World& world, std::uint64_t tag) override {
        py::gil_scoped_acquire gil;
        if (auto f = override_of("on_timer")) f(world_obj(world), tag);
    }
    std::any save_state() const override {
        py::gil_scoped_acquire gil;
        auto f = override_of("save_state");
        if (!f) return {};
        py::object state = f();
        if (state.is_none()) return {};
        return share(std::move(state));
    }
    void load_state(const std::any& state) override {
        py::gil_scoped_acquire gil;
        auto f = override_of("load_state");
        if (!f) return;
        if (const auto* p = std::any_cast<SharedPyObject>(&state)) {
            f(**p);
        } else {
            f(py::none());
        }
    }

private:
    py::function override_of(const char* name) const {
        return py::get_override(static_cast<const Actor*>(this), name);
    }
};

class PyInvariant : public Invariant, public py::trampoline_self_life_support {
public:
    std::string name() const override {
        py::gil_scoped_acquire gil;
        PYBIND11_OVERRIDE_PURE(std::string, Invariant, name, );
    }
    std::optional<std::string> check(const World& world) override {
        py::gil_scoped_acquire gil;
        PYBIND11_OVERRIDE_PURE(std::optional<std::string>, Invariant, check, world_obj(world));
    }
};

// A Python callable as an invariant: None or True = holds, False = violated, str = violated
// with that detail. Anything else is a TypeError (raised from run()/mine()).
class CallableInvariant final : public Invariant {
public:
    CallableInvariant(std::string name, py::function fn) : m_name(std::move(name)), m_fn(share(std::move(fn))) {
        if (m_name.empty()) throw InvalidArgument("World.add_invariant: name must not be empty");
    }
    std::string name() const override { return m_name; }
    std::optional<std::string> check(const World& world) override {
        py::gil_scoped_acquire gil;
        py::object r = (*m_fn)(world_obj(world));
        if (r.is_none() || r.is(py::bool_(true))) return std::nullopt;
        if (r.is(py::bool_(false))) return "check returned False";
        if (py::isinstance<py::str>(r)) return r.cast<std::string>();
        throw py::type_error("invariant '" + m_name +
                             "' must return None/True (holds), False or a str (violated), got " +
                             std::string(py::str(py::type::of(r).attr("__name__"))));
    }

    PyObject* function() const noexcept { return m_fn->ptr(); }

private:
    std::string m_name;
    SharedPyObject m_fn;
};

// The Python object kept alive by a shared_ptr that pybind11 made for a Python subclass instance
// (its trampoline life-support deleter holds one reference), or nullptr for a plain C++ object.
// Only reported when `p` is the last owner: a reference shared with a live WorldSnapshot is not
// the World's to report, or the collector could clear an actor the snapshot still needs.
template <typename T>
PyObject* owned_python_self(const std::shared_ptr<T>& p) {
    using LifeSupport =
        py::detail::smart_holder_type_caster_support::shared_ptr_trampoline_self_life_support;
    const auto* d = std::get_deleter<LifeSupport>(p);
    return d == nullptr || p.use_count() != 1 ? nullptr : d->self;
}

// Garbage-collector support for World: a Python actor (or invariant) that stores its World makes
// a cycle World -> actor -> World through C++; traversal shows it to Python's collector and
// clearing detaches the actors and invariants.
void world_gc_setup(PyHeapTypeObject* heap_type) {
    auto* type = &heap_type->ht_type;
    type->tp_flags |= Py_TPFLAGS_HAVE_GC;
    type->tp_traverse = [](PyObject* self_base, visitproc visit, void* arg) -> int {
        Py_VISIT(Py_TYPE(self_base));
        if (!py::detail::is_holder_constructed(self_base)) return 0;
        const auto& w = py::cast<const World&>(py::handle(self_base));
        for (const auto& a : w.actors()) {
            if (PyObject* o = owned_python_self(a)) Py_VISIT(o);
        }
        for (const auto& inv : w.invariants()) {
            if (PyObject* o = owned_python_self(inv)) Py_VISIT(o);
            if (const auto* c = dynamic_cast<const CallableInvariant*>(inv.get())) {
                Py_VISIT(c->function());
            }
        }
        return 0;
    };
    type->tp_clear = [](PyObject* self_base) -> int {
        if (py::detail::is_holder_constructed(self_base)) {
            py::cast<World&>(py::handle(self_base)).detach_actors_and_invariants();
        }
        return 0;
    };
}

// Accept an Actor object or an int id wherever an actor is named.
ActorId to_actor_id(const py::handle& h) {
    if (py::isinstance<Actor>(h)) {
        const auto& a = h.cast<const Actor&>();
        if (a.id() == kNoActor) {
            throw InvalidArgument("actor '" + a.name() + "' has not been added to a World");
        }
        return a.id();
    }
    if (PyBool_Check(h.ptr()) || !PyLong_Check(h.ptr())) {
        throw py::type_error("expected an Actor or an int actor id, got " +
                             std::string(py::str(py::type::of(h).attr("__name__"))));
    }
    const auto v = h.cast<py::int_>();
    if (v < py::int_(0) || v >= py::int_(static_cast<std::uint64_t>(kNoActor))) {
        throw InvalidArgument("actor id out of range: " + std::string(py::str(v)));
    }
    return v.cast<ActorId>();
}

// Address, Account, or anything Address() accepts ("0x..." text, 20 bytes).
Address to_address(const py::handle& h) {
    if (py::isinstance<Account>(h)) return h.cast<const Account&>().address;
    if (py::isinstance<Address>(h)) return h.cast<Address>();
    return py::type::of<Address>()(h).cast<Address>();
}

// An Actor, an int id, or an address some actor registered (Address, Account, "0x..." text).
ActorId resolve_actor(const World& w, const py::handle& h) {
    if (py::isinstance<Actor>(h) || (PyLong_Check(h.ptr()) && !PyBool_Check(h.ptr()))) {
        return to_actor_id(h);
    }
    if (PyBool_Check(h.ptr())) return to_actor_id(h);  // TypeError naming bool
    const Address a = to_address(h);
    const auto id = w.actor_of(a);
    if (!id) throw InvalidArgument("no actor registered address " + a.hex());
    return *id;
}

TxOptions tx_options(std::optional<std::uint64_t> nonce, std::optional<std::uint64_t> gas_limit,
                     std::optional<u256> max_fee, std::optional<u256> tip) {
    return TxOptions{nonce, gas_limit, std::move(max_fee), std::move(tip)};
}

// topics: up to 4 positions, each None (any), bytes (that value) or a list of bytes (any of).
l1::LogFilter make_filter(const py::object& address, const py::object& topics,
                          std::uint64_t from_block, std::optional<std::uint64_t> to_block) {
    l1::LogFilter f;
    if (!address.is_none()) {
        if (py::isinstance<py::list>(address) || py::isinstance<py::tuple>(address)) {
            for (auto a : address) f.addresses.push_back(to_address(a));
        } else {
            f.addresses.push_back(to_address(address));
        }
    }
    if (!topics.is_none()) {
        const auto seq = py::reinterpret_borrow<py::sequence>(topics);
        if (py::len(seq) > 4) {
            throw InvalidArgument("subscribe: at most 4 topic positions, got " +
                                  std::to_string(py::len(seq)));
        }
        for (std::size_t i = 0; i < py::len(seq); ++i) {
            py::object t = seq[i];
            if (t.is_none()) continue;
            if (py::isinstance<py::list>(t) || py::isinstance<py::tuple>(t)) {
                for (auto x : t) f.topics[i].push_back(x.cast<Hash32>());
            } else {
                f.topics[i].push_back(t.cast<Hash32>());
            }
        }
    }
    f.from_block = from_block;
    f.to_block = to_block;
    return f;
}

std::string link_repr(const LinkConfig& l) {
    std::ostringstream s;
    s << "LinkConfig(latency_ms=" << l.latency_ms << ", jitter_ms=" << l.jitter_ms
      << ", drop_probability=" << l.drop_probability
      << ", duplicate_probability=" << l.duplicate_probability << ", up=" << (l.up ? "True" : "False")
      << ")";
    return s.str();
}

OfflinePolicy to_policy(const py::object& o) {
    if (py::isinstance<OfflinePolicy>(o)) return o.cast<OfflinePolicy>();
    if (py::isinstance<py::str>(o)) {
        const auto s = o.cast<std::string>();
        if (s == "drop") return OfflinePolicy::Drop;
        if (s == "queue") return OfflinePolicy::Queue;
        throw InvalidArgument("offline_policy must be 'drop' or 'queue', got '" + s + "'");
    }
    throw py::type_error("offline_policy must be an OfflinePolicy or 'drop'/'queue'");
}

template <typename Stats>
py::dict stats_dict(const Stats& s, std::initializer_list<std::pair<const char*, std::uint64_t Stats::*>> fields) {
    py::dict d;
    for (const auto& [name, member] : fields) d[name] = s.*member;
    return d;
}

void bind_network(py::module_& m) {
    py::enum_<OfflinePolicy>(m, "OfflinePolicy",
                             "What happens to messages whose recipient is offline when they fall "
                             "due: DROP (lost) or QUEUE (delivered when it is back online).")
        .value("DROP", OfflinePolicy::Drop)
        .value("QUEUE", OfflinePolicy::Queue);

    py::class_<LinkConfig>(m, "LinkConfig",
                           "Behaviour of one directed link: latency and uniform jitter (ms), drop "
                           "and duplicate probabilities, up/down. Reordering comes from jitter.")
        .def(py::init([](TimeMs latency_ms, TimeMs jitter_ms, double drop_probability,
                         double duplicate_probability, bool up) {
                 LinkConfig l{latency_ms, jitter_ms, drop_probability, duplicate_probability, up};
                 validate(l);
                 return l;
             }),
             py::kw_only(), py::arg("latency_ms") = 100, py::arg("jitter_ms") = 0,
             py::arg("drop_probability") = 0.0, py::arg("duplicate_probability") = 0.0,
             py::arg("up") = true,
             "Probabilities must be in [0, 1] and delays at most 2**40 ms (InvalidArgumentError).")
        .def_readonly("latency_ms", &LinkConfig::latency_ms, "Fixed delay, ms.")
        .def_readonly("jitter_ms", &LinkConfig::jitter_ms, "Each copy adds uniform [0, jitter_ms] ms.")
        .def_readonly("drop_probability", &LinkConfig::drop_probability)
        .def_readonly("duplicate_probability", &LinkConfig::duplicate_probability)
        .def_readonly("up", &LinkConfig::up, "False: disconnected, everything on it is lost.")
        .def("__eq__", [](const LinkConfig& a, const LinkConfig& b) { return a == b; })
        .def("__repr__", &link_repr);

    py::class_<NetworkConfig>(m, "NetworkConfig", "Network-wide settings.")
        .def(py::init([](std::optional<LinkConfig> default_link, const py::object& offline_policy,
                         std::size_t max_offline_queue, std::size_t max_message_bytes) {
                 NetworkConfig c;
                 if (default_link) c.default_link = *default_link;
                 c.offline_policy = to_policy(offline_policy);
                 c.max_offline_queue = max_offline_queue;
                 c.max_message_bytes = max_message_bytes;
                 validate(c);
                 return c;
             }),
             py::kw_only(), py::arg("default_link") = py::none(),
             py::arg("offline_policy") = "drop", py::arg("max_offline_queue") = 10'000,
             py::arg("max_message_bytes") = 16u << 20,
             "default_link applies to every link without an override; offline_policy is "
             "'drop' (default) or 'queue' (bounded by max_offline_queue per actor).")
        .def_readonly("default_link", &NetworkConfig::default_link)
        .def_readonly("offline_policy", &NetworkConfig::offline_policy)
        .def_readonly("max_offline_queue", &NetworkConfig::max_offline_queue)
        .def_readonly("max_message_bytes", &NetworkConfig::max_message_bytes)
        .def("__repr__", [](const NetworkConfig& c) {
            return "NetworkConfig(default_link=" + link_repr(c.default_link) +
                   ", offline_policy='" + std::string(offline_policy_name(c.offline_policy)) +
                   "', max_offline_queue=" + std::to_string(c.max_offline_queue) +
                   ", max_message_bytes=" + std::to_string(c.max_message_bytes) + ")";
        });

    py::class_<SendResult>(m, "SendResult", "Outcome of a send: message id, copies scheduled.")
        .def_readonly("message_id", &SendResult::message_id)
        .def_readonly("copies", &SendResult::copies, "0 (lost at send), 1, or 2 (duplicated).")
        .def_property_readonly(
            "lost",
            [](const SendResult& r) -> std::optional<std::string> {
                if (r.lost == LossReason::None) return std::nullopt;
                return std::string(loss_reason_name(r.lost));
            },
            "None, or why nothing was scheduled: 'dropped', 'link_down', 'sender_offline'.")
        .def("__repr__", [](const SendResult& r) {
            return "SendResult(message_id=" + std::to_string(r.message_id) +
                   ", copies=" + std::to_string(r.copies) +
                   (r.lost == LossReason::None
                        ? std::string()
                        : ", lost='" + std::string(loss_reason_name(r.lost)) + "'") +
                   ")";
        });

    using NS = NetworkStats;
    static const std::initializer_list<std::pair<const char*, std::uint64_t NS::*>> ns_fields = {
        {"sent", &NS::sent},
        {"copies_scheduled", &NS::copies_scheduled},
        {"duplicated", &NS::duplicated},
        {"delivered", &NS::delivered},
        {"dropped", &NS::dropped},
        {"lost_link_down", &NS::lost_link_down},
        {"lost_disconnected", &NS::lost_disconnected},
        {"lost_sender_offline", &NS::lost_sender_offline},
        {"lost_recipient_offline", &NS::lost_recipient_offline},
        {"lost_queue_full", &NS::lost_queue_full},
        {"queued_offline", &NS::queued_offline}};
    auto ns = py::class_<NetworkStats>(m, "NetworkStats", "Network counters since the World began.");
    for (const auto& [name, member] : ns_fields) {
        ns.def_property_readonly(name, [member](const NS& s) { return s.*member; });
    }
    ns.def("as_dict", [](const NS& s) { return stats_dict(s, ns_fields); },
           "All counters as a dict.")
        .def("__eq__", [](const NS& a, const NS& b) { return a == b; })
        .def("__repr__", [](const NS& s) {
            return "NetworkStats(" +
                   std::string(py::str(stats_dict(s, ns_fields))) + ")";
        });

    py::class_<Network>(m, "Network",
                        "The World's off-chain message network (World.network). Actors are named "
                        "by Actor object or int id.")
        .def_property(
            "config", &Network::config, &Network::set_config,
            "The NetworkConfig; assigning replaces it (per-link overrides are kept).")
        .def(
            "set_link",
            [](Network& n, const py::object& a, const py::object& b, const LinkConfig& link,
               bool symmetric) {
                const ActorId x = to_actor_id(a), y = to_actor_id(b);
                n.set_link(x, y, link);
                if (symmetric) n.set_link(y, x, link);
            },
            py::arg("sender"), py::arg("recipient"), py::arg("link"), py::kw_only(),
            py::arg("symmetric") = false,
            "Override the directed link sender -> recipient (both directions if symmetric).")
        .def(
            "clear_link",
            [](Network& n, const py::object& a, const py::object& b) {
                n.clear_link(to_actor_id(a), to_actor_id(b));
            },
            py::arg("sender"), py::arg("recipient"), "Return a link to the default config.")
        .def(
            "link",
            [](const Network& n, const py::object& a, const py::object& b) {
                return n.link(to_actor_id(a), to_actor_id(b));
            },
            py::arg("sender"), py::arg("recipient"), "Effective LinkConfig of sender -> recipient.")
        .def(
            "set_link_up",
            [](Network& n, const py::object& a, const py::object& b, bool up) {
                n.set_link_up(to_actor_id(a), to_actor_id(b), up);
            },
            py::arg("a"), py::arg("b"), py::arg("up"),
            "Connect or disconnect a <-> b (both directions). In-flight copies on a link that is "
            "down at delivery time are lost.")
        .def(
            "send",
            [](Network& n, const py::object& a, const py::object& b, Bytes payload) {
                return n.send(to_actor_id(a), to_actor_id(b), std::move(payload));
            },
            py::arg("sender"), py::arg("recipient"), py::arg("payload"),
            "Send payload (bytes) at the current time; same as World.send.")
        .def(
            "is_online", [](const Network& n, const py::object& a) { return n.is_online(to_actor_id(a)); },
            py::arg("actor"))
        .def(
            "queued_for", [](const Network& n, const py::object& a) { return n.queued_for(to_actor_id(a)); },
            py::arg("actor"), "Messages parked for an offline actor (queue policy).")
        .def_property_readonly("stats", &Network::stats, "NetworkStats counters.")
        .def_property_readonly(
            "links",
            [](const Network& n) {
                py::dict d;
                for (const auto& [k, v] : n.links()) d[py::make_tuple(k.first, k.second)] = v;
                return d;
            },
            "Per-link overrides: {(sender_id, recipient_id): LinkConfig}.")
        .def("__repr__", [](const Network& n) {
            return "Network(actors=" + std::to_string(n.endpoint_count()) +
                   ", overrides=" + std::to_string(n.links().size()) +
                   ", delivered=" + std::to_string(n.stats().delivered) + ")";
        });
}

void bind_actor(py::module_& m) {
    py::class_<Actor, PyActor, py::smart_holder>(
        m, "Actor",
        "Base class of actors. Subclass it and override any of on_start(world), "
        "on_block(world, block), on_message(world, sender, payload), on_event(world, log), "
        "on_timer(world, tag); call super().__init__(name). For World.snapshot/restore, override "
        "save_state() -> object and load_state(state): the World does not capture a Python "
        "actor's attributes otherwise (the object returned is kept by reference, so return a "
        "copy of anything you mutate later).")
        .def(py::init<std::string>(), py::arg("name") = "actor")
        .def_property_readonly("name", &Actor::name)
        .def_property_readonly(
            "id",
            [](const Actor& a) -> std::optional<ActorId> {
                if (a.id() == kNoActor) return std::nullopt;
                return a.id();
            },
            "Id in its World, or None before World.add_actor.")
        .def("on_start", &Actor::on_start, py::arg("world"), "Called once before any other hook.")
        .def("on_block", &Actor::on_block, py::arg("world"), py::arg("block"),
             "Called after every block produced by World.run.")
        .def("on_message", &Actor::on_message, py::arg("world"), py::arg("sender"),
             py::arg("payload"), "A network message (bytes) from actor id `sender`.")
        .def("on_event", &Actor::on_event, py::arg("world"), py::arg("log"),
             "A log matching one of this actor's subscriptions (World.subscribe).")
        .def("on_timer", &Actor::on_timer, py::arg("world"), py::arg("tag"),
             "A timer set with World.schedule_timer fell due.")
        .def(
            "save_state", [](const Actor&) { return py::none(); },
            "Return the state World.snapshot must keep for this actor (default: None).")
        .def(
            "load_state", [](Actor&, const py::object&) {},
            py::arg("state"), "Receive what save_state returned when the snapshot was taken.")
        .def("__repr__", [](const py::object& self) {
            const auto& a = self.cast<const Actor&>();
            return std::string(py::str(py::type::of(self).attr("__name__"))) + "(name='" +
                   a.name() + "', id=" +
                   (a.id() == kNoActor ? std::string("None") : std::to_string(a.id())) + ")";
        });
}

void bind_invariants(py::module_& m) {
    py::class_<Invariant, PyInvariant, py::smart_holder>(
        m, "Invariant",
        "A safety property checked after every block. Subclass and implement name() -> str and "
        "check(world) -> str | None (None: holds; str: what is wrong). Or pass a function to "
        "World.add_invariant(name, fn).")
        .def(py::init<>())
        .def("name", &Invariant::name)
        .def("check", &Invariant::check, py::arg("world"));

    py::class_<Violation>(m, "Violation", "A recorded invariant violation.")
        .def_readonly("invariant", &Violation::invariant)
        .def_readonly("block_number", &Violation::block_number)
        .def_readonly("time_ms", &Violation::time_ms)
        .def_readonly("detail", &Violation::detail)
        .def("__eq__", [](const Violation& a, const Violation& b) { return a == b; })
        .def("__repr__", [](const Violation& v) {
            return "Violation(invariant='" + v.invariant + "', block_number=" +
                   std::to_string(v.block_number) + ", detail=" +
                   std::string(py::repr(py::str(v.detail))) + ")";
        });
}

void bind_world_values(py::module_& m) {
    py::class_<Account>(m, "Account", "A funded L1 account of a World: .key and .address.")
        .def_readonly("key", &Account::key, "The PrivateKey (derived from the World's seed).")
        .def_readonly("address", &Account::address)
        .def("__eq__", [](const Account& a, const Account& b) { return a.address == b.address; })
        .def("__hash__", [](const Account& a) { return py::hash(py::bytes(
                              reinterpret_cast<const char*>(a.address.bytes.data()), 20)); })
        .def("__repr__", [](const Account& a) {
            return "Account(" + crypto::to_checksum_hex(a.address) + ")";
        });

    py::class_<WorldConfig>(m, "WorldConfig", "Configuration of a World: chain and network.")
        .def(py::init([](std::optional<l1::ChainConfig> chain, std::optional<NetworkConfig> network,
                         std::size_t max_recorded_violations) {
                 WorldConfig c;
                 if (chain) c.chain = *chain;
                 if (network) c.network = *network;
                 c.max_recorded_violations = max_recorded_violations;
                 return c;
             }),
             py::kw_only(), py::arg("chain") = py::none(), py::arg("network") = py::none(),
             py::arg("max_recorded_violations") = 10'000)
        .def_readonly("chain", &WorldConfig::chain)
        .def_readonly("network", &WorldConfig::network)
        .def_readonly("max_recorded_violations", &WorldConfig::max_recorded_violations);

    using WS = WorldStats;
    static const std::initializer_list<std::pair<const char*, std::uint64_t WS::*>> ws_fields = {
        {"steps", &WS::steps},
        {"blocks_mined", &WS::blocks_mined},
        {"messages_delivered", &WS::messages_delivered},
        {"events_delivered", &WS::events_delivered},
        {"timers_fired", &WS::timers_fired},
        {"timers_lost", &WS::timers_lost}};
    auto ws = py::class_<WorldStats>(m, "WorldStats", "What the World's driver did.");
    for (const auto& [name, member] : ws_fields) {
        ws.def_property_readonly(name, [member](const WS& s) { return s.*member; });
    }
    ws.def("as_dict", [](const WS& s) { return stats_dict(s, ws_fields); })
        .def("__eq__", [](const WS& a, const WS& b) { return a == b; })
        .def("__repr__", [](const WS& s) {
            return "WorldStats(" + std::string(py::str(stats_dict(s, ws_fields))) + ")";
        });

    py::class_<TraceCounts>(m, "TraceCounts", "Records absorbed into the trace digest.")
        .def_readonly("allocations", &TraceCounts::allocations)
        .def_readonly("blocks", &TraceCounts::blocks)
        .def_readonly("deliveries", &TraceCounts::deliveries)
        .def("__repr__", [](const TraceCounts& c) {
            return "TraceCounts(allocations=" + std::to_string(c.allocations) +
                   ", blocks=" + std::to_string(c.blocks) +
                   ", deliveries=" + std::to_string(c.deliveries) + ")";
        });

    py::class_<WorldSnapshot>(m, "WorldSnapshot",
                              "Opaque capture of a World; restore it with World.restore (only "
                              "into the World that took it).")
        .def_property_readonly("block_number", &WorldSnapshot::block_number)
        .def_property_readonly("now_ms", &WorldSnapshot::now_ms)
        .def_property_readonly("trace_digest", &WorldSnapshot::trace_digest)
        .def("__repr__", [](const WorldSnapshot& s) {
            return "WorldSnapshot(block_number=" + std::to_string(s.block_number()) +
                   ", now_ms=" + std::to_string(s.now_ms()) + ")";
        });
}

void bind_world(py::module_& m) {
    using Release = py::call_guard<py::gil_scoped_release>;
    py::class_<World>(m, "World",
                      "A deterministic simulated universe: L1 chain, clock, seeded randomness, "
                      "message network, actors, invariants. Same seed and same calls give the "
                      "same trace_digest().",
                      py::custom_type_setup(world_gc_setup))
        .def(py::init([](std::uint64_t seed, std::optional<WorldConfig> config,
                         std::optional<l1::ChainConfig> chain, std::optional<NetworkConfig> network,
                         std::optional<std::uint64_t> block_time) {
                 WorldConfig c = config ? *config : WorldConfig{};
                 if (chain) c.chain = *chain;
                 if (network) c.network = *network;
                 if (block_time) c.chain.block_time = *block_time;
                 return std::make_unique<World>(seed, std::move(c));
             }),
             py::arg("seed"), py::arg("config") = py::none(), py::kw_only(),
             py::arg("chain") = py::none(), py::arg("network") = py::none(),
             py::arg("block_time") = py::none(),
             "World(seed, config=None, *, chain=None, network=None, block_time=None). seed: "
             "0 <= seed < 2**64. chain/network/block_time override the matching parts of config.")
        .def_property_readonly("seed", &World::seed)
        .def_property_readonly("chain", py::overload_cast<>(&World::chain),
                               py::return_value_policy::reference_internal, "The L1 Chain.")
        .def_property_readonly("network", py::overload_cast<>(&World::network),
                               py::return_value_policy::reference_internal, "The Network.")
        .def_property_readonly("block_number", &World::block_number, "Head block number.")
        .def_property_readonly("timestamp", &World::timestamp,
                               "Simulated time in seconds (the head block's timestamp right "
                               "after a block).")
        .def_property_readonly("now_ms", &World::now_ms, "Simulated time in milliseconds.")
        .def("stream", &World::stream, py::arg("label"), py::return_value_policy::reference_internal,
             "The persistent seeded Rng stream named label (captured by snapshots).")
        // ---- accounts and transactions
        .def("new_account", &World::new_account, py::arg("balance") = 0,
             "A new Account whose key derives from the seed; balance wei are allocated "
             "genesis-style and recorded in the trace.")
        .def_property_readonly("accounts", &World::accounts, "Accounts in creation order.")
        .def(
            "transfer",
            [](World& w, const Account& sender, const py::object& to, const u256& value,
               std::optional<std::uint64_t> nonce, std::optional<std::uint64_t> gas_limit,
               std::optional<u256> max_fee_per_gas, std::optional<u256> max_priority_fee_per_gas) {
                return w.transfer(sender, to_address(to), value,
                                  tx_options(nonce, gas_limit, max_fee_per_gas,
                                             max_priority_fee_per_gas));
            },
            py::arg("sender"), py::arg("to"), py::arg("value"), py::kw_only(),
            py::arg("nonce") = py::none(), py::arg("gas_limit") = py::none(),
            py::arg("max_fee_per_gas") = py::none(), py::arg("max_priority_fee_per_gas") = py::none(),
            "Sign (in C++) and submit a value transfer; `to` is an Address or Account. Returns "
            "the chain's SubmitOutcome (protocol rejections are values, not exceptions).")
        .def(
            "call",
            [](World& w, const Account& sender, const py::object& contract, const Bytes& data,
               const u256& value, std::optional<std::uint64_t> nonce,
               std::optional<std::uint64_t> gas_limit, std::optional<u256> max_fee_per_gas,
               std::optional<u256> max_priority_fee_per_gas) {
                return w.call(sender, to_address(contract), data, value,
                              tx_options(nonce, gas_limit, max_fee_per_gas,
                                         max_priority_fee_per_gas));
            },
            py::arg("sender"), py::arg("contract"), py::arg("data") = Bytes{},
            py::arg("value") = 0, py::kw_only(), py::arg("nonce") = py::none(),
            py::arg("gas_limit") = py::none(), py::arg("max_fee_per_gas") = py::none(),
            py::arg("max_priority_fee_per_gas") = py::none(),
            "Sign and submit a contract call (default gas limit 1,000,000).")
        .def(
            "submit",
            [](World& w, const Account& sender, l1::Transaction tx,
               std::optional<std::uint64_t> nonce, std::optional<std::uint64_t> gas_limit,
               std::optional<u256> max_fee_per_gas, std::optional<u256> max_priority_fee_per_gas) {
                return w.submit(sender, std::move(tx),
                                tx_options(nonce, gas_limit, max_fee_per_gas,
                                           max_priority_fee_per_gas));
            },
            py::arg("sender"), py::arg("tx"), py::kw_only(), py::arg("nonce") = py::none(),
            py::arg("gas_limit") = py::none(), py::arg("max_fee_per_gas") = py::none(),
            py::arg("max_priority_fee_per_gas") = py::none(),
            "Fill chain id, nonce and unset fee/gas fields of a Transaction, sign it, submit it.")
        // ---- actors
        .def("add_actor", &World::add_actor, py::arg("actor"),
             "Register an Actor; returns its id. It is started at the next run() step.")
        .def_property_readonly(
            "actors",
            [](const World& w) {
                std::vector<std::shared_ptr<Actor>> out;
                for (ActorId i = 0; i < w.actor_count(); ++i) out.push_back(w.actor_ptr(i));
                return out;
            },
            "Actors in id order.")
        .def("actor", &World::actor_ptr, py::arg("id"), "The actor with this id.")
        .def(
            "set_online",
            [](World& w, const py::object& a, bool online) { w.set_online(resolve_actor(w, a), online); },
            py::arg("actor"), py::arg("online"),
            "Offline actors get no hooks; messages to them follow the network's offline_policy.")
        .def(
            "is_online", [](const World& w, const py::object& a) { return w.is_online(resolve_actor(w, a)); },
            py::arg("actor"))
        .def(
            "subscribe",
            [](World& w, const py::object& a, const py::object& address, const py::object& topics,
               std::uint64_t from_block, std::optional<std::uint64_t> to_block) {
                return w.subscribe(resolve_actor(w, a), make_filter(address, topics, from_block, to_block));
            },
            py::arg("actor"), py::arg("address") = py::none(), py::arg("topics") = py::none(),
            py::kw_only(), py::arg("from_block") = 0, py::arg("to_block") = py::none(),
            "Deliver matching logs of future run() blocks to actor.on_event. address: Address, "
            "Account or a list of them (None: any). topics: up to 4 positions, each None (any), "
            "32 bytes, or a list of alternatives.")
        .def(
            "send",
            [](World& w, const py::object& a, const py::object& b, Bytes payload) {
                return w.send(resolve_actor(w, a), resolve_actor(w, b), std::move(payload));
            },
            py::arg("sender"), py::arg("recipient"), py::arg("payload"),
            "Send payload (bytes) over the network at the current time. sender/recipient: Actor, "
            "id, or an address registered with register_address.")
        .def(
            "register_address",
            [](World& w, const py::object& a, const py::object& address) {
                w.register_address(resolve_actor(w, a), to_address(address));
            },
            py::arg("actor"), py::arg("address"),
            "Let the actor be named by this address (Address, Account or text) in send, "
            "set_online, subscribe, schedule_timer. One actor per address.")
        .def(
            "actor_of",
            [](const World& w, const py::object& address) { return w.actor_of(to_address(address)); },
            py::arg("address"), "Id of the actor that registered the address, or None.")
        .def(
            "schedule_timer",
            [](World& w, const py::object& a, TimeMs delay_ms, std::uint64_t tag) {
                w.schedule_timer(resolve_actor(w, a), delay_ms, tag);
            },
            py::arg("actor"), py::arg("delay_ms"), py::arg("tag") = 0,
            "Call actor.on_timer(world, tag) after delay_ms simulated milliseconds.")
        // ---- driving
        .def("mine", &World::mine, py::arg("n") = 1, Release(),
             "Produce n blocks: chain and clock only, no actor hooks (invariants still run).")
        .def("run", &World::run, py::arg("blocks") = 1, Release(),
             "Advance `blocks` full steps: deliver due messages/timers, produce the block, "
             "deliver its logs to subscribers, call on_block, check invariants.")
        .def_property_readonly("stats", &World::stats)
        .def_property_readonly("pending_events", [](const World& w) { return w.events().size(); },
                               "Messages in flight plus pending timers.")
        // ---- invariants
        .def("add_invariant", [](World& w, std::shared_ptr<Invariant> inv) {
                 w.add_invariant(std::move(inv));
             }, py::arg("invariant"), "Check an Invariant after every block.")
        .def(
            "add_invariant",
            [](World& w, std::string name, py::function check) {
                w.add_invariant(std::make_shared<CallableInvariant>(std::move(name), std::move(check)));
            },
            py::arg("name"), py::arg("check"),
            "Check fn(world) after every block: None/True = holds, False or a str = violated.")
        .def("check_invariants", &World::check_invariants,
             "Run every invariant now; returns the number of new violations.")
        .def_property_readonly("violations", &World::violations, "Recorded Violations.")
        .def_property_readonly("violation_count", &World::violation_count)
        // ---- determinism and snapshots
        .def("trace_digest", &World::trace_digest,
             "32-byte running Keccak-256 over blocks, allocations and delivered messages.")
        .def_property_readonly("trace_counts", &World::trace_counts)
        .def("snapshot", &World::snapshot, Release(),
             "Capture the whole World (calls save_state() on actors).")
        // Holds the GIL: restore replaces the actor list that the garbage collector traverses.
        .def("restore", &World::restore, py::arg("snapshot"),
             "Return to a snapshot of this World (StateError for another World's).")
        .def("__repr__", [](const World& w) {
            return "World(seed=" + std::to_string(w.seed()) +
                   ", block_number=" + std::to_string(w.block_number()) +
                   ", accounts=" + std::to_string(w.accounts().size()) +
                   ", actors=" + std::to_string(w.actor_count()) + ")";
        });
}

}  // namespace

void init_sim(py::module_& m) {
    bind_network(m);
    bind_actor(m);
    bind_invariants(m);
    bind_world_values(m);
    bind_world(m);
}

}  // namespace l2lab::bindings
