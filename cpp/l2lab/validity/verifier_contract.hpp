#pragma once
/// \file verifier_contract.hpp
/// The zk rollup's L1 verifier contract (a native contract) and the `proven` finality rule.
///
/// The verifier is the inbox's only root proposer. It accepts proofs for batches strictly in
/// inbox order (batch i after i-1, no gaps, no forks) and builds each statement itself from L1
/// data; the caller supplies only the records the contract checks against the inbox, the claimed
/// post-root and queue end, and the proof:
///   chain_id, fee_recipient  the verifier's configuration (its rollup's STF)
///   batch_index              the next unproven batch (stored counter)
///   pre_root                 the post-root of the previous proven batch (batch 0: the
///                            configured genesis_root, the proof system's empty-state root)
///   da, data_commitment      from the BatchRecord, whose hash must equal the inbox's
///                            batch_record(batch_index) (nested call)
///   queue_start              the queue end of the previous proven batch (stored cursor)
///   queue_end                from the caller: queue_start <= queue_end <= record.queue_count
///                            (the batch cannot consume items enqueued after it was appended)
///   queue_digest             computed from the QueueRecords of items [queue_start, queue_end),
///                            each checked against the inbox's queue_record(i)
/// Forced inclusion: every queue item enqueued at least W blocks before the batch's L1 block is
/// overdue for it and must be consumed. Queue items are in enqueue-block order, so it suffices
/// that the first unconsumed item, when it existed at append time (queue_end <
/// record.queue_count), is not overdue: the caller hands its QueueRecord (checked against the
/// inbox) and the contract requires enqueue_block + W > record.l1_block.
/// Then the configured ProofSystem checks (statement, proof); its gas is charged. On success
/// the contract stores the batch's post-root and queue cursor and, when the batch's L1 block is
/// later than the last registered one, proposes (record.l1_block, post_root) to the inbox,
/// where the `proven` rule makes it final at once. A batch sharing its L1 block with the
/// previous proven batch registers no root of its own (the inbox wants increasing L1 blocks):
/// its withdrawals become claimable with the next registered root, which contains them.
///
/// Calldata rlp([selector, args...]):
///   0 submit_proof(batch_index, batch_record, [queue_record, ...], [] | [next_queue_record],
///                  post_root, queue_end, proof)   records as BatchRecord/QueueRecord encodings
///   1 root_proven(root_index)   view: 32-byte word, 1 iff the verifier registered that root
///   2 status()                  view: rlp([proven batches, last root, queue cursor, roots])
///   3 batch_root(batch_index)   view: the post-root of a proven batch (reverts otherwise)
/// Reverts (every one leaves the contract untouched): "not the next batch", "batch record does
/// not match the inbox", "batch not in a past block", "queue_end out of range", "queue record
/// does not match the inbox", "overdue queue item not consumed", "invalid proof: <failure>",
/// "inbox refused the root: <reason>", "malformed calldata: ...".
/// Log BatchProven: topic1 = batch index, data rlp([post_root, queue_end, [] | [root_index]]).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include "l2lab/l1/chain.hpp"
#include "l2lab/l1/contract.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/rollup/stf.hpp"
#include "l2lab/validity/proof_system.hpp"

namespace l2lab::validity {

/// Immutable configuration of a verifier.
struct VerifierConfig {
    Address inbox;                     ///< the rollup's inbox (the verifier must be its proposer)
    rollup::StfConfig stf;             ///< chain id and fee recipient of the rollup's STF
    std::uint64_t forced_window = 10;  ///< W, L1 blocks (as the rollup's derivation)
    std::shared_ptr<const ProofSystem> proof_system;  ///< non-null
    /// pre_root of batch 0: the proof system's root of the empty state (zero for the Keccak
    /// state tree; deploy_zk_rollup sets it from ProofSystem::state_root).
    Hash32 genesis_root;
};

/// The verifier contract.
class ZkVerifier final : public l1::NativeContract {
public:
    /// Throws InvalidArgument when config.proof_system is null.
    explicit ZkVerifier(VerifierConfig config);
    std::string name() const override { return "ZkVerifier"; }
    Bytes call(l1::CallContext& ctx, BytesView calldata) const override;
    const VerifierConfig& config() const noexcept { return m_config; }

private:
    VerifierConfig m_config;
};

/// Finality rule "proven": a root is final as soon as the verifier registered it (it asks the
/// verifier, a nested call paid by the claim).
class ProvenFinality final : public rollup::FinalityRule {
public:
    explicit ProvenFinality(const Address& verifier) : m_verifier(verifier) {}
    std::string name() const override { return "proven"; }
    bool is_final(l1::CallContext& ctx, std::uint64_t root_index, std::uint64_t proposed_block,
                  std::uint64_t block_number) const override;
    const Address& verifier() const noexcept { return m_verifier; }

private:
    Address m_verifier;
};

/// Arguments of submit_proof.
struct SubmitProof {
    std::uint64_t batch_index = 0;
    rollup::BatchRecord record;
    std::vector<rollup::QueueRecord> queue_records;      ///< items [queue_start, queue_end)
    std::optional<rollup::QueueRecord> next_queue_record;  ///< item queue_end, if it existed
    Hash32 post_root;
    std::uint64_t queue_end = 0;
    Bytes proof;
};
/// Calldata of submit_proof.
Bytes verifier_submit_proof(const SubmitProof& args);
Bytes verifier_root_proven(std::uint64_t root_index);
Bytes verifier_status();
Bytes verifier_batch_root(std::uint64_t batch_index);

/// The verifier's progress (storage readers: no gas; for nodes, tests and Python).
struct VerifierStatus {
    std::uint64_t proven = 0;        ///< proven batches (the next one to prove)
    Hash32 root;                     ///< post-root of the last proven batch
    std::uint64_t queue_cursor = 0;  ///< queue items consumed by proven batches
    std::uint64_t roots = 0;         ///< roots registered in the inbox
};
VerifierStatus verifier_status(const l1::Chain& chain, const Address& verifier);
/// Post-root of proven batch `batch_index`, nullopt when not proven.
std::optional<Hash32> verifier_batch_root(const l1::Chain& chain, const Address& verifier,
                                          std::uint64_t batch_index);
/// The batch whose post-root the verifier registered as inbox root `root_index`.
std::optional<std::uint64_t> verifier_root_batch(const l1::Chain& chain, const Address& verifier,
                                                 std::uint64_t root_index);
/// Event topic0 of BatchProven: keccak256("BatchProven").
Hash32 topic_batch_proven();

}  // namespace l2lab::validity
