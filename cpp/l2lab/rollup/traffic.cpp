#include "l2lab/rollup/traffic.hpp"

#include <algorithm>
#include <cmath>

#include "l2lab/core/error.hpp"

namespace l2lab::rollup {

TrafficGenerator::TrafficGenerator(TrafficConfig config)
    : m_config(std::move(config)), m_rng(Rng(m_config.seed).fork("l2lab/rollup/traffic")) {
    if (m_config.accounts < 2) throw InvalidArgument("traffic needs at least 2 accounts");
    if (!(m_config.zipf_s >= 0) || !std::isfinite(m_config.zipf_s)) {
        throw InvalidArgument("zipf_s must be a finite number >= 0");
    }
    if (!(m_config.withdrawal_fraction >= 0 && m_config.withdrawal_fraction <= 1)) {
        throw InvalidArgument("withdrawal_fraction must be in [0, 1]");
    }
    if (m_config.min_value > m_config.max_value) {
        throw InvalidArgument("min_value must be <= max_value");
    }
    m_keys.reserve(m_config.accounts);
    for (std::size_t i = 0; i < m_config.accounts; ++i) {
        Bytes seed(16);
        for (int b = 0; b < 8; ++b) {
            seed[static_cast<std::size_t>(b)] = static_cast<std::uint8_t>(m_config.seed >> (56 - 8 * b));
            seed[static_cast<std::size_t>(8 + b)] = static_cast<std::uint8_t>(static_cast<std::uint64_t>(i) >> (56 - 8 * b));
        }
        m_keys.push_back(crypto::PrivateKey::from_seed(seed));
    }
    m_cdf.resize(m_config.accounts);
    double sum = 0;
    for (std::size_t i = 0; i < m_config.accounts; ++i) {
        sum += 1.0 / std::pow(static_cast<double>(i + 1), m_config.zipf_s);
        m_cdf[i] = sum;
    }
    for (auto& c : m_cdf) c /= sum;
    m_nonces.assign(m_config.accounts, 0);
}

std::vector<Address> TrafficGenerator::addresses() const {
    std::vector<Address> out;
    out.reserve(m_keys.size());
    for (const auto& k : m_keys) out.push_back(k.address());
    return out;
}

std::size_t TrafficGenerator::sample() {
    const double u = m_rng.unit();
    const auto it = std::upper_bound(m_cdf.begin(), m_cdf.end(), u);
    return std::min<std::size_t>(static_cast<std::size_t>(it - m_cdf.begin()), m_cdf.size() - 1);
}

std::vector<L2Tx> TrafficGenerator::next(std::size_t n) {
    std::vector<L2Tx> out;
    out.reserve(n);
    const u256 span = m_config.max_value - m_config.min_value;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t from = sample();
        std::size_t to = sample();
        if (to == from) to = (to + 1) % m_keys.size();
        L2Tx tx;
        tx.kind = m_rng.bernoulli(m_config.withdrawal_fraction) ? TxKind::Withdrawal
                                                                 : TxKind::Transfer;
        tx.chain_id = m_config.chain_id;
        tx.nonce = m_nonces[from]++;
        tx.fee = m_config.fee;
        tx.to = m_keys[to].address();
        tx.value = span == u256_max() ? m_rng.next_u256()
                                      : m_config.min_value + m_rng.next_u256() % (span + 1);
        tx.sign(m_keys[from]);
        out.push_back(tx);
    }
    return out;
}

}  // namespace l2lab::rollup
