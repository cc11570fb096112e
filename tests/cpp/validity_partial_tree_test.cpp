// The partial tree (the witness proof's multiproof) against the full sparse Merkle tree: built
// from proofs it hashes to the same root, it proves every revealed key exactly as the full tree
// does, updates reach the full tree's roots, and its decoder refuses non-canonical trees.
#include <gtest/gtest.h>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/core/rng.hpp"
#include "l2lab/crypto/smt.hpp"
#include "l2lab/validity/partial_tree.hpp"

using namespace l2lab;
using namespace l2lab::validity;

namespace {

Hash32 random_hash(Rng& rng) {
    Hash32 h;
    for (auto& b : h.bytes) b = static_cast<std::uint8_t>(rng.next_u64());
    return h;
}

PartialTree reveal(const crypto::SparseMerkleTree& full, const std::vector<Hash32>& keys) {
    std::vector<std::pair<Hash32, crypto::SmtProof>> proofs;
    for (const auto& k : keys) proofs.emplace_back(k, full.prove(k));
    return PartialTree::from_proofs(full.root(), proofs);
}

TEST(ValidityPartialTree, MatchesTheFullTreeUnderRandomUpdates) {
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
        Rng rng(seed);
        crypto::SparseMerkleTree full;
        std::vector<Hash32> present;
        const std::size_t n = rng.next_u64() % 60;
        for (std::size_t i = 0; i < n; ++i) {
            present.push_back(random_hash(rng));
            full.set(present.back(), random_hash(rng));
        }
        // Touched keys: some present, some absent; a few share long prefixes with present ones.
        std::vector<Hash32> touched;
        for (std::size_t i = 0; i < 6 && !present.empty(); ++i) touched.push_back(present[rng.next_u64() % present.size()]);
        for (std::size_t i = 0; i < 6; ++i) touched.push_back(random_hash(rng));
        if (!present.empty()) {
            Hash32 near = present[0];
            near.bytes[31] ^= 1;
            touched.push_back(near);
        }
        PartialTree pt = reveal(full, touched);
        ASSERT_EQ(pt.root(), full.root()) << "seed " << seed;
        const PartialTree copy = PartialTree::decode(pt.encode());
        ASSERT_EQ(copy.encode(), pt.encode());
        bool deleted = false;
        for (int op = 0; op < 40; ++op) {
            const Hash32& k = touched[rng.next_u64() % touched.size()];
            const auto proof = pt.prove(k);
            // A deletion can move a leaf up next to a sibling the reveal did not open; the rollup's
            // STF never deletes a present key, so only then may a revealed key lose its proof.
            ASSERT_TRUE(proof.has_value() || deleted) << "seed " << seed << " op " << op;
            if (proof) {
                ASSERT_EQ(*proof, full.prove(k)) << "seed " << seed << " op " << op;
            }
            if (rng.next_u64() % 5 == 0) {
                const bool was_present = full.contains(k);
                const bool ok = pt.set(k, std::nullopt);
                if (ok) {
                    full.erase(k);
                    deleted = deleted || was_present;
                }
            } else {
                const Hash32 v = random_hash(rng);
                ASSERT_TRUE(pt.set(k, v));
                full.set(k, v);
            }
            ASSERT_EQ(pt.root(), full.root()) << "seed " << seed << " op " << op;
        }
    }
}

TEST(ValidityPartialTree, UnrevealedKeysAreUnknownAndCannotBeWritten) {
    Rng rng(9);
    crypto::SparseMerkleTree full;
    std::vector<Hash32> keys;
    for (int i = 0; i < 200; ++i) {
        keys.push_back(random_hash(rng));
        full.set(keys.back(), random_hash(rng));
    }
    PartialTree pt = reveal(full, {keys[0]});
    EXPECT_EQ(pt.lookup(keys[0]), TreeLookup::Present);
    int unknown = 0;
    for (int i = 1; i < 200; ++i) {
        if (pt.lookup(keys[i]) == TreeLookup::Unknown) {
            ++unknown;
            const Hash32 before = pt.root();
            EXPECT_FALSE(pt.set(keys[i], Hash32{}));
            EXPECT_FALSE(pt.prove(keys[i]).has_value());
            EXPECT_EQ(pt.root(), before);
        }
    }
    EXPECT_GT(unknown, 150);
    // Proofs from this tree do not hash to another root; no proof at all leaves one opaque node.
    std::vector<std::pair<Hash32, crypto::SmtProof>> one{{keys[3], full.prove(keys[3])}};
    EXPECT_THROW(PartialTree::from_proofs(random_hash(rng), one), InvalidArgument);
    EXPECT_EQ(PartialTree::from_proofs(full.root(), {}).node_count(), 1u);
}

TEST(ValidityPartialTree, DecoderRefusesNonCanonicalTrees) {
    auto list = [](std::vector<Bytes> nodes) {
        rlp::ListBuilder b;
        for (const auto& n : nodes) b.add_bytes(n);
        return b.finish();
    };
    const Bytes branch{0x01};
    const Bytes empty{};
    Bytes leaf0(64, 0x00), leaf1(64, 0x00);
    leaf1[0] = 0x80;  // key starting with bit 1
    leaf0[63] = 1;
    leaf1[63] = 2;
    const Bytes opaque(32, 0x42);
    EXPECT_NO_THROW(PartialTree::decode(list({branch, leaf0, leaf1})));
    EXPECT_NO_THROW(PartialTree::decode(list({empty})));
    EXPECT_NO_THROW(PartialTree::decode(list({branch, opaque, empty})));
    EXPECT_THROW(PartialTree::decode(list({branch, leaf1, leaf0})), DecodeError);   // wrong paths
    EXPECT_THROW(PartialTree::decode(list({branch, leaf0, empty})), DecodeError);   // one leaf
    EXPECT_THROW(PartialTree::decode(list({branch, empty, empty})), DecodeError);
    EXPECT_THROW(PartialTree::decode(list({branch, leaf0})), DecodeError);          // missing
    EXPECT_THROW(PartialTree::decode(list({leaf0, leaf1})), DecodeError);           // extra
    EXPECT_THROW(PartialTree::decode(list({Bytes(32, 0)})), DecodeError);           // zero opaque
    EXPECT_THROW(PartialTree::decode(list({Bytes(33, 1)})), DecodeError);
    EXPECT_THROW(PartialTree::decode(list({Bytes{0x02}})), DecodeError);
    EXPECT_THROW(PartialTree::decode(list({})), DecodeError);
    // 256 nested branches: the last one would put leaves at depth 257.
    std::vector<Bytes> deep(257, branch);
    deep.push_back(empty);
    EXPECT_THROW(PartialTree::decode(list(deep)), DecodeError);
}

}  // namespace
