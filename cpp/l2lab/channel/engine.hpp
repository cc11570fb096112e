#pragma once
/// \file engine.hpp
/// The off-chain protocol engine of one party in one channel: a pure state machine (no World, no
/// I/O) that turns commands and incoming message bytes into outgoing message bytes, persisting its
/// record through a Store BEFORE it countersigns or sends.
///
/// Update cycle (n parties): the proposer signs version v = max(latest, highest_signed) + 1 and
/// sends Propose to everyone; each peer validates (channel, version above anything it signed,
/// shape, proposer's signature, only the proposer's balance may fall; a final state must keep the
/// balances), persists "signed v", and answers Countersign; when the proposer holds every
/// signature it persists the fully signed state and sends Ack to everyone; a peer adopts an Ack
/// after checking the signatures it has not checked yet. Refusals answer Reject(reason).
/// Lost messages: resend() re-sends a pending proposal, and a peer that signed but saw no Ack asks
/// with Sync (always answered with the latest fully signed state, older or not); a Propose
/// identical to one already countersigned is answered again (idempotent).
///
/// Safety rule: the engine never signs two different states with the same version and never
/// signs a version at or below one it signed before (highest_signed is persisted first).
/// Crashes: crash() forgets everything volatile; recover() reloads the store's record (which
/// includes the proposer's and own signature on a countersigned state: CountersignProof).

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "l2lab/channel/message.hpp"
#include "l2lab/channel/store.hpp"

namespace l2lab::channel {

/// Persistence boundaries of the update cycle where a crash can be injected.
enum class CrashPoint : std::uint8_t {
    BeforePersist,  ///< state validated/signed, record not written, nothing sent
    AfterPersist,   ///< record written, nothing sent
    AfterSend,      ///< record written and messages sent (checked by the caller that sends)
};
/// "before_persist", "after_persist", "after_send".
std::string_view crash_point_name(CrashPoint p);

/// A message to send to participant `to`.
struct Outgoing {
    std::size_t to = 0;
    Bytes payload;
};

/// What handling one input produced.
struct Handled {
    std::vector<Outgoing> out;
    std::optional<ChannelError> rejected;  ///< the input was refused (a Reject may be in `out`)
    bool updated = false;                  ///< latest fully signed state advanced
    bool crashed = false;                  ///< a crash was injected while handling
    std::optional<ChannelError> peer_rejected;  ///< a peer refused our proposal
    /// A peer sent a fully signed state (Ack/SyncReply) of this channel that is not newer than
    /// ours, or a newer one that was adopted: the peer is not ahead of this party.
    bool peer_state_seen = false;
};

class Engine {
public:
    /// `params` is validated (InvalidArgument), `index` < participants, `key` must be the key of
    /// participants[index] (InvalidArgument), `store` non-null. The channel id derives from
    /// (chain_id, adjudicator, params). The engine starts without a latest state: call
    /// install_initial() with the fully signed funding state before anything else.
    Engine(ChannelParams params, std::size_t index, crypto::PrivateKey key, std::uint64_t chain_id,
           Address adjudicator, std::shared_ptr<Store> store);

    const ChannelParams& params() const noexcept { return m_params; }
    std::size_t index() const noexcept { return m_index; }
    const Hash32& channel_id() const noexcept { return m_channel_id; }
    std::uint64_t chain_id() const noexcept { return m_chain_id; }
    const Address& adjudicator() const noexcept { return m_adjudicator; }
    const std::shared_ptr<Store>& store() const noexcept { return m_store; }
    /// Digest of `s` in this channel's domain.
    Hash32 digest(const State& s) const;
    /// This party's signature on `s` (no checks, no bookkeeping: for set-up and adversaries).
    crypto::Signature sign(const State& s) const;

    /// This party's signature on the funding state (version 0).
    crypto::Signature sign_initial();
    /// Install the fully signed funding state and persist it. Rejects a state that is not the
    /// funding state or not signed by everyone.
    Result<Unit, ChannelError> install_initial(const SignedState& s);

    // ---- commands ----
    /// Propose paying `amount` wei to participant `to`. Throws InvalidArgument for to == index
    /// or to out of range. Rejects: UpdatePending, ChannelFinal, InsufficientBalance.
    Result<Handled, ChannelError> pay(std::size_t to, const u256& amount);
    /// Propose the final state (same balances, is_final). Rejects UpdatePending, ChannelFinal.
    Result<Handled, ChannelError> propose_close();
    /// Propose an arbitrary next state (checked like a peer would check it).
    Result<Handled, ChannelError> propose(State next);
    /// Handle a message from participant `from` (< participants; otherwise InvalidArgument).
    /// Undecodable bytes: rejected = MalformedInput, nothing changes, no answer.
    Handled handle(std::size_t from, BytesView payload);
    /// Messages to re-send after silence: the pending proposal to peers that have not
    /// countersigned, or Sync when this party signed a state it never saw completed.
    std::vector<Outgoing> resend() const;

    // ---- crash and restart ----
    /// Arm a crash at `point`: the (skip + 1)-th time the engine reaches it, it crashes. In one
    /// update the proposer persists twice (its proposal; the completed state, before the Ack is
    /// sent) and sends twice (Propose, Ack); a peer persists twice (its countersignature; the
    /// adopted Ack) and sends once (Countersign): skip 1 reaches each side's second boundary.
    void arm_crash(CrashPoint point, unsigned skip = 0) {
        m_armed = point;
        m_armed_skip = skip;
    }
    /// Forget volatile state (the store forgets too when it is not durable).
    void crash();
    bool crashed() const noexcept { return m_crashed; }
    /// Reload from the store. False (and still crashed) when the store has no valid record.
    bool recover();
    /// Called by the party that sends: crashes when AfterSend was armed. Returns true if it did.
    bool after_send();

    // ---- image (save_state / load_state of the party) ----
    /// Everything the engine holds, volatile part included, in a canonical encoding:
    /// rlp([record | [], crashed, [history...], updates, [proposer_sig?], [own_sig?],
    /// proposer_index]).
    Bytes save_bytes() const;
    /// Replace the engine's state by a save_bytes() image of an engine of the same channel and
    /// index. Strict: DecodeError for anything else (the engine is unchanged then).
    void load_bytes(BytesView bytes);

    // ---- state ----
    bool ready() const noexcept { return m_latest.has_value() && !m_crashed; }
    /// Latest fully signed state. Throws StateError when not ready().
    const SignedState& latest() const;
    std::uint64_t highest_signed() const noexcept { return m_highest_signed; }
    bool has_pending_proposal() const noexcept { return m_proposed.has_value(); }
    /// True while this party countersigned a peer's state it has not seen fully signed.
    bool awaiting_completion() const noexcept;
    /// The last state this party countersigned for a peer's proposal, until a state at least as
    /// new is adopted (nullopt: none).
    const std::optional<State>& countersigned() const noexcept { return m_countersigned; }
    /// The state this party countersigned and has not seen completed, completed with the
    /// proposer's and its own signature when those are every signature needed (2 participants;
    /// both are persisted with the countersigned state, so this survives a restart from a
    /// durable store). nullopt otherwise.
    std::optional<SignedState> completed_countersigned() const;
    /// True when this party countersigned a state above its latest that it cannot register
    /// itself (completed_countersigned() is nullopt: more than two participants, or the
    /// signatures were lost). A peer may then hold that state fully signed (the proposer collects
    /// every countersignature, and colluding peers can pool theirs), so under the penalty policy
    /// registering latest() could be answered by a challenge that forfeits this party's balance.
    /// Rule (n-party penalty trap): an honest party never registers while this holds under
    /// `penalty`; it keeps asking for the completed state (Sync) and challenges registrations.
    bool countersigned_unprovable() const noexcept {
        return awaiting_completion() && !completed_countersigned();
    }
    /// Fully signed states this engine adopted, in order (volatile; adversaries read it).
    const std::vector<SignedState>& history() const noexcept { return m_history; }
    std::uint64_t updates_completed() const noexcept { return m_updates; }

private:
    struct Pending {
        State state;
        Hash32 digest;
        std::vector<std::optional<crypto::Signature>> sigs;
    };
    struct Crash {};
    Result<Handled, ChannelError> start_proposal(State next);
    std::optional<ChannelError> validate_proposal(std::size_t from, const State& s) const;
    void on_propose(std::size_t from, const ProposeMsg& m, Handled& h);
    void on_countersign(std::size_t from, const CountersignMsg& m, Handled& h);
    void on_full_state(const SignedState& s, Handled& h);
    void on_sync(std::size_t from, const SyncMsg& m, Handled& h) const;
    void adopt(const SignedState& s, Handled& h);
    void persist();
    ChannelRecordData record() const;  // the store record of the current state (ready() only)
    void maybe_crash(CrashPoint p);
    Outgoing reject_to(std::size_t to, std::uint64_t version, ChannelError e) const;

    ChannelParams m_params;
    std::size_t m_index;
    crypto::PrivateKey m_key;
    std::uint64_t m_chain_id;
    Address m_adjudicator;
    Hash32 m_channel_id;
    std::shared_ptr<Store> m_store;

    std::optional<SignedState> m_latest;
    std::uint64_t m_highest_signed = 0;
    std::optional<State> m_countersigned;
    std::optional<crypto::Signature> m_proposer_sig;  // proposer's signature on m_countersigned
    std::size_t m_proposer_index = 0;                 // who proposed m_countersigned
    std::optional<crypto::Signature> m_own_sig;       // our signature on m_countersigned
    std::optional<Pending> m_proposed;
    std::vector<SignedState> m_history;
    std::uint64_t m_updates = 0;
    std::optional<CrashPoint> m_armed;
    unsigned m_armed_skip = 0;  // occurrences of m_armed to pass before crashing
    bool m_crashed = false;
};

}  // namespace l2lab::channel
