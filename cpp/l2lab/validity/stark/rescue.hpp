#pragma once
/// \file rescue.hpp
/// Rescue-Prime Rp64_256 over Goldilocks: the algebraic hash used inside AIRs (hash chains,
/// Merkle paths over field elements). Parameters: rescue_constants.hpp (Winterfell's published
/// instance: width 12, capacity 4, rate 8, digest 4, 7 rounds, alpha 7).
///
/// Round r (Rescue-XLIX): x -> x^7, MDS, + ARK1[r], x -> x^(1/7), MDS, + ARK2[r].
/// Sponge conventions (Winterfell's): capacity = state[0..4), rate = state[4..12), digest =
/// state[4..8); hashing a sequence sets state[0] to its length and pads with zeros, so
/// merge(a, b) == hash_elements(a || b).

#include "l2lab/validity/stark/field.hpp"
#include "l2lab/validity/stark/rescue_constants.hpp"

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace l2lab::stark::rescue {

/// A sponge state (12 field elements).
using State = std::array<Fp, kStateWidth>;
/// A digest (4 field elements, 32 bytes when serialized).
using Digest = std::array<Fp, kDigestSize>;

/// Multiply `s` by a circulant matrix with first row `row` (entry (i, j) = row[(j - i) mod 12]).
/// Works for Fp and Fp3 (the AIRs evaluate constraints over the extension).
template <class T>
std::array<T, kStateWidth> circulant_multiply(const std::array<std::uint64_t, kStateWidth>& row,
                                              const std::array<T, kStateWidth>& s) {
    std::array<T, kStateWidth> out{};
    for (std::size_t i = 0; i < kStateWidth; ++i) {
        T acc{};
        for (std::size_t j = 0; j < kStateWidth; ++j) {
            acc += s[j] * Fp::from_u64(row[(j + kStateWidth - i) % kStateWidth]);
        }
        out[i] = acc;
    }
    return out;
}

/// MDS * s (generic; Fp has a faster overload below).
template <class T>
std::array<T, kStateWidth> mds_multiply(const std::array<T, kStateWidth>& s) {
    return circulant_multiply(kMdsFirstRow, s);
}
/// MDS * s over Fp: small coefficients, one 128-bit accumulation and one reduction per row.
State mds_multiply(const State& s);
/// MDS^-1 * s (generic; Fp has a faster overload below).
template <class T>
std::array<T, kStateWidth> inv_mds_multiply(const std::array<T, kStateWidth>& s) {
    return circulant_multiply(kInvMdsFirstRow, s);
}
/// MDS^-1 * s over Fp: coefficients split in 32-bit halves, two 128-bit accumulations per row.
State inv_mds_multiply(const State& s);

/// x^7 (the S-box), for Fp or Fp3.
template <class T>
T sbox(const T& x) {
    const T x2 = x * x;
    const T x4 = x2 * x2;
    return x4 * x2 * x;
}
/// x^(1/7) = x^10540996611094048183 (the inverse S-box), by an addition chain.
Fp inv_sbox(Fp x);

/// ARK1[r] (r < 7) as field elements; r >= 7 throws InvalidArgument.
const State& ark1(std::size_t r);
/// ARK2[r] (r < 7) as field elements; r >= 7 throws InvalidArgument.
const State& ark2(std::size_t r);

/// Apply round r (0 <= r < 7) in place; r >= 7 throws InvalidArgument.
void apply_round(State& state, std::size_t r);
/// Apply the full 7-round permutation in place.
void permute(State& state);

/// Sponge hash of a sequence of field elements (any length). As in Winterfell, the empty
/// sequence absorbs nothing, runs no permutation and hashes to the zero digest.
Digest hash_elements(std::span<const Fp> elements);
/// 2-to-1 compression for Merkle trees: hash_elements(left || right) with one permutation.
Digest merge(const Digest& left, const Digest& right);
/// `seed` hashed `n` times: h_0 = seed, h_{i+1} = hash_elements(h_i). n = 0 returns seed.
Digest hash_chain(const Digest& seed, std::uint64_t n);

/// The state a digest-hashing permutation starts from: [len, 0, 0, 0, d0..d3, 0, 0, 0, 0].
State digest_input_state(const Digest& d);
/// The state merge(left, right) starts from: [8, 0, 0, 0, left, right].
State merge_input_state(const Digest& left, const Digest& right);
/// state[4..8).
Digest digest_of(const State& s);

/// Root of a Merkle tree over `leaves` (count a power of two >= 1) with merge() as node hash.
/// Other counts throw InvalidArgument.
Digest merkle_root(std::span<const Digest> leaves);
/// Authentication path of leaf `index` (siblings bottom-up). Throws InvalidArgument for a bad
/// leaf count or an index out of range.
std::vector<Digest> merkle_path(std::span<const Digest> leaves, std::uint64_t index);
/// Root recomputed from `leaf` at `index` (bit k = 1: the node is the right child at level k)
/// and its path. Throws InvalidArgument if index >= 2^path.size().
Digest root_from_path(const Digest& leaf, std::uint64_t index, std::span<const Digest> path);

}  // namespace l2lab::stark::rescue
