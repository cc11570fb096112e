// Rollup metrics and traffic: the apportioning rule, per-tx shares summing to their batch's
// totals, calldata vs blob pricing recomputed from the EIP formulas, inclusion latency of L2 txs
// and of L1 queue items, and the traffic mix (rates, determinism, each invalid defect skipped
// with its reason).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>

#include "l2lab/core/error.hpp"
#include "l2lab/l1/gas.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/rollup/metrics.hpp"
#include "l2lab/rollup/sequencer.hpp"
#include "l2lab/rollup/traffic.hpp"

using namespace l2lab;
using namespace l2lab::rollup;

namespace {

constexpr std::uint64_t kEth = 1'000'000'000'000'000'000ull;

struct Deployment {
    sim::World world{21};
    sim::Account seq_acct = world.new_account(u256(1000) * kEth);
    sim::Account payer = world.new_account(u256(1000) * kEth);
    Address inbox;
    std::shared_ptr<Sequencer> seq;
    explicit Deployment(SequencerConfig cfg) {
        InboxConfig ic{seq_acct.address, seq_acct.address, std::make_shared<TrustedFinality>(5)};
        inbox = world.chain().deploy(std::make_shared<InboxContract>(ic), seq_acct.address);
        cfg.derivation.inbox = inbox;
        cfg.derivation.stf.fee_recipient = seq_acct.address;
        seq = std::make_shared<Sequencer>(seq_acct, cfg);
        world.add_actor(seq);
    }
    // Fund every generator account on L2 through the bridge, then let it settle.
    void fund(const TrafficGenerator& gen) {
        for (const auto& a : gen.addresses()) {
            ASSERT_TRUE(world.call(payer, inbox, inbox_deposit(a), kEth).accepted);
        }
        world.run(3);
    }
};

u256 sum(const std::vector<std::optional<u256>>& v, const std::vector<std::size_t>& rows) {
    u256 s = 0;
    for (auto i : rows) s += *v[i];
    return s;
}
std::uint64_t sum64(const std::vector<std::optional<std::uint64_t>>& v,
                    const std::vector<std::size_t>& rows) {
    std::uint64_t s = 0;
    for (auto i : rows) s += *v[i];
    return s;
}

}  // namespace

TEST(RollupMetrics, ApportionIsExactAndProportional) {
    const std::vector<std::uint64_t> w = {1, 2, 3, 0, 4};
    const auto a = apportion(100, w);
    EXPECT_EQ(a, (std::vector<u256>{10, 20, 30, 0, 40}));
    const auto b = apportion(7, std::vector<std::uint64_t>{1, 1, 1});
    EXPECT_EQ(b[0] + b[1] + b[2], 7);
    const auto z = apportion(5, std::vector<std::uint64_t>{0, 0});  // all-zero weights: equal
    EXPECT_EQ(z[0] + z[1], 5);
    EXPECT_TRUE(apportion(5, std::vector<std::uint64_t>{}).empty());
    const auto big = apportion(u256_max(), std::vector<std::uint64_t>{3, 5});
    EXPECT_EQ(big[0] + big[1], u256_max());
    EXPECT_THROW(apportion(1, std::vector<std::uint64_t>{~0ull, 1}), InvalidArgument);
}

RC_GTEST_PROP(RollupMetrics, ApportionSharesSumToTotalAndStayWithinOne,
              (std::vector<std::uint32_t> raw, std::uint64_t total)) {
    std::vector<std::uint64_t> w(raw.begin(), raw.end());
    const auto a = apportion(total, w);
    RC_ASSERT(a.size() == w.size());
    if (w.empty()) return;
    u256 s = 0, wsum = 0;
    for (auto x : w) wsum += x;
    for (std::size_t i = 0; i < a.size(); ++i) {
        s += a[i];
        if (wsum != 0) {
            // |share - total*w/W| < 1  <=>  share*W is within W of total*w.
            const u256 exact = u256(total) * w[i];
            const u256 got = a[i] * wsum;
            RC_ASSERT((got > exact ? got - exact : exact - got) < wsum);
        }
    }
    RC_ASSERT(s == u256(total));
}

TEST(RollupMetrics, PerTxSharesSumToBatchTotalsAndPricingFollowsTheEips) {
    for (auto da : {DataAvailability::Calldata, DataAvailability::Blob}) {
        SequencerConfig cfg;
        cfg.da = da;
        cfg.max_batch_txs = 120;
        Deployment d(cfg);
        TrafficConfig tc;
        tc.accounts = 40;
        tc.seed = 5;
        tc.withdrawal_fraction = 0.1;
        TrafficGenerator gen(tc);
        d.fund(gen);
        (void)d.seq->submit_many(gen.next(300), d.world.block_number());
        d.world.run(6);
        const auto bc = batch_metrics_columns(*d.seq, d.world.chain());
        const auto tc_ = tx_metrics_columns(*d.seq, d.world.chain());
        ASSERT_GE(bc.batch_index.size(), 3u);
        std::map<std::uint64_t, std::vector<std::size_t>> rows;
        for (std::size_t i = 0; i < tc_.tx_hash.size(); ++i) {
            ASSERT_TRUE(tc_.batch_index[i].has_value()) << "tx " << i << " not batched";
            rows[*tc_.batch_index[i]].push_back(i);
        }
        for (std::size_t b = 0; b < bc.batch_index.size(); ++b) {
            const auto& m = d.seq->batch_metrics()[b];
            ASSERT_TRUE(bc.included_block[b].has_value());
            EXPECT_EQ(bc.blob[b], da == DataAvailability::Blob);
            // Pricing from the EIP formulas and the inclusion block's fees.
            const auto& blk = d.world.chain().block(*bc.included_block[b]);
            EXPECT_EQ(bc.base_fee[b], blk.header.base_fee_per_gas);
            EXPECT_EQ(bc.blob_base_fee[b], blk.blob_base_fee);
            EXPECT_EQ(bc.blob_base_fee[b], l1::gas::blob_base_fee(blk.header.excess_blob_gas));
            EXPECT_EQ(bc.calldata_fee_wei[b], u256(bc.calldata_gas[b]) * bc.base_fee[b]);
            EXPECT_EQ(bc.blob_fee_wei[b], u256(bc.blob_gas[b]) * bc.blob_base_fee[b] +
                                              u256(21000) * bc.base_fee[b]);
            EXPECT_EQ(bc.blob_gas[b] % l1::gas::kGasPerBlob, 0u);
            if (bc.tx_count[b] > 10) {
                EXPECT_GT(bc.compression_ratio[b], 1.0);
            }
            EXPECT_EQ(*bc.latency_blocks[b], *bc.included_block[b] - bc.submitted_block[b]);
            EXPECT_EQ(*bc.latency_seconds[b], 12 * *bc.latency_blocks[b]);
            // Per-tx shares add up exactly to the batch's totals.
            const auto& r = rows[b];
            ASSERT_EQ(r.size(), bc.tx_count[b]);
            if (r.empty()) continue;  // a batch of queue items only: nothing to attribute
            EXPECT_EQ(sum64(tc_.compressed_bytes, r), bc.compressed_bytes[b]);
            EXPECT_EQ(sum64(tc_.calldata_gas, r), bc.calldata_gas[b]);
            EXPECT_EQ(sum64(tc_.blob_gas, r), bc.blob_gas[b]);
            EXPECT_EQ(sum(tc_.calldata_fee_wei, r), bc.calldata_fee_wei[b]);
            EXPECT_EQ(sum(tc_.blob_fee_wei, r), bc.blob_fee_wei[b]);
            EXPECT_EQ(sum64(tc_.l1_gas_used, r), *bc.l1_gas_used[b]);
            EXPECT_EQ(sum(tc_.l1_fee_wei, r), *bc.l1_fee_wei[b]);
            EXPECT_EQ(*bc.l1_fee_wei[b], m.l1_fee_wei);
            // The rule: a bigger tx never gets less data cost; fixed cost is shared equally.
            for (auto i : r) {
                for (auto j : r) {
                    if (tc_.raw_bytes[i] > tc_.raw_bytes[j] + 1) {
                        EXPECT_GE(*tc_.compressed_bytes[i] + 1, *tc_.compressed_bytes[j]);
                    }
                }
                EXPECT_GE(*tc_.calldata_gas[i], 21000 / r.size());
                EXPECT_EQ(*tc_.latency_blocks[i], *bc.included_block[b] - tc_.submitted_block[i]);
            }
        }
    }
}

TEST(RollupMetrics, QueueLatencyIsBoundedByTheForcedWindow) {
    SequencerConfig cfg;
    cfg.derivation.forced_window = 3;
    cfg.ignore_queue = true;  // only the forced rule includes queue items
    Deployment d(cfg);
    TrafficConfig tc;
    tc.accounts = 10;
    tc.seed = 2;
    tc.deposit_fraction = 0.5;
    tc.forced_fraction = 0.5;
    TrafficGenerator gen(tc);
    d.fund(gen);
    const auto items = gen.next_mix(20);
    const auto sent = submit_traffic(d.world, *d.seq, d.inbox, d.payer, items);
    EXPECT_EQ(sent.deposits + sent.forced, 20u);
    EXPECT_EQ(sent.l1_rejected, 0u);
    d.world.run(8);
    const auto q = queue_metrics_columns(d.seq->node(), d.world.chain());
    ASSERT_EQ(q.queue_index.size(), 10u + 20u);  // 10 funding deposits + the traffic
    for (std::size_t i = 0; i < q.queue_index.size(); ++i) {
        ASSERT_TRUE(q.latency_blocks[i].has_value());
        EXPECT_TRUE(q.forced[i]);
        EXPECT_LE(*q.latency_blocks[i], 3u);
        EXPECT_EQ(*q.latency_seconds[i], 12 * *q.latency_blocks[i]);
        ASSERT_TRUE(q.applied[i].has_value());
        if (q.kind[i] == "deposit") {
            EXPECT_TRUE(*q.applied[i]);
            EXPECT_TRUE(q.amount[i].has_value());
        } else {
            EXPECT_EQ(q.kind[i], "forced_tx");
            EXPECT_TRUE(*q.applied[i]) << q.reason[i].value_or("");
        }
    }
}

TEST(RollupTraffic, MixRatesDeterminismAndInvalidDefects) {
    TrafficConfig tc;
    tc.accounts = 50;
    tc.seed = 9;
    tc.deposit_fraction = 0.1;
    tc.forced_fraction = 0.1;
    tc.invalid_fraction = 0.2;
    tc.withdrawal_fraction = 0.1;
    TrafficGenerator a(tc), b(tc);
    const auto xa = a.next_mix(4000);
    const auto xb = b.next_mix(4000);
    std::map<TrafficKind, std::size_t> count;
    std::map<SkipReason, std::size_t> defects;
    for (std::size_t i = 0; i < xa.size(); ++i) {
        EXPECT_EQ(xa[i].kind, xb[i].kind);
        EXPECT_EQ(xa[i].tx, xb[i].tx);
        EXPECT_EQ(xa[i].deposit_amount, xb[i].deposit_amount);
        count[xa[i].kind]++;
        if (xa[i].invalid_reason) defects[*xa[i].invalid_reason]++;
        if (xa[i].kind == TrafficKind::Deposit) {
            EXPECT_GE(xa[i].deposit_amount, tc.min_deposit);
            EXPECT_LE(xa[i].deposit_amount, tc.max_deposit);
        }
    }
    auto near = [](std::size_t n, double p) { return std::abs(double(n) / 4000.0 - p) < 0.03; };
    EXPECT_TRUE(near(count[TrafficKind::Deposit], 0.1));
    EXPECT_TRUE(near(count[TrafficKind::ForcedTx], 0.1));
    EXPECT_TRUE(near(count[TrafficKind::Invalid], 0.2));
    EXPECT_TRUE(near(count[TrafficKind::Withdrawal], 0.1));
    EXPECT_TRUE(near(count[TrafficKind::Transfer], 0.5));
    EXPECT_EQ(defects.size(), 4u);

    // Every item but the invalid ones applies on a funded state; each invalid one is skipped
    // with exactly its defect, in generation order.
    L2State st;
    StfConfig sc;
    for (const auto& addr : a.addresses()) {
        (void)apply_op(st, sc, Deposit{0, Address{}, addr, u256(1) << 80});
    }
    for (const auto& it : xa) {
        if (it.kind == TrafficKind::Deposit) {
            EXPECT_TRUE(apply_op(st, sc, Deposit{0, Address{}, it.deposit_to, it.deposit_amount}).applied);
            continue;
        }
        const auto out = apply_op(st, sc, it.tx);
        if (it.kind == TrafficKind::Invalid) {
            EXPECT_FALSE(out.applied);
            EXPECT_EQ(out.reason, it.invalid_reason);
        } else {
            EXPECT_TRUE(out.applied) << traffic_kind_name(it.kind);
        }
    }
    // Bad configs are rejected.
    TrafficConfig bad = tc;
    bad.invalid_fraction = 0.9;
    EXPECT_THROW(TrafficGenerator{bad}, InvalidArgument);
    bad = tc;
    bad.min_deposit = 0;
    EXPECT_THROW(TrafficGenerator{bad}, InvalidArgument);
}

TEST(RollupTraffic, InvalidTxsAreDroppedOrEvictedByTheSequencerWithTheirReason) {
    SequencerConfig cfg;
    cfg.max_wait_blocks = 3;
    Deployment d(cfg);
    TrafficConfig tc;
    tc.accounts = 20;
    tc.seed = 4;
    tc.invalid_fraction = 0.3;
    TrafficGenerator gen(tc);
    d.fund(gen);
    const auto items = gen.next_mix(200);
    (void)submit_traffic(d.world, *d.seq, d.inbox, d.payer, items);
    d.world.run(8);
    const auto t = tx_metrics_columns(*d.seq, d.world.chain());
    ASSERT_EQ(t.tx_hash.size(), items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].kind == TrafficKind::Invalid) {
            ASSERT_TRUE(t.dropped[i].has_value()) << i;
            const auto defect = *items[i].invalid_reason;
            // An unfunded tx waits; once a later valid tx has used its nonce it is stale.
            if (defect == SkipReason::InsufficientBalance && *t.dropped[i] == "wrong_nonce") continue;
            EXPECT_EQ(*t.dropped[i], skip_reason_name(defect));
            EXPECT_FALSE(t.batch_index[i].has_value());
        } else {
            EXPECT_TRUE(t.included_block[i].has_value()) << i;
        }
    }
    EXPECT_EQ(d.seq->mempool_size(), 0u);
}
