#pragma once
/// \file proof.hpp
/// A STARK proof and its strict canonical encoding.
///
/// Encoding: one RLP list (core/rlp.hpp) of 13 fields, in order:
///   trace_root, composition_root (32-byte strings),
///   ood_current, ood_next, ood_composition (F_p^3 vectors),
///   fri_roots (hash vector), fri_remainder (F_p^3 vector), pow_nonce (RLP integer),
///   trace_values (F_p vector), trace_nodes (hash vector),
///   composition_values (F_p^3 vector), composition_nodes (hash vector),
///   fri_layers: a list of [values (F_p^3 vector), nodes (hash vector)] pairs.
/// An F_p vector is a byte string of 8-byte little-endian canonical words (< p); F_p^3 elements
/// take three words (coefficients of 1, x, x^2); a hash vector is a string of 32-byte digests.
/// decode() rejects, with a DecodeError, anything else: non-canonical RLP, wrong field counts,
/// lengths not a multiple of the element size, words >= p, input over kMaxProofBytes.
/// Whether the counts fit the AIR and options is the verifier's check (a typed rejection).

#include <cstdint>
#include <vector>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/validity/stark/field.hpp"

namespace l2lab::stark {

/// Largest encoded proof decode() accepts (bytes).
inline constexpr std::size_t kMaxProofBytes = 8u << 20;

/// Openings of one FRI layer at the queried leaves (sorted, unique leaf indices): folding_factor
/// values per leaf, then the Merkle multi-opening.
struct FriLayerOpening {
    std::vector<Fp3> values;
    std::vector<Hash32> nodes;
    bool operator==(const FriLayerOpening&) const = default;
};

struct StarkProof {
    Hash32 trace_root;        ///< commitment to the trace LDE rows
    Hash32 composition_root;  ///< commitment to the composition column LDE rows
    std::vector<Fp3> ood_current;      ///< trace columns at the out-of-domain point z
    std::vector<Fp3> ood_next;         ///< trace columns at z * g
    std::vector<Fp3> ood_composition;  ///< composition columns at z
    std::vector<Hash32> fri_roots;     ///< one per committed FRI layer
    std::vector<Fp3> fri_remainder;    ///< coefficients of the final FRI polynomial
    std::uint64_t pow_nonce = 0;       ///< proof-of-work nonce
    std::vector<Fp> trace_values;          ///< trace rows at the query positions (width each)
    std::vector<Hash32> trace_nodes;       ///< multi-opening of those rows
    std::vector<Fp3> composition_values;   ///< composition rows at the query positions
    std::vector<Hash32> composition_nodes; ///< multi-opening of those rows
    std::vector<FriLayerOpening> fri_layers;

    /// Canonical encoding (see the file comment).
    Bytes encode() const;
    /// Strict decoding; DecodeError on anything decode(encode(p)) would not produce.
    static StarkProof decode(BytesView bytes);

    bool operator==(const StarkProof&) const = default;
};

}  // namespace l2lab::stark
