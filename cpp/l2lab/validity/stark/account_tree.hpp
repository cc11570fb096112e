#pragma once
/// \file account_tree.hpp
/// The rollup's account tree over Rescue-Prime Rp64_256 (what the `stark` proof system proves
/// state updates against): a binary Merkle tree of fixed depth D whose leaf i is the account
/// registered under index i (rollup/state.hpp's account registry), merge() as node hash.
///
/// Leaf of an account (address A, nonce n, balance b), 8 field elements hashed with one
/// permutation (hash_elements of 8 elements = merge of two 4-element halves):
///   [A[0..7), A[7..14), A[14..20), n, b_0, b_1, b_2, b_3]
/// address bytes big-endian (56, 56, 48 bits), b = b_0 + b_1 2^32 + b_2 2^64 + b_3 2^96 (32-bit
/// limbs, least significant first). An unused index holds the zero digest. Representable: nonce
/// < 2^63 and balance < 2^128 (the STF allows up to 2^64 - 1 and 2^256 - 1; values beyond are
/// UnsupportedAccount, a prover refuses a batch that reaches them).
///
/// Supported depths: 15 and 31 (the AIR spends D + 1 Rescue permutations per account update
/// and wants that to be a power of two): 32,768 or 2^31 accounts.

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "l2lab/core/error.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/core/u256.hpp"
#include "l2lab/validity/stark/rescue.hpp"

namespace l2lab::stark {

/// Largest nonce a leaf represents (exclusive): 2^63.
inline constexpr std::uint64_t kLeafNonceLimit = std::uint64_t{1} << 63;
/// Number of 32-bit balance limbs (balance < 2^128).
inline constexpr std::size_t kBalanceLimbs = 4;

/// An account value the Rescue tree cannot represent (nonce >= 2^63 or balance >= 2^128), or
/// an index beyond the tree's capacity. Python: l2lab.validity.stark.UnsupportedAccountError
/// (a ValueError).
class UnsupportedAccount : public InvalidArgument {
public:
    using InvalidArgument::InvalidArgument;
};

/// 32-bit limbs of a balance or amount, least significant first.
using Limbs = std::array<std::uint32_t, kBalanceLimbs>;

/// The three address limbs of a leaf.
std::array<Fp, 3> address_limbs(const Address& address);
/// Limbs of `v`. Throws UnsupportedAccount when v >= 2^128.
Limbs to_limbs(const u256& v);
/// The value of `limbs`.
u256 from_limbs(const Limbs& limbs);

/// The leaf's 8 field elements (see the file comment). Throws UnsupportedAccount for a nonce
/// >= 2^63 or a balance >= 2^128.
std::array<Fp, 8> account_leaf_elements(const Address& address, std::uint64_t nonce, const u256& balance);
/// The leaf digest of an account (see the file comment); same errors.
rescue::Digest account_leaf_digest(const Address& address, std::uint64_t nonce, const u256& balance);

/// 32-byte serialization of a digest: its four elements as 8-byte big-endian words.
Hash32 digest_bytes(const rescue::Digest& d);

/// Depths the account tree and the batch AIR support.
bool supported_account_depth(unsigned depth);

/// The tree: leaves stored densely up to the highest written index, empty subtrees implicit.
/// Copyable (a copy is a snapshot).
class RescueAccountTree {
public:
    /// Throws InvalidArgument unless supported_account_depth(depth).
    explicit RescueAccountTree(unsigned depth);
    unsigned depth() const noexcept { return m_depth; }
    /// 2^depth.
    std::uint64_t capacity() const noexcept { return std::uint64_t{1} << m_depth; }
    /// Set leaf `index` (D node hashes). Throws UnsupportedAccount for index >= capacity().
    void set_leaf(std::uint64_t index, const rescue::Digest& leaf);
    /// Leaf `index` (the zero digest when never written). Same error.
    rescue::Digest leaf(std::uint64_t index) const;
    /// Siblings of leaf `index`, bottom-up (depth() of them). Same error.
    std::vector<rescue::Digest> path(std::uint64_t index) const;
    /// The root.
    rescue::Digest root() const;
    /// The root of an empty tree of `depth` levels.
    static rescue::Digest empty_root(unsigned depth);

private:
    rescue::Digest node(unsigned level, std::uint64_t index) const;
    void check_index(std::uint64_t index) const;

    unsigned m_depth;
    std::vector<std::vector<rescue::Digest>> m_levels;  // level 0 = leaves; each dense from 0
};

}  // namespace l2lab::stark
