#include "l2lab/rollup/state.hpp"

#include <algorithm>
#include <atomic>
#include <string_view>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/crypto/keccak.hpp"

namespace l2lab::rollup {

namespace {
constexpr std::string_view kAccountTag = "l2lab/rollup/account";
constexpr std::string_view kWithdrawalTag = "l2lab/rollup/withdrawal";
constexpr std::string_view kIndexTag = "l2lab/rollup/account_index";
constexpr std::string_view kCountTag = "l2lab/rollup/account_count";

// Checkpoint ids are unique in the process so a state can tell its own open checkpoints from
// anyone else's; they never reach a root, a receipt or a saved image, so runs stay deterministic.
std::uint64_t next_checkpoint_id() {
    static std::atomic<std::uint64_t> next{1};
    return next.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace

Hash32 account_key(const Address& address) {
    Bytes buf(kAccountTag.begin(), kAccountTag.end());
    buf.insert(buf.end(), address.bytes.begin(), address.bytes.end());
    return crypto::keccak256(buf);
}

std::optional<Hash32> account_leaf(const L2Account& account) {
    if (account.is_empty()) return std::nullopt;
    rlp::ListBuilder b;
    b.add_u64(account.nonce).add_u256(account.balance);
    return crypto::keccak256(b.finish());
}

Hash32 withdrawal_key(const Address& sender, std::uint64_t nonce) {
    Bytes buf(kWithdrawalTag.begin(), kWithdrawalTag.end());
    buf.insert(buf.end(), sender.bytes.begin(), sender.bytes.end());
    for (int i = 7; i >= 0; --i) buf.push_back(static_cast<std::uint8_t>(nonce >> (8 * i)));
    return crypto::keccak256(buf);
}

Hash32 withdrawal_leaf(const Address& l1_recipient, const u256& amount) {
    rlp::ListBuilder b;
    b.add_address(l1_recipient).add_u256(amount);
    return crypto::keccak256(b.finish());
}

Hash32 account_index_key(const Address& address) {
    Bytes buf(kIndexTag.begin(), kIndexTag.end());
    buf.insert(buf.end(), address.bytes.begin(), address.bytes.end());
    return crypto::keccak256(buf);
}

Hash32 account_count_key() {
    return crypto::keccak256(as_bytes(kCountTag));
}

Hash32 registry_leaf(std::uint64_t n) {
    Hash32 h{};
    for (int i = 0; i < 8; ++i) h.bytes[31 - i] = static_cast<std::uint8_t>(n >> (8 * i));
    return h;
}

std::optional<std::uint64_t> registry_value(const Hash32& leaf) {
    for (int i = 0; i < 24; ++i) {
        if (leaf.bytes[i] != 0) return std::nullopt;
    }
    std::uint64_t n = 0;
    for (int i = 24; i < 32; ++i) n = (n << 8) | leaf.bytes[i];
    return n;
}

L2State::L2State() : m_tree(crypto::HashKind::Keccak256) {}

std::size_t L2State::AddressHash::operator()(const Address& a) const noexcept {
    // Addresses are hash outputs: their first bytes are already uniform.
    std::size_t h = 0;
    for (std::size_t i = 0; i < sizeof(h); ++i) h = (h << 8) | a.bytes[i];
    return h;
}

void L2State::flush() const {
    if (m_dirty.empty()) return;
    std::vector<crypto::SmtUpdate> updates;
    updates.reserve(m_dirty.size());
    for (const Address& a : m_dirty) {
        auto it = m_accounts.find(a);
        updates.push_back({account_key(a), it == m_accounts.end()
                                               ? std::nullopt
                                               : account_leaf(it->second)});
    }
    m_dirty.clear();
    m_tree.update(updates);
}

L2State L2State::clone() const {
    flush();
    L2State out;
    out.m_tree = m_tree.clone();
    out.m_tree.clear_journal();
    out.m_accounts = m_accounts;
    out.m_withdrawals = m_withdrawals;
    out.m_index = m_index;
    out.m_registered = m_registered;
    return out;
}

L2Account L2State::account(const Address& address) const {
    auto it = m_accounts.find(address);
    return it == m_accounts.end() ? L2Account{} : it->second;
}

void L2State::set_account(const Address& address, const L2Account& account) {
    auto it = m_accounts.find(address);
    if (!m_open.empty()) {
        m_journal.push_back(
            {Write::Account, address, it == m_accounts.end() ? L2Account{} : it->second, {}});
    }
    if (account.is_empty()) {
        if (it != m_accounts.end()) m_accounts.erase(it);
    } else if (it != m_accounts.end()) {
        it->second = account;
    } else {
        m_accounts.emplace(address, account);
    }
    m_dirty.insert(address);
}

void L2State::add_withdrawal(const WithdrawalRecord& w) {
    const auto k = std::make_pair(w.sender, w.nonce);
    if (m_withdrawals.count(k) != 0) {
        throw StateError("withdrawal (" + w.sender.hex() + ", " + std::to_string(w.nonce) +
                         ") is already recorded");
    }
    if (!m_open.empty()) m_journal.push_back({Write::Withdrawal, {}, {}, k});
    m_withdrawals.emplace(k, w);
    m_tree.set(withdrawal_key(w.sender, w.nonce), withdrawal_leaf(w.l1_recipient, w.amount));
}

std::optional<WithdrawalRecord> L2State::withdrawal(const Address& sender,
                                                    std::uint64_t nonce) const {
    auto it = m_withdrawals.find({sender, nonce});
    if (it == m_withdrawals.end()) return std::nullopt;
    return it->second;
}

std::vector<WithdrawalRecord> L2State::withdrawals() const {
    std::vector<WithdrawalRecord> out;
    out.reserve(m_withdrawals.size());
    for (const auto& [k, w] : m_withdrawals) out.push_back(w);
    return out;
}

std::optional<std::uint64_t> L2State::account_index(const Address& address) const {
    const auto it = m_index.find(address);
    if (it == m_index.end()) return std::nullopt;
    return it->second;
}

std::optional<Address> L2State::registered_address(std::uint64_t index) const {
    if (index >= m_registered.size()) return std::nullopt;
    return m_registered[static_cast<std::size_t>(index)];
}

std::uint64_t L2State::register_account(const Address& address) {
    const std::uint64_t index = m_registered.size();
    if (!m_index.emplace(address, index).second) {
        throw StateError("account " + address.hex() + " is already registered (index " +
                         std::to_string(m_index.at(address)) + ")");
    }
    m_registered.push_back(address);
    if (!m_open.empty()) m_journal.push_back({Write::Registration, address, {}, {}});
    m_tree.set(account_index_key(address), registry_leaf(index));
    m_tree.set(account_count_key(), registry_leaf(index + 1));
    return index;
}

u256 L2State::total_supply() const {
    u256 sum = 0;
    for (const auto& [a, acct] : m_accounts) sum += acct.balance;
    return sum;
}

u256 L2State::total_withdrawn() const {
    u256 sum = 0;
    for (const auto& [k, w] : m_withdrawals) sum += w.amount;
    return sum;
}

crypto::SmtProof L2State::prove_account(const Address& address) const {
    return prove_key(account_key(address));
}

crypto::SmtProof L2State::prove_withdrawal(const Address& sender, std::uint64_t nonce) const {
    return prove_key(withdrawal_key(sender, nonce));
}

L2Checkpoint L2State::checkpoint() {
    flush();  // the tree's checkpoint must see every account written so far
    const std::uint64_t id = next_checkpoint_id();
    m_open.push_back(id);
    return {m_tree.checkpoint(), m_journal.size(), id};
}

std::size_t L2State::open_index(const L2Checkpoint& cp, const char* operation) const {
    const auto it = std::find(m_open.begin(), m_open.end(), cp.id);
    if (cp.id == 0 || it == m_open.end() || cp.position > m_journal.size()) {
        throw StateError(std::string("L2State::") + operation +
                         ": checkpoint is not open in this state (taken from another state, "
                         "already committed, or closed with an enclosing checkpoint)");
    }
    return static_cast<std::size_t>(it - m_open.begin());
}

void L2State::rollback(const L2Checkpoint& cp) {
    const std::size_t index = open_index(cp, "rollback");
    m_tree.rollback(cp.smt);
    // Every write since cp is undone below, and the tree held all earlier writes at cp.
    m_dirty.clear();
    while (m_journal.size() > cp.position) {
        const JournalEntry e = m_journal.back();
        m_journal.pop_back();
        if (e.kind == Write::Withdrawal) {
            m_withdrawals.erase(e.wkey);
        } else if (e.kind == Write::Registration) {
            m_index.erase(e.address);
            m_registered.pop_back();
        } else if (e.old_account.is_empty()) {
            m_accounts.erase(e.address);
        } else {
            m_accounts[e.address] = e.old_account;
        }
    }
    m_open.resize(index + 1);  // later checkpoints point into the undone part
}

void L2State::commit(const L2Checkpoint& cp) {
    const std::size_t index = open_index(cp, "commit");
    m_open.resize(index);
    if (m_open.empty()) clear_journal();
}

void L2State::clear_journal() {
    m_journal.clear();
    m_open.clear();
    m_tree.clear_journal();
}

}  // namespace l2lab::rollup
