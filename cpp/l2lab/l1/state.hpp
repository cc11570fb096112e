#pragma once
/// \file state.hpp
/// The L1 world state (accounts, contract storage, deployed code) with an undo journal.
///
/// Ordered maps throughout, so iteration and the digest are deterministic. A storage slot holding
/// zero is absent (as in Ethereum), so equal states have equal digests however they got there.
/// Journal: checkpoint() marks a point, rollback(cp) undoes every change after it (balances,
/// nonces, storage, deployments), commit() forgets the undo records (the changes stay).

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/core/u256.hpp"

namespace l2lab::l1 {

class NativeContract;

/// An account: balance in wei and the count of transactions it has sent.
struct Account {
    u256 balance = 0;
    std::uint64_t nonce = 0;
    bool operator==(const Account&) const = default;
};

/// Accounts, storage and code. Copyable (a snapshot is a copy; contract objects are shared
/// immutable code). Checked arithmetic: a balance overflow throws std::overflow_error.
class State {
public:
    /// Journal position. Only valid for the State that produced it, until commit().
    using Checkpoint = std::size_t;

    // ---- reads (absent accounts read as zero) ----
    const Account& account(const Address& a) const;
    u256 balance(const Address& a) const { return account(a).balance; }
    std::uint64_t nonce(const Address& a) const { return account(a).nonce; }
    u256 storage(const Address& a, const Hash32& key) const;
    /// Deployed contract at `a`, or nullptr.
    const NativeContract* contract(const Address& a) const;
    std::shared_ptr<const NativeContract> contract_ptr(const Address& a) const;
    /// EIP-161 empty: nonce 0, balance 0, no code.
    bool is_empty(const Address& a) const;
    /// Accounts with any non-default field, code or storage, in address order.
    std::size_t account_count() const { return m_accounts.size(); }
    /// Non-zero storage slots of `a`, in key order.
    const std::map<Hash32, u256>& storage_of(const Address& a) const;
    /// Sum of all balances (for conservation checks).
    u256 total_balance() const;

    // ---- journalled writes ----
    void set_balance(const Address& a, const u256& v);
    /// balance += v. Throws std::overflow_error past 2^256 - 1 (nothing changed).
    void add_balance(const Address& a, const u256& v);
    /// balance -= v. Throws StateError when the balance is smaller (nothing changed).
    void sub_balance(const Address& a, const u256& v);
    void set_nonce(const Address& a, std::uint64_t n);
    /// Write a slot; writing 0 deletes it.
    void set_storage(const Address& a, const Hash32& key, const u256& v);
    /// Install code at `a`. Throws StateError when code is already there.
    void set_contract(const Address& a, std::shared_ptr<const NativeContract> code);

    // ---- journal ----
    Checkpoint checkpoint() const noexcept { return m_journal.size(); }
    /// Undo every change made after `cp`. Throws StateError for a checkpoint beyond the journal.
    void rollback(Checkpoint cp);
    /// Drop the undo records; the changes stay.
    void commit() noexcept { m_journal.clear(); }
    /// Number of undo records (0 after commit).
    std::size_t journal_size() const noexcept { return m_journal.size(); }

    /// keccak256 over the canonical RLP of the whole state:
    ///   rlp([[address, nonce, balance, code_name, [[slot_key, value], ...]], ...])
    /// accounts in address order, empty accounts (EIP-161) omitted, slots in key order,
    /// code_name = NativeContract::name() or "" for plain accounts.
    /// Cached until the next write or rollback (so, like every other const member, not to be
    /// called from two threads on one State at once).
    Hash32 digest() const;

private:
    struct Entry {
        enum class Kind : std::uint8_t { Account, Storage, Code } kind;
        Address address;
        Hash32 key;
        Account old_account;
        bool existed = false;
        u256 old_value = 0;
    };
    struct AccountData {
        Account account;
        std::map<Hash32, u256> storage;
        std::shared_ptr<const NativeContract> code;
        bool empty() const { return account == Account{} && storage.empty() && !code; }
    };

    AccountData& touch(const Address& a);
    void record_account(const Address& a);
    void prune(const Address& a);

    std::map<Address, AccountData> m_accounts;
    std::vector<Entry> m_journal;
    // digest() of the current accounts, computed on first use and dropped by touch(), which
    // every write and undo goes through: a block that changes nothing costs no re-hash.
    mutable std::optional<Hash32> m_digest;
};

}  // namespace l2lab::l1
