#pragma once
/// \file watchtower.hpp
/// A watchtower actor that does not see channel states (see tower_blob.hpp for the scheme and
/// exactly what it learns). Parties send it a TowerBlob (hint + ciphertext) each time their
/// latest state is superseded. Blobs are kept per client: the sender of a blob (the World's
/// network authenticates the sending actor) is the client whose namespace it goes to, and a hint
/// may hold one candidate blob from each client. A hint is computable by every participant of the
/// channel (it derives from a signature they all saw), so a counterparty that sends a junk blob
/// under its victim's hint first only adds a candidate of its own: it can neither replace nor
/// pre-empt the victim's blob, and on a breach the tower tries every candidate. The tower follows
/// the adjudicator's
/// StateRegistered / StateChallenged logs incrementally (only blocks after the last one scanned),
/// and for each registered state recomputes the hints of its signatures (taken from the
/// transaction's calldata). A matching blob decrypts to the channel params and a newer fully
/// signed state (followed to the newest state it can decrypt); while the challenge period lasts it
/// challenges with it from its own L1 account, retrying when a challenge failed or was dropped.
/// It can be offline for windows: when back, it scans the blocks it missed.
/// Fee: `fee_per_update` wei accrue per accepted blob (off-chain accounting, fees_earned()). A
/// second blob from the same client for a hint it already used is refused (an honest client hands
/// over one blob per superseded state).

#include <map>
#include <optional>

#include "l2lab/channel/adjudicator.hpp"
#include "l2lab/channel/tower_blob.hpp"
#include "l2lab/sim/world.hpp"

namespace l2lab::channel {

class Watchtower : public sim::Actor {
public:
    Watchtower(std::string name, sim::Account account, Address adjudicator, u256 fee_per_update = 0);

    void on_start(sim::World& world) override;
    void on_message(sim::World& world, sim::ActorId from, const Bytes& payload) override;
    void on_event(sim::World& world, const l1::Log& log) override;
    void on_block(sim::World& world, const l1::Block& block) override;

    const sim::Account& account() const noexcept { return m_account; }
    /// Candidate blobs held, over every hint and client (one per superseded state a client
    /// handed over).
    std::size_t blobs_held() const noexcept;
    /// Distinct hints held (a hint has one candidate per client that sent a blob for it).
    std::size_t hints_held() const noexcept { return m_blobs.size(); }
    /// Candidate blobs client `client` sent that the tower holds.
    std::size_t blobs_from(sim::ActorId client) const noexcept;
    /// Channels the tower knows about: only those in which it detected a breach.
    std::size_t channels_known() const noexcept { return m_breaches.size(); }
    /// Newest version it can challenge with in `channel_id`, nullopt when it knows no breach there.
    std::optional<std::uint64_t> justice_version(const Hash32& channel_id) const;
    std::uint64_t updates_received() const noexcept { return m_updates; }
    std::uint64_t updates_refused() const noexcept { return m_refused; }
    std::uint64_t breaches_detected() const noexcept { return m_breaches_detected; }
    std::uint64_t challenges_submitted() const noexcept { return m_challenges; }
    u256 fees_earned() const noexcept { return m_fees; }
    /// First block not yet scanned for adjudicator logs.
    std::uint64_t scanned_to() const noexcept { return m_scan_from; }
    std::uint64_t gas_used(const sim::World& world) const;

    /// Everything the tower keeps (blobs per hint and client, breaches, counters, scan position,
    /// its transactions) in a canonical encoding: rlp(["l2lab/tower/state/v2", ...]).
    Bytes save_bytes() const;
    /// Replace the tower's state by a save_bytes() image. Strict: DecodeError for anything that is
    /// not a canonical image (the tower is unchanged then).
    void load_bytes(BytesView bytes);
    /// World snapshot hooks (the image above, as bytes in the std::any).
    std::any save_state() const override { return save_bytes(); }
    void load_state(const std::any& state) override;

private:
    struct Breach {
        JusticeData justice;
        std::optional<Hash32> challenge_tx;
        std::uint64_t challenged_version = 0;
        bool operator==(const Breach&) const = default;
    };
    void scan(sim::World& world);
    void examine(const sim::World& world, const l1::Log& log);
    void act(sim::World& world);

    sim::Account m_account;
    Address m_adjudicator;
    u256 m_fee;
    std::map<TowerHint, std::map<sim::ActorId, Bytes>> m_blobs;  // hint -> client -> blob
    std::map<Hash32, Breach> m_breaches;
    std::vector<Hash32> m_txs;
    std::uint64_t m_scan_from = 0;
    std::uint64_t m_updates = 0;
    std::uint64_t m_refused = 0;
    std::uint64_t m_breaches_detected = 0;
    std::uint64_t m_challenges = 0;
    u256 m_fees = 0;
};

}  // namespace l2lab::channel
