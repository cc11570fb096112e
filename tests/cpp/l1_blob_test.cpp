// EIP-4844/EIP-7691 blobs with the modelled commitment: versioned hashes, blob gas and fee,
// retrieval, withholding, retention, BLOBHASH.
#include <gtest/gtest.h>

#include "l1_test_contracts.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/crypto/sha256.hpp"

using namespace l1test;
namespace g = l2lab::l1::gas;

namespace {

Transaction blob_tx(const Chain& chain, const crypto::PrivateKey& k, const Address& to,
                    std::vector<Blob> blobs, Bytes data = {}, u256 max_fee_per_blob_gas = 1'000'000) {
    Transaction tx;
    tx.chain_id = chain.config().chain_id;
    tx.nonce = chain.next_nonce(k.address());
    tx.max_fee_per_gas = 10'000'000'000ULL;
    tx.max_priority_fee_per_gas = 1'000'000'000ULL;
    tx.gas_limit = 100'000;
    tx.to = to;
    tx.data = std::move(data);
    tx.max_fee_per_blob_gas = max_fee_per_blob_gas;
    for (const Blob& b : blobs) tx.blob_versioned_hashes.push_back(b.versioned_hash());
    tx.blobs = std::move(blobs);
    tx.sign(k);
    return tx;
}

std::vector<Blob> make_blobs(std::size_t n, std::uint8_t tag = 0) {
    std::vector<Blob> out;
    for (std::size_t i = 0; i < n; ++i) {
        const std::string s = "blob " + std::to_string(tag) + "/" + std::to_string(i);
        out.push_back(Blob::from_data(as_bytes(s)));
    }
    return out;
}

}  // namespace

TEST(L1Blob, VersionedHashIsVersionByteAndDoubleSha) {
    const Blob b = Blob::from_data(as_bytes("hello"));
    ASSERT_EQ(b.data().size(), 131'072u);
    EXPECT_EQ(b.data()[0], 'h');
    EXPECT_EQ(b.data()[5], 0);
    // Modelled commitment = sha256(blob); versioned hash = 0x01 || sha256(commitment)[1:].
    const Hash32 commitment = crypto::sha256(b.data());
    EXPECT_EQ(b.modelled_commitment(), commitment);
    Hash32 expected = crypto::sha256(commitment.view());
    expected.bytes[0] = 0x01;
    EXPECT_EQ(b.versioned_hash(), expected);
    EXPECT_EQ(versioned_hash_from_commitment(commitment), expected);
    EXPECT_NO_THROW(Blob::from_data(Bytes(131'072, 1)));
    EXPECT_THROW(Blob::from_data(Bytes(131'073, 1)), InvalidArgument);
}

TEST(L1Blob, BlobTxPaysBlobGasAndItsDataIsRetrievable) {
    Chain chain;
    const auto alice = key(1);
    chain.mint(alice.address(), kEther);
    const auto blobs = make_blobs(2);
    const auto tx = blob_tx(chain, alice, addr(5), blobs);
    EXPECT_EQ(tx.blob_gas(), 2 * g::kGasPerBlob);
    ASSERT_TRUE(chain.submit(tx).accepted);
    const Block& b = chain.produce_block();
    ASSERT_EQ(b.receipts.size(), 1u);
    const Receipt& r = b.receipts[0];
    EXPECT_EQ(r.blob_gas_used, 262'144u);
    EXPECT_EQ(r.blob_gas_price, u256(1));  // excess 0 -> MIN_BASE_FEE_PER_BLOB_GAS
    EXPECT_EQ(r.fee_burned, r.gas_used * b.header.base_fee_per_gas + u256(262'144));
    EXPECT_EQ(b.header.blob_gas_used, 262'144u);
    for (const Blob& blob : blobs) {
        const auto got = chain.blob(blob.versioned_hash());
        ASSERT_TRUE(got.has_value());
        EXPECT_TRUE(*got == blob);
    }
    EXPECT_FALSE(chain.blob(Hash32{}).has_value());
    EXPECT_EQ(chain.state().total_balance() + chain.total_burned(), chain.total_minted());
}

TEST(L1Blob, ContractsSeeVersionedHashesThroughBlobhash) {
    Chain chain;
    const auto alice = key(1);
    chain.mint(alice.address(), kEther);
    const Address counter = chain.deploy(std::make_shared<Counter>(), alice.address());
    const auto blobs = make_blobs(3);
    const auto tx1 = blob_tx(chain, alice, counter, blobs, cat({sel(0x08), sel(2)}));
    ASSERT_TRUE(chain.submit(tx1).accepted);
    const auto tx2 = blob_tx(chain, alice, counter, make_blobs(1, 9), cat({sel(0x08), sel(5)}));
    ASSERT_TRUE(chain.submit(tx2).accepted);
    chain.produce_block();
    const auto r1 = chain.receipt(tx1.hash());
    ASSERT_TRUE(r1 && r1->success()) << (r1 ? r1->revert_reason : "missing");
    EXPECT_EQ(r1->return_data, blobs[2].versioned_hash().to_bytes());
    const auto data = cat({sel(0x08), sel(2)});
    EXPECT_EQ(r1->gas_used, std::max(g::intrinsic_gas(data) + g::kNativeCallOverhead +
                                         g::kNativeCalldataWord + g::kBlobHash,
                                     g::calldata_floor_gas(data)));
    EXPECT_EQ(chain.receipt(tx2.hash())->return_data, Hash32{}.to_bytes());  // out of range: zero
}

TEST(L1Blob, WithheldBlobIsUnavailableButTheTxIsIncluded) {
    Chain chain;
    const auto alice = key(1);
    chain.mint(alice.address(), kEther);
    const auto blobs = make_blobs(2);
    chain.withhold_blob(blobs[0].versioned_hash());  // before inclusion
    const auto tx = blob_tx(chain, alice, addr(5), blobs);
    ASSERT_TRUE(chain.submit(tx).accepted);
    chain.produce_block();
    EXPECT_TRUE(chain.receipt(tx.hash()).has_value());
    EXPECT_FALSE(chain.blob(blobs[0].versioned_hash()).has_value());
    EXPECT_TRUE(chain.blob(blobs[1].versioned_hash()).has_value());
    chain.withhold_blob(blobs[1].versioned_hash());  // after inclusion
    EXPECT_FALSE(chain.blob(blobs[1].versioned_hash()).has_value());
    EXPECT_TRUE(chain.blob_withheld(blobs[1].versioned_hash()));
}

TEST(L1Blob, RetentionWindow) {
    ChainConfig c;
    c.blob_retention_blocks = 3;
    Chain chain(c);
    const auto alice = key(1);
    chain.mint(alice.address(), kEther);
    const auto blobs = make_blobs(1);
    ASSERT_TRUE(chain.submit(blob_tx(chain, alice, addr(5), blobs)).accepted);
    chain.produce_block();  // block 1 carries it
    chain.mine(1);          // head 2
    EXPECT_TRUE(chain.blob(blobs[0].versioned_hash()).has_value());
    const auto snap = chain.snapshot();
    chain.mine(1);          // head 3 = 1 + 3 - 1 ... still inside? 3 >= 1 + 3 is false
    EXPECT_TRUE(chain.blob(blobs[0].versioned_hash()).has_value());
    chain.mine(1);          // head 4 >= 1 + 3: gone
    EXPECT_FALSE(chain.blob(blobs[0].versioned_hash()).has_value());
    chain.restore(snap);
    EXPECT_TRUE(chain.blob(blobs[0].versioned_hash()).has_value());
}

TEST(L1Blob, BlobBaseFeeFollowsExcessBlobGas) {
    Chain chain;
    std::vector<std::uint64_t> excess;
    std::vector<u256> fees;
    for (unsigned blk = 0; blk < 6; ++blk) {
        // 9 blobs per block (the max): 3 above the target of 6.
        for (unsigned i = 0; i < 3; ++i) {
            const auto k = key(blk * 3 + i + 1);
            chain.mint(k.address(), kEther);
            ASSERT_TRUE(chain.submit(blob_tx(chain, k, addr(5), make_blobs(3, static_cast<std::uint8_t>(blk * 3 + i))))
                            .accepted);
        }
        const Block& b = chain.produce_block();
        EXPECT_EQ(b.header.blob_gas_used, 9 * g::kGasPerBlob);
        excess.push_back(b.header.excess_blob_gas);
        fees.push_back(b.blob_base_fee);
    }
    for (unsigned i = 0; i < excess.size(); ++i) {
        EXPECT_EQ(excess[i], 3 * g::kGasPerBlob * i);  // +3 blobs of excess per block
        EXPECT_EQ(fees[i], g::fake_exponential(1, excess[i], 5'007'716));
    }
    EXPECT_EQ(chain.excess_blob_gas(), 3 * g::kGasPerBlob * 6);
}

TEST(L1Blob, BlobLimitsAndFeeCaps) {
    Chain chain;
    const auto alice = key(1);
    chain.mint(alice.address(), kEther);
    const auto too_many = chain.submit(blob_tx(chain, alice, addr(5), make_blobs(10)));
    EXPECT_EQ(too_many.reason, DropReason::BlobCountInvalid);
    // A blob in the sidecar that does not match its hash.
    auto mismatched = blob_tx(chain, alice, addr(5), make_blobs(1));
    mismatched.blobs = make_blobs(1, 7);
    EXPECT_EQ(chain.submit(mismatched).reason, DropReason::BlobSidecarMismatch);
    // Fee cap below the blob base fee (1 wei at excess 0): waits.
    const auto cheap = blob_tx(chain, alice, addr(5), make_blobs(1), {}, 0);
    ASSERT_TRUE(chain.submit(cheap).accepted);
    chain.produce_block();
    EXPECT_EQ(chain.lookup(cheap.hash()).status, TxLookup::Status::Pending);

    ChainConfig off;
    off.blobs = false;
    Chain no_blobs(off);
    no_blobs.mint(alice.address(), kEther);
    EXPECT_EQ(no_blobs.submit(blob_tx(no_blobs, alice, addr(5), make_blobs(1))).reason,
              DropReason::BlobsDisabled);
}

TEST(L1Blob, BlockBlobGasLimitPacks) {
    Chain chain;
    for (unsigned i = 1; i <= 4; ++i) {
        chain.mint(key(i).address(), kEther);
        ASSERT_TRUE(chain.submit(blob_tx(chain, key(i), addr(5), make_blobs(4, static_cast<std::uint8_t>(i)))).accepted);
    }
    // 9 blobs per block: two 4-blob transactions fit, the third waits.
    EXPECT_EQ(chain.produce_block().receipts.size(), 2u);
    EXPECT_EQ(chain.produce_block().receipts.size(), 2u);
}
