#pragma once
/// \file world.hpp
/// The World: one simulated universe that owns the L1 chain, the clock, the seeded randomness,
/// the off-chain message network, the actors and the invariant checkers (DESIGN.md principles 1,
/// 7, 8, 9). Every run is a pure function of (seed, config, calls): nothing reads the wall clock
/// or a global RNG, and every container that influences results iterates in a fixed order.
///
/// Time. The chain counts seconds (blocks every ChainConfig::block_time s, block 0 at
/// genesis_timestamp); the World's clock counts milliseconds so the network can model sub-second
/// latency. now_ms() never goes backwards and is always >= head timestamp * 1000; right after a
/// block it equals the block's timestamp * 1000. timestamp() = now_ms() / 1000.
///
/// Driving. run(blocks) takes full steps (actor.hpp documents the call order of one step):
/// messages and timers due before the next block are delivered in (time, sequence number)
/// order, then the block is produced and subscribers, on_block hooks and invariants run.
/// mine(n) only advances the chain and the clock (invariants still run after each block):
/// no actor hook is called and no message is delivered; messages that fell due in the meantime
/// are delivered, late, at the start of the next run() step (at the then current time).
///
/// Randomness. The seed feeds one master Rng. The chain gets fork("l1/chain"), the network
/// fork("sim/network"), and stream(label) hands out persistent named streams, each
/// fork(label) of the master on first use; all of them are captured by snapshots. Account keys
/// derive from the seed and a counter (see new_account), so different seeds give different keys.
///
/// Trace digest. See trace_digest.hpp: every block (including blocks produced by calling the
/// chain directly), every genesis-style allocation made by new_account, and every delivered
/// message. Blocks are absorbed lazily, so mining through chain() directly is still traced.

#include <any>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/core/rng.hpp"
#include "l2lab/core/u256.hpp"
#include "l2lab/crypto/secp256k1.hpp"
#include "l2lab/l1/chain.hpp"
#include "l2lab/sim/actor.hpp"
#include "l2lab/sim/event_queue.hpp"
#include "l2lab/sim/invariant.hpp"
#include "l2lab/sim/network.hpp"
#include "l2lab/sim/trace_digest.hpp"
#include "l2lab/sim/types.hpp"

namespace l2lab::sim {

/// Configuration of a World: the chain's and the network's.
struct WorldConfig {
    l1::ChainConfig chain;
    NetworkConfig network;
    /// Violations kept in violations(); later ones are only counted (violation_count()).
    std::size_t max_recorded_violations = 10'000;
};

/// A funded L1 account of a World: its key (derived from the World's seed) and address.
struct Account {
    crypto::PrivateKey key;
    Address address;
};

/// Optional fields of the World's transaction helpers. Unset fields get these defaults:
/// nonce = chain.next_nonce(sender); max_priority_fee_per_gas = 1 gwei; max_fee_per_gas =
/// 2 * base fee of the next block + tip (the common wallet rule, so the tx survives a few base
/// fee increases); gas_limit = 21000 for transfer(), 1,000,000 for call() (raised to the
/// calldata's intrinsic/floor gas when larger).
struct TxOptions {
    std::optional<std::uint64_t> nonce;
    std::optional<std::uint64_t> gas_limit;
    std::optional<u256> max_fee_per_gas;
    std::optional<u256> max_priority_fee_per_gas;
};

/// Default tip of the transaction helpers: 1 gwei per gas.
inline constexpr std::uint64_t kDefaultPriorityFeeWei = 1'000'000'000;
/// Default gas limit of World::call().
inline constexpr std::uint64_t kDefaultCallGasLimit = 1'000'000;

/// Counters of what the World's driver did (restored with snapshots).
struct WorldStats {
    std::uint64_t steps = 0;               ///< run() steps (blocks produced by run)
    std::uint64_t blocks_mined = 0;        ///< blocks produced by mine()
    std::uint64_t messages_delivered = 0;  ///< on_message calls
    std::uint64_t events_delivered = 0;    ///< on_event calls
    std::uint64_t timers_fired = 0;        ///< on_timer calls
    std::uint64_t timers_lost = 0;         ///< timers that fell due while their actor was offline
    bool operator==(const WorldStats&) const = default;
};

class World;

/// Opaque capture of a whole World (chain, clock, RNG streams, network and in-flight messages,
/// timers, trace digest, accounts, actors' save_state(), subscriptions, online flags, violations).
/// Copyable and cheap to copy (shared immutable data). Only restorable into the World that made
/// it.
class WorldSnapshot {
public:
    std::uint64_t block_number() const;
    TimeMs now_ms() const;
    /// The trace digest at the time of the snapshot.
    Hash32 trace_digest() const;

private:
    friend class World;
    struct Data;
    std::shared_ptr<const Data> m_data;
};

class World {
public:
    /// A world at genesis: the chain at block 0, clock at the genesis timestamp, no accounts, no
    /// actors. Throws InvalidArgument for a bad chain or network config.
    explicit World(std::uint64_t seed, WorldConfig config = {});
    ~World();
    World(const World&) = delete;
    World& operator=(const World&) = delete;

    std::uint64_t seed() const noexcept { return m_seed; }

    // ---- components ----------------------------------------------------------------------
    l1::Chain& chain() noexcept { return *m_chain; }
    const l1::Chain& chain() const noexcept { return *m_chain; }
    Network& network() noexcept { return *m_network; }
    const Network& network() const noexcept { return *m_network; }
    /// In-flight messages and pending timers, in delivery order.
    const EventQueue& events() const noexcept { return m_events; }

    // ---- clock ---------------------------------------------------------------------------
    /// Simulated time, ms since Unix epoch (see the file comment).
    TimeMs now_ms() const noexcept;
    /// now_ms() / 1000: seconds, equal to the head block's timestamp right after a block.
    std::uint64_t timestamp() const noexcept { return now_ms() / kMsPerSecond; }
    /// Number of the chain's head block.
    std::uint64_t block_number() const noexcept { return m_chain->block_number(); }

    // ---- randomness ----------------------------------------------------------------------
    /// The persistent stream named `label` (created as master.fork(label) on first use).
    /// Captured by snapshots. Labels starting with "l1/" or "sim/" are reserved (InvalidArgument).
    Rng& stream(std::string_view label);

    // ---- accounts and L1 transactions ----------------------------------------------------
    /// A new account: key = PrivateKey::from_seed("l2lab/sim/account" || seed (8 bytes BE) ||
    /// index (8 bytes BE)), index = number of accounts created before. `balance` wei are created
    /// as a genesis-style allocation (Chain::mint) and recorded in the trace digest (also when 0).
    Account new_account(const u256& balance = 0);
    /// Every account created by new_account, in creation order.
    const std::vector<Account>& accounts() const noexcept { return m_accounts; }
    /// Sign (in C++) and submit a plain value transfer from `from` to `to`. Protocol outcomes
    /// (e.g. insufficient funds) come back in the SubmitOutcome, never as exceptions.
    l1::SubmitOutcome transfer(const Account& from, const Address& to, const u256& value,
                               const TxOptions& options = {});
    /// Sign and submit a call of `contract` with `calldata` and `value` wei.
    l1::SubmitOutcome call(const Account& from, const Address& contract, BytesView calldata,
                           const u256& value = 0, const TxOptions& options = {});
    /// Fill chain_id, nonce and fee fields of `tx` that `options` or the defaults determine
    /// (fields set in `options` win; otherwise tx's non-zero fee fields are kept), sign it with
    /// `from`'s key and submit it.
    l1::SubmitOutcome submit(const Account& from, l1::Transaction tx, const TxOptions& options = {});

    // ---- actors --------------------------------------------------------------------------
    /// Register `actor`; it gets the next id (0, 1, ...), starts online, and receives on_start at
    /// the next run() step. Throws InvalidArgument for nullptr or an actor already in a World.
    ActorId add_actor(std::shared_ptr<Actor> actor);
    std::size_t actor_count() const noexcept { return m_actors.size(); }
    /// Throws InvalidArgument for an unknown id.
    Actor& actor(ActorId id) const;
    std::shared_ptr<Actor> actor_ptr(ActorId id) const;
    /// Every actor, in id order.
    const std::vector<std::shared_ptr<Actor>>& actors() const noexcept { return m_actors; }
    /// Take an actor offline (no hooks, messages per OfflinePolicy) or back online.
    /// Unknown id: InvalidArgument.
    void set_online(ActorId id, bool online);
    bool is_online(ActorId id) const { return m_network->is_online(id); }
    /// Deliver logs of future blocks matching `filter` to `id`'s on_event (the filter's block
    /// range applies too). Returns the subscription's index for that actor. Unknown id:
    /// InvalidArgument.
    std::size_t subscribe(ActorId id, l1::LogFilter filter);
    /// `id`'s subscriptions, in subscription order. Unknown id: InvalidArgument.
    const std::vector<l1::LogFilter>& subscriptions(ActorId id) const;
    /// Let `id` be reached by `address` (e.g. the L1 account it acts for). An actor may own
    /// several addresses; an address belongs to at most one actor (InvalidArgument if another
    /// actor has it; registering it again for the same actor is a no-op). Unknown id:
    /// InvalidArgument. Captured by snapshots.
    void register_address(ActorId id, const Address& address);
    /// The actor that registered `address`, or nullopt.
    std::optional<ActorId> actor_of(const Address& address) const;
    /// Send a message over the network at the current time (Network::send).
    SendResult send(ActorId from, ActorId to, Bytes payload);
    /// send() to the actor that registered `to` (no such actor: InvalidArgument).
    SendResult send(ActorId from, const Address& to, Bytes payload);
    /// Wake `id` with on_timer(tag) after `delay_ms` (> kMaxLinkDelayMs: InvalidArgument).
    /// Unknown id: InvalidArgument.
    void schedule_timer(ActorId id, TimeMs delay_ms, std::uint64_t tag);

    // ---- driving -------------------------------------------------------------------------
    /// Produce `n` blocks (chain and clock only; see the file comment). Throws StateError when
    /// called from inside an actor hook or an invariant.
    void mine(std::uint64_t n);
    /// Take `blocks` full steps (see the file comment). Throws StateError when called from inside
    /// an actor hook or an invariant; exceptions from hooks propagate (the world stays consistent).
    void run(std::uint64_t blocks);
    /// True while an actor hook or invariant check is running (re-entrant driving is refused).
    bool in_hook() const noexcept { return m_in_hook; }
    const WorldStats& stats() const noexcept { return m_stats; }

    // ---- invariants ----------------------------------------------------------------------
    /// Check `invariant` after every block from now on. Invariants are observers, not state:
    /// restore() keeps the registered set. Throws InvalidArgument for nullptr.
    void add_invariant(std::shared_ptr<Invariant> invariant);
    std::size_t invariant_count() const noexcept { return m_invariants.size(); }
    /// Violations recorded so far (at most max_recorded_violations), in detection order.
    const std::vector<Violation>& violations() const noexcept { return m_violations; }
    /// Total violations detected, including those not recorded.
    std::uint64_t violation_count() const noexcept { return m_violation_count; }
    /// Run every invariant now (as after a block) and record what fails; returns the number of
    /// new violations.
    std::size_t check_invariants();

    // ---- host-language support ------------------------------------------------------------
    /// Every registered invariant, in registration order (read-only view, e.g. for a garbage
    /// collector's traversal).
    const std::vector<std::shared_ptr<Invariant>>& invariants() const noexcept {
        return m_invariants;
    }
    /// Detach every actor (its id resets, as when a restore removes it; an offline placeholder
    /// without hooks keeps the id taken) and drop every invariant. For host-language garbage
    /// collectors breaking reference cycles (a Python actor keeping a reference to its World);
    /// the World stays usable, snapshots still hold their actors. Throws StateError inside a hook.
    void detach_actors_and_invariants();

    // ---- determinism ---------------------------------------------------------------------
    /// The running trace digest (trace_digest.hpp), including blocks not yet absorbed.
    /// Throws StateError when the chain was rewound behind the World's back (Chain::restore
    /// used directly instead of World::restore).
    Hash32 trace_digest() const;
    /// Record counts behind trace_digest().
    TraceCounts trace_counts() const;

    // ---- snapshots -----------------------------------------------------------------------
    /// Capture everything (see WorldSnapshot). Calls save_state() on every actor.
    WorldSnapshot snapshot() const;
    /// Return to `snap` exactly: subsequent runs give the same trace digest as after the original
    /// snapshot. Actors added after the snapshot are removed (their id becomes kNoActor again);
    /// the others get load_state() with what they saved. Throws StateError when `snap` comes
    /// from another World or when called from inside a hook (nothing changes).
    void restore(const WorldSnapshot& snap);

private:
    struct HookGuard;
    void require_actor(ActorId id, const char* what) const;
    void require_not_in_hook(const char* what) const;
    void sync_clock();
    void absorb_new_blocks();
    void produce_block();
    void start_new_actors();
    template <typename Hook>
    void call_hook(ActorId id, Hook&& hook);
    void dispatch(Event& ev);
    void deliver_block_events(const l1::Block& block);
    void fill_and_sign(const Account& from, l1::Transaction& tx, const TxOptions& options,
                       std::uint64_t default_gas) const;

    std::uint64_t m_seed;
    std::uint64_t m_world_id;  // identity for snapshot checks only; never influences results
    WorldConfig m_config;
    Rng m_master;
    std::map<std::string, Rng, std::less<>> m_streams;
    TimeMs m_now_ms = 0;
    EventQueue m_events;
    std::unique_ptr<l1::Chain> m_chain;
    std::unique_ptr<Network> m_network;
    TraceDigest m_trace;
    std::optional<std::uint64_t> m_traced_through;  // highest block number absorbed
    Hash32 m_traced_hash;                           // its hash
    std::vector<Account> m_accounts;
    std::vector<std::shared_ptr<Actor>> m_actors;
    std::vector<bool> m_started;
    std::vector<std::vector<l1::LogFilter>> m_subscriptions;
    std::map<Address, ActorId> m_addresses;
    std::vector<std::shared_ptr<Invariant>> m_invariants;
    std::vector<Violation> m_violations;
    std::uint64_t m_violation_count = 0;
    WorldStats m_stats;
    bool m_in_hook = false;
};

}  // namespace l2lab::sim
