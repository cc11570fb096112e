// The chain: transfers and fees, drops with typed reasons, packing, the EIP-1559 base fee
// sequence, snapshots and determinism.
#include <gtest/gtest.h>

#include "l1_test_contracts.hpp"
#include "l2lab/core/error.hpp"

using namespace l1test;
namespace g = l2lab::l1::gas;

namespace {

// Burns all gas it is given: an out-of-gas transaction uses exactly its gas limit, which is how
// the tests fill blocks to an exact gas figure.
class Burner final : public NativeContract {
public:
    std::string name() const override { return "Burner"; }
    Bytes call(CallContext& ctx, BytesView) const override {
        for (;;) ctx.charge(10'000);
    }
};

// Every balance plus everything burned equals everything minted.
void expect_conservation(const Chain& chain) {
    EXPECT_EQ(chain.state().total_balance() + chain.total_burned(), chain.total_minted());
}

}  // namespace

TEST(L1Chain, GenesisBlock) {
    Chain chain;
    EXPECT_EQ(chain.block_number(), 0u);
    EXPECT_EQ(chain.timestamp(), 1'700'000'000u);
    EXPECT_EQ(chain.base_fee(), u256(1'000'000'000));  // block 1 gets INITIAL_BASE_FEE
    EXPECT_EQ(chain.blob_base_fee(), u256(1));
    EXPECT_TRUE(chain.head().header.parent_hash.is_zero());
    EXPECT_EQ(chain.head().hash, chain.head().header.hash());
}

TEST(L1Chain, TransferPaysBaseFeeBurnAndTip) {
    Chain chain;
    const auto alice = key(1);
    const Address bob = addr(2);
    chain.mint(alice.address(), 10 * kEther);
    const u256 fee_cap = 5'000'000'000ULL, tip = 2'000'000'000ULL;
    const Transaction tx = make_tx(chain, alice, bob, 12345, {}, 21'000, fee_cap, tip);
    const SubmitOutcome out = chain.submit(tx);
    ASSERT_TRUE(out.accepted) << out.detail;
    EXPECT_EQ(out.tx_hash, tx.hash());
    EXPECT_EQ(chain.lookup(tx.hash()).status, TxLookup::Status::Pending);

    const Block& b = chain.produce_block();
    EXPECT_EQ(b.header.number, 1u);
    EXPECT_EQ(b.header.timestamp, 1'700'000'012u);
    ASSERT_EQ(b.receipts.size(), 1u);
    const Receipt& r = b.receipts[0];
    EXPECT_EQ(r.status, TxStatus::Success);
    EXPECT_EQ(r.gas_used, 21'000u);
    const u256 base = 1'000'000'000ULL;
    EXPECT_EQ(r.effective_gas_price, base + tip);  // min(fee_cap, base + tip)
    EXPECT_EQ(r.fee_burned, base * 21'000);
    EXPECT_EQ(r.priority_fee_paid, tip * 21'000);
    EXPECT_EQ(chain.balance(bob), u256(12345));
    EXPECT_EQ(chain.balance(alice.address()), 10 * u256(kEther) - 12345 - (base + tip) * 21'000);
    EXPECT_EQ(chain.balance(chain.config().coinbase), tip * 21'000);
    EXPECT_EQ(chain.total_burned(), base * 21'000);
    EXPECT_EQ(chain.nonce(alice.address()), 1u);
    EXPECT_EQ(b.header.gas_used, 21'000u);
    EXPECT_EQ(b.header.tx_hashes, std::vector<Hash32>{tx.hash()});
    EXPECT_EQ(b.header.state_digest, chain.state_digest());
    EXPECT_EQ(b.header.parent_hash, chain.block(0).hash);
    EXPECT_EQ(chain.receipt(tx.hash())->gas_used, 21'000u);
    EXPECT_EQ(chain.lookup(tx.hash()).status, TxLookup::Status::Included);
    expect_conservation(chain);
}

TEST(L1Chain, TipIsCappedByTheFeeCap) {
    Chain chain;
    const auto alice = key(1);
    chain.mint(alice.address(), kEther);
    // fee cap 1.5 gwei with a 2 gwei tip at base fee 1 gwei: effective price 1.5 gwei.
    ASSERT_TRUE(chain.submit(make_tx(chain, alice, addr(2), 0, {}, 21'000, 1'500'000'000ULL,
                                     1'500'000'000ULL)).accepted);
    const Receipt& r = chain.produce_block().receipts.at(0);
    EXPECT_EQ(r.effective_gas_price, u256(1'500'000'000ULL));
    EXPECT_EQ(r.priority_fee_paid, u256(500'000'000ULL) * 21'000);
}

TEST(L1Chain, CalldataGasOnPlainTransfers) {
    Chain chain;
    const auto alice = key(1);
    chain.mint(alice.address(), kEther);
    // 100 non-zero bytes: standard 22,600 < EIP-7623 floor 25,000.
    const auto t1 = make_tx(chain, alice, addr(2), 0, Bytes(100, 0xff), 30'000);
    ASSERT_TRUE(chain.submit(t1).accepted);
    chain.produce_block();
    EXPECT_EQ(chain.receipt(t1.hash())->gas_used, 25'000u);
    // 100 zero bytes: standard 21,400 < floor 22,000.
    const auto t2 = make_tx(chain, alice, addr(2), 0, Bytes(100, 0x00), 30'000);
    ASSERT_TRUE(chain.submit(t2).accepted);
    chain.produce_block();
    EXPECT_EQ(chain.receipt(t2.hash())->gas_used, 22'000u);
    // A gas limit between standard and floor is refused (EIP-7623 validity rule).
    const auto t3 = make_tx(chain, alice, addr(2), 0, Bytes(100, 0xff), 24'999);
    const auto out = chain.submit(t3);
    EXPECT_FALSE(out.accepted);
    EXPECT_EQ(out.reason, DropReason::IntrinsicGasTooLow);
}

TEST(L1Chain, CalldataGasWithoutTheFloor) {
    ChainConfig c;
    c.eip7623 = false;
    Chain chain(c);
    const auto alice = key(1);
    chain.mint(alice.address(), kEther);
    const auto t1 = make_tx(chain, alice, addr(2), 0, Bytes(100, 0xff), 30'000);
    ASSERT_TRUE(chain.submit(t1).accepted);
    chain.produce_block();
    EXPECT_EQ(chain.receipt(t1.hash())->gas_used, 22'600u);  // EIP-2028 only
}

TEST(L1Chain, BadTransactionsAreDroppedWithTypedReasonsAndChangeNothing) {
    Chain chain;
    const auto alice = key(1);
    const auto poor = key(3);
    chain.mint(alice.address(), kEther);
    chain.mint(poor.address(), 1000);
    const Hash32 before = chain.state_digest();

    std::vector<std::pair<Transaction, DropReason>> bad;
    {
        Transaction t = make_tx(chain, alice, addr(2), 1);
        t.chain_id = 999;
        t.sign(alice);
        bad.emplace_back(t, DropReason::WrongChainId);
    }
    {
        Transaction t = make_tx(chain, alice, addr(2), 1);
        t.value = 2;  // signature no longer matches: recovers some other address or none
        t.signature.bytes[64] ^= 1;
        bad.emplace_back(t, DropReason::InsufficientFunds);  // recovered stranger has no funds
    }
    {
        Transaction t = make_tx(chain, alice, addr(2), 1);
        t.signature = crypto::Signature{};  // r = s = 0: does not recover
        bad.emplace_back(t, DropReason::InvalidSignature);
    }
    bad.emplace_back(make_tx(chain, poor, addr(2), 1), DropReason::InsufficientFunds);
    bad.emplace_back(make_tx(chain, alice, addr(2), 1, {}, 20'999), DropReason::IntrinsicGasTooLow);
    bad.emplace_back(make_tx(chain, alice, addr(2), 1, {}, 30'000'001), DropReason::GasLimitAboveBlock);
    bad.emplace_back(make_tx(chain, alice, addr(2), 1, {}, 21'000, 1'000'000'000ULL, 2'000'000'000ULL),
                     DropReason::TipAboveFeeCap);
    {
        Transaction t = make_tx(chain, alice, addr(2), 1);
        t.blob_versioned_hashes.push_back(Blob::from_data(as_bytes("x")).versioned_hash());
        t.max_fee_per_blob_gas = 10;
        t.sign(alice);
        bad.emplace_back(t, DropReason::BlobSidecarMismatch);  // no sidecar
    }
    {
        Transaction t = make_tx(chain, alice, addr(2), 1);
        t.blob_versioned_hashes.push_back(Hash32{});  // version byte 0x00
        t.sign(alice);
        bad.emplace_back(t, DropReason::BlobVersionInvalid);
    }
    for (auto& [tx, reason] : bad) {
        const auto out = chain.submit(tx);
        EXPECT_FALSE(out.accepted) << drop_reason_name(reason);
        ASSERT_TRUE(out.reason.has_value());
        EXPECT_EQ(*out.reason, reason) << "got " << drop_reason_name(*out.reason) << ": " << out.detail;
        EXPECT_FALSE(out.detail.empty());
        const TxLookup l = chain.lookup(tx.hash());
        EXPECT_EQ(l.status, TxLookup::Status::Dropped);
        EXPECT_EQ(chain.state_digest(), before);
    }
    EXPECT_EQ(chain.pending_count(), 0u);
    const Block& b = chain.produce_block();
    EXPECT_TRUE(b.transactions.empty());
    EXPECT_EQ(b.dropped.size(), bad.size());  // reported as events of the next block
    EXPECT_EQ(chain.balance(alice.address()), u256(kEther));
    EXPECT_EQ(chain.nonce(alice.address()), 0u);
}

TEST(L1Chain, NonceTooLowAndDuplicates) {
    Chain chain;
    const auto alice = key(1);
    chain.mint(alice.address(), kEther);
    const auto t0 = make_tx(chain, alice, addr(2), 1);
    ASSERT_TRUE(chain.submit(t0).accepted);
    const auto dup = chain.submit(t0);
    EXPECT_FALSE(dup.accepted);
    EXPECT_EQ(dup.reason, DropReason::DuplicateTransaction);
    EXPECT_EQ(chain.lookup(t0.hash()).status, TxLookup::Status::Pending);  // original unaffected
    chain.produce_block();
    // Same nonce, different value: already used.
    Transaction again = t0;
    again.value = 2;
    again.sign(alice);
    const auto out = chain.submit(again);
    EXPECT_EQ(out.reason, DropReason::NonceTooLow);
}

TEST(L1Chain, SameNonceTwiceInTheMempoolIncludesOneAndDropsTheOther) {
    Chain chain;
    const auto alice = key(1);
    chain.mint(alice.address(), kEther);
    const auto a = make_tx(chain, alice, addr(2), 1);
    Transaction b = a;
    b.value = 2;
    b.max_priority_fee_per_gas = 2'000'000'000ULL;  // higher tip: the honest policy takes it
    b.sign(alice);
    ASSERT_TRUE(chain.submit(a).accepted);
    ASSERT_TRUE(chain.submit(b).accepted);
    const Block& blk = chain.produce_block();
    ASSERT_EQ(blk.receipts.size(), 1u);
    EXPECT_EQ(blk.receipts[0].tx_hash, b.hash());
    ASSERT_EQ(blk.dropped.size(), 1u);
    EXPECT_EQ(blk.dropped[0].tx_hash, a.hash());
    EXPECT_EQ(blk.dropped[0].reason, DropReason::NonceTooLow);
}

TEST(L1Chain, NonceGapWaitsThenBothIncludedInOrder) {
    Chain chain;
    const auto alice = key(1);
    chain.mint(alice.address(), kEther);
    Transaction t0 = make_tx(chain, alice, addr(2), 1);
    Transaction t1 = t0;
    t1.nonce = 1;
    t1.max_priority_fee_per_gas = 3'000'000'000ULL;  // the honest order tries it first
    t1.sign(alice);
    ASSERT_TRUE(chain.submit(t1).accepted);
    chain.produce_block();
    EXPECT_EQ(chain.lookup(t1.hash()).status, TxLookup::Status::Pending);
    EXPECT_EQ(chain.next_nonce(alice.address()), 2u);
    ASSERT_TRUE(chain.submit(t0).accepted);
    const Block& b = chain.produce_block();
    ASSERT_EQ(b.receipts.size(), 2u);
    EXPECT_EQ(b.receipts[0].tx_hash, t0.hash());
    EXPECT_EQ(b.receipts[1].tx_hash, t1.hash());
    EXPECT_EQ(chain.nonce(alice.address()), 2u);
}

TEST(L1Chain, BlockGasLimitIsRespectedByPacking) {
    ChainConfig c;
    c.block_gas_limit = 100'000;  // four 21,000-gas transfers fit, not five
    Chain chain(c);
    std::vector<crypto::PrivateKey> keys;
    for (unsigned i = 1; i <= 10; ++i) {
        keys.push_back(key(i));
        chain.mint(keys.back().address(), kEther);
    }
    for (const auto& k : keys) ASSERT_TRUE(chain.submit(make_tx(chain, k, addr(9), 1, {}, 21'000)).accepted);
    EXPECT_EQ(chain.produce_block().receipts.size(), 4u);
    EXPECT_EQ(chain.produce_block().receipts.size(), 4u);
    EXPECT_EQ(chain.produce_block().receipts.size(), 2u);
    for (unsigned n = 1; n <= 3; ++n) EXPECT_LE(chain.block(n).header.gas_used, 100'000u);
    EXPECT_EQ(chain.balance(addr(9)), u256(10));
}

TEST(L1Chain, BaseFeeSequenceForFullAndEmptyBlocks) {
    Chain chain;
    const auto alice = key(1);
    chain.mint(alice.address(), 1000 * u256(kEther));
    const Address burner = chain.deploy(std::make_shared<Burner>(), alice.address());
    const std::uint64_t limit = chain.config().block_gas_limit;
    std::vector<u256> fees;
    for (int i = 0; i < 3; ++i) {  // three full blocks
        ASSERT_TRUE(chain.submit(make_tx(chain, alice, burner, 0, {}, limit, 100'000'000'000ULL))
                        .accepted);
        const Block& b = chain.produce_block();
        ASSERT_EQ(b.receipts.size(), 1u);
        EXPECT_EQ(b.receipts[0].status, TxStatus::OutOfGas);
        EXPECT_EQ(b.header.gas_used, limit);
        fees.push_back(b.header.base_fee_per_gas);
    }
    for (int i = 0; i < 3; ++i) fees.push_back(chain.produce_block().header.base_fee_per_gas);
    // Block 1 starts at 1 gwei; full blocks raise by 1/8, empty blocks lower by 1/8 (EIP-1559).
    const std::vector<u256> expected = {1'000'000'000ULL, 1'125'000'000ULL, 1'265'625'000ULL,
                                        1'423'828'125ULL, 1'245'849'610ULL, 1'090'118'409ULL};
    EXPECT_EQ(fees, expected);
    expect_conservation(chain);
}

TEST(L1Chain, Eip1559OffPaysTheFeeCapToTheCoinbase) {
    ChainConfig c;
    c.eip1559 = false;
    Chain chain(c);
    const auto alice = key(1);
    chain.mint(alice.address(), kEther);
    EXPECT_EQ(chain.base_fee(), u256(0));
    ASSERT_TRUE(chain.submit(make_tx(chain, alice, addr(2), 0, {}, 21'000, 3'000'000'000ULL, 0)).accepted);
    const Receipt& r = chain.produce_block().receipts.at(0);
    EXPECT_EQ(r.effective_gas_price, u256(3'000'000'000ULL));
    EXPECT_EQ(r.fee_burned, u256(0));
    EXPECT_EQ(chain.balance(c.coinbase), u256(3'000'000'000ULL) * 21'000);
    EXPECT_EQ(chain.total_burned(), u256(0));
}

TEST(L1Chain, UnderpricedWaitsOrIsDroppedWhenConfigured) {
    {
        Chain chain;
        const auto alice = key(1);
        chain.mint(alice.address(), kEther);
        const auto t = make_tx(chain, alice, addr(2), 0, {}, 21'000, 500'000'000ULL, 0);
        ASSERT_TRUE(chain.submit(t).accepted);
        chain.mine(3);
        EXPECT_EQ(chain.lookup(t.hash()).status, TxLookup::Status::Pending);
    }
    {
        ChainConfig c;
        c.drop_underpriced = true;
        Chain chain(c);
        const auto alice = key(1);
        chain.mint(alice.address(), kEther);
        const auto out = chain.submit(make_tx(chain, alice, addr(2), 0, {}, 21'000, 500'000'000ULL, 0));
        EXPECT_EQ(out.reason, DropReason::FeeCapBelowBaseFee);
    }
}

TEST(L1Chain, FundsSpentByAnEarlierTxDropTheLaterOne) {
    Chain chain;
    const auto alice = key(1);
    const u256 fee = u256(10'000'000'000ULL) * 100'000;  // make_tx's gas_limit * max_fee
    chain.mint(alice.address(), fee + 100);
    const auto t0 = make_tx(chain, alice, addr(2), 100);  // affordable alone
    ASSERT_TRUE(chain.submit(t0).accepted);
    const auto t1 = make_tx(chain, alice, addr(2), 0);    // affordable at submit, not after t0
    ASSERT_TRUE(chain.submit(t1).accepted);
    const Block& b = chain.produce_block();
    ASSERT_EQ(b.receipts.size(), 1u);
    ASSERT_EQ(b.dropped.size(), 1u);
    EXPECT_EQ(b.dropped[0].reason, DropReason::InsufficientFunds);
    expect_conservation(chain);
}

TEST(L1Chain, SnapshotRestoreIsExact) {
    Chain chain(ChainConfig{}, Rng(5));
    const auto alice = key(1);
    chain.mint(alice.address(), kEther);
    const Address counter = chain.deploy(std::make_shared<Counter>(), alice.address());
    ASSERT_TRUE(chain.submit(make_tx(chain, alice, counter, 0, sel(0x01))).accepted);
    chain.produce_block();
    const auto pending_tx = make_tx(chain, alice, addr(2), 5);
    ASSERT_TRUE(chain.submit(pending_tx).accepted);

    const ChainSnapshot snap = chain.snapshot();
    const Hash32 digest = chain.state_digest();
    const Hash32 head = chain.head().hash;
    EXPECT_EQ(snap.block_number(), 1u);

    chain.mine(3);
    ASSERT_TRUE(chain.submit(make_tx(chain, alice, counter, 0, sel(0x01))).accepted);
    chain.produce_block();
    EXPECT_NE(chain.state_digest(), digest);

    chain.restore(snap);
    EXPECT_EQ(chain.state_digest(), digest);
    EXPECT_EQ(chain.head().hash, head);
    EXPECT_EQ(chain.block_number(), 1u);
    EXPECT_EQ(chain.pending_count(), 1u);
    EXPECT_EQ(chain.storage(counter, slot(0)), u256(1));
    // The restored branch replays identically.
    chain.produce_block();
    const Hash32 replay1 = chain.head().hash;
    chain.restore(snap);
    chain.produce_block();
    EXPECT_EQ(chain.head().hash, replay1);
    EXPECT_EQ(chain.lookup(pending_tx.hash()).status, TxLookup::Status::Included);

    Chain other;
    EXPECT_THROW(other.restore(snap), StateError);
}

TEST(L1Chain, SameCallsGiveTheSameChain) {
    auto run = [](std::uint64_t seed) {
        Chain chain(ChainConfig{}, Rng(seed));
        chain.set_inclusion_policy(std::make_shared<ReorderPolicy>(ReorderPolicy::Mode::Random));
        for (unsigned i = 1; i <= 8; ++i) {
            chain.mint(key(i).address(), kEther);
            (void)chain.submit(make_tx(chain, key(i), addr(static_cast<std::uint8_t>(i)), i));
        }
        chain.produce_block();
        return chain.head();
    };
    const Block a = run(1), b = run(1), c = run(2);
    EXPECT_EQ(a.hash, b.hash);
    EXPECT_EQ(a.header.tx_hashes.size(), 8u);
    EXPECT_NE(a.header.tx_hashes, c.header.tx_hashes);  // a different seed, a different order
}

TEST(L1Chain, BulkSignSubmitMine) {
    Chain chain;
    std::vector<crypto::PrivateKey> keys;
    for (unsigned i = 1; i <= 4; ++i) {
        keys.push_back(key(i));
        chain.mint(keys.back().address(), kEther);
    }
    std::vector<TransferRequest> reqs;
    for (unsigned i = 0; i < 200; ++i) reqs.push_back({i % 4, addr(static_cast<std::uint8_t>(i % 7)), 1});
    auto txs = chain.sign_transfers(keys, reqs);
    ASSERT_EQ(txs.size(), 200u);
    const auto outs = chain.submit_many(std::move(txs));
    for (const auto& o : outs) ASSERT_TRUE(o.accepted) << o.detail;
    EXPECT_EQ(chain.mine_until_empty(10), 1u);
    EXPECT_EQ(chain.head().receipts.size(), 200u);
    for (const auto& k : keys) EXPECT_EQ(chain.nonce(k.address()), 50u);
    const TransferBatchResult res = chain.execute_transfers(keys, reqs);
    EXPECT_EQ(res.submitted, 200u);
    EXPECT_EQ(res.included, 200u);
    EXPECT_EQ(res.blocks, 1u);
    EXPECT_EQ(res.gas_used, u256(200 * 21'000));
    for (const auto& k : keys) EXPECT_EQ(chain.nonce(k.address()), 100u);
    std::vector<TransferRequest> bad{{9, addr(1), 1}};
    EXPECT_THROW((void)chain.sign_transfers(keys, bad), InvalidArgument);
    expect_conservation(chain);
}

TEST(L1Chain, BlockOptionsAndBadTimestamps) {
    Chain chain;
    BlockOptions o;
    o.timestamp = chain.timestamp() + 100;
    o.coinbase = addr(77);
    const Block& b = chain.produce_block(o);
    EXPECT_EQ(b.header.timestamp, 1'700'000'100u);
    EXPECT_EQ(b.header.coinbase, addr(77));
    BlockOptions bad;
    bad.timestamp = chain.timestamp();
    EXPECT_THROW(chain.produce_block(bad), InvalidArgument);
    EXPECT_EQ(chain.block_number(), 1u);
    EXPECT_THROW((void)chain.block(2), InvalidArgument);
}
