#include "l2lab/validity/stark/merkle_air.hpp"

#include <string>

namespace l2lab::stark {
namespace {

using rescue::kCycleLength;
using rescue::kDigestSize;
using rescue::kStateWidth;

constexpr std::size_t kLeft = rescue::kRateStart;                 // first half of the rate
constexpr std::size_t kRight = rescue::kRateStart + kDigestSize;  // second half
constexpr std::size_t kNew = kStateWidth;                         // offset of the new-path state
constexpr std::size_t kFirstRowFlag = rescue::kRescuePeriodicColumns;

void check_shape(std::uint64_t index, std::size_t depth) {
    if (depth < 1 || depth > 32) {
        throw InvalidArgument("merkle update: depth " + std::to_string(depth) +
                              " must be in [1, 32]");
    }
    if ((index >> depth) != 0) {
        throw InvalidArgument("merkle update: index " + std::to_string(index) +
                              " does not fit depth " + std::to_string(depth));
    }
}

std::size_t trace_length_for(std::size_t depth) {
    std::size_t n = kMinTraceLength;
    while (n < depth * kCycleLength)
        n <<= 1;
    return n;
}

}  // namespace

MerkleUpdateAir::MerkleUpdateAir(const MerkleUpdateStatement& statement) : m_statement(statement) {
    check_shape(statement.index, statement.depth);
}

Bytes MerkleUpdateAir::identity_params() const {
    Bytes out = {'r', 'p', '6', '4', '_', '2', '5', '6'};
    for (int shift = 24; shift >= 0; shift -= 8) {
        out.push_back(static_cast<std::uint8_t>(m_statement.depth >> shift));
    }
    return out;
}

std::size_t MerkleUpdateAir::trace_length() const {
    return trace_length_for(m_statement.depth);
}

std::vector<unsigned> MerkleUpdateAir::transition_degrees() const {
    std::vector<unsigned> d(2 * kStateWidth, 8);
    for (int j = 0; j < 4; ++j)
        d.push_back(3);  // first-row flag x bit x difference
    d.push_back(2);      // flag x (bit' - bit)
    d.push_back(2);      // bit (bit - 1)
    return d;
}

std::vector<Assertion> MerkleUpdateAir::assertions() const {
    const auto& s = m_statement;
    std::vector<Assertion> out;
    const std::size_t leaf_at = (s.index & 1u) != 0 ? kRight : kLeft;
    for (std::size_t base : {std::size_t{0}, kNew}) {
        out.push_back({base, 0, Fp::from_u64(rescue::kRate)});
        for (std::size_t i = 1; i < rescue::kCapacity; ++i)
            out.push_back({base + i, 0, Fp::zero()});
    }
    for (std::size_t j = 0; j < kDigestSize; ++j) {
        out.push_back({leaf_at + j, 0, s.old_leaf[j]});
        out.push_back({kNew + leaf_at + j, 0, s.new_leaf[j]});
    }
    for (std::size_t k = 0; k < s.depth; ++k) {
        out.push_back({kBitColumn, k * kCycleLength, Fp::from_u64((s.index >> k) & 1u)});
    }
    const std::size_t root_row = s.depth * kCycleLength - 1;
    for (std::size_t j = 0; j < kDigestSize; ++j) {
        out.push_back({kLeft + j, root_row, s.old_root[j]});
        out.push_back({kNew + kLeft + j, root_row, s.new_root[j]});
    }
    return out;
}

std::vector<Fp> MerkleUpdateAir::public_inputs() const {
    const auto& s = m_statement;
    std::vector<Fp> out = {Fp::from_u64(s.index), Fp::from_u64(s.depth)};
    for (const auto* d : {&s.old_leaf, &s.new_leaf, &s.old_root, &s.new_root}) {
        out.insert(out.end(), d->begin(), d->end());
    }
    return out;
}

std::vector<std::vector<Fp>> MerkleUpdateAir::periodic_columns() const {
    auto cols = rescue::rescue_periodic_columns();
    std::vector<Fp> first(kCycleLength);
    first[0] = Fp::one();
    cols.push_back(std::move(first));
    return cols;
}

template <class F>
void MerkleUpdateAir::evaluate(std::span<const F> current,
                               std::span<const F> next,
                               std::span<const F> periodic,
                               std::span<F> out) const {
    const F one = F(Fp::one());
    const F flag = periodic[rescue::kPeriodicRoundFlag];
    const F not_flag = one - flag;
    const F first_row = periodic[kFirstRowFlag];
    const auto ark1v = periodic.subspan(rescue::kPeriodicArk1, kStateWidth);
    const auto ark2v = periodic.subspan(rescue::kPeriodicArk2, kStateWidth);
    const F bit = current[kBitColumn];
    const F next_bit = next[kBitColumn];
    const F not_next_bit = one - next_bit;

    for (std::size_t base : {std::size_t{0}, kNew}) {
        const auto cur = current.subspan(base, kStateWidth);
        const auto nxt = next.subspan(base, kStateWidth);
        const auto round = rescue::rescue_round_residual<F>(cur, nxt, ark1v, ark2v);
        // Chaining row: capacity [8, 0, 0, 0]; the node digest (cur[4..8)) goes to the left half
        // when the next bit is 0 and to the right half when it is 1. The other half is the
        // sibling, free here and tied between the two paths by constraints 24..27.
        std::array<F, kStateWidth> reset{};
        reset[0] = nxt[0] - F(Fp::from_u64(rescue::kRate));
        for (std::size_t i = 1; i < rescue::kCapacity; ++i)
            reset[i] = nxt[i];
        for (std::size_t j = 0; j < kDigestSize; ++j) {
            reset[kLeft + j] = not_next_bit * (nxt[kLeft + j] - cur[kLeft + j]) +
                               next_bit * (nxt[kRight + j] - cur[kLeft + j]);
        }
        for (std::size_t i = 0; i < kStateWidth; ++i) {
            out[base + i] = flag * round[i] + not_flag * reset[i];
        }
    }
    const F not_bit = one - bit;
    for (std::size_t j = 0; j < kDigestSize; ++j) {
        const F right_diff = current[kRight + j] - current[kNew + kRight + j];
        const F left_diff = current[kLeft + j] - current[kNew + kLeft + j];
        out[2 * kStateWidth + j] = first_row * (not_bit * right_diff + bit * left_diff);
    }
    out[2 * kStateWidth + 4] = flag * (next_bit - bit);
    out[2 * kStateWidth + 5] = bit * (bit - one);
}

template void MerkleUpdateAir::evaluate<Fp>(std::span<const Fp>,
                                            std::span<const Fp>,
                                            std::span<const Fp>,
                                            std::span<Fp>) const;
template void MerkleUpdateAir::evaluate<Fp3>(std::span<const Fp3>,
                                             std::span<const Fp3>,
                                             std::span<const Fp3>,
                                             std::span<Fp3>) const;

Trace build_merkle_update_trace(std::uint64_t index,
                                const rescue::Digest& old_leaf,
                                const rescue::Digest& new_leaf,
                                std::span<const rescue::Digest> path) {
    const std::size_t depth = path.size();
    check_shape(index, depth);
    const std::size_t n = trace_length_for(depth);
    std::vector<std::vector<Fp>> cols(MerkleUpdateAir::kBitColumn + 1, std::vector<Fp>(n));
    rescue::Digest h_old = old_leaf;
    rescue::Digest h_new = new_leaf;
    for (std::size_t k = 0; k * kCycleLength < n; ++k) {
        // Padding levels (k >= depth) hash the running nodes with a zero sibling, bit 0.
        const rescue::Digest sibling = k < depth ? path[k] : rescue::Digest{};
        const bool bit = k < depth && ((index >> k) & 1u) != 0;
        const auto in_old = bit ? rescue::merge_input_state(sibling, h_old)
                                : rescue::merge_input_state(h_old, sibling);
        const auto in_new = bit ? rescue::merge_input_state(sibling, h_new)
                                : rescue::merge_input_state(h_new, sibling);
        h_old =
            rescue::digest_of(rescue::write_permutation_rows(cols, 0, k * kCycleLength, in_old));
        h_new =
            rescue::digest_of(rescue::write_permutation_rows(cols, kNew, k * kCycleLength, in_new));
        for (std::size_t r = 0; r < kCycleLength; ++r) {
            cols[MerkleUpdateAir::kBitColumn][k * kCycleLength + r] = bit ? Fp::one() : Fp::zero();
        }
    }
    return Trace(std::move(cols));
}

MerkleUpdateStatement make_merkle_update_statement(std::uint64_t index,
                                                   const rescue::Digest& old_leaf,
                                                   const rescue::Digest& new_leaf,
                                                   std::span<const rescue::Digest> path) {
    check_shape(index, path.size());
    MerkleUpdateStatement s;
    s.index = index;
    s.depth = static_cast<std::uint32_t>(path.size());
    s.old_leaf = old_leaf;
    s.new_leaf = new_leaf;
    s.old_root = rescue::root_from_path(old_leaf, index, path);
    s.new_root = rescue::root_from_path(new_leaf, index, path);
    return s;
}

}  // namespace l2lab::stark
