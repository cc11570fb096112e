#pragma once
/// \file proof.hpp
/// One-step proofs: everything the L1 verifier needs to re-execute one derivation-machine step
/// from an agreed pre-state, and the stateless re-execution itself (shared by the off-chain
/// checker, the dispute game contract and the non-interactive verifier).
///
/// Wire format (strict canonical RLP; optional fields are [] or [value]):
///   rlp([pre_state, [[queue_index, queue_record]...], [[batch_index, batch_record]...],
///        [op]?, [batch_data]?, [tx, [leaf_index, leaf_count, [sibling...]]]?, [witness]?])
/// `pre_state` is a MachineState encoding; records are QueueRecord / BatchRecord encodings;
/// `op` is encode_op of the queue item a QueueOp step applies; `batch_data` is the calldata
/// frame or the blob's bytes without trailing zeros for an OpenBatch step; `tx` and its Merkle
/// path prove a BatchTx step's tx against the open batch's txs root; `witness` is the STF's
/// StepWitness for a step that applies an op. Index lists are strictly increasing.
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "l2lab/crypto/merkle.hpp"
#include "l2lab/fault/machine.hpp"
#include "l2lab/rollup/stf.hpp"

namespace l2lab::fault {

/// Largest one-step proof accepted by decode() (bytes): a full blob plus witnesses.
inline constexpr std::size_t kMaxOneStepProofBytes = 1u << 20;

/// Data for one machine step (see the file comment).
struct OneStepProof {
    Bytes pre_state;
    std::vector<std::pair<std::uint64_t, rollup::QueueRecord>> queue_records;
    std::vector<std::pair<std::uint64_t, rollup::BatchRecord>> batch_records;
    std::optional<Bytes> queue_op;
    std::optional<Bytes> batch_data;
    std::optional<rollup::L2Tx> tx;
    std::optional<crypto::MerkleProof> tx_proof;  ///< present exactly with `tx`
    std::optional<rollup::StepWitness> witness;

    Bytes encode() const;
    /// Strict inverse of encode(). Throws DecodeError for malformed, non-canonical, oversized
    /// (> kMaxOneStepProofBytes) input, unsorted or duplicate indices, or `tx` without its path.
    static OneStepProof decode(BytesView encoding);
    bool operator==(const OneStepProof&) const = default;
};

/// Outcome of re-executing one step.
struct VerifiedMachineStep {
    MachineState post;
    StepKind kind = StepKind::Done;
    std::optional<rollup::StepOutcome> outcome;  ///< for steps that apply an op
};

/// Re-execute one step statelessly: next_action() from `pre` with `source`, then, when the
/// step applies an op, rollup::verify_step() from pre.state_root with `witness`; the meter is
/// charged what a Solidity verifier would spend on the STF part (one ecrecover per L2 tx, two
/// keccak per SMT proof node and per leaf, for checking the pre-values and recomputing the root).
/// Throws MissingData when the source cannot serve the step or the witness is inconsistent with
/// pre.state_root (the step cannot be proven from this data).
VerifiedMachineStep execute_step(const MachineState& pre,
                                 std::uint64_t target_block,
                                 const MachineConfig& machine,
                                 const rollup::StfConfig& stf,
                                 L1Source& source,
                                 Meter& meter,
                                 const std::optional<rollup::StepWitness>& witness);

/// An L1Source over a OneStepProof's preimages, checking each against records obtained
/// elsewhere: `queue_hash(i)` / `batch_hash(i)` return the stored record hash of item i or
/// nullopt when it does not exist (the dispute game answers them with nested calls to the
/// inbox). Data a step needs but the proof lacks, or that does not match, throws MissingData.
class ProofSource : public L1Source {
public:
    /// Hooks answering "stored record hash of item i" (nullopt: no such item).
    struct Hooks {
        virtual ~Hooks() = default;
        virtual std::optional<Hash32> queue_hash(std::uint64_t index) = 0;
        virtual std::optional<Hash32> batch_hash(std::uint64_t index) = 0;
        /// Hash the proof's preimages: keccak256 and the modelled blob commitment (sha256 of
        /// the zero-padded blob), charging their gas on-chain.
        virtual Hash32 keccak(BytesView data) = 0;
        virtual Hash32 blob_versioned_hash(BytesView trimmed_blob) = 0;
        /// Charge the verification of a Merkle path with `siblings` nodes.
        virtual void merkle_path(std::size_t siblings) = 0;
    };
    ProofSource(const OneStepProof& proof, Hooks& hooks) : m_proof(proof), m_hooks(hooks) {}

    std::optional<rollup::QueueRecord> queue_record(std::uint64_t index) override;
    std::optional<rollup::BatchRecord> batch_record(std::uint64_t index) override;
    rollup::Op queue_op(std::uint64_t index, const rollup::QueueRecord& record) override;
    Bytes batch_frame(std::uint64_t index, const rollup::BatchRecord& record) override;
    rollup::L2Tx batch_tx(const Cursor& cursor) override;

private:
    const OneStepProof& m_proof;
    Hooks& m_hooks;
};

/// Hooks for checking a proof off-chain against a chain's inbox storage (no gas).
class ChainProofHooks final : public ProofSource::Hooks {
public:
    ChainProofHooks(const l1::Chain& chain, Address inbox) : m_chain(chain), m_inbox(inbox) {}
    std::optional<Hash32> queue_hash(std::uint64_t index) override;
    std::optional<Hash32> batch_hash(std::uint64_t index) override;
    Hash32 keccak(BytesView data) override;
    Hash32 blob_versioned_hash(BytesView trimmed_blob) override;
    void merkle_path(std::size_t) override {}

private:
    const l1::Chain& m_chain;
    Address m_inbox;
};

/// The versioned hash of the blob whose bytes are `trimmed_blob` followed by zeros (the modelled
/// EIP-4844 commitment, l1/blob.hpp). Throws InvalidArgument when longer than a blob.
Hash32 blob_versioned_hash_of(BytesView trimmed_blob);

}  // namespace l2lab::fault
