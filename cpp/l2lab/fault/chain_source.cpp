#include "l2lab/fault/chain_source.hpp"

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/l1/gas.hpp"

namespace l2lab::fault {

ChainSource::ChainSource(Address inbox, MachineConfig config) : m_inbox(inbox), m_config(config) {}

void ChainSource::sync(const l1::Chain& chain) {
    m_chain = &chain;
    const std::uint64_t head = chain.block_number();
    if (head <= m_synced)
        return;
    l1::LogFilter filter;
    filter.addresses = {m_inbox};
    filter.topics[0] = {rollup::topic_queued(), rollup::topic_batch_appended()};
    filter.from_block = m_synced + 1;
    filter.to_block = head;
    for (const l1::Log& log : chain.logs(filter)) {
        if (log.topics[0] == rollup::topic_queued()) {
            rollup::Op op = rollup::decode_op(log.data);
            m_queue.push_back(
                {rollup::QueueRecord{rollup::op_hash(op), log.block_number}, std::move(op)});
        } else {
            const rlp::Item item = rlp::decode(log.data);
            const auto& f = item.fields(3);
            BatchEntry b;
            b.record.da = f[0].u64_value() == 1 ? rollup::BatchDa::Blob : rollup::BatchDa::Calldata;
            b.record.commitment = f[1].hash();
            b.record.l1_block = log.block_number;
            b.record.queue_count = f[2].u64_value();
            b.tx_hash = log.tx_hash;
            m_batches.push_back(std::move(b));
        }
    }
    m_synced = head;
}

std::optional<rollup::QueueRecord> ChainSource::queue_record(std::uint64_t index) {
    if (index >= m_queue.size())
        return std::nullopt;
    return m_queue[index].record;
}

std::optional<rollup::BatchRecord> ChainSource::batch_record(std::uint64_t index) {
    if (index >= m_batches.size())
        return std::nullopt;
    return m_batches[index].record;
}

rollup::Op ChainSource::queue_op(std::uint64_t index, const rollup::QueueRecord& record) {
    if (index >= m_queue.size() || !(m_queue[index].record == record)) {
        throw MissingData("queue item " + std::to_string(index) + " is not on the chain");
    }
    return m_queue[index].op;
}

ChainSource::BatchEntry& ChainSource::batch(std::uint64_t index) {
    if (index >= m_batches.size()) {
        throw MissingData("batch " + std::to_string(index) + " is not on the chain");
    }
    return m_batches[index];
}

const Bytes& ChainSource::data_of(BatchEntry& b) {
    if (b.data)
        return *b.data;
    if (m_chain == nullptr)
        throw MissingData("the source was never synced");
    if (b.record.da == rollup::BatchDa::Blob) {
        const auto blob = m_chain->blob(b.record.commitment);
        if (!blob)
            throw MissingData("blob " + b.record.commitment.hex() + " is unavailable");
        const BytesView all = blob->data();
        std::size_t end = all.size();
        while (end > 0 && all[end - 1] == 0)
            --end;
        b.data = Bytes(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(end));
    } else {
        const auto found = m_chain->lookup(b.tx_hash);
        if (!found.receipt)
            throw MissingData("batch transaction not found");
        const l1::Block& block = m_chain->block(found.receipt->block_number);
        const auto& tx = *block.transactions.at(found.receipt->tx_index);
        const rlp::Item call = rlp::decode(tx.data);
        const BytesView frame = call.items().at(1).bytes();
        b.data = Bytes(frame.begin(), frame.end());
    }
    return *b.data;
}

Bytes ChainSource::batch_data(std::uint64_t index) {
    return data_of(batch(index));
}

Bytes ChainSource::batch_frame(std::uint64_t index, const rollup::BatchRecord& record) {
    BatchEntry& b = batch(index);
    if (!(b.record == record))
        throw MissingData("batch record mismatch");
    const Bytes& data = data_of(b);
    return b.record.da == rollup::BatchDa::Blob ? frame_from_blob_bytes(data) : data;
}

const std::vector<rollup::L2Tx>& ChainSource::batch_txs(std::uint64_t index) {
    BatchEntry& b = batch(index);
    if (!b.txs) {
        const Bytes frame = batch_frame(index, b.record);
        try {
            b.txs = rollup::decode_batch(frame, m_config.max_decompressed).txs;
        } catch (const DecodeError&) {
            b.txs = std::vector<rollup::L2Tx>{};
        }
    }
    return *b.txs;
}

rollup::L2Tx ChainSource::batch_tx(const Cursor& cursor) {
    const auto& txs = batch_txs(cursor.next_batch);
    if (cursor.tx_index >= txs.size())
        throw MissingData("batch tx index out of range");
    return txs[cursor.tx_index];
}

}  // namespace l2lab::fault
