#pragma once
/// \file traffic.hpp
/// Realistic L2 traffic in bulk: Zipf-distributed senders and receivers over a fixed population
/// of deterministic keys, a configurable mix of transfers, withdrawals, L1 bridge deposits,
/// forced txs (force_tx on L1) and invalid txs, signed in C++ so Python never loops per tx.
///
/// Mix (next_mix): each item independently is a deposit with probability deposit_fraction, a
/// forced tx with forced_fraction, an invalid tx with invalid_fraction, a withdrawal with
/// withdrawal_fraction, else a transfer (the fractions must sum to <= 1). Forced txs are valid
/// transfers sent through the L1 inbox; they share their sender's nonce sequence, so one applied
/// before an earlier-nonce tx still in the mempool is skipped with wrong_nonce, as on a real
/// rollup whose user mixes both paths. Invalid txs cycle through four defects, each a tx the STF
/// skips with that reason: bad_signature (r zeroed), wrong_chain_id (chain_id + 1, validly
/// signed), wrong_nonce (nonce + 2^32, validly signed) and insufficient_balance (value 2^200).
/// They do not consume the sender's nonce.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>
#include "l2lab/core/rng.hpp"
#include "l2lab/crypto/secp256k1.hpp"
#include "l2lab/rollup/stf.hpp"
#include "l2lab/rollup/tx.hpp"
#include "l2lab/sim/world.hpp"

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
    double deposit_fraction = 0;     ///< next_mix: share of L1 bridge deposits, in [0, 1]
    double forced_fraction = 0;      ///< next_mix: share of forced txs (L1 force_tx), in [0, 1]
    double invalid_fraction = 0;     ///< next_mix: share of invalid txs, in [0, 1]
    u256 min_deposit = 1'000'000'000;        ///< wei, inclusive (> 0)
    u256 max_deposit = 1'000'000'000'000'000;  ///< wei, inclusive (>= min_deposit)
};

/// What a traffic item is (and where it goes).
enum class TrafficKind : std::uint8_t {
    Transfer,    ///< L2 transfer, to the sequencer
    Withdrawal,  ///< L2 withdrawal, to the sequencer
    Deposit,     ///< L1 bridge deposit (inbox deposit(to) with value)
    ForcedTx,    ///< valid L2 transfer submitted on L1 through force_tx
    Invalid,     ///< L2 tx the STF skips with `invalid_reason`, to the sequencer
};
/// Stable names: "transfer", "withdrawal", "deposit", "forced_tx", "invalid".
std::string_view traffic_kind_name(TrafficKind k);

/// One generated item.
struct TrafficItem {
    TrafficKind kind = TrafficKind::Transfer;
    L2Tx tx;                                  ///< every kind but Deposit
    Address deposit_to;                       ///< Deposit: L2 recipient
    u256 deposit_amount = 0;                  ///< Deposit: wei
    std::optional<SkipReason> invalid_reason; ///< Invalid: the defect
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
    /// The next `n` items of the configured mix (see the file comment).
    std::vector<TrafficItem> next_mix(std::size_t n);
    /// Index drawn from the Zipf distribution (rank 0 most likely).
    std::size_t sample();

private:
    L2Tx make_tx(TxKind kind, std::size_t from, bool consume_nonce);

    TrafficConfig m_config;
    Rng m_rng;
    std::vector<crypto::PrivateKey> m_keys;
    std::vector<double> m_cdf;
    std::vector<std::uint64_t> m_nonces;
};

/// Counts of what submit_traffic did.
struct TrafficSubmitted {
    std::size_t l2_submitted = 0;   ///< accepted by the sequencer's mempool (not duplicates)
    std::size_t deposits = 0;       ///< deposit L1 txs accepted into the L1 mempool
    std::size_t forced = 0;         ///< force_tx L1 txs accepted into the L1 mempool
    std::size_t l1_rejected = 0;    ///< L1 txs the L1 mempool refused (e.g. unfunded payer)
};

class Sequencer;

/// Route `items` in one call: L2 txs to `sequencer` (submitted at the current L1 head), deposits
/// and forced txs as L1 txs from `payer` to `inbox` (payer pays the deposited value and gas).
TrafficSubmitted submit_traffic(sim::World& world, Sequencer& sequencer, const Address& inbox,
                                const sim::Account& payer, std::span<const TrafficItem> items);

}  // namespace l2lab::rollup
