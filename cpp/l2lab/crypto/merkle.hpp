#pragma once
/// \file merkle.hpp
/// Binary Merkle tree over a list of byte-string leaves, with inclusion proofs.
///
/// Hashing (RFC 6962 / RFC 9162 "Merkle Tree Hash", with the hash selectable by HashKind):
///   leaf node     = H(0x00 || leaf bytes)
///   internal node = H(0x01 || left || right)
///   empty tree    = H("")                      (the hash of the empty string)
/// The distinct one-byte prefixes separate leaves from internal nodes, so an internal node can
/// never be passed off as a leaf (second-preimage attack on the leaf/node boundary).
///
/// Odd-count rule: tree levels are built left to right by pairing neighbours; when a level has
/// an odd number of nodes, the last one is promoted unchanged to the next level (it is never
/// duplicated, which would let two different leaf lists share a root, cf. CVE-2012-2459). This
/// yields exactly RFC 6962's tree, whose left subtree holds the largest power of two < n leaves.

#include <cstdint>
#include <span>
#include <vector>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/crypto/hash_kind.hpp"

namespace l2lab::crypto {

/// H(0x00 || data).
Hash32 merkle_leaf_hash(HashKind kind, BytesView data);
/// H(0x01 || left || right).
Hash32 merkle_node_hash(HashKind kind, const Hash32& left, const Hash32& right);

/// Inclusion proof of the leaf at `leaf_index` in a tree of `leaf_count` leaves: the sibling
/// hashes from the leaf level upwards (levels where the node is promoted contribute none).
struct MerkleProof {
    std::uint64_t leaf_index = 0;
    std::uint64_t leaf_count = 0;
    std::vector<Hash32> siblings;
    bool operator==(const MerkleProof&) const = default;
};

/// An immutable Merkle tree that keeps every level, so proofs cost no hashing.
class MerkleTree {
public:
    /// Tree over the leaves' bytes (each hashed with merkle_leaf_hash). An empty list is allowed.
    MerkleTree(HashKind kind, std::span<const Bytes> leaves);
    /// Tree over already-computed leaf hashes (merkle_leaf_hash outputs).
    static MerkleTree from_leaf_hashes(HashKind kind, std::vector<Hash32> leaf_hashes);

    HashKind hash_kind() const noexcept { return m_kind; }
    /// Number of leaves.
    std::size_t size() const noexcept { return m_levels.front().size(); }
    /// The root (H("") when empty).
    Hash32 root() const;
    /// Leaf hash at `index`. Throws InvalidArgument when index >= size().
    const Hash32& leaf_hash(std::size_t index) const;
    /// Inclusion proof for the leaf at `index`. Throws InvalidArgument when index >= size().
    MerkleProof prove(std::size_t index) const;

private:
    MerkleTree(HashKind kind, std::vector<Hash32> leaf_hashes, int);
    HashKind m_kind;
    std::vector<std::vector<Hash32>> m_levels;  // m_levels[0] = leaf hashes, back() = {root}
};

/// Root of the tree over `leaves` without keeping the levels.
Hash32 merkle_root(HashKind kind, std::span<const Bytes> leaves);

/// True when `proof` shows that a leaf with hash `leaf_hash` is at proof.leaf_index in a tree
/// of proof.leaf_count leaves with root `root`. Any inconsistency (index >= count, wrong number
/// of siblings, wrong hashes) gives false; never throws.
bool merkle_verify_hash(HashKind kind,
                        const Hash32& root,
                        const Hash32& leaf_hash,
                        const MerkleProof& proof);
/// As merkle_verify_hash for the leaf's bytes.
bool merkle_verify(HashKind kind, const Hash32& root, BytesView leaf, const MerkleProof& proof);

}  // namespace l2lab::crypto
