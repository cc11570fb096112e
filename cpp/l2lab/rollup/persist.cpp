// Crash-recovery state of the derivation node and the sequencer: strict canonical RLP encodings.
//
// Canonicality is enforced by construction: a decoded state is re-encoded and must reproduce the
// input byte for byte (so a bool written as 2, a non-minimal integer or a reordered field is a
// DecodeError). The L2 state, receipts and per-block roots of a Derivation are never stored:
// load_state rebuilds them by replaying the stored ops, so they cannot disagree with the ops.
#include <algorithm>
#include <any>
#include <limits>
#include <set>
#include <string>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/rollup/derivation.hpp"
#include "l2lab/rollup/sequencer.hpp"

namespace l2lab::rollup {

namespace {

constexpr std::string_view kDerivationTag = "l2lab/rollup/derivation/v1";
constexpr std::string_view kSequencerTag = "l2lab/rollup/sequencer/v1";

rlp::Limits state_limits() {
    rlp::Limits lim;
    lim.max_input_bytes = std::size_t{1} << 30;
    lim.max_items = std::size_t{1} << 26;
    lim.max_depth = 8;
    return lim;
}

[[noreturn]] void invalid(const rlp::Item& at, const std::string& what) {
    throw DecodeError(DecodeErrorKind::InvalidValue, at.offset(), what);
}

Bytes opt_u64(const std::optional<std::uint64_t>& v) {
    rlp::ListBuilder b;
    if (v) b.add_u64(*v);
    return b.finish();
}
std::optional<std::uint64_t> read_opt_u64(const rlp::Item& it) {
    const auto& f = it.items();
    if (f.size() > 1) invalid(it, "optional with more than one item");
    if (f.empty()) return std::nullopt;
    return f[0].u64_value();
}
void check_tag(const rlp::Item& it, std::string_view tag) {
    const BytesView b = it.bytes();
    if (std::string_view(reinterpret_cast<const char*>(b.data()), b.size()) != tag) {
        invalid(it, "not a " + std::string(tag) + " state");
    }
}
void check_canonical(BytesView input, const Bytes& reencoded) {
    if (reencoded.size() != input.size() ||
        !std::equal(reencoded.begin(), reencoded.end(), input.begin())) {
        std::size_t i = 0;
        while (i < input.size() && i < reencoded.size() && input[i] == reencoded[i]) ++i;
        throw DecodeError(DecodeErrorKind::NonCanonical, i,
                          "state encoding is not canonical (re-encoding differs)");
    }
}

Bytes config_item(const DerivationConfig& c) {
    rlp::ListBuilder b;
    b.add_address(c.inbox).add_u64(c.stf.chain_id).add_address(c.stf.fee_recipient);
    b.add_u64(c.forced_window).add_u64(c.max_decompressed);
    // The state_diff format appends its id; tx-format states keep their original encoding.
    if (c.format != BatchFormat::Txs) b.add_u64(static_cast<std::uint64_t>(c.format));
    return b.finish();
}

Bytes tx_entry(const L2Tx& tx, std::size_t record, std::uint64_t seq) {
    rlp::ListBuilder b;
    b.add_encoded(tx.encode()).add_u64(record).add_u64(seq);
    return b.finish();
}

}  // namespace

// ---- Derivation ------------------------------------------------------------------------------

Bytes Derivation::save_state() const {
    rlp::ListBuilder steps;
    for (std::size_t s : m_steps) steps.add_u64(s);
    rlp::ListBuilder ops;
    for (const auto& op : m_ops) ops.add_encoded(encode_op(op));
    rlp::ListBuilder queue;
    for (const auto& q : m_queue) {
        rlp::ListBuilder e;
        e.add_encoded(encode_op(q.op)).add_u64(q.enqueue_block);
        e.add_encoded(opt_u64(q.included_block)).add_u64(q.forced ? 1 : 0);
        e.add_encoded(opt_u64(q.step ? std::optional<std::uint64_t>(*q.step) : std::nullopt));
        queue.add_encoded(e.finish());
    }
    rlp::ListBuilder batches;
    for (const auto& b : m_batches) {
        rlp::ListBuilder e;
        e.add_u64(b.l1_block).add_u64(b.blob ? 1 : 0).add_hash(b.commitment);
        e.add_u64(b.decoded ? 1 : 0).add_bytes(as_bytes(b.decode_error));
        e.add_u64(b.frame_bytes).add_u64(b.tx_count).add_u64(b.first_step).add_u64(b.step_count);
        e.add_u64(b.queue_count);
        batches.add_encoded(e.finish());
    }
    rlp::ListBuilder top;
    top.add_bytes(as_bytes(kDerivationTag)).add_encoded(config_item(m_config));
    top.add_u64(m_derived).add_encoded(opt_u64(m_stalled)).add_encoded(steps.finish());
    top.add_encoded(ops.finish()).add_encoded(queue.finish()).add_encoded(batches.finish());
    if (m_config.format == BatchFormat::StateDiff) {
        // Per batch: [queue_start, queue_end, [] | [applied diff], root after the batch]. The root
        // is a local integrity check: the frames carry none (state_diff.hpp).
        rlp::ListBuilder diffs;
        for (std::size_t i = 0; i < m_batches.size(); ++i) {
            rlp::ListBuilder e, d;
            if (m_diffs[i]) d.add_bytes(m_diffs[i]->encode());
            e.add_u64(m_batches[i].queue_start).add_u64(m_batches[i].queue_end).add_encoded(d.finish());
            e.add_hash(m_batches[i].post_root);
            diffs.add_encoded(e.finish());
        }
        top.add_encoded(diffs.finish());
    }
    return top.finish();
}

void Derivation::load_state(BytesView encoding) {
    const auto top = rlp::decode(encoding, state_limits());
    const bool diff_format = m_config.format == BatchFormat::StateDiff;
    const auto& f = top.fields(diff_format ? 9 : 8);
    check_tag(f[0], kDerivationTag);
    if (f[1].encoded().size() != config_item(m_config).size() ||
        Bytes(f[1].encoded().begin(), f[1].encoded().end()) != config_item(m_config)) {
        invalid(f[1], "state was saved by a node with a different DerivationConfig");
    }
    const std::uint64_t derived = f[2].u64_value();
    const auto stalled = read_opt_u64(f[3]);
    std::vector<std::size_t> steps;
    for (const auto& s : f[4].items()) steps.push_back(s.u64_value());
    std::vector<Op> ops;
    for (const auto& o : f[5].items()) ops.push_back(decode_op(o.encoded()));
    if (steps.size() != derived + 1 || derived == std::numeric_limits<std::uint64_t>::max()) {
        invalid(f[4], "one step count per derived L1 block (0..derived) expected");
    }
    if (steps.front() != 0 || steps.back() != ops.size()) {
        invalid(f[4], "step counts must start at 0 and end at the number of ops");
    }
    for (std::size_t i = 1; i < steps.size(); ++i) {
        if (steps[i] < steps[i - 1]) invalid(f[4], "step counts must not decrease");
    }
    if (stalled && *stalled != derived + 1) invalid(f[3], "a stall is at derived_block + 1");

    std::vector<QueueItem> queue;
    std::size_t consumed = 0;
    for (const auto& e : f[6].items()) {
        const auto& g = e.fields(5);
        QueueItem q;
        q.op = decode_op(g[0].encoded());
        q.enqueue_block = g[1].u64_value();
        q.included_block = read_opt_u64(g[2]);
        q.forced = g[3].u64_value() != 0;
        if (const auto st = read_opt_u64(g[4])) {
            if (*st >= ops.size()) invalid(g[4], "queue item step out of range");
            q.step = static_cast<std::uint32_t>(*st);
        }
        if (diff_format ? q.step.has_value() || q.forced
                        : q.step.has_value() != q.included_block.has_value()) {
            invalid(e, diff_format ? "the state_diff format has no steps and no forced items"
                                   : "a queue item has a step exactly when it is included");
        }
        if (q.enqueue_block > derived || (q.included_block && *q.included_block > derived)) {
            invalid(e, "queue item beyond the derived block");
        }
        if (q.included_block) {
            if (consumed != queue.size()) invalid(e, "consumed queue items must be a prefix");
            ++consumed;
        } else if (q.forced) {
            invalid(e, "an unconsumed queue item cannot be forced");
        }
        queue.push_back(std::move(q));
    }
    std::vector<DerivedBatch> batches;
    for (const auto& e : f[7].items()) {
        const auto& g = e.fields(10);
        DerivedBatch b;
        b.batch_index = batches.size();
        b.l1_block = g[0].u64_value();
        b.blob = g[1].u64_value() != 0;
        b.commitment = g[2].hash();
        b.decoded = g[3].u64_value() != 0;
        const BytesView err = g[4].bytes();
        b.decode_error.assign(reinterpret_cast<const char*>(err.data()), err.size());
        b.frame_bytes = g[5].u64_value();
        b.tx_count = g[6].u64_value();
        const std::uint64_t first = g[7].u64_value();
        const std::uint64_t count = g[8].u64_value();
        if (b.l1_block == 0 || b.l1_block > derived || first > ops.size() ||
            count > ops.size() - first) {
            invalid(e, "batch outside the derived blocks or steps");
        }
        b.first_step = static_cast<std::uint32_t>(first);
        b.step_count = static_cast<std::uint32_t>(count);
        b.queue_count = g[9].u64_value();
        if (b.queue_count > queue.size()) invalid(g[9], "batch queue count beyond the queue");
        batches.push_back(std::move(b));
    }

    Derivation fresh(m_config);
    if (diff_format) {
        fresh.rebuild_from_diffs(f[8], derived, batches, queue);
        fresh.m_stalled = stalled;
        fresh.m_queue = std::move(queue);
        fresh.m_batches = std::move(batches);
        check_canonical(encoding, fresh.save_state());
        *this = std::move(fresh);
        return;
    }
    // Rebuild state, receipts and roots by replaying the ops.
    fresh.m_roots.clear();
    std::size_t block = 0;
    for (std::size_t i = 0; i <= ops.size(); ++i) {
        while (block < steps.size() && steps[block] == i) {
            fresh.m_roots.push_back(fresh.m_state.state_root());
            ++block;
        }
        if (i < ops.size()) fresh.step(ops[i]);
    }
    for (auto& b : batches) {
        const std::size_t end = b.first_step + b.step_count;
        b.post_root = end == 0 ? L2State().state_root() : fresh.m_receipts[end - 1].post_root;
    }
    fresh.m_derived = derived;
    fresh.m_stalled = stalled;
    fresh.m_steps = std::move(steps);
    fresh.m_queue = std::move(queue);
    fresh.m_consumed = consumed;
    fresh.m_batches = std::move(batches);
    check_canonical(encoding, fresh.save_state());

    m_state = std::move(fresh.m_state);
    m_derived = fresh.m_derived;
    m_stalled = fresh.m_stalled;
    m_roots = std::move(fresh.m_roots);
    m_steps = std::move(fresh.m_steps);
    m_receipts = std::move(fresh.m_receipts);
    m_ops = std::move(fresh.m_ops);
    m_queue = std::move(fresh.m_queue);
    m_consumed = fresh.m_consumed;
    m_batches = std::move(fresh.m_batches);
    m_deposited = fresh.m_deposited;
}

void Derivation::rebuild_from_diffs(const rlp::Item& list, std::uint64_t derived,
                                    std::vector<DerivedBatch>& batches, std::vector<QueueItem>& queue) {
    const auto& entries = list.items();
    if (entries.size() != batches.size()) invalid(list, "one diff entry per batch expected");
    m_roots.clear();
    std::size_t next = 0;
    for (std::uint64_t block = 0; block <= derived; ++block) {
        for (; next < batches.size() && batches[next].l1_block == block; ++next) {
            DerivedBatch& b = batches[next];
            const auto& g = entries[next].fields(4);
            b.queue_start = g[0].u64_value();
            b.queue_end = g[1].u64_value();
            const auto& d = g[2].items();
            if (d.size() > 1 || (d.size() == 1) != b.decoded) invalid(g[2], "a batch has a diff exactly when applied");
            m_diffs.emplace_back();
            if (d.size() == 1) {
                StateDiff diff = StateDiff::decode(d[0].bytes());
                if (b.queue_start != m_consumed || b.queue_end < b.queue_start ||
                    b.queue_end > b.queue_count) {
                    invalid(entries[next], "applied batch's queue range does not follow the queue");
                }
                try {
                    apply_state_diff(m_state, diff);
                } catch (const StateError& e) {
                    invalid(g[2], std::string("stored diffs do not chain: ") + e.what());
                }
                for (std::size_t i = b.queue_start; i < b.queue_end; ++i) {
                    if (!queue[i].included_block) invalid(entries[next], "consumed queue item not marked included");
                    if (const auto* dep = std::get_if<Deposit>(&queue[i].op)) m_deposited += dep->amount;
                }
                m_consumed = b.queue_end;
                m_diffs.back() = std::move(diff);
            }
            b.post_root = m_state.state_root();
            if (b.post_root != g[3].hash()) invalid(g[3], "the stored diffs do not rebuild the stored batch root");
        }
        if (next < batches.size() && batches[next].l1_block < block) {
            invalid(list, "batches must be in L1 block order");
        }
        m_roots.push_back(m_state.state_root());
        m_steps.push_back(0);
    }
    m_steps.erase(m_steps.begin());  // the constructor's entry for block 0
    if (next != batches.size()) invalid(list, "batch beyond the derived blocks");
    std::size_t included = 0;
    while (included < queue.size() && queue[included].included_block) ++included;
    if (included != m_consumed) invalid(list, "included queue items differ from the consumed ones");
    m_derived = derived;
}

// ---- Sequencer -------------------------------------------------------------------------------

Bytes Sequencer::save_state_bytes() const {
    rlp::ListBuilder mempool;
    for (const auto& e : m_mempool) mempool.add_encoded(tx_entry(e.tx, e.record, e.seq));
    rlp::ListBuilder records;
    for (const auto& r : m_records) {
        rlp::ListBuilder e;
        e.add_hash(r.tx_hash).add_u64(r.raw_bytes).add_u64(r.submitted_block);
        e.add_encoded(opt_u64(r.batch_index ? std::optional<std::uint64_t>(*r.batch_index) : std::nullopt));
        e.add_encoded(opt_u64(r.included_block));
        e.add_encoded(opt_u64(r.dropped ? std::optional<std::uint64_t>(static_cast<std::uint64_t>(*r.dropped))
                                        : std::nullopt));
        records.add_encoded(e.finish());
    }
    rlp::ListBuilder batches;
    for (const auto& m : m_batches) {
        rlp::ListBuilder e;
        e.add_hash(m.l1_tx_hash).add_u64(m.submitted_block).add_encoded(opt_u64(m.included_block));
        e.add_u64(m.blob ? 1 : 0).add_u64(m.tx_count).add_u64(m.queue_items).add_u64(m.raw_bytes);
        e.add_u64(m.compressed_bytes).add_u64(m.l1_gas_used).add_u64(m.blob_gas_used);
        e.add_u64(m.calldata_gas).add_u64(m.blob_gas).add_u256(m.l1_fee_wei).add_u256(m.base_fee);
        e.add_u256(m.blob_base_fee).add_u256(m.effective_gas_price);
        rlp::ListBuilder recs;
        for (std::size_t r : m.records) recs.add_u64(r);
        e.add_encoded(recs.finish()).add_hash(m.predicted_root);
        e.add_encoded(opt_u64(m.root_matches ? std::optional<std::uint64_t>(*m.root_matches ? 1 : 0)
                                             : std::nullopt));
        batches.add_encoded(e.finish());
    }
    rlp::ListBuilder inflight_records;
    for (std::size_t r : m_inflight_records) inflight_records.add_u64(r);
    rlp::ListBuilder inflight_entries;
    for (const auto& e : m_inflight_entries) inflight_entries.add_encoded(tx_entry(e.tx, e.record, e.seq));
    rlp::ListBuilder proposals;
    for (const auto& h : m_proposals) proposals.add_hash(h);
    rlp::ListBuilder counters;
    counters.add_u64(m_last_post).add_u64(m_last_propose).add_u64(m_last_proposed_l1);
    counters.add_u64(m_proposed_any ? 1 : 0).add_u64(m_seq);

    rlp::ListBuilder top;
    top.add_bytes(as_bytes(kSequencerTag)).add_bytes(m_node.save_state());
    top.add_encoded(mempool.finish()).add_encoded(records.finish()).add_encoded(batches.finish());
    top.add_encoded(opt_u64(m_inflight ? std::optional<std::uint64_t>(*m_inflight) : std::nullopt));
    top.add_encoded(inflight_records.finish()).add_encoded(inflight_entries.finish());
    top.add_encoded(proposals.finish()).add_encoded(counters.finish());
    if (m_config.derivation.format == BatchFormat::StateDiff) {
        rlp::ListBuilder posted;
        for (const auto& p : m_posted_diffs) {
            rlp::ListBuilder txs;
            for (const auto& tx : p.txs) txs.add_encoded(tx.encode());
            rlp::ListBuilder e;
            e.add_hash(p.commitment).add_u64(p.queue_start).add_u64(p.queue_end);
            e.add_encoded(txs.finish()).add_bytes(p.frame);
            posted.add_encoded(e.finish());
        }
        top.add_encoded(posted.finish());
    }
    return top.finish();
}

void Sequencer::load_state_bytes(BytesView encoding) {
    const auto top = rlp::decode(encoding, state_limits());
    const bool diff_format = m_config.derivation.format == BatchFormat::StateDiff;
    const auto& f = top.fields(diff_format ? 11 : 10);
    check_tag(f[0], kSequencerTag);
    std::vector<PostedDiffBatch> posted;
    if (diff_format) {
        for (const auto& e : f[10].items()) {
            const auto& g = e.fields(5);
            PostedDiffBatch p{g[0].hash(), g[1].u64_value(), g[2].u64_value(), {}, {}};
            for (const auto& t : g[3].items()) p.txs.push_back(L2Tx::from_item(t));
            const BytesView fr = g[4].bytes();
            p.frame.assign(fr.begin(), fr.end());
            if (p.queue_end < p.queue_start) invalid(e, "posted diff batch with queue_end < queue_start");
            posted.push_back(std::move(p));
        }
    }

    std::vector<TxRecord> records;
    std::set<Hash32> known;
    for (const auto& e : f[3].items()) {
        const auto& g = e.fields(6);
        TxRecord r;
        r.tx_hash = g[0].hash();
        r.raw_bytes = g[1].u64_value();
        r.submitted_block = g[2].u64_value();
        if (const auto bi = read_opt_u64(g[3])) r.batch_index = static_cast<std::size_t>(*bi);
        r.included_block = read_opt_u64(g[4]);
        if (const auto d = read_opt_u64(g[5])) {
            if (*d > static_cast<std::uint64_t>(SkipReason::Undecodable)) invalid(g[5], "unknown skip reason");
            r.dropped = static_cast<SkipReason>(*d);
        }
        if (!known.insert(r.tx_hash).second) invalid(e, "duplicate tx record");
        records.push_back(r);
    }
    auto read_entries = [&](const rlp::Item& list) {
        std::vector<Entry> out;
        for (const auto& e : list.items()) {
            const auto& g = e.fields(3);
            Entry en{L2Tx::from_item(g[0]), static_cast<std::size_t>(g[1].u64_value()), g[2].u64_value()};
            if (en.record >= records.size() || records[en.record].tx_hash != en.tx.hash()) {
                invalid(e, "mempool entry does not match its tx record");
            }
            out.push_back(std::move(en));
        }
        return out;
    };
    std::vector<Entry> mempool = read_entries(f[2]);
    std::vector<BatchMetrics> batches;
    for (const auto& e : f[4].items()) {
        const auto& g = e.fields(19);
        BatchMetrics m;
        m.l1_tx_hash = g[0].hash();
        m.submitted_block = g[1].u64_value();
        m.included_block = read_opt_u64(g[2]);
        m.blob = g[3].u64_value() != 0;
        m.tx_count = g[4].u64_value();
        m.queue_items = g[5].u64_value();
        m.raw_bytes = g[6].u64_value();
        m.compressed_bytes = g[7].u64_value();
        m.l1_gas_used = g[8].u64_value();
        m.blob_gas_used = g[9].u64_value();
        m.calldata_gas = g[10].u64_value();
        m.blob_gas = g[11].u64_value();
        m.l1_fee_wei = g[12].u256_value();
        m.base_fee = g[13].u256_value();
        m.blob_base_fee = g[14].u256_value();
        m.effective_gas_price = g[15].u256_value();
        for (const auto& r : g[16].items()) {
            const std::uint64_t v = r.u64_value();
            if (v >= records.size()) invalid(r, "batch record index out of range");
            m.records.push_back(static_cast<std::size_t>(v));
        }
        m.predicted_root = g[17].hash();
        if (const auto rm = read_opt_u64(g[18])) m.root_matches = *rm != 0;
        batches.push_back(m);
    }
    for (const auto& r : records) {
        if (r.batch_index && *r.batch_index >= batches.size()) invalid(f[3], "tx record's batch index out of range");
    }
    const auto inflight = read_opt_u64(f[5]);
    if (inflight && *inflight >= batches.size()) invalid(f[5], "in-flight batch index out of range");
    std::vector<std::size_t> inflight_records;
    for (const auto& r : f[6].items()) {
        const std::uint64_t v = r.u64_value();
        if (v >= records.size()) invalid(r, "in-flight record index out of range");
        inflight_records.push_back(static_cast<std::size_t>(v));
    }
    std::vector<Entry> inflight_entries = read_entries(f[7]);
    std::vector<Hash32> proposals;
    for (const auto& h : f[8].items()) proposals.push_back(h.hash());
    const auto& c = f[9].fields(5);

    Derivation node(m_config.derivation);
    node.load_state(f[1].bytes());

    Sequencer fresh(m_account, m_config);
    fresh.m_node = std::move(node);
    fresh.m_mempool = std::move(mempool);
    fresh.m_known = std::move(known);
    fresh.m_records = std::move(records);
    fresh.m_batches = std::move(batches);
    if (inflight) fresh.m_inflight = static_cast<std::size_t>(*inflight);
    fresh.m_inflight_records = std::move(inflight_records);
    fresh.m_inflight_entries = std::move(inflight_entries);
    fresh.m_proposals = std::move(proposals);
    fresh.m_last_post = c[0].u64_value();
    fresh.m_last_propose = c[1].u64_value();
    fresh.m_last_proposed_l1 = c[2].u64_value();
    fresh.m_proposed_any = c[3].u64_value() != 0;
    fresh.m_seq = c[4].u64_value();
    fresh.m_posted_diffs = std::move(posted);
    check_canonical(encoding, fresh.save_state_bytes());

    m_node = std::move(fresh.m_node);
    m_mempool = std::move(fresh.m_mempool);
    m_known = std::move(fresh.m_known);
    m_records = std::move(fresh.m_records);
    m_batches = std::move(fresh.m_batches);
    m_inflight = fresh.m_inflight;
    m_inflight_records = std::move(fresh.m_inflight_records);
    m_inflight_entries = std::move(fresh.m_inflight_entries);
    m_proposals = std::move(fresh.m_proposals);
    m_last_post = fresh.m_last_post;
    m_last_propose = fresh.m_last_propose;
    m_last_proposed_l1 = fresh.m_last_proposed_l1;
    m_proposed_any = fresh.m_proposed_any;
    m_seq = fresh.m_seq;
    m_posted_diffs = std::move(fresh.m_posted_diffs);
}

std::any Sequencer::save_state() const { return save_state_bytes(); }

void Sequencer::load_state(const std::any& state) {
    const Bytes* b = std::any_cast<Bytes>(&state);
    if (b == nullptr) throw InvalidArgument("Sequencer::load_state expects what save_state returned");
    load_state_bytes(*b);
}

}  // namespace l2lab::rollup
