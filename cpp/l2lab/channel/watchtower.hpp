#pragma once
/// \file watchtower.hpp
/// A watchtower actor: parties hand it (TowerUpdate message) the channel params and their latest
/// fully signed state after each update; it watches the adjudicator's logs (and re-reads the
/// channels' records every block it is online, to catch up after an offline window) and
/// challenges any registered state older than the latest it holds, from its own L1 account.
/// Fee: `fee_per_update` wei accrue per accepted hand-over (off-chain accounting, fees_earned()).
/// Known limit: the tower sees the signed states in clear (balances included); a Lightning-style
/// encrypted blob would hide them.

#include <map>
#include <optional>

#include "l2lab/channel/adjudicator.hpp"
#include "l2lab/channel/message.hpp"
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
    std::size_t channels_watched() const noexcept { return m_channels.size(); }
    /// Latest version held for a channel, nullopt when unknown.
    std::optional<std::uint64_t> version_held(const Hash32& channel_id) const;
    std::uint64_t updates_received() const noexcept { return m_updates; }
    std::uint64_t updates_refused() const noexcept { return m_refused; }
    std::uint64_t challenges_submitted() const noexcept { return m_challenges; }
    u256 fees_earned() const noexcept { return m_fees; }
    std::uint64_t gas_used(const sim::World& world) const;

private:
    struct Watched {
        ChannelParams params;
        SignedState latest;
        std::optional<Hash32> challenge_tx;
        std::uint64_t challenged_version = 0;
    };
    void check(sim::World& world);

    sim::Account m_account;
    Address m_adjudicator;
    u256 m_fee;
    std::map<Hash32, Watched> m_channels;
    std::vector<Hash32> m_txs;
    std::uint64_t m_updates = 0;
    std::uint64_t m_refused = 0;
    std::uint64_t m_challenges = 0;
    u256 m_fees = 0;
};

}  // namespace l2lab::channel
