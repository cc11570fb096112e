#pragma once
/// \file traffic.hpp
/// Realistic L2 traffic in bulk: Zipf-distributed senders and receivers over a fixed population
/// of deterministic keys, a configurable transfer/withdrawal mix, signed in C++ so Python never
/// loops per tx.
#include <cstdint>
#include <vector>
#include "l2lab/core/rng.hpp"
#include "l2lab/crypto/secp256k1.hpp"
#include "l2lab/rollup/tx.hpp"

namespace l2lab::rollup {

/// Traffic parameters.
struct TrafficConfig {
    std::size_t accounts = 1000;     ///< population size (>= 2)
    double zipf_s = 1.0;             ///< Zipf exponent for senders and receivers (>= 0; 0 = uniform)
    double withdrawal_fraction = 0;  ///< share of withdrawals, in [0, 1]
    u256 min_value = 1;              ///< wei, inclusive
    u256 max_value = 1'000'000;      ///< wei, inclusive (>= min_value)
    u256 fee = 1;                    ///< wei per tx
    std::uint64_t chain_id = 901;
    std::uint64_t seed = 0;
};

/// Deterministic generator: same config => same txs. Tracks each sender's next nonce.
class TrafficGenerator {
public:
    /// Throws InvalidArgument for a config outside the documented ranges.
    explicit TrafficGenerator(TrafficConfig config);
    const std::vector<crypto::PrivateKey>& keys() const noexcept { return m_keys; }
    /// Addresses of keys(), same order.
    std::vector<Address> addresses() const;
    /// The next `n` signed txs (senders and receivers Zipf-distributed, receiver != sender).
    std::vector<L2Tx> next(std::size_t n);
    /// Index drawn from the Zipf distribution (rank 0 most likely).
    std::size_t sample();

private:
    TrafficConfig m_config;
    Rng m_rng;
    std::vector<crypto::PrivateKey> m_keys;
    std::vector<double> m_cdf;
    std::vector<std::uint64_t> m_nonces;
};

}  // namespace l2lab::rollup
