#pragma once
/// \file partial_tree.hpp
/// A pruned copy of the rollup's sparse Merkle tree (crypto/smt.hpp): the part of the tree a
/// batch touches, every other subtree replaced by its hash. It is the witness proof's Merkle
/// multiproof: its root is checked against the statement's pre_root, then the verifier reads,
/// updates and proves keys inside the revealed part exactly as on the full tree.
///
/// Nodes (one tree level per branch, depth implied by position):
///   empty   the empty subtree (hash: 32 zero bytes)
///   leaf    a subtree holding exactly one (key, value) (hash: H(0x00 || key || value))
///   opaque  an unrevealed non-empty subtree given by its hash
///   branch  a subtree holding >= 2 leaves (hash: H(0x01 || left || right))
/// Encoding: rlp([node, ...]) in pre-order (a branch is followed by its left then right
/// subtree), each node an RLP string: branch = the single byte 0x01, empty = the empty string,
/// opaque = 32 bytes (not all zero), leaf = 64 bytes key || value. decode() rejects, with a
/// DecodeError, any other item, a missing or extra node, a branch below depth 255, a branch that
/// would hold fewer than two leaves (empty/empty or empty/leaf children), and a leaf whose key
/// does not start with its path.
#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>
#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/crypto/smt.hpp"

namespace l2lab::validity {

/// Largest encoded partial tree decode() accepts (bytes).
inline constexpr std::size_t kMaxPartialTreeBytes = 16u << 20;

/// What a lookup in the revealed part finds.
enum class TreeLookup : std::uint8_t { Present, Absent, Unknown };

/// The pruned tree (Keccak-256, as the rollup's state tree). Copyable.
class PartialTree {
public:
    /// The union of `proofs` (inclusion or non-inclusion proofs of their keys against one root,
    /// each with its last-sibling opening, as SparseMerkleTree::prove returns them). Throws
    /// InvalidArgument when the proofs disagree with each other or do not hash to `root`.
    static PartialTree from_proofs(const Hash32& root,
                                   std::span<const std::pair<Hash32, crypto::SmtProof>> proofs);
    /// Canonical encoding (see the file comment).
    Bytes encode() const;
    /// Strict inverse of encode(); computes every node hash (counted in hashes()).
    static PartialTree decode(BytesView encoding);

    /// Root hash of the tree.
    Hash32 root() const { return m_nodes[m_root].hash; }
    /// Node hashes (leaf and branch) computed so far: by decode() and by every set().
    std::uint64_t hashes() const noexcept { return m_hashes; }
    /// Nodes of the tree (all kinds).
    std::size_t node_count() const noexcept { return m_nodes.size(); }

    /// Whether `key` is present (value in `*value` when non-null), absent, or behind an opaque
    /// subtree.
    TreeLookup lookup(const Hash32& key, Hash32* value = nullptr) const;
    /// Set `key` to `value` (nullopt: delete) and rehash its path. Returns false, changing
    /// nothing, when the key's path ends in an opaque subtree or a deletion would need to collapse
    /// next to an opaque sibling.
    bool set(const Hash32& key, const std::optional<Hash32>& value);
    /// The proof SparseMerkleTree::prove would give for `key` on the full tree; nullopt when the
    /// revealed part does not cover it (terminal or last sibling opaque).
    std::optional<crypto::SmtProof> prove(const Hash32& key) const;

private:
    enum Kind : std::uint8_t { kEmpty, kLeaf, kOpaque, kBranch };
    struct Node {
        Kind kind = kEmpty;
        bool unknown = false;                   // from_proofs: an opaque whose hash is not known yet
        std::uint32_t child[2] = {0, 0};
        Hash32 key;                             // leaf
        Hash32 value;                           // leaf
        Hash32 hash;                            // every kind
    };
    PartialTree() = default;
    std::uint32_t add(Node n);
    void rehash(std::uint32_t index);
    void rehash_all();

    std::vector<Node> m_nodes;
    std::uint32_t m_root = 0;
    std::uint64_t m_hashes = 0;
};

}  // namespace l2lab::validity
