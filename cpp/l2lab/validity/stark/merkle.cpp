#include "l2lab/validity/stark/merkle.hpp"

#include <algorithm>

#include "l2lab/core/error.hpp"
#include "l2lab/validity/stark/hash_meter.hpp"
#include "l2lab/validity/stark/poly.hpp"

namespace l2lab::stark {

namespace {

Hash32 hash_node(crypto::HashKind kind, const Hash32& left, const Hash32& right) {
    std::uint8_t buf[65];
    buf[0] = 0x01;
    std::copy(left.bytes.begin(), left.bytes.end(), buf + 1);
    std::copy(right.bytes.begin(), right.bytes.end(), buf + 33);
    return metered_hash(kind, BytesView(buf, sizeof buf));
}

bool strictly_increasing_below(std::span<const std::size_t> idx, std::size_t bound) {
    for (std::size_t i = 0; i < idx.size(); ++i) {
        if (idx[i] >= bound) return false;
        if (i > 0 && idx[i] <= idx[i - 1]) return false;
    }
    return true;
}

}  // namespace

Hash32 hash_leaf(crypto::HashKind kind, std::span<const std::uint64_t> words) {
    Bytes buf(1 + 8 * words.size());
    buf[0] = 0x00;
    for (std::size_t i = 0; i < words.size(); ++i)
        for (std::size_t b = 0; b < 8; ++b)
            buf[1 + 8 * i + b] = static_cast<std::uint8_t>(words[i] >> (8 * b));
    return metered_hash(kind, buf);
}

Hash32 hash_leaf(crypto::HashKind kind, std::span<const Fp> values) {
    std::vector<std::uint64_t> w(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) w[i] = values[i].value();
    return hash_leaf(kind, std::span<const std::uint64_t>(w));
}

Hash32 hash_leaf(crypto::HashKind kind, std::span<const Fp3> values) {
    std::vector<std::uint64_t> w;
    w.reserve(3 * values.size());
    for (const auto& v : values)
        for (const auto& c : v.coeffs()) w.push_back(c.value());
    return hash_leaf(kind, std::span<const std::uint64_t>(w));
}

MerkleTree::MerkleTree(crypto::HashKind kind, std::vector<Hash32> leaves)
    : m_kind(kind), m_num_leaves(leaves.size()) {
    if (!is_power_of_two(m_num_leaves))
        throw InvalidArgument("stark merkle: number of leaves " + std::to_string(m_num_leaves) +
                              " is not a power of two");
    m_nodes.resize(2 * m_num_leaves);
    std::copy(leaves.begin(), leaves.end(), m_nodes.begin() + static_cast<std::ptrdiff_t>(m_num_leaves));
    for (std::size_t k = m_num_leaves - 1; k >= 1; --k) m_nodes[k] = hash_node(kind, m_nodes[2 * k], m_nodes[2 * k + 1]);
}

std::vector<Hash32> MerkleTree::open(std::span<const std::size_t> indices) const {
    if (!strictly_increasing_below(indices, m_num_leaves))
        throw InvalidArgument("stark merkle: opening indices must be strictly increasing and < leaves");
    std::vector<Hash32> out;
    std::vector<std::size_t> level;
    for (auto i : indices) level.push_back(i + m_num_leaves);
    while (!level.empty() && level.front() > 1) {
        std::vector<std::size_t> parents;
        for (std::size_t i = 0; i < level.size(); ++i) {
            const std::size_t k = level[i];
            if ((k & 1) == 0 && i + 1 < level.size() && level[i + 1] == k + 1) {
                ++i;  // both children known
            } else {
                out.push_back(m_nodes[k ^ 1]);
            }
            parents.push_back(k >> 1);
        }
        level = std::move(parents);
    }
    return out;
}

bool verify_multi_opening(crypto::HashKind kind, const Hash32& root, std::size_t num_leaves,
                          std::span<const std::size_t> indices, std::span<const Hash32> leaf_hashes,
                          std::span<const Hash32> nodes) {
    if (!is_power_of_two(num_leaves) || indices.empty() || leaf_hashes.size() != indices.size() ||
        !strictly_increasing_below(indices, num_leaves))
        return false;
    std::vector<std::size_t> ids;
    std::vector<Hash32> hashes(leaf_hashes.begin(), leaf_hashes.end());
    for (auto i : indices) ids.push_back(i + num_leaves);
    std::size_t used = 0;
    while (ids.front() > 1) {
        std::vector<std::size_t> pid;
        std::vector<Hash32> ph;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            const std::size_t k = ids[i];
            Hash32 left, right;
            if ((k & 1) == 0 && i + 1 < ids.size() && ids[i + 1] == k + 1) {
                left = hashes[i];
                right = hashes[i + 1];
                ++i;
            } else {
                if (used >= nodes.size()) return false;
                const Hash32& sib = nodes[used++];
                if ((k & 1) == 0) {
                    left = hashes[i];
                    right = sib;
                } else {
                    left = sib;
                    right = hashes[i];
                }
            }
            pid.push_back(k >> 1);
            ph.push_back(hash_node(kind, left, right));
        }
        ids = std::move(pid);
        hashes = std::move(ph);
    }
    return used == nodes.size() && hashes.front() == root;
}

std::vector<std::size_t> sorted_unique(std::vector<std::size_t> positions) {
    std::sort(positions.begin(), positions.end());
    positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
    return positions;
}

}  // namespace l2lab::stark
