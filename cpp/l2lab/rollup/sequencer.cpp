#include "l2lab/rollup/sequencer.hpp"

#include <algorithm>
#include <string>

#include "l2lab/core/error.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/l1/gas.hpp"
#include "l2lab/rollup/batch.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/rollup/state_diff.hpp"

namespace l2lab::rollup {

std::string_view ordering_name(OrderingPolicy p) {
    switch (p) {
        case OrderingPolicy::Fifo: return "fifo";
        case OrderingPolicy::Fee: return "fee";
        case OrderingPolicy::Adversarial: return "adversarial";
    }
    return "unknown";
}

OrderingPolicy ordering_from_name(std::string_view name) {
    if (name == "fifo") return OrderingPolicy::Fifo;
    if (name == "fee") return OrderingPolicy::Fee;
    if (name == "adversarial") return OrderingPolicy::Adversarial;
    throw InvalidArgument("unknown ordering policy '" + std::string(name) +
                          "' (fifo, fee, adversarial)");
}

Sequencer::Sequencer(sim::Account account, SequencerConfig config)
    : sim::Actor("sequencer"),
      m_account(std::move(account)),
      m_config(std::move(config)),
      m_node(m_config.derivation) {
    if (m_config.max_batch_txs == 0 || m_config.max_batch_bytes == 0 ||
        m_config.post_every_blocks == 0) {
        throw InvalidArgument("sequencer limits and post_every_blocks must be > 0");
    }
    // Worst-case expansion of an incompressible payload stays well under 1 KiB at these sizes.
    if (m_config.da == DataAvailability::Blob &&
        m_config.max_batch_bytes + 1024 > l1::gas::kBytesPerBlob - 4) {
        throw InvalidArgument("max_batch_bytes must be <= 130,044 for blob batches");
    }
    (void)compress(m_config.codec, Bytes{}, m_config.level);  // InvalidArgument for a bad level
}

bool Sequencer::submit(const L2Tx& tx, std::uint64_t block_number) {
    const Bytes encoding = tx.encode();
    const Hash32 h = crypto::keccak256(encoding);
    if (!m_known.insert(h).second) return false;
    TxRecord rec;
    rec.tx_hash = h;
    rec.raw_bytes = encoding.size();
    rec.submitted_block = block_number;
    m_records.push_back(rec);
    m_mempool.push_back({tx, m_records.size() - 1, m_seq++});
    return true;
}

std::size_t Sequencer::submit_many(const std::vector<L2Tx>& txs, std::uint64_t block_number) {
    std::size_t n = 0;
    for (const auto& tx : txs) n += submit(tx, block_number) ? 1 : 0;
    return n;
}

void Sequencer::on_block(sim::World& world, const l1::Block& block) {
    (void)block;
    m_node.advance(world.chain());
    settle_inflight(world);
    maybe_propose(world);
    maybe_post(world);
}

void Sequencer::settle_inflight(sim::World& world) {
    if (!m_inflight) return;
    BatchMetrics& m = m_batches[*m_inflight];
    const auto look = world.chain().lookup(m.l1_tx_hash);
    using S = l1::TxLookup::Status;
    if (look.status == S::Pending) return;
    if (look.status == S::Included && look.receipt->success()) {
        const auto& r = *look.receipt;
        m.included_block = r.block_number;
        m.l1_gas_used = r.gas_used;
        m.blob_gas_used = r.blob_gas_used;
        m.l1_fee_wei = r.fee_burned + r.priority_fee_paid;
        m.effective_gas_price = r.effective_gas_price;
        const l1::Block& blk = world.chain().block(r.block_number);
        m.base_fee = blk.header.base_fee_per_gas;
        m.blob_base_fee = blk.blob_base_fee;
        if (m_node.derived_block() >= r.block_number) {
            m.root_matches = m_node.root_after(r.block_number) == m.predicted_root;
        }
        for (std::size_t rec : m_inflight_records) m_records[rec].included_block = r.block_number;
    } else {
        // Dropped or reverted: the txs go back to the mempool for the next batch.
        for (std::size_t rec : m_inflight_records) m_records[rec].batch_index.reset();
        for (auto& e : m_inflight_entries) m_mempool.push_back(std::move(e));
    }
    m_inflight.reset();
    m_inflight_records.clear();
    m_inflight_entries.clear();
}

void Sequencer::maybe_propose(sim::World& world) {
    if (m_config.propose_every_blocks == 0) return;
    const std::uint64_t head = world.block_number();
    if (head < m_last_propose + m_config.propose_every_blocks) return;
    const std::uint64_t l1_block = m_node.derived_block();
    if (l1_block == 0 || (m_proposed_any && l1_block <= m_last_proposed_l1)) return;
    sim::TxOptions opt;
    opt.gas_limit = 300'000;
    const auto out = world.call(m_account, m_config.derivation.inbox,
                                inbox_propose_root(l1_block, m_node.root_after(l1_block)), 0, opt);
    if (out.accepted) {
        m_proposals.push_back(out.tx_hash);
        m_last_propose = head;
        m_last_proposed_l1 = l1_block;
        m_proposed_any = true;
    }
}

void Sequencer::maybe_post(sim::World& world) {
    if (m_inflight) return;
    const std::uint64_t head = world.block_number();
    if (head < m_last_post + m_config.post_every_blocks) return;
    const std::uint64_t target = head + 1;  // the block the batch should land in

    // Predict exactly what derivation will do in `target`: forced items first, then this batch.
    // Diff batches instead consume the overdue items themselves (the zk verifier requires it).
    const bool diff_mode = m_config.derivation.format == BatchFormat::StateDiff;
    L2State sim = m_node.state().clone();
    const auto& queue = m_node.queue();
    std::size_t consumed = m_node.queue_consumed();
    const std::size_t queue_start = consumed;
    std::size_t overdue_end = consumed;
    for (std::size_t i : m_node.overdue_at(target)) {
        if (diff_mode) {
            overdue_end = i + 1;
            continue;
        }
        for (; consumed <= i; ++consumed) (void)apply_op(sim, m_config.derivation.stf, queue[consumed].op);
    }
    Batch batch;
    batch.queue_index = m_config.ignore_queue ? std::max(consumed, overdue_end) : queue.size();
    if (diff_mode) {  // bound the diff's size: voluntary items count 128 bytes each
        const std::size_t cap = std::max(overdue_end, queue_start + m_config.max_batch_bytes / 128);
        batch.queue_index = std::min(batch.queue_index, cap);
    }
    const std::size_t queue_items = batch.queue_index - consumed;
    for (; consumed < batch.queue_index; ++consumed) {
        (void)apply_op(sim, m_config.derivation.stf, queue[consumed].op);
    }

    std::vector<std::size_t> order(m_mempool.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    if (m_config.ordering == OrderingPolicy::Fee) {
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return m_mempool[a].tx.fee > m_mempool[b].tx.fee;
        });
    } else if (m_config.ordering == OrderingPolicy::Adversarial) {
        std::reverse(order.begin(), order.end());
    }
    std::vector<bool> taken(m_mempool.size(), false), dropped(m_mempool.size(), false);
    std::vector<std::optional<SkipReason>> last_reason(m_mempool.size());
    std::size_t raw = 0;
    bool progress = true;
    bool full = false;
    // Several passes so that a sender's later nonce ordered before an earlier one still fits.
    for (int pass = 0; pass < 4 && progress && !full; ++pass) {
        progress = false;
        for (std::size_t i : order) {
            if (taken[i] || dropped[i]) continue;
            const Entry& e = m_mempool[i];
            const auto sender = e.tx.recover_sender();
            if (sender && m_config.censored_senders.count(*sender) != 0) continue;
            const std::size_t size = e.tx.encode().size();
            if (batch.txs.size() >= m_config.max_batch_txs ||
                raw + size > m_config.max_batch_bytes) {
                full = true;
                break;
            }
            const auto cp = sim.checkpoint();
            const auto out = apply_op(sim, m_config.derivation.stf, Op{e.tx}, &sender);
            if (!out.applied) sim.rollback(cp);
            sim.commit(cp);  // close the per-tx checkpoint either way (no journal growth)
            if (out.applied) {
                taken[i] = true;
                progress = true;
                raw += size;
                batch.txs.push_back(e.tx);
                m_inflight_records.push_back(e.record);
            } else {
                const bool future = out.reason == SkipReason::WrongNonce && sender &&
                                    e.tx.nonce > sim.account(*sender).nonce;
                // Unfunded txs wait (a deposit may fund them); everything else is invalid.
                const bool wait = out.reason == SkipReason::InsufficientBalance;
                last_reason[i] = out.reason;
                if (!future && !wait) {
                    dropped[i] = true;
                    m_records[e.record].dropped = out.reason;
                }
            }
        }
    }
    full = full || batch.txs.size() >= m_config.max_batch_txs;
    bool waiting = false;
    // max_delay_blocks: a batch that is not full waits to fill until its oldest tx (or queue
    // item) has waited max_delay_blocks L1 blocks.
    if (m_config.max_delay_blocks != 0 && !full && (!batch.txs.empty() || queue_items != 0)) {
        std::uint64_t oldest = head;
        for (std::size_t rec : m_inflight_records) {
            oldest = std::min(oldest, m_records[rec].submitted_block);
        }
        for (std::size_t q = batch.queue_index - queue_items; q < batch.queue_index; ++q) {
            oldest = std::min(oldest, queue[q].enqueue_block);
        }
        waiting = head - oldest < m_config.max_delay_blocks;  // oldest <= head: no overflow
    }
    // Eviction of txs that kept failing (future nonce, unfunded) for max_wait_blocks.
    for (std::size_t i = 0; i < m_mempool.size(); ++i) {
        const TxRecord& rec = m_records[m_mempool[i].record];
        if (!taken[i] && !dropped[i] && last_reason[i] && m_config.max_wait_blocks != 0 &&
            head >= rec.submitted_block + m_config.max_wait_blocks) {
            dropped[i] = true;
            m_records[m_mempool[i].record].dropped = last_reason[i];
        }
    }
    std::vector<Entry> keep;
    for (std::size_t i = 0; i < m_mempool.size(); ++i) {
        if (taken[i] && !waiting) m_inflight_entries.push_back(std::move(m_mempool[i]));
        else if (!dropped[i]) keep.push_back(std::move(m_mempool[i]));
    }
    m_mempool = std::move(keep);
    if (waiting) {  // nothing is posted this block; the batch is rebuilt on the next one
        m_inflight_records.clear();
        return;
    }
    if (batch.txs.empty() && queue_items == 0) return;

    BatchMetrics m;
    m.submitted_block = head;
    m.blob = m_config.da == DataAvailability::Blob;
    m.tx_count = batch.txs.size();
    m.queue_items = queue_items;
    Bytes frame;
    if (diff_mode) {
        (void)register_accounts(m_node.state(), sim);  // the batch closes: before its root is taken
        const DiffBatch db{queue_start, batch.queue_index, make_state_diff(m_node.state(), sim)};
        m.raw_bytes = encode_diff_batch_payload(db).size();
        frame = encode_diff_batch(db, m_config.codec, m_config.level);
        if (m.blob && frame.size() + 4 > l1::gas::kBytesPerBlob) m.blob = false;  // too big: calldata
    } else {
        m.raw_bytes = encode_batch_payload(batch).size();
        frame = encode_batch(batch, m_config.codec, m_config.level);
    }
    m.compressed_bytes = frame.size();
    const auto& ccfg = world.chain().config();
    m.calldata_gas = l1::gas::intrinsic_gas(frame);
    if (ccfg.eip7623) {
        m.calldata_gas =
            std::max(m.calldata_gas, l1::gas::calldata_floor_gas(frame, ccfg.calldata_floor_per_token));
    }
    m.blob_gas = l1::gas::kGasPerBlob *
                 ((frame.size() + 4 + l1::gas::kBytesPerBlob - 1) / l1::gas::kBytesPerBlob);
    m.predicted_root = sim.state_root();
    m.base_fee = world.chain().base_fee();
    m.blob_base_fee = world.chain().blob_base_fee();
    m.records = m_inflight_records;
    for (std::size_t rec : m_inflight_records) m_records[rec].batch_index = m_batches.size();

    l1::SubmitOutcome out;
    if (m.blob) {
        l1::Transaction tx;
        tx.to = m_config.derivation.inbox;
        tx.data = inbox_append_blob_batch();
        const l1::Blob blob = l1::Blob::from_data(blob_payload(frame));
        tx.blob_versioned_hashes = {blob.versioned_hash()};
        if (diff_mode) {
            m_posted_diffs.push_back({blob.versioned_hash(), queue_start, batch.queue_index, batch.txs, frame});
        }
        tx.blobs = {blob};
        tx.max_fee_per_blob_gas = m_config.max_fee_per_blob_gas;
        sim::TxOptions opt;
        opt.gas_limit = 200'000;
        out = world.submit(m_account, std::move(tx), opt);
    } else {
        const Bytes data = inbox_append_batch(frame);
        if (diff_mode) {
            m_posted_diffs.push_back({crypto::keccak256(frame), queue_start, batch.queue_index, batch.txs, frame});
        }
        sim::TxOptions opt;
        std::uint64_t need = l1::gas::intrinsic_gas(data);
        if (ccfg.eip7623) {
            need = std::max(need, l1::gas::calldata_floor_gas(data, ccfg.calldata_floor_per_token));
        }
        opt.gas_limit = need + l1::gas::keccak_cost(data.size()) + 200'000;
        out = world.call(m_account, m_config.derivation.inbox, data, 0, opt);
    }
    m.l1_tx_hash = out.tx_hash;
    m_last_post = head;
    m_batches.push_back(m);
    if (out.accepted) {
        m_inflight = m_batches.size() - 1;
    } else {
        for (std::size_t rec : m_inflight_records) m_records[rec].batch_index.reset();
        for (auto& e : m_inflight_entries) m_mempool.push_back(std::move(e));
        m_inflight_entries.clear();
        m_inflight_records.clear();
    }
}

const PostedDiffBatch* Sequencer::posted_diff_batch(const Hash32& commitment) const {
    for (auto it = m_posted_diffs.rbegin(); it != m_posted_diffs.rend(); ++it) {
        if (it->commitment == commitment) return &*it;
    }
    return nullptr;
}

const PostedDiffBatch* Sequencer::posted_diff_batch(const Hash32& commitment, std::uint64_t l1_block) const {
    // In diff mode every post adds one BatchMetrics and one PostedDiffBatch, in the same order.
    // A batch whose inclusion the sequencer has not seen yet (it settles on its next block) is
    // the latest post submitted before `l1_block` with that commitment and no known inclusion.
    const std::size_t n = std::min(m_posted_diffs.size(), m_batches.size());
    const PostedDiffBatch* unsettled = nullptr;
    for (std::size_t i = 0; i < n; ++i) {
        if (m_posted_diffs[i].commitment != commitment) continue;
        const BatchMetrics& m = m_batches[i];
        if (m.included_block == l1_block) return &m_posted_diffs[i];
        if (!m.included_block && m.submitted_block < l1_block) unsettled = &m_posted_diffs[i];
    }
    return unsettled;
}

}  // namespace l2lab::rollup
