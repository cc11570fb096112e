// The dispute game end to end on a World: honest proposals become final and reach the inbox;
// wrong roots (several cheats) lose against one honest challenger and their bonds move; a valid
// root attacked survives; k-ary dissection; bond and clock rules; the game holds nothing after
// full resolution and credit claims.
#include <gtest/gtest.h>

#include "fault_support.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/fault/agents.hpp"

using namespace l2lab;
using namespace l2lab::fault;
using fault_test::FaultRollup;

namespace {

std::string reverts(const TracePlayer& p) {
    std::string out;
    for (const auto& [k, n] : p.stats().reverts)
        out += k + " x" + std::to_string(n) + "; ";
    return out;
}

std::shared_ptr<const StfVariant> mint_cheat(const Address& to) {
    CheatSpec s;
    s.kind = CheatKind::Mint;
    s.step = 2;
    s.account = to;
    s.amount = 1'000'000;
    return std::make_shared<Cheat>(s);
}

// Run until every game is resolved and every credit claimed (or `max` blocks).
void run_until_settled(FaultRollup& r, std::uint64_t max = 400) {
    for (std::uint64_t i = 0; i < max; ++i) {
        r.world.run(1);
        const auto& chain = r.world.chain();
        const std::uint64_t n = game_count(chain, r.dep.games);
        bool done = n > 0;
        for (std::uint64_t g = 0; g < n && done; ++g) {
            const GameInfo info = read_game(chain, r.dep.games, g);
            done = info.status == GameStatus::ChallengerWins ||
                   (info.status == GameStatus::DefenderWins && info.forwarded);
        }
        if (done && r.games_balance() == 0)
            return;
    }
}

}  // namespace

TEST(FaultGame, HonestProposalBecomesFinalAndReachesTheInbox) {
    FaultRollup r;
    PlayerOptions po;
    po.propose_every_blocks = 1000;  // one proposal
    r.traffic();
    auto proposer = r.player("proposer", po);
    r.world.run(2);  // the proposal is sent after the first block, included in the second
    ASSERT_EQ(game_count(r.world.chain(), r.dep.games), 1u);
    run_until_settled(r);
    const GameInfo g = read_game(r.world.chain(), r.dep.games, 0);
    EXPECT_EQ(g.status, GameStatus::DefenderWins);
    EXPECT_TRUE(g.forwarded);
    EXPECT_EQ(g.claim_count, 1u);
    ASSERT_EQ(rollup::inbox_root_count(r.world.chain(), r.dep.inbox), 1u);
    const auto root = rollup::inbox_root(r.world.chain(), r.dep.inbox, 0);
    rollup::Derivation d(r.dcfg());
    d.advance(r.world.chain());
    EXPECT_EQ(root.root, d.root_after(g.l1_block));
    EXPECT_EQ(r.games_balance(), 0u);
    EXPECT_EQ(proposer->stats().credits_received, required_bond(r.dep.config, 0));
    EXPECT_EQ(proposer->stats().reverted, 0u) << reverts(*proposer);
}

TEST(FaultGame, WrongRootLosesToOneHonestChallenger) {
    FaultRollup r;
    r.traffic();
    PlayerOptions cheat_opts;
    cheat_opts.propose_every_blocks = 1000;
    auto cheater = r.player("cheater", cheat_opts, mint_cheat(r.users[3].address()));
    auto honest = r.player("challenger");
    r.world.run(2);  // the proposal is sent after the first block, included in the second
    ASSERT_EQ(game_count(r.world.chain(), r.dep.games), 1u);
    run_until_settled(r);
    const GameInfo g = read_game(r.world.chain(), r.dep.games, 0);
    EXPECT_EQ(g.status, GameStatus::ChallengerWins);
    EXPECT_FALSE(g.forwarded);
    EXPECT_TRUE(proposal_invalid(r.world.chain(), r.dep.games, 0));
    EXPECT_EQ(rollup::inbox_root_count(r.world.chain(), r.dep.inbox), 0u);
    EXPECT_GE(honest->stats().steps, 1u);
    EXPECT_GT(g.claim_count, g.depth);  // bisected all the way down
    EXPECT_EQ(r.games_balance(), 0u);
    EXPECT_GT(honest->stats().credits_received, honest->stats().bonds_posted);
    EXPECT_LT(cheater->stats().credits_received, cheater->stats().bonds_posted);
    EXPECT_EQ(honest->stats().reverted, 0u) << reverts(*honest);
}
