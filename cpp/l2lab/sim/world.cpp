#include "l2lab/sim/world.hpp"

#include <algorithm>
#include <atomic>
#include <string>

#include "l2lab/core/error.hpp"

namespace l2lab::sim {
namespace {
// Identity for snapshot ownership checks only; it never reaches a result or a digest, so a
// process-wide counter does not break determinism.
std::atomic<std::uint64_t> g_next_world_id{1};

bool in_block_range(const l1::LogFilter& f, std::uint64_t block_number) {
    return block_number >= f.from_block && (!f.to_block || block_number <= *f.to_block);
}
}  // namespace

// Marks the World as running user code (actor hooks, invariants) so that re-entrant driving is
// refused; restores the previous flag so nested hook calls (a hook that triggers on_start) work.
struct World::HookGuard {
    World& w;
    bool previous;
    explicit HookGuard(World& world) : w(world), previous(world.m_in_hook) { w.m_in_hook = true; }
    ~HookGuard() { w.m_in_hook = previous; }
};

World::World(std::uint64_t seed, WorldConfig config)
    : m_seed(seed),
      m_world_id(g_next_world_id.fetch_add(1)),
      m_config(std::move(config)),
      m_master(seed) {
    m_config.chain.validate();
    validate(m_config.network);
    m_chain = std::make_unique<l1::Chain>(m_config.chain, m_master.fork("l1/chain"));
    m_now_ms = m_chain->timestamp() * kMsPerSecond;
    m_network = std::make_unique<Network>(m_events, m_now_ms, m_master.fork("sim/network"),
                                          m_config.network);
    absorb_new_blocks();
}

World::~World() {
    // Actors outlive the World only if someone else holds them; make them addable elsewhere.
    for (auto& a : m_actors) {
        a->m_id = kNoActor;
        a->m_world = nullptr;
    }
}

TimeMs World::now_ms() const noexcept {
    return std::max(m_now_ms, m_chain->timestamp() * kMsPerSecond);
}

void World::sync_clock() { m_now_ms = now_ms(); }

Rng& World::stream(std::string_view label) {
    if (label.starts_with("l1/") || label.starts_with("sim/")) {
        throw InvalidArgument("World.stream: labels starting with 'l1/' or 'sim/' are reserved, got '" +
                              std::string(label) + "'");
    }
    auto it = m_streams.find(label);
    if (it == m_streams.end()) {
        it = m_streams.emplace(std::string(label), m_master.fork(label)).first;
    }
    return it->second;
}

// ---- actors ---------------------------------------------------------------------------------

void World::require_actor(ActorId id, const char* what) const {
    if (id >= m_actors.size()) {
        throw InvalidArgument(std::string(what) + ": unknown actor id " + std::to_string(id) +
                              " (the world has " + std::to_string(m_actors.size()) + " actors)");
    }
}

void World::require_not_in_hook(const char* what) const {
    if (m_in_hook) {
        throw StateError(std::string(what) +
                         " cannot be called from inside an actor hook or invariant check");
    }
}

ActorId World::add_actor(std::shared_ptr<Actor> actor) {
    if (!actor) throw InvalidArgument("World.add_actor: actor is null");
    if (actor->m_world != nullptr) {
        throw InvalidArgument("World.add_actor: actor '" + actor->name() +
                              "' already belongs to a world (id " + std::to_string(actor->m_id) +
                              ")");
    }
    const ActorId id = m_network->add_endpoint();
    actor->m_id = id;
    actor->m_world = this;
    m_actors.push_back(std::move(actor));
    m_started.push_back(false);
    m_subscriptions.emplace_back();
    return id;
}

Actor& World::actor(ActorId id) const {
    require_actor(id, "World.actor");
    return *m_actors[id];
}

std::shared_ptr<Actor> World::actor_ptr(ActorId id) const {
    require_actor(id, "World.actor");
    return m_actors[id];
}

void World::set_online(ActorId id, bool online) {
    require_actor(id, "World.set_online");
    m_network->set_online(id, online);
}

std::size_t World::subscribe(ActorId id, l1::LogFilter filter) {
    require_actor(id, "World.subscribe");
    if (filter.to_block && *filter.to_block < filter.from_block) {
        throw InvalidArgument("World.subscribe: filter to_block " +
                              std::to_string(*filter.to_block) + " is before from_block " +
                              std::to_string(filter.from_block));
    }
    m_subscriptions[id].push_back(std::move(filter));
    return m_subscriptions[id].size() - 1;
}

const std::vector<l1::LogFilter>& World::subscriptions(ActorId id) const {
    require_actor(id, "World.subscriptions");
    return m_subscriptions[id];
}

void World::register_address(ActorId id, const Address& address) {
    require_actor(id, "World.register_address");
    const auto it = m_addresses.find(address);
    if (it != m_addresses.end() && it->second != id) {
        throw InvalidArgument("World.register_address: " + address.hex() +
                              " already belongs to actor " + std::to_string(it->second));
    }
    m_addresses.emplace(address, id);
}

std::optional<ActorId> World::actor_of(const Address& address) const {
    const auto it = m_addresses.find(address);
    if (it == m_addresses.end()) return std::nullopt;
    return it->second;
}

SendResult World::send(ActorId from, const Address& to, Bytes payload) {
    const auto id = actor_of(to);
    if (!id) throw InvalidArgument("World.send: no actor registered address " + to.hex());
    return send(from, *id, std::move(payload));
}

SendResult World::send(ActorId from, ActorId to, Bytes payload) {
    sync_clock();
    return m_network->send(from, to, std::move(payload));
}

void World::schedule_timer(ActorId id, TimeMs delay_ms, std::uint64_t tag) {
    require_actor(id, "World.schedule_timer");
    if (delay_ms > kMaxLinkDelayMs) {
        throw InvalidArgument("World.schedule_timer: delay_ms must be at most " +
                              std::to_string(kMaxLinkDelayMs) + ", got " +
                              std::to_string(delay_ms));
    }
    sync_clock();
    m_events.push(m_now_ms + delay_ms, TimerEvent{id, tag});
}

// ---- driving --------------------------------------------------------------------------------

void World::absorb_new_blocks() {
    const std::uint64_t head = m_chain->block_number();
    if (m_traced_through) {
        if (head < *m_traced_through || m_chain->block(*m_traced_through).hash != m_traced_hash) {
            throw StateError(
                "World: the chain was rewound behind the World's back (use World.restore, not "
                "Chain.restore); the trace digest no longer describes it");
        }
    }
    for (std::uint64_t n = m_traced_through ? *m_traced_through + 1 : 0; n <= head; ++n) {
        const l1::Block& b = m_chain->block(n);
        m_trace.absorb_block(n, b.hash);
        m_traced_through = n;
        m_traced_hash = b.hash;
    }
}

void World::produce_block() {
    sync_clock();
    absorb_new_blocks();
    m_chain->produce_block();
    sync_clock();
    absorb_new_blocks();
}

template <typename Hook>
void World::call_hook(ActorId id, Hook&& hook) {
    // A local owner: the actor stays alive for the call whatever the hook does to the World.
    const std::shared_ptr<Actor> actor = m_actors[id];
    HookGuard guard(*this);
    // No hook reaches an actor before its on_start, even one added during this step.
    if (!m_started[id]) {
        m_started[id] = true;
        actor->on_start(*this);
    }
    hook(*actor);
}

void World::start_new_actors() {
    for (ActorId id = 0; id < m_actors.size(); ++id) {
        if (!m_started[id] && m_network->is_online(id)) call_hook(id, [](Actor&) {});
    }
}

void World::dispatch(Event& ev) {
    if (auto* msg = std::get_if<MessageEvent>(&ev.body)) {
        if (m_network->on_due(*msg) != DueOutcome::Deliver) return;
        m_trace.absorb_delivery(m_now_ms, msg->from, msg->to, msg->message_id, msg->copy,
                                msg->payload);
        ++m_stats.messages_delivered;
        call_hook(msg->to, [&](Actor& a) { a.on_message(*this, msg->from, msg->payload); });
        return;
    }
    const auto& timer = std::get<TimerEvent>(ev.body);
    if (!m_network->is_online(timer.actor)) {
        ++m_stats.timers_lost;
        return;
    }
    ++m_stats.timers_fired;
    call_hook(timer.actor, [&](Actor& a) { a.on_timer(*this, timer.tag); });
}

void World::deliver_block_events(const l1::Block& block) {
    const auto count = static_cast<ActorId>(m_actors.size());
    for (const auto& receipt : block.receipts) {
        for (const auto& log : receipt.logs) {
            for (ActorId id = 0; id < count; ++id) {
                if (!m_network->is_online(id)) continue;
                const auto& subs = m_subscriptions[id];
                const bool wanted = std::any_of(subs.begin(), subs.end(), [&](const auto& f) {
                    return in_block_range(f, block.header.number) && f.matches(log);
                });
                if (!wanted) continue;
                ++m_stats.events_delivered;
                call_hook(id, [&](Actor& a) { a.on_event(*this, log); });
            }
        }
    }
}

void World::mine(std::uint64_t n) {
    require_not_in_hook("World.mine");
    for (std::uint64_t i = 0; i < n; ++i) {
        produce_block();
        ++m_stats.blocks_mined;
        check_invariants();
    }
}

void World::run(std::uint64_t blocks) {
    require_not_in_hook("World.run");
    for (std::uint64_t i = 0; i < blocks; ++i) {
        sync_clock();
        absorb_new_blocks();
        start_new_actors();
        const TimeMs block_ms =
            (m_chain->timestamp() + m_chain->config().block_time) * kMsPerSecond;
        while (auto ev = m_events.pop_due(block_ms)) {
            m_now_ms = std::max(m_now_ms, ev->time_ms);
            dispatch(*ev);
        }
        produce_block();
        ++m_stats.steps;
        // By pointer: the reference handed to hooks stays valid whatever they do to the chain.
        const auto block = m_chain->block_ptr(m_chain->block_number());
        deliver_block_events(*block);
        const auto count = static_cast<ActorId>(m_actors.size());
        for (ActorId id = 0; id < count; ++id) {
            if (!m_network->is_online(id)) continue;
            call_hook(id, [&](Actor& a) { a.on_block(*this, *block); });
        }
        check_invariants();
    }
}

// ---- invariants -----------------------------------------------------------------------------

void World::add_invariant(std::shared_ptr<Invariant> invariant) {
    if (!invariant) throw InvalidArgument("World.add_invariant: invariant is null");
    m_invariants.push_back(std::move(invariant));
}

std::size_t World::check_invariants() {
    std::size_t found = 0;
    const auto count = m_invariants.size();
    for (std::size_t i = 0; i < count; ++i) {
        const auto inv = m_invariants[i];
        std::optional<std::string> detail;
        {
            HookGuard guard(*this);
            detail = inv->check(*this);
        }
        if (!detail) continue;
        ++found;
        ++m_violation_count;
        if (m_violations.size() < m_config.max_recorded_violations) {
            m_violations.push_back(
                Violation{inv->name(), m_chain->block_number(), now_ms(), std::move(*detail)});
        }
    }
    return found;
}

void World::detach_actors_and_invariants() {
    require_not_in_hook("World.detach_actors_and_invariants");
    // Each actor is replaced by an offline, hook-less placeholder so that ids stay dense and
    // pending messages/timers for them are simply lost.
    std::vector<std::shared_ptr<Actor>> detached;
    detached.swap(m_actors);
    for (std::size_t i = 0; i < detached.size(); ++i) {
        detached[i]->m_id = kNoActor;
        detached[i]->m_world = nullptr;
        auto placeholder = std::make_shared<Actor>("detached");
        placeholder->m_id = static_cast<ActorId>(i);
        placeholder->m_world = this;
        m_actors.push_back(std::move(placeholder));
        m_network->set_online(static_cast<ActorId>(i), false);
        m_subscriptions[i].clear();
    }
    m_addresses.clear();
    auto invariants = std::move(m_invariants);
    m_invariants.clear();
    // `detached` and `invariants` are released here, after the World is consistent again:
    // releasing them may run host code.
}

// ---- determinism ----------------------------------------------------------------------------

Hash32 World::trace_digest() const {
    // Absorb blocks produced since the last World operation on a copy (this method is const).
    TraceDigest copy = m_trace;
    const std::uint64_t head = m_chain->block_number();
    if (m_traced_through) {
        if (head < *m_traced_through || m_chain->block(*m_traced_through).hash != m_traced_hash) {
            throw StateError(
                "World.trace_digest: the chain was rewound behind the World's back (use "
                "World.restore, not Chain.restore)");
        }
    }
    for (std::uint64_t n = m_traced_through ? *m_traced_through + 1 : 0; n <= head; ++n) {
        copy.absorb_block(n, m_chain->block(n).hash);
    }
    return copy.value();
}

TraceCounts World::trace_counts() const {
    TraceCounts c = m_trace.counts();
    const std::uint64_t absorbed = m_traced_through ? *m_traced_through + 1 : 0;
    const std::uint64_t head = m_chain->block_number();
    if (head + 1 > absorbed) c.blocks += head + 1 - absorbed;
    return c;
}

}  // namespace l2lab::sim
