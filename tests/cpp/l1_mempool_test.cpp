// Inclusion policies: honest ordering, the censorship bound, delay, reordering.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

#include "l1_test_contracts.hpp"
#include "l2lab/core/error.hpp"

using namespace l1test;

TEST(L1Mempool, HonestOrdersByTipThenArrival) {
    Chain chain;
    std::vector<Transaction> txs;
    const std::uint64_t tips[] = {1, 3, 2, 3};
    for (unsigned i = 0; i < 4; ++i) {
        chain.mint(key(i + 1).address(), kEther);
        txs.push_back(make_tx(chain, key(i + 1), addr(1), 0, {}, 21'000, 10'000'000'000ULL,
                              tips[i] * 1'000'000'000ULL));
        ASSERT_TRUE(chain.submit(txs.back()).accepted);
    }
    const Block& b = chain.produce_block();
    const std::vector<Hash32> expected = {txs[1].hash(), txs[3].hash(), txs[2].hash(), txs[0].hash()};
    EXPECT_EQ(b.header.tx_hashes, expected);
}

TEST(L1Mempool, ReverseIsTheHonestOrderBackwards) {
    Chain chain;
    chain.set_inclusion_policy(std::make_shared<ReorderPolicy>(ReorderPolicy::Mode::Reverse));
    std::vector<Hash32> hashes;
    for (unsigned i = 0; i < 4; ++i) {
        chain.mint(key(i + 1).address(), kEther);
        const auto tx = make_tx(chain, key(i + 1), addr(1), 0, {}, 21'000, 10'000'000'000ULL,
                                (i + 1) * 1'000'000'000ULL);
        hashes.push_back(tx.hash());
        ASSERT_TRUE(chain.submit(tx).accepted);
    }
    EXPECT_EQ(chain.produce_block().header.tx_hashes, hashes);  // lowest tip first
    EXPECT_EQ(chain.inclusion_policy().describe(), "reorder(reverse)");
}

// The censorship bound: a censored sender's transaction stays out of exactly `max_blocks`
// blocks after arrival, then goes in at the first block that may include it.
RC_GTEST_PROP(L1Mempool, CensorshipIsBoundedByMaxBlocks, ()) {
    const std::uint64_t max_blocks = *rc::gen::inRange<std::uint64_t>(0, 12);
    const std::uint64_t idle_before = *rc::gen::inRange<std::uint64_t>(0, 5);
    Chain chain;
    const auto victim = key(1);
    const auto other = key(2);
    chain.mint(victim.address(), kEther);
    chain.mint(other.address(), kEther);
    chain.set_inclusion_policy(std::make_shared<CensorPolicy>(std::set<Address>{victim.address()},
                                                              max_blocks));
    chain.mine(idle_before);
    const auto censored = make_tx(chain, victim, addr(1), 1);
    const auto free_tx = make_tx(chain, other, addr(1), 1);
    RC_ASSERT(chain.submit(censored).accepted);
    RC_ASSERT(chain.submit(free_tx).accepted);
    const std::uint64_t arrival_block = chain.block_number() + 1;
    chain.mine(max_blocks + 1);
    RC_ASSERT(chain.receipt(free_tx.hash())->block_number == arrival_block);
    const auto r = chain.receipt(censored.hash());
    RC_ASSERT(r.has_value());
    RC_ASSERT(r->block_number == arrival_block + max_blocks);
}

TEST(L1Mempool, CensorshipLeavesOthersAlone) {
    Chain chain;
    const auto victim = key(1);
    chain.mint(victim.address(), kEther);
    chain.mint(key(2).address(), kEther);
    auto policy = std::make_shared<CensorPolicy>(std::set<Address>{victim.address()}, 3);
    EXPECT_NE(policy->describe().find("censor"), std::string::npos);
    chain.set_inclusion_policy(policy);
    const auto v0 = make_tx(chain, victim, addr(1), 1);
    ASSERT_TRUE(chain.submit(v0).accepted);
    chain.mine(2);
    // Submitted later, so it arrives later and is censored for its own 3 blocks.
    const auto v1 = make_tx(chain, victim, addr(1), 1);
    ASSERT_TRUE(chain.submit(v1).accepted);
    chain.mine(2);
    ASSERT_TRUE(chain.receipt(v0.hash()).has_value());
    EXPECT_EQ(chain.receipt(v0.hash())->block_number, 4u);  // arrived for block 1, 3 blocks out
    EXPECT_FALSE(chain.receipt(v1.hash()).has_value());
    chain.mine(2);
    ASSERT_TRUE(chain.receipt(v1.hash()).has_value());
    EXPECT_EQ(chain.receipt(v1.hash())->block_number, 6u);  // arrived for block 3
}

TEST(L1Mempool, DelayHoldsEveryTransaction) {
    Chain chain;
    chain.set_inclusion_policy(std::make_shared<DelayPolicy>(2));
    chain.mint(key(1).address(), kEther);
    const auto tx = make_tx(chain, key(1), addr(1), 1);
    ASSERT_TRUE(chain.submit(tx).accepted);
    chain.mine(2);
    EXPECT_EQ(chain.lookup(tx.hash()).status, TxLookup::Status::Pending);
    chain.mine(1);
    EXPECT_EQ(chain.receipt(tx.hash())->block_number, 3u);
}

TEST(L1Mempool, RandomReorderIsASeededPermutation) {
    auto order = [](std::uint64_t seed) {
        Chain chain(ChainConfig{}, Rng(seed));
        chain.set_inclusion_policy(std::make_shared<ReorderPolicy>(ReorderPolicy::Mode::Random));
        std::vector<Hash32> submitted;
        for (unsigned i = 1; i <= 12; ++i) {
            chain.mint(key(i).address(), kEther);
            const auto tx = make_tx(chain, key(i), addr(1), 1);
            submitted.push_back(tx.hash());
            EXPECT_TRUE(chain.submit(tx).accepted);
        }
        auto got = chain.produce_block().header.tx_hashes;
        auto a = got, b = submitted;
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        EXPECT_EQ(a, b);  // every transaction, exactly once
        return got;
    };
    EXPECT_EQ(order(3), order(3));
    EXPECT_NE(order(3), order(4));
}

namespace {
class BrokenPolicy final : public InclusionPolicy {
public:
    std::vector<std::size_t> order(const BlockContext&, std::span<const PendingTx> pending,
                                   Rng&) const override {
        return std::vector<std::size_t>(2, pending.empty() ? 0 : pending.size() - 1);
    }
    std::string describe() const override { return "broken"; }
};
}  // namespace

TEST(L1Mempool, AMisbehavingPolicyIsAStateErrorAndChangesNothing) {
    Chain chain;
    chain.mint(key(1).address(), kEther);
    ASSERT_TRUE(chain.submit(make_tx(chain, key(1), addr(1), 1)).accepted);
    chain.set_inclusion_policy(std::make_shared<BrokenPolicy>());
    const Hash32 before = chain.state_digest();
    EXPECT_THROW(chain.produce_block(), StateError);
    EXPECT_EQ(chain.block_number(), 0u);
    EXPECT_EQ(chain.state_digest(), before);
    EXPECT_EQ(chain.pending_count(), 1u);
    EXPECT_THROW(chain.set_inclusion_policy(nullptr), InvalidArgument);
}

TEST(L1Mempool, EffectiveTip) {
    Transaction tx;
    tx.max_fee_per_gas = 10;
    tx.max_priority_fee_per_gas = 3;
    EXPECT_EQ(effective_tip(tx, 5), u256(3));
    EXPECT_EQ(effective_tip(tx, 8), u256(2));
    EXPECT_EQ(effective_tip(tx, 11), u256(0));
}
