#pragma once
/// \file witness.hpp
/// The `witness` proof system: the proof carries the batch itself and a Merkle multiproof of
/// every key it touches, and the verifier re-executes the batch statelessly with the rollup's own
/// STF code. Sound (the verifier checks everything itself; soundness rests only on Keccak-256
/// collision resistance and secp256k1), not succinct (proof and verify work grow with the batch),
/// not zero-knowledge (the proof reveals the txs and the touched accounts).
///
/// Proof encoding: rlp(["l2lab/validity/witness/v1", statement.hash(), frame, [encode_op(queue op), ...],
/// [tx.encode(), ...], [[address, nonce, balance], ...] (the touched accounts that are non-empty
/// before the batch, strictly ascending address), partial_tree.encode()]); strings for frame,
/// ops, txs and tree. decode() is strict (DecodeError), at most kMaxWitnessProofBytes.
///
/// Verification (check()), in order, each failure named (proof_system.hpp Failure):
///   1. decode, the proof names this statement (statement_mismatch otherwise: binds every
///   public input, the batch index included);  2. the frame hashes to the data commitment (calldata: keccak256(frame); blob:
///   the versioned hash of the blob holding blob_payload(frame));  3. the frame is a diff batch
///   (rollup/state_diff.hpp) whose queue range is the statement's (the frame has no root: the
///   statement's post_root is checked in 8);  4. one queue
///   op per consumed item, their op hashes chain to queue_digest;  5. the partial tree's root is
///   pre_root and every listed account is the tree's leaf;  6. every op, queue ops first: the
///   step runs with rollup::apply_op on the listed accounts alone, its witness is rebuilt from
///   the partial tree, rollup::verify_step recomputes the post-root statelessly (it must equal
///   the partial tree's updated root), and every sequencer tx must be applied;  7. the batch
///   closes as rollup::register_accounts does: the registry size and each changed account's
///   index are read from the partial tree (so the indices the diff uses are the pre-state's),
///   the changed accounts without one are registered in it, ascending address;  8. the root is
///   post_root;  9. the frame's diff equals the transition's diff exactly (rollup::
///   make_state_diff over the touched accounts with the indices read in 7).
///
/// Gas (Verdict::gas) is what an EVM verifier doing the same checks pays: 3 per proof word
/// (CALLDATACOPY), keccak 30 + 6/word for every hash (the frame, each op, the queue chain, each
/// account key, index key and leaf value, each tree node hashed when the multiproof is checked
/// and when a write rehashes its path), 3,000 per recovered signature (ecrecover), 50,000 for a blob
/// commitment (the EIP-4844 point-evaluation precompile a real verifier would call) and, as a
/// stated lower bound (no EVM decompressor exists), 3 gas per decompressed byte (one MSTORE8).
#include <cstdint>
#include <utility>
#include <vector>
#include "l2lab/rollup/stf.hpp"
#include "l2lab/validity/partial_tree.hpp"
#include "l2lab/validity/proof_system.hpp"

namespace l2lab::validity {

/// Largest witness proof accepted (bytes).
inline constexpr std::size_t kMaxWitnessProofBytes = 32u << 20;
/// Gas charged for binding a blob (EIP-4844 POINT_EVALUATION_PRECOMPILE_GAS).
inline constexpr std::uint64_t kPointEvaluationGas = 50'000;
/// Gas per decompressed byte (lower bound: one MSTORE8, Yellow Paper G_verylow).
inline constexpr std::uint64_t kDecompressGasPerByte = 3;
/// Gas per 32-byte word of proof copied from calldata (CALLDATACOPY G_copy).
inline constexpr std::uint64_t kCopyGasPerWord = 3;

/// The decoded contents of a witness proof.
struct WitnessProof {
    Hash32 statement_hash;  ///< Statement::hash() of the statement it proves
    Bytes frame;
    std::vector<rollup::Op> queue_ops;
    std::vector<rollup::L2Tx> txs;
    std::vector<std::pair<Address, rollup::L2Account>> accounts;  ///< strictly ascending, non-empty
    PartialTree tree;

    /// Canonical encoding (see the file comment).
    Bytes encode() const;
    /// Strict inverse of encode(). Throws DecodeError.
    static WitnessProof decode(BytesView encoding);
};

/// Options of the decoder the verifier uses for the posted frame.
struct WitnessOptions {
    std::size_t max_decompressed = 16u << 20;  ///< cap on the decompressed frame (bytes)
};

/// The `witness` system.
class WitnessProofSystem final : public ProofSystem {
public:
    explicit WitnessProofSystem(WitnessOptions options = {}) : m_options(options) {}
    std::string name() const override { return "witness"; }
    ProofProperties properties() const override;
    /// Builds the proof from the witness and runs check() on it: refuses with the failure
    /// check() names (so it never returns a proof verify() rejects).
    Bytes prove(const Statement& statement, const BatchWitness& witness) const override;
    bool verify(const Statement& statement, BytesView proof) const override;
    std::uint64_t verify_gas(const Statement& statement, BytesView proof) const override;
    Verdict check(const Statement& statement, BytesView proof) const override;
    /// The proof contents for `witness` without checking them (what prove() checks).
    WitnessProof build(const Statement& statement, const BatchWitness& witness) const;
    const WitnessOptions& options() const noexcept { return m_options; }

private:
    WitnessOptions m_options;
};

}  // namespace l2lab::validity
