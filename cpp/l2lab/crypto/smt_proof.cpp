// Sparse Merkle tree proofs: hashing rules, the compact strict encoding, verification and the
// stateless post-update root used by fault proofs. The tree itself is in smt.cpp.
#include <bit>
#include <cstring>
#include <string>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/crypto/smt.hpp"
#include "l2lab/crypto/smt_detail.hpp"

namespace l2lab::crypto {
namespace {
using detail::first_diff_bit;
using detail::key_bit;

constexpr std::uint64_t kOpeningLeaf = 0;
constexpr std::uint64_t kOpeningNode = 1;

Hash32 hash65(HashKind kind, std::uint8_t prefix, const Hash32& a, const Hash32& b) {
    std::uint8_t buf[65];
    buf[0] = prefix;
    std::memcpy(buf + 1, a.bytes.data(), 32);
    std::memcpy(buf + 33, b.bytes.data(), 32);
    return hash_bytes(kind, BytesView(buf, 65));
}

// Hash of a subtree at depth d + 1 combined with the sibling at depth d into depth d.
Hash32 combine(HashKind kind,
               const Hash32& key,
               unsigned d,
               const Hash32& mine,
               const Hash32& sibling) {
    return key_bit(key, d) ? smt_node_hash(kind, sibling, mine)
                           : smt_node_hash(kind, mine, sibling);
}

bool same_prefix(const Hash32& a, const Hash32& b, std::size_t bits) {
    return first_diff_bit(a, b) >= bits;
}

// Folds `h`, the hash of the subtree at depth `from` on the key's path, up to the root.
Hash32 fold(HashKind kind,
            const Hash32& key,
            const std::vector<Hash32>& siblings,
            std::size_t from,
            Hash32 h) {
    for (std::size_t d = from; d-- > 0;)
        h = combine(kind, key, static_cast<unsigned>(d), h, siblings[d]);
    return h;
}

[[noreturn]] void fail(DecodeErrorKind kind, std::size_t offset, const std::string& what) {
    throw DecodeError(kind, offset, "smt proof: " + what);
}

}  // namespace

Hash32 smt_leaf_hash(HashKind kind, const Hash32& key, const Hash32& value) {
    return hash65(kind, 0x00, key, value);
}

Hash32 smt_node_hash(HashKind kind, const Hash32& left, const Hash32& right) {
    return hash65(kind, 0x01, left, right);
}

// ---- encoding ----------------------------------------------------------------------------------

Bytes SmtProof::encode() const {
    const std::size_t depth = siblings.size();
    Bytes bitmap((depth + 7) / 8, 0);
    rlp::ListBuilder sibs;
    for (std::size_t d = 0; d < depth; ++d) {
        if (siblings[d].is_zero())
            continue;
        bitmap[d / 8] = static_cast<std::uint8_t>(bitmap[d / 8] | (0x80u >> (d % 8)));
        sibs.add_hash(siblings[d]);
    }
    rlp::ListBuilder term;
    if (terminal)
        term.add_hash(terminal->key).add_hash(terminal->value);
    rlp::ListBuilder opening;
    if (const auto* leaf = std::get_if<SmtLeaf>(&last_sibling)) {
        opening.add_u64(kOpeningLeaf).add_hash(leaf->key).add_hash(leaf->value);
    } else if (const auto* node = std::get_if<SmtNodeOpening>(&last_sibling)) {
        opening.add_u64(kOpeningNode).add_hash(node->left).add_hash(node->right);
    }
    rlp::ListBuilder out;
    out.add_u64(depth)
        .add_bytes(bitmap)
        .add_encoded(sibs.finish())
        .add_encoded(term.finish())
        .add_encoded(opening.finish());
    return out.finish();
}

SmtProof SmtProof::decode(BytesView encoded) {
    rlp::Limits limits;
    limits.max_input_bytes = 16 * 1024;  // a full-depth proof is ~8.6 KiB
    limits.max_depth = 2;
    limits.max_items = 512;
    const rlp::Item top = rlp::decode(encoded, limits);
    if (!top.is_list())
        fail(DecodeErrorKind::UnexpectedType, top.offset(), "expected a list");
    const auto& f = top.fields(5);

    const std::uint64_t depth = f[0].u64_value();
    if (depth > kSmtMaxDepth) {
        fail(DecodeErrorKind::InvalidValue, f[0].offset(),
             "depth " + std::to_string(depth) + " exceeds 256");
    }
    const BytesView bitmap = f[1].bytes();
    if (bitmap.size() != (depth + 7) / 8) {
        fail(DecodeErrorKind::InvalidValue, f[1].offset(),
             "bitmap must be " + std::to_string((depth + 7) / 8) + " bytes for depth " +
                 std::to_string(depth) + ", got " + std::to_string(bitmap.size()));
    }
    if (depth % 8 != 0 && !bitmap.empty() && (bitmap.back() & (0xffu >> (depth % 8))) != 0) {
        fail(DecodeErrorKind::NonCanonical, f[1].offset(), "bitmap padding bits must be zero");
    }
    std::size_t set_bits = 0;
    for (std::uint8_t b : bitmap)
        set_bits += static_cast<std::size_t>(std::popcount(b));
    if (f[2].is_list() == false) {
        fail(DecodeErrorKind::UnexpectedType, f[2].offset(), "siblings must be a list");
    }
    const auto& sib_items = f[2].items();
    if (sib_items.size() != set_bits) {
        fail(DecodeErrorKind::InvalidValue, f[2].offset(),
             "bitmap announces " + std::to_string(set_bits) + " siblings, list holds " +
                 std::to_string(sib_items.size()));
    }

    SmtProof proof;
    proof.siblings.assign(depth, Hash32{});
    std::size_t next = 0;
    for (std::size_t d = 0; d < depth; ++d) {
        if (!(bitmap[d / 8] & (0x80u >> (d % 8))))
            continue;
        const rlp::Item& item = sib_items[next++];
        const Hash32 h = item.hash();
        if (h.is_zero()) {
            fail(DecodeErrorKind::NonCanonical, item.offset(),
                 "an empty sibling must be a clear bitmap bit, not 32 zero bytes");
        }
        proof.siblings[d] = h;
    }
    if (depth > 0 && proof.siblings.back().is_zero()) {
        fail(DecodeErrorKind::InvalidValue, f[1].offset(),
             "the deepest sibling (depth " + std::to_string(depth - 1) + ") cannot be empty");
    }

    if (!f[3].is_list())
        fail(DecodeErrorKind::UnexpectedType, f[3].offset(), "terminal must be a list");
    const auto& term = f[3].items();
    if (term.size() == 2) {
        proof.terminal = SmtLeaf{term[0].hash(), term[1].hash()};
    } else if (!term.empty()) {
        fail(DecodeErrorKind::UnexpectedType, f[3].offset(),
             "terminal must be [] or [key, value], got " + std::to_string(term.size()) + " items");
    }

    if (!f[4].is_list())
        fail(DecodeErrorKind::UnexpectedType, f[4].offset(), "opening must be a list");
    const auto& open = f[4].items();
    if (depth == 0) {
        if (!open.empty()) {
            fail(DecodeErrorKind::InvalidValue, f[4].offset(), "a depth-0 proof has no opening");
        }
    } else {
        if (open.size() != 3) {
            fail(DecodeErrorKind::UnexpectedType, f[4].offset(),
                 "opening must be [tag, a, b], got " + std::to_string(open.size()) + " items");
        }
        const std::uint64_t tag = open[0].u64_value();
        if (tag == kOpeningLeaf) {
            proof.last_sibling = SmtLeaf{open[1].hash(), open[2].hash()};
        } else if (tag == kOpeningNode) {
            proof.last_sibling = SmtNodeOpening{open[1].hash(), open[2].hash()};
        } else {
            fail(DecodeErrorKind::InvalidValue, open[0].offset(),
                 "opening tag must be 0 (leaf) or 1 (node), got " + std::to_string(tag));
        }
    }
    return proof;
}

// ---- verification ------------------------------------------------------------------------------

namespace {
// Checks everything but the final root comparison; returns the terminal subtree's hash.
std::optional<Hash32> check_structure(HashKind kind,
                                      const Hash32& key,
                                      const std::optional<Hash32>& value,
                                      const SmtProof& proof) {
    const std::size_t depth = proof.depth();
    if (depth > kSmtMaxDepth)
        return std::nullopt;
    if (depth == 0) {
        if (!std::holds_alternative<std::monostate>(proof.last_sibling))
            return std::nullopt;
    } else {
        const Hash32& last = proof.siblings.back();
        if (last.is_zero())
            return std::nullopt;
        if (const auto* leaf = std::get_if<SmtLeaf>(&proof.last_sibling)) {
            // An empty terminal next to a lone leaf would have collapsed into that leaf.
            if (!proof.terminal)
                return std::nullopt;
            if (!same_prefix(leaf->key, key, depth - 1))
                return std::nullopt;
            if (key_bit(leaf->key, static_cast<unsigned>(depth - 1)) ==
                key_bit(key, static_cast<unsigned>(depth - 1))) {
                return std::nullopt;
            }
            if (smt_leaf_hash(kind, leaf->key, leaf->value) != last)
                return std::nullopt;
        } else if (const auto* node = std::get_if<SmtNodeOpening>(&proof.last_sibling)) {
            if (smt_node_hash(kind, node->left, node->right) != last)
                return std::nullopt;
        } else {
            return std::nullopt;
        }
    }
    if (value) {
        if (!proof.terminal || proof.terminal->key != key || proof.terminal->value != *value) {
            return std::nullopt;
        }
    } else if (proof.terminal) {
        if (proof.terminal->key == key || !same_prefix(proof.terminal->key, key, depth)) {
            return std::nullopt;
        }
    }
    if (!proof.terminal)
        return Hash32{};
    return smt_leaf_hash(kind, proof.terminal->key, proof.terminal->value);
}
}  // namespace

bool smt_verify(HashKind kind,
                const Hash32& root,
                const Hash32& key,
                const std::optional<Hash32>& value,
                const SmtProof& proof) {
    const auto terminal = check_structure(kind, key, value, proof);
    if (!terminal)
        return false;
    return fold(kind, key, proof.siblings, proof.depth(), *terminal) == root;
}

std::optional<Hash32> smt_root_after_update(HashKind kind,
                                            const Hash32& pre_root,
                                            const Hash32& key,
                                            const std::optional<Hash32>& old_value,
                                            const std::optional<Hash32>& new_value,
                                            const SmtProof& proof) {
    if (!smt_verify(kind, pre_root, key, old_value, proof))
        return std::nullopt;
    if (old_value == new_value)
        return pre_root;
    const std::size_t depth = proof.depth();
    const auto& sib = proof.siblings;

    if (new_value) {
        const Hash32 mine = smt_leaf_hash(kind, key, *new_value);
        if (old_value || !proof.terminal)
            return fold(kind, key, sib, depth, mine);
        // Insertion next to another lone leaf: the two split at their first differing bit,
        // with single-child levels from there up to the terminal depth.
        const SmtLeaf& other = *proof.terminal;
        const unsigned split = first_diff_bit(key, other.key);
        Hash32 h = combine(kind, key, split, mine, smt_leaf_hash(kind, other.key, other.value));
        for (std::size_t d = split; d-- > depth;) {
            h = combine(kind, key, static_cast<unsigned>(d), h, Hash32{});
        }
        return fold(kind, key, sib, depth, h);
    }

    // Deletion of a present key: its terminal subtree becomes empty.
    if (depth == 0)
        return smt_empty_root();
    if (std::holds_alternative<SmtNodeOpening>(proof.last_sibling)) {
        return fold(kind, key, sib, depth, Hash32{});
    }
    // The sibling is a lone leaf: it now floats up through every empty sibling until it meets
    // a non-empty one (the first subtree that again holds >= 2 leaves).
    Hash32 h = sib[depth - 1];
    std::size_t d = depth - 1;
    while (d > 0 && sib[d - 1].is_zero())
        --d;
    return fold(kind, key, sib, d, h);
}

}  // namespace l2lab::crypto
