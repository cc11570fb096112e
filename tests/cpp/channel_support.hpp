#pragma once
// Shared set-up for the channel tests: a World with funded accounts, the adjudicator and parties.
#include <memory>
#include <vector>

#include "l2lab/channel/invariants.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/channel/party.hpp"
#include "l2lab/channel/watchtower.hpp"

namespace chtest {

using namespace l2lab;
using namespace l2lab::channel;

inline constexpr std::uint64_t kEther = 1'000'000'000'000'000'000ULL;

struct Fixture {
    explicit Fixture(std::size_t n = 2, DisputePolicy policy = DisputePolicy::LatestStateWins,
                     std::uint64_t period = 10, std::uint64_t seed = 1,
                     sim::WorldConfig config = {})
        : world(seed, std::move(config)) {
        adjudicator = deploy_adjudicator(world);
        for (std::size_t i = 0; i < n; ++i) {
            accounts.push_back(world.new_account(u256(100) * kEther));
            params.participants.push_back(accounts.back().address);
            params.deposits.push_back(u256(i + 1) * kEther);
        }
        params.challenge_period = period;
        params.funding_timeout = 5;
        params.policy = policy;
        id = params.channel_id(world.chain().config().chain_id, adjudicator);
    }
    // Build parties (type P for index `special`, Party otherwise), set up and register them.
    template <typename Special = Party>
    void make_parties(std::size_t special = 0, bool durable = false) {
        for (std::size_t i = 0; i < accounts.size(); ++i) {
            std::shared_ptr<Store> store;
            if (durable) store = std::make_shared<DurableStore>();
            std::shared_ptr<Party> p;
            if (i == special) {
                p = std::make_shared<Special>("p" + std::to_string(i), accounts[i], store);
            } else {
                p = std::make_shared<Party>("p" + std::to_string(i), accounts[i], store);
            }
            parties.push_back(p);
        }
        setup_channel(world, parties, params, adjudicator);
        for (auto& p : parties) world.add_actor(p);
        world.add_invariant(std::make_shared<AdjudicatorSolvency>(adjudicator));
        world.add_invariant(std::make_shared<NoUsableBeforeFunded>(parties));
    }
    void fund() {
        parties[0]->submit_open(world);
        world.run(1);
        for (auto& p : parties) p->submit_deposit(world);
        world.run(2);
    }
    l1::Receipt receipt(const Hash32& h) {
        auto r = world.chain().receipt(h);
        if (!r) throw StateError("no receipt");
        return *r;
    }
    SignedState sign_all(const State& s) {
        SignedState out{s, {}};
        for (auto& a : accounts) out.signatures.push_back(a.key.sign(state_digest(world.chain().config().chain_id, adjudicator, s)));
        return out;
    }

    sim::World world;
    Address adjudicator;
    std::vector<sim::Account> accounts;
    ChannelParams params;
    Hash32 id;
    std::vector<std::shared_ptr<Party>> parties;
};

}  // namespace chtest
