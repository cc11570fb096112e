#include "l2lab/validity/stark/batch_air.hpp"

#include <string>

namespace l2lab::stark {

namespace {

using L = BatchAirLayout;
using rescue::kCycleLength;
using rescue::kDigestSize;
using rescue::kStateWidth;

constexpr std::size_t kLeft = rescue::kRateStart;
constexpr std::size_t kRight = rescue::kRateStart + kDigestSize;
constexpr std::size_t kSegment = 64;  // range-check block: two 32-bit limbs per accumulator column

// Periodic column indices after the 25 Rescue ones.
constexpr std::size_t kPCycleFirst = rescue::kRescuePeriodicColumns;
constexpr std::size_t kPStepFirst = kPCycleFirst + 1;
constexpr std::size_t kPStepLast = kPCycleFirst + 2;
constexpr std::size_t kPLeafEnd = kPCycleFirst + 3;
constexpr std::size_t kPSegStart = kPCycleFirst + 4;
constexpr std::size_t kPSegEndLo = kPCycleFirst + 5;
constexpr std::size_t kPSegEndHi = kPCycleFirst + 6;

constexpr std::uint64_t kTwo32 = std::uint64_t{1} << 32;

}  // namespace

std::size_t batch_step_rows(unsigned depth) { return kCycleLength * (depth + 1u); }

std::size_t padded_batch_steps(std::size_t live) {
    std::size_t k = 1;
    while (k <= live) k <<= 1;
    return k;
}

std::array<Fp, 8> binding_words(const Hash32& h) {
    std::array<Fp, 8> out{};
    for (std::size_t w = 0; w < 8; ++w) {
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | h.bytes[4 * w + i];
        out[w] = Fp::from_u64(v);
    }
    return out;
}

RollupBatchAir::RollupBatchAir(unsigned depth, std::vector<BatchStep> steps, const rescue::Digest& pre_root,
                               const rescue::Digest& post_root, const std::array<Fp, 8>& binding)
    : m_depth(depth), m_steps(std::move(steps)), m_live(m_steps.size()), m_pre_root(pre_root),
      m_post_root(post_root), m_binding(binding) {
    if (!supported_account_depth(depth))
        throw InvalidArgument("rollup batch AIR: depth " + std::to_string(depth) + " (supported: 15, 31)");
    const std::size_t k = padded_batch_steps(m_live);
    if (k > kMaxTraceLength / batch_step_rows(depth))
        throw InvalidArgument("rollup batch AIR: " + std::to_string(m_live) + " account updates exceed the " +
                              "largest trace (" + std::to_string(kMaxTraceLength / batch_step_rows(depth) - 1) +
                              " at depth " + std::to_string(depth) + ")");
    for (std::size_t j = 0; j < m_live; ++j) {
        auto& s = m_steps[j];
        s.live = true;
        if ((s.index >> depth) != 0)
            throw InvalidArgument("rollup batch AIR: step " + std::to_string(j) + " index " + std::to_string(s.index) +
                                  " does not fit depth " + std::to_string(depth));
        if (s.tx_nonce >= kLeafNonceLimit)
            throw InvalidArgument("rollup batch AIR: step " + std::to_string(j) + " tx nonce is >= 2^63");
        if (s.skip && (s.debit || s.create))
            throw InvalidArgument("rollup batch AIR: step " + std::to_string(j) + " is a skip and a " +
                                  (s.debit ? "debit" : "create"));
    }
    m_steps.resize(k, BatchStep{false, false, false, false, 0, Address{}, Limbs{}, 0});
}

Bytes RollupBatchAir::identity_params() const {
    Bytes out = {'r', 'p', '6', '4', '_', '2', '5', '6', '/', 'l', 'e', 'a', 'f', '1', '/', 's', 'k', 'i', 'p'};
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(m_depth >> shift));
    return out;
}

std::size_t RollupBatchAir::trace_length() const { return m_steps.size() * batch_step_rows(m_depth); }

std::vector<unsigned> RollupBatchAir::transition_degrees() const {
    std::vector<unsigned> d(2 * kStateWidth, 8);  // Rescue rounds / level chaining
    d.insert(d.end(), 4, 4);                      // same sibling for both paths
    d.push_back(2);                               // bit binary
    d.push_back(2);                               // bit constant in a cycle
    d.push_back(2);                               // index register constant in a cycle
    d.push_back(3);                               // index register: r = 2 r' + bit'
    d.push_back(2);                               // index exhausted at the root
    d.insert(d.end(), 2 * kStateWidth - kBalanceLimbs, 2);  // leaf inputs on the first row of a step
    d.insert(d.end(), kBalanceLimbs, 3);          // the new leaf's balance (the old one in a skip)
    d.push_back(2);                               // nonce' = nonce + debit
    d.push_back(3);                               // debit: nonce = tx nonce
    d.insert(d.end(), 3, 3);                      // debit, create, live binary
    d.insert(d.end(), 5, 3);                      // create: old account is zero
    d.insert(d.end(), 3, 3);                      // carries binary
    d.insert(d.end(), kBalanceLimbs, 4);          // limb arithmetic (off in a wrong-nonce skip)
    d.insert(d.end(), 10, 2);                     // new balance, root, create, live constant in a step
    d.insert(d.end(), 8, 3);                      // root chaining
    d.insert(d.end(), 8, 3);                      // range checks (2 columns x 4)
    d.insert(d.end(), 4, 3);                      // skip, short binary; short => skip; skip excludes debit, create
    d.push_back(4);                               // wrong-nonce skip: (nonce - tx nonce) inv = 1
    d.push_back(3);                               // short skip: nonce = tx nonce
    return d;
}

std::vector<Assertion> RollupBatchAir::assertions() const {
    std::vector<Assertion> out;
    const std::size_t last = trace_length() - 1;
    for (std::size_t j = 0; j < kDigestSize; ++j) {
        out.push_back({L::kRoot + j, 0, m_pre_root[j]});
        out.push_back({L::kRoot + j, last, m_post_root[j]});
    }
    return out;
}

std::vector<SequenceAssertion> RollupBatchAir::sequence_assertions() const {
    const std::size_t stride = batch_step_rows(m_depth);
    std::vector<SequenceAssertion> out;
    auto column = [&](std::size_t col, auto value_of) {
        SequenceAssertion s{col, 0, stride, {}};
        s.values.reserve(m_steps.size());
        for (const auto& step : m_steps) s.values.push_back(value_of(step));
        out.push_back(std::move(s));
    };
    column(L::kIndex, [](const BatchStep& s) { return Fp::from_u64(s.index); });
    for (std::size_t i = 0; i < 3; ++i)
        column(L::kAddress + i, [i](const BatchStep& s) { return address_limbs(s.address)[i]; });
    for (std::size_t i = 0; i < kBalanceLimbs; ++i)
        column(L::kAmount + i, [i](const BatchStep& s) { return Fp::from_u64(s.amount[i]); });
    column(L::kDebit, [](const BatchStep& s) { return s.debit ? Fp::one() : Fp::zero(); });
    column(L::kCreate, [](const BatchStep& s) { return s.create ? Fp::one() : Fp::zero(); });
    column(L::kLive, [](const BatchStep& s) { return s.live ? Fp::one() : Fp::zero(); });
    column(L::kTxNonce, [](const BatchStep& s) { return Fp::from_u64(s.tx_nonce); });
    column(L::kSkip, [](const BatchStep& s) { return s.skip ? Fp::one() : Fp::zero(); });
    return out;
}

std::vector<Fp> RollupBatchAir::public_inputs() const {
    std::vector<Fp> out = {Fp::from_u64(m_depth), Fp::from_u64(m_steps.size()), Fp::from_u64(m_live)};
    out.insert(out.end(), m_pre_root.begin(), m_pre_root.end());
    out.insert(out.end(), m_post_root.begin(), m_post_root.end());
    out.insert(out.end(), m_binding.begin(), m_binding.end());
    return out;
}

std::vector<std::vector<Fp>> RollupBatchAir::periodic_columns() const {
    auto cols = rescue::rescue_periodic_columns();
    const std::size_t rows = batch_step_rows(m_depth);
    std::vector<Fp> cycle_first(kCycleLength), step_first(rows), step_last(rows), leaf_end(rows);
    cycle_first[0] = Fp::one();
    step_first[0] = Fp::one();
    step_last[rows - 1] = Fp::one();
    leaf_end[kCycleLength - 1] = Fp::one();
    std::vector<Fp> seg_start(kSegment), end_lo(kSegment), end_hi(kSegment);
    seg_start[0] = seg_start[32] = Fp::one();
    end_lo[31] = Fp::one();
    end_hi[63] = Fp::one();
    for (auto* c : {&cycle_first, &step_first, &step_last, &leaf_end, &seg_start, &end_lo, &end_hi})
        cols.push_back(std::move(*c));
    return cols;
}

template <class F>
void RollupBatchAir::evaluate(std::span<const F> cur, std::span<const F> nxt, std::span<const F> per,
                              std::span<F> out) const {
    const F one = F(Fp::one());
    const F flag = per[rescue::kPeriodicRoundFlag];
    const F not_flag = one - flag;
    const F cycle_first = per[kPCycleFirst], step_first = per[kPStepFirst], step_last = per[kPStepLast];
    const F leaf_end = per[kPLeafEnd];
    const F not_last = one - step_last;
    const auto ark1v = per.subspan(rescue::kPeriodicArk1, kStateWidth);
    const auto ark2v = per.subspan(rescue::kPeriodicArk2, kStateWidth);
    const F bit = cur[L::kBit], next_bit = nxt[L::kBit];
    const F not_next_bit = one - next_bit;
    const F create = cur[L::kCreate], live = cur[L::kLive], debit = cur[L::kDebit];
    const F skip = cur[L::kSkip], short_of_funds = cur[L::kShort];
    std::size_t o = 0;

    // Hash unit: Rescue rounds on rows 0..6 of a cycle; on row 7 (except a step's last row) the
    // next level's input, the node in the half the next bit selects. A create step's old node
    // after the leaf cycle is the zero digest (an unused index).
    const F keep_old = one - create * leaf_end;
    for (std::size_t base : {L::kStateA, L::kStateB}) {
        const auto c = cur.subspan(base, kStateWidth);
        const auto n = nxt.subspan(base, kStateWidth);
        const auto round = rescue::rescue_round_residual<F>(c, n, ark1v, ark2v);
        std::array<F, kStateWidth> reset{};
        reset[0] = n[0] - F(Fp::from_u64(rescue::kRate));
        for (std::size_t i = 1; i < rescue::kCapacity; ++i) reset[i] = n[i];
        for (std::size_t j = 0; j < kDigestSize; ++j) {
            const F node = base == L::kStateA ? c[kLeft + j] * keep_old : c[kLeft + j];
            reset[kLeft + j] = not_next_bit * (n[kLeft + j] - node) + next_bit * (n[kRight + j] - node);
        }
        for (std::size_t i = 0; i < kStateWidth; ++i) out[o++] = flag * round[i] + not_flag * not_last * reset[i];
    }
    // One authentication path for both leaves: the sibling halves agree on each level's first row.
    const F level_first = cycle_first * (one - step_first);
    const F not_bit = one - bit;
    for (std::size_t j = 0; j < kDigestSize; ++j) {
        const F right = cur[L::kStateA + kRight + j] - cur[L::kStateB + kRight + j];
        const F left = cur[L::kStateA + kLeft + j] - cur[L::kStateB + kLeft + j];
        out[o++] = level_first * (not_bit * right + bit * left);
    }
    // Index bits: binary, constant in a cycle; the index register halves each level and is 0
    // after the last one, so the bits are exactly the index's.
    out[o++] = bit * (bit - one);
    out[o++] = flag * (next_bit - bit);
    const F r = cur[L::kIndex], r_next = nxt[L::kIndex];
    out[o++] = flag * (r_next - r);
    out[o++] = not_flag * not_last * (r - (r_next + r_next) - next_bit);
    out[o++] = step_last * r;
    // First row of a step: the leaves' inputs and the account arithmetic.
    const F eight = F(Fp::from_u64(rescue::kRate));
    const F nonce_old = cur[L::kNonceOld], nonce_new = cur[L::kNonceNew];
    for (std::size_t base : {L::kStateA, L::kStateB}) {
        const bool old_leaf = base == L::kStateA;
        out[o++] = step_first * (cur[base] - eight);
        for (std::size_t i = 1; i < rescue::kCapacity; ++i) out[o++] = step_first * cur[base + i];
        for (std::size_t i = 0; i < 3; ++i) out[o++] = step_first * (cur[base + kLeft + i] - cur[L::kAddress + i]);
        out[o++] = step_first * (cur[base + kLeft + 3] - (old_leaf ? nonce_old : nonce_new));
        for (std::size_t i = 0; i < kBalanceLimbs; ++i) {
            const F old_limb = cur[L::kBalanceOld + i];
            // A skip leaves the leaf as it is: its new leaf takes the old balance.
            const F limb = old_leaf ? old_limb : cur[L::kBalanceNew + i] + skip * (old_limb - cur[L::kBalanceNew + i]);
            out[o++] = step_first * (cur[base + kRight + i] - limb);
        }
    }
    out[o++] = step_first * (nonce_new - nonce_old - debit);
    out[o++] = step_first * debit * (nonce_old - cur[L::kTxNonce]);
    out[o++] = step_first * debit * (debit - one);
    out[o++] = step_first * create * (create - one);
    out[o++] = step_first * live * (live - one);
    out[o++] = step_first * create * nonce_old;
    for (std::size_t i = 0; i < kBalanceLimbs; ++i) out[o++] = step_first * create * cur[L::kBalanceOld + i];
    for (std::size_t i = 0; i < 3; ++i) {
        const F t = cur[L::kCarry + i];
        out[o++] = step_first * t * (t - one);
    }
    // new_i = old_i + s (a_i + t_i - 2^32 t_(i+1)), s = +1 (credit) or -1 (debit), t_0 = t_4 = 0:
    // with every limb in [0, 2^32) (new limbs range-checked below, amount limbs by the verifier,
    // old limbs by induction) this is exact integer addition / subtraction with no final carry.
    // An insufficient-balance skip subtracts like a debit but its final borrow t_4 is 1: the
    // range-checked result is balance - amount + 2^128 < 2^128, so balance < amount. A
    // wrong-nonce skip does no arithmetic (arith = 0).
    const F sign = one - (debit + short_of_funds) - (debit + short_of_funds);
    const F arith = one - skip + short_of_funds;
    const F two32 = F(Fp::from_u64(kTwo32));
    for (std::size_t i = 0; i < kBalanceLimbs; ++i) {
        const F t_in = i == 0 ? F{} : cur[L::kCarry + i - 1];
        const F t_out = i + 1 == kBalanceLimbs ? short_of_funds : cur[L::kCarry + i];
        const F moved = cur[L::kAmount + i] + t_in - two32 * t_out;
        out[o++] = step_first * arith * (cur[L::kBalanceNew + i] - cur[L::kBalanceOld + i] - sign * moved);
    }
    // Constant through a step.
    for (std::size_t col : {L::kBalanceNew, L::kBalanceNew + 1, L::kBalanceNew + 2, L::kBalanceNew + 3, L::kRoot,
                            L::kRoot + 1, L::kRoot + 2, L::kRoot + 3, L::kCreate, L::kLive})
        out[o++] = not_last * (nxt[col] - cur[col]);
    // Root chaining on a step's last row: a live step opens the running root with the old leaf
    // and hands the new root to the next step; a padding step hands the root on unchanged.
    for (std::size_t j = 0; j < kDigestSize; ++j)
        out[o++] = step_last * live * (cur[L::kStateA + kLeft + j] - cur[L::kRoot + j]);
    for (std::size_t j = 0; j < kDigestSize; ++j) {
        const F live_next = live * (cur[L::kStateB + kLeft + j] - nxt[L::kRoot + j]);
        const F idle_next = (one - live) * (cur[L::kRoot + j] - nxt[L::kRoot + j]);
        out[o++] = step_last * (live_next + idle_next);
    }
    // Range checks: acc starts with a bit, then acc' = 2 acc + bit' (bit' binary) for 31 rows;
    // at the end of each 32-row segment it equals the limb, so the limb is < 2^32.
    const F seg_start = per[kPSegStart], end_lo = per[kPSegEndLo], end_hi = per[kPSegEndHi];
    const F inside = one - end_lo - end_hi;
    for (std::size_t c = 0; c < 2; ++c) {
        const F acc = cur[L::kRange + c];
        const F d = nxt[L::kRange + c] - (acc + acc);
        out[o++] = seg_start * acc * (acc - one);
        out[o++] = inside * d * (d - one);
        out[o++] = end_lo * (acc - cur[L::kBalanceNew + 2 * c]);
        out[o++] = end_hi * (acc - cur[L::kBalanceNew + 2 * c + 1]);
    }
    // Skips (the STF's order: nonce first, then balance). short => skip; a skip is neither a
    // debit nor a create (its leaf is opened and kept; debit and create are binary, so the sum
    // vanishes only when both do); a nonce skip shows nonce != tx nonce by an inverse; a balance
    // skip has nonce = tx nonce and the final borrow above.
    const F nonce_gap = nonce_old - cur[L::kTxNonce];
    out[o++] = step_first * skip * (skip - one);
    out[o++] = step_first * short_of_funds * (short_of_funds - one);
    out[o++] = step_first * short_of_funds * (one - skip);
    out[o++] = step_first * skip * (debit + create);
    out[o++] = step_first * (skip - short_of_funds) * (nonce_gap * cur[L::kNonceInv] - one);
    out[o++] = step_first * short_of_funds * nonce_gap;
}

template void RollupBatchAir::evaluate<Fp>(std::span<const Fp>, std::span<const Fp>, std::span<const Fp>,
                                           std::span<Fp>) const;
template void RollupBatchAir::evaluate<Fp3>(std::span<const Fp3>, std::span<const Fp3>, std::span<const Fp3>,
                                            std::span<Fp3>) const;

Trace build_rollup_batch_trace(const RollupBatchAir& air, const rescue::Digest& pre_root,
                               const std::vector<BatchStepWitness>& witnesses, rescue::Digest* post_root) {
    const unsigned depth = air.depth();
    const auto& steps = air.steps();
    if (witnesses.size() != air.live_steps())
        throw InvalidArgument("rollup batch trace: " + std::to_string(witnesses.size()) + " witnesses for " +
                              std::to_string(air.live_steps()) + " live steps");
    const std::size_t rows = batch_step_rows(depth);
    const std::size_t n = air.trace_length();
    std::vector<std::vector<Fp>> cols(L::kWidth, std::vector<Fp>(n));
    rescue::Digest root = pre_root;
    const BatchStepWitness padding{0, Limbs{}, std::vector<rescue::Digest>(depth)};
    for (std::size_t j = 0; j < steps.size(); ++j) {
        const BatchStep& s = steps[j];
        const BatchStepWitness& w = s.live ? witnesses[j] : padding;
        const std::string at = "rollup batch trace: step " + std::to_string(j) + " ";
        if (w.path.size() != depth) throw InvalidArgument(at + "path length differs from the depth");
        if (w.nonce >= kLeafNonceLimit) throw InvalidArgument(at + "nonce is >= 2^63");
        // The account arithmetic (what the constraints check), refusing what they would refuse.
        std::uint64_t nonce_new = w.nonce;
        Limbs bal_new{};
        std::array<std::uint64_t, 3> carry{};
        bool short_of_funds = false;
        Fp nonce_inv = Fp::zero();
        if (s.live && s.skip) {
            if (w.nonce != s.tx_nonce) {
                nonce_inv = (Fp::from_u64(w.nonce) - Fp::from_u64(s.tx_nonce)).inverse();
                bal_new = w.balance;  // unused by the constraints; any 32-bit limbs do
            } else {
                // balance - amount with borrows; it must end with a borrow (balance < amount).
                std::uint64_t t = 0;
                for (std::size_t i = 0; i < kBalanceLimbs; ++i) {
                    const std::uint64_t a = std::uint64_t{s.amount[i]} + t, b = w.balance[i];
                    t = b < a ? 1 : 0;
                    bal_new[i] = static_cast<std::uint32_t>(b + (t << 32) - a);
                    if (i < 3) carry[i] = t;
                }
                if (t == 0) throw InvalidArgument(at + "is a skip but its tx applies (nonce and balance suffice)");
                short_of_funds = true;
            }
        } else if (s.live) {
            if (s.create && (w.nonce != 0 || w.balance != Limbs{}))
                throw InvalidArgument(at + "creates an account that is not zero");
            if (s.debit) {
                if (w.nonce != s.tx_nonce) throw InvalidArgument(at + "nonce differs from the tx nonce");
                nonce_new = w.nonce + 1;
                if (nonce_new >= kLeafNonceLimit) throw InvalidArgument(at + "nonce reaches 2^63");
            }
            std::uint64_t t = 0;
            for (std::size_t i = 0; i < kBalanceLimbs; ++i) {
                const std::uint64_t a = std::uint64_t{s.amount[i]} + t, b = w.balance[i];
                if (s.debit) {
                    t = b < a ? 1 : 0;
                    bal_new[i] = static_cast<std::uint32_t>(b + (t << 32) - a);
                } else {
                    const std::uint64_t sum = b + a;
                    t = sum >> 32;
                    bal_new[i] = static_cast<std::uint32_t>(sum);
                }
                if (i < 3) carry[i] = t;
            }
            if (t != 0) throw InvalidArgument(at + (s.debit ? "overspends" : "overflows 2^128"));
        }
        const auto addr = address_limbs(s.address);
        auto leaf_input = [&](std::uint64_t nonce, const Limbs& bal) {
            rescue::State st{};
            st[0] = Fp::from_u64(rescue::kRate);
            for (std::size_t i = 0; i < 3; ++i) st[kLeft + i] = addr[i];
            st[kLeft + 3] = Fp::from_u64(nonce);
            for (std::size_t i = 0; i < kBalanceLimbs; ++i) st[kRight + i] = Fp::from_u64(bal[i]);
            return st;
        };
        const std::size_t base = j * rows;
        rescue::Digest h_old =
            rescue::digest_of(rescue::write_permutation_rows(cols, L::kStateA, base, leaf_input(w.nonce, w.balance)));
        rescue::Digest h_new = rescue::digest_of(rescue::write_permutation_rows(
            cols, L::kStateB, base, leaf_input(nonce_new, s.skip ? w.balance : bal_new)));
        if (s.create) h_old = rescue::Digest{};
        for (unsigned level = 0; level < depth; ++level) {
            const bool b = ((s.index >> level) & 1u) != 0;
            const rescue::Digest& sib = w.path[level];
            const std::size_t row = base + (level + 1u) * kCycleLength;
            h_old = rescue::digest_of(rescue::write_permutation_rows(
                cols, L::kStateA, row, b ? rescue::merge_input_state(sib, h_old) : rescue::merge_input_state(h_old, sib)));
            h_new = rescue::digest_of(rescue::write_permutation_rows(
                cols, L::kStateB, row, b ? rescue::merge_input_state(sib, h_new) : rescue::merge_input_state(h_new, sib)));
        }
        if (s.live && h_old != root) throw InvalidArgument(at + "path does not open the running root");
        // Step-constant columns and the per-cycle bit / index register.
        for (std::size_t r = 0; r < rows; ++r) {
            const std::size_t row = base + r, cycle = r / kCycleLength;
            cols[L::kBit][row] = Fp::from_u64(cycle == 0 ? 0 : (s.index >> (cycle - 1)) & 1u);
            cols[L::kIndex][row] = Fp::from_u64(s.index >> cycle);
            for (std::size_t i = 0; i < 3; ++i) cols[L::kAddress + i][row] = addr[i];
            cols[L::kNonceOld][row] = Fp::from_u64(w.nonce);
            cols[L::kNonceNew][row] = Fp::from_u64(nonce_new);
            for (std::size_t i = 0; i < kBalanceLimbs; ++i) {
                cols[L::kBalanceOld + i][row] = Fp::from_u64(w.balance[i]);
                cols[L::kBalanceNew + i][row] = Fp::from_u64(bal_new[i]);
                cols[L::kAmount + i][row] = Fp::from_u64(s.amount[i]);
            }
            cols[L::kDebit][row] = s.debit ? Fp::one() : Fp::zero();
            cols[L::kCreate][row] = s.create ? Fp::one() : Fp::zero();
            cols[L::kLive][row] = s.live ? Fp::one() : Fp::zero();
            cols[L::kTxNonce][row] = Fp::from_u64(s.tx_nonce);
            cols[L::kSkip][row] = s.skip ? Fp::one() : Fp::zero();
            cols[L::kShort][row] = short_of_funds ? Fp::one() : Fp::zero();
            cols[L::kNonceInv][row] = nonce_inv;
            for (std::size_t i = 0; i < 3; ++i) cols[L::kCarry + i][row] = Fp::from_u64(carry[i]);
            for (std::size_t i = 0; i < kDigestSize; ++i) cols[L::kRoot + i][row] = root[i];
            // Range accumulators: limb (2c + half) in the half-segment, MSB first.
            const std::size_t in_seg = r % kSegment, half = in_seg / 32, k = in_seg % 32;
            for (std::size_t c = 0; c < 2; ++c) {
                const std::uint64_t limb = bal_new[2 * c + half];
                cols[L::kRange + c][row] = Fp::from_u64(limb >> (31 - k));
            }
        }
        if (s.live) root = h_new;
    }
    if (post_root) *post_root = root;
    return Trace(std::move(cols));
}

}  // namespace l2lab::stark
