#include "l2lab/l1/mempool.hpp"

#include <algorithm>
#include <numeric>
#include <string>

#include "l2lab/core/error.hpp"

namespace l2lab::l1 {
namespace {

std::shared_ptr<const InclusionPolicy> or_honest(std::shared_ptr<const InclusionPolicy> p) {
    return p ? std::move(p) : std::make_shared<HonestPolicy>();
}

// Runs `inner` on the eligible subset and maps its answer back to indices of `pending`.
template <typename Eligible>
std::vector<std::size_t> order_subset(const InclusionPolicy& inner, const BlockContext& block,
                                      std::span<const PendingTx> pending, Rng& rng,
                                      Eligible eligible) {
    std::vector<std::size_t> map;
    std::vector<PendingTx> subset;
    for (std::size_t i = 0; i < pending.size(); ++i) {
        if (eligible(pending[i])) {
            map.push_back(i);
            subset.push_back(pending[i]);
        }
    }
    std::vector<std::size_t> out;
    for (std::size_t j : inner.order(block, subset, rng)) {
        if (j >= map.size()) throw StateError("inclusion policy returned an index out of range");
        out.push_back(map[j]);
    }
    return out;
}

}  // namespace

u256 effective_tip(const Transaction& tx, const u256& base_fee) {
    if (tx.max_fee_per_gas < base_fee) return 0;
    return std::min(tx.max_priority_fee_per_gas, tx.max_fee_per_gas - base_fee);
}

std::vector<std::size_t> HonestPolicy::order(const BlockContext& block,
                                             std::span<const PendingTx> pending, Rng&) const {
    std::vector<u256> tips;
    tips.reserve(pending.size());
    for (const PendingTx& p : pending) tips.push_back(effective_tip(*p.tx, block.base_fee));
    std::vector<std::size_t> idx(pending.size());
    std::iota(idx.begin(), idx.end(), std::size_t{0});
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
        if (tips[a] != tips[b]) return tips[a] > tips[b];
        return pending[a].arrival_seq < pending[b].arrival_seq;
    });
    return idx;
}

CensorPolicy::CensorPolicy(std::set<Address> senders, std::uint64_t max_blocks,
                           std::shared_ptr<const InclusionPolicy> inner)
    : m_senders(std::move(senders)), m_max_blocks(max_blocks), m_inner(or_honest(std::move(inner))) {}

std::vector<std::size_t> CensorPolicy::order(const BlockContext& block,
                                             std::span<const PendingTx> pending, Rng& rng) const {
    return order_subset(*m_inner, block, pending, rng, [&](const PendingTx& p) {
        if (m_senders.count(p.sender) == 0) return true;
        // Censored for blocks arrival_block .. arrival_block + max_blocks - 1 only.
        return block.block_number >= p.arrival_block + m_max_blocks;
    });
}

std::string CensorPolicy::describe() const {
    return "censor(" + std::to_string(m_senders.size()) + " senders, " +
           std::to_string(m_max_blocks) + " blocks, then " + m_inner->describe() + ")";
}

DelayPolicy::DelayPolicy(std::uint64_t delay_blocks, std::shared_ptr<const InclusionPolicy> inner)
    : m_delay(delay_blocks), m_inner(or_honest(std::move(inner))) {}

std::vector<std::size_t> DelayPolicy::order(const BlockContext& block,
                                            std::span<const PendingTx> pending, Rng& rng) const {
    return order_subset(*m_inner, block, pending, rng, [&](const PendingTx& p) {
        return block.block_number >= p.arrival_block + m_delay;
    });
}

std::string DelayPolicy::describe() const {
    return "delay(" + std::to_string(m_delay) + " blocks, then " + m_inner->describe() + ")";
}

std::vector<std::size_t> ReorderPolicy::order(const BlockContext& block,
                                              std::span<const PendingTx> pending, Rng& rng) const {
    if (m_mode == Mode::Reverse) {
        std::vector<std::size_t> idx = HonestPolicy().order(block, pending, rng);
        std::reverse(idx.begin(), idx.end());
        return idx;
    }
    std::vector<std::size_t> idx(pending.size());
    std::iota(idx.begin(), idx.end(), std::size_t{0});
    // Fisher-Yates with the chain's stream: uniform and reproducible from the seed.
    for (std::size_t i = idx.size(); i > 1; --i) {
        const auto j = static_cast<std::size_t>(rng.uniform(i));
        std::swap(idx[i - 1], idx[j]);
    }
    return idx;
}

std::string ReorderPolicy::describe() const {
    return m_mode == Mode::Random ? "reorder(random)" : "reorder(reverse)";
}

void Mempool::add(PendingTx p) {
    const std::uint64_t seq = p.arrival_seq;
    m_index.emplace(p.tx_hash, seq);
    m_by_sender[p.sender].emplace(p.tx->nonce, seq);
    m_by_seq.emplace(seq, std::move(p));
}

void Mempool::remove(const Hash32& tx_hash) {
    const auto it = m_index.find(tx_hash);
    if (it == m_index.end()) return;
    const std::uint64_t seq = it->second;
    const auto p = m_by_seq.find(seq);
    auto& nonces = m_by_sender[p->second.sender];
    for (auto n = nonces.begin(); n != nonces.end(); ++n) {
        if (n->second == seq) {
            nonces.erase(n);
            break;
        }
    }
    if (nonces.empty()) m_by_sender.erase(p->second.sender);
    m_by_seq.erase(p);
    m_index.erase(it);
}

const PendingTx* Mempool::find(const Hash32& tx_hash) const {
    const auto it = m_index.find(tx_hash);
    return it == m_index.end() ? nullptr : &m_by_seq.at(it->second);
}

std::vector<PendingTx> Mempool::list() const {
    std::vector<PendingTx> out;
    out.reserve(m_by_seq.size());
    for (const auto& [seq, p] : m_by_seq) out.push_back(p);
    return out;
}

std::optional<std::uint64_t> Mempool::next_pending_nonce(const Address& sender) const {
    const auto it = m_by_sender.find(sender);
    if (it == m_by_sender.end() || it->second.empty()) return std::nullopt;
    return it->second.rbegin()->first + 1;
}

}  // namespace l2lab::l1
