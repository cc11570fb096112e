// Adjudicator contract: funding, refunds, cooperative and unilateral close, challenges under both
// dispute policies, typed revert reasons, gas, and conservation of the contract's balance.
#include <gtest/gtest.h>

#include <limits>
#include <utility>

#include "channel_support.hpp"
#include "l2lab/core/error.hpp"

using namespace chtest;

namespace {

struct Adj : Fixture {
    using Fixture::Fixture;
    l1::Receipt call(std::size_t who, const Bytes& data, const u256& value = 0) {
        sim::TxOptions o;
        o.gas_limit = 3'000'000;
        auto out = world.call(accounts[who], adjudicator, data, value, o);
        EXPECT_TRUE(out.accepted);
        world.mine(1);
        return receipt(out.tx_hash);
    }
    void open_and_fund() {
        ASSERT_TRUE(call(0, open_calldata(params)).success());
        for (std::size_t i = 0; i < accounts.size(); ++i) {
            ASSERT_TRUE(call(i, deposit_calldata(params, i), params.deposits[i]).success());
        }
        ASSERT_EQ(read_channel(world.chain(), adjudicator, id, params.size()).status, ChannelStatus::Open);
    }
    State state(std::uint64_t v, std::vector<u256> b, bool final = false) { return State{id, v, std::move(b), final}; }
    u256 bal(std::size_t i) { return world.chain().balance(accounts[i].address); }
    u256 solvency_gap() {
        AdjudicatorSolvency inv(adjudicator);
        auto r = inv.check(world);
        return r ? u256(1) : u256(0);
    }
};

}  // namespace

TEST(ChannelState, DigestIsDomainSeparatedAndCodecRoundTrips) {
    Fixture f;
    const State s{f.id, 3, {u256(1), u256(2)}, false};
    EXPECT_EQ(State::decode(s.encode()), s);
    const auto d = state_digest(1337, f.adjudicator, s);
    EXPECT_NE(d, state_digest(1, f.adjudicator, s));
    Address other = f.adjudicator;
    other.bytes[0] ^= 1;
    EXPECT_NE(d, state_digest(1337, other, s));
    State s2 = s;
    s2.channel_id.bytes[0] ^= 1;
    EXPECT_NE(d, state_digest(1337, f.adjudicator, s2));
    const auto ss = f.sign_all(s);
    EXPECT_EQ(SignedState::decode(ss.encode()), ss);
    EXPECT_TRUE(check_signatures(f.params, d, ss.signatures).ok());
    auto swapped = ss.signatures;
    std::swap(swapped[0], swapped[1]);
    EXPECT_EQ(check_signatures(f.params, d, swapped).error(), ChannelError::InvalidSignature);
    EXPECT_EQ(ChannelParams::decode(f.params.encode()), f.params);
}

TEST(ChannelState, ShapeChecksNameTheProblem) {
    Fixture f;
    EXPECT_EQ(check_state_shape(f.params, f.id, State{f.id, 1, {u256(1)}, false}).error(),
              ChannelError::WrongParticipantCount);
    EXPECT_EQ(check_state_shape(f.params, f.id, State{f.id, 1, {u256(1), u256(1)}, false}).error(),
              ChannelError::BalanceSumMismatch);
    EXPECT_EQ(check_state_shape(f.params, f.id, State{f.id, 1, {u256_max(), u256(2)}, false}).error(),
              ChannelError::BalanceSumMismatch);
    Hash32 other = f.id;
    other.bytes[5] ^= 1;
    EXPECT_EQ(check_state_shape(f.params, f.id, State{other, 1, f.params.deposits, false}).error(),
              ChannelError::WrongChannel);
    ChannelParams bad = f.params;
    bad.participants[1] = bad.participants[0];
    EXPECT_THROW(bad.validate(), InvalidArgument);
    bad = f.params;
    bad.challenge_period = 0;
    EXPECT_THROW(bad.validate(), InvalidArgument);
    EXPECT_THROW(dispute_policy_from_name("nope"), InvalidArgument);
    for (std::size_t i = 0; i < kChannelErrorCount; ++i) {
        const auto e = static_cast<ChannelError>(i);
        EXPECT_EQ(channel_error_from_name(channel_error_name(e)), e);
    }
}

TEST(ChannelAdjudicator, FundingNeedsEveryExactDepositAndTimesOutWithRefund) {
    Adj f;
    ASSERT_TRUE(f.call(0, open_calldata(f.params)).success());
    EXPECT_EQ(f.call(0, open_calldata(f.params)).revert_reason, "channel_exists");
    EXPECT_EQ(f.call(0, deposit_calldata(f.params, 0), f.params.deposits[0] - 1).revert_reason,
              "wrong_deposit_amount");
    const auto fee = [](const l1::Receipt& x) { return x.effective_gas_price * x.gas_used; };
    const u256 before = f.bal(0);
    const auto ok = f.call(0, deposit_calldata(f.params, 0), f.params.deposits[0]);
    ASSERT_TRUE(ok.success());
    const auto dup = f.call(0, deposit_calldata(f.params, 0), f.params.deposits[0]);
    EXPECT_EQ(dup.revert_reason, "already_deposited");
    EXPECT_EQ(read_channel(f.world.chain(), f.adjudicator, f.id, 2).status, ChannelStatus::Funding);
    const auto early = f.call(0, refund_calldata(f.params));
    EXPECT_EQ(early.revert_reason, "funding_deadline_not_passed");
    EXPECT_EQ(f.solvency_gap(), 0);
    f.world.mine(6);
    EXPECT_EQ(f.call(1, deposit_calldata(f.params, 1), f.params.deposits[1]).revert_reason,
              "funding_deadline_passed");
    const auto r = f.call(1, refund_calldata(f.params));
    ASSERT_TRUE(r.success());
    EXPECT_EQ(read_channel(f.world.chain(), f.adjudicator, f.id, 2).status, ChannelStatus::Refunded);
    EXPECT_EQ(f.world.chain().balance(f.adjudicator), 0);
    // Party 0 got its deposit back: only its fees are gone.
    EXPECT_EQ(f.bal(0), before - fee(ok) - fee(dup) - fee(early));
}

TEST(ChannelAdjudicator, CooperativeClosePaysAtOnce) {
    Adj f;
    f.open_and_fund();
    EXPECT_EQ(f.world.chain().balance(f.adjudicator), f.params.total_deposit());
    const auto s = f.sign_all(f.state(4, {u256(2) * kEther + 5, u256(kEther) - 5}, true));
    EXPECT_EQ(f.call(0, cooperative_close_calldata(f.params, f.sign_all(f.state(4, s.state.balances, false)))).revert_reason, "not_final");
    const u256 b1 = f.bal(1);
    const auto r = f.call(0, cooperative_close_calldata(f.params, s));
    ASSERT_TRUE(r.success()) << r.revert_reason;
    EXPECT_EQ(f.bal(1), b1 + u256(kEther) - 5);
    EXPECT_EQ(f.world.chain().balance(f.adjudicator), 0);
    EXPECT_EQ(read_channel(f.world.chain(), f.adjudicator, f.id, 2).status, ChannelStatus::Closed);
    // 2 ecrecovers at 3000 gas each are inside the gas used.
    EXPECT_GT(r.gas_used, 21000u + 2 * 3000u);
}

TEST(ChannelAdjudicator, BadStatesRevertWithTypedReasonsAndChangeNothing) {
    Adj f;
    f.open_and_fund();
    auto good = f.sign_all(f.state(2, {u256(kEther), u256(2) * kEther}));
    auto bad_sig = good;
    std::swap(bad_sig.signatures[0], bad_sig.signatures[1]);
    EXPECT_EQ(f.call(0, register_calldata(f.params, bad_sig)).revert_reason, "invalid_signature");
    auto short_sigs = good;
    short_sigs.signatures.pop_back();
    EXPECT_EQ(f.call(0, register_calldata(f.params, short_sigs)).revert_reason, "wrong_participant_count");
    EXPECT_EQ(f.call(0, register_calldata(f.params, f.sign_all(f.state(2, {u256(1), u256(1)})))).revert_reason,
              "balance_sum_mismatch");
    ChannelParams other = f.params;
    other.nonce = 99;
    EXPECT_EQ(f.call(0, register_calldata(other, good)).revert_reason, "unknown_channel");
    // The right params but a state (fully signed) of another channel id.
    State foreign = good.state;
    foreign.channel_id.bytes[0] ^= 1;
    EXPECT_EQ(f.call(0, register_calldata(f.params, f.sign_all(foreign))).revert_reason,
              "wrong_channel");
    EXPECT_EQ(f.call(0, challenge_calldata(f.params, f.sign_all(foreign))).revert_reason,
              "not_disputed");
    Bytes junk = {0xc2, 0x01, 0x02};
    EXPECT_EQ(f.call(0, junk).revert_reason, "malformed_input");
    EXPECT_EQ(f.call(0, finalize_calldata(f.params, good.state)).revert_reason, "not_disputed");
    // A non-participant cannot register.
    auto outsider = f.world.new_account(u256(kEther));
    sim::TxOptions o;
    o.gas_limit = 3'000'000;
    auto out = f.world.call(outsider, f.adjudicator, register_calldata(f.params, good), 0, o);
    f.world.mine(1);
    EXPECT_EQ(f.receipt(out.tx_hash).revert_reason, "not_participant");
    EXPECT_EQ(read_channel(f.world.chain(), f.adjudicator, f.id, 2).status, ChannelStatus::Open);
    EXPECT_EQ(f.world.chain().balance(f.adjudicator), f.params.total_deposit());
}

TEST(ChannelAdjudicator, LatestStateWinsReplacesAndRestartsThePeriod) {
    Adj f(2, DisputePolicy::LatestStateWins, 10);
    f.open_and_fund();
    const auto v1 = f.sign_all(f.state(1, {u256(3) * kEther, u256(0)}));
    const auto v5 = f.sign_all(f.state(5, {u256(kEther), u256(2) * kEther}));
    ASSERT_TRUE(f.call(0, register_calldata(f.params, v1)).success());
    EXPECT_EQ(f.call(1, register_calldata(f.params, v5)).revert_reason, "not_open");
    EXPECT_EQ(f.call(1, challenge_calldata(f.params, v1)).revert_reason, "version_not_higher");
    ASSERT_TRUE(f.call(1, challenge_calldata(f.params, v5)).success());
    const auto rec = read_channel(f.world.chain(), f.adjudicator, f.id, 2);
    EXPECT_EQ(rec.status, ChannelStatus::Disputed);
    EXPECT_EQ(rec.registered_version, 5u);
    EXPECT_EQ(f.call(1, finalize_calldata(f.params, v5.state)).revert_reason, "challenge_period_not_over");
    f.world.mine(10);
    EXPECT_EQ(f.call(1, challenge_calldata(f.params, f.sign_all(f.state(6, v5.state.balances)))).revert_reason,
              "challenge_period_over");
    EXPECT_EQ(f.call(1, finalize_calldata(f.params, v1.state)).revert_reason, "state_mismatch");
    const u256 b0 = f.bal(0);
    ASSERT_TRUE(f.call(1, finalize_calldata(f.params, v5.state)).success());
    EXPECT_EQ(f.bal(0), b0 + u256(kEther));
    EXPECT_EQ(f.world.chain().balance(f.adjudicator), 0);
    EXPECT_EQ(f.world.violation_count(), 0u);
}

TEST(ChannelAdjudicator, PenaltyForfeitsTheRegistrantsBalance) {
    // Two parties: the challenge punishes the registrant and pays out at once.
    Adj f2(2, DisputePolicy::Penalty, 10);
    f2.open_and_fund();  // deposits 1, 2 ether
    ASSERT_TRUE(f2.call(0, register_calldata(f2.params,
                                             f2.sign_all(f2.state(1, {u256(3) * kEther, u256(0)}))))
                    .success());
    const u256 b1 = f2.bal(1);
    const auto r2 =
        f2.call(1, challenge_calldata(f2.params, f2.sign_all(f2.state(2, f2.params.deposits))));
    ASSERT_TRUE(r2.success()) << r2.revert_reason;
    EXPECT_EQ(read_channel(f2.world.chain(), f2.adjudicator, f2.id, 2).status,
              ChannelStatus::Closed);
    EXPECT_EQ(f2.bal(1), b1 + u256(3) * kEther - r2.effective_gas_price * r2.gas_used);
    EXPECT_EQ(f2.world.chain().balance(f2.adjudicator), 0);
    // Three parties: the newer state replaces the registered one, the period restarts, and the
    // registrant's forfeit is applied at finalize.
    Adj f(3, DisputePolicy::Penalty, 10);
    f.open_and_fund();  // deposits 1, 2, 3 ether
    const auto old = f.sign_all(f.state(1, {u256(4) * kEther, u256(kEther), u256(kEther)}));
    const auto latest = f.sign_all(f.state(2, {u256(kEther), u256(2) * kEther + 1, u256(3) * kEther - 1}));
    ASSERT_TRUE(f.call(0, register_calldata(f.params, old)).success());
    const auto r = f.call(2, challenge_calldata(f.params, latest));
    ASSERT_TRUE(r.success()) << r.revert_reason;
    auto rec = read_channel(f.world.chain(), f.adjudicator, f.id, 3);
    EXPECT_EQ(rec.status, ChannelStatus::Disputed);
    EXPECT_EQ(rec.registered_version, 2u);
    EXPECT_EQ(rec.penalised, std::optional<std::size_t>(0));
    EXPECT_EQ(rec.deadline, r.block_number + 10);
    // 3 signatures -> at least 3 ecrecovers of 3000 gas.
    EXPECT_GT(r.gas_used, 21000u + 3 * 3000u);
    f.world.mine(10);
    const u256 b0 = f.bal(0), c1 = f.bal(1), c2 = f.bal(2);
    const auto fin = f.call(1, finalize_calldata(f.params, latest.state));
    ASSERT_TRUE(fin.success()) << fin.revert_reason;
    // Party 0's 1 ether is split between parties 1 and 2 (remainder to the lower index).
    EXPECT_EQ(f.bal(1), c1 + u256(2) * kEther + 1 + u256(kEther) / 2 -
                            fin.effective_gas_price * fin.gas_used);
    EXPECT_EQ(f.bal(2), c2 + u256(3) * kEther - 1 + u256(kEther) / 2);
    EXPECT_EQ(f.bal(0), b0);
    EXPECT_EQ(f.world.chain().balance(f.adjudicator), 0);
    rec = read_channel(f.world.chain(), f.adjudicator, f.id, 3);
    EXPECT_EQ(rec.status, ChannelStatus::Closed);
    EXPECT_EQ(rec.penalised, std::nullopt);
}

TEST(ChannelAdjudicator, PenaltyColludersCannotCloseAtANewerStaleState) {
    // Three parties, penalty. p0 and p1 collude against p2, whose latest is version 3. p0
    // registers version 1 and p1 challenges with version 2 in the same block: a penalty that
    // closed the channel at once would pay version 2 (where p0 holds nothing to forfeit). The
    // period restarts instead; p2 challenges with version 3 and is paid by it, plus p0's forfeit.
    Adj f(3, DisputePolicy::Penalty, 6);
    f.open_and_fund();  // deposits 1, 2, 3 ether (6 in all)
    const auto v1 = f.sign_all(f.state(1, {u256(kEther), u256(5) * kEther, u256(0)}));
    const auto v2 = f.sign_all(f.state(2, {u256(0), u256(5) * kEther, u256(kEther)}));
    const auto v3 = f.sign_all(f.state(3, {u256(0), u256(kEther), u256(5) * kEther}));
    sim::TxOptions o;
    o.gas_limit = 3'000'000;
    ASSERT_TRUE(
        f.world.call(f.accounts[0], f.adjudicator, register_calldata(f.params, v1), 0, o).accepted);
    ASSERT_TRUE(f.world.call(f.accounts[1], f.adjudicator, challenge_calldata(f.params, v2), 0, o)
                    .accepted);
    f.world.mine(1);
    auto rec = read_channel(f.world.chain(), f.adjudicator, f.id, 3);
    ASSERT_EQ(rec.status, ChannelStatus::Disputed);
    ASSERT_EQ(rec.registered_version, 2u);
    const u256 before = f.bal(2);
    const auto r = f.call(2, challenge_calldata(f.params, v3));
    ASSERT_TRUE(r.success()) << r.revert_reason;
    f.world.mine(6);
    const auto fin = f.call(2, finalize_calldata(f.params, v3.state));
    ASSERT_TRUE(fin.success()) << fin.revert_reason;
    const auto fee = [](const l1::Receipt& x) { return x.effective_gas_price * x.gas_used; };
    EXPECT_EQ(f.bal(2), before + u256(5) * kEther - fee(r) - fee(fin));  // p0 held 0 in v3
    EXPECT_EQ(f.world.chain().balance(f.adjudicator), 0);
}

TEST(ChannelAdjudicator, ContractBalanceEqualsOpenChannelsDeposits) {
    Adj f;
    f.open_and_fund();
    ChannelParams p2 = f.params;
    p2.nonce = 1;
    ASSERT_TRUE(f.call(0, open_calldata(p2)).success());
    ASSERT_TRUE(f.call(0, deposit_calldata(p2, 0), p2.deposits[0]).success());
    AdjudicatorSolvency inv(f.adjudicator);
    EXPECT_EQ(inv.check(f.world), std::nullopt);
    EXPECT_EQ(f.world.chain().balance(f.adjudicator), f.params.total_deposit() + p2.deposits[0]);
    ASSERT_TRUE(f.call(0, cooperative_close_calldata(f.params, f.sign_all(f.state(1, f.params.deposits, true)))).success());
    EXPECT_EQ(inv.check(f.world), std::nullopt);
    EXPECT_EQ(f.world.chain().balance(f.adjudicator), p2.deposits[0]);
}

TEST(ChannelAdjudicator, OnlyDepositAcceptsEther) {
    // ETH sent with any other operation would belong to no channel: each such call reverts
    // not_payable, the sender keeps the value (pays only the fee) and the contract's balance stays
    // equal to its live channels' deposits.
    Adj f(2, DisputePolicy::LatestStateWins, 4);
    const auto fee = [](const l1::Receipt& x) { return x.effective_gas_price * x.gas_used; };
    auto payable_refused = [&](std::size_t who, const Bytes& data, const char* op) {
        const u256 held = f.world.chain().balance(f.adjudicator);
        const u256 before = f.bal(who);
        const auto r = f.call(who, data, 1);
        EXPECT_EQ(r.revert_reason, "not_payable") << op;
        EXPECT_EQ(f.bal(who), before - fee(r)) << op;
        EXPECT_EQ(f.world.chain().balance(f.adjudicator), held) << op;
        EXPECT_EQ(f.solvency_gap(), 0) << op;
    };
    payable_refused(0, open_calldata(f.params), "open");
    ASSERT_TRUE(f.call(0, open_calldata(f.params)).success());
    ASSERT_TRUE(f.call(0, deposit_calldata(f.params, 0), f.params.deposits[0]).success());
    f.world.mine(6);
    payable_refused(0, refund_calldata(f.params), "refund");
    ChannelParams q = f.params;
    q.nonce = 1;
    const Hash32 qid = q.channel_id(f.world.chain().config().chain_id, f.adjudicator);
    ASSERT_TRUE(f.call(0, open_calldata(q)).success());
    for (std::size_t i = 0; i < 2; ++i) {
        ASSERT_TRUE(f.call(i, deposit_calldata(q, i), q.deposits[i]).success());
    }
    const auto v1 = f.sign_all(State{qid, 1, q.deposits, false});
    const auto v2 = f.sign_all(State{qid, 2, {u256(0), u256(3) * kEther}, false});
    payable_refused(0, cooperative_close_calldata(q, f.sign_all(State{qid, 3, q.deposits, true})),
                    "cooperative_close");
    payable_refused(0, register_calldata(q, v1), "register");
    ASSERT_TRUE(f.call(0, register_calldata(q, v1)).success());
    payable_refused(1, challenge_calldata(q, v2), "challenge");
    ASSERT_TRUE(f.call(1, challenge_calldata(q, v2)).success());
    f.world.mine(5);
    payable_refused(1, finalize_calldata(q, v2.state), "finalize");
    ASSERT_TRUE(f.call(1, finalize_calldata(q, v2.state)).success());
    // Refund of the first channel still works without a value; the contract ends empty.
    ASSERT_TRUE(f.call(0, refund_calldata(f.params)).success());
    EXPECT_EQ(f.world.chain().balance(f.adjudicator), 0);
    EXPECT_EQ(f.solvency_gap(), 0);
}

TEST(ChannelAdjudicator, PeriodsThatCouldWrapADeadlineAreRefusedAtOpen) {
    // Deadlines were block + period in u64: a funding_timeout of 2^64 - 1 wrapped to a deadline
    // in the past (refund at once, deposits refused) and a huge challenge_period to one before
    // the registration (finalize at once). open() now refuses periods above kMaxPeriodBlocks.
    Adj f;
    f.world.mine(3);
    constexpr std::uint64_t kHuge = std::numeric_limits<std::uint64_t>::max();
    const std::pair<std::uint64_t, std::uint64_t> refused[] = {
        {kHuge, 5}, {10, kHuge}, {kMaxPeriodBlocks + 1, 5}, {10, kMaxPeriodBlocks + 1}};
    std::uint64_t nonce = 0;
    for (const auto& [period, timeout] : refused) {
        ChannelParams p = f.params;
        p.challenge_period = period;
        p.funding_timeout = timeout;
        p.nonce = ++nonce;
        EXPECT_EQ(f.call(0, open_calldata(p)).revert_reason, "period_too_long") << period;
    }
    // The longest accepted periods give deadlines of exactly block + period.
    ChannelParams p = f.params;
    p.challenge_period = kMaxPeriodBlocks;
    p.funding_timeout = kMaxPeriodBlocks;
    p.nonce = 100;
    const Hash32 id = p.channel_id(f.world.chain().config().chain_id, f.adjudicator);
    const auto opened = f.call(0, open_calldata(p));
    ASSERT_TRUE(opened.success()) << opened.revert_reason;
    EXPECT_EQ(read_channel(f.world.chain(), f.adjudicator, id, 2).deadline,
              opened.block_number + kMaxPeriodBlocks);
    EXPECT_EQ(f.call(0, refund_calldata(p)).revert_reason, "funding_deadline_not_passed");
    for (std::size_t i = 0; i < 2; ++i) {
        ASSERT_TRUE(f.call(i, deposit_calldata(p, i), p.deposits[i]).success());
    }
    const auto reg = f.call(0, register_calldata(p, f.sign_all(State{id, 1, p.deposits, false})));
    ASSERT_TRUE(reg.success()) << reg.revert_reason;
    EXPECT_EQ(read_channel(f.world.chain(), f.adjudicator, id, 2).deadline,
              reg.block_number + kMaxPeriodBlocks);
    EXPECT_EQ(f.call(1, finalize_calldata(p, State{id, 1, p.deposits, false})).revert_reason,
              "challenge_period_not_over");
}

TEST(ChannelAdjudicator, EachCheckedSignatureCostsExactlyOneEcrecover) {
    // Registrations whose signatures are the same bytes in other slots cost the same calldata;
    // the contract recovers slot by slot and reverts at the first wrong one, so failing at slot k
    // instead of slot k - 1 costs exactly one more ecrecover: 3000 gas (the ECREC precompile,
    // Yellow Paper appendix E). The EIP-7623 calldata floor is off here: equal calldata has an
    // equal floor, which would hide execution differences below it.
    sim::WorldConfig config;
    config.chain.eip7623 = false;
    Adj f(4, DisputePolicy::LatestStateWins, 10, 1, config);
    f.open_and_fund();
    const auto g = f.sign_all(f.state(1, f.params.deposits)).signatures;
    // Slot order for "first wrong slot is k": swap slots k and k + 1 (k = 0, 1, 2).
    std::vector<std::uint64_t> gas;
    for (std::size_t k = 0; k < 3; ++k) {
        auto sigs = g;
        std::swap(sigs[k], sigs[k + 1]);
        const auto r =
            f.call(0, register_calldata(f.params, SignedState{f.state(1, f.params.deposits), sigs}));
        ASSERT_EQ(r.revert_reason, "invalid_signature") << k;
        gas.push_back(r.gas_used);
    }
    EXPECT_EQ(gas[1] - gas[0], 3000u);
    EXPECT_EQ(gas[2] - gas[1], 3000u);
}
