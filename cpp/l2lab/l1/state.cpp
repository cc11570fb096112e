#include "l2lab/l1/state.hpp"

#include <string>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/l1/contract.hpp"

namespace l2lab::l1 {
namespace {
const Account kNoAccount{};
const std::map<Hash32, u256> kNoStorage{};
}  // namespace

const Account& State::account(const Address& a) const {
    const auto it = m_accounts.find(a);
    return it == m_accounts.end() ? kNoAccount : it->second.account;
}

u256 State::storage(const Address& a, const Hash32& key) const {
    const auto it = m_accounts.find(a);
    if (it == m_accounts.end()) return 0;
    const auto slot = it->second.storage.find(key);
    return slot == it->second.storage.end() ? u256(0) : slot->second;
}

const NativeContract* State::contract(const Address& a) const {
    const auto it = m_accounts.find(a);
    return it == m_accounts.end() ? nullptr : it->second.code.get();
}

std::shared_ptr<const NativeContract> State::contract_ptr(const Address& a) const {
    const auto it = m_accounts.find(a);
    return it == m_accounts.end() ? nullptr : it->second.code;
}

bool State::is_empty(const Address& a) const {
    const auto it = m_accounts.find(a);
    if (it == m_accounts.end()) return true;
    const AccountData& d = it->second;
    return d.account.nonce == 0 && d.account.balance == 0 && !d.code;
}

const std::map<Hash32, u256>& State::storage_of(const Address& a) const {
    const auto it = m_accounts.find(a);
    return it == m_accounts.end() ? kNoStorage : it->second.storage;
}

u256 State::total_balance() const {
    u256 sum = 0;
    for (const auto& [addr, d] : m_accounts) sum += d.account.balance;
    return sum;
}

State::AccountData& State::touch(const Address& a) {
    m_digest.reset();
    return m_accounts[a];
}

// Absent and all-default accounts must be indistinguishable, or the digest would depend on
// history; so every undo and write that may leave an account empty prunes it.
void State::prune(const Address& a) {
    const auto it = m_accounts.find(a);
    if (it != m_accounts.end() && it->second.empty()) m_accounts.erase(it);
}

void State::record_account(const Address& a) {
    Entry e{Entry::Kind::Account, a, Hash32{}, account(a), false, 0};
    m_journal.push_back(std::move(e));
}

void State::set_balance(const Address& a, const u256& v) {
    record_account(a);
    touch(a).account.balance = v;
    prune(a);
}

void State::add_balance(const Address& a, const u256& v) {
    if (v == 0) return;
    const u256 updated = balance(a) + v;  // throws on overflow before anything changes
    set_balance(a, updated);
}

void State::sub_balance(const Address& a, const u256& v) {
    if (v == 0) return;
    const u256 have = balance(a);
    if (have < v) {
        throw StateError("balance of " + a.hex() + " is " + to_dec(have) + " wei, cannot debit " +
                         to_dec(v));
    }
    set_balance(a, have - v);
}

void State::set_nonce(const Address& a, std::uint64_t n) {
    record_account(a);
    touch(a).account.nonce = n;
    prune(a);
}

void State::set_storage(const Address& a, const Hash32& key, const u256& v) {
    const u256 old = storage(a, key);
    if (old == v) return;
    m_journal.push_back(Entry{Entry::Kind::Storage, a, key, Account{}, false, old});
    AccountData& d = touch(a);
    if (v == 0) {
        d.storage.erase(key);
    } else {
        d.storage[key] = v;
    }
    prune(a);
}

void State::set_contract(const Address& a, std::shared_ptr<const NativeContract> code) {
    if (!code) throw InvalidArgument("set_contract: code must not be null");
    if (contract(a) != nullptr) throw StateError("a contract is already deployed at " + a.hex());
    m_journal.push_back(Entry{Entry::Kind::Code, a, Hash32{}, Account{}, false, 0});
    touch(a).code = std::move(code);
}

void State::rollback(Checkpoint cp) {
    if (cp > m_journal.size()) {
        throw StateError("rollback: checkpoint " + std::to_string(cp) +
                         " is beyond the journal (size " + std::to_string(m_journal.size()) + ")");
    }
    while (m_journal.size() > cp) {
        Entry& e = m_journal.back();
        switch (e.kind) {
            case Entry::Kind::Account:
                touch(e.address).account = e.old_account;
                break;
            case Entry::Kind::Storage: {
                AccountData& d = touch(e.address);
                if (e.old_value == 0) {
                    d.storage.erase(e.key);
                } else {
                    d.storage[e.key] = e.old_value;
                }
                break;
            }
            case Entry::Kind::Code:
                touch(e.address).code.reset();
                break;
        }
        prune(e.address);
        m_journal.pop_back();
    }
}

Hash32 State::digest() const {
    if (m_digest) return *m_digest;
    rlp::ListBuilder all;
    rlp::ListBuilder one;
    rlp::ListBuilder slots;
    rlp::ListBuilder pair;
    for (const auto& [addr, d] : m_accounts) {
        if (d.empty()) continue;
        for (const auto& [key, value] : d.storage) {
            pair.add_hash(key).add_u256(value);
            slots.add_encoded(pair.finish());
        }
        const std::string code_name = d.code ? d.code->name() : std::string();
        one.add_address(addr)
            .add_u64(d.account.nonce)
            .add_u256(d.account.balance)
            .add_bytes(as_bytes(code_name))
            .add_encoded(slots.finish());
        all.add_encoded(one.finish());
    }
    m_digest = crypto::keccak256(all.finish());
    return *m_digest;
}

}  // namespace l2lab::l1
