// Sequencer policies: ordering (fifo, fee, adversarial), batch sizing by max txs / max bytes /
// blocks between batches, calldata vs blob posting, codecs and their levels; every batch is
// read back from L1 by an independent derivation node.
#include <gtest/gtest.h>

#include "l2lab/core/error.hpp"
#include "l2lab/l1/gas.hpp"
#include "l2lab/rollup/batch.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/rollup/sequencer.hpp"

using namespace l2lab;
using namespace l2lab::rollup;

namespace {

constexpr std::uint64_t kEth = 1'000'000'000'000'000'000ull;

struct Deploy {
    sim::World world{5};
    sim::Account seq_acct = world.new_account(u256(1000) * kEth);
    Address inbox;
    std::shared_ptr<Sequencer> seq;
    std::vector<crypto::PrivateKey> users;
    explicit Deploy(SequencerConfig cfg) {
        InboxConfig ic{seq_acct.address, seq_acct.address, std::make_shared<TrustedFinality>(5)};
        inbox = world.chain().deploy(std::make_shared<InboxContract>(ic), seq_acct.address);
        cfg.derivation.inbox = inbox;
        cfg.derivation.stf.fee_recipient = seq_acct.address;
        seq = std::make_shared<Sequencer>(seq_acct, cfg);
        world.add_actor(seq);
        auto payer = world.new_account(u256(100) * kEth);
        for (int i = 0; i < 8; ++i) {
            users.push_back(crypto::PrivateKey::from_int(u256(500 + i)));
            (void)world.call(payer, inbox, inbox_deposit(users.back().address()), kEth);
        }
        world.run(3);  // deposits land and are consumed
    }
    L2Tx tx(std::size_t from, std::uint64_t nonce, std::uint64_t fee, std::uint64_t value = 1) {
        L2Tx t;
        t.chain_id = seq->config().derivation.stf.chain_id;
        t.nonce = nonce;
        t.fee = fee;
        t.to = users[(from + 1) % users.size()].address();
        t.value = value;
        t.sign(users[from]);
        return t;
    }
    // The txs of every posted batch, as an independent node decodes them from L1.
    std::vector<std::vector<L2Tx>> posted() {
        Derivation d(seq->config().derivation);
        d.advance(world.chain());
        EXPECT_EQ(d.state().state_root(), seq->node().state().state_root());
        std::vector<std::vector<L2Tx>> out;
        for (const auto& b : d.batches()) {
            EXPECT_TRUE(b.decoded) << b.decode_error;
            std::vector<L2Tx> txs;
            for (std::uint32_t s = b.first_step; s < b.first_step + b.step_count; ++s) {
                if (const auto* t = std::get_if<L2Tx>(&d.ops()[s])) txs.push_back(*t);
            }
            if (!txs.empty()) out.push_back(std::move(txs));
        }
        return out;
    }
};

}  // namespace

TEST(RollupSequencer, OrderingPolicies) {
    // One tx from each of 6 users with fees 10, 50, 30, 20, 60, 40, submitted in that order.
    const std::vector<std::uint64_t> fees = {10, 50, 30, 20, 60, 40};
    for (auto policy : {OrderingPolicy::Fifo, OrderingPolicy::Fee, OrderingPolicy::Adversarial}) {
        SequencerConfig cfg;
        cfg.ordering = policy;
        Deploy s(cfg);
        for (std::size_t i = 0; i < fees.size(); ++i) {
            ASSERT_TRUE(s.seq->submit(s.tx(i, 0, fees[i]), s.world.block_number()));
        }
        s.world.run(3);
        const auto batches = s.posted();
        ASSERT_EQ(batches.size(), 1u) << ordering_name(policy);
        std::vector<std::uint64_t> got;
        for (const auto& t : batches[0]) got.push_back(t.fee.convert_to<std::uint64_t>());
        std::vector<std::uint64_t> want = fees;
        if (policy == OrderingPolicy::Fee) want = {60, 50, 40, 30, 20, 10};
        if (policy == OrderingPolicy::Adversarial) want = {40, 60, 20, 30, 50, 10};
        EXPECT_EQ(got, want) << ordering_name(policy);
    }
    EXPECT_EQ(ordering_from_name("fee"), OrderingPolicy::Fee);
    EXPECT_THROW(ordering_from_name("random"), InvalidArgument);
}

TEST(RollupSequencer, FeeOrderingKeepsEachSendersNoncesValid) {
    SequencerConfig cfg;
    cfg.ordering = OrderingPolicy::Fee;
    Deploy s(cfg);
    // A sender's later nonce pays more: it is ordered first but must wait for nonce 0.
    ASSERT_TRUE(s.seq->submit(s.tx(0, 0, 1), s.world.block_number()));
    ASSERT_TRUE(s.seq->submit(s.tx(0, 1, 100), s.world.block_number()));
    ASSERT_TRUE(s.seq->submit(s.tx(1, 0, 50), s.world.block_number()));
    s.world.run(3);
    const auto batches = s.posted();
    ASSERT_EQ(batches.size(), 1u);
    ASSERT_EQ(batches[0].size(), 3u);
    EXPECT_EQ(s.seq->node().state().account(s.users[0].address()).nonce, 2u);
    for (const auto& r : s.seq->tx_records()) EXPECT_FALSE(r.dropped.has_value());
}

TEST(RollupSequencer, BatchSizingByTxsBytesAndBlocks) {
    {  // max txs
        SequencerConfig cfg;
        cfg.max_batch_txs = 4;
        Deploy s(cfg);
        for (std::uint64_t n = 0; n < 10; ++n) (void)s.seq->submit(s.tx(0, n, 1), s.world.block_number());
        s.world.run(10);
        const auto b = s.posted();
        ASSERT_EQ(b.size(), 3u);
        EXPECT_EQ(b[0].size(), 4u);
        EXPECT_EQ(b[1].size(), 4u);
        EXPECT_EQ(b[2].size(), 2u);
    }
    {  // max bytes (uncompressed tx bytes)
        SequencerConfig cfg;
        Deploy probe(cfg);
        const std::size_t one = probe.tx(0, 0, 1).encode().size();
        cfg.max_batch_bytes = 3 * one + one / 2;
        Deploy s(cfg);
        for (std::uint64_t n = 0; n < 7; ++n) (void)s.seq->submit(s.tx(0, n, 1), s.world.block_number());
        s.world.run(10);
        const auto b = s.posted();
        ASSERT_EQ(b.size(), 3u);
        EXPECT_EQ(b[0].size(), 3u);
        EXPECT_EQ(b[2].size(), 1u);
        for (const auto& m : s.seq->batch_metrics()) {
            if (m.tx_count > 0) {
                EXPECT_LE(m.raw_bytes, cfg.max_batch_bytes + 16);
            }
        }
    }
    {  // at most one batch per post_every_blocks L1 blocks
        SequencerConfig cfg;
        cfg.post_every_blocks = 4;
        Deploy s(cfg);
        for (std::uint64_t n = 0; n < 12; ++n) {
            (void)s.seq->submit(s.tx(0, n, 1), s.world.block_number());
            s.world.run(1);
        }
        s.world.run(6);
        const auto& ms = s.seq->batch_metrics();
        ASSERT_GE(ms.size(), 3u);
        for (std::size_t i = 1; i < ms.size(); ++i) {
            EXPECT_GE(ms[i].submitted_block, ms[i - 1].submitted_block + 4);
        }
        EXPECT_EQ(s.seq->node().state().account(s.users[0].address()).nonce, 12u);
    }
    const auto key = crypto::PrivateKey::from_int(1);
    const sim::Account acct{key, key.address()};
    SequencerConfig bad;
    bad.max_batch_txs = 0;
    EXPECT_THROW(Sequencer(acct, bad), InvalidArgument);
    bad = SequencerConfig{};
    bad.da = DataAvailability::Blob;
    bad.max_batch_bytes = 200'000;  // cannot fit a blob
    EXPECT_THROW(Sequencer(acct, bad), InvalidArgument);
}

TEST(RollupSequencer, CalldataAndBlobPostingWithEveryCodecAndLevel) {
    struct Case {
        DataAvailability da;
        Codec codec;
        int level;
    };
    const Case cases[] = {{DataAvailability::Calldata, Codec::None, 0},
                          {DataAvailability::Calldata, Codec::Zstd, 1},
                          {DataAvailability::Calldata, Codec::Zstd, 19},
                          {DataAvailability::Blob, Codec::Brotli, 1},
                          {DataAvailability::Blob, Codec::Brotli, 11}};
    for (const auto& c : cases) {
        SequencerConfig cfg;
        cfg.da = c.da;
        cfg.codec = c.codec;
        cfg.level = c.level;
        Deploy s(cfg);
        for (std::uint64_t n = 0; n < 40; ++n) {
            (void)s.seq->submit(s.tx(n % 8, n / 8, 1 + n), s.world.block_number());
        }
        s.world.run(3);
        const auto b = s.posted();
        ASSERT_EQ(b.size(), 1u);
        EXPECT_EQ(b[0].size(), 40u);
        const auto& m = s.seq->batch_metrics().back();
        EXPECT_EQ(m.blob, c.da == DataAvailability::Blob);
        EXPECT_EQ(m.blob_gas_used, m.blob ? l1::gas::kGasPerBlob : 0u);
        // The frame on L1 is exactly encode_batch at this codec and level.
        Batch batch;
        batch.queue_index = 8;
        batch.txs = b[0];
        EXPECT_EQ(m.compressed_bytes, encode_batch(batch, c.codec, c.level).size());
        if (c.codec == Codec::None) {
            EXPECT_EQ(m.compressed_bytes, m.raw_bytes + 2);
        } else {
            EXPECT_LT(m.compressed_bytes, m.raw_bytes);
        }
    }
    // A level out of range is refused up front (InvalidArgument), never a bad frame later.
    const auto key = crypto::PrivateKey::from_int(1);
    const sim::Account acct{key, key.address()};
    SequencerConfig bad;
    bad.level = 40;
    EXPECT_THROW(Sequencer(acct, bad), InvalidArgument);
    bad.codec = Codec::Brotli;
    bad.level = 12;
    EXPECT_THROW(Sequencer(acct, bad), InvalidArgument);
    bad.codec = Codec::None;  // the level is ignored without compression
    EXPECT_NO_THROW(Sequencer(acct, bad));
    EXPECT_THROW(encode_batch(Batch{}, Codec::Zstd, 40), InvalidArgument);
    EXPECT_THROW(encode_batch(Batch{}, Codec::Brotli, 12), InvalidArgument);
}

TEST(RollupSequencer, MaxDelayBlocksPostsATrickleOnTheDelayAndABurstWhenFull) {
    {  // slow trickle: one tx per block; each batch waits until its oldest tx is 4 blocks old
        SequencerConfig cfg;
        cfg.max_delay_blocks = 4;
        Deploy s(cfg);
        s.world.run(8);  // the deposits (queue items) wait their delay too, then fund the users
        ASSERT_EQ(s.seq->node().state().account(s.users[0].address()).balance, u256(kEth));
        const std::size_t before = s.seq->batch_metrics().size();
        for (std::uint64_t n = 0; n < 12; ++n) {
            (void)s.seq->submit(s.tx(0, n, 1), s.world.block_number());
            s.world.run(1);
            if (n == 6) {  // crash-reload mid-wait: the saved state carries the timing
                s.seq->load_state_bytes(s.seq->save_state_bytes());
            }
        }
        s.world.run(10);
        const auto& ms = s.seq->batch_metrics();
        ASSERT_GE(ms.size(), before + 2);
        std::size_t txs = 0;
        for (std::size_t i = before; i < ms.size(); ++i) {
            const auto& m = ms[i];
            ASSERT_FALSE(m.records.empty());
            std::uint64_t oldest = m.submitted_block;
            for (std::size_t r : m.records) {
                oldest = std::min(oldest, s.seq->tx_records()[r].submitted_block);
            }
            EXPECT_EQ(m.submitted_block, oldest + 4) << "batch " << i;
            EXPECT_GT(m.tx_count, 1u);  // it waited and filled
            txs += m.tx_count;
        }
        EXPECT_EQ(txs, 12u);
        EXPECT_EQ(s.seq->mempool_size(), 0u);
        EXPECT_EQ(s.seq->node().state().account(s.users[0].address()).nonce, 12u);
        (void)s.posted();  // an independent node reaches the same root
    }
    {  // burst: full batches go at once, the remainder waits for the delay
        SequencerConfig cfg;
        cfg.max_delay_blocks = 30;
        cfg.max_batch_txs = 5;
        Deploy s(cfg);
        s.world.run(31);  // deposits consumed
        ASSERT_EQ(s.seq->node().state().account(s.users[0].address()).balance, u256(kEth));
        const std::size_t before = s.seq->batch_metrics().size();
        const std::uint64_t at = s.world.block_number();
        for (std::uint64_t n = 0; n < 12; ++n) (void)s.seq->submit(s.tx(0, n, 1), at);
        s.world.run(10);
        const auto& ms = s.seq->batch_metrics();
        ASSERT_EQ(ms.size(), before + 2);
        EXPECT_EQ(ms[before].tx_count, 5u);
        EXPECT_EQ(ms[before + 1].tx_count, 5u);
        EXPECT_LE(ms[before].submitted_block, at + 1);
        EXPECT_LE(ms[before + 1].submitted_block, at + 3);  // as soon as the first is included
        EXPECT_EQ(s.seq->mempool_size(), 2u);
        s.world.run(25);
        ASSERT_EQ(s.seq->batch_metrics().size(), before + 3);
        EXPECT_EQ(s.seq->batch_metrics()[before + 2].tx_count, 2u);
        EXPECT_EQ(s.seq->batch_metrics()[before + 2].submitted_block, at + 30);
        EXPECT_EQ(s.seq->node().state().account(s.users[0].address()).nonce, 12u);
        (void)s.posted();
    }
}
