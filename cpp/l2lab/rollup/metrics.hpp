#pragma once
/// \file metrics.hpp
/// Rollup metrics in bulk, as columns (one vector per field, one row per batch / tx / queue
/// item) so Python turns them into DataFrames without looping per row.
///
/// ## Pricing (both computed for every batch, whatever DA it actually used)
///   calldata_gas  = 21000 + max(EIP-2028 data gas, EIP-7623 floor) of the frame as calldata.
///   blob_gas      = 2^17 per blob needed by the frame (EIP-4844).
///   calldata_fee  = calldata_gas * base_fee.
///   blob_fee      = blob_gas * blob_base_fee + 21000 * base_fee (a blob tx still pays the
///                   intrinsic 21000; the inbox's execution gas is left out of both, so the two
///                   prices compare the data alone).
///   base_fee / blob_base_fee (wei per gas / per blob gas; the blob base fee follows EIP-4844's
///   fake_exponential with EIP-7691's update fraction) are those of the L1 block that included
///   the batch, or of the next block at submission while it is not included.
///   l1_gas_used / blob_gas_used / l1_fee_wei: what the L1 receipt actually charged.
///
/// ## Per-tx attribution rule
/// A batch's cost is split into a data part V (proportional to bytes) and a fixed part F (paid
/// once per L1 tx whatever its size):
///   compressed_bytes_i = apportion(frame bytes, by the tx's raw encoded size)
///   cost_i             = apportion(V, by compressed_bytes_i) + apportion(F, equally)
/// where apportion(T, w) gives share_i = floor(T*W_i/W) - floor(T*W_{i-1}/W) (W_i = prefix sum of
/// the weights), so each share is within 1 unit of the exact proportion and the shares sum to T
/// exactly. The V/F split per quantity:
///   calldata_gas:  V = calldata_gas - 21000                F = 21000
///   blob_gas:      V = blob_gas                            F = 0
///   calldata_fee:  V = (calldata_gas - 21000) * base_fee   F = 21000 * base_fee
///   blob_fee:      V = blob_gas * blob_base_fee            F = 21000 * base_fee
///   l1_gas_used:   V = data gas (calldata batches: min(calldata_gas, gas_used) - 21000;
///                  blob batches: 0)                        F = the rest (intrinsic + execution)
///   l1_fee_wei:    V = V(l1_gas_used) * effective_gas_price (calldata) or
///                  blob_gas_used * blob_gas_price (blob)   F = the rest
/// Queue items (deposits, forced txs) a batch consumes carry no data in it and get no share.
/// This is the "share of the batch's compressed bytes plus an equal share of the fixed overhead"
/// rule; production rollups estimate a tx's compressed size from the tx alone instead (e.g.
/// Arbitrum's per-tx brotli estimate), which differs from ours by how compressible the tx is
/// relative to its batch.
///
/// ## Latency
/// L2 txs: from the L1 head when the tx reached the sequencer (submitted_block) to the L1 block
/// of the batch that carried it; queue items: from the L1 block of the deposit / force_tx to the
/// L1 block whose derivation applied it (<= forced_window by the forced-inclusion rule). In L1
/// blocks and in seconds (difference of the blocks' timestamps).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/core/u256.hpp"
#include "l2lab/l1/chain.hpp"
#include "l2lab/rollup/derivation.hpp"
#include "l2lab/rollup/sequencer.hpp"

namespace l2lab::rollup {

/// Split `total` into one share per weight: share_i = floor(total*W_i/W) - floor(total*W_{i-1}/W)
/// with W_i the prefix sums. Shares sum to `total` exactly. All-zero weights split equally.
/// Empty weights: empty result. Throws InvalidArgument when the weights sum past 2^64 - 1.
std::vector<u256> apportion(const u256& total, std::span<const std::uint64_t> weights);

/// One column per field, one row per posted batch (Sequencer::batch_metrics order).
struct BatchMetricsColumns {
    std::vector<std::uint64_t> batch_index;       ///< position in Sequencer::batch_metrics
    std::vector<bool> blob;                       ///< DA actually used
    std::vector<std::uint64_t> submitted_block;
    std::vector<std::optional<std::uint64_t>> included_block;
    std::vector<std::optional<std::uint64_t>> latency_blocks;
    std::vector<std::optional<std::uint64_t>> latency_seconds;
    std::vector<std::uint64_t> tx_count;
    std::vector<std::uint64_t> queue_items;
    std::vector<std::uint64_t> raw_bytes;         ///< uncompressed payload
    std::vector<std::uint64_t> compressed_bytes;  ///< frame (version + codec + compressed body)
    std::vector<double> compression_ratio;        ///< raw / compressed
    std::vector<std::uint64_t> calldata_gas;
    std::vector<std::uint64_t> blob_gas;
    std::vector<u256> base_fee;                   ///< wei per gas
    std::vector<u256> blob_base_fee;              ///< wei per blob gas
    std::vector<u256> calldata_fee_wei;
    std::vector<u256> blob_fee_wei;
    std::vector<std::optional<std::uint64_t>> l1_gas_used;    ///< None until included
    std::vector<std::optional<std::uint64_t>> blob_gas_used;  ///< None until included
    std::vector<std::optional<u256>> l1_fee_wei;              ///< None until included
    std::vector<std::optional<bool>> root_matches;
};

/// One row per L2 tx submitted to the sequencer (Sequencer::tx_records order). Attributed
/// fields are None for a tx not (yet) in a posted batch; actual-cost fields are None until its
/// batch is included.
struct TxMetricsColumns {
    std::vector<Hash32> tx_hash;
    std::vector<std::uint64_t> raw_bytes;  ///< the tx's encoding
    std::vector<std::uint64_t> submitted_block;
    std::vector<std::optional<std::uint64_t>> batch_index;
    std::vector<std::optional<std::uint64_t>> included_block;
    std::vector<std::optional<std::uint64_t>> latency_blocks;
    std::vector<std::optional<std::uint64_t>> latency_seconds;
    std::vector<std::optional<std::string>> dropped;  ///< skip reason name when dropped
    std::vector<std::optional<std::uint64_t>> compressed_bytes;
    std::vector<std::optional<std::uint64_t>> calldata_gas;
    std::vector<std::optional<std::uint64_t>> blob_gas;
    std::vector<std::optional<u256>> calldata_fee_wei;
    std::vector<std::optional<u256>> blob_fee_wei;
    std::vector<std::optional<std::uint64_t>> l1_gas_used;
    std::vector<std::optional<u256>> l1_fee_wei;
};

/// One row per L1 queue item (deposit or forced tx) seen by a derivation node.
struct QueueMetricsColumns {
    std::vector<std::uint64_t> queue_index;
    std::vector<std::string> kind;  ///< "deposit", "forced_tx", "undecodable"
    std::vector<std::uint64_t> enqueue_block;
    std::vector<std::optional<std::uint64_t>> included_block;
    std::vector<bool> forced;       ///< applied by the forced-inclusion rule
    std::vector<std::optional<std::uint64_t>> latency_blocks;
    std::vector<std::optional<std::uint64_t>> latency_seconds;
    std::vector<std::optional<bool>> applied;           ///< None until included
    std::vector<std::optional<std::string>> reason;     ///< skip reason name when skipped
    std::vector<std::optional<u256>> amount;            ///< deposits: wei
};

/// One row per STF step a derivation node applied (its receipts).
struct ReceiptColumns {
    std::vector<std::uint64_t> index;
    std::vector<std::string> kind;  ///< "transfer", "withdrawal", "deposit", "undecodable"
    std::vector<Hash32> op_hash;
    std::vector<bool> applied;
    std::vector<std::optional<std::string>> reason;  ///< skip reason name
    std::vector<std::optional<Address>> sender;      ///< recovered signer of an L2 tx
    std::vector<Hash32> post_root;
};

/// Receipt rows of `node`.
ReceiptColumns receipt_columns(const Derivation& node);
/// Batch rows of `seq`; `chain` supplies block timestamps.
BatchMetricsColumns batch_metrics_columns(const Sequencer& seq, const l1::Chain& chain);
/// Tx rows of `seq` with the attribution rule above; `chain` supplies block timestamps.
TxMetricsColumns tx_metrics_columns(const Sequencer& seq, const l1::Chain& chain);
/// Queue rows of `node`; `chain` supplies block timestamps.
QueueMetricsColumns queue_metrics_columns(const Derivation& node, const l1::Chain& chain);

}  // namespace l2lab::rollup
