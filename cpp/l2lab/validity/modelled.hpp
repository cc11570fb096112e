#pragma once
/// \file modelled.hpp
/// The `modelled` proof system: a MODEL of a succinct prover, not a real one. Soundness is
/// exactly the `witness` system's: prove() runs the witness system's complete checks on the
/// batch and refuses (ProofRefused) unless they pass, and verify() accepts only the proof made
/// for that exact statement. Proof size, proving time and verify gas follow a configurable cost
/// model of a real system, so finality latency and L1 cost can be studied for provers that are
/// not run here.
///
/// How the model binds proofs: a proof is the first `proof_bytes` bytes of the keccak stream
/// keccak256(mac || i) (i = 0, 1, ... as 8-byte big-endian) with mac = keccak256(key ||
/// statement.hash()), where key = keccak256("l2lab/validity/modelled/key" || key_seed) is held
/// by the ProofSystem object and never exposed. Only prove() (which refuses false statements)
/// produces valid proofs: this stands for the knowledge soundness of the modelled system.
/// Anyone who can compute the key (knows key_seed and this construction) can forge, as anyone
/// holding a SNARK's trapdoor could; keep key_seed private in adversarial experiments.
///
/// Default cost model ("groth16-bn254"), each number with its source:
///   proof_bytes 256             Groth16 over BN254: A, C in G1 (64 bytes each uncompressed, as
///                               the EIP-196/197 precompiles take them) + B in G2 (128 bytes).
///   verify_gas_base 181,000     EIP-1108 pairing check: 45,000 + 34,000 per pair, 4 pairs.
///   verify_gas_per_public_input 6,150   EIP-1108 ECMUL 6,000 + ECADD 150 per public input.
///   public_inputs 1             the statement hash as one public input.
///   prove_seconds_base 240      Polygon zkEVM, second public testnet: "the time to produce a
///                               proof for a batch of transactions was reduced to 4 minutes"
///                               (Polygon blog, "The Go Fast Machine", 13 Jan 2023).
///   prove_seconds_per_tx 0      that figure is per batch.
#include <cstdint>
#include <string>
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/validity/witness.hpp"

namespace l2lab::validity {

/// Cost model of the modelled prover (see the file comment for the defaults' sources).
struct CostModel {
    std::string label = "groth16-bn254";           ///< what is modelled (free text)
    std::size_t proof_bytes = 256;                 ///< proof size, 32..1,048,576 bytes
    std::uint64_t verify_gas_base = 181'000;       ///< L1 gas per verification
    std::uint64_t verify_gas_per_public_input = 6'150;
    std::uint64_t public_inputs = 1;
    double prove_seconds_base = 240.0;             ///< seconds per batch (>= 0, finite)
    double prove_seconds_per_tx = 0.0;             ///< seconds per op (queue item or tx)
    std::uint64_t key_seed = 0;                    ///< derives the model's binding key
};

/// The `modelled` system.
class ModelledProofSystem final : public ProofSystem {
public:
    /// Throws InvalidArgument for proof_bytes outside 32..2^20 or negative / non-finite seconds.
    explicit ModelledProofSystem(CostModel model = {}, WitnessOptions options = {});
    std::string name() const override { return "modelled"; }
    ProofProperties properties() const override;
    /// Refuses with the witness system's failure unless its checks pass on this batch.
    Bytes prove(const Statement& statement, const BatchWitness& witness) const override;
    bool verify(const Statement& statement, BytesView proof) const override;
    /// verify_gas_base + verify_gas_per_public_input * public_inputs, whatever the proof.
    std::uint64_t verify_gas(const Statement& statement, BytesView proof) const override;
    Verdict check(const Statement& statement, BytesView proof) const override;
    /// prove_seconds_base + prove_seconds_per_tx * (queue ops + txs).
    double prove_seconds(const Statement& statement, const BatchWitness& witness) const override;
    const CostModel& model() const noexcept { return m_model; }

private:
    Bytes binding(const Statement& statement) const;

    CostModel m_model;
    WitnessProofSystem m_witness;
    Hash32 m_key;
};

}  // namespace l2lab::validity
