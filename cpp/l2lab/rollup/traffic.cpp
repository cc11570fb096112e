#include "l2lab/rollup/traffic.hpp"

#include <algorithm>
#include <cmath>

#include "l2lab/core/error.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/rollup/sequencer.hpp"

namespace l2lab::rollup {

std::string_view traffic_kind_name(TrafficKind k) {
    switch (k) {
        case TrafficKind::Transfer: return "transfer";
        case TrafficKind::Withdrawal: return "withdrawal";
        case TrafficKind::Deposit: return "deposit";
        case TrafficKind::ForcedTx: return "forced_tx";
        case TrafficKind::Invalid: return "invalid";
    }
    return "unknown";
}

namespace {
bool fraction_ok(double f) { return f >= 0 && f <= 1; }
}  // namespace

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
    if (!fraction_ok(m_config.deposit_fraction) || !fraction_ok(m_config.forced_fraction) ||
        !fraction_ok(m_config.invalid_fraction) ||
        m_config.withdrawal_fraction + m_config.deposit_fraction + m_config.forced_fraction +
                m_config.invalid_fraction > 1.0 + 1e-12) {
        throw InvalidArgument(
            "deposit/forced/invalid fractions must be in [0, 1] and, with withdrawal_fraction, "
            "sum to <= 1");
    }
    if (m_config.min_deposit == 0 || m_config.min_deposit > m_config.max_deposit) {
        throw InvalidArgument("deposits need 0 < min_deposit <= max_deposit");
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

namespace {
u256 uniform_between(Rng& rng, const u256& lo, const u256& hi) {
    const u256 span = hi - lo;
    return span == u256_max() ? rng.next_u256() : lo + rng.next_u256() % (span + 1);
}
}  // namespace

L2Tx TrafficGenerator::make_tx(TxKind kind, std::size_t from, bool consume_nonce) {
    std::size_t to = sample();
    if (to == from) to = (to + 1) % m_keys.size();
    L2Tx tx;
    tx.kind = kind;
    tx.chain_id = m_config.chain_id;
    tx.nonce = consume_nonce ? m_nonces[from]++ : m_nonces[from];
    tx.fee = m_config.fee;
    tx.to = m_keys[to].address();
    tx.value = uniform_between(m_rng, m_config.min_value, m_config.max_value);
    return tx;
}

std::vector<L2Tx> TrafficGenerator::next(std::size_t n) {
    std::vector<L2Tx> out;
    out.reserve(n);
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
        tx.value = uniform_between(m_rng, m_config.min_value, m_config.max_value);
        tx.sign(m_keys[from]);
        out.push_back(std::move(tx));
    }
    return out;
}

std::vector<TrafficItem> TrafficGenerator::next_mix(std::size_t n) {
    static constexpr SkipReason kDefects[] = {SkipReason::BadSignature, SkipReason::WrongChainId,
                                              SkipReason::WrongNonce,
                                              SkipReason::InsufficientBalance};
    std::vector<TrafficItem> out;
    out.reserve(n);
    const double c_dep = m_config.deposit_fraction;
    const double c_forced = c_dep + m_config.forced_fraction;
    const double c_invalid = c_forced + m_config.invalid_fraction;
    const double c_wd = c_invalid + m_config.withdrawal_fraction;
    for (std::size_t i = 0; i < n; ++i) {
        const double u = m_rng.unit();
        TrafficItem item;
        if (u < c_dep) {
            item.kind = TrafficKind::Deposit;
            item.deposit_to = m_keys[sample()].address();
            item.deposit_amount =
                uniform_between(m_rng, m_config.min_deposit, m_config.max_deposit);
            out.push_back(std::move(item));
            continue;
        }
        const std::size_t from = sample();
        if (u < c_forced) {
            item.kind = TrafficKind::ForcedTx;
            item.tx = make_tx(TxKind::Transfer, from, true);
        } else if (u < c_invalid) {
            item.kind = TrafficKind::Invalid;
            const SkipReason defect = kDefects[m_rng.uniform(std::size(kDefects))];
            item.invalid_reason = defect;
            item.tx = make_tx(TxKind::Transfer, from, false);
            if (defect == SkipReason::WrongChainId) item.tx.chain_id += 1;
            if (defect == SkipReason::WrongNonce) item.tx.nonce += std::uint64_t{1} << 32;
            if (defect == SkipReason::InsufficientBalance) item.tx.value = u256(1) << 200;
        } else {
            item.kind = u < c_wd ? TrafficKind::Withdrawal : TrafficKind::Transfer;
            item.tx = make_tx(
                item.kind == TrafficKind::Withdrawal ? TxKind::Withdrawal : TxKind::Transfer,
                from, true);
        }
        item.tx.sign(m_keys[from]);
        if (item.invalid_reason == SkipReason::BadSignature) {
            std::fill(item.tx.signature.begin(), item.tx.signature.begin() + 32, std::uint8_t{0});
        }
        out.push_back(std::move(item));
    }
    return out;
}

TrafficSubmitted submit_traffic(sim::World& world, Sequencer& sequencer, const Address& inbox,
                                const sim::Account& payer, std::span<const TrafficItem> items) {
    TrafficSubmitted out;
    const std::uint64_t head = world.block_number();
    for (const auto& item : items) {
        switch (item.kind) {
            case TrafficKind::Deposit: {
                const auto r = world.call(payer, inbox, inbox_deposit(item.deposit_to),
                                          item.deposit_amount);
                (r.accepted ? out.deposits : out.l1_rejected) += 1;
                break;
            }
            case TrafficKind::ForcedTx: {
                const auto r = world.call(payer, inbox, inbox_force_tx(item.tx.encode()));
                (r.accepted ? out.forced : out.l1_rejected) += 1;
                break;
            }
            default:
                out.l2_submitted += sequencer.submit(item.tx, head) ? 1 : 0;
        }
    }
    return out;
}

}  // namespace l2lab::rollup
