#pragma once
/// \file actor.hpp
/// The one interface every participant implements (DESIGN.md principle 8): honest parties,
/// watchtowers, sequencers, proposers, challengers and adversaries alike. Actors are driven by the
/// World; they never run on their own and never read a clock or a global RNG: time is
/// World::now_ms()/timestamp(), randomness is World::rng(label).
///
/// Call order inside one World::run() step (block time T):
///   1. on_start for actors added since the last step (ascending id), at the current time;
///   2. due events with time <= T, in (time, sequence number) order: on_message / on_timer;
///   3. the block at T is produced;
///   4. on_event for each log of the block that matches an actor's subscriptions, log by log,
///      subscribers in ascending id (each log at most once per actor);
///   5. on_block for every online actor, ascending id;
///   6. registered invariants are checked.
/// Offline actors (World::set_online(id, false)) get no hooks at all: no blocks, no events, no
/// timers (a timer falling due while its actor is offline is lost), and their messages follow the
/// network's OfflinePolicy.
///
/// An exception escaping a hook aborts World::run() and propagates to the caller; the world stays
/// consistent (every step already taken is complete up to the failing hook) but the rest of that
/// step's hooks are skipped.

#include <any>
#include <string>

#include "l2lab/core/bytes.hpp"
#include "l2lab/l1/block.hpp"
#include "l2lab/l1/receipt.hpp"
#include "l2lab/sim/types.hpp"

namespace l2lab::sim {

class World;

/// Base class of actors. Subclass it in C++ or in Python (l2lab.Actor). Every hook has an empty
/// default, so an actor overrides only what it needs.
class Actor {
public:
    /// `name` is for humans (reprs, reports); it need not be unique.
    explicit Actor(std::string name = "actor") : m_name(std::move(name)) {}
    virtual ~Actor() = default;
    Actor(const Actor&) = delete;
    Actor& operator=(const Actor&) = delete;

    const std::string& name() const noexcept { return m_name; }
    /// Id assigned by World::add_actor; kNoActor before that.
    ActorId id() const noexcept { return m_id; }
    /// The World this actor belongs to, or nullptr.
    const World* world() const noexcept { return m_world; }

    /// Once, at the first run() step after the actor was added (before any other hook of it).
    virtual void on_start(World& world) { (void)world; }
    /// After every block the World produces in run(), with the block (header, transactions,
    /// receipts).
    virtual void on_block(World& world, const l1::Block& block) { (void)world, (void)block; }
    /// A network message delivered to this actor from actor `from`.
    virtual void on_message(World& world, ActorId from, const Bytes& payload) {
        (void)world, (void)from, (void)payload;
    }
    /// A log of a new block matching one of this actor's subscriptions (World::subscribe).
    virtual void on_event(World& world, const l1::Log& log) { (void)world, (void)log; }
    /// A timer this actor set with World::schedule_timer fell due.
    virtual void on_timer(World& world, std::uint64_t tag) { (void)world, (void)tag; }

    /// Snapshot hook: return whatever internal state a World::snapshot() must capture for this
    /// actor (an empty std::any when there is none, the default). Called once per snapshot.
    virtual std::any save_state() const { return {}; }
    /// Restore hook: receives exactly what save_state() returned when the snapshot was taken.
    /// Default: ignores it (a stateless actor).
    virtual void load_state(const std::any& state) { (void)state; }

private:
    friend class World;
    std::string m_name;
    ActorId m_id = kNoActor;
    const World* m_world = nullptr;
};

}  // namespace l2lab::sim
