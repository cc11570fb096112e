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
    // The cheater does not repeat a move that can only revert (its stepped-against claim).
    EXPECT_LE(cheater->stats().reverted, 1u) << reverts(*cheater);
}

namespace {

std::shared_ptr<const StfVariant> cheat(
    CheatKind kind,
    rollup::SkipReason reason = rollup::SkipReason::InsufficientBalance) {
    CheatSpec s;
    s.kind = kind;
    s.reason = reason;
    return std::make_shared<Cheat>(s);
}

// traffic() plus a forced tx whose signature does not recover (for the bad-signature cheat).
void traffic_with_bad_signature(FaultRollup& r) {
    r.traffic();
    auto bob = r.world.new_account(u256(10) * fault_test::kEth);
    rollup::L2Tx t = r.tx(2, r.users[1].address(), 123);
    t.signature[64] = 7;  // v out of range: never recovers
    ASSERT_TRUE(r.world.call(bob, r.dep.inbox, rollup::inbox_force_tx(t.encode())).accepted);
    r.world.run(5);
}

l1::Receipt call_games(FaultRollup& r,
                       const sim::Account& from,
                       const Bytes& calldata,
                       const u256& value = 0) {
    sim::TxOptions o;
    o.gas_limit = 5'000'000;
    const auto out = r.world.call(from, r.dep.games, calldata, value, o);
    EXPECT_TRUE(out.accepted) << out.detail;
    r.world.mine(1);
    return *r.world.chain().receipt(out.tx_hash);
}

}  // namespace

TEST(FaultGame, EveryCheatLosesAndItsRootNeverReachesTheInbox) {
    const std::vector<std::pair<CheatKind, rollup::SkipReason>> cheats = {
        {CheatKind::ApplySkipped, rollup::SkipReason::InsufficientBalance},  // overspend applied
        {CheatKind::ApplySkipped, rollup::SkipReason::BadSignature},  // bad signature applied
        {CheatKind::WrongFee, rollup::SkipReason::InsufficientBalance},
        {CheatKind::Mint, rollup::SkipReason::InsufficientBalance},  // tampered trace
    };
    for (const auto& [kind, reason] : cheats) {
        FaultRollup r;
        traffic_with_bad_signature(r);
        PlayerOptions po;
        po.propose_every_blocks = 1000;
        auto cheater = r.player(
            "cheater", po,
            kind == CheatKind::Mint ? mint_cheat(r.users[3].address()) : cheat(kind, reason));
        auto honest = r.player("challenger");
        r.world.run(2);
        ASSERT_EQ(game_count(r.world.chain(), r.dep.games), 1u);
        // The cheat really changes the root.
        const GameInfo g0 = read_game(r.world.chain(), r.dep.games, 0);
        rollup::Derivation d(r.dcfg());
        d.advance(r.world.chain());
        EXPECT_NE(g0.state_root, d.root_after(g0.l1_block)) << cheater->name();
        run_until_settled(r);
        const GameInfo g = read_game(r.world.chain(), r.dep.games, 0);
        EXPECT_EQ(g.status, GameStatus::ChallengerWins) << static_cast<int>(kind);
        EXPECT_EQ(rollup::inbox_root_count(r.world.chain(), r.dep.inbox), 0u);
        EXPECT_EQ(r.games_balance(), 0u);
        EXPECT_EQ(honest->stats().reverted, 0u) << reverts(*honest);
        EXPECT_GT(honest->stats().credits_received, honest->stats().bonds_posted);
    }
}

TEST(FaultGame, ValidRootAttackedSurvivesAndTheAttackerPays) {
    FaultRollup r;
    r.traffic();
    PlayerOptions po;
    po.propose_every_blocks = 1000;
    auto proposer = r.player("proposer", po);
    auto attacker = r.player("attacker", {}, mint_cheat(r.users[0].address()));
    r.world.run(2);
    run_until_settled(r);
    const GameInfo g = read_game(r.world.chain(), r.dep.games, 0);
    EXPECT_EQ(g.status, GameStatus::DefenderWins);
    EXPECT_TRUE(g.forwarded);
    EXPECT_GT(g.claim_count, 2u);  // it was attacked and defended
    EXPECT_GT(attacker->stats().moves, 0u);
    EXPECT_EQ(r.games_balance(), 0u);
    EXPECT_GT(proposer->stats().credits_received, proposer->stats().bonds_posted);
    EXPECT_LT(attacker->stats().credits_received, attacker->stats().bonds_posted);
    EXPECT_EQ(proposer->stats().reverted, 0u) << reverts(*proposer);
}

TEST(FaultGame, KaryDissectionResolvesInFewerRounds) {
    for (std::uint32_t k : {2u, 4u, 8u}) {
        FaultRollup r(FaultRollup::quick_config(k));
        r.traffic();
        PlayerOptions po;
        po.propose_every_blocks = 1000;
        r.player("cheater", po, mint_cheat(r.users[3].address()));
        auto honest = r.player("challenger");
        r.world.run(2);
        run_until_settled(r);
        const GameInfo g = read_game(r.world.chain(), r.dep.games, 0);
        EXPECT_EQ(g.status, GameStatus::ChallengerWins) << "k=" << k;
        std::uint64_t positions = 1;
        for (std::uint32_t d = 0; d < g.depth; ++d)
            positions *= k;
        EXPECT_GE(positions, g.trace_length);
        EXPECT_LT(positions / k, g.trace_length) << "least depth";
        EXPECT_EQ(honest->stats().steps, 1u);
        EXPECT_EQ(r.games_balance(), 0u);
    }
}

TEST(FaultGame, ChildOfAnInvalidProposalIsInvalidToo) {
    FaultRollup r;
    r.traffic();
    PlayerOptions po;
    po.propose_every_blocks = 3;
    auto cheater = r.player("cheater", po, mint_cheat(r.users[3].address()));
    r.world.run(5);  // two proposals, the second on the first
    cheater->mutable_options().propose_every_blocks = 0;
    ASSERT_GE(game_count(r.world.chain(), r.dep.games), 2u);
    const GameInfo second = read_game(r.world.chain(), r.dep.games, 1);
    ASSERT_EQ(second.parent, std::optional<std::uint64_t>(0));
    r.player("challenger");
    run_until_settled(r);
    EXPECT_EQ(read_game(r.world.chain(), r.dep.games, 0).status, GameStatus::ChallengerWins);
    EXPECT_TRUE(proposal_invalid(r.world.chain(), r.dep.games, 1));
    EXPECT_EQ(rollup::inbox_root_count(r.world.chain(), r.dep.inbox), 0u);
    // Nothing can be built on it any more, and it cannot be forwarded.
    auto eve = r.world.new_account(u256(10) * fault_test::kEth);
    const auto bond = required_bond(r.dep.config, 0);
    const auto p =
        call_games(r, eve,
                   game_propose(0, r.world.block_number() - 1,
                                end_of_block_state(Hash32{}, r.world.block_number() - 1, 0, 0), 5),
                   bond);
    EXPECT_EQ(p.revert_reason.rfind("bad_parent", 0), 0u) << p.revert_reason;
    const auto f = call_games(r, eve, game_forward(1));
    EXPECT_FALSE(f.success());
}

TEST(FaultGame, NonInteractiveProofRemovesAWrongRootInOneTransaction) {
    FaultRollup r;
    r.traffic();
    PlayerOptions po;
    po.propose_every_blocks = 1000;
    r.player("cheater", po, mint_cheat(r.users[3].address()));
    PlayerOptions quiet;
    quiet.challenge = false;
    auto honest = r.player("verifier", quiet);
    r.world.run(2);
    const Hash32 tx = honest->prove_invalid(r.world, 0);
    r.world.run(1);
    const auto receipt = r.world.chain().receipt(tx);
    ASSERT_TRUE(receipt && receipt->success()) << (receipt ? receipt->revert_reason : "pending");
    EXPECT_GT(receipt->gas_used, 100'000u);
    EXPECT_LT(receipt->gas_used, r.world.chain().config().block_gas_limit);
    const ClaimInfo root = read_claim(r.world.chain(), r.dep.games, 0, 0);
    EXPECT_EQ(root.countered_by, std::optional<Address>(honest->account().address));
    run_until_settled(r);
    EXPECT_EQ(read_game(r.world.chain(), r.dep.games, 0).status, GameStatus::ChallengerWins);
    EXPECT_EQ(r.games_balance(), 0u);

    // Against a correct root the same proof is refused.
    FaultRollup ok;
    ok.traffic();
    ok.player("proposer", po);
    auto v = ok.player("verifier", quiet);
    ok.world.run(2);
    const Hash32 tx2 = v->prove_invalid(ok.world, 0);
    ok.world.run(1);
    const auto r2 = ok.world.chain().receipt(tx2);
    ASSERT_TRUE(r2.has_value());
    EXPECT_EQ(r2->revert_reason, "result_agrees");
}

TEST(FaultGame, BondsFollowTheOpCurve) {
    GameConfig c;  // OP defaults
    EXPECT_EQ(required_bond(c, 0), u256(400'000) * u256(200'000'000'000ull));
    // 400,000 * 1.09493^73 ~ 300,000,000 gas (OP's choice of the multiplier).
    const u256 top = required_bond(c, 73) / u256(200'000'000'000ull);
    EXPECT_GT(top, u256(298'000'000));
    EXPECT_LT(top, u256(302'000'000));
    for (std::uint32_t d = 1; d < 73; ++d)
        EXPECT_GT(required_bond(c, d), required_bond(c, d - 1));
    EXPECT_EQ(game_depth(c, 1), std::optional<std::uint32_t>(1));
    EXPECT_EQ(game_depth(c, 2), std::optional<std::uint32_t>(1));
    EXPECT_EQ(game_depth(c, 3), std::optional<std::uint32_t>(2));
    EXPECT_EQ(game_depth(c, 1u << 20), std::optional<std::uint32_t>(20));
    EXPECT_EQ(game_depth(c, 0), std::nullopt);
    c.max_depth = 10;
    EXPECT_EQ(game_depth(c, 1025), std::nullopt);
    c.branching = 1;
    EXPECT_THROW(c.validate(), InvalidArgument);
}

TEST(FaultGame, MovesThatBreakTheRulesRevertWithATypedReason) {
    GameConfig gc = FaultRollup::quick_config();
    gc.max_clock_duration = 600;  // every call below takes a block
    FaultRollup r(gc);
    r.traffic();
    PlayerOptions po;
    po.propose_every_blocks = 1000;
    po.resolve = false;
    r.player("cheater", po, mint_cheat(r.users[3].address()));
    r.world.run(2);
    auto eve = r.world.new_account(u256(100) * fault_test::kEth);
    const GameConfig& cfg = r.dep.config;
    const std::vector<Hash32> one = {Hash32{}};
    auto reason = [&](const Bytes& data, const u256& value = 0) {
        return call_games(r, eve, data, value).revert_reason;
    };
    EXPECT_EQ(reason(game_move(0, 0, 0, one), 1), "wrong_bond");
    EXPECT_EQ(reason(game_move(0, 0, 1, one), required_bond(cfg, 1)), "bad_choice");
    EXPECT_EQ(reason(game_move(0, 0, 0, {}), required_bond(cfg, 1)), "bad_values");
    EXPECT_EQ(reason(game_move(5, 0, 0, one), required_bond(cfg, 1)), "unknown_game");
    EXPECT_EQ(reason(game_move(0, 9, 0, one), required_bond(cfg, 1)), "unknown_claim");
    EXPECT_EQ(reason(game_resolve_claim(0, 0)), "clock_not_expired");
    EXPECT_EQ(reason(game_resolve(0)), "root_unresolved");
    EXPECT_EQ(reason(game_claim_credit(eve.address)), "no_credit");
    EXPECT_EQ(reason(game_resolve(0), 1), "not_payable");
    EXPECT_EQ(reason(Bytes{0x01, 0x02}).rfind("malformed_calldata", 0), 0u);
    EXPECT_EQ(reason(game_step(0, 0, 0, OneStepProof{})), "not_max_depth");
    // A counter-claim, then the same claim again, then a move past the clock.
    EXPECT_TRUE(call_games(r, eve, game_move(0, 0, 0, one), required_bond(cfg, 1)).success());
    EXPECT_EQ(reason(game_move(0, 0, 0, one), required_bond(cfg, 1)), "duplicate_claim");
    r.world.mine(cfg.max_clock_duration / 12 + 1);
    EXPECT_EQ(reason(game_move(0, 1, 0, one), required_bond(cfg, 2)), "clock_expired");
    // The root cannot be resolved before its child.
    EXPECT_EQ(reason(game_resolve_claim(0, 0)), "children_unresolved");
    EXPECT_TRUE(call_games(r, eve, game_resolve_claim(0, 1)).success());
    EXPECT_EQ(reason(game_resolve_claim(0, 1)), "claim_resolved");
    EXPECT_TRUE(call_games(r, eve, game_resolve_claim(0, 0)).success());
    EXPECT_TRUE(call_games(r, eve, game_resolve(0)).success());
    EXPECT_EQ(read_game(r.world.chain(), r.dep.games, 0).status, GameStatus::ChallengerWins);
    EXPECT_EQ(reason(game_move(0, 1, 0, one), required_bond(cfg, 2)), "game_over");
    EXPECT_EQ(reason(game_forward(0)), "not_defender_win");
    // Eve's claim stood: she gets the proposer's bond and her own back.
    EXPECT_EQ(game_credit(r.world.chain(), r.dep.games, eve.address),
              required_bond(cfg, 0) + required_bond(cfg, 1));
    EXPECT_TRUE(call_games(r, eve, game_claim_credit(eve.address)).success());
    EXPECT_EQ(r.games_balance(), 0u);
}

TEST(FaultGame, ClockExtensionGivesALateMoverExactlyTheExtension) {
    FaultRollup r;
    r.traffic();
    PlayerOptions po;
    po.propose_every_blocks = 1000;
    po.resolve = false;
    r.player("proposer", po);
    r.world.run(2);
    auto eve = r.world.new_account(u256(100) * fault_test::kEth);
    const GameConfig& cfg = r.dep.config;
    // Wait until less than the extension is left on the root's challenger clock, then move.
    const GameInfo g = read_game(r.world.chain(), r.dep.games, 0);
    while (r.world.chain().timestamp() + 12 <
           g.created_time + cfg.max_clock_duration - cfg.clock_extension + 12) {
        r.world.mine(1);
    }
    ASSERT_TRUE(
        call_games(r, eve, game_move(0, 0, 0, {Hash32{}}), required_bond(cfg, 1)).success());
    const ClaimInfo c = read_claim(r.world.chain(), r.dep.games, 0, 1);
    EXPECT_EQ(c.clock_duration, cfg.max_clock_duration - cfg.clock_extension);
}

namespace {
// A few steps only: one deposit and two transfers.
void small_traffic(FaultRollup& r) {
    auto alice = r.world.new_account(u256(10) * fault_test::kEth);
    ASSERT_TRUE(
        r.world
            .call(alice, r.dep.inbox, rollup::inbox_deposit(r.users[0].address()), fault_test::kEth)
            .accepted);
    r.world.run(2);
    r.seq->submit(r.tx(0, r.users[1].address(), 10), r.world.block_number());
    r.seq->submit(r.tx(0, r.users[2].address(), 20), r.world.block_number());
    r.world.run(2);
}
}  // namespace

TEST(FaultGame, ExhaustiveDishonestPlayerCannotFlipTheOutcome) {
    for (const bool root_correct : {true, false}) {
        FaultRollup r;
        small_traffic(r);
        PlayerOptions po;
        po.propose_every_blocks = 1000;
        std::shared_ptr<TracePlayer> proposer =
            root_correct ? r.player("proposer", po)
                         : r.player("cheater", po, mint_cheat(r.users[3].address()));
        auto honest = root_correct ? proposer : r.player("challenger");
        auto ex = std::make_shared<ExhaustivePlayer>(
            "exhaustive", r.world.new_account(u256(100) * fault_test::kEth), r.dep);
        r.world.add_actor(ex);
        r.world.run(2);
        ASSERT_EQ(game_count(r.world.chain(), r.dep.games), 1u);
        const GameInfo g0 = read_game(r.world.chain(), r.dep.games, 0);
        ASSERT_LE(g0.depth, 4u);
        run_until_settled(r, 800);
        const GameInfo g = read_game(r.world.chain(), r.dep.games, 0);
        EXPECT_EQ(g.status, root_correct ? GameStatus::DefenderWins : GameStatus::ChallengerWins);
        EXPECT_GT(g.claim_count, 10u) << "the exhaustive player made many moves";
        EXPECT_GT(ex->attempted(), 10u);
        EXPECT_EQ(r.games_balance(), 0u);
        EXPECT_GE(honest->stats().credits_received, honest->stats().bonds_posted);
        // The only reverts an honest player may suffer here are races it lost to the copycat.
        for (const auto& [what, count] : honest->stats().reverts) {
            EXPECT_TRUE(what == "move: duplicate_claim" || what == "step: already_countered")
                << what;
        }
        // Every unit of value accounted for: bonds in = credits out.
        std::set<const TracePlayer*> players = {proposer.get(), honest.get(), ex.get()};
        u256 in = 0, out = 0;
        for (const auto* p : players) {
            in += p->stats().bonds_posted;
            out += p->stats().credits_received;
        }
        EXPECT_EQ(in, out);
    }
}

TEST(FaultGame, ClockBurnerDelaysButCannotWin) {
    FaultRollup r;
    r.traffic();
    PlayerOptions po;
    po.propose_every_blocks = 1000;
    po.respond_when_left_seconds = 24;  // moves with two blocks left on its clock
    auto burner = r.player("burner", po, mint_cheat(r.users[3].address()));
    auto honest = r.player("challenger");
    r.world.run(2);
    run_until_settled(r, 1000);
    const GameInfo g = read_game(r.world.chain(), r.dep.games, 0);
    EXPECT_EQ(g.status, GameStatus::ChallengerWins);
    EXPECT_GT(burner->stats().moves, 0u);
    // Its team's clock is nearly used up by the end; the game took about a full clock per side.
    EXPECT_GT(g.resolved_time - g.created_time, r.dep.config.max_clock_duration);
    EXPECT_EQ(honest->stats().reverted, 0u) << reverts(*honest);
}

TEST(FaultGame, SybilAttackersAllLoseAndTheHonestDefenderAnswersEach) {
    std::vector<std::uint64_t> honest_gas;
    for (int n : {1, 2, 4}) {
        FaultRollup r;
        r.traffic();
        PlayerOptions po;
        po.propose_every_blocks = 1000;
        auto proposer = r.player("proposer", po);
        std::vector<std::shared_ptr<TracePlayer>> sybils;
        for (int i = 0; i < n; ++i) {
            CheatSpec s;
            s.kind = CheatKind::Mint;
            s.step = 1 + static_cast<std::uint64_t>(i);
            s.account = r.users[3].address();
            s.amount = 1000 + static_cast<std::uint64_t>(i);
            sybils.push_back(r.player("sybil" + std::to_string(i), {}, std::make_shared<Cheat>(s)));
        }
        r.world.run(2);
        run_until_settled(r, 1000);
        const GameInfo g = read_game(r.world.chain(), r.dep.games, 0);
        EXPECT_EQ(g.status, GameStatus::DefenderWins) << n;
        EXPECT_TRUE(g.forwarded);
        EXPECT_EQ(r.games_balance(), 0u);
        for (const auto& s : sybils) {
            EXPECT_LT(s->stats().credits_received, s->stats().bonds_posted);
        }
        EXPECT_GT(proposer->stats().credits_received, proposer->stats().bonds_posted);
        honest_gas.push_back(proposer->stats().gas_used);
    }
    EXPECT_LT(honest_gas[0], honest_gas[2]);  // more attackers, more honest gas
}

TEST(FaultGame, HonestChallengerCrashesMidBisectionAndStillWins) {
    GameConfig gc = FaultRollup::quick_config();
    gc.max_clock_duration = 240;  // room for an outage of a few blocks
    FaultRollup r(gc);
    r.traffic();
    PlayerOptions po;
    po.propose_every_blocks = 1000;
    r.player("cheater", po, mint_cheat(r.users[3].address()));
    auto honest = r.player("challenger");
    r.world.run(6);  // the bisection is under way
    ASSERT_GT(read_game(r.world.chain(), r.dep.games, 0).claim_count, 2u);
    honest->crash();
    r.world.set_online(honest->id(), false);
    r.world.run(6);
    r.world.set_online(honest->id(), true);
    run_until_settled(r, 1000);
    EXPECT_EQ(read_game(r.world.chain(), r.dep.games, 0).status, GameStatus::ChallengerWins);
    EXPECT_EQ(r.games_balance(), 0u);
    EXPECT_GT(honest->stats().credits_received, honest->stats().bonds_posted);
}

TEST(FaultGame, DecompressionCapMustBeOpenableInOneStep) {
    sim::World w(1);
    auto acct = w.new_account(u256(10) * fault_test::kEth);
    GameConfig g;
    g.machine.max_decompressed = 16u << 20;  // derivation's default: 16 MiB
    EXPECT_THROW(deploy_fault_proofs(w, acct.address, g, 0, acct.address), InvalidArgument);
    g.machine.max_decompressed = 1u << 19;
    EXPECT_NO_THROW(deploy_fault_proofs(w, acct.address, g, 0, acct.address));
}

TEST(FaultGame, WorldSnapshotsCapturePlayers) {
    FaultRollup r;
    r.traffic();
    PlayerOptions po;
    po.propose_every_blocks = 1000;
    r.player("cheater", po, mint_cheat(r.users[3].address()));
    auto honest = r.player("challenger");
    r.world.run(5);  // mid-game, transactions in flight
    const auto snap = r.world.snapshot();
    const PlayerStats before = honest->stats();
    run_until_settled(r);
    const Hash32 first = r.world.trace_digest();
    const PlayerStats after = honest->stats();
    r.world.restore(snap);
    EXPECT_EQ(honest->stats().moves, before.moves);
    run_until_settled(r);
    EXPECT_EQ(r.world.trace_digest(), first);
    EXPECT_EQ(honest->stats().moves, after.moves);
    EXPECT_EQ(honest->stats().credits_received, after.credits_received);
    EXPECT_EQ(honest->stats().gas_used, after.gas_used);
}
