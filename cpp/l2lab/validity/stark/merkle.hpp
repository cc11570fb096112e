#pragma once
/// \file merkle.hpp
/// Merkle commitments to rows of field elements (trace LDE rows, composition rows, FRI leaf
/// groups) with batched multi-openings.
///
/// Leaf hash = H(0x00 || elements as 8-byte little-endian words), node = H(0x01 || left || right)
/// with H = SHA-256 or Keccak-256 (crypto::HashKind); the prefixes keep leaves and nodes apart.
/// A multi-opening for a sorted set of leaf indices lists, level by level from the leaves up and
/// left to right, exactly the sibling nodes the verifier cannot compute itself.

#include <cstdint>
#include <span>
#include <vector>

#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/crypto/hash_kind.hpp"
#include "l2lab/validity/stark/field.hpp"

namespace l2lab::stark {

/// Hash of one leaf holding `words` (each a canonical field element value).
Hash32 hash_leaf(crypto::HashKind kind, std::span<const std::uint64_t> words);
/// Leaf hash of base-field elements.
Hash32 hash_leaf(crypto::HashKind kind, std::span<const Fp> values);
/// Leaf hash of extension elements (three words each, coefficient order).
Hash32 hash_leaf(crypto::HashKind kind, std::span<const Fp3> values);

/// A complete binary Merkle tree over a power-of-two number of leaf hashes.
class MerkleTree {
public:
    /// Builds the tree. InvalidArgument unless leaves.size() is a power of two >= 1.
    MerkleTree(crypto::HashKind kind, std::vector<Hash32> leaves);
    const Hash32& root() const { return m_nodes[1]; }
    std::size_t num_leaves() const { return m_num_leaves; }
    /// Sibling nodes proving the leaves at `indices` (strictly increasing, each < num_leaves();
    /// InvalidArgument otherwise).
    std::vector<Hash32> open(std::span<const std::size_t> indices) const;

private:
    crypto::HashKind m_kind;
    std::size_t m_num_leaves;
    std::vector<Hash32> m_nodes;  // heap layout: node k has children 2k, 2k+1; leaves at [L, 2L)
};

/// Check a multi-opening: true iff `indices` is strictly increasing with every index below
/// `num_leaves` (a power of two), leaf_hashes.size() == indices.size(), `nodes` holds exactly the
/// siblings open() would list, and they hash up to `root`. Never throws.
bool verify_multi_opening(crypto::HashKind kind, const Hash32& root, std::size_t num_leaves,
                          std::span<const std::size_t> indices, std::span<const Hash32> leaf_hashes,
                          std::span<const Hash32> nodes);

/// Sorted, de-duplicated copy of `positions`.
std::vector<std::size_t> sorted_unique(std::vector<std::size_t> positions);

}  // namespace l2lab::stark
