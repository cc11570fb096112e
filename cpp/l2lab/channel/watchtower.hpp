#pragma once
/// \file watchtower.hpp
/// A watchtower actor that does not see channel states (see tower_blob.hpp for the scheme and
/// exactly what it learns). Parties send it a TowerBlob (hint + ciphertext) each time their
/// latest state is superseded; it keeps the blobs by hint, follows the adjudicator's
/// StateRegistered / StateChallenged logs incrementally (only blocks after the last one scanned),
/// and for each registered state recomputes the hints of its signatures (taken from the
/// transaction's calldata). A matching blob decrypts to the channel params and a newer fully
/// signed state (followed to the newest state it can decrypt); while the challenge period lasts it
/// challenges with it from its own L1 account, retrying when a challenge failed or was dropped.
/// It can be offline for windows: when back, it scans the blocks it missed.
/// Fee: `fee_per_update` wei accrue per accepted blob (off-chain accounting, fees_earned()).

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
    /// Blobs held (one per superseded state handed over).
    std::size_t blobs_held() const noexcept { return m_blobs.size(); }
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

    /// Everything the tower keeps (blobs, breaches, counters, scan position, its transactions) in
    /// a canonical encoding: rlp(["l2lab/tower/state/v1", ...]).
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
    std::map<TowerHint, Bytes> m_blobs;
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
