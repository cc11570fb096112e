#include "l2lab/rollup/metrics.hpp"

#include <algorithm>
#include <limits>

#include "l2lab/core/error.hpp"
#include "l2lab/l1/gas.hpp"

namespace l2lab::rollup {

std::vector<u256> apportion(const u256& total, std::span<const std::uint64_t> weights) {
    std::vector<u256> out(weights.size());
    if (weights.empty()) return out;
    std::uint64_t sum = 0;
    for (auto w : weights) {
        if (w > std::numeric_limits<std::uint64_t>::max() - sum) {
            throw InvalidArgument("apportion: weights sum past 2^64 - 1");
        }
        sum += w;
    }
    const bool equal = sum == 0;
    if (equal) sum = weights.size();
    // total * prefix can exceed 2^256 only for totals near 2^192; split the quotient to stay exact.
    const u256 q = total / sum;
    const u256 r = total % sum;
    u256 prev = 0;
    std::uint64_t prefix = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        prefix += equal ? 1 : weights[i];
        const u256 cum = q * prefix + (r * prefix) / sum;
        out[i] = cum - prev;
        prev = cum;
    }
    return out;
}

namespace {

std::optional<std::uint64_t> seconds_between(const l1::Chain& chain, std::uint64_t from,
                                             std::optional<std::uint64_t> to) {
    if (!to || *to < from || *to > chain.block_number()) return std::nullopt;
    return chain.block(*to).header.timestamp - chain.block(from).header.timestamp;
}

std::optional<std::uint64_t> blocks_between(std::uint64_t from, std::optional<std::uint64_t> to) {
    if (!to || *to < from) return std::nullopt;
    return *to - from;
}

std::uint64_t as_u64(const u256& v) { return v.convert_to<std::uint64_t>(); }

// The data part of the gas a batch's receipt charged (see the file comment of metrics.hpp).
std::uint64_t data_gas_used(const BatchMetrics& m) {
    if (m.blob || m.l1_gas_used < l1::gas::kTxBase) return 0;
    return std::min(m.calldata_gas, m.l1_gas_used) - l1::gas::kTxBase;
}

}  // namespace

BatchMetricsColumns batch_metrics_columns(const Sequencer& seq, const l1::Chain& chain) {
    BatchMetricsColumns c;
    const auto& all = seq.batch_metrics();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const BatchMetrics& m = all[i];
        c.batch_index.push_back(i);
        c.blob.push_back(m.blob);
        c.submitted_block.push_back(m.submitted_block);
        c.included_block.push_back(m.included_block);
        c.latency_blocks.push_back(blocks_between(m.submitted_block, m.included_block));
        c.latency_seconds.push_back(seconds_between(chain, m.submitted_block, m.included_block));
        c.tx_count.push_back(m.tx_count);
        c.queue_items.push_back(m.queue_items);
        c.raw_bytes.push_back(m.raw_bytes);
        c.compressed_bytes.push_back(m.compressed_bytes);
        c.compression_ratio.push_back(m.compressed_bytes == 0
                                          ? 0.0
                                          : static_cast<double>(m.raw_bytes) /
                                                static_cast<double>(m.compressed_bytes));
        c.calldata_gas.push_back(m.calldata_gas);
        c.blob_gas.push_back(m.blob_gas);
        c.base_fee.push_back(m.base_fee);
        c.blob_base_fee.push_back(m.blob_base_fee);
        c.calldata_fee_wei.push_back(u256(m.calldata_gas) * m.base_fee);
        c.blob_fee_wei.push_back(u256(m.blob_gas) * m.blob_base_fee +
                                 u256(l1::gas::kTxBase) * m.base_fee);
        const bool inc = m.included_block.has_value();
        c.l1_gas_used.push_back(inc ? std::optional<std::uint64_t>(m.l1_gas_used) : std::nullopt);
        c.blob_gas_used.push_back(inc ? std::optional<std::uint64_t>(m.blob_gas_used)
                                      : std::nullopt);
        c.l1_fee_wei.push_back(inc ? std::optional<u256>(m.l1_fee_wei) : std::nullopt);
        c.root_matches.push_back(m.root_matches);
    }
    return c;
}

TxMetricsColumns tx_metrics_columns(const Sequencer& seq, const l1::Chain& chain) {
    const auto& recs = seq.tx_records();
    const std::size_t n = recs.size();
    TxMetricsColumns c;
    c.compressed_bytes.assign(n, std::nullopt);
    c.calldata_gas.assign(n, std::nullopt);
    c.blob_gas.assign(n, std::nullopt);
    c.calldata_fee_wei.assign(n, std::nullopt);
    c.blob_fee_wei.assign(n, std::nullopt);
    c.l1_gas_used.assign(n, std::nullopt);
    c.l1_fee_wei.assign(n, std::nullopt);
    for (const TxRecord& r : recs) {
        c.tx_hash.push_back(r.tx_hash);
        c.raw_bytes.push_back(r.raw_bytes);
        c.submitted_block.push_back(r.submitted_block);
        c.batch_index.push_back(r.batch_index ? std::optional<std::uint64_t>(*r.batch_index)
                                              : std::nullopt);
        c.included_block.push_back(r.included_block);
        c.latency_blocks.push_back(blocks_between(r.submitted_block, r.included_block));
        c.latency_seconds.push_back(seconds_between(chain, r.submitted_block, r.included_block));
        c.dropped.push_back(r.dropped ? std::optional<std::string>(skip_reason_name(*r.dropped))
                                      : std::nullopt);
    }
    const u256 base(l1::gas::kTxBase);
    const auto& batches = seq.batch_metrics();
    for (std::size_t b = 0; b < batches.size(); ++b) {
        const BatchMetrics& m = batches[b];
        if (m.records.empty()) continue;
        // Only the batch a tx currently belongs to speaks for it (a dropped L1 tx's batch does
        // not, its txs were re-batched).
        if (recs[m.records.front()].batch_index != b) continue;
        const std::size_t k = m.records.size();
        std::vector<std::uint64_t> raw(k), ones(k, 1);
        for (std::size_t j = 0; j < k; ++j) raw[j] = recs[m.records[j]].raw_bytes;
        const auto comp = apportion(m.compressed_bytes, raw);
        std::vector<std::uint64_t> cw(k);
        for (std::size_t j = 0; j < k; ++j) cw[j] = as_u64(comp[j]);
        auto split = [&](const u256& var, const u256& fixed) {
            auto v = apportion(var, cw);
            const auto f = apportion(fixed, ones);
            for (std::size_t j = 0; j < k; ++j) v[j] += f[j];
            return v;
        };
        const std::uint64_t cd_var = m.calldata_gas - l1::gas::kTxBase;
        const auto cd_gas = split(cd_var, base);
        const auto bl_gas = split(m.blob_gas, 0);
        const auto cd_fee = split(u256(cd_var) * m.base_fee, base * m.base_fee);
        const auto bl_fee = split(u256(m.blob_gas) * m.blob_base_fee, base * m.base_fee);
        std::vector<u256> used, fee;
        if (m.included_block) {
            const std::uint64_t dv = data_gas_used(m);
            used = split(dv, m.l1_gas_used - dv);
            const u256 fee_var = m.blob ? u256(m.blob_gas_used) * m.blob_base_fee
                                        : u256(dv) * m.effective_gas_price;
            const u256 fv = std::min(fee_var, m.l1_fee_wei);
            fee = split(fv, m.l1_fee_wei - fv);
        }
        for (std::size_t j = 0; j < k; ++j) {
            const std::size_t i = m.records[j];
            c.compressed_bytes[i] = cw[j];
            c.calldata_gas[i] = as_u64(cd_gas[j]);
            c.blob_gas[i] = as_u64(bl_gas[j]);
            c.calldata_fee_wei[i] = cd_fee[j];
            c.blob_fee_wei[i] = bl_fee[j];
            if (m.included_block) {
                c.l1_gas_used[i] = as_u64(used[j]);
                c.l1_fee_wei[i] = fee[j];
            }
        }
    }
    return c;
}

ReceiptColumns receipt_columns(const Derivation& node) {
    ReceiptColumns c;
    const auto& rs = node.receipts();
    const auto& ops = node.ops();
    for (std::size_t i = 0; i < rs.size(); ++i) {
        const StepReceipt& r = rs[i];
        c.index.push_back(r.index);
        const Op& op = ops[i];
        if (const auto* tx = std::get_if<L2Tx>(&op)) {
            c.kind.emplace_back(tx->kind == TxKind::Transfer ? "transfer" : "withdrawal");
        } else {
            c.kind.emplace_back(std::holds_alternative<Deposit>(op) ? "deposit" : "undecodable");
        }
        c.op_hash.push_back(r.op_hash);
        c.applied.push_back(r.outcome.applied);
        c.reason.push_back(r.outcome.reason
                               ? std::optional<std::string>(skip_reason_name(*r.outcome.reason))
                               : std::nullopt);
        c.sender.push_back(r.outcome.sender);
        c.post_root.push_back(r.post_root);
    }
    return c;
}

QueueMetricsColumns queue_metrics_columns(const Derivation& node, const l1::Chain& chain) {
    QueueMetricsColumns c;
    const auto& q = node.queue();
    const auto& receipts = node.receipts();
    for (std::size_t i = 0; i < q.size(); ++i) {
        const QueueItem& item = q[i];
        c.queue_index.push_back(i);
        if (const auto* d = std::get_if<Deposit>(&item.op)) {
            c.kind.emplace_back("deposit");
            c.amount.emplace_back(d->amount);
        } else {
            c.kind.emplace_back(std::holds_alternative<L2Tx>(item.op) ? "forced_tx"
                                                                      : "undecodable");
            c.amount.emplace_back(std::nullopt);
        }
        c.enqueue_block.push_back(item.enqueue_block);
        c.included_block.push_back(item.included_block);
        c.forced.push_back(item.forced);
        c.latency_blocks.push_back(blocks_between(item.enqueue_block, item.included_block));
        c.latency_seconds.push_back(seconds_between(chain, item.enqueue_block, item.included_block));
        if (item.step && *item.step < receipts.size()) {
            const auto& out = receipts[*item.step].outcome;
            c.applied.emplace_back(out.applied);
            c.reason.push_back(out.reason ? std::optional<std::string>(skip_reason_name(*out.reason))
                                          : std::nullopt);
        } else {
            c.applied.emplace_back(std::nullopt);
            c.reason.emplace_back(std::nullopt);
        }
    }
    return c;
}

}  // namespace l2lab::rollup
