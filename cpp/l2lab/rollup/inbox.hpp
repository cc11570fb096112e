#pragma once
/// \file inbox.hpp
/// The rollup's L1 inbox/bridge contract (a native contract) and helpers to build its calldata
/// and read its storage.
///
/// Calldata: rlp([selector, args...]). Functions (selector: name(args)):
///   0: append_batch(frame)      sequencer only; commitment = keccak256(frame) (calldata DA).
///   1: append_blob_batch()      sequencer only; one batch per attached blob, commitment = the
///                               blob's EIP-4844 versioned hash (BLOBHASH). Blob layout: 4-byte
///                               big-endian frame length || frame || zero padding.
///   2: deposit(to)              payable; value > 0 (else revert "zero deposit"); locks the ETH
///                               and enqueues Deposit{queue_index, caller, to, value}.
///   3: force_tx(tx)             anyone; tx <= kMaxForcedTxBytes bytes; enqueues the L2 tx (or an
///                               UndecodableOp) which derivation must include within the forced
///                               window W (derivation.hpp).
///   4: propose_root(l1_block, root)  proposer only; l1_block strictly increasing and < the
///                               current block: "the L2 state root after deriving L1 blocks
///                               0..l1_block".
///   5: finalize_withdrawal(root_index, sender, nonce, l1_recipient, amount, proof)
///                               root must be final under the finality rule; the SMT proof
///                               (keccak) must show the withdrawal leaf under that root; each
///                               withdrawal (sender, nonce) at most once; pays l1_recipient.
///   6: batch_record(i)          view: returns the 32-byte BatchRecord hash of batch i (reverts
///                               "unknown batch index").
///   7: queue_record(i)          view: returns the 32-byte QueueRecord hash of queue item i
///                               (reverts "unknown queue index").
///   8: counts()                 view: returns rlp([batch count, queue count]).
/// Storage per batch and per queue item is ONE slot holding the keccak256 of its record
/// (BatchRecord / QueueRecord): a contract handed the record (e.g. a one-step fault proof or a
/// validity verifier) checks it against that slot; nodes read the fields from the logs.
/// Logs: topic0 = keccak256("<EventName>"), topic1 = index; data = RLP (see the .cpp).
/// Every revert leaves the contract untouched (the chain's journal rolls back).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/crypto/smt.hpp"
#include "l2lab/l1/chain.hpp"
#include "l2lab/l1/contract.hpp"
#include "l2lab/rollup/state.hpp"

namespace l2lab::rollup {

/// Largest force_tx payload (bytes).
inline constexpr std::size_t kMaxForcedTxBytes = 1024;

/// Pluggable finality rule for proposed roots. The Fault and Validity areas replace `trusted`.
class FinalityRule {
public:
    virtual ~FinalityRule() = default;
    /// Stable name, e.g. "trusted".
    virtual std::string name() const = 0;
    /// Whether root `root_index`, proposed in L1 block `proposed_block`, is final when the
    /// current block is `block_number`. May read storage through `ctx` (pays its gas).
    virtual bool is_final(l1::CallContext& ctx, std::uint64_t root_index,
                          std::uint64_t proposed_block, std::uint64_t block_number) const = 0;
};

/// Baseline: a proposer's root is final `finality_blocks` L1 blocks after its proposal.
class TrustedFinality final : public FinalityRule {
public:
    explicit TrustedFinality(std::uint64_t finality_blocks) : m_blocks(finality_blocks) {}
    std::string name() const override { return "trusted"; }
    bool is_final(l1::CallContext&, std::uint64_t, std::uint64_t proposed_block,
                  std::uint64_t block_number) const override {
        return block_number >= proposed_block + m_blocks;
    }
    std::uint64_t finality_blocks() const noexcept { return m_blocks; }

private:
    std::uint64_t m_blocks;
};

/// Immutable configuration of an inbox.
struct InboxConfig {
    Address sequencer;  ///< only address allowed to append batches
    Address proposer;   ///< only address allowed to propose roots
    std::shared_ptr<const FinalityRule> finality;  ///< non-null
};

/// The inbox/bridge contract.
class InboxContract final : public l1::NativeContract {
public:
    /// Throws InvalidArgument when config.finality is null.
    explicit InboxContract(InboxConfig config);
    std::string name() const override { return "RollupInbox"; }
    Bytes call(l1::CallContext& ctx, BytesView calldata) const override;
    const InboxConfig& config() const noexcept { return m_config; }

private:
    InboxConfig m_config;
};

/// Where a batch's data lives.
enum class BatchDa : std::uint8_t {
    Calldata = 0,  ///< the frame is the append_batch calldata; commitment = keccak256(frame)
    Blob = 1,      ///< the frame is in a blob; commitment = the blob's versioned hash
};

/// What the inbox records for batch i (its storage slot holds keccak256(encode())).
struct BatchRecord {
    BatchDa da = BatchDa::Calldata;
    Hash32 commitment;
    std::uint64_t l1_block = 0;     ///< L1 block that appended the batch
    std::uint64_t queue_count = 0;  ///< queue length when the batch was appended
    /// rlp([da, commitment, l1_block, queue_count]).
    Bytes encode() const;
    Hash32 hash() const;
    /// Strict inverse of encode(). Throws DecodeError.
    static BatchRecord decode(BytesView encoding);
    bool operator==(const BatchRecord&) const = default;
};

/// What the inbox records for queue item i (its storage slot holds keccak256(encode())).
struct QueueRecord {
    Hash32 op_hash;                   ///< keccak256(encode_op(op))
    std::uint64_t enqueue_block = 0;  ///< L1 block of the deposit / force_tx
    /// rlp([op_hash, enqueue_block]).
    Bytes encode() const;
    Hash32 hash() const;
    /// Strict inverse of encode(). Throws DecodeError.
    static QueueRecord decode(BytesView encoding);
    bool operator==(const QueueRecord&) const = default;
};

/// Event topic0 values: keccak256 of the event name.
Hash32 topic_batch_appended();   ///< "BatchAppended": data rlp([da(0 calldata|1 blob), commitment, queue_count])
Hash32 topic_queued();           ///< "Queued": data encode_op(op)
Hash32 topic_root_proposed();    ///< "RootProposed": data rlp([l1_block, root])
Hash32 topic_withdrawal_final(); ///< "WithdrawalFinalized": data rlp([sender, nonce, recipient, amount])

// ---- calldata builders ----
Bytes inbox_append_batch(BytesView frame);
Bytes inbox_append_blob_batch();
Bytes inbox_batch_record(std::uint64_t index);
Bytes inbox_queue_record(std::uint64_t index);
Bytes inbox_counts();
Bytes inbox_deposit(const Address& l2_recipient);
Bytes inbox_force_tx(BytesView l2_tx);
Bytes inbox_propose_root(std::uint64_t l1_block, const Hash32& root);
Bytes inbox_finalize_withdrawal(std::uint64_t root_index, const WithdrawalRecord& w,
                                const crypto::SmtProof& proof);
/// Blob payload for a frame: 4-byte BE length || frame. Throws InvalidArgument when it does
/// not fit a blob.
Bytes blob_payload(BytesView frame);
/// Inverse of blob_payload on a full blob; nullopt when the length prefix is out of range.
std::optional<Bytes> frame_from_blob(BytesView blob);

// ---- storage readers (no gas; for nodes, tests and Python) ----
/// A proposed root.
struct ProposedRoot {
    std::uint64_t l1_block = 0;        ///< L1 blocks 0..l1_block derived
    Hash32 root;
    std::uint64_t proposed_block = 0;  ///< L1 block of the proposal
};
std::uint64_t inbox_batch_count(const l1::Chain& chain, const Address& inbox);
std::uint64_t inbox_queue_count(const l1::Chain& chain, const Address& inbox);
std::uint64_t inbox_root_count(const l1::Chain& chain, const Address& inbox);
/// Throws InvalidArgument when index >= inbox_root_count.
ProposedRoot inbox_root(const l1::Chain& chain, const Address& inbox, std::uint64_t index);
/// Stored BatchRecord hash of batch `index`. Throws InvalidArgument when out of range.
Hash32 inbox_batch_record_hash(const l1::Chain& chain, const Address& inbox,
                               std::uint64_t index);
/// Stored QueueRecord hash of queue item `index`. Throws InvalidArgument when out of range.
Hash32 inbox_queue_record_hash(const l1::Chain& chain, const Address& inbox,
                               std::uint64_t index);
bool inbox_withdrawal_finalized(const l1::Chain& chain, const Address& inbox,
                                const Address& sender, std::uint64_t nonce);

}  // namespace l2lab::rollup
