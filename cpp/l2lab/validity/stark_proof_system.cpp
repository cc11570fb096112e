#include "l2lab/validity/stark_proof_system.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string_view>
#include <tuple>

#include "l2lab/core/rlp.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/l1/gas.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/rollup/state_diff.hpp"
#include "l2lab/validity/batch_builder.hpp"
#include "l2lab/validity/partial_tree.hpp"
#include "l2lab/validity/stark/hash_meter.hpp"
#include "l2lab/validity/stark/protocol.hpp"
#include "l2lab/validity/stark/prover.hpp"
#include "l2lab/validity/stark/verifier.hpp"
#include "l2lab/validity/witness.hpp"

namespace l2lab::validity {

namespace {

using namespace l2lab::rollup;
constexpr std::string_view kTag = "l2lab/validity/stark/v2";
const u256 kLimbLimit = u256(1) << 128;

struct Reject {
    Failure failure;
    std::string detail;
    std::string name;  // a system-specific failure name (the STARK's), else failure_name()
};
[[noreturn]] void reject(Failure f, std::string detail = {}) { throw Reject{f, std::move(detail), {}}; }

std::uint64_t keccak_gas(std::size_t bytes) { return l1::gas::keccak_cost(bytes); }

// ---- ops -> account moves (the verifier's derivation, state-independent) -------------------

enum class OpFate : std::uint8_t { Applied, Skipped, Unsupported };

struct OpMoves {
    OpFate fate = OpFate::Skipped;
    std::string why;  // skip or unsupported reason
    std::vector<AccountMove> moves;
    std::optional<WithdrawalRecord> withdrawal;  // what an applied withdrawal records
};

OpMoves skipped(std::string why) {
    OpMoves r;
    r.why = std::move(why);
    return r;
}
OpMoves unsupported(std::string why) {
    OpMoves r;
    r.fate = OpFate::Unsupported;
    r.why = std::move(why);
    return r;
}

// What the STF does with `op`, as far as it is decided without the state, and the moves (and the
// withdrawal record) when it applies. `sender` is the recovered signer of an L2Tx (nullopt: does
// not recover). A withdrawal's record is fixed by the signed tx: the state only decides whether
// it applies, and the AIR proves the debit that decides that.
OpMoves op_moves(const Op& op, const StfConfig& cfg, const std::optional<Address>& sender) {
    OpMoves r;
    if (const auto* tx = std::get_if<L2Tx>(&op)) {
        if (!sender) return skipped("bad_signature");
        if (tx->chain_id != cfg.chain_id) return skipped("wrong_chain_id");
        if (tx->nonce >= stark::kLeafNonceLimit) return skipped("wrong_nonce");
        // A zero withdrawal is skipped whatever the state (ZeroAmount, or WrongNonce before it).
        const bool withdrawal = tx->kind == TxKind::Withdrawal;
        if (withdrawal && tx->value == 0) return skipped("zero_amount");
        if (tx->nonce + 1 == stark::kLeafNonceLimit)
            return unsupported("a nonce reaching 2^63 is not representable");
        // value + fee >= 2^128 exceeds every representable balance: the STF skips it (or it
        // overflows u256 first).
        if (tx->value >= kLimbLimit || tx->fee >= kLimbLimit || tx->value + tx->fee >= kLimbLimit)
            return skipped("insufficient_balance");
        r.fate = OpFate::Applied;
        r.moves.push_back({*sender, true, tx->value + tx->fee, tx->nonce});
        if (withdrawal) {
            r.withdrawal = WithdrawalRecord{*sender, tx->nonce, tx->to, tx->value};
        } else if (tx->value > 0) {
            r.moves.push_back({tx->to, false, tx->value, 0});
        }
        if (tx->fee > 0) r.moves.push_back({cfg.fee_recipient, false, tx->fee, 0});
        return r;
    }
    if (const auto* d = std::get_if<Deposit>(&op)) {
        if (d->amount == 0) return skipped("zero_amount");
        if (d->amount >= kLimbLimit) return unsupported("a deposit of 2^128 wei or more");
        r.fate = OpFate::Applied;
        r.moves.push_back({d->to, false, d->amount, 0});
        return r;
    }
    return skipped("undecodable");
}

// Whether the STF's fate of `op` depends on the state alone: a tx that passes every check the
// verifier makes without the state (signature, chain id, nonce < 2^63, value + fee < 2^128, a
// withdrawal's value > 0), so that only its sender's nonce and balance decide. Such a tx may be
// claimed skipped (wrong nonce, insufficient balance) and the claim is proven.
bool state_decides(const Op& op, const StfConfig& cfg, const std::optional<Address>& sender) {
    const auto* tx = std::get_if<L2Tx>(&op);
    if (!tx || !sender || tx->chain_id != cfg.chain_id || tx->nonce >= stark::kLeafNonceLimit) return false;
    if (tx->kind == TxKind::Withdrawal && tx->value == 0) return false;
    return tx->value < kLimbLimit && tx->fee < kLimbLimit && tx->value + tx->fee < kLimbLimit;
}

// ---- net change per account (the diff binding) ------------------------------------------

struct Net {
    std::uint64_t nonce_increase = 0;
    u256 plus = 0;
    u256 minus = 0;
    AccountChange change() const {
        AccountChange c;
        c.nonce_increase = nonce_increase;
        if (plus >= minus) {
            c.balance_change = plus - minus;
        } else {
            c.balance_change = minus - plus;
            c.balance_decreases = true;
        }
        return c;
    }
};

std::vector<stark::BatchStep> air_steps(const std::vector<AccountMove>& moves,
                                        const std::vector<std::pair<std::uint64_t, bool>>& placements) {
    std::vector<stark::BatchStep> steps;
    steps.reserve(moves.size());
    for (std::size_t i = 0; i < moves.size(); ++i) {
        stark::BatchStep s;
        s.debit = moves[i].debit;
        s.skip = moves[i].skip;
        s.create = placements[i].second;
        s.index = placements[i].first;
        s.address = moves[i].address;
        s.amount = stark::to_limbs(moves[i].amount);
        s.tx_nonce = moves[i].tx_nonce;
        steps.push_back(s);
    }
    return steps;
}

std::uint64_t stark_hash_gas(const stark::HashWork& w, crypto::HashKind kind) {
    if (kind == crypto::HashKind::Keccak256) return w.calls * l1::gas::kKeccakBase + w.words * l1::gas::kKeccakWord;
    // SHA-256 precompile: its cost plus a warm STATICCALL (EIP-2929: 100).
    return w.calls * (l1::gas::kSha256Base + 100) + w.words * l1::gas::kSha256Word;
}

// ---- the check -------------------------------------------------------------------------------

void run_check(const Statement& st, BytesView proof_bytes, const StarkSystemOptions& opt, std::uint64_t& gas) {
    gas += kCopyGasPerWord * l1::gas::words(proof_bytes.size());
    StarkBatchProof p = [&] {
        try {
            return StarkBatchProof::decode(proof_bytes);
        } catch (const DecodeError& e) {
            const std::string what = e.what();
            if (what.find("stark batch proof: tag") != std::string::npos) reject(Failure::WrongSystem, what);
            reject(Failure::MalformedProof, what);
        }
    }();
    gas += keccak_gas(st.encode().size());
    if (p.statement_hash != st.hash()) reject(Failure::StatementMismatch, "the proof is for another statement");
    // 1. The commitments name the statement's roots (their headers are opened in step 6).
    if (p.pre.root() != st.pre_root) reject(Failure::PreRootMismatch, "the pre commitment is not the pre_root");
    if (p.post.root() != st.post_root) reject(Failure::PostRootMismatch, "the post commitment is not the post_root");
    // 2. The frame is the posted data.
    if (st.da == BatchDa::Calldata) {
        gas += keccak_gas(p.frame.size());
    } else {
        gas += kPointEvaluationGas;
    }
    try {
        if (data_commitment(st.da, p.frame) != st.data_commitment) reject(Failure::DataCommitmentMismatch);
    } catch (const InvalidArgument& e) {
        reject(Failure::DataCommitmentMismatch, e.what());
    }
    DiffBatch batch;
    try {
        batch = decode_diff_batch(p.frame, opt.max_decompressed);
    } catch (const DecodeError& e) {
        reject(Failure::MalformedData, e.what());
    }
    gas += kDecompressGasPerByte * encode_diff_batch_payload(batch).size();
    if (batch.queue_start != st.queue_start || batch.queue_end != st.queue_end)
        reject(Failure::QueueMismatch, "the frame's queue range differs from the statement's");
    if (batch.diff.registered_before != p.pre.registered)
        reject(Failure::DiffMismatch, "the diff's registered_before is not the pre-state's");
    // 3. Queue items.
    if (p.queue_ops.size() != st.queue_end - st.queue_start)
        reject(Failure::QueueMismatch, "one queue op per consumed item expected");
    Hash32 digest{};
    for (const auto& op : p.queue_ops) {
        const Bytes enc = encode_op(op);
        gas += keccak_gas(enc.size()) + keccak_gas(64);
        digest = queue_digest_step(digest, crypto::keccak256(enc));
    }
    if (digest != st.queue_digest) reject(Failure::QueueMismatch, "queue digest differs");
    // 4. The account moves, signatures recovered here.
    const StfConfig cfg{st.chain_id, st.fee_recipient};
    std::vector<AccountMove> moves;
    std::vector<WithdrawalRecord> withdrawals;
    const std::size_t n_queue = p.queue_ops.size();
    // Claimed skips (state-dependent, proven below): an absent sender with the number of moves
    // before its tx (no earlier move may name it).
    std::vector<std::pair<Address, std::size_t>> absent_senders;
    auto claim = p.skips.begin();
    if (!p.skips.empty() && p.skips.back().op >= n_queue)
        reject(Failure::WitnessInconsistent, "a claimed skip names no queue op");
    for (std::size_t i = 0; i < n_queue + p.txs.size(); ++i) {
        const Op op = i < n_queue ? p.queue_ops[i] : Op{p.txs[i - n_queue]};
        std::optional<Address> sender;
        if (const auto* tx = std::get_if<L2Tx>(&op)) {
            gas += l1::gas::kEcrecover + keccak_gas(tx->encode().size());
            sender = tx->recover_sender();
        }
        if (claim != p.skips.end() && claim->op == i) {
            if (!state_decides(op, cfg, sender))
                reject(Failure::WitnessInconsistent, "queue op " + std::to_string(i) + " is claimed skipped by the state "
                                                     "but the verifier decides it without the state");
            const auto& tx = std::get<L2Tx>(op);
            const u256 total = tx.value + tx.fee;
            if (claim->absent) {
                // No account: nonce 0, balance 0; the STF applies the tx only at nonce 0 and no cost.
                if (tx.nonce == 0 && total == 0)
                    reject(Failure::WitnessInconsistent, "queue op " + std::to_string(i) + " is claimed skipped but "
                                                         "applies to an absent sender");
                absent_senders.emplace_back(*sender, moves.size());
            } else {
                moves.push_back({*sender, false, total, tx.nonce, true});
            }
            ++claim;
            continue;
        }
        OpMoves om = op_moves(op, cfg, sender);
        if (om.fate == OpFate::Unsupported) reject(Failure::Unsupported, "op " + std::to_string(i) + ": " + om.why);
        if (i >= n_queue && om.fate == OpFate::Skipped)
            reject(Failure::SkippedTx, "sequencer tx " + std::to_string(i - n_queue) + " is skipped (" + om.why + ")");
        moves.insert(moves.end(), om.moves.begin(), om.moves.end());
        if (om.withdrawal) withdrawals.push_back(*om.withdrawal);
    }
    // 5. Placements: one index per address; "create" only on an address's first move; created
    //    accounts take the next indices in ascending address order (as the registry does).
    if (p.placements.size() != moves.size())
        reject(Failure::WitnessInconsistent, "one placement per account move expected");
    std::map<Address, std::uint64_t> index_of;
    std::map<Address, std::uint64_t> created;
    for (std::size_t i = 0; i < moves.size(); ++i) {
        const auto [index, create] = p.placements[i];
        const auto [it, first] = index_of.emplace(moves[i].address, index);
        if (it->second != index) reject(Failure::WitnessInconsistent, "an address placed at two indices");
        if (create && !first) reject(Failure::WitnessInconsistent, "an account created after its first move");
        if (create && moves[i].skip) reject(Failure::WitnessInconsistent, "a skip step creates an account");
        if (create) created.emplace(moves[i].address, index);
    }
    std::uint64_t next = p.pre.registered;
    for (const auto& [a, index] : created) {
        if (index != next++) reject(Failure::WitnessInconsistent, "a created account does not take the next index");
    }
    if (p.post.registered != next) reject(Failure::WitnessInconsistent, "post registry size");
    for (const auto& [a, before] : absent_senders) {
        for (std::size_t i = 0; i < before; ++i) {
            if (moves[i].address == a)
                reject(Failure::WitnessInconsistent, "a skipped tx's sender claimed absent has an earlier update");
        }
    }
    // 6. The Keccak tree (one multiproof): the header opens the pre commitment; every sender
    //    claimed absent is not registered; every created address is new and is registered under
    //    its index; every withdrawal record is new and is written; the header takes the post
    //    commitment; the result is the post root.
    PartialTree tree = [&] {
        try {
            return PartialTree::decode(p.tree);
        } catch (const DecodeError& e) {
            reject(Failure::MalformedProof, std::string("keccak tree multiproof: ") + e.what());
        }
    }();
    if (tree.root() != p.pre.tree_root) reject(Failure::WitnessInconsistent, "keccak tree multiproof root");
    gas += 2 * keccak_gas(32 + 8);  // the two header leaves
    Hash32 header;
    const TreeLookup h = tree.lookup(stark_header_key(), &header);
    if (h == TreeLookup::Unknown) reject(Failure::WitnessIncomplete, "the header is not revealed");
    if (h != TreeLookup::Present || header != p.pre.header_leaf())
        reject(Failure::WitnessInconsistent, "the pre commitment is not the one under the pre_root");
    for (const auto& [a, before] : absent_senders) {
        gas += keccak_gas(20 + 26);
        const auto found = tree.lookup(account_index_key(a));
        if (found == TreeLookup::Unknown) reject(Failure::WitnessIncomplete, "an absent sender is not revealed");
        if (found == TreeLookup::Present)
            reject(Failure::WitnessInconsistent, "a skipped tx's sender claimed absent is registered");
    }
    for (const auto& [a, index] : created) {
        const Hash32 key = account_index_key(a);
        gas += keccak_gas(20 + 26);
        const auto found = tree.lookup(key);
        if (found == TreeLookup::Unknown) reject(Failure::WitnessIncomplete, "a created account is not revealed");
        if (found == TreeLookup::Present) reject(Failure::WitnessInconsistent, "a created account is registered");
        if (!tree.set(key, registry_leaf(index))) reject(Failure::WitnessIncomplete, "registry write not revealed");
    }
    for (const auto& w : withdrawals) {
        const Hash32 key = withdrawal_key(w.sender, w.nonce);
        gas += keccak_gas(23 + 20 + 8) + keccak_gas(1 + 21 + 33);  // key and leaf
        const auto found = tree.lookup(key);
        if (found == TreeLookup::Unknown) reject(Failure::WitnessIncomplete, "a withdrawal key is not revealed");
        if (found == TreeLookup::Present) reject(Failure::WitnessInconsistent, "a withdrawal is already recorded");
        if (!tree.set(key, withdrawal_leaf(w.l1_recipient, w.amount)))
            reject(Failure::WitnessIncomplete, "withdrawal write not revealed");
    }
    if (!tree.set(stark_header_key(), p.post.header_leaf())) reject(Failure::WitnessIncomplete, "header write");
    gas += keccak_gas(65) * tree.hashes();
    if (tree.root() != p.post.tree_root) reject(Failure::WitnessInconsistent, "post keccak tree root");
    // 7. The posted diff is the net change of every touched account.
    std::map<Address, Net> net;
    for (const auto& m : moves) {
        if (m.skip) continue;  // changes nothing
        Net& n = net[m.address];
        if (m.debit) {
            n.nonce_increase += 1;
            n.minus += m.amount;
        } else {
            n.plus += m.amount;
        }
    }
    std::vector<IndexedChange> updates;
    std::vector<NewAccountChange> news;
    for (const auto& [a, n] : net) {
        const AccountChange c = n.change();
        if (c.nonce_increase == 0 && c.balance_change == 0) continue;
        if (created.count(a) != 0) {
            news.push_back({a, c});
        } else {
            updates.push_back({index_of.at(a), c});
        }
    }
    std::sort(updates.begin(), updates.end(), [](const auto& x, const auto& y) { return x.index < y.index; });
    if (updates != batch.diff.updates || news != batch.diff.new_accounts)
        reject(Failure::DiffMismatch, "the posted state diff is not the batch's net change");
    // ... and its withdrawals are exactly the batch's records (senders named by their index).
    std::vector<DiffWithdrawal> records;
    records.reserve(withdrawals.size());
    for (const auto& w : withdrawals) records.push_back({index_of.at(w.sender), w.nonce, w.l1_recipient, w.amount});
    std::sort(records.begin(), records.end(), [](const DiffWithdrawal& x, const DiffWithdrawal& y) {
        return std::tie(x.sender_index, x.nonce) < std::tie(y.sender_index, y.nonce);
    });
    if (records != batch.diff.withdrawals)
        reject(Failure::DiffMismatch, "the posted withdrawals are not the batch's withdrawal records");
    // 8. The STARK.
    std::vector<stark::BatchStep> steps;
    try {
        steps = air_steps(moves, p.placements);
    } catch (const stark::UnsupportedAccount& e) {
        reject(Failure::Unsupported, e.what());
    }
    std::optional<stark::RollupBatchAir> air;
    try {
        air.emplace(opt.depth, std::move(steps), p.pre.account_root, p.post.account_root,
                    stark::binding_words(st.hash()));
    } catch (const InvalidArgument& e) {
        reject(Failure::WitnessInconsistent, e.what());
    }
    stark::VerifyResult vr;
    {
        stark::HashMeter meter;
        vr = stark::verify_encoded(*air, p.stark, opt.proof);
        gas += stark_hash_gas(meter.work(), opt.proof.hash);
    }
    gas += stark_field_gas(*air, opt.proof);
    if (!vr.ok()) throw Reject{Failure::BadBinding, vr.detail, "stark_" + std::string(stark::verify_failure_name(vr.failure))};
}

}  // namespace

// ---- field gas model ------------------------------------------------------------------------

std::uint64_t stark_field_gas(const stark::Air& air, const stark::ProofOptions& options) {
    constexpr std::uint64_t kMul = 17, kAdd = 14;           // F_p: MULMOD / ADDMOD 8 + stack
    constexpr std::uint64_t kMul3 = 9 * kMul + 8 * kAdd;    // F_p^3 x F_p^3
    constexpr std::uint64_t kMul31 = 3 * kMul;              // F_p^3 x F_p
    constexpr std::uint64_t kInverse = 64 * kMul + 15 * kMul;  // F_p Fermat chain + norm map
    const stark::StarkContext ctx = stark::make_context(air, options);
    const std::uint64_t w = ctx.trace_width, m = ctx.composition_columns, q = options.num_queries;
    const std::uint64_t log_n = static_cast<std::uint64_t>(std::log2(static_cast<double>(ctx.lde_size)));
    std::uint64_t gas = 0;
    // Out-of-domain: the transition constraints (~10 F_p^3 products per constraint, the Rescue
    // rounds dominate: 2 x (12 S-boxes x 2 + 2 MDS products of 144) per hash state), the
    // periodic polynomials at z (Horner), assertions and sequence interpolants (an inverse NTT
    // of the K values, then Horner), the composition sum.
    std::uint64_t ood = 10 * ctx.degrees.size();
    for (const auto& c : ctx.periodic_coeffs) ood += c.size();
    ood += 2 * ctx.assertions.size() + m;
    gas += ood * kMul3;
    for (const auto& t : ctx.sequence_terms) {
        const std::uint64_t k = t.count;
        std::uint64_t log_k = 0;
        while ((std::uint64_t{1} << log_k) < k) ++log_k;
        gas += (k * log_k / 2) * kMul + k * log_k * kAdd + k * kMul31 + 2 * kMul3;
    }
    gas += (ctx.assertions.size() + ctx.sequence_terms.size() + 2) * kInverse;  // batched in a real verifier
    // Per query: x = offset * w^pos (square-and-multiply), the DEEP combination, FRI folds
    // (folding-factor values, one inverse x per layer), the remainder at the last point.
    const std::uint64_t per_query = 2 * log_n * kMul + (2 * w) * (kMul31 + kMul3) + m * kMul3 + 2 * kInverse +
                                    ctx.fri_layers * (options.folding_factor * 3 * kMul3 + log_n * kMul + kInverse) +
                                    ctx.remainder_size * kMul3;
    gas += q * per_query;
    return gas;
}

// ---- proof encoding -------------------------------------------------------------------------

Bytes StarkBatchProof::encode() const {
    rlp::ListBuilder ops;
    for (const auto& op : queue_ops) ops.add_bytes(encode_op(op));
    rlp::ListBuilder txl;
    for (const auto& tx : txs) txl.add_bytes(tx.encode());
    rlp::ListBuilder pl;
    for (const auto& [index, create] : placements) {
        rlp::ListBuilder e;
        e.add_u64(index).add_u64(create ? 1 : 0);
        pl.add_encoded(e.finish());
    }
    rlp::ListBuilder top;
    top.add_bytes(as_bytes(kTag)).add_hash(statement_hash).add_bytes(frame).add_encoded(ops.finish());
    top.add_encoded(txl.finish()).add_bytes(pre.encode()).add_bytes(post.encode()).add_encoded(pl.finish());
    top.add_bytes(tree).add_bytes(stark);
    rlp::ListBuilder sk;
    for (const auto& c : skips) {
        rlp::ListBuilder e;
        e.add_u64(c.op).add_u64(c.absent ? 1 : 0);
        sk.add_encoded(e.finish());
    }
    top.add_encoded(sk.finish());
    return top.finish();
}

StarkBatchProof StarkBatchProof::decode(BytesView encoding) {
    rlp::Limits lim;
    lim.max_input_bytes = kMaxStarkBatchProofBytes;
    lim.max_depth = 3;
    lim.max_items = 1u << 22;
    const auto item = rlp::decode(encoding, lim);
    const auto& f = item.fields(11);
    const BytesView tag = f[0].bytes();
    if (std::string_view(reinterpret_cast<const char*>(tag.data()), tag.size()) != kTag) {
        throw DecodeError(DecodeErrorKind::InvalidValue, f[0].offset(), "stark batch proof: tag is not " + std::string(kTag));
    }
    StarkBatchProof p;
    p.statement_hash = f[1].hash();
    const BytesView frame = f[2].bytes();
    p.frame.assign(frame.begin(), frame.end());
    for (const auto& o : f[3].items()) p.queue_ops.push_back(decode_op(o.bytes()));
    for (const auto& t : f[4].items()) p.txs.push_back(L2Tx::decode(t.bytes()));
    p.pre = StarkStateCommitment::decode(f[5].bytes());
    p.post = StarkStateCommitment::decode(f[6].bytes());
    for (const auto& e : f[7].items()) {
        const auto& g = e.fields(2);
        const std::uint64_t create = g[1].u64_value();
        if (create > 1) throw DecodeError(DecodeErrorKind::InvalidValue, g[1].offset(), "stark batch proof: create flag");
        p.placements.emplace_back(g[0].u64_value(), create == 1);
    }
    const BytesView tree = f[8].bytes();
    p.tree.assign(tree.begin(), tree.end());
    const BytesView sp = f[9].bytes();
    p.stark.assign(sp.begin(), sp.end());
    for (const auto& e : f[10].items()) {
        const auto& g = e.fields(2);
        const std::uint64_t op = g[0].u64_value(), absent = g[1].u64_value();
        if (absent > 1) throw DecodeError(DecodeErrorKind::InvalidValue, g[1].offset(), "stark batch proof: absent flag");
        if (!p.skips.empty() && op <= p.skips.back().op)
            throw DecodeError(DecodeErrorKind::InvalidValue, g[0].offset(),
                              "stark batch proof: claimed skips are not in strictly ascending order");
        p.skips.push_back({op, absent == 1});
    }
    return p;
}

// ---- the system -----------------------------------------------------------------------------

StarkProofSystem::StarkProofSystem(StarkSystemOptions options) : m_options(std::move(options)) {
    if (!stark::supported_account_depth(m_options.depth))
        throw InvalidArgument("stark proof system: depth " + std::to_string(m_options.depth) + " (supported: 15, 31)");
    m_options.proof.validate(stark::kMaxTraceLength);
}

ProofProperties StarkProofSystem::properties() const {
    const auto& o = m_options.proof;
    const unsigned bits = o.conjectured_security_bits(stark::kMaxTraceLength);
    return {true, false,
            "conjectured " + std::to_string(bits) + "-bit STARK soundness (ethSTARK/Winterfell formula; " +
                o.describe() +
                ") over the rollup-batch AIR; Rescue-Prime Rp64_256 collision resistance for the account tree; "
                "Keccak-256 for the registry, withdrawal records, statement and data; signatures are not in the AIR: the verifier "
                "ecrecovers every tx (secp256k1); no trace masking, so not zero-knowledge",
            false};
}

Hash32 StarkProofSystem::state_root(const rollup::L2State& state) const {
    return stark_state_commitment(state, m_options.depth).root();
}

crypto::SmtProof StarkProofSystem::withdrawal_proof(const rollup::L2State& state, const Address& sender,
                                                    std::uint64_t nonce) const {
    return stark_withdrawal_proof(state, m_options.depth, sender, nonce);
}

Verdict StarkProofSystem::check(const Statement& statement, BytesView proof) const {
    Verdict v;
    try {
        run_check(statement, proof, m_options, v.gas);
        v.ok = true;
    } catch (const Reject& r) {
        v.failure = r.name.empty() ? std::string(failure_name(r.failure)) : r.name;
    }
    return v;
}

bool StarkProofSystem::verify(const Statement& statement, BytesView proof) const { return check(statement, proof).ok; }

std::uint64_t StarkProofSystem::verify_gas(const Statement& statement, BytesView proof) const {
    return check(statement, proof).gas;
}

StarkProofSummary StarkProofSystem::summary(BytesView proof) const {
    const StarkBatchProof p = StarkBatchProof::decode(proof);
    StarkProofSummary s;
    s.proof_bytes = proof.size();
    s.stark_bytes = p.stark.size();
    s.moves = p.placements.size();
    for (const auto& pl : p.placements) s.created += pl.second ? 1 : 0;
    s.trace_rows = stark::padded_batch_steps(s.moves) * stark::batch_step_rows(m_options.depth);
    return s;
}

Bytes StarkProofSystem::prove(const Statement& statement, const BatchWitness& witness) const {
    if (!witness.pre_state) throw InvalidArgument("BatchWitness.pre_state must not be null");
    const L2State& pre = *witness.pre_state;
    const unsigned depth = m_options.depth;
    const StfConfig cfg{statement.chain_id, statement.fee_recipient};
    try {
        const StarkStateCommitment pre_comm = stark_state_commitment(pre, depth);
        if (pre_comm.root() != statement.pre_root)
            throw ProofRefused(Failure::StatementMismatch, "the witness's pre-state is not the statement's pre_root");
        // The STF's own run decides what applies; the moves must agree with it.
        L2State post = pre.clone();
        StarkBatchProof p;
        p.statement_hash = statement.hash();
        p.frame = witness.frame;
        p.queue_ops = witness.queue_ops;
        p.txs = witness.txs;
        p.pre = pre_comm;
        std::vector<AccountMove> moves;
        std::vector<WithdrawalRecord> withdrawals;
        // Registry keys the verifier looks up: created accounts, skipped senders with no account.
        std::set<Hash32> registry_keys;
        const std::size_t n_queue = witness.queue_ops.size();
        for (std::size_t i = 0; i < n_queue + witness.txs.size(); ++i) {
            const Op op = i < n_queue ? witness.queue_ops[i] : Op{witness.txs[i - n_queue]};
            std::optional<Address> sender;
            if (const auto* tx = std::get_if<L2Tx>(&op)) sender = tx->recover_sender();
            const StepOutcome out = apply_op(post, cfg, op, &sender);
            const std::string which = i < n_queue ? "queue op " + std::to_string(i) : "sequencer tx " + std::to_string(i - n_queue);
            if (!out.applied && i >= n_queue)
                throw ProofRefused(Failure::SkippedTx, which + " is skipped (" + std::string(skip_reason_name(*out.reason)) + ")");
            if (!out.applied && state_decides(op, cfg, sender)) {
                // A forced tx skipped for a reason only the state shows: claim it and prove it.
                if (*out.reason != SkipReason::WrongNonce && *out.reason != SkipReason::InsufficientBalance)
                    throw ProofRefused(Failure::Unsupported, which + " is skipped for a reason only the state shows (" +
                                                                 std::string(skip_reason_name(*out.reason)) +
                                                                 "): not provable");
                const auto& tx = std::get<L2Tx>(op);
                const bool has_account = pre.account_index(*sender).has_value() ||
                                         std::any_of(moves.begin(), moves.end(),
                                                     [&](const AccountMove& m) { return m.address == *sender; });
                p.skips.push_back({i, !has_account});
                if (has_account) {
                    moves.push_back({*sender, false, tx.value + tx.fee, tx.nonce, true});
                } else {
                    registry_keys.insert(account_index_key(*sender));
                }
                continue;
            }
            OpMoves om = op_moves(op, cfg, sender);
            if (om.fate == OpFate::Unsupported) throw ProofRefused(Failure::Unsupported, which + ": " + om.why);
            if (!out.applied && om.fate == OpFate::Applied)
                throw ProofRefused(Failure::WitnessInconsistent, which + " is skipped but the verifier would apply it");
            if (out.applied && om.fate != OpFate::Applied)
                throw ProofRefused(Failure::WitnessInconsistent, which + " applies but the verifier would skip it");
            moves.insert(moves.end(), om.moves.begin(), om.moves.end());
            if (om.withdrawal) withdrawals.push_back(*om.withdrawal);
        }
        (void)register_accounts(pre, post);
        p.post = stark_state_commitment(post, depth);
        if (p.post.root() != statement.post_root)
            throw ProofRefused(Failure::PostRootMismatch, "the transition reaches another root");
        // Placements and the prover's private witnesses, replaying the moves on the Rescue tree.
        stark::RescueAccountTree tree = stark_account_tree(pre, depth);
        std::map<Address, L2Account> current;
        std::set<Address> seen;
        const crypto::SparseMerkleTree keccak_tree = stark_keccak_tree(pre, pre_comm.account_root);
        std::vector<std::pair<Hash32, crypto::SmtProof>> tree_proofs;
        tree_proofs.emplace_back(stark_header_key(), keccak_tree.prove(stark_header_key()));
        for (const auto& w : withdrawals) {
            const Hash32 key = withdrawal_key(w.sender, w.nonce);
            tree_proofs.emplace_back(key, keccak_tree.prove(key));
        }
        std::vector<stark::BatchStepWitness> witnesses;
        for (const auto& m : moves) {
            const auto index = post.account_index(m.address);
            if (!index) throw ProofRefused(Failure::WitnessInconsistent, "a touched account is not registered after the batch");
            const bool create = !pre.account_index(m.address) && seen.insert(m.address).second;
            if (pre.account_index(m.address)) seen.insert(m.address);
            if (create) registry_keys.insert(account_index_key(m.address));
            p.placements.emplace_back(*index, create);
            auto [it, fresh] = current.emplace(m.address, pre.account(m.address));
            L2Account& acct = it->second;
            witnesses.push_back({acct.nonce, stark::to_limbs(acct.balance), tree.path(*index)});
            if (m.skip) continue;  // the leaf stays as it is
            if (m.debit) {
                if (acct.balance < m.amount) throw ProofRefused(Failure::WitnessInconsistent, "a debit overspends");
                acct.nonce += 1;
                acct.balance -= m.amount;
            } else {
                acct.balance += m.amount;
            }
            tree.set_leaf(*index, stark::account_leaf_digest(m.address, acct.nonce, acct.balance));
        }
        if (tree.root() != p.post.account_root)
            throw ProofRefused(Failure::WitnessInconsistent, "the account moves do not reach the post-state's tree");
        for (const auto& key : registry_keys) tree_proofs.emplace_back(key, keccak_tree.prove(key));
        p.tree = PartialTree::from_proofs(pre_comm.tree_root, tree_proofs).encode();
        // The STARK.
        const stark::RollupBatchAir air(depth, air_steps(moves, p.placements), pre_comm.account_root,
                                        p.post.account_root, stark::binding_words(p.statement_hash));
        const stark::Trace trace = stark::build_rollup_batch_trace(air, pre_comm.account_root, witnesses);
        p.stark = stark::prove(air, trace, m_options.proof).encode();
        Bytes bytes = p.encode();
        std::uint64_t gas = 0;
        try {
            run_check(statement, bytes, m_options, gas);
        } catch (const Reject& r) {
            throw ProofRefused(r.failure, r.name.empty() ? r.detail : r.name + ": " + r.detail);
        }
        return bytes;
    } catch (const stark::UnsupportedAccount& e) {
        throw ProofRefused(Failure::Unsupported, e.what());
    } catch (const stark::UnsatisfiedTrace& e) {
        throw ProofRefused(Failure::WitnessInconsistent, e.what());
    } catch (const InvalidArgument& e) {  // the trace builder's refusal of an inconsistent step
        throw ProofRefused(Failure::WitnessInconsistent, e.what());
    }
}

}  // namespace l2lab::validity
