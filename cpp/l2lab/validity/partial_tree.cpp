#include "l2lab/validity/partial_tree.hpp"

#include <bit>
#include <string>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"

namespace l2lab::validity {

namespace {

constexpr auto kKeccak = crypto::HashKind::Keccak256;
constexpr std::uint8_t kBranchByte = 0x01;

unsigned bit_at(const Hash32& key, unsigned d) { return (key.bytes[d >> 3] >> (7 - (d & 7))) & 1u; }

unsigned first_diff(const Hash32& a, const Hash32& b) {
    for (unsigned i = 0; i < 32; ++i) {
        const auto x = static_cast<std::uint8_t>(a.bytes[i] ^ b.bytes[i]);
        if (x != 0) return i * 8 + static_cast<unsigned>(std::countl_zero(x));
    }
    return 256;
}

[[noreturn]] void bad(DecodeErrorKind kind, std::size_t offset, const std::string& what) {
    throw DecodeError(kind, offset, "partial tree: " + what);
}

}  // namespace

std::uint32_t PartialTree::add(Node n) {
    m_nodes.push_back(n);
    return static_cast<std::uint32_t>(m_nodes.size() - 1);
}

void PartialTree::rehash(std::uint32_t index) {
    Node& n = m_nodes[index];
    switch (n.kind) {
        case kEmpty: n.hash = Hash32{}; break;
        case kOpaque: break;
        case kLeaf:
            n.hash = crypto::smt_leaf_hash(kKeccak, n.key, n.value);
            ++m_hashes;
            break;
        case kBranch:
            n.hash = crypto::smt_node_hash(kKeccak, m_nodes[n.child[0]].hash, m_nodes[n.child[1]].hash);
            ++m_hashes;
            break;
    }
}

void PartialTree::rehash_all() {
    // Children are always created after their parent (pre-order decode, downward growth in
    // from_proofs), so a reverse sweep hashes every child before its parent.
    for (std::size_t i = m_nodes.size(); i-- > 0;) rehash(static_cast<std::uint32_t>(i));
}

// ---- encoding ------------------------------------------------------------------------------

Bytes PartialTree::encode() const {
    rlp::ListBuilder out;
    std::vector<std::uint32_t> stack{m_root};
    while (!stack.empty()) {
        const Node& n = m_nodes[stack.back()];
        stack.pop_back();
        switch (n.kind) {
            case kEmpty: out.add_bytes(BytesView{}); break;
            case kOpaque: out.add_hash(n.hash); break;
            case kLeaf: {
                std::uint8_t buf[64];
                std::copy(n.key.bytes.begin(), n.key.bytes.end(), buf);
                std::copy(n.value.bytes.begin(), n.value.bytes.end(), buf + 32);
                out.add_bytes(BytesView(buf, 64));
                break;
            }
            case kBranch:
                out.add_bytes(BytesView(&kBranchByte, 1));
                stack.push_back(n.child[1]);
                stack.push_back(n.child[0]);
                break;
        }
    }
    return out.finish();
}

PartialTree PartialTree::decode(BytesView encoding) {
    rlp::Limits lim;
    lim.max_input_bytes = kMaxPartialTreeBytes;
    lim.max_depth = 1;
    lim.max_items = kMaxPartialTreeBytes;
    const auto top = rlp::decode(encoding, lim);
    const auto& items = top.items();
    PartialTree t;
    t.m_nodes.reserve(items.size());
    std::size_t pos = 0;
    struct Frame {
        std::uint32_t branch;
        unsigned side;  // the child being read (0, 1) or 2 when both are read
    };
    std::vector<Frame> stack;  // stack[d] is the branch at depth d on the current path
    auto read = [&](unsigned depth) -> std::uint32_t {
        if (pos >= items.size()) bad(DecodeErrorKind::Truncated, top.offset(), "a subtree is missing");
        const auto& it = items[pos++];
        const BytesView b = it.bytes();
        Node n;
        if (b.empty()) {
            n.kind = kEmpty;
        } else if (b.size() == 1 && b[0] == kBranchByte) {
            if (depth >= 256) bad(DecodeErrorKind::InvalidValue, it.offset(), "branch at depth 256");
            n.kind = kBranch;
        } else if (b.size() == 32) {
            n.kind = kOpaque;
            n.hash = Hash32::from_view(b);
            if (n.hash.is_zero()) {
                bad(DecodeErrorKind::NonCanonical, it.offset(), "an empty subtree must be the empty string");
            }
        } else if (b.size() == 64) {
            n.kind = kLeaf;
            n.key = Hash32::from_view(b.subspan(0, 32));
            n.value = Hash32::from_view(b.subspan(32, 32));
            for (unsigned d = 0; d < depth; ++d) {
                if (bit_at(n.key, d) != stack[d].side) {
                    bad(DecodeErrorKind::InvalidValue, it.offset(), "leaf key does not match its path");
                }
            }
        } else {
            bad(DecodeErrorKind::InvalidValue, it.offset(),
                "node of " + std::to_string(b.size()) + " bytes (0, 1, 32 or 64 expected)");
        }
        return t.add(n);
    };
    t.m_root = read(0);
    if (t.m_nodes[t.m_root].kind == kBranch) stack.push_back({t.m_root, 0});
    while (!stack.empty()) {
        const auto depth = static_cast<unsigned>(stack.size());
        Frame& f = stack.back();
        if (f.side == 2) {
            const Node& br = t.m_nodes[f.branch];
            const Kind a = t.m_nodes[br.child[0]].kind;
            const Kind c = t.m_nodes[br.child[1]].kind;
            if ((a == kEmpty && (c == kEmpty || c == kLeaf)) || (c == kEmpty && a == kLeaf)) {
                bad(DecodeErrorKind::NonCanonical, top.offset(),
                    "a branch must hold at least two leaves");
            }
            stack.pop_back();
            if (!stack.empty()) ++stack.back().side;
            continue;
        }
        const std::uint32_t branch = f.branch;
        const unsigned side = f.side;
        const std::uint32_t c = read(depth);
        t.m_nodes[branch].child[side] = c;
        if (t.m_nodes[c].kind == kBranch) {
            stack.push_back({c, 0});
        } else {
            ++stack.back().side;
        }
    }
    if (pos != items.size()) {
        bad(DecodeErrorKind::TrailingBytes, items[pos].offset(), "nodes after the complete tree");
    }
    t.rehash_all();
    return t;
}

// ---- building from proofs (prover side) ------------------------------------------------------

PartialTree PartialTree::from_proofs(const Hash32& root,
                                     std::span<const std::pair<Hash32, crypto::SmtProof>> proofs) {
    PartialTree t;
    Node r;
    if (root.is_zero()) {
        r.kind = kEmpty;
    } else {
        r.kind = kOpaque;
        r.unknown = true;
    }
    t.m_root = t.add(r);
    auto sibling_node = [](const Hash32& h) {
        Node n;
        n.kind = h.is_zero() ? kEmpty : kOpaque;
        n.hash = h;
        return n;
    };
    auto fail = [] { throw InvalidArgument("partial tree: proofs disagree with each other"); };
    for (const auto& [key, proof] : proofs) {
        std::uint32_t at = t.m_root;
        std::uint32_t parent = 0;
        const std::size_t depth = proof.depth();
        for (std::size_t d = 0; d < depth; ++d) {
            const unsigned b = bit_at(key, static_cast<unsigned>(d));
            if (t.m_nodes[at].kind == kOpaque) {
                Node br;
                br.kind = kBranch;
                const std::uint32_t sib = t.add(sibling_node(proof.siblings[d]));
                Node path;
                path.kind = kOpaque;
                path.unknown = true;
                const std::uint32_t next = t.add(path);
                br.child[b] = next;
                br.child[1 - b] = sib;
                t.m_nodes[at] = br;
            } else if (t.m_nodes[at].kind != kBranch) {
                fail();
            }
            parent = at;
            at = t.m_nodes[at].child[b];
        }
        Node term;
        if (proof.terminal) {
            term.kind = kLeaf;
            term.key = proof.terminal->key;
            term.value = proof.terminal->value;
        }
        Node& here = t.m_nodes[at];
        if (here.kind == kOpaque) {
            here = term;
        } else if (here.kind != term.kind ||
                   (term.kind == kLeaf && (here.key != term.key || here.value != term.value))) {
            fail();
        }
        if (depth == 0) continue;
        const std::uint32_t sib = t.m_nodes[parent].child[1 - bit_at(key, static_cast<unsigned>(depth - 1))];
        if (t.m_nodes[sib].kind != kOpaque) continue;  // already revealed by another proof
        Node open;
        if (const auto* leaf = std::get_if<crypto::SmtLeaf>(&proof.last_sibling)) {
            open.kind = kLeaf;
            open.key = leaf->key;
            open.value = leaf->value;
            t.m_nodes[sib] = open;
        } else if (const auto* node = std::get_if<crypto::SmtNodeOpening>(&proof.last_sibling)) {
            const std::uint32_t l = t.add(sibling_node(node->left));
            const std::uint32_t rr = t.add(sibling_node(node->right));
            open.kind = kBranch;
            open.child[0] = l;
            open.child[1] = rr;
            t.m_nodes[sib] = open;
        } else {
            fail();
        }
    }
    if (t.m_nodes[t.m_root].unknown) {  // no proof at all: the whole tree stays opaque
        t.m_nodes[t.m_root].unknown = false;
        t.m_nodes[t.m_root].hash = root;
    }
    for (const auto& n : t.m_nodes) {
        if (n.kind == kOpaque && n.unknown) fail();
    }
    t.rehash_all();
    t.m_hashes = 0;
    // Re-encode and decode: the result is canonical and its nodes are in pre-order.
    PartialTree canon = decode(t.encode());
    if (canon.root() != root) throw InvalidArgument("partial tree: proofs do not hash to the root");
    canon.m_hashes = 0;
    return canon;
}

// ---- reading, updating, proving -------------------------------------------------------------

TreeLookup PartialTree::lookup(const Hash32& key, Hash32* value) const {
    std::uint32_t at = m_root;
    unsigned d = 0;
    while (m_nodes[at].kind == kBranch) at = m_nodes[at].child[bit_at(key, d++)];
    const Node& n = m_nodes[at];
    if (n.kind == kOpaque) return TreeLookup::Unknown;
    if (n.kind == kLeaf && n.key == key) {
        if (value) *value = n.value;
        return TreeLookup::Present;
    }
    return TreeLookup::Absent;
}

bool PartialTree::set(const Hash32& key, const std::optional<Hash32>& value) {
    std::vector<std::uint32_t> path;  // branches from the root down
    std::uint32_t at = m_root;
    unsigned d = 0;
    while (m_nodes[at].kind == kBranch) {
        path.push_back(at);
        at = m_nodes[at].child[bit_at(key, d++)];
    }
    Node& end = m_nodes[at];
    if (end.kind == kOpaque) return false;
    const bool present = end.kind == kLeaf && end.key == key;
    if (!value) {
        if (!present) return true;  // deleting an absent key changes nothing
        // The subtree at the key's position becomes `repl`; it absorbs its parents while they
        // would hold fewer than two leaves. Planned first so that a failure changes nothing.
        Node repl;  // empty
        std::size_t stop = path.size();  // the deepest surviving branch, or path.size(): none
        for (std::size_t j = path.size(); j-- > 0;) {
            const Node& sib = m_nodes[m_nodes[path[j]].child[1 - bit_at(key, static_cast<unsigned>(j))]];
            if (repl.kind == kEmpty && sib.kind == kLeaf) {
                repl = sib;
            } else if (repl.kind == kEmpty && sib.kind == kOpaque) {
                return false;  // an opaque sibling may be a lone leaf that must move up
            } else if (!(sib.kind == kEmpty)) {
                stop = j;
                break;
            }
        }
        if (stop == path.size()) {
            m_nodes[m_root] = repl;
            rehash(m_root);
            return true;
        }
        const std::uint32_t slot = m_nodes[path[stop]].child[bit_at(key, static_cast<unsigned>(stop))];
        m_nodes[slot] = repl;
        rehash(slot);
        for (std::size_t j = stop + 1; j-- > 0;) rehash(path[j]);
        return true;
    }
    if (present || end.kind == kEmpty) {
        Node leaf;
        leaf.kind = kLeaf;
        leaf.key = key;
        leaf.value = *value;
        m_nodes[at] = leaf;
        rehash(at);
    } else {
        // Split the leaf: single-child branches down to the first differing bit.
        const Node other = end;
        const unsigned split = first_diff(key, other.key);
        std::uint32_t cur = at;
        for (unsigned t = d; t < split; ++t) {
            const std::uint32_t next = add(Node{});
            const std::uint32_t empty = add(Node{});
            Node br;
            br.kind = kBranch;
            br.child[bit_at(key, t)] = next;
            br.child[1 - bit_at(key, t)] = empty;
            m_nodes[cur] = br;
            path.push_back(cur);
            cur = next;
        }
        Node mine;
        mine.kind = kLeaf;
        mine.key = key;
        mine.value = *value;
        const std::uint32_t a = add(mine);
        const std::uint32_t b = add(other);
        rehash(a);
        rehash(b);
        Node br;
        br.kind = kBranch;
        br.child[bit_at(key, split)] = a;
        br.child[1 - bit_at(key, split)] = b;
        m_nodes[cur] = br;
        path.push_back(cur);
    }
    for (std::size_t j = path.size(); j-- > 0;) rehash(path[j]);
    return true;
}

std::optional<crypto::SmtProof> PartialTree::prove(const Hash32& key) const {
    crypto::SmtProof p;
    std::uint32_t at = m_root;
    std::uint32_t last_sib = 0;
    unsigned d = 0;
    while (m_nodes[at].kind == kBranch) {
        const unsigned b = bit_at(key, d++);
        last_sib = m_nodes[at].child[1 - b];
        p.siblings.push_back(m_nodes[last_sib].hash);
        at = m_nodes[at].child[b];
    }
    const Node& end = m_nodes[at];
    if (end.kind == kOpaque) return std::nullopt;
    if (end.kind == kLeaf) p.terminal = crypto::SmtLeaf{end.key, end.value};
    if (!p.siblings.empty()) {
        const Node& s = m_nodes[last_sib];
        if (s.kind == kLeaf) {
            p.last_sibling = crypto::SmtLeaf{s.key, s.value};
        } else if (s.kind == kBranch) {
            p.last_sibling = crypto::SmtNodeOpening{m_nodes[s.child[0]].hash, m_nodes[s.child[1]].hash};
        } else {
            return std::nullopt;
        }
    }
    return p;
}

}  // namespace l2lab::validity
