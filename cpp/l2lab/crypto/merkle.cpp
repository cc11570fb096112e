#include "l2lab/crypto/merkle.hpp"

#include <cstring>
#include <string>

#include "l2lab/core/error.hpp"

namespace l2lab::crypto {

Hash32 merkle_leaf_hash(HashKind kind, BytesView data) {
    Bytes buf;
    buf.reserve(data.size() + 1);
    buf.push_back(0x00);
    buf.insert(buf.end(), data.begin(), data.end());
    return hash_bytes(kind, buf);
}

Hash32 merkle_node_hash(HashKind kind, const Hash32& left, const Hash32& right) {
    std::uint8_t buf[65];
    buf[0] = 0x01;
    std::memcpy(buf + 1, left.bytes.data(), 32);
    std::memcpy(buf + 33, right.bytes.data(), 32);
    return hash_bytes(kind, BytesView(buf, 65));
}

MerkleTree::MerkleTree(HashKind kind, std::vector<Hash32> leaf_hashes, int) : m_kind(kind) {
    m_levels.push_back(std::move(leaf_hashes));
    while (m_levels.back().size() > 1) {
        const auto& below = m_levels.back();
        std::vector<Hash32> up;
        up.reserve((below.size() + 1) / 2);
        for (std::size_t i = 0; i + 1 < below.size(); i += 2) {
            up.push_back(merkle_node_hash(kind, below[i], below[i + 1]));
        }
        if (below.size() % 2 == 1)
            up.push_back(below.back());
        m_levels.push_back(std::move(up));
    }
}

MerkleTree::MerkleTree(HashKind kind, std::span<const Bytes> leaves)
    : MerkleTree(
          kind,
          [&] {
              std::vector<Hash32> hashes;
              hashes.reserve(leaves.size());
              for (const Bytes& leaf : leaves)
                  hashes.push_back(merkle_leaf_hash(kind, leaf));
              return hashes;
          }(),
          0) {}

MerkleTree MerkleTree::from_leaf_hashes(HashKind kind, std::vector<Hash32> leaf_hashes) {
    return MerkleTree(kind, std::move(leaf_hashes), 0);
}

Hash32 MerkleTree::root() const {
    if (m_levels.front().empty())
        return hash_bytes(m_kind, BytesView{});
    return m_levels.back().front();
}

const Hash32& MerkleTree::leaf_hash(std::size_t index) const {
    if (index >= size()) {
        throw InvalidArgument("leaf index " + std::to_string(index) + " out of range for " +
                              std::to_string(size()) + " leaves");
    }
    return m_levels.front()[index];
}

MerkleProof MerkleTree::prove(std::size_t index) const {
    (void)leaf_hash(index);  // range check
    MerkleProof proof;
    proof.leaf_index = index;
    proof.leaf_count = size();
    std::size_t i = index;
    for (std::size_t level = 0; level + 1 < m_levels.size(); ++level) {
        const auto& nodes = m_levels[level];
        const std::size_t sibling = i ^ 1;
        if (sibling < nodes.size())
            proof.siblings.push_back(nodes[sibling]);
        i >>= 1;
    }
    return proof;
}

Hash32 merkle_root(HashKind kind, std::span<const Bytes> leaves) {
    return MerkleTree(kind, leaves).root();
}

bool merkle_verify_hash(HashKind kind,
                        const Hash32& root,
                        const Hash32& leaf_hash,
                        const MerkleProof& proof) {
    if (proof.leaf_index >= proof.leaf_count)
        return false;
    // Replay the level sizes of a tree with leaf_count leaves; a node without a sibling on its
    // level is promoted and consumes no proof element.
    Hash32 acc = leaf_hash;
    std::uint64_t i = proof.leaf_index;
    std::uint64_t width = proof.leaf_count;
    std::size_t used = 0;
    while (width > 1) {
        const std::uint64_t sibling = i ^ 1;
        if (sibling < width) {
            if (used == proof.siblings.size())
                return false;
            const Hash32& s = proof.siblings[used++];
            acc = (i & 1) ? merkle_node_hash(kind, s, acc) : merkle_node_hash(kind, acc, s);
        }
        i >>= 1;
        width = (width + 1) / 2;
    }
    return used == proof.siblings.size() && acc == root;
}

bool merkle_verify(HashKind kind, const Hash32& root, BytesView leaf, const MerkleProof& proof) {
    return merkle_verify_hash(kind, root, merkle_leaf_hash(kind, leaf), proof);
}

}  // namespace l2lab::crypto
