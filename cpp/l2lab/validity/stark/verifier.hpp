#pragma once
/// \file verifier.hpp
/// The STARK verifier. A rejected proof is a value (VerifyResult with a typed reason), not an
/// exception; exceptions are reserved for misuse (an invalid AIR or options).

#include <string>
#include <string_view>

#include "l2lab/core/bytes.hpp"
#include "l2lab/validity/stark/air.hpp"
#include "l2lab/validity/stark/options.hpp"
#include "l2lab/validity/stark/proof.hpp"

namespace l2lab::stark {

/// Why a proof was rejected. Stable names: see verify_failure_name().
enum class VerifyFailure : std::uint8_t {
    None,                  ///< accepted
    Malformed,             ///< the bytes do not decode (DecodeError)
    ShapeMismatch,         ///< element / node / layer counts do not fit the AIR and options
    OodConstraintMismatch, ///< C(z) from the trace frame != the committed composition at z
    ProofOfWork,           ///< the grinding nonce does not meet the required bits
    TraceOpening,          ///< trace rows do not open against the trace commitment
    CompositionOpening,    ///< composition rows do not open against their commitment
    FriOpening,            ///< an FRI layer does not open against its commitment
    FriMismatch,           ///< a DEEP value or a fold disagrees with the next layer
    RemainderMismatch,     ///< the last fold disagrees with the remainder polynomial
};

/// Stable snake_case name (e.g. "ood_constraint_mismatch").
std::string_view verify_failure_name(VerifyFailure f);

/// Outcome of a verification.
struct VerifyResult {
    VerifyFailure failure = VerifyFailure::None;
    std::string detail;  ///< human-readable context for a rejection
    bool ok() const { return failure == VerifyFailure::None; }
};

/// Verify `proof` for `air` under the verifier's own `options` (never the prover's): the proof
/// is accepted only if it was made with exactly these options. Throws InvalidArgument /
/// InsecureParameters / TraceShapeError for an invalid AIR or options; never for a bad proof.
VerifyResult verify(const Air& air, const StarkProof& proof, const ProofOptions& options);

/// Decode then verify; a DecodeError becomes VerifyFailure::Malformed.
VerifyResult verify_encoded(const Air& air, BytesView proof_bytes, const ProofOptions& options);

}  // namespace l2lab::stark
