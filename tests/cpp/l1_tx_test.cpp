// Transactions: signing, sender recovery, canonical encoding and strict decoding; state journal.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "l1_test_contracts.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"

using namespace l1test;

namespace {
Transaction sample() {
    Transaction tx;
    tx.chain_id = 1337;
    tx.nonce = 7;
    tx.max_fee_per_gas = 3'000'000'000ULL;
    tx.max_priority_fee_per_gas = 1'000'000'000ULL;
    tx.gas_limit = 50'000;
    tx.to = addr(3);
    tx.value = u256(1) << 100;
    tx.data = Bytes{0, 1, 2, 0xff};
    tx.max_fee_per_blob_gas = 9;
    tx.blob_versioned_hashes.push_back(Blob::from_data(as_bytes("b")).versioned_hash());
    tx.sign(key(5));
    return tx;
}
}  // namespace

TEST(L1Tx, SignAndRecover) {
    const Transaction tx = sample();
    EXPECT_EQ(tx.recover_sender(), key(5).address());
    Transaction other_chain = tx;
    other_chain.chain_id = 1;
    EXPECT_NE(other_chain.signing_hash(), tx.signing_hash());
    EXPECT_NE(other_chain.recover_sender(), key(5).address());  // replay on another chain fails
}

TEST(L1Tx, EncodeDecodeRoundTrip) {
    const Transaction tx = sample();
    const Bytes enc = tx.encode();
    const Transaction back = Transaction::decode(enc);
    EXPECT_EQ(back.encode(), enc);
    EXPECT_EQ(back.hash(), tx.hash());
    EXPECT_EQ(back.recover_sender(), key(5).address());
    EXPECT_EQ(back.value, tx.value);
    EXPECT_EQ(back.blob_versioned_hashes, tx.blob_versioned_hashes);
    EXPECT_TRUE(back.blobs.empty());  // the sidecar is not part of the encoding
}

RC_GTEST_PROP(L1Tx, RoundTripArbitraryFields, ()) {
    Transaction tx;
    tx.chain_id = *rc::gen::arbitrary<std::uint64_t>();
    tx.nonce = *rc::gen::arbitrary<std::uint64_t>();
    tx.gas_limit = *rc::gen::arbitrary<std::uint64_t>();
    tx.max_fee_per_gas = *rc::gen::arbitrary<std::uint64_t>();
    tx.value = u256(*rc::gen::arbitrary<std::uint64_t>()) << *rc::gen::inRange(0, 190);
    tx.data = *rc::gen::container<Bytes>(rc::gen::arbitrary<std::uint8_t>());
    tx.sign(key(*rc::gen::inRange(1u, 1000u)));
    const Bytes enc = tx.encode();
    RC_ASSERT(Transaction::decode(enc).encode() == enc);
}

TEST(L1Tx, DecodeRejectsMalformedInput) {
    const Bytes enc = sample().encode();
    Bytes trailing = enc;
    trailing.push_back(0);
    EXPECT_THROW(Transaction::decode(trailing), DecodeError);
    EXPECT_THROW(Transaction::decode(Bytes(enc.begin(), enc.end() - 1)), DecodeError);
    EXPECT_THROW(Transaction::decode(rlp::encode_bytes(as_bytes("not a list"))), DecodeError);
    // Wrong field count.
    rlp::ListBuilder twelve;
    for (int i = 0; i < 12; ++i) twelve.add_u64(1);
    EXPECT_THROW(Transaction::decode(twelve.finish()), DecodeError);
    // v = 2 and a high s, re-encoded canonically around otherwise valid fields.
    const Transaction tx = sample();
    auto with_sig = [&](std::uint64_t v, const u256& r, const u256& s) {
        const Bytes enc_tx = tx.encode();  // the decoded item views into this buffer
        const rlp::Item item = rlp::decode(enc_tx);
        rlp::ListBuilder b;
        for (std::size_t i = 0; i < 10; ++i) b.add_encoded(item.items()[i].encoded());
        b.add_u64(v).add_u256(r).add_u256(s);
        return b.finish();
    };
    try {
        Transaction::decode(with_sig(2, tx.signature.r(), tx.signature.s()));
        FAIL();
    } catch (const DecodeError& e) {
        EXPECT_EQ(e.kind(), DecodeErrorKind::InvalidValue);
    }
    const u256 n("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");
    EXPECT_THROW(Transaction::decode(with_sig(tx.signature.v(), tx.signature.r(), n - tx.signature.s())),
                 DecodeError);
    EXPECT_NO_THROW(Transaction::decode(with_sig(tx.signature.v(), tx.signature.r(), tx.signature.s())));
}

TEST(L1State, JournalRollbackRestoresEverything) {
    State st;
    const Address a = addr(1), b = addr(2);
    st.set_balance(a, 100);
    st.set_storage(b, slot(1), 5);
    st.commit();
    const Hash32 d0 = st.digest();
    const auto cp = st.checkpoint();
    st.add_balance(a, 1);
    st.sub_balance(a, 50);
    st.set_nonce(a, 9);
    st.set_storage(b, slot(1), 0);
    st.set_storage(b, slot(2), 7);
    st.set_contract(addr(3), std::make_shared<Counter>());
    st.set_balance(addr(4), 1);
    EXPECT_NE(st.digest(), d0);
    st.rollback(cp);
    EXPECT_EQ(st.digest(), d0);
    EXPECT_EQ(st.balance(a), u256(100));
    EXPECT_EQ(st.storage(b, slot(1)), u256(5));
    EXPECT_EQ(st.contract(addr(3)), nullptr);
    EXPECT_EQ(st.account_count(), 2u);  // no empty leftovers
    EXPECT_THROW(st.rollback(st.checkpoint() + 1), StateError);
    EXPECT_THROW(st.sub_balance(a, 101), StateError);
    EXPECT_EQ(st.balance(a), u256(100));
    st.set_balance(a, u256_max());
    EXPECT_THROW(st.add_balance(a, 1), std::overflow_error);
}

TEST(L1State, DigestIsHistoryIndependent) {
    State x, y;
    x.set_balance(addr(1), 5);
    x.set_balance(addr(2), 6);
    x.set_storage(addr(3), slot(1), 1);
    x.set_storage(addr(3), slot(1), 0);  // written and cleared: same as never written
    y.set_balance(addr(2), 6);
    y.set_balance(addr(1), 5);
    EXPECT_EQ(x.digest(), y.digest());
    y.set_nonce(addr(1), 1);
    EXPECT_NE(x.digest(), y.digest());
}
