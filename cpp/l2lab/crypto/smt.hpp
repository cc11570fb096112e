#pragma once
/// \file smt.hpp
/// Sparse Merkle tree over 256-bit keys with 32-byte values, inclusion and non-inclusion proofs,
/// batch updates, a checkpoint/rollback journal, and stateless root recomputation from a proof.
///
/// ## Definition (what a root commits to)
/// Conceptually a binary tree of depth 256: key bit d (most significant bit of byte 0 first)
/// chooses the child at depth d, 0 = left. A subtree's hash depends only on the (key, value)
/// pairs below it:
///   - empty subtree:                  Z = 32 zero bytes (the default, the same at every depth)
///   - subtree holding exactly 1 leaf: H(0x00 || key || value)           (at any depth)
///   - subtree holding >= 2 leaves:    H(0x01 || hash(left child) || hash(right child))
/// H is the selected HashKind. The 0x00/0x01 prefixes separate leaves from internal nodes; the
/// leaf hash includes the full key, so a single leaf may sit at any depth without ambiguity.
/// The root is a pure function of the key/value set (history independent), so batch updates,
/// sequential updates and rollbacks all reach the same root.
///
/// Why not the textbook SMT whose empty-subtree defaults are D(h+1) = H(D(h) || D(h)) and whose
/// leaves all sit at depth 256: there every update rehashes all 256 ancestors of the key. With
/// the single-leaf rule above only ancestors holding >= 2 leaves are hashed: about log2(n)
/// branch levels plus short runs where one child is empty, so an update costs ~log2(n) + O(1)
/// hashes (the same design as the Diem/Libra and Celestia sparse Merkle trees).
///
/// Values are fixed 32-byte commitments (store H(data) for larger records). A key is either
/// absent or present with a value; a present all-zero value is distinct from absence.
///
/// ## Proofs
/// A proof for key k lists, from the root down, the sibling hash at every depth d < D where the
/// path of k still runs through a subtree holding >= 2 leaves, then the terminal subtree at depth
/// D: empty, or the single leaf it holds (k itself for inclusion; another key sharing k's first D
/// bits for non-inclusion). The last sibling (depth D-1) is also opened one level (its leaf, or
/// its two child hashes) so that a deletion can be recomputed statelessly.
///
/// Encoding (strict canonical RLP, see l2lab/core/rlp.hpp), a 5-item list:
///   [ D (integer, 0..256),
///     bitmap (ceil(D/8) bytes; bit d, MSB first, set iff sibling d is non-empty; padding bits 0),
///     [ the non-empty siblings, 32 bytes each, from depth 0 down ],
///     terminal: [] (empty subtree) or [key, value],
///     opening of sibling D-1: [] iff D = 0, else [0, key, value] (a leaf) or [1, left, right] ]
/// decode() rejects anything else with a DecodeError (kind + offset), including every
/// non-canonical form: a set bitmap bit for an all-zero sibling, non-zero padding bits, D > 0
/// with an empty last sibling, sibling count different from the bitmap's popcount.

#include <cstdint>
#include <optional>
#include <span>
#include <variant>
#include <vector>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/crypto/hash_kind.hpp"

namespace l2lab::crypto {

/// Deepest possible proof: one sibling per key bit.
inline constexpr std::size_t kSmtMaxDepth = 256;

/// A (key, value) pair stored in the tree.
struct SmtLeaf {
    Hash32 key;
    Hash32 value;
    bool operator==(const SmtLeaf&) const = default;
};

/// The two child hashes of an internal subtree (either may be the empty default).
struct SmtNodeOpening {
    Hash32 left;
    Hash32 right;
    bool operator==(const SmtNodeOpening&) const = default;
};

/// Inclusion or non-inclusion proof for one key (see the file comment).
struct SmtProof {
    /// siblings[d]: hash of the subtree at depth d+1 beside the key's path; zero when empty.
    std::vector<Hash32> siblings;
    /// The single leaf of the terminal subtree at depth siblings.size(), or nullopt when empty.
    std::optional<SmtLeaf> terminal;
    /// Opening of siblings.back(): monostate iff siblings is empty.
    std::variant<std::monostate, SmtLeaf, SmtNodeOpening> last_sibling;

    /// D, the depth of the terminal subtree.
    std::size_t depth() const noexcept { return siblings.size(); }
    /// Canonical compact encoding (bitmap of non-empty siblings + those siblings).
    Bytes encode() const;
    /// Strict inverse of encode(). Throws DecodeError on malformed or non-canonical input.
    static SmtProof decode(BytesView encoded);
    bool operator==(const SmtProof&) const = default;
};

/// One entry of a batch update: set `value`, or delete the key when `value` is nullopt.
struct SmtUpdate {
    Hash32 key;
    std::optional<Hash32> value;
};

/// Position in a tree's journal, from SparseMerkleTree::checkpoint().
struct SmtCheckpoint {
    std::uint64_t generation = 0;
    std::size_t position = 0;
};

/// Root of the empty tree (the 32-byte zero default).
inline Hash32 smt_empty_root() {
    return Hash32{};
}
/// H(0x00 || key || value).
Hash32 smt_leaf_hash(HashKind kind, const Hash32& key, const Hash32& value);
/// H(0x01 || left || right).
Hash32 smt_node_hash(HashKind kind, const Hash32& left, const Hash32& right);

/// True when `proof` shows, under `root`, that `key` maps to `*value` (value given) or that
/// `key` is absent (value nullopt). Never throws; any inconsistency gives false.
bool smt_verify(HashKind kind,
                const Hash32& root,
                const Hash32& key,
                const std::optional<Hash32>& value,
                const SmtProof& proof);

/// Stateless update for fault proofs: if `proof` verifies that `key` maps to `old_value`
/// (nullopt = absent) under `pre_root`, the root after setting `key` to `new_value` (nullopt =
/// delete); nullopt when the proof does not verify. Equals the root a full tree would reach.
std::optional<Hash32> smt_root_after_update(HashKind kind,
                                            const Hash32& pre_root,
                                            const Hash32& key,
                                            const std::optional<Hash32>& old_value,
                                            const std::optional<Hash32>& new_value,
                                            const SmtProof& proof);

/// The tree. Stored as a compressed binary trie (only branch nodes and leaves), whose node
/// hashes are computed lazily: set()/erase() only restructure and mark the path dirty; root()
/// and prove() rehash each dirty node once, so a batch of updates shares the hashing of common
/// path prefixes. Not safe for concurrent use (const members refresh internal hash caches).
class SparseMerkleTree {
public:
    explicit SparseMerkleTree(HashKind kind = HashKind::Keccak256);
    SparseMerkleTree(SparseMerkleTree&&) noexcept = default;
    SparseMerkleTree& operator=(SparseMerkleTree&&) noexcept = default;
    SparseMerkleTree(const SparseMerkleTree&) = delete;
    SparseMerkleTree& operator=(const SparseMerkleTree&) = delete;
    /// Explicit deep copy (contents, caches and journal).
    SparseMerkleTree clone() const;

    HashKind hash_kind() const noexcept { return m_kind; }
    /// Number of keys present.
    std::size_t size() const noexcept { return m_size; }
    /// Value of `key`, or nullopt when absent.
    std::optional<Hash32> get(const Hash32& key) const;
    bool contains(const Hash32& key) const { return get(key).has_value(); }

    /// Insert or overwrite `key`.
    void set(const Hash32& key, const Hash32& value);
    /// Remove `key`; returns whether it was present (absent: no change).
    bool erase(const Hash32& key);
    /// Apply `updates` in order (a later entry for the same key wins); the entries are applied
    /// sorted by key (stably) for memory locality, which cannot change the result.
    void update(std::span<const SmtUpdate> updates);

    /// Current root (hashes whatever changed since the last call).
    Hash32 root() const;
    /// Inclusion proof when `key` is present, non-inclusion proof otherwise.
    SmtProof prove(const Hash32& key) const;
    /// All (key, value) pairs in ascending key order.
    std::vector<SmtLeaf> leaves() const;

    /// Start recording changes; rollback(cp) undoes everything after this point. Checkpoints
    /// nest: an earlier checkpoint stays valid after rolling back to a later one.
    SmtCheckpoint checkpoint();
    /// Undo all changes since `cp`; the root is then exactly the root at checkpoint time.
    /// Throws StateError when `cp` is not from this tree's current journal (e.g. after
    /// clear_journal(), or a position beyond the journal).
    void rollback(const SmtCheckpoint& cp);
    /// Forget the journal and stop recording; all earlier checkpoints become invalid.
    void clear_journal();

private:
    static constexpr std::uint32_t kNil = 0xffffffffu;
    static constexpr std::uint8_t kLeaf = 1;       // node is a leaf
    static constexpr std::uint8_t kSide0 = 2;      // branch: slot[0] must be recomputed
    static constexpr std::uint8_t kSide1 = 4;      // branch: slot[1] must be recomputed
    static constexpr std::uint8_t kLeafStale = 8;  // leaf: slot[1] (its hash) must be recomputed
    // One trie node, two cache lines: the descent reads only the first (children, bit, key).
    // A branch keeps its children's hashes (at its depth + 1), so rehashing a path and proving
    // never touch the off-path children.
    struct alignas(64) Node {
        std::uint32_t child[2] = {kNil, kNil};
        std::uint16_t bit = 0;  // branch: the depth at which its two children split
        std::uint8_t flags = 0;
        Hash32 key;      // leaf: its key; branch: key of some leaf below (bits < bit)
        Hash32 slot[2];  // branch: child hashes; leaf: slot[0] = value, slot[1] = hash
    };
    struct JournalEntry {
        Hash32 key;
        std::optional<Hash32> old_value;
    };

    std::uint32_t new_node();
    void free_node(std::uint32_t index);
    void record(const Hash32& key, const std::optional<Hash32>& old_value);
    Hash32 refresh(std::uint32_t index) const;
    void settle_below(const Hash32& key, unsigned shared_bits);
#ifdef L2LAB_VERIFY
    Hash32 recompute_uncached(std::uint32_t index, unsigned min_bit, const Hash32& prefix) const;
#endif
    Hash32 own_hash(std::uint32_t index) const;
    Hash32 extend(const Hash32& own, std::uint32_t index, unsigned depth) const;
    std::variant<std::monostate, SmtLeaf, SmtNodeOpening> open(std::uint32_t index,
                                                               unsigned depth) const;

    HashKind m_kind;
    mutable std::vector<Node> m_nodes;
    std::vector<std::uint32_t> m_free;
    std::uint32_t m_root = kNil;
    mutable Hash32 m_root_hash;
    mutable bool m_root_stale = false;
    std::size_t m_size = 0;
    std::vector<JournalEntry> m_journal;
    bool m_journaling = false;
    std::uint64_t m_generation = 0;
};

}  // namespace l2lab::crypto
