// Binary Merkle tree: RFC 6962 (Certificate Transparency) reference roots and inclusion proofs for
// SHA-256, a recursive RFC 6962 reference for other sizes, and tampered proofs rejected.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "l2lab/core/error.hpp"
#include "l2lab/crypto/merkle.hpp"

using namespace l2lab;
using namespace l2lab::crypto;

namespace {
// The eight leaves and tree heads of the Certificate Transparency reference test data
// (RFC 6962 Merkle Tree Hash with SHA-256); index n = tree of the first n leaves.
const char* const kCtLeaves[] = {"",
                                 "00",
                                 "10",
                                 "2021",
                                 "3031",
                                 "40414243",
                                 "5051525354555657",
                                 "606162636465666768696a6b6c6d6e6f"};
const char* const kCtRoots[] = {
    "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "0x6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "0xfac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "0xaeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "0xd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "0x4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "0x76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "0xddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "0x5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

std::vector<Bytes> ct_leaves(std::size_t n) {
    std::vector<Bytes> out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(from_hex(kCtLeaves[i]));
    return out;
}

// RFC 6962 section 2.1 written as the RFC states it (recursive split at the largest power of
// two smaller than n), independent of the level-by-level construction under test.
Hash32 rfc6962_root(HashKind kind, std::span<const Bytes> d) {
    if (d.empty())
        return hash_bytes(kind, BytesView{});
    if (d.size() == 1)
        return merkle_leaf_hash(kind, d[0]);
    std::size_t k = 1;
    while (k * 2 < d.size())
        k *= 2;
    return merkle_node_hash(kind, rfc6962_root(kind, d.first(k)), rfc6962_root(kind, d.subspan(k)));
}

std::vector<Bytes> numbered_leaves(std::size_t n) {
    std::vector<Bytes> out;
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(Bytes{static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(i >> 8), 7});
    }
    return out;
}
}  // namespace

TEST(CryptoMerkle, CertificateTransparencyRoots) {
    for (std::size_t n = 0; n <= 8; ++n) {
        const auto leaves = ct_leaves(n);
        EXPECT_EQ(MerkleTree(HashKind::Sha256, leaves).root().hex(), kCtRoots[n]) << n;
        EXPECT_EQ(merkle_root(HashKind::Sha256, leaves).hex(), kCtRoots[n]) << n;
    }
}

TEST(CryptoMerkle, CertificateTransparencyInclusionProofs) {
    const auto leaves = ct_leaves(8);
    const MerkleTree tree(HashKind::Sha256, leaves);
    struct Case {
        std::size_t index;
        std::vector<const char*> path;
    };
    const Case cases[] = {
        {0,
         {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
        {5,
         {"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
          "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
    };
    for (const auto& c : cases) {
        const MerkleProof p = tree.prove(c.index);
        ASSERT_EQ(p.siblings.size(), c.path.size());
        for (std::size_t i = 0; i < c.path.size(); ++i) {
            EXPECT_EQ(to_hex(p.siblings[i].view(), false), c.path[i]);
        }
        EXPECT_TRUE(merkle_verify(HashKind::Sha256, tree.root(), leaves[c.index], p));
    }
    // Leaf 2 of the 3-leaf tree is promoted once; its only sibling is the 2-leaf tree head.
    const auto three = ct_leaves(3);
    const MerkleProof p = MerkleTree(HashKind::Sha256, three).prove(2);
    ASSERT_EQ(p.siblings.size(), 1u);
    EXPECT_EQ(p.siblings[0].hex(), kCtRoots[2]);
}

TEST(CryptoMerkle, MatchesRecursiveReferenceForManySizes) {
    for (HashKind kind : {HashKind::Sha256, HashKind::Keccak256}) {
        for (std::size_t n = 0; n <= 70; ++n) {
            const auto leaves = numbered_leaves(n);
            const MerkleTree tree(kind, leaves);
            ASSERT_EQ(tree.root(), rfc6962_root(kind, leaves)) << n;
            for (std::size_t i = 0; i < n; ++i) {
                ASSERT_TRUE(merkle_verify(kind, tree.root(), leaves[i], tree.prove(i)))
                    << "n=" << n << " i=" << i;
            }
        }
    }
}

TEST(CryptoMerkle, DomainSeparationAndNoDuplication) {
    const auto leaves = numbered_leaves(4);
    const MerkleTree tree(HashKind::Keccak256, leaves);
    // A leaf whose bytes are two child hashes is not an internal node.
    const auto& l0 = tree.leaf_hash(0);
    const auto& l1 = tree.leaf_hash(1);
    Bytes fake(l0.bytes.begin(), l0.bytes.end());
    fake.insert(fake.end(), l1.bytes.begin(), l1.bytes.end());
    EXPECT_NE(merkle_leaf_hash(HashKind::Keccak256, fake),
              merkle_node_hash(HashKind::Keccak256, l0, l1));
    // Duplicating the last leaf of an odd list changes the root (no CVE-2012-2459 mutation).
    auto three = numbered_leaves(3);
    auto dup = three;
    dup.push_back(three.back());
    EXPECT_NE(merkle_root(HashKind::Keccak256, three), merkle_root(HashKind::Keccak256, dup));
}

TEST(CryptoMerkle, BadIndicesAndMalformedProofs) {
    const auto leaves = numbered_leaves(5);
    const MerkleTree tree(HashKind::Sha256, leaves);
    EXPECT_THROW(tree.prove(5), InvalidArgument);
    EXPECT_THROW(MerkleTree(HashKind::Sha256, {}).prove(0), InvalidArgument);
    MerkleProof p = tree.prove(1);
    MerkleProof wrong_count = p;
    wrong_count.leaf_count = 4;
    EXPECT_FALSE(merkle_verify(HashKind::Sha256, tree.root(), leaves[1], wrong_count));
    MerkleProof out_of_range = p;
    out_of_range.leaf_index = 5;
    EXPECT_FALSE(merkle_verify(HashKind::Sha256, tree.root(), leaves[1], out_of_range));
    MerkleProof extra = p;
    extra.siblings.push_back(Hash32{});
    EXPECT_FALSE(merkle_verify(HashKind::Sha256, tree.root(), leaves[1], extra));
    MerkleProof missing = p;
    missing.siblings.pop_back();
    EXPECT_FALSE(merkle_verify(HashKind::Sha256, tree.root(), leaves[1], missing));
    EXPECT_FALSE(merkle_verify(HashKind::Keccak256, tree.root(), leaves[1], p));
}

RC_GTEST_PROP(CryptoMerkle,
              TamperedProofsFail,
              (const std::vector<std::vector<std::uint8_t>>& raw,
               std::size_t pick,
               std::size_t bit)) {
    RC_PRE(!raw.empty());
    const std::vector<Bytes> leaves(raw.begin(), raw.end());
    const MerkleTree tree(HashKind::Keccak256, leaves);
    const std::size_t i = pick % leaves.size();
    const MerkleProof p = tree.prove(i);
    RC_ASSERT(merkle_verify(HashKind::Keccak256, tree.root(), leaves[i], p));
    if (!p.siblings.empty()) {
        MerkleProof bad = p;
        auto& h = bad.siblings[bit % bad.siblings.size()];
        h.bytes[(bit / 8) % 32] ^= static_cast<std::uint8_t>(1u << (bit % 8));
        RC_ASSERT(!merkle_verify(HashKind::Keccak256, tree.root(), leaves[i], bad));
    }
    Bytes other = leaves[i];
    other.push_back(0x5a);
    RC_ASSERT(!merkle_verify(HashKind::Keccak256, tree.root(), other, p));
    if (leaves.size() > 1) {
        MerkleProof moved = p;
        moved.leaf_index = (i + 1) % leaves.size();
        RC_ASSERT(!merkle_verify(HashKind::Keccak256, tree.root(), leaves[i], moved) ||
                  leaves[moved.leaf_index] == leaves[i]);
    }
}
