// The account registry and the compact state-diff format (validity mode): registration is part
// of the root and of the journal; the encoding of a hand-computed example is pinned byte for
// byte; every non-canonical, truncated or out-of-range form is a DecodeError; random batches
// round-trip and rebuild the post-state (registry included); refused diffs change nothing.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <optional>

#include "l2lab/core/error.hpp"
#include "l2lab/crypto/smt.hpp"
#include "l2lab/rollup/state_diff.hpp"
#include "l2lab/rollup/stf.hpp"

using namespace l2lab;
using namespace l2lab::rollup;

namespace {

Address address_of(std::uint8_t tag) {
    Address a;
    a.bytes.fill(tag);
    return a;
}

const std::vector<crypto::PrivateKey>& keys() {
    static const std::vector<crypto::PrivateKey> k = [] {
        std::vector<crypto::PrivateKey> v;
        for (int i = 1; i <= 5; ++i) v.push_back(crypto::PrivateKey::from_int(u256(100 + i)));
        return v;
    }();
    return k;
}

StfConfig config() {
    StfConfig c;
    c.chain_id = 901;
    c.fee_recipient = Address::from_hex_text("0xfee0000000000000000000000000000000000fee");
    return c;
}

// Deposits, transfers and withdrawals among five keys and a few receive-only addresses; nonces
// are drawn small so that many txs apply and some are skipped.
rc::Gen<Op> gen_op() {
    return rc::gen::exec([]() -> Op {
        const auto pick = *rc::gen::inRange(0, 8);
        const std::size_t from = *rc::gen::inRange<std::size_t>(0, 5);
        const std::size_t to_i = *rc::gen::inRange<std::size_t>(0, 8);
        const Address to = to_i < 5 ? keys()[to_i].address() : address_of(static_cast<std::uint8_t>(0xa0 + to_i));
        const u256 value = *rc::gen::inRange<std::uint64_t>(1, 1u << 20);
        if (pick < 3) return Deposit{0, Address{}, to, value * 1000};
        L2Tx tx;
        tx.kind = pick == 3 ? TxKind::Withdrawal : TxKind::Transfer;
        tx.chain_id = 901;
        tx.nonce = *rc::gen::inRange<std::uint64_t>(0, 3);
        tx.fee = *rc::gen::inRange<std::uint64_t>(0, 5);
        tx.to = to;
        tx.value = value;
        tx.sign(keys()[from]);
        return tx;
    });
}

// Pre-state of a batch: `ops` applied, then (when `close`) the accounts registered as a closed
// batch would (so later batches name them by index).
L2State state_after(const std::vector<Op>& ops, bool close) {
    L2State s;
    (void)apply_batch(s, config(), ops);
    if (close) (void)register_accounts(L2State{}, s);
    return s;
}

struct Snapshot {
    Hash32 root;
    std::map<Address, L2Account> accounts;
    std::vector<WithdrawalRecord> withdrawals;
    std::uint64_t registered;
    std::size_t journal;
    explicit Snapshot(const L2State& s)
        : root(s.state_root()), accounts(s.accounts()), withdrawals(s.withdrawals()),
          registered(s.registered_count()), journal(s.journal_depth()) {}
    bool operator==(const Snapshot&) const = default;
};

// The example of the format spelled out: state_diff.hpp's rules applied by hand.
StateDiff example_diff() {
    StateDiff d;
    d.registered_before = 300;
    d.updates = {{5, {1, 1000, true}}, {7, {0, 255, false}}};
    d.new_accounts = {{address_of(0xaa), {0, 1, false}}};
    d.withdrawals = {{300, 0, address_of(0xbb), 50}};  // sent by the new account
    return d;
}

Bytes example_encoding() {
    Bytes out = {0xac, 0x02};                      // registered_before 300 (varint)
    // 2 updates: index 5, flags (nonce | decrease | 2 bytes), +1, 1000; gap 1 (index 7),
    // flags (1 byte), 255
    out.insert(out.end(), {0x02, 0x05, 0xc2, 0x01, 0x03, 0xe8, 0x01, 0x01, 0xff});
    out.push_back(0x01);                           // 1 new account: address, +1
    out.insert(out.end(), 20, 0xaa);
    out.insert(out.end(), {0x01, 0x01});
    out.insert(out.end(), {0x01, 0xac, 0x02, 0x00});  // 1 withdrawal: sender 300, nonce 0
    out.insert(out.end(), 20, 0xbb);
    out.insert(out.end(), {0x01, 0x32});           // amount 50
    return out;
}

void put_varint(Bytes& out, std::uint64_t v) {
    for (; v >= 0x80; v >>= 7) out.push_back(static_cast<std::uint8_t>(v | 0x80));
    out.push_back(static_cast<std::uint8_t>(v));
}

// A section: its entry count and its entries' bytes.
struct Sec {
    std::uint64_t n = 0;
    Bytes bytes;
};

// An encoding with the given sections (registered_before 10 unless given).
Bytes with_sections(const Sec& updates, const Sec& news, const Sec& wds, std::uint64_t registered = 10) {
    Bytes out;
    put_varint(out, registered);
    for (const Sec* s : {&updates, &news, &wds}) {
        put_varint(out, s->n);
        out.insert(out.end(), s->bytes.begin(), s->bytes.end());
    }
    return out;
}

// registered_before then `rest` as is (for encodings that end early).
Bytes raw(std::uint64_t registered, const Bytes& rest) {
    Bytes out;
    put_varint(out, registered);
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}

Bytes addr_bytes(std::uint8_t tag) { return Bytes(20, tag); }

Bytes cat(std::initializer_list<Bytes> parts) {
    Bytes out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

}  // namespace

TEST(RollupRegistry, IndicesAreAssignedInOrderCommittedByTheRootAndJournalled) {
    L2State s;
    s.set_account(address_of(1), {0, 5});
    const Hash32 without = s.state_root();
    EXPECT_EQ(s.registered_count(), 0u);
    EXPECT_FALSE(s.account_index(address_of(1)));
    EXPECT_EQ(s.register_account(address_of(1)), 0u);
    EXPECT_EQ(s.register_account(address_of(7)), 1u);  // any address, empty or not
    EXPECT_EQ(s.registered_count(), 2u);
    EXPECT_EQ(s.account_index(address_of(7)), 1u);
    EXPECT_EQ(s.registered_address(0), address_of(1));
    EXPECT_FALSE(s.registered_address(2));
    const Hash32 root = s.state_root();
    EXPECT_NE(root, without);
    // The index and the size are leaves of the tree, provable against the root.
    const auto kind = crypto::HashKind::Keccak256;
    EXPECT_TRUE(crypto::smt_verify(kind, root, account_index_key(address_of(7)), registry_leaf(1),
                                   s.prove_key(account_index_key(address_of(7)))));
    EXPECT_TRUE(crypto::smt_verify(kind, root, account_count_key(), registry_leaf(2), s.prove_key(account_count_key())));
    EXPECT_TRUE(crypto::smt_verify(kind, root, account_index_key(address_of(2)), std::nullopt,
                                   s.prove_key(account_index_key(address_of(2)))));
    EXPECT_EQ(registry_value(registry_leaf(0xfedcba9876543210ull)), 0xfedcba9876543210ull);
    Hash32 big = registry_leaf(1);
    big.bytes[23] = 1;
    EXPECT_FALSE(registry_value(big));
    // A second registration is refused and changes nothing.
    EXPECT_THROW(s.register_account(address_of(1)), StateError);
    EXPECT_EQ(s.state_root(), root);
    EXPECT_EQ(s.registered_count(), 2u);
    // Rollback undoes registrations; a clone carries the registry.
    const auto cp = s.checkpoint();
    EXPECT_EQ(s.register_account(address_of(3)), 2u);
    const L2State copy = s.clone();
    s.rollback(cp);
    s.commit(cp);
    EXPECT_EQ(s.state_root(), root);
    EXPECT_EQ(s.registered_count(), 2u);
    EXPECT_FALSE(s.account_index(address_of(3)));
    EXPECT_EQ(copy.account_index(address_of(3)), 2u);
    EXPECT_EQ(s.register_account(address_of(3)), 2u);
    EXPECT_EQ(s.state_root(), copy.state_root());
    // Registration order is part of the root.
    L2State t;
    t.set_account(address_of(1), {0, 5});
    (void)t.register_account(address_of(7));
    (void)t.register_account(address_of(1));
    (void)t.register_account(address_of(3));
    EXPECT_NE(t.state_root(), s.state_root());
}

TEST(RollupStateDiff, TheEncodingOfAHandComputedExampleIsPinned) {
    const StateDiff d = example_diff();
    const Bytes enc = example_encoding();
    EXPECT_EQ(d.encode(), enc);
    EXPECT_EQ(StateDiff::decode(enc), d);
}

TEST(RollupStateDiff, NonCanonicalTruncatedAndOutOfRangeFormsAreDecodeErrors) {
    using K = DecodeErrorKind;
    const Bytes one = {0x01, 0x01};  // change: +1 wei
    struct Case {
        const char* name;
        Bytes encoding;
        K kind;
    };
    const std::vector<Case> cases = {
        {"over-long varint index", with_sections({1, {0x85, 0x00, 0x01, 0x01}}, {}, {}), K::NonCanonical},
        {"over-long registered_before", {0x8a, 0x00, 0x00, 0x00, 0x00}, K::NonCanonical},
        {"over-long count", with_sections({0, {0x80, 0x00}}, {}, {}), K::NonCanonical},
        {"varint past 2^64-1", with_sections({1, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x01, 0x01}}, {}, {}, ~0ull), K::InvalidValue},
        {"unknown index", with_sections({1, {0x0a, 0x01, 0x01}}, {}, {}), K::InvalidValue},
        {"unknown index after a gap", with_sections({2, {0x05, 0x01, 0x01, 0x04, 0x01, 0x01}}, {}, {}), K::InvalidValue},
        {"index into an empty registry", with_sections({1, {0x00, 0x01, 0x01}}, {}, {}, 0), K::InvalidValue},
        {"change that changes nothing", with_sections({1, {0x00, 0x00}}, {}, {}), K::NonCanonical},
        {"decrease of zero", with_sections({1, {0x00, 0x40}}, {}, {}), K::NonCanonical},
        {"nonce increase of zero", with_sections({1, {0x00, 0x80, 0x00, 0x01, 0x01}}, {}, {}), K::NonCanonical},
        {"magnitude longer than 32 bytes", with_sections({1, cat({{0x00, 0x21}, Bytes(33, 1)})}, {}, {}), K::InvalidValue},
        {"magnitude with a leading zero", with_sections({1, {0x00, 0x02, 0x00, 0x05}}, {}, {}), K::LeadingZeros},
        {"truncated magnitude", raw(10, {0x01, 0x00, 0x02, 0x05}), K::Truncated},
        {"truncated nonce varint", raw(10, {0x01, 0x00, 0x81, 0x81}), K::Truncated},
        {"truncated change", raw(10, {0x01, 0x00}), K::Truncated},
        {"count beyond the entries", raw(10, {0x03, 0x00, 0x01, 0x01}), K::Truncated},
        {"count of 2^64 - 1 entries", raw(10, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x00, 0x01, 0x01}), K::Truncated},
        {"missing sections", raw(10, {0x00}), K::Truncated},
        {"truncated address", raw(10, cat({{0x00, 0x01}, addr_bytes(1)})), K::Truncated},
        {"new accounts past 2^64 - 1", with_sections({}, {1, cat({addr_bytes(2), one})}, {}, ~0ull), K::InvalidValue},
        {"unsorted new accounts", with_sections({}, {2, cat({addr_bytes(2), one, addr_bytes(1), one})}, {}), K::NonCanonical},
        {"duplicate new account", with_sections({}, {2, cat({addr_bytes(2), one, addr_bytes(2), one})}, {}), K::NonCanonical},
        {"withdrawal sender nobody names", with_sections({}, {1, cat({addr_bytes(2), one})}, {1, cat({{0x0b, 0x00}, addr_bytes(3), {0x01, 0x05}})}), K::InvalidValue},
        {"unsorted withdrawals", with_sections({}, {}, {2, cat({{0x02, 0x01}, addr_bytes(3), {0x00}, {0x02, 0x00}, addr_bytes(3), {0x00}})}), K::NonCanonical},
        {"duplicate withdrawal", with_sections({}, {}, {2, cat({{0x02, 0x01}, addr_bytes(3), {0x00}, {0x02, 0x01}, addr_bytes(4), {0x00}})}), K::NonCanonical},
        {"withdrawal amount with a leading zero", with_sections({}, {}, {1, cat({{0x02, 0x01}, addr_bytes(3), {0x01, 0x00}})}), K::LeadingZeros},
        {"truncated withdrawal", raw(10, cat({{0x00, 0x00, 0x01, 0x02, 0x01}, addr_bytes(3)})), K::Truncated},
        {"trailing byte", cat({example_encoding(), {0x00}}), K::TrailingBytes},
        {"empty input", {}, K::Truncated},
    };
    for (const auto& c : cases) {
        try {
            (void)StateDiff::decode(c.encoding);
            ADD_FAILURE() << c.name << ": accepted";
        } catch (const DecodeError& e) {
            EXPECT_EQ(e.kind(), c.kind) << c.name << ": " << e.what();
        }
    }
    // Every prefix of a valid encoding is refused.
    const Bytes good = example_encoding();
    for (std::size_t cut = 0; cut < good.size(); ++cut) {
        EXPECT_THROW((void)StateDiff::decode(BytesView(good).first(cut)), DecodeError) << cut;
    }
    // Oversized input is refused before it is read.
    try {
        (void)StateDiff::decode(Bytes(kMaxStateDiffBytes + 1, 0));
        ADD_FAILURE() << "oversized: accepted";
    } catch (const DecodeError& e) {
        EXPECT_EQ(e.kind(), K::Oversized);
    }
    // The boundary values decode: the largest index, a 32-byte magnitude, the largest nonce step.
    const Bytes max_varint = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01};
    const StateDiff edge = StateDiff::decode(with_sections(
        {2, cat({{0x08, 0x20}, Bytes(32, 0xff), {0x00, 0x80}, max_varint})}, {}, {}));
    ASSERT_EQ(edge.updates.size(), 2u);
    EXPECT_EQ(edge.updates[0].change.balance_change, u256_max());
    EXPECT_EQ(edge.updates[1].index, 9u);
    EXPECT_EQ(edge.updates[1].change.nonce_increase, ~0ull);
    EXPECT_EQ(edge.encode(), with_sections({2, cat({{0x08, 0x20}, Bytes(32, 0xff), {0x00, 0x80}, max_varint})}, {}, {}));
}

TEST(RollupStateDiff, EncodeRefusesDiffsOutsideTheCanonicalForm) {
    auto refused = [](auto&& edit) {
        StateDiff d = example_diff();
        edit(d);
        EXPECT_THROW((void)d.encode(), InvalidArgument);
    };
    refused([](StateDiff& d) { d.updates[1].index = 5; });      // duplicate
    refused([](StateDiff& d) { std::swap(d.updates[0], d.updates[1]); });
    refused([](StateDiff& d) { d.updates[1].index = 300; });    // unknown index
    refused([](StateDiff& d) { d.updates[0].change = {}; });     // changes nothing
    refused([](StateDiff& d) { d.updates[1].change = {0, 0, true}; });
    refused([](StateDiff& d) { d.new_accounts.push_back(d.new_accounts[0]); });
    refused([](StateDiff& d) { d.withdrawals[0].sender_index = 301; });
    refused([](StateDiff& d) { d.withdrawals.push_back(d.withdrawals[0]); });
    refused([](StateDiff& d) { d.registered_before = ~0ull; d.updates.clear(); });  // registry overflow
}

TEST(RollupStateDiff, BuildingNeedsTheBatchClosedAndForwardNonces) {
    L2State pre;
    pre.set_account(address_of(1), {1, 100});
    (void)pre.register_account(address_of(1));
    L2State post = pre.clone();
    post.set_account(address_of(1), {2, 50});
    post.set_account(address_of(3), {0, 40});
    post.set_account(address_of(2), {0, 10});
    EXPECT_THROW((void)make_state_diff(pre, post), InvalidArgument);  // not closed
    L2State wrong_order = post.clone();
    (void)wrong_order.register_account(address_of(3));
    (void)wrong_order.register_account(address_of(2));
    EXPECT_THROW((void)make_state_diff(pre, wrong_order), InvalidArgument);
    EXPECT_EQ(register_accounts(pre, post), 2u);
    EXPECT_EQ(register_accounts(pre, post), 0u);  // idempotent
    const StateDiff d = make_state_diff(pre, post);
    EXPECT_EQ(d.registered_before, 1u);
    ASSERT_EQ(d.updates.size(), 1u);
    EXPECT_EQ(d.updates[0], (IndexedChange{0, {1, 50, true}}));
    ASSERT_EQ(d.new_accounts.size(), 2u);
    EXPECT_EQ(d.new_accounts[0], (NewAccountChange{address_of(2), {0, 10, false}}));
    EXPECT_EQ(post.account_index(address_of(3)), 2u);
    L2State rebuilt = pre.clone();
    apply_state_diff(rebuilt, StateDiff::decode(d.encode()));
    EXPECT_EQ(rebuilt.state_root(), post.state_root());
    // A nonce decrease cannot be expressed.
    L2State back = pre.clone();
    back.set_account(address_of(1), {0, 100});
    EXPECT_THROW((void)make_state_diff(pre, back), InvalidArgument);
    EXPECT_THROW((void)account_change({3, 0}, {2, 0}), InvalidArgument);
    // Changes apply with checked arithmetic.
    EXPECT_THROW((void)apply_change({0, 5}, {0, 6, true}), StateError);
    EXPECT_THROW((void)apply_change({0, u256_max()}, {0, 1, false}), StateError);
    EXPECT_THROW((void)apply_change({~0ull, 0}, {1, 0, false}), StateError);
    EXPECT_EQ(apply_change({3, 10}, {2, 10, true}), (L2Account{5, 0}));
}

TEST(RollupStateDiff, RefusedDiffsLeaveTheStateUnchanged) {
    L2State pre;
    pre.set_account(address_of(1), {1, 100});
    (void)pre.register_account(address_of(1));
    L2State post = pre.clone();
    post.set_account(address_of(1), {2, 50});
    post.set_account(address_of(2), {0, 50});
    (void)register_accounts(pre, post);
    const StateDiff d = make_state_diff(pre, post);
    std::vector<StateDiff> bads(4, d);
    bads[0].registered_before = 0;                          // made for another registry
    bads[1].updates[0].change.balance_change = 101;         // underflow
    bads[2].new_accounts[0].address = address_of(1);        // already registered
    bads[3].updates[0].change.balance_change = 49;          // applies, but misses the expected root
    for (const auto& bad : bads) {
        L2State s = pre.clone();
        const auto outer = s.checkpoint();
        const Snapshot before(s);
        EXPECT_THROW(apply_state_diff(s, bad, post.state_root()), StateError);
        EXPECT_EQ(Snapshot(s), before);
        EXPECT_TRUE(s.journaling());
        s.commit(outer);
    }
    // Without an expected root the last one applies (the frame carries no root to check).
    L2State s = pre.clone();
    apply_state_diff(s, bads[3]);
    EXPECT_NE(s.state_root(), post.state_root());
    EXPECT_EQ(s.account(address_of(1)).balance, u256(51));
    L2State t = pre.clone();
    apply_state_diff(t, d, post.state_root());
    EXPECT_EQ(t.state_root(), post.state_root());
}

// A frame spelled out: version 4, codec byte, and (codec none) the payload: varint queue_start,
// varint item count, the diff.
TEST(RollupStateDiff, TheFrameOfAHandComputedExampleIsPinnedAndSmallDiffsGoRaw) {
    const DiffBatch batch{300, 302, example_diff()};
    const Bytes payload = cat({{0xac, 0x02, 0x02}, example_encoding()});
    EXPECT_EQ(encode_diff_batch_payload(batch), payload);
    const Bytes raw_frame = cat({{0x04, 0x00}, payload});
    EXPECT_EQ(encode_diff_batch(batch, Codec::None, 0), raw_frame);
    EXPECT_EQ(decode_diff_batch(raw_frame), batch);
    // zstd's and brotli's framing does not pay for itself on a one-transfer diff: the frame goes
    // raw (codec byte none), exactly as codec none writes it.
    const DiffBatch small{7, 7, StateDiff{10, {{3, {1, 21000, true}}}, {}, {}}};
    const Bytes small_raw = {0x04, 0x00, 0x07, 0x00, 0x0a, 0x01, 0x03, 0xc2, 0x01, 0x52, 0x08, 0x00, 0x00};
    EXPECT_EQ(encode_diff_batch(small, Codec::None, 0), small_raw);
    EXPECT_EQ(encode_diff_batch(small, Codec::Zstd, 3), small_raw);
    EXPECT_EQ(encode_diff_batch(small, Codec::Brotli, 9), small_raw);
    EXPECT_EQ(decode_diff_batch(small_raw), small);
    for (const Codec c : {Codec::Zstd, Codec::Brotli}) {
        const Bytes f = encode_diff_batch(batch, c, 3);
        EXPECT_LE(f.size(), raw_frame.size());
        EXPECT_EQ(decode_diff_batch(f), batch);
    }
    // A compressible diff keeps its codec; each codec's frame decodes to the same batch.
    DiffBatch big{0, 0, {}};
    big.diff.registered_before = 1000;
    for (std::uint64_t i = 0; i < 200; ++i) big.diff.updates.push_back({i * 3, {1, 21000, true}});
    for (const Codec c : {Codec::Zstd, Codec::Brotli}) {
        const Bytes f = encode_diff_batch(big, c, 3);
        EXPECT_EQ(f[1], static_cast<std::uint8_t>(c));
        EXPECT_LT(f.size(), encode_diff_batch_payload(big).size());
        EXPECT_EQ(decode_diff_batch(f), big);
    }
    // A raw frame is as strict as a compressed one; any codec byte names how the rest is read.
    using K = DecodeErrorKind;
    auto kind_of = [](const Bytes& frame, std::size_t cap = kDefaultMaxDecompressed) -> std::optional<K> {
        try {
            (void)decode_diff_batch(frame, cap);
        } catch (const DecodeError& e) {
            return e.kind();
        }
        return std::nullopt;
    };
    EXPECT_EQ(kind_of(cat({{0x03, 0x00}, payload})), K::InvalidValue);  // version 3
    EXPECT_EQ(kind_of(cat({{0x04, 0x03}, payload})), K::InvalidValue);  // unknown codec
    EXPECT_EQ(kind_of({0x04}), K::Truncated);
    EXPECT_EQ(kind_of({0x04, 0x00}), K::Truncated);
    EXPECT_EQ(kind_of(cat({raw_frame, {0x00}})), K::TrailingBytes);
    EXPECT_EQ(kind_of(cat({{0x04, 0x01}, payload})), K::Decompression);  // not a zstd frame
    EXPECT_EQ(kind_of(raw_frame, payload.size() - 1), K::Oversized);
    EXPECT_FALSE(kind_of(raw_frame, payload.size()));
    EXPECT_EQ(kind_of(cat({{0x04, 0x00, 0x81, 0x00, 0x00}, example_encoding()})), K::NonCanonical);
    // queue_start + count past 2^64 - 1
    EXPECT_EQ(kind_of(cat({{0x04, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x01},
                           example_encoding()})),
              K::InvalidValue);
    for (std::size_t cut = 2; cut < raw_frame.size(); ++cut) {
        EXPECT_EQ(kind_of(Bytes(raw_frame.begin(), raw_frame.begin() + static_cast<std::ptrdiff_t>(cut))),
                  K::Truncated)
            << cut;
    }
    EXPECT_THROW((void)encode_diff_batch_payload(DiffBatch{5, 4, {}}), InvalidArgument);
    EXPECT_THROW((void)encode_diff_batch(big, Codec::Zstd, 99), InvalidArgument);
}

RC_GTEST_PROP(RollupStateDiff, RandomBatchesRoundTripAndRebuildThePostState, ()) {
    const auto pre_ops = *rc::gen::container<std::vector<Op>>(*rc::gen::inRange(0, 15), gen_op());
    const auto ops = *rc::gen::container<std::vector<Op>>(*rc::gen::inRange(0, 15), gen_op());
    const bool closed = *rc::gen::arbitrary<bool>();  // pre's accounts registered, or none
    const auto cfg = config();
    const L2State pre = state_after(pre_ops, closed);
    L2State post = pre.clone();
    (void)apply_batch(post, cfg, ops);
    (void)register_accounts(pre, post);
    const StateDiff d = make_state_diff(pre, post);
    RC_ASSERT(StateDiff::decode(d.encode()) == d);
    const DiffBatch batch{3, 5, d};
    for (const Codec c : {Codec::None, Codec::Zstd, Codec::Brotli}) {
        RC_ASSERT(decode_diff_batch(encode_diff_batch(batch, c, c == Codec::Brotli ? 9 : 3)) == batch);
    }
    L2State rebuilt = pre.clone();
    apply_state_diff(rebuilt, d);
    RC_ASSERT(rebuilt.state_root() == post.state_root());
    RC_ASSERT(rebuilt.accounts() == post.accounts());
    RC_ASSERT(rebuilt.withdrawals() == post.withdrawals());
    RC_ASSERT(rebuilt.registered_count() == post.registered_count());
    for (std::uint64_t i = 0; i < post.registered_count(); ++i) {
        RC_ASSERT(rebuilt.registered_address(i) == post.registered_address(i));
    }
    // Every changed account is named once: by index when pre had registered it.
    for (const auto& u : d.updates) RC_ASSERT(u.index < pre.registered_count());
    for (const auto& n : d.new_accounts) RC_ASSERT(!pre.account_index(n.address));
    // A successful apply commits: no checkpoint is left open and later writes are not journalled.
    RC_ASSERT(!rebuilt.journaling());
    RC_ASSERT(rebuilt.journal_depth() == 0u);
    // Under a caller's checkpoint the writes stay undoable by it.
    {
        L2State s = pre.clone();
        const auto outer = s.checkpoint();
        apply_state_diff(s, d);
        RC_ASSERT(s.state_root() == post.state_root());
        s.rollback(outer);
        RC_ASSERT(Snapshot(s).root == pre.state_root());
        RC_ASSERT(s.registered_count() == pre.registered_count());
        s.commit(outer);
        RC_ASSERT(!s.journaling());
    }
    // Applied twice, or to the wrong pre-state: refused, nothing changed.
    if (!d.updates.empty() || !d.new_accounts.empty() || !d.withdrawals.empty()) {
        const Snapshot before(rebuilt);
        RC_ASSERT_THROWS_AS(apply_state_diff(rebuilt, d, post.state_root()), StateError);
        RC_ASSERT(Snapshot(rebuilt) == before);
    }
}
