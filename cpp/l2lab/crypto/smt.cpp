// Sparse Merkle tree storage: a compressed binary trie (crit-bit style) holding only branch
// nodes and leaves in one index-addressed pool, with lazily recomputed hashes.
#include "l2lab/crypto/smt.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "l2lab/core/error.hpp"
#include "l2lab/crypto/smt_detail.hpp"

namespace l2lab::crypto {
namespace {
using detail::first_diff_bit;
using detail::key_bit;
}  // namespace

SparseMerkleTree::SparseMerkleTree(HashKind kind) : m_kind(kind) {}

SparseMerkleTree SparseMerkleTree::clone() const {
    SparseMerkleTree copy(m_kind);
    copy.m_nodes = m_nodes;
    copy.m_free = m_free;
    copy.m_root = m_root;
    copy.m_root_hash = m_root_hash;
    copy.m_root_stale = m_root_stale;
    copy.m_size = m_size;
    copy.m_journal = m_journal;
    copy.m_journaling = m_journaling;
    copy.m_generation = m_generation;
    return copy;
}

std::uint32_t SparseMerkleTree::new_node() {
    if (!m_free.empty()) {
        const std::uint32_t i = m_free.back();
        m_free.pop_back();
        m_nodes[i] = Node{};
        return i;
    }
    if (m_nodes.size() >= kNil)
        throw StateError("sparse Merkle tree: node pool exhausted");
    m_nodes.emplace_back();
    return static_cast<std::uint32_t>(m_nodes.size() - 1);
}

void SparseMerkleTree::free_node(std::uint32_t index) {
    m_free.push_back(index);
}

void SparseMerkleTree::record(const Hash32& key, const std::optional<Hash32>& old_value) {
    if (m_journaling)
        m_journal.push_back({key, old_value});
}

std::optional<Hash32> SparseMerkleTree::get(const Hash32& key) const {
    std::uint32_t cur = m_root;
    if (cur == kNil)
        return std::nullopt;
    while (!(m_nodes[cur].flags & kLeaf))
        cur = m_nodes[cur].child[key_bit(key, m_nodes[cur].bit)];
    if (m_nodes[cur].key != key)
        return std::nullopt;
    return m_nodes[cur].slot[0];
}

void SparseMerkleTree::set(const Hash32& key, const Hash32& value) {
    if (m_root == kNil) {
        const std::uint32_t leaf = new_node();
        Node& n = m_nodes[leaf];
        n.flags = kLeaf | kLeafStale;
        n.key = key;
        n.slot[0] = value;
        m_root = leaf;
        m_root_stale = true;
        ++m_size;
        record(key, std::nullopt);
        return;
    }
    std::uint32_t path[kSmtMaxDepth];
    std::size_t len = 0;
    std::uint32_t cur = m_root;
    while (!(m_nodes[cur].flags & kLeaf)) {
        path[len++] = cur;
        cur = m_nodes[cur].child[key_bit(key, m_nodes[cur].bit)];
    }
    Node& found = m_nodes[cur];
    std::size_t stale_prefix = len;
    if (found.key == key) {
        if (found.slot[0] == value)
            return;
        record(key, found.slot[0]);
        found.slot[0] = value;
        found.flags |= kLeafStale;
    } else {
        // The new leaf and `found` agree on every branch bit along the path, so `split` differs
        // from all of them; the new branch goes above the first path node that splits deeper.
        const unsigned split = first_diff_bit(key, found.key);
        std::size_t pos = 0;
        while (pos < len && m_nodes[path[pos]].bit < split)
            ++pos;
        const std::uint32_t below = pos < len ? path[pos] : cur;
        const std::uint32_t leaf = new_node();
        const std::uint32_t branch = new_node();
        Node& l = m_nodes[leaf];
        l.flags = kLeaf | kLeafStale;
        l.key = key;
        l.slot[0] = value;
        Node& b = m_nodes[branch];
        b.key = key;
        b.bit = static_cast<std::uint16_t>(split);
        b.flags = kSide0 | kSide1;
        const unsigned side = key_bit(key, split);
        b.child[side] = leaf;
        b.child[side ^ 1u] = below;
        if (pos == 0) {
            m_root = branch;
        } else {
            Node& parent = m_nodes[path[pos - 1]];
            parent.child[key_bit(key, parent.bit)] = branch;
        }
        stale_prefix = pos;
        ++m_size;
        record(key, std::nullopt);
    }
    for (std::size_t i = 0; i < stale_prefix; ++i) {
        Node& n = m_nodes[path[i]];
        n.flags |= static_cast<std::uint8_t>(kSide0 << key_bit(key, n.bit));
    }
    m_root_stale = true;
}

bool SparseMerkleTree::erase(const Hash32& key) {
    if (m_root == kNil)
        return false;
    std::uint32_t path[kSmtMaxDepth];
    std::size_t len = 0;
    std::uint32_t cur = m_root;
    while (!(m_nodes[cur].flags & kLeaf)) {
        path[len++] = cur;
        cur = m_nodes[cur].child[key_bit(key, m_nodes[cur].bit)];
    }
    if (m_nodes[cur].key != key)
        return false;
    record(key, m_nodes[cur].slot[0]);
    if (len == 0) {
        m_root = kNil;
    } else {
        // The leaf's parent branch disappears; the other child takes its place (and, being
        // higher up now, gets a longer run of single-child levels above it).
        const std::uint32_t parent = path[len - 1];
        const std::uint32_t sibling = m_nodes[parent].child[key_bit(key, m_nodes[parent].bit) ^ 1u];
        if (len == 1) {
            m_root = sibling;
        } else {
            Node& gp = m_nodes[path[len - 2]];
            gp.child[key_bit(key, gp.bit)] = sibling;
        }
        for (std::size_t i = 0; i + 1 < len; ++i) {
            Node& n = m_nodes[path[i]];
            n.flags |= static_cast<std::uint8_t>(kSide0 << key_bit(key, n.bit));
        }
        free_node(parent);
    }
    free_node(cur);
    m_root_stale = true;
    --m_size;
    return true;
}

void SparseMerkleTree::update(std::span<const SmtUpdate> updates) {
    // Sorting by key makes consecutive descents share their (cached) upper path. The first 8
    // key bytes decide almost every comparison; the index keeps equal keys in input order.
    struct Entry {
        std::uint64_t prefix;
        std::uint32_t index;
    };
    std::vector<Entry> order(updates.size());
    for (std::size_t i = 0; i < updates.size(); ++i) {
        std::uint64_t p = 0;
        for (int b = 0; b < 8; ++b)
            p = (p << 8) | updates[i].key.bytes[b];
        order[i] = {p, static_cast<std::uint32_t>(i)};
    }
    std::sort(order.begin(), order.end(), [&](const Entry& a, const Entry& b) {
        if (a.prefix != b.prefix)
            return a.prefix < b.prefix;
        const int c =
            std::memcmp(updates[a.index].key.bytes.data(), updates[b.index].key.bytes.data(), 32);
        return c != 0 ? c < 0 : a.index < b.index;
    });
    constexpr std::size_t kGroup = 16;
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (i % kGroup == 0) {
            // Walk the next group's paths in lock step, prefetching one level per round: their
            // cache misses overlap instead of stalling one descent at a time.
            std::uint32_t cur[kGroup];
            const std::size_t n = std::min(kGroup, order.size() - i);
            for (std::size_t g = 0; g < n; ++g)
                cur[g] = m_root;
            for (bool more = m_root != kNil; more;) {
                more = false;
                for (std::size_t g = 0; g < n; ++g) {
                    if (cur[g] == kNil)
                        continue;
                    const Node& node = m_nodes[cur[g]];
                    if (node.flags & kLeaf) {
                        cur[g] = kNil;
                        continue;
                    }
                    cur[g] = node.child[key_bit(updates[order[i + g].index].key, node.bit)];
                    const char* line = reinterpret_cast<const char*>(&m_nodes[cur[g]]);
                    __builtin_prefetch(line);
                    __builtin_prefetch(line + 64);
                    more = true;
                }
            }
        }
        const SmtUpdate& u = updates[order[i].index];
        if (u.value) {
            set(u.key, *u.value);
        } else {
            erase(u.key);
        }
        // Keys arrive sorted, so no later key of the batch enters a subtree on this key's path
        // below the split with the next key: hash that part now, while it is still in cache.
        const unsigned shared =
            i + 1 < order.size() ? first_diff_bit(u.key, updates[order[i + 1].index].key) : 0;
        settle_below(u.key, shared);
    }
}

void SparseMerkleTree::settle_below(const Hash32& key, unsigned shared_bits) {
    if (m_root == kNil)
        return;
    std::uint32_t parent = kNil;
    std::uint32_t cur = m_root;
    while (!(m_nodes[cur].flags & kLeaf) && m_nodes[cur].bit <= shared_bits) {
        parent = cur;
        cur = m_nodes[cur].child[key_bit(key, m_nodes[cur].bit)];
    }
    if (parent == kNil)
        return;  // the whole path is shared: root() hashes it
    Node& p = m_nodes[parent];
    const unsigned side = key_bit(key, p.bit);
    const auto flag = static_cast<std::uint8_t>(kSide0 << side);
    if (!(p.flags & flag))
        return;
    p.slot[side] = extend(refresh(cur), cur, p.bit + 1u);
    p.flags = static_cast<std::uint8_t>(p.flags & ~flag);
}

// ---- hashing -----------------------------------------------------------------------------------

Hash32 SparseMerkleTree::own_hash(std::uint32_t index) const {
    const Node& n = m_nodes[index];
    return (n.flags & kLeaf) ? n.slot[1] : smt_node_hash(m_kind, n.slot[0], n.slot[1]);
}

Hash32 SparseMerkleTree::refresh(std::uint32_t index) const {
    Node& n = m_nodes[index];
    if (n.flags & kLeaf) {
        if (n.flags & kLeafStale) {
            n.slot[1] = smt_leaf_hash(m_kind, n.key, n.slot[0]);
            n.flags = static_cast<std::uint8_t>(n.flags & ~kLeafStale);
        }
        return n.slot[1];
    }
    for (unsigned side = 0; side < 2; ++side) {
        if (!(n.flags & (kSide0 << side)))
            continue;
        const std::uint32_t c = n.child[side];
        n.slot[side] = extend(refresh(c), c, n.bit + 1u);
    }
    n.flags = static_cast<std::uint8_t>(n.flags & ~(kSide0 | kSide1));
    return smt_node_hash(m_kind, n.slot[0], n.slot[1]);
}

Hash32 SparseMerkleTree::extend(const Hash32& own, std::uint32_t index, unsigned depth) const {
    const Node& n = m_nodes[index];
    if (n.flags & kLeaf)
        return own;
    // Levels depth .. bit-1 hold only this subtree on one side and the empty default on the other.
    Hash32 h = own;
    for (unsigned d = n.bit; d-- > depth;) {
        h = key_bit(n.key, d) ? smt_node_hash(m_kind, Hash32{}, h)
                              : smt_node_hash(m_kind, h, Hash32{});
    }
    return h;
}

#ifdef L2LAB_VERIFY
namespace {
constexpr std::size_t kVerifyMaxKeys = 4096;
}

// Recomputes a subtree's hash from scratch, ignoring every cached slot, and checks the trie
// shape on the way: branch bits strictly increase downwards and every key below a branch
// shares its prefix. Returns the hash at the subtree's own depth.
Hash32 SparseMerkleTree::recompute_uncached(std::uint32_t index,
                                            unsigned min_bit,
                                            const Hash32& prefix) const {
    const Node& n = m_nodes[index];
    // Everything below a branch at bit b (= min_bit - 1) shares that branch's first b bits.
    if (min_bit > 0 && first_diff_bit(n.key, prefix) < min_bit - 1) {
        throw StateError("sparse Merkle tree invariant: key outside its branch's prefix");
    }
    if (n.flags & kLeaf)
        return smt_leaf_hash(m_kind, n.key, n.slot[0]);
    if (n.bit < min_bit || n.child[0] == kNil || n.child[1] == kNil) {
        throw StateError("sparse Merkle tree invariant: malformed branch");
    }
    Hash32 slot[2];
    for (unsigned side = 0; side < 2; ++side) {
        const std::uint32_t c = n.child[side];
        if (key_bit(m_nodes[c].key, n.bit) != side) {
            throw StateError("sparse Merkle tree invariant: child on the wrong side");
        }
        slot[side] = extend(recompute_uncached(c, n.bit + 1u, n.key), c, n.bit + 1u);
    }
    return smt_node_hash(m_kind, slot[0], slot[1]);
}
#endif

Hash32 SparseMerkleTree::root() const {
    if (m_root == kNil)
        return smt_empty_root();
    if (m_root_stale) {
        m_root_hash = extend(refresh(m_root), m_root, 0);
        m_root_stale = false;
#ifdef L2LAB_VERIFY
        // The lazily maintained hash caches must agree with a from-scratch evaluation.
        if (m_size <= kVerifyMaxKeys &&
            extend(recompute_uncached(m_root, 0, m_nodes[m_root].key), m_root, 0) != m_root_hash) {
            throw StateError(
                "sparse Merkle tree invariant: cached root differs from recomputation");
        }
#endif
    }
    return m_root_hash;
}

// ---- proofs ------------------------------------------------------------------------------------

std::variant<std::monostate, SmtLeaf, SmtNodeOpening> SparseMerkleTree::open(std::uint32_t index,
                                                                             unsigned depth) const {
    const Node& n = m_nodes[index];
    if (n.flags & kLeaf)
        return SmtLeaf{n.key, n.slot[0]};
    if (n.bit == depth)
        return SmtNodeOpening{n.slot[0], n.slot[1]};
    const Hash32 child = extend(own_hash(index), index, depth + 1);
    if (key_bit(n.key, depth))
        return SmtNodeOpening{Hash32{}, child};
    return SmtNodeOpening{child, Hash32{}};
}

SmtProof SparseMerkleTree::prove(const Hash32& key) const {
    SmtProof proof;
    if (m_root == kNil)
        return proof;
    (void)root();  // every stored slot is current from here on
    std::uint32_t cur = m_root;
    std::uint32_t last_sibling = kNil;
    unsigned depth = 0;
    while (!(m_nodes[cur].flags & kLeaf)) {
        const Node& n = m_nodes[cur];
        // Single-child levels depth .. bit-1: the key either follows this subtree's prefix (empty
        // siblings) or leaves it, ending the path in an empty subtree beside it.
        const unsigned diverge = std::min<unsigned>(first_diff_bit(key, n.key), n.bit);
        proof.siblings.resize(std::max<std::size_t>(diverge, depth), Hash32{});
        if (diverge < n.bit) {
            proof.siblings.push_back(extend(own_hash(cur), cur, diverge + 1));
            proof.last_sibling = open(cur, diverge + 1);
            return proof;
        }
        const unsigned side = key_bit(key, n.bit);
        proof.siblings.push_back(n.slot[side ^ 1u]);
        last_sibling = n.child[side ^ 1u];
        depth = n.bit + 1u;
        cur = n.child[side];
    }
    const Node& leaf = m_nodes[cur];
    proof.terminal = SmtLeaf{leaf.key, leaf.slot[0]};
    if (last_sibling != kNil)
        proof.last_sibling = open(last_sibling, depth);
    return proof;
}

std::vector<SmtLeaf> SparseMerkleTree::leaves() const {
    std::vector<SmtLeaf> out;
    out.reserve(m_size);
    if (m_root == kNil)
        return out;
    std::vector<std::uint32_t> stack{m_root};
    while (!stack.empty()) {
        const std::uint32_t i = stack.back();
        stack.pop_back();
        const Node& n = m_nodes[i];
        if (n.flags & kLeaf) {
            out.push_back({n.key, n.slot[0]});
        } else {
            stack.push_back(n.child[1]);
            stack.push_back(n.child[0]);
        }
    }
    return out;
}

// ---- journal -----------------------------------------------------------------------------------

SmtCheckpoint SparseMerkleTree::checkpoint() {
    m_journaling = true;
    return {m_generation, m_journal.size()};
}

void SparseMerkleTree::rollback(const SmtCheckpoint& cp) {
    if (cp.generation != m_generation || !m_journaling || cp.position > m_journal.size()) {
        throw StateError("sparse Merkle tree: checkpoint is not from the current journal");
    }
    const bool was = m_journaling;
    m_journaling = false;
    while (m_journal.size() > cp.position) {
        const JournalEntry e = m_journal.back();
        m_journal.pop_back();
        if (e.old_value) {
            set(e.key, *e.old_value);
        } else {
            erase(e.key);
        }
    }
    m_journaling = was;
}

void SparseMerkleTree::clear_journal() {
    m_journal.clear();
    m_journal.shrink_to_fit();
    m_journaling = false;
    ++m_generation;
}

}  // namespace l2lab::crypto
