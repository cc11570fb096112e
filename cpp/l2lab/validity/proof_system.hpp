#pragma once
/// \file proof_system.hpp
/// The pluggable proof-system interface of the zk rollup mode, its witness, typed refusals and
/// verdicts, and the registry of built-in systems by name.
///
/// A proof system proves a Statement (statement.hpp) from a BatchWitness and verifies
/// (statement, proof bytes). Proofs cross every boundary as bytes; each system's decoder is
/// strict and canonical. Soundness contract of every built-in system: prove() refuses (throws
/// ProofRefused) unless the witness shows the statement true, and verify() accepts a proof only
/// for the statement it was made for.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>
#include "l2lab/core/bytes.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/rollup/state.hpp"
#include "l2lab/rollup/tx.hpp"
#include "l2lab/validity/statement.hpp"

namespace l2lab::validity {

/// Why a proof was refused by a prover or rejected by a verifier. Stable names:
/// failure_name().
enum class Failure : std::uint8_t {
    MalformedProof,           ///< the proof bytes do not decode (strict codec)
    WrongSystem,              ///< the proof is tagged for another proof system or version
    DataCommitmentMismatch,   ///< the data does not hash to the statement's data commitment
    MalformedData,            ///< the posted frame is not a diff batch
    QueueMismatch,            ///< queue range or queue digest differs from the statement
    PreRootMismatch,          ///< the witness does not open the statement's pre_root
    WitnessIncomplete,        ///< a touched key or account is not covered by the witness
    WitnessInconsistent,      ///< the witness contradicts itself or the stateless re-execution
    SkippedTx,                ///< a sequencer tx of the batch is skipped by the STF
    PostRootMismatch,         ///< the transition does not reach the statement's post_root
    DiffMismatch,             ///< the posted state diff differs from the transition's diff
    BadBinding,               ///< the proof's binding to the statement does not verify
    StatementMismatch,        ///< the witness belongs to another statement (chain, index, ...)
    Unsupported,              ///< the batch holds what this system cannot prove (e.g. a withdrawal)
};
/// Stable snake_case name, e.g. "post_root_mismatch".
std::string_view failure_name(Failure f);

/// A prover refused to prove: the witness does not show the statement true. what() names the
/// failure and the detail.
class ProofRefused : public Error {
public:
    ProofRefused(Failure failure, const std::string& detail);
    Failure failure() const noexcept { return m_failure; }

private:
    Failure m_failure;
};

/// Outcome of verification: accepted or the first failing check, and the L1 execution gas an
/// EVM verifier doing the same checks would pay (the proof's calldata is paid by the
/// transaction, not counted here).
struct Verdict {
    bool ok = false;
    std::string failure;       ///< failure_name() or a system-specific stable name; empty when ok
    std::uint64_t gas = 0;     ///< execution gas (also for a rejected proof: the work done)
};

/// What a prover is handed for one batch. `pre_state` must have root statement.pre_root.
struct BatchWitness {
    std::shared_ptr<const rollup::L2State> pre_state;  ///< state before the batch (non-null)
    std::vector<rollup::Op> queue_ops;  ///< the consumed queue items' ops, in queue order
    std::vector<rollup::L2Tx> txs;      ///< the sequencer's txs, in order
    Bytes frame;                        ///< the posted data frame (diff batch)
};

/// What a proof system declares about itself.
struct ProofProperties {
    bool succinct = false;        ///< proof size and verify work sublinear in the batch
    bool zero_knowledge = false;  ///< the proof hides the witness
    std::string soundness;        ///< the assumption soundness rests on
    bool modelled = false;        ///< costs follow a model, not a real prover
};

/// A proof system. Subclass it in C++ or in Python (l2lab.validity.ProofSystem).
class ProofSystem {
public:
    virtual ~ProofSystem() = default;
    /// Stable name, e.g. "witness".
    virtual std::string name() const = 0;
    /// Declared properties.
    virtual ProofProperties properties() const = 0;
    /// Proof of `statement` from `witness`. Throws ProofRefused when the witness does not show
    /// the statement true; InvalidArgument for a null pre_state.
    virtual Bytes prove(const Statement& statement, const BatchWitness& witness) const = 0;
    /// Whether `proof` proves `statement`. Never throws for malformed proofs (false).
    virtual bool verify(const Statement& statement, BytesView proof) const = 0;
    /// L1 execution gas the verifier contract pays to check `proof` (see Verdict::gas).
    virtual std::uint64_t verify_gas(const Statement& statement, BytesView proof) const = 0;
    /// Modelled wall-clock seconds a real prover would need for this batch (0: as fast as the
    /// simulation computes it). The prover actor waits this long before submitting.
    virtual double prove_seconds(const Statement& statement, const BatchWitness& witness) const;
    /// The state commitment this system's statements use for `state` (their pre_root and
    /// post_root): state.state_root() by default; the `stark` system commits to the state in a
    /// form its AIR can update (stark_state.hpp).
    virtual Hash32 state_root(const rollup::L2State& state) const;
    /// The Keccak SMT proof of withdrawal (sender, nonce) under state_root(state): what the
    /// inbox's finalize_withdrawal checks against a registered root. Default:
    /// state.prove_withdrawal(sender, nonce) (non-inclusion when absent); the `stark` system
    /// proves it in its own Keccak tree. Throws StateError when the system cannot prove it.
    virtual crypto::SmtProof withdrawal_proof(const rollup::L2State& state, const Address& sender,
                                              std::uint64_t nonce) const;
    /// verify() and verify_gas() in one pass; the default calls both. Built-in systems
    /// override it to also name the failure.
    virtual Verdict check(const Statement& statement, BytesView proof) const;
};

/// Thrown by make_proof_system() for a name that is not a built-in system.
class UnknownProofSystem : public InvalidArgument {
public:
    using InvalidArgument::InvalidArgument;
};

/// Names of the built-in systems: "witness", "modelled", "stark".
std::vector<std::string> proof_system_names();
/// A built-in system with its default options. Throws UnknownProofSystem for any other name.
std::shared_ptr<const ProofSystem> make_proof_system(std::string_view name);

}  // namespace l2lab::validity
