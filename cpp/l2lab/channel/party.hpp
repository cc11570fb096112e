#pragma once
/// \file party.hpp
/// A channel participant as a World actor: the Engine plus the network, the L1 and its choices.
///
/// Honest behaviour: it refuses updates until the channel is funded on-chain; it pays from a
/// queue, one update at a time, re-sending after `resend_interval` blocks of silence; after a
/// conflict it backs off (index-dependent); it watches the adjudicator every block it is online
/// (and on its logs): a registered state older than its latest is challenged while the period
/// lasts; after the period it finalizes when it is owed money; a completed final state is
/// submitted as a cooperative close. After each new fully signed state it hands its watchtower (if
/// any) an encrypted justice blob for the superseded state (tower_blob.hpp: the tower cannot read
/// it before that state is registered on L1) and accrues the tower's fee. It registers a state unilaterally only when
/// told to (force_close) or, when set_force_close_after(k) is on, after k blocks in which an
/// update it is part of made no progress (a silent counterparty); after a restart it neither
/// registers, nor proposes, nor countersigns before a peer has confirmed (SyncReply or Ack) that it
/// is not behind: a restored backup may lack versions it signed, and signing again could put two
/// states under one version (it re-sends Sync every `resend_interval` blocks meanwhile and answers
/// a Propose with Reject update_pending). Challenges never wait for that (see watch_chain).
///
/// Penalty trap rule (any n): under the `penalty` policy a party never registers (neither
/// automatically nor through force_close(), which throws StateError) while it has countersigned a
/// state above its latest that it cannot register itself (Engine::countersigned_unprovable()):
/// some peer may hold that state fully signed and would use it to take this party's balance. In a
/// 2-party channel the proposer's and its own signature complete the state, which is registered
/// instead. Otherwise the party keeps waiting (Sync) and challenges anything registered; the
/// residual cost is liveness: its funds stay locked while the peers holding the signatures stay
/// silent and register nothing (every state they can register pays it at least its latest
/// balance, since only the proposer's balance may fall).
/// Not covered: a PROPOSER whose proposal is unanswered has signed version k+1 too, and a peer
/// that received the Propose can complete it alone (2 parties) or with colluders; registering k
/// under `penalty` then risks the same forfeit (see README, known limits).
///
/// Off-chain updates happen only while the channel is Open on-chain: once a state is registered
/// (Disputed) or the channel ended, an honest party neither proposes nor countersigns (Reject
/// not_open). During a dispute it still adopts a completed state it countersigned (Ack/SyncReply)
/// while it can still challenge with it (the challenge can be included by the deadline); later
/// (or after the channel ended) such messages are ignored, so a state completed too late to be
/// enforced is never counted as its latest.
///
/// The party follows the adjudicator's logs incrementally: each scan reads only the blocks after
/// the last one scanned (scanned_to()).
///
/// Adversarial choice points are the virtual methods: which messages to answer (respond_to),
/// which state to register (state_to_register), whether to challenge (should_challenge).
/// StaleRegistrar and SilentParty below are the library's adversaries; Python subclasses Party.

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "l2lab/channel/adjudicator.hpp"
#include "l2lab/channel/engine.hpp"
#include "l2lab/channel/tower_blob.hpp"
#include "l2lab/sim/world.hpp"

namespace l2lab::channel {

/// Counters of one party (and its L1 activity).
struct PartyStats {
    std::uint64_t messages_sent = 0;
    std::uint64_t messages_received = 0;
    std::uint64_t rejects_received = 0;
    std::uint64_t payments_completed = 0;
    std::uint64_t txs_submitted = 0;
    std::uint64_t challenges_submitted = 0;
    std::uint64_t registrations_submitted = 0;
    std::uint64_t crashes = 0;
    std::uint64_t auto_force_closes = 0;  ///< unilateral closes after a silent counterparty
    std::uint64_t late_messages_ignored = 0;  ///< messages after the channel left Open, unusable
    u256 tower_fees_owed = 0;  ///< wei owed to the watchtower (off-chain accounting)
};

/// Deploy the adjudicator on `world`'s chain at a CREATE address of a fixed deployer.
Address deploy_adjudicator(sim::World& world);

class Party : public sim::Actor {
public:
    /// `store` defaults to a MemoryStore.
    Party(std::string name, sim::Account account, std::shared_ptr<Store> store = nullptr);

    /// Join channel `params` as participant `index` (params.participants[index] must be this
    /// party's address: InvalidArgument). Records the L1 balance as the baseline for net_payout().
    void attach(const sim::World& world, const ChannelParams& params, std::size_t index,
                const Address& adjudicator);
    bool attached() const noexcept { return m_engine != nullptr; }
    /// The engine (StateError before attach).
    Engine& engine();
    const Engine& engine() const;
    const sim::Account& account() const noexcept { return m_account; }
    const PartyStats& stats() const noexcept { return m_stats; }
    /// Blocks of silence before re-sending (default 2).
    void set_resend_interval(std::uint64_t blocks) { m_resend_interval = blocks == 0 ? 1 : blocks; }
    /// Hand states to watchtower actor `tower`, accruing `fee_per_update` wei per hand-over.
    void set_watchtower(sim::ActorId tower, const u256& fee_per_update);
    /// Unilateral close after `blocks` blocks without progress on an update this party takes part
    /// in (its own proposal unanswered, or a countersigned state never completed) while the
    /// channel is Open. 0 (the default) disables it.
    void set_force_close_after(std::uint64_t blocks) { m_force_close_after = blocks; }
    std::uint64_t force_close_after() const noexcept { return m_force_close_after; }
    /// True when registering now could be penalised (penalty policy and
    /// Engine::countersigned_unprovable()): the party then does not register.
    bool penalty_trap() const;

    // ---- L1 actions (return the submitted transaction hash) ----
    Hash32 submit_open(sim::World& world);
    /// Deposit `amount` (the exact required one when nullopt) for this party.
    Hash32 submit_deposit(sim::World& world, std::optional<u256> amount = std::nullopt);
    Hash32 submit_refund(sim::World& world);
    /// Register state_to_register() (unilateral close). Throws StateError when not ready.
    Hash32 force_close(sim::World& world);
    /// Challenge the registered state with state_to_challenge_with() now (the party also does
    /// this by itself every block it is online). Throws StateError when crashed, when the channel
    /// is not Disputed or when that state's version is not above the registered one.
    Hash32 challenge(sim::World& world);
    /// The newest state this party can prove on-chain: its latest fully signed state, or the
    /// countersigned state completed with the proposer's and its own signature
    /// (Engine::completed_countersigned(), 2 parties) when that one is newer (a withheld or
    /// malformed Ack must not leave the party without its newest enforceable state). Throws
    /// StateError when crashed or not attached.
    SignedState state_to_challenge_with() const;

    // ---- off-chain commands ----
    /// Queue a payment of `amount` wei to participant `to` (sent when nothing else is pending).
    void pay(sim::World& world, std::size_t to, const u256& amount);
    /// Queue a cooperative close (final state, then the close transaction).
    void close(sim::World& world);
    std::size_t queued() const noexcept { return m_queue.size(); }

    // ---- crash / restart ----
    /// Crash now (volatile state lost; a MemoryStore loses the record too).
    void crash();
    /// Arm a crash at the (skip + 1)-th time the engine reaches `point` (see Engine::arm_crash).
    void arm_crash(CrashPoint point, unsigned skip = 0) { engine().arm_crash(point, skip); }
    /// Restart from the store; then ask peers (Sync) whether it is behind; until one answers
    /// (synced()) it signs nothing new. False when the store had nothing usable (the party has
    /// lost its channel state).
    bool restart(sim::World& world);
    bool crashed() const { return !m_engine || m_engine->crashed(); }
    /// False after a restart until a peer confirmed this party is not behind.
    bool synced() const noexcept { return m_synced; }

    // ---- observations ----
    /// The channel's on-chain record.
    ChannelRecord record(const sim::World& world) const;
    /// L1 gas used by this party's included transactions.
    std::uint64_t gas_used(const sim::World& world) const;
    /// Wei paid in fees by this party's included transactions.
    u256 fees_paid(const sim::World& world) const;
    /// Wei this party got back from the channel so far: balance now + fees paid + deposits made
    /// - balance at attach - deposits... i.e. (balance + fees) - (baseline - deposited).
    u256 received(const sim::World& world) const;
    /// Balance in its latest fully signed state (0 when crashed).
    u256 latest_balance() const;
    /// Its balance in the newest fully signed state it adopted as latest (its deposit before any
    /// update; after a restart, the recovered record's when that is newer, as after a crash
    /// between adopting a state and noticing it). Kept through crashes (it is what honest safety
    /// measures against); not lowered by restoring an old backup.
    u256 last_known_balance() const noexcept { return m_last_known_balance; }
    /// Version of the state last_known_balance() comes from.
    std::uint64_t last_known_version() const noexcept { return m_last_known_version; }
    bool funded_seen() const noexcept { return m_funded_seen; }
    /// First block not yet scanned for adjudicator logs (logs are read incrementally).
    std::uint64_t scanned_to() const noexcept { return m_scan_from; }
    /// The channel's on-chain status as last observed by this party.
    ChannelStatus status_seen() const noexcept { return m_status; }
    /// The state currently registered on-chain, as learnt from the logs scanned (nullopt: none).
    const std::optional<State>& registered_seen() const noexcept { return m_registered; }

    // ---- image ----
    /// Everything the party holds (engine with its volatile state, queue, counters, chain view,
    /// tower hand-over state) in a canonical encoding rlp(["l2lab/channel/party/v2", ...]). The
    /// Store is not part of it (it is the party's disk). Throws StateError before attach().
    virtual Bytes save_bytes() const;
    /// Replace the party's state by a save_bytes() image of a party of the same channel and
    /// index. Strict: DecodeError for anything else; the party is unchanged then.
    virtual void load_bytes(BytesView bytes);
    /// World snapshot hooks: the image above as Bytes in the std::any (empty before attach()).
    std::any save_state() const override;
    void load_state(const std::any& state) override;

    // ---- adversarial choice points ----
    /// Answer (handle) a message from participant `from`? Default true.
    virtual bool respond_to(std::size_t from, const Bytes& payload);
    /// The state force_close() registers. Default: the latest fully signed state.
    virtual SignedState state_to_register(sim::World& world);
    /// Challenge a registered state whose version is below this party's latest? Default true.
    virtual bool should_challenge(const ChannelRecord& record);

    // ---- Actor hooks ----
    void on_start(sim::World& world) override;
    void on_block(sim::World& world, const l1::Block& block) override;
    void on_message(sim::World& world, sim::ActorId from, const Bytes& payload) override;
    void on_event(sim::World& world, const l1::Log& log) override;

protected:
    Hash32 submit_call(sim::World& world, const Bytes& calldata, const u256& value,
                       const std::string& kind);
    void send_all(sim::World& world, const std::vector<Outgoing>& out);
    void after_update(sim::World& world);
    /// Tower gap rule: as soon as a countersigned state can be completed by this party (2
    /// participants: completed_countersigned()), hand the tower the justice blob for the state it
    /// supersedes, BEFORE the countersignature is sent (the proposer may hold the completed state
    /// from then on and register the superseded one). With more participants no justice blob can
    /// be built for a countersigned state (the other countersignatures are missing); the residual
    /// risk is bounded: a registration of the client's latest state pays it its latest balance
    /// (it loses only the in-flight payment it never saw completed).
    void hand_tower_countersigned(sim::World& world);
    void watch_chain(sim::World& world);
    void drive_queue(sim::World& world);
    /// Ask every peer for its latest state (Sync) and re-send what the engine has pending.
    void send_sync(sim::World& world);
    /// While not synced: answer a Propose with Reject peer_not_synced (true: the message was
    /// consumed); anything else goes to the engine (false).
    bool refuse_while_unsynced(sim::World& world, std::size_t from, const Bytes& payload);
    /// Read the adjudicator logs of blocks [scanned_to(), head] and the channel record.
    ChannelRecord refresh_chain_view(const sim::World& world);
    /// True when a message from a peer may be handled now (see the class comment).
    bool admit_message(sim::World& world, std::size_t from, const Bytes& payload);
    void maybe_force_close(sim::World& world);
    std::optional<std::size_t> index_of_actor(const sim::World& world, sim::ActorId id) const;

    sim::Account m_account;
    std::shared_ptr<Store> m_store;
    std::unique_ptr<Engine> m_engine;
    Address m_adjudicator;
    PartyStats m_stats;
    u256 m_baseline = 0;
    u256 m_deposited = 0;
    u256 m_last_known_balance = 0;
    std::uint64_t m_last_known_version = 0;
    std::vector<Hash32> m_txs;
    std::map<std::string, Hash32> m_last_tx;  // kind -> latest submission
    struct Command {
        bool close = false;
        std::size_t to = 0;
        u256 amount = 0;
    };
    std::deque<Command> m_queue;
    std::optional<Command> m_current;
    std::map<Hash32, u256> m_deposits;  // deposit tx -> value
    bool m_close_requested = false;
    bool m_close_submitted = false;
    std::uint64_t m_resend_interval = 2;
    std::uint64_t m_last_progress_block = 0;
    std::uint64_t m_backoff_until = 0;
    bool m_funded_seen = false;
    bool m_synced = true;
    std::optional<sim::ActorId> m_tower;
    u256 m_tower_fee = 0;
    std::optional<SignedState> m_tower_prev;  // the state whose blob the next update hands over
    std::uint64_t m_force_close_after = 0;
    std::optional<std::uint64_t> m_stalled_since;  // block an update started waiting
    std::uint64_t m_stalled_version = 0;
    ChannelStatus m_status = ChannelStatus::None;
    std::uint64_t m_deadline = 0;
    std::optional<State> m_registered;
    std::uint64_t m_scan_from = 0;
};

/// Adversary: after the updates it keeps every fully signed state and registers an older one.
class StaleRegistrar : public Party {
public:
    using Party::Party;
    /// Register the fully signed state with `version` (< latest; InvalidArgument when it never
    /// held that version). nullopt: choose_stale_version().
    Hash32 cheat(sim::World& world, std::optional<std::uint64_t> version = std::nullopt);
    /// Default: uniform over versions it held below its latest, from the world stream
    /// "channel/adversary/<name>".
    virtual std::uint64_t choose_stale_version(sim::World& world);
    SignedState state_to_register(sim::World& world) override;
    bool should_challenge(const ChannelRecord&) override { return false; }
    /// The version chosen by the last cheat() (nullopt before any).
    std::optional<std::uint64_t> cheat_version() const noexcept { return m_cheat_version; }
    /// Challenge the registered state with the fully signed state `version` it held (a colluder
    /// restarting the period under latest_state_wins with a still-stale state, or punishing a
    /// partner). InvalidArgument when it never held that version; the contract decides the rest.
    Hash32 challenge_with(sim::World& world, std::uint64_t version);
    /// rlp(["l2lab/channel/stale_registrar/v1", party image, [cheat_version?]]).
    Bytes save_bytes() const override;
    /// Strict inverse of save_bytes() (a plain Party image is refused): DecodeError, unchanged.
    void load_bytes(BytesView bytes) override;

private:
    std::optional<std::uint64_t> m_cheat_version;
};

/// Adversary: answers nothing once silent (griefing / unresponsive counterparty).
class SilentParty : public Party {
public:
    using Party::Party;
    void set_silent(bool silent) { m_silent = silent; }
    bool silent() const noexcept { return m_silent; }
    bool respond_to(std::size_t, const Bytes&) override { return !m_silent; }

private:
    bool m_silent = true;
};

/// Adversary: a colluder never challenges (it profits from a stale state a partner registered).
class Colluder : public Party {
public:
    using Party::Party;
    bool should_challenge(const ChannelRecord&) override { return false; }
};

/// Give every party its params and index, exchange signatures on the funding state (off-chain,
/// directly) and install it. Parties must be in params.participants order.
void setup_channel(const sim::World& world, const std::vector<std::shared_ptr<Party>>& parties,
                   const ChannelParams& params, const Address& adjudicator);

}  // namespace l2lab::channel
