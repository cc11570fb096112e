#pragma once
/// \file contract.hpp
/// Native contracts: C++ classes deployed at addresses on the simulated chain and called by
/// transactions with calldata.
///
/// THE STORAGE RULE: a contract object is immutable code. `call()` and `construct()` are const;
/// ALL persistent state lives in the contract's storage slots (CallContext::sload/sstore) and its
/// balance. Immutable configuration fixed at C++ construction (e.g. a challenge period) is fine.
/// This is what makes revert, out-of-gas, snapshot/restore and the state digest uniform: the chain
/// journals and copies slots, never contract objects. A contract that caches state in mutable
/// members breaks all of that.
///
/// Control flow: CallContext::revert() and running out of gas throw Revert / gas::OutOfGas, which
/// are not std::exceptions; contract code must let them propagate. Any std::exception escaping a
/// contract (e.g. u256 overflow from checked arithmetic) is turned into a revert with reason
/// "panic: <what>", like Solidity's checked-arithmetic panic.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/core/u256.hpp"
#include "l2lab/crypto/secp256k1.hpp"
#include "l2lab/l1/gas.hpp"
#include "l2lab/l1/receipt.hpp"

namespace l2lab::l1 {

class Execution;  // the running transaction (internal, see execution.hpp)

/// Thrown by CallContext::revert(). Not a std::exception: let it propagate.
struct Revert {
    std::string reason;
};

/// Outcome of a nested call (CallContext::call).
struct CallResult {
    TxStatus status = TxStatus::Success;  ///< Success or Reverted (out-of-gas ends the whole tx)
    std::string revert_reason;
    Bytes return_data;
    bool success() const noexcept { return status == TxStatus::Success; }
};

/// What a contract sees while it runs: the call frame and metered access to chain state.
/// Valid only during the call it was passed to. Every method charges gas as documented; a charge
/// beyond the remaining gas throws gas::OutOfGas.
class CallContext {
public:
    /// Immediate caller: the transaction sender, or the calling contract for nested calls.
    const Address& caller() const noexcept { return m_caller; }
    /// Transaction sender (ORIGIN).
    const Address& origin() const noexcept;
    /// This contract's address.
    const Address& self() const noexcept { return m_self; }
    /// Wei sent with this call (already credited to self()).
    const u256& value() const noexcept { return m_value; }
    /// Number and timestamp (seconds) of the block being built.
    std::uint64_t block_number() const noexcept;
    std::uint64_t timestamp() const noexcept;
    std::uint64_t chain_id() const noexcept;
    /// Call depth: 0 for the transaction's target.
    std::uint32_t depth() const noexcept { return m_depth; }

    /// Read a storage slot of self(). 2100 cold / 100 warm (EIP-2929). Missing slots read 0.
    u256 sload(const Hash32& key);
    /// Write a storage slot of self() with EIP-2200/2929 net metering and EIP-3529 refunds
    /// (set 20000, reset 2900, +2100 if cold, 100 for no-op/dirty writes). Journalled.
    void sstore(const Hash32& key, const u256& value);
    /// Balance of self(). SELFBALANCE, 5 gas (EIP-1884).
    u256 self_balance();
    /// Balance of any account. 2600 cold / 100 warm (EIP-2929).
    u256 balance_of(const Address& who);
    /// Send `amount` wei from self() to `to` (a plain value transfer, no code runs):
    /// access 2600/100 (EIP-2929) + 9000 (value) + 25000 if `to` is empty (EIP-161).
    /// Reverts (Revert "insufficient balance") when self() holds less than `amount`.
    void transfer(const Address& to, const u256& amount);
    /// Emit a log: 375 + 375/topic + 8/byte. Throws InvalidArgument for more than 4 topics.
    void emit_log(std::span<const Hash32> topics, BytesView data);
    /// Keccak-256, charging 30 + 6/word.
    Hash32 keccak256(BytesView data);
    /// SHA-256 precompile, charging 60 + 12/word.
    Hash32 sha256(BytesView data);
    /// ecrecover precompile, charging 3000: the signer of `digest`, nullopt if none.
    std::optional<Address> ecrecover(const Hash32& digest, const crypto::Signature& sig);
    /// As above for raw 65 bytes r||s||v (v in {0,1}); malformed input gives nullopt, still 3000.
    std::optional<Address> ecrecover(const Hash32& digest, BytesView sig65);
    /// BLOBHASH (3 gas, EIP-4844): the transaction's index-th versioned hash, or the zero hash
    /// when out of range (as the opcode).
    Hash32 blob_hash(std::size_t index);
    /// Number of blob versioned hashes the transaction carries (free; a Solidity loop would
    /// probe BLOBHASH until zero).
    std::size_t blob_count() const noexcept;
    /// Abort this call frame: its state changes are rolled back, the caller sees `reason`.
    [[noreturn]] void revert(std::string reason);
    /// Call another address: access 2600/100 (EIP-2929) + 9000 if value > 0 (+25000 to an empty
    /// account) + the callee's own costs. A native contract runs in a child frame whose revert
    /// rolls back only its own changes and is reported in the result; a plain account just
    /// receives `value`. Gas is shared with the caller (no 63/64 rule); out-of-gas ends the
    /// transaction. Reverts this frame when self() holds less than `value` or depth exceeds 1024.
    CallResult call(const Address& to, const u256& value, BytesView calldata);
    /// Charge `amount` gas for contract-specific computation (model it on the EVM equivalent).
    void charge(std::uint64_t amount);
    /// Gas still available to the transaction.
    std::uint64_t gas_left() const noexcept;

    /// Internal: frames are created by the chain's executor only.
    CallContext(Execution& exec, const Address& caller, const Address& self, const u256& value,
                std::uint32_t depth)
        : m_exec(exec), m_caller(caller), m_self(self), m_value(value), m_depth(depth) {}
    CallContext(const CallContext&) = delete;
    CallContext& operator=(const CallContext&) = delete;

private:
    Execution& m_exec;
    Address m_caller;
    Address m_self;
    u256 m_value;
    std::uint32_t m_depth;
};

/// A contract's code. Subclass it, keep every persistent value in storage (see the file comment),
/// deploy with Chain::deploy.
class NativeContract {
public:
    virtual ~NativeContract() = default;
    /// Stable type name, e.g. "Counter"; part of the state digest (it stands for the code hash).
    virtual std::string name() const = 0;
    /// Run once at deployment with `args` (like a constructor). Default: accept only empty args.
    virtual void construct(CallContext& ctx, BytesView args) const;
    /// Handle a call with `calldata`; the return value is the call's return data. Use
    /// ctx.revert(reason) to fail.
    virtual Bytes call(CallContext& ctx, BytesView calldata) const = 0;
};

}  // namespace l2lab::l1
