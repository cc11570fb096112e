// Sparse Merkle tree storage: a compressed binary trie (crit-bit style) holding only branch
// nodes and leaves in one index-addressed pool, with lazily recomputed hashes.
#include "l2lab/crypto/smt.hpp"

#include <algorithm>
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
    if (m_nodes.size() >= kNil) throw StateError("sparse Merkle tree: node pool exhausted");
    m_nodes.emplace_back();
    return static_cast<std::uint32_t>(m_nodes.size() - 1);
}

void SparseMerkleTree::free_node(std::uint32_t index) { m_free.push_back(index); }

void SparseMerkleTree::record(const Hash32& key, const std::optional<Hash32>& old_value) {
    if (m_journaling) m_journal.push_back({key, old_value});
}

std::optional<Hash32> SparseMerkleTree::get(const Hash32& key) const {
    std::uint32_t cur = m_root;
    if (cur == kNil) return std::nullopt;
    while (!m_nodes[cur].leaf) cur = m_nodes[cur].child[key_bit(key, m_nodes[cur].bit)];
    if (m_nodes[cur].key != key) return std::nullopt;
    return m_nodes[cur].aux;
}

void SparseMerkleTree::set(const Hash32& key, const Hash32& value) {
    if (m_root == kNil) {
        const std::uint32_t leaf = new_node();
        Node& n = m_nodes[leaf];
        n.leaf = true;
        n.key = key;
        n.aux = value;
        m_root = leaf;
        ++m_size;
        record(key, std::nullopt);
        return;
    }
    std::uint32_t path[kSmtMaxDepth];
    std::size_t len = 0;
    std::uint32_t cur = m_root;
    while (!m_nodes[cur].leaf) {
        path[len++] = cur;
        cur = m_nodes[cur].child[key_bit(key, m_nodes[cur].bit)];
    }
    Node& found = m_nodes[cur];
    if (found.key == key) {
        if (found.aux == value) return;
        record(key, found.aux);
        found.aux = value;
        found.dirty = true;
        for (std::size_t i = 0; i < len; ++i) m_nodes[path[i]].dirty = true;
        return;
    }
    // The new leaf and `found` agree on every branch bit along the path, so `split` differs
    // from all of them; the new branch goes above the first path node that splits deeper.
    const unsigned split = first_diff_bit(key, found.key);
    std::size_t pos = 0;
    while (pos < len && m_nodes[path[pos]].bit < split) ++pos;
    const std::uint32_t below = pos < len ? path[pos] : cur;

    const std::uint32_t leaf = new_node();
    const std::uint32_t branch = new_node();
    {
        Node& l = m_nodes[leaf];
        l.leaf = true;
        l.key = key;
        l.aux = value;
    }
    {
        Node& b = m_nodes[branch];
        b.key = key;
        b.bit = static_cast<std::uint16_t>(split);
        const unsigned side = key_bit(key, split);
        b.child[side] = leaf;
        b.child[side ^ 1u] = below;
    }
    if (pos == 0) {
        m_root = branch;
    } else {
        Node& parent = m_nodes[path[pos - 1]];
        parent.child[key_bit(key, parent.bit)] = branch;
    }
    for (std::size_t i = 0; i < pos; ++i) m_nodes[path[i]].dirty = true;
    ++m_size;
    record(key, std::nullopt);
}

bool SparseMerkleTree::erase(const Hash32& key) {
    if (m_root == kNil) return false;
    std::uint32_t path[kSmtMaxDepth];
    std::size_t len = 0;
    std::uint32_t cur = m_root;
    while (!m_nodes[cur].leaf) {
        path[len++] = cur;
        cur = m_nodes[cur].child[key_bit(key, m_nodes[cur].bit)];
    }
    if (m_nodes[cur].key != key) return false;
    record(key, m_nodes[cur].aux);
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
        for (std::size_t i = 0; i + 1 < len; ++i) m_nodes[path[i]].dirty = true;
        free_node(parent);
    }
    free_node(cur);
    --m_size;
    return true;
}

void SparseMerkleTree::update(std::span<const SmtUpdate> updates) {
    std::vector<const SmtUpdate*> order;
    order.reserve(updates.size());
    for (const auto& u : updates) order.push_back(&u);
    std::stable_sort(order.begin(), order.end(),
                     [](const SmtUpdate* a, const SmtUpdate* b) { return a->key < b->key; });
    for (const SmtUpdate* u : order) {
        if (u->value) {
            set(u->key, *u->value);
        } else {
            erase(u->key);
        }
    }
}

// ---- hashing -----------------------------------------------------------------------------------

void SparseMerkleTree::rehash(std::uint32_t index) const {
    Node& n = m_nodes[index];
    if (!n.dirty) return;
    if (n.leaf) {
        n.hash = smt_leaf_hash(m_kind, n.key, n.aux);
        n.dirty = false;
        return;
    }
    const std::uint32_t c0 = n.child[0];
    const std::uint32_t c1 = n.child[1];
    rehash(c0);
    rehash(c1);
    const unsigned depth = static_cast<unsigned>(m_nodes[index].bit) + 1;
    const Hash32 h = smt_node_hash(m_kind, slot_hash(c0, depth), slot_hash(c1, depth));
    Node& again = m_nodes[index];
    again.hash = h;
    again.slot_depth = kNoSlot;
    again.dirty = false;
}

Hash32 SparseMerkleTree::extend(std::uint32_t index, unsigned depth) const {
    const Node& n = m_nodes[index];
    if (n.leaf) return n.hash;
    // Levels depth .. bit-1 hold only this subtree on one side and the empty default on the other.
    Hash32 h = n.hash;
    for (unsigned d = n.bit; d-- > depth;) {
        h = key_bit(n.key, d) ? smt_node_hash(m_kind, Hash32{}, h) : smt_node_hash(m_kind, h, Hash32{});
    }
    return h;
}

const Hash32& SparseMerkleTree::slot_hash(std::uint32_t index, unsigned depth) const {
    Node& n = m_nodes[index];
    if (n.leaf) return n.hash;
    if (n.slot_depth != depth) {
        n.aux = extend(index, depth);
        n.slot_depth = static_cast<std::uint16_t>(depth);
    }
    return n.aux;
}

Hash32 SparseMerkleTree::root() const {
    if (m_root == kNil) return smt_empty_root();
    rehash(m_root);
    return slot_hash(m_root, 0);
}

// ---- proofs ------------------------------------------------------------------------------------

std::variant<std::monostate, SmtLeaf, SmtNodeOpening> SparseMerkleTree::open(std::uint32_t index,
                                                                             unsigned depth) const {
    const Node& n = m_nodes[index];
    if (n.leaf) return SmtLeaf{n.key, n.aux};
    if (n.bit == depth) {
        return SmtNodeOpening{slot_hash(n.child[0], depth + 1), slot_hash(n.child[1], depth + 1)};
    }
    const Hash32 child = extend(index, depth + 1);
    if (key_bit(n.key, depth)) return SmtNodeOpening{Hash32{}, child};
    return SmtNodeOpening{child, Hash32{}};
}

SmtProof SparseMerkleTree::prove(const Hash32& key) const {
    SmtProof proof;
    if (m_root == kNil) return proof;
    rehash(m_root);
    std::uint32_t cur = m_root;
    std::uint32_t last_sibling = kNil;
    unsigned depth = 0;
    while (!m_nodes[cur].leaf) {
        const Node& n = m_nodes[cur];
        // Single-child levels depth .. bit-1: the key either follows this subtree's prefix (empty
        // siblings) or leaves it, ending the path in an empty subtree beside it.
        const unsigned diverge = std::min<unsigned>(first_diff_bit(key, n.key), n.bit);
        proof.siblings.resize(std::max<std::size_t>(diverge, depth), Hash32{});
        if (diverge < n.bit && diverge >= depth) {
            proof.siblings.push_back(extend(cur, diverge + 1));
            proof.last_sibling = open(cur, diverge + 1);
            return proof;
        }
        const unsigned side = key_bit(key, n.bit);
        const std::uint32_t other = n.child[side ^ 1u];
        const std::uint32_t next = n.child[side];
        proof.siblings.push_back(slot_hash(other, n.bit + 1u));
        last_sibling = other;
        depth = m_nodes[cur].bit + 1u;
        cur = next;
    }
    const Node& leaf = m_nodes[cur];
    proof.terminal = SmtLeaf{leaf.key, leaf.aux};
    if (last_sibling != kNil) proof.last_sibling = open(last_sibling, depth);
    return proof;
}

std::vector<SmtLeaf> SparseMerkleTree::leaves() const {
    std::vector<SmtLeaf> out;
    out.reserve(m_size);
    if (m_root == kNil) return out;
    std::vector<std::uint32_t> stack{m_root};
    while (!stack.empty()) {
        const std::uint32_t i = stack.back();
        stack.pop_back();
        const Node& n = m_nodes[i];
        if (n.leaf) {
            out.push_back({n.key, n.aux});
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
