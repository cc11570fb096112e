// World::snapshot / World::restore (world.hpp).
#include <string>

#include "l2lab/core/error.hpp"
#include "l2lab/sim/world.hpp"

namespace l2lab::sim {

struct WorldSnapshot::Data {
    std::uint64_t world_id = 0;
    l1::ChainSnapshot chain;
    TimeMs now_ms = 0;
    Rng master{0};
    std::map<std::string, Rng, std::less<>> streams;
    EventQueue events;
    NetworkState network;
    TraceDigest trace;
    std::optional<std::uint64_t> traced_through;
    Hash32 traced_hash;
    Hash32 trace_value;  // trace_digest() at snapshot time, including lazily absorbed blocks
    std::vector<Account> accounts;
    // The actors themselves are kept alive by the snapshot: restoring a later snapshot after an
    // earlier one must be able to bring back actors the earlier restore removed.
    std::vector<std::shared_ptr<Actor>> actors;
    std::vector<std::any> actor_states;
    std::vector<bool> started;
    std::vector<std::vector<l1::LogFilter>> subscriptions;
    std::map<Address, ActorId> addresses;
    std::vector<Violation> violations;
    std::uint64_t violation_count = 0;
    WorldStats stats;
};

std::uint64_t WorldSnapshot::block_number() const { return m_data->chain.block_number(); }
TimeMs WorldSnapshot::now_ms() const { return m_data->now_ms; }
Hash32 WorldSnapshot::trace_digest() const { return m_data->trace_value; }

WorldSnapshot World::snapshot() const {
    require_not_in_hook("World.snapshot");
    auto d = std::make_shared<WorldSnapshot::Data>();
    d->world_id = m_world_id;
    d->chain = m_chain->snapshot();
    d->now_ms = now_ms();
    d->master = m_master;
    d->streams = m_streams;
    d->events = m_events;
    d->network = m_network->state();
    d->trace = m_trace;
    d->traced_through = m_traced_through;
    d->traced_hash = m_traced_hash;
    d->trace_value = trace_digest();
    d->accounts = m_accounts;
    d->actors = m_actors;
    d->actor_states.reserve(m_actors.size());
    for (const auto& a : m_actors) d->actor_states.push_back(a->save_state());
    d->started = m_started;
    d->subscriptions = m_subscriptions;
    d->addresses = m_addresses;
    d->violations = m_violations;
    d->violation_count = m_violation_count;
    d->stats = m_stats;
    WorldSnapshot snap;
    snap.m_data = std::move(d);
    return snap;
}

void World::restore(const WorldSnapshot& snap) {
    require_not_in_hook("World.restore");
    if (!snap.m_data) throw InvalidArgument("World.restore: empty snapshot");
    const auto& d = *snap.m_data;
    if (d.world_id != m_world_id) {
        throw StateError("World.restore: the snapshot was taken from another World");
    }
    // Check everything that can refuse before changing anything.
    for (const auto& a : d.actors) {
        if (a->m_world != nullptr && a->m_world != this) {
            throw StateError("World.restore: actor '" + a->name() +
                             "' of the snapshot now belongs to another world");
        }
    }
    m_chain->restore(d.chain);
    m_now_ms = d.now_ms;
    m_master = d.master;
    m_streams = d.streams;
    m_events = d.events;
    m_network->set_state(d.network);
    m_trace = d.trace;
    m_traced_through = d.traced_through;
    m_traced_hash = d.traced_hash;
    m_accounts = d.accounts;
    for (const auto& a : m_actors) {
        a->m_id = kNoActor;
        a->m_world = nullptr;
    }
    m_actors = d.actors;
    for (std::size_t i = 0; i < m_actors.size(); ++i) {
        m_actors[i]->m_id = static_cast<ActorId>(i);
        m_actors[i]->m_world = this;
    }
    m_started = d.started;
    m_subscriptions = d.subscriptions;
    m_addresses = d.addresses;
    m_violations = d.violations;
    m_violation_count = d.violation_count;
    m_stats = d.stats;
    // Actor state last: it runs user code, and the World itself is already consistent.
    for (std::size_t i = 0; i < m_actors.size(); ++i) m_actors[i]->load_state(d.actor_states[i]);
}

}  // namespace l2lab::sim
