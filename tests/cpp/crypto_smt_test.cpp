// Sparse Merkle tree: roots equal a naive recursive evaluation of the definition in smt.hpp;
// inclusion and non-inclusion proofs verify and any tampering fails; batch == sequential;
// rollback restores the root exactly; the stateless post-update root equals the tree's.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/crypto/smt.hpp"

using namespace l2lab;
using namespace l2lab::crypto;

namespace {
using Map = std::map<Hash32, Hash32>;

unsigned bit_of(const Hash32& k, unsigned d) {
    return (k.bytes[d / 8] >> (7 - d % 8)) & 1u;
}

// The definition, evaluated literally: split the (sorted) set by bit `depth` until a subtree
// holds at most one leaf.
Hash32 naive_root(HashKind kind, const std::vector<std::pair<Hash32, Hash32>>& kv, unsigned depth) {
    if (kv.empty())
        return Hash32{};
    if (kv.size() == 1)
        return smt_leaf_hash(kind, kv[0].first, kv[0].second);
    std::vector<std::pair<Hash32, Hash32>> left, right;
    for (const auto& e : kv)
        (bit_of(e.first, depth) ? right : left).push_back(e);
    return smt_node_hash(kind, naive_root(kind, left, depth + 1),
                         naive_root(kind, right, depth + 1));
}

Hash32 naive_root(HashKind kind, const Map& m) {
    return naive_root(kind, std::vector<std::pair<Hash32, Hash32>>(m.begin(), m.end()), 0);
}

Hash32 h(std::uint64_t i) {
    std::uint8_t b[8];
    for (int k = 0; k < 8; ++k)
        b[k] = static_cast<std::uint8_t>(i >> (8 * k));
    return keccak256(BytesView(b, 8));
}

// Keys drawn from a small family so that generated cases share long prefixes and collide:
// one of 6 bases with up to two chosen bits flipped.
Hash32 family_key(std::uint32_t code) {
    Hash32 k = h(code % 6);
    const unsigned flips = (code >> 3) % 3;
    if (flips >= 1)
        k.bytes[((code >> 5) % 256) / 8] ^= static_cast<std::uint8_t>(0x80u >> ((code >> 5) % 8));
    if (flips >= 2)
        k.bytes[((code >> 13) % 256) / 8] ^= static_cast<std::uint8_t>(0x80u >> ((code >> 13) % 8));
    return k;
}

struct Op {
    std::uint32_t key_code;
    std::uint32_t value_code;
    bool erase;
};

void apply(SparseMerkleTree& t, Map& m, const Op& op) {
    const Hash32 k = family_key(op.key_code);
    if (op.erase) {
        EXPECT_EQ(t.erase(k), m.erase(k) == 1);
    } else {
        t.set(k, h(1000 + op.value_code % 4));
        m[k] = h(1000 + op.value_code % 4);
    }
}

std::vector<Op> to_ops(const std::vector<std::tuple<std::uint32_t, std::uint32_t, bool>>& raw) {
    std::vector<Op> ops;
    for (const auto& [k, v, e] : raw) {
        ops.push_back({k, v, e});
    }
    return ops;
}

using RawOps = std::vector<std::tuple<std::uint32_t, std::uint32_t, bool>>;
}  // namespace

TEST(CryptoSmt, EmptyAndSingleLeaf) {
    SparseMerkleTree t;
    EXPECT_EQ(t.root(), Hash32{});
    EXPECT_EQ(t.size(), 0u);
    const SmtProof p0 = t.prove(h(1));
    EXPECT_TRUE(smt_verify(HashKind::Keccak256, t.root(), h(1), std::nullopt, p0));
    t.set(h(1), h(2));
    EXPECT_EQ(t.root(), smt_leaf_hash(HashKind::Keccak256, h(1), h(2)));
    EXPECT_EQ(t.get(h(1)), h(2));
    EXPECT_FALSE(t.get(h(3)).has_value());
}

TEST(CryptoSmt, LeafAndNodeHashesArePrefixedConcatenations) {
    const Hash32 k = h(1), v = h(2);
    Bytes leaf{0x00};
    leaf.insert(leaf.end(), k.bytes.begin(), k.bytes.end());
    leaf.insert(leaf.end(), v.bytes.begin(), v.bytes.end());
    EXPECT_EQ(smt_leaf_hash(HashKind::Sha256, k, v), hash_bytes(HashKind::Sha256, leaf));
    Bytes node = leaf;
    node[0] = 0x01;
    EXPECT_EQ(smt_node_hash(HashKind::Keccak256, k, v), hash_bytes(HashKind::Keccak256, node));
}

TEST(CryptoSmt, SplitBelowSingleChildLevels) {
    // Two keys equal except bit 3: levels 0..2 have one empty child each.
    Hash32 a{}, b{};
    b.bytes[0] = 0x10;
    SparseMerkleTree t(HashKind::Sha256);
    t.set(a, h(7));
    t.set(b, h(8));
    Hash32 x = smt_node_hash(HashKind::Sha256, smt_leaf_hash(HashKind::Sha256, a, h(7)),
                             smt_leaf_hash(HashKind::Sha256, b, h(8)));
    for (int d = 2; d >= 0; --d)
        x = smt_node_hash(HashKind::Sha256, x, Hash32{});
    EXPECT_EQ(t.root(), x);
    const SmtProof p = t.prove(a);
    EXPECT_EQ(p.depth(), 4u);
    EXPECT_TRUE(smt_verify(HashKind::Sha256, t.root(), a, h(7), p));
    EXPECT_TRUE(t.erase(b));
    EXPECT_EQ(t.root(), smt_leaf_hash(HashKind::Sha256, a, h(7)));
}

TEST(CryptoSmt, RandomKeysMatchNaiveAndProve) {
    for (HashKind kind : {HashKind::Keccak256, HashKind::Sha256}) {
        SparseMerkleTree t(kind);
        Map m;
        for (std::uint64_t i = 0; i < 300; ++i) {
            t.set(h(i), h(i + 1000000));
            m[h(i)] = h(i + 1000000);
            if (i % 37 == 0) {
                ASSERT_EQ(t.root(), naive_root(kind, m)) << i;
            }
        }
        for (std::uint64_t i = 0; i < 300; i += 3) {
            t.erase(h(i));
            m.erase(h(i));
        }
        ASSERT_EQ(t.root(), naive_root(kind, m));
        ASSERT_EQ(t.size(), m.size());
        for (std::uint64_t i = 0; i < 400; ++i) {
            const auto want = m.count(h(i)) ? std::optional<Hash32>(m[h(i)]) : std::nullopt;
            const SmtProof p = t.prove(h(i));
            ASSERT_TRUE(smt_verify(kind, t.root(), h(i), want, p)) << i;
            ASSERT_EQ(SmtProof::decode(p.encode()), p);
        }
        const auto leaves = t.leaves();
        ASSERT_EQ(leaves.size(), m.size());
        std::size_t j = 0;
        for (const auto& [k, v] : m) {
            ASSERT_EQ(leaves[j].key, k);
            ASSERT_EQ(leaves[j].value, v);
            ++j;
        }
    }
}

TEST(CryptoSmt, RollbackAndJournalMisuse) {
    SparseMerkleTree t;
    for (std::uint64_t i = 0; i < 50; ++i)
        t.set(h(i), h(i));
    const Hash32 r0 = t.root();
    const auto cp = t.checkpoint();
    for (std::uint64_t i = 25; i < 80; ++i)
        t.set(h(i), h(i + 7));
    const auto cp2 = t.checkpoint();
    for (std::uint64_t i = 0; i < 10; ++i)
        t.erase(h(i));
    t.rollback(cp2);
    t.rollback(cp);
    EXPECT_EQ(t.root(), r0);
    EXPECT_EQ(t.size(), 50u);
    t.clear_journal();
    EXPECT_THROW(t.rollback(cp), StateError);
    SparseMerkleTree fresh;
    EXPECT_THROW(fresh.rollback(SmtCheckpoint{}), StateError);
}

TEST(CryptoSmt, DecodeRejectsMalformedWithKind) {
    SparseMerkleTree t;
    for (std::uint64_t i = 0; i < 64; ++i)
        t.set(h(i), h(i));
    const SmtProof p = t.prove(h(3));
    const Bytes good = p.encode();
    auto kind_of = [](const Bytes& b) -> std::string {
        try {
            (void)SmtProof::decode(b);
        } catch (const DecodeError& e) {
            return std::string(decode_error_name(e.kind()));
        }
        return "accepted";
    };
    EXPECT_EQ(kind_of(good), "accepted");
    EXPECT_EQ(kind_of(Bytes(good.begin(), good.end() - 1)), "truncated");
    Bytes trailing = good;
    trailing.push_back(0);
    EXPECT_EQ(kind_of(trailing), "trailing_bytes");
    EXPECT_NE(kind_of(Bytes{}), "accepted");
    EXPECT_NE(kind_of(Bytes{0xc0}), "accepted");

    SmtProof zero_sib = p;
    zero_sib.siblings.push_back(Hash32{});  // deepest sibling empty: impossible in a real tree
    EXPECT_EQ(kind_of(zero_sib.encode()), "invalid_value");

    // Hand-built: depth 300.
    rlp::ListBuilder b;
    const Bytes empty_list = rlp::ListBuilder().finish();
    b.add_u64(300)
        .add_bytes(Bytes(38, 0))
        .add_encoded(empty_list)
        .add_encoded(empty_list)
        .add_encoded(empty_list);
    EXPECT_EQ(kind_of(b.finish()), "invalid_value");
    // Depth 0 with a 1-byte bitmap.
    rlp::ListBuilder c;
    c.add_u64(0)
        .add_bytes(Bytes(1, 0))
        .add_encoded(empty_list)
        .add_encoded(empty_list)
        .add_encoded(empty_list);
    EXPECT_EQ(kind_of(c.finish()), "invalid_value");
    // Depth 3 with a padding bit set.
    rlp::ListBuilder d;
    d.add_u64(3)
        .add_bytes(Bytes{0x30})
        .add_encoded(rlp::ListBuilder().add_hash(h(1)).finish())
        .add_encoded(empty_list)
        .add_encoded(empty_list);
    EXPECT_EQ(kind_of(d.finish()), "non_canonical");
    // A set bit carrying 32 zero bytes.
    rlp::ListBuilder e;
    e.add_u64(1)
        .add_bytes(Bytes{0x80})
        .add_encoded(rlp::ListBuilder().add_hash(Hash32{}).finish())
        .add_encoded(empty_list)
        .add_encoded(rlp::ListBuilder().add_u64(1).add_hash(h(1)).add_hash(h(2)).finish());
    EXPECT_EQ(kind_of(e.finish()), "non_canonical");
}

RC_GTEST_PROP(CryptoSmt, MatchesNaiveReference, (const RawOps& raw)) {
    SparseMerkleTree t(HashKind::Keccak256);
    Map m;
    for (const Op& op : to_ops(raw))
        apply(t, m, op);
    RC_ASSERT(t.root() == naive_root(HashKind::Keccak256, m));
    RC_ASSERT(t.size() == m.size());
}

RC_GTEST_PROP(CryptoSmt,
              ProofsVerifyAndTamperingFails,
              (const RawOps& raw, std::uint32_t query, std::uint32_t flip)) {
    SparseMerkleTree t;
    Map m;
    for (const Op& op : to_ops(raw))
        apply(t, m, op);
    const Hash32 root = t.root();
    const Hash32 key = family_key(query);
    const auto want = m.count(key) ? std::optional<Hash32>(m[key]) : std::nullopt;
    const SmtProof proof = t.prove(key);
    RC_ASSERT(smt_verify(HashKind::Keccak256, root, key, want, proof));
    RC_ASSERT(!smt_verify(HashKind::Sha256, root, key, want, proof) || m.empty());

    // Wrong claim about the value.
    const std::optional<Hash32> wrong =
        want ? std::optional<Hash32>() : std::optional<Hash32>(h(1));
    RC_ASSERT(!smt_verify(HashKind::Keccak256, root, key, wrong, proof));
    if (want) {
        RC_ASSERT(!smt_verify(HashKind::Keccak256, root, key, h(999), proof));
    }
    // Wrong key: a key differing in one bit.
    Hash32 other = key;
    other.bytes[(flip / 8) % 32] ^= static_cast<std::uint8_t>(1u << (flip % 8));
    RC_ASSERT(!smt_verify(HashKind::Keccak256, root, other, want, proof) ||
              (!want && !m.count(other)));

    // Flip any single bit of the encoding: rejected by the decoder or by verification.
    const Bytes enc = proof.encode();
    RC_ASSERT(SmtProof::decode(enc) == proof);
    Bytes bad = enc;
    const std::size_t bit = flip % (enc.size() * 8);
    bad[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    bool rejected = false;
    try {
        rejected = !smt_verify(HashKind::Keccak256, root, key, want, SmtProof::decode(bad));
    } catch (const DecodeError&) {
        rejected = true;
    }
    RC_ASSERT(rejected);
}

RC_GTEST_PROP(CryptoSmt, BatchEqualsSequential, (const RawOps& base, const RawOps& batch)) {
    SparseMerkleTree seq;
    Map m;
    for (const Op& op : to_ops(base))
        apply(seq, m, op);
    SparseMerkleTree bat = seq.clone();
    std::vector<SmtUpdate> ups;
    for (const Op& op : to_ops(batch)) {
        apply(seq, m, op);
        ups.push_back(
            {family_key(op.key_code),
             op.erase ? std::nullopt : std::optional<Hash32>(h(1000 + op.value_code % 4))});
    }
    bat.update(ups);
    RC_ASSERT(bat.root() == seq.root());
    RC_ASSERT(bat.size() == seq.size());
    RC_ASSERT(bat.root() == naive_root(HashKind::Keccak256, m));
}

RC_GTEST_PROP(CryptoSmt, RollbackRestoresRootExactly, (const RawOps& base, const RawOps& more)) {
    SparseMerkleTree t;
    Map m;
    for (const Op& op : to_ops(base))
        apply(t, m, op);
    const Hash32 before = t.root();
    const std::size_t size = t.size();
    const auto cp = t.checkpoint();
    Map scratch = m;
    for (const Op& op : to_ops(more))
        apply(t, scratch, op);
    (void)t.root();
    t.rollback(cp);
    RC_ASSERT(t.root() == before);
    RC_ASSERT(t.size() == size);
    for (const auto& [k, v] : m)
        RC_ASSERT(t.get(k) == std::optional<Hash32>(v));
}

RC_GTEST_PROP(CryptoSmt,
              StatelessUpdateMatchesTree,
              (const RawOps& base, std::uint32_t key_code, std::uint32_t value_code, bool erase)) {
    SparseMerkleTree t;
    Map m;
    for (const Op& op : to_ops(base))
        apply(t, m, op);
    const Hash32 key = family_key(key_code);
    const Hash32 pre = t.root();
    const auto old_value = t.get(key);
    const SmtProof proof = t.prove(key);
    const std::optional<Hash32> new_value =
        erase ? std::nullopt : std::optional<Hash32>(h(2000 + value_code % 3));
    const auto computed =
        smt_root_after_update(HashKind::Keccak256, pre, key, old_value, new_value, proof);
    if (new_value) {
        t.set(key, *new_value);
    } else {
        t.erase(key);
    }
    RC_ASSERT(computed.has_value());
    RC_ASSERT(*computed == t.root());
    // A proof for the wrong old value is refused.
    const std::optional<Hash32> lie = old_value ? std::nullopt : std::optional<Hash32>(h(5));
    RC_ASSERT(
        !smt_root_after_update(HashKind::Keccak256, pre, key, lie, new_value, proof).has_value());
}
