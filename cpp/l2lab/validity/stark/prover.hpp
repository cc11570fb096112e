#pragma once
/// \file prover.hpp
/// The STARK prover: trace LDE + commitment, constraint composition, out-of-domain (DEEP)
/// evaluation, FRI with a clear remainder, proof-of-work grinding, query openings.

#include "l2lab/validity/stark/air.hpp"
#include "l2lab/validity/stark/options.hpp"
#include "l2lab/validity/stark/proof.hpp"

namespace l2lab::stark {

/// Prove that `trace` satisfies `air` under `options`.
/// Throws: InsecureParameters (options below kMinSecurityBits without allow_insecure),
/// InvalidArgument (options out of range, AIR degree too high for the blowup), TraceShapeError
/// (trace shape differs from the AIR's), UnsatisfiedTrace (a constraint fails at some row, or the
/// composition exceeds its declared degree). Deterministic: same inputs, same proof bytes.
StarkProof prove(const Air& air, const Trace& trace, const ProofOptions& options);

/// As prove(), but without the satisfaction and degree checks: builds whatever proof the
/// protocol produces from an arbitrary (possibly invalid) trace, as a cheating prover would.
/// For soundness tests only; a valid trace gives the same proof as prove().
StarkProof prove_unchecked(const Air& air, const Trace& trace, const ProofOptions& options);

}  // namespace l2lab::stark
