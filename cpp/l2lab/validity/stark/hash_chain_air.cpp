#include "l2lab/validity/stark/hash_chain_air.hpp"

#include <string>

namespace l2lab::stark {
namespace {

using rescue::kCycleLength;
using rescue::kDigestSize;
using rescue::kDigestStart;
using rescue::kStateWidth;

constexpr std::uint64_t kMaxHashes = std::uint64_t{1} << 21;

void check_num_hashes(std::uint64_t n) {
    if (n == 0 || n > kMaxHashes || (n & (n - 1)) != 0) {
        throw InvalidArgument("hash chain: num_hashes " + std::to_string(n) +
                              " must be a power of two in [1, 2^21]");
    }
}

}  // namespace

HashChainAir::HashChainAir(const rescue::Digest& seed,
                           const rescue::Digest& result,
                           std::uint64_t num_hashes)
    : m_seed(seed), m_result(result), m_num_hashes(num_hashes) {
    check_num_hashes(num_hashes);
}

Bytes HashChainAir::identity_params() const {
    Bytes out = {'r', 'p', '6', '4', '_', '2', '5', '6'};
    for (int shift = 56; shift >= 0; shift -= 8) {
        out.push_back(static_cast<std::uint8_t>(m_num_hashes >> shift));
    }
    return out;
}

std::vector<unsigned> HashChainAir::transition_degrees() const {
    return std::vector<unsigned>(kStateWidth, 8);
}

std::vector<Assertion> HashChainAir::assertions() const {
    std::vector<Assertion> out;
    const rescue::State init = rescue::digest_input_state(m_seed);
    for (std::size_t i = 0; i < kStateWidth; ++i)
        out.push_back({i, 0, init[i]});
    const std::size_t last = trace_length() - 1;
    for (std::size_t j = 0; j < kDigestSize; ++j) {
        out.push_back({kDigestStart + j, last, m_result[j]});
    }
    return out;
}

std::vector<Fp> HashChainAir::public_inputs() const {
    std::vector<Fp> out(m_seed.begin(), m_seed.end());
    out.insert(out.end(), m_result.begin(), m_result.end());
    out.push_back(Fp::from_u64(m_num_hashes));
    return out;
}

std::vector<std::vector<Fp>> HashChainAir::periodic_columns() const {
    return rescue::rescue_periodic_columns();
}

template <class F>
void HashChainAir::evaluate(std::span<const F> current,
                            std::span<const F> next,
                            std::span<const F> periodic,
                            std::span<F> out) const {
    const F flag = periodic[rescue::kPeriodicRoundFlag];
    const auto round =
        rescue::rescue_round_residual<F>(current.first(kStateWidth), next.first(kStateWidth),
                                         periodic.subspan(rescue::kPeriodicArk1, kStateWidth),
                                         periodic.subspan(rescue::kPeriodicArk2, kStateWidth));
    // Chaining row: the next hash starts from [4, 0, 0, 0, digest, 0, 0, 0, 0].
    std::array<F, kStateWidth> reset{};
    reset[0] = next[0] - F(Fp::from_u64(kDigestSize));
    for (std::size_t i = 1; i < kDigestStart; ++i)
        reset[i] = next[i];
    for (std::size_t i = kDigestStart; i < kDigestStart + kDigestSize; ++i) {
        reset[i] = next[i] - current[i];
    }
    for (std::size_t i = kDigestStart + kDigestSize; i < kStateWidth; ++i)
        reset[i] = next[i];
    const F not_flag = F(Fp::one()) - flag;
    for (std::size_t i = 0; i < kStateWidth; ++i)
        out[i] = flag * round[i] + not_flag * reset[i];
}

template void HashChainAir::evaluate<Fp>(std::span<const Fp>,
                                         std::span<const Fp>,
                                         std::span<const Fp>,
                                         std::span<Fp>) const;
template void HashChainAir::evaluate<Fp3>(std::span<const Fp3>,
                                          std::span<const Fp3>,
                                          std::span<const Fp3>,
                                          std::span<Fp3>) const;

Trace build_hash_chain_trace(const rescue::Digest& seed, std::uint64_t num_hashes) {
    check_num_hashes(num_hashes);
    const std::size_t n = static_cast<std::size_t>(num_hashes) * kCycleLength;
    std::vector<std::vector<Fp>> cols(kStateWidth, std::vector<Fp>(n));
    rescue::Digest h = seed;
    for (std::uint64_t k = 0; k < num_hashes; ++k) {
        const rescue::State out = rescue::write_permutation_rows(
            cols, 0, static_cast<std::size_t>(k) * kCycleLength, rescue::digest_input_state(h));
        h = rescue::digest_of(out);
    }
    return Trace(std::move(cols));
}

}  // namespace l2lab::stark
