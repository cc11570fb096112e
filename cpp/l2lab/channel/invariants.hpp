#pragma once
/// \file invariants.hpp
/// Channel safety properties as sim::Invariant checkers (checked after every block) and
/// end-of-run checks. Each returns nullopt when the property holds, else what is wrong.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "l2lab/channel/party.hpp"
#include "l2lab/sim/invariant.hpp"

namespace l2lab::channel {

/// Adjudicator solvency: its L1 balance equals the sum of the recorded deposits of every channel
/// still in Funding, Open or Disputed (channels found from its ChannelOpened logs, read
/// incrementally: each check scans only the blocks after the previous check).
class AdjudicatorSolvency final : public sim::Invariant {
public:
    explicit AdjudicatorSolvency(Address adjudicator) : m_adjudicator(adjudicator) {}
    std::string name() const override { return "channel.adjudicator_solvency"; }
    std::optional<std::string> check(const sim::World& world) override;

private:
    Address m_adjudicator;
    std::map<Hash32, std::size_t> m_channels;  // channel id -> participant count
    std::uint64_t m_scan_from = 0;
};

/// No usable balance before deposits confirm: no party holds a fully signed state above version 0
/// while its channel is not (or was never) Open on-chain.
class NoUsableBeforeFunded final : public sim::Invariant {
public:
    explicit NoUsableBeforeFunded(std::vector<std::shared_ptr<Party>> parties)
        : m_parties(std::move(parties)) {}
    std::string name() const override { return "channel.no_usable_balance_before_funding"; }
    std::optional<std::string> check(const sim::World& world) override;

private:
    std::vector<std::shared_ptr<Party>> m_parties;
};

/// After every channel ended: the adjudicator holds 0 and Σ received == Σ deposits.
std::optional<std::string> check_conservation(const sim::World& world, const Address& adjudicator,
                                              const std::vector<std::shared_ptr<Party>>& parties);
/// Honest safety: `party` received at least its latest (last known) balance.
std::optional<std::string> check_honest_safety(const sim::World& world, const Party& party);
/// No honest party penalised: under the penalty policy, no challenge punished a state that
/// `party` registered (found from the channel's Registered/Challenged logs and the senders of
/// their transactions). Always holds under latest_state_wins (a newer state replaces the
/// registered one without a penalty).
std::optional<std::string> check_no_honest_penalised(const sim::World& world, const Party& party);
/// No usable balance before deposits confirm, for one party now (NoUsableBeforeFunded checks it
/// for a list of parties after every block).
std::optional<std::string> check_no_usable_before_funded(const sim::World& world, const Party& party);

}  // namespace l2lab::channel
