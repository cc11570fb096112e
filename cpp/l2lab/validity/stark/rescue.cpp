#include "l2lab/validity/stark/rescue.hpp"

#include "l2lab/core/error.hpp"

#include <string>

namespace l2lab::stark::rescue {
namespace {

std::array<State, kNumRounds> to_field(
    const std::array<std::array<std::uint64_t, kStateWidth>, kNumRounds>& raw) {
    std::array<State, kNumRounds> out{};
    for (std::size_t r = 0; r < kNumRounds; ++r) {
        for (std::size_t i = 0; i < kStateWidth; ++i)
            out[r][i] = Fp::from_canonical(raw[r][i]);
    }
    return out;
}

const std::array<State, kNumRounds>& ark1_table() {
    static const auto table = to_field(kArk1);
    return table;
}
const std::array<State, kNumRounds>& ark2_table() {
    static const auto table = to_field(kArk2);
    return table;
}

void check_round(std::size_t r) {
    if (r >= kNumRounds) {
        throw InvalidArgument("rescue: round " + std::to_string(r) + " out of range (0..6)");
    }
}

void check_power_of_two(std::size_t n) {
    if (n == 0 || (n & (n - 1)) != 0) {
        throw InvalidArgument("rescue: Merkle leaf count " + std::to_string(n) +
                              " is not a power of two");
    }
}

// Dense circulant matrices (entry (i, j) = first_row[(j - i) mod 12]), built once.
using Matrix = std::array<std::array<std::uint64_t, kStateWidth>, kStateWidth>;
constexpr Matrix expand(const std::array<std::uint64_t, kStateWidth>& row) {
    Matrix m{};
    for (std::size_t i = 0; i < kStateWidth; ++i) {
        for (std::size_t j = 0; j < kStateWidth; ++j)
            m[i][j] = row[(j + kStateWidth - i) % kStateWidth];
    }
    return m;
}
constexpr Matrix kMds = expand(kMdsFirstRow);
constexpr Matrix kInvMds = expand(kInvMdsFirstRow);

}  // namespace

State mds_multiply(const State& s) {
    // Coefficients are < 32, so twelve products of a 64-bit value fit in 73 bits: accumulate in
    // 128 bits and reduce once per row.
    State out{};
    for (std::size_t i = 0; i < kStateWidth; ++i) {
        u128 acc = 0;
        for (std::size_t j = 0; j < kStateWidth; ++j) {
            acc += static_cast<u128>(s[j].value()) * kMds[i][j];
        }
        out[i] = Fp::from_u128(acc);
    }
    return out;
}

State inv_mds_multiply(const State& s) {
    // Full 64-bit coefficients: split each as hi * 2^32 + lo; twelve 64x32-bit products fit in
    // 100 bits, so each half accumulates in 128 bits; result = lo_sum + hi_sum * 2^32.
    const Fp two32 = Fp::from_u64(std::uint64_t{1} << 32);
    State out{};
    for (std::size_t i = 0; i < kStateWidth; ++i) {
        u128 lo = 0;
        u128 hi = 0;
        for (std::size_t j = 0; j < kStateWidth; ++j) {
            const auto v = static_cast<u128>(s[j].value());
            lo += v * (kInvMds[i][j] & 0xFFFFFFFFu);
            hi += v * (kInvMds[i][j] >> 32);
        }
        out[i] = Fp::from_u128(lo) + Fp::from_u128(hi) * two32;
    }
    return out;
}

Fp inv_sbox(Fp x) {
    // Fixed 3-bit windows over the exponent, most significant first (64 = 1 + 21 * 3 bits):
    // precompute x^0..x^7, then per window three squarings and one multiplication.
    std::array<Fp, 8> table{};
    table[0] = Fp::one();
    for (std::size_t k = 1; k < 8; ++k)
        table[k] = table[k - 1] * x;
    Fp acc = table[kInvAlpha >> 63];
    for (int shift = 60; shift >= 0; shift -= 3) {
        acc = acc.square().square().square();
        const auto digit = static_cast<std::size_t>((kInvAlpha >> shift) & 7u);
        if (digit != 0)
            acc *= table[digit];
    }
    return acc;
}

const State& ark1(std::size_t r) {
    check_round(r);
    return ark1_table()[r];
}

const State& ark2(std::size_t r) {
    check_round(r);
    return ark2_table()[r];
}

void apply_round(State& state, std::size_t r) {
    check_round(r);
    for (auto& v : state)
        v = sbox(v);
    state = mds_multiply(state);
    const State& k1 = ark1_table()[r];
    for (std::size_t i = 0; i < kStateWidth; ++i)
        state[i] = inv_sbox(state[i] + k1[i]);
    state = mds_multiply(state);
    const State& k2 = ark2_table()[r];
    for (std::size_t i = 0; i < kStateWidth; ++i)
        state[i] += k2[i];
}

void permute(State& state) {
    for (std::size_t r = 0; r < kNumRounds; ++r)
        apply_round(state, r);
}

Digest digest_of(const State& s) {
    return {s[kDigestStart], s[kDigestStart + 1], s[kDigestStart + 2], s[kDigestStart + 3]};
}

Digest hash_elements(std::span<const Fp> elements) {
    State state{};
    state[0] = Fp::from_u64(static_cast<std::uint64_t>(elements.size()));
    std::size_t i = 0;
    for (const Fp e : elements) {
        state[kRateStart + i] += e;
        if (++i == kRate) {
            permute(state);
            i = 0;
        }
    }
    if (i > 0)
        permute(state);
    return digest_of(state);
}

State digest_input_state(const Digest& d) {
    State s{};
    s[0] = Fp::from_u64(kDigestSize);
    for (std::size_t j = 0; j < kDigestSize; ++j)
        s[kRateStart + j] = d[j];
    return s;
}

State merge_input_state(const Digest& left, const Digest& right) {
    State s{};
    s[0] = Fp::from_u64(kRate);
    for (std::size_t j = 0; j < kDigestSize; ++j) {
        s[kRateStart + j] = left[j];
        s[kRateStart + kDigestSize + j] = right[j];
    }
    return s;
}

Digest merge(const Digest& left, const Digest& right) {
    State s = merge_input_state(left, right);
    permute(s);
    return digest_of(s);
}

Digest hash_chain(const Digest& seed, std::uint64_t n) {
    Digest h = seed;
    for (std::uint64_t i = 0; i < n; ++i) {
        State s = digest_input_state(h);
        permute(s);
        h = digest_of(s);
    }
    return h;
}

Digest merkle_root(std::span<const Digest> leaves) {
    check_power_of_two(leaves.size());
    std::vector<Digest> level(leaves.begin(), leaves.end());
    while (level.size() > 1) {
        std::vector<Digest> up(level.size() / 2);
        for (std::size_t i = 0; i < up.size(); ++i)
            up[i] = merge(level[2 * i], level[2 * i + 1]);
        level = std::move(up);
    }
    return level[0];
}

std::vector<Digest> merkle_path(std::span<const Digest> leaves, std::uint64_t index) {
    check_power_of_two(leaves.size());
    if (index >= leaves.size()) {
        throw InvalidArgument("rescue: leaf index " + std::to_string(index) + " out of range");
    }
    std::vector<Digest> path;
    std::vector<Digest> level(leaves.begin(), leaves.end());
    while (level.size() > 1) {
        path.push_back(level[index ^ 1u]);
        std::vector<Digest> up(level.size() / 2);
        for (std::size_t i = 0; i < up.size(); ++i)
            up[i] = merge(level[2 * i], level[2 * i + 1]);
        level = std::move(up);
        index >>= 1;
    }
    return path;
}

Digest root_from_path(const Digest& leaf, std::uint64_t index, std::span<const Digest> path) {
    if (path.size() < 64 && (index >> path.size()) != 0) {
        throw InvalidArgument("rescue: leaf index " + std::to_string(index) +
                              " does not fit a path of depth " + std::to_string(path.size()));
    }
    Digest h = leaf;
    for (const Digest& sibling : path) {
        h = (index & 1u) != 0 ? merge(sibling, h) : merge(h, sibling);
        index >>= 1;
    }
    return h;
}

}  // namespace l2lab::stark::rescue
