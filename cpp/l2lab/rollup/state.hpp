#pragma once
/// \file state.hpp
/// L2 state: accounts (address -> nonce, balance) and withdrawal records, committed by a sparse
/// Merkle tree (Keccak-256), with a checkpoint/rollback journal and inclusion/non-inclusion proofs.
///
/// Commitment (what state_root() commits to), all keys and values 32 bytes:
///   account  key = keccak256("l2lab/rollup/account" || address)
///            value = keccak256(rlp([nonce, balance])); an empty account (nonce 0, balance 0) is
///            absent from the tree (EIP-161-like), so the root is canonical.
///   withdrawal key = keccak256("l2lab/rollup/withdrawal" || sender || nonce (8 bytes BE))
///            value = keccak256(rlp([l1_recipient, amount])).
///   account index key = keccak256("l2lab/rollup/account_index" || address)
///            value = the index, 32 bytes big-endian.
///   account count key = keccak256("l2lab/rollup/account_count")
///            value = the number of registered accounts, 32 bytes big-endian; absent while 0.
/// A withdrawal is unique per (sender, nonce), so a withdrawal key is written at most once.
///
/// Account registry: the zk mode names accounts in its state diffs (state_diff.hpp) by a stable
/// index, 0, 1, 2, ... in registration order. An account is registered by the batch whose diff
/// first names it (register_accounts() there); the registry only grows. It is part of the state
/// and of the root, so a validity proof reads an account's index from the pre-state's Merkle tree
/// and a node rebuilding from diffs derives the same indices. The optimistic mode never registers
/// anything: its states hold no registry keys and their roots are as without a registry.
#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>
#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/core/u256.hpp"
#include "l2lab/crypto/smt.hpp"

namespace l2lab::rollup {

/// An L2 account. Balance in wei.
struct L2Account {
    std::uint64_t nonce = 0;
    u256 balance = 0;
    bool is_empty() const { return nonce == 0 && balance == 0; }
    bool operator==(const L2Account&) const = default;
};

/// A withdrawal recorded in the L2 state, claimable on L1 against a final root.
struct WithdrawalRecord {
    Address sender;             ///< L2 account that burned the funds
    std::uint64_t nonce = 0;    ///< the sender's nonce of the withdrawal transaction
    Address l1_recipient;       ///< receives `amount` on L1
    u256 amount = 0;            ///< wei
    bool operator==(const WithdrawalRecord&) const = default;
};

/// SMT key of an account.
Hash32 account_key(const Address& address);
/// SMT value of an account; nullopt for an empty account (absent from the tree).
std::optional<Hash32> account_leaf(const L2Account& account);
/// SMT key of a withdrawal (sender, nonce).
Hash32 withdrawal_key(const Address& sender, std::uint64_t nonce);
/// SMT value of a withdrawal (l1_recipient, amount).
Hash32 withdrawal_leaf(const Address& l1_recipient, const u256& amount);
/// SMT key of an account's registry index.
Hash32 account_index_key(const Address& address);
/// SMT key of the registry size.
Hash32 account_count_key();
/// SMT value of a registry index or size: `n` as 32 bytes big-endian.
Hash32 registry_leaf(std::uint64_t n);
/// Inverse of registry_leaf(); nullopt when the value exceeds 2^64 - 1.
std::optional<std::uint64_t> registry_value(const Hash32& leaf);

/// Journal position from L2State::checkpoint(). Opaque: only the state that issued it accepts it,
/// and only while it is open.
struct L2Checkpoint {
    crypto::SmtCheckpoint smt;
    std::size_t position = 0;
    std::uint64_t id = 0;  ///< unique in the process; 0 is never issued
};

/// The L2 state. Move-only; clone() makes an explicit deep copy.
///
/// Account writes reach the tree lazily: set_account() only records the account as dirty, and
/// the tree receives the final leaf of each dirty account (one leaf hash and one tree update per
/// account, however often it was written) at the next state_root(), prove_*(), checkpoint() or
/// clone(). The root does not depend on when this happens (the tree is history independent).
/// Not safe for concurrent use, even through const members.
class L2State {
public:
    L2State();
    L2State(L2State&&) noexcept = default;
    L2State& operator=(L2State&&) noexcept = default;
    L2State(const L2State&) = delete;
    L2State& operator=(const L2State&) = delete;
    /// Deep copy (accounts, withdrawals, tree); the copy's journal is empty.
    L2State clone() const;

    /// The account at `address` (empty when never touched).
    L2Account account(const Address& address) const;
    /// Overwrite an account (an empty account is removed from the tree).
    void set_account(const Address& address, const L2Account& account);
    /// Record a withdrawal. Throws StateError when (sender, nonce) is already recorded.
    void add_withdrawal(const WithdrawalRecord& w);
    /// The withdrawal of (sender, nonce), if recorded.
    std::optional<WithdrawalRecord> withdrawal(const Address& sender, std::uint64_t nonce) const;
    /// All withdrawals, ordered by (sender, nonce).
    std::vector<WithdrawalRecord> withdrawals() const;
    /// All non-empty accounts, ordered by address.
    const std::map<Address, L2Account>& accounts() const noexcept { return m_accounts; }

    /// Registry index of `address`, or nullopt when it is not registered.
    std::optional<std::uint64_t> account_index(const Address& address) const;
    /// The address registered under `index`, or nullopt when index >= registered_count().
    std::optional<Address> registered_address(std::uint64_t index) const;
    /// Number of registered accounts (the index the next registration receives).
    std::uint64_t registered_count() const noexcept { return m_registered.size(); }
    /// Register `address` under index registered_count() and return that index. Any address may
    /// be registered, empty or not. Throws StateError, changing nothing, when it already is.
    std::uint64_t register_account(const Address& address);
    /// Sum of all balances (wei). Throws std::overflow_error (Python: ArithmeticOverflow) when the
    /// sum exceeds 2^256-1, reachable only with deposits no real L1 could fund.
    u256 total_supply() const;
    /// Sum of all recorded withdrawal amounts (wei).
    u256 total_withdrawn() const;

    /// Root of the sparse Merkle tree.
    Hash32 state_root() const {
        flush();
        return m_tree.root();
    }
    /// Inclusion proof of the account's leaf, or non-inclusion proof when it is empty.
    crypto::SmtProof prove_account(const Address& address) const;
    /// Inclusion proof of a withdrawal (non-inclusion when absent).
    crypto::SmtProof prove_withdrawal(const Address& sender, std::uint64_t nonce) const;
    /// Proof of an arbitrary SMT key (used by witnesses).
    crypto::SmtProof prove_key(const Hash32& key) const {
        flush();
        return m_tree.prove(key);
    }

    /// Start journalling; rollback(cp) restores exactly this point (root included). Checkpoints
    /// nest; each one must be closed by commit(cp) (also after a rollback(cp)), otherwise the
    /// state keeps journalling every later write.
    L2Checkpoint checkpoint();
    /// Undo everything since `cp`; `cp` stays open (a second rollback(cp) is valid) and the
    /// checkpoints taken after it are closed (they no longer describe a reachable state). Throws
    /// StateError, changing nothing, for a checkpoint that is not open in this state: issued by
    /// another state, already committed, or closed by a rollback or commit of an enclosing one.
    void rollback(const L2Checkpoint& cp);
    /// Close `cp` and the checkpoints taken after it, keeping the current contents. Closing the
    /// outermost checkpoint ends journalling (journal emptied); for a nested one the entries stay
    /// so the enclosing checkpoint can still undo them. Throws StateError, changing nothing, for
    /// a checkpoint that is not open in this state (as rollback()).
    void commit(const L2Checkpoint& cp);
    /// Forget the journal (every checkpoint is closed).
    void clear_journal();
    /// Whether writes are being journalled (a checkpoint is open).
    bool journaling() const noexcept { return !m_open.empty(); }
    /// Number of journalled writes (0 when not journalling).
    std::size_t journal_depth() const noexcept { return m_journal.size(); }

private:
    enum class Write : std::uint8_t { Account, Withdrawal, Registration };
    struct JournalEntry {
        Write kind = Write::Account;
        Address address;                       // account entries
        L2Account old_account;
        std::pair<Address, std::uint64_t> wkey;  // withdrawal entries (always newly added)
    };
    struct AddressHash {
        std::size_t operator()(const Address& a) const noexcept;
    };
    /// Write the leaves of the dirty accounts into the tree.
    void flush() const;
    /// Position of `cp` among the open checkpoints; throws StateError when it is not open.
    std::size_t open_index(const L2Checkpoint& cp, const char* operation) const;

    mutable crypto::SparseMerkleTree m_tree;
    mutable std::unordered_set<Address, AddressHash> m_dirty;
    std::map<Address, L2Account> m_accounts;
    std::map<std::pair<Address, std::uint64_t>, WithdrawalRecord> m_withdrawals;
    std::unordered_map<Address, std::uint64_t, AddressHash> m_index;  // registry: address -> index
    std::vector<Address> m_registered;                                // registry: index -> address
    std::vector<JournalEntry> m_journal;
    std::vector<std::uint64_t> m_open;  // ids of the open checkpoints, outermost first
};

}  // namespace l2lab::rollup
