#include "l2lab/validity/stark/account_tree.hpp"

#include <string>

namespace l2lab::stark {

namespace {

// empty[l] = root of an empty subtree of height l: empty[0] = 0, empty[l + 1] = merge(e, e).
const std::vector<rescue::Digest>& empty_subtrees() {
    static const std::vector<rescue::Digest> table = [] {
        std::vector<rescue::Digest> t(33);
        for (std::size_t l = 0; l + 1 < t.size(); ++l)
            t[l + 1] = rescue::merge(t[l], t[l]);
        return t;
    }();
    return table;
}

std::uint64_t be_bytes(const Address& a, std::size_t from, std::size_t to) {
    std::uint64_t v = 0;
    for (std::size_t i = from; i < to; ++i)
        v = (v << 8) | a.bytes[i];
    return v;
}

}  // namespace

std::array<Fp, 3> address_limbs(const Address& address) {
    return {Fp::from_u64(be_bytes(address, 0, 7)), Fp::from_u64(be_bytes(address, 7, 14)),
            Fp::from_u64(be_bytes(address, 14, 20))};
}

Limbs to_limbs(const u256& v) {
    if ((v >> 128) != 0)
        throw UnsupportedAccount("stark account tree: value " + v.str() + " is >= 2^128");
    Limbs out{};
    u256 x = v;
    for (auto& limb : out) {
        limb = static_cast<std::uint32_t>((x & 0xFFFFFFFFu).convert_to<std::uint64_t>());
        x >>= 32;
    }
    return out;
}

u256 from_limbs(const Limbs& limbs) {
    u256 v = 0;
    for (std::size_t i = kBalanceLimbs; i-- > 0;)
        v = (v << 32) | u256(limbs[i]);
    return v;
}

std::array<Fp, 8> account_leaf_elements(const Address& address, std::uint64_t nonce, const u256& balance) {
    if (nonce >= kLeafNonceLimit)
        throw UnsupportedAccount("stark account tree: nonce " + std::to_string(nonce) + " is >= 2^63");
    const auto a = address_limbs(address);
    const Limbs b = to_limbs(balance);
    return {a[0], a[1], a[2], Fp::from_u64(nonce), Fp::from_u64(b[0]), Fp::from_u64(b[1]), Fp::from_u64(b[2]),
            Fp::from_u64(b[3])};
}

rescue::Digest account_leaf_digest(const Address& address, std::uint64_t nonce, const u256& balance) {
    const auto e = account_leaf_elements(address, nonce, balance);
    return rescue::hash_elements(std::span<const Fp>(e));
}

Hash32 digest_bytes(const rescue::Digest& d) {
    Hash32 h{};
    for (std::size_t j = 0; j < rescue::kDigestSize; ++j) {
        const std::uint64_t v = d[j].value();
        for (int i = 0; i < 8; ++i)
            h.bytes[8 * j + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (56 - 8 * i));
    }
    return h;
}

bool supported_account_depth(unsigned depth) { return depth == 15 || depth == 31; }

RescueAccountTree::RescueAccountTree(unsigned depth) : m_depth(depth), m_levels(depth + 1u) {
    if (!supported_account_depth(depth))
        throw InvalidArgument("stark account tree: depth " + std::to_string(depth) + " (supported: 15, 31)");
}

rescue::Digest RescueAccountTree::empty_root(unsigned depth) {
    if (depth > 32) throw InvalidArgument("stark account tree: depth above 32");
    return empty_subtrees()[depth];
}

void RescueAccountTree::check_index(std::uint64_t index) const {
    if (index >= capacity())
        throw UnsupportedAccount("stark account tree: index " + std::to_string(index) + " exceeds the capacity 2^" +
                                 std::to_string(m_depth));
}

rescue::Digest RescueAccountTree::node(unsigned level, std::uint64_t index) const {
    const auto& nodes = m_levels[level];
    return index < nodes.size() ? nodes[index] : empty_subtrees()[level];
}

void RescueAccountTree::set_leaf(std::uint64_t index, const rescue::Digest& leaf) {
    check_index(index);
    std::uint64_t i = index;
    rescue::Digest h = leaf;
    for (unsigned level = 0; level <= m_depth; ++level) {
        auto& nodes = m_levels[level];
        if (nodes.size() <= i) nodes.resize(i + 1, empty_subtrees()[level]);
        nodes[i] = h;
        if (level == m_depth) break;
        const rescue::Digest sibling = node(level, i ^ 1u);
        h = (i & 1u) != 0 ? rescue::merge(sibling, h) : rescue::merge(h, sibling);
        i >>= 1;
    }
}

rescue::Digest RescueAccountTree::leaf(std::uint64_t index) const {
    check_index(index);
    return node(0, index);
}

std::vector<rescue::Digest> RescueAccountTree::path(std::uint64_t index) const {
    check_index(index);
    std::vector<rescue::Digest> out;
    out.reserve(m_depth);
    for (unsigned level = 0; level < m_depth; ++level)
        out.push_back(node(level, (index >> level) ^ 1u));
    return out;
}

rescue::Digest RescueAccountTree::root() const { return node(m_depth, 0); }

}  // namespace l2lab::stark
