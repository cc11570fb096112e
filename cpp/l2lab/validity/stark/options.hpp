#pragma once
/// \file options.hpp
/// STARK proof parameters and their conjectured security level.
///
/// Conjectured security (ethSTARK paper, ePrint 2021/582 §5.4 / Winterfell ProofOptions docs), bits:
///   min( field_bits - log2(lde_domain_size),                       // DEEP/FRI field term
///        num_queries * log2(blowup) + grinding_bits,                // query term
///        hash collision resistance (128 for SHA-256 and Keccak-256) )
/// minus 1 on the first two terms as Winterfell does; field_bits = 192 for F_p^3 (log2 p^3
/// rounded down from 191.99...). The verifier never takes parameters from the proof: it is
/// configured with the options it accepts, and a proof made with other options is rejected
/// (a prover-chosen "1 query" proof would otherwise pass, cf. GHSA-8fhq-pf83-pv93 on Winterfell).

#include <cstdint>
#include <string>

#include "l2lab/core/error.hpp"
#include "l2lab/crypto/hash_kind.hpp"

namespace l2lab::stark {

/// Degree of the extension field used for every verifier challenge (fixed: F_p^3).
inline constexpr unsigned kFieldExtensionDegree = 3;
/// Bits of the extension field size (floor(3 * log2 p)).
inline constexpr unsigned kExtensionFieldBits = 191;
/// Below this conjectured security (bits) options are refused unless allow_insecure is set.
inline constexpr unsigned kMinSecurityBits = 80;

/// Options below the minimum security level, or a parameter outside its domain while
/// allow_insecure is false. Python: l2lab.validity.stark.InsecureParametersError (a ValueError).
class InsecureParameters : public InvalidArgument {
public:
    using InvalidArgument::InvalidArgument;
};

/// The parameters of a proof. Plain data; validate() checks them.
struct ProofOptions {
    std::uint32_t blowup = 8;               ///< LDE blowup factor: a power of two in [2, 128]
    std::uint32_t num_queries = 28;         ///< FRI query repetitions, [1, 255]
    std::uint32_t grinding_bits = 16;       ///< proof-of-work bits before the queries, [0, 32]
    std::uint32_t folding_factor = 4;       ///< FRI folding factor: 2 or 4
    std::uint32_t remainder_max_degree = 7; ///< FRI stops once degree bound - 1 <= this; 2^j - 1 <= 255
    crypto::HashKind hash = crypto::HashKind::Sha256;  ///< Merkle trees, transcript, grinding
    bool allow_insecure = false;            ///< permit < kMinSecurityBits (experiments; reported)

    /// Default: >= 96 bits conjectured (blowup 8, 28 queries, 16 grinding bits, folding 4 -> 99).
    static ProofOptions default_96();
    /// 128-bit preset (blowup 16, 29 queries, 17 grinding bits -> capped at 128 by the hash).
    static ProofOptions preset_128();

    /// Conjectured security in bits for a trace of `trace_length` rows (formula in the file
    /// comment). InvalidArgument when trace_length is not a power of two.
    unsigned conjectured_security_bits(std::size_t trace_length) const;
    /// The query term num_queries * log2(blowup) + grinding_bits.
    unsigned query_security_bits() const;

    /// Throws InvalidArgument for a parameter outside its domain, InsecureParameters when the
    /// conjectured security for `trace_length` is below kMinSecurityBits and !allow_insecure.
    void validate(std::size_t trace_length) const;

    /// "blowup=8 queries=28 grinding=16 folding=4 remainder<=7 hash=sha256" (for reports).
    std::string describe() const;

    bool operator==(const ProofOptions&) const = default;
};

}  // namespace l2lab::stark
