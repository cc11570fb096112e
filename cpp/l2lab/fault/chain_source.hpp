#pragma once
/// \file chain_source.hpp
/// The off-chain L1Source: what an honest node reads from the chain (the inbox's logs, the
/// batch calldata, the blobs) to run the derivation machine and to build one-step proofs.
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "l2lab/fault/machine.hpp"
#include "l2lab/l1/chain.hpp"
#include "l2lab/rollup/batch.hpp"

namespace l2lab::fault {

/// Reads an inbox's records and data from a chain. Call sync() to take in new blocks.
class ChainSource final : public L1Source {
public:
    /// A source for the inbox at `inbox`; nothing read until sync().
    ChainSource(Address inbox, MachineConfig config);

    /// Read the inbox's logs of blocks up to the chain's head (incrementally).
    void sync(const l1::Chain& chain);
    /// Last block read by sync().
    std::uint64_t synced_block() const noexcept { return m_synced; }

    std::optional<rollup::QueueRecord> queue_record(std::uint64_t index) override;
    std::optional<rollup::BatchRecord> batch_record(std::uint64_t index) override;
    rollup::Op queue_op(std::uint64_t index, const rollup::QueueRecord& record) override;
    /// The frame; MissingData when the blob is withheld or no longer retained.
    Bytes batch_frame(std::uint64_t index, const rollup::BatchRecord& record) override;
    rollup::L2Tx batch_tx(const Cursor& cursor) override;

    /// Raw data a one-step proof hands the verifier for batch `index`: the calldata frame, or
    /// the blob's bytes without trailing zeros. MissingData as batch_frame.
    Bytes batch_data(std::uint64_t index);
    /// The decoded txs of batch `index` (empty when undecodable). MissingData as batch_frame.
    const std::vector<rollup::L2Tx>& batch_txs(std::uint64_t index);
    std::size_t queue_length() const noexcept { return m_queue.size(); }
    std::size_t batch_count() const noexcept { return m_batches.size(); }

private:
    struct QueueEntry {
        rollup::QueueRecord record;
        rollup::Op op;
    };
    struct BatchEntry {
        rollup::BatchRecord record;
        Hash32 tx_hash;             // the append transaction (calldata DA)
        std::optional<Bytes> data;  // calldata frame or trimmed blob, once fetched
        std::optional<std::vector<rollup::L2Tx>> txs;  // decoded txs (empty if undecodable)
    };
    BatchEntry& batch(std::uint64_t index);
    const Bytes& data_of(BatchEntry& b);

    Address m_inbox;
    MachineConfig m_config;
    const l1::Chain* m_chain = nullptr;
    std::uint64_t m_synced = 0;
    std::vector<QueueEntry> m_queue;
    std::vector<BatchEntry> m_batches;
};

}  // namespace l2lab::fault
