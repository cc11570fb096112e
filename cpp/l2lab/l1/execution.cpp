#include "l2lab/l1/execution.hpp"

#include <exception>
#include <string>

#include "l2lab/core/error.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/crypto/sha256.hpp"

namespace l2lab::l1 {
namespace {

// Contract bugs (checked-arithmetic overflow, misuse of the context, a Python exception in a
// Python contract) end the frame like Solidity's panic revert instead of tearing down block
// production. Revert and OutOfGas pass through untouched.
template <typename F>
auto guarded(F&& f) {
    try {
        return f();
    } catch (const Revert&) {
        throw;
    } catch (const gas::OutOfGas&) {
        throw;
    } catch (const std::exception& e) {
        throw Revert{std::string("panic: ") + e.what()};
    } catch (...) {
        throw Revert{"panic: unknown exception"};
    }
}

}  // namespace

Execution::Execution(State& state, gas::GasMeter& meter, ExecutionEnv env)
    : m_state(state), m_meter(meter), m_env(env) {}

void Execution::warm_account(const Address& a) {
    if (m_warm_accounts.insert(a).second) m_warm_log.emplace_back(a, std::nullopt);
}

Execution::Mark Execution::mark() const {
    return {m_state.checkpoint(), m_warm_log.size(), m_logs.size(), m_meter.refund()};
}

void Execution::rollback(const Mark& m) {
    m_state.rollback(m.state);
    while (m_warm_log.size() > m.warm) {
        const auto& [addr, key] = m_warm_log.back();
        if (key) {
            m_warm_slots.erase({addr, *key});
        } else {
            m_warm_accounts.erase(addr);
        }
        m_warm_log.pop_back();
    }
    m_logs.resize(m.logs);
    m_meter.set_refund(m.refund);
}

bool Execution::warm_slot(const Address& a, const Hash32& key) {
    if (!m_warm_slots.insert({a, key}).second) return false;
    m_warm_log.emplace_back(a, key);
    return true;
}

void Execution::charge_account_access(const Address& a) {
    const bool cold = m_warm_accounts.count(a) == 0;
    m_meter.charge(cold ? gas::kColdAccountAccess : gas::kWarmStorageRead);
    warm_account(a);
}

u256 Execution::sload(const Address& self, const Hash32& key) {
    const bool cold = m_warm_slots.count({self, key}) == 0;
    m_meter.charge(cold ? gas::kColdSload : gas::kWarmStorageRead);
    warm_slot(self, key);
    const u256 current = m_state.storage(self, key);
    m_original.try_emplace({self, key}, current);
    return current;
}

void Execution::sstore(const Address& self, const Hash32& key, const u256& value) {
    // EIP-2200: SSTORE with no more than the call stipend left is an exceptional halt.
    if (m_meter.left() <= gas::kSstoreSentry) m_meter.charge(m_meter.left() + 1);
    const u256 current = m_state.storage(self, key);
    const u256 original = m_original.try_emplace({self, key}, current).first->second;
    std::uint64_t cost = m_warm_slots.count({self, key}) == 0 ? gas::kColdSload : 0;
    std::int64_t refund = 0;
    constexpr auto kClear = static_cast<std::int64_t>(gas::kSstoreClearsRefund);
    if (current == value) {
        cost += gas::kWarmStorageRead;
    } else if (original == current) {
        if (original == 0) {
            cost += gas::kSstoreSet;
        } else {
            cost += gas::kSstoreReset;
            if (value == 0) refund += kClear;
        }
    } else {
        cost += gas::kWarmStorageRead;
        if (original != 0) {
            if (current == 0) {
                refund -= kClear;
            } else if (value == 0) {
                refund += kClear;
            }
        }
        if (original == value) {
            refund += static_cast<std::int64_t>(
                (original == 0 ? gas::kSstoreSet : gas::kSstoreReset) - gas::kWarmStorageRead);
        }
    }
    m_meter.charge(cost);
    warm_slot(self, key);
    m_meter.add_refund(refund);
    m_state.set_storage(self, key, value);
}

void Execution::emit_log(const Address& self, std::span<const Hash32> topics, BytesView data) {
    if (topics.size() > gas::kMaxLogTopics) {
        throw InvalidArgument("emit_log: at most 4 topics, got " + std::to_string(topics.size()));
    }
    m_meter.charge(gas::log_cost(topics.size(), data.size()));
    Log log;
    log.address = self;
    log.topics.assign(topics.begin(), topics.end());
    log.data.assign(data.begin(), data.end());
    m_logs.push_back(std::move(log));
}

Bytes Execution::enter(const NativeContract& code, const Address& caller, const Address& self,
                       const u256& value, BytesView data, std::uint32_t depth) {
    m_meter.charge(gas::kNativeCallOverhead + gas::kNativeCalldataWord * gas::words(data.size()));
    CallContext ctx(*this, caller, self, value, depth);
    return guarded([&] { return code.call(ctx, data); });
}

Bytes Execution::run_top(const Address& caller, const Address& to, const u256& value,
                         BytesView data) {
    warm_account(caller);
    warm_account(to);
    m_state.sub_balance(caller, value);
    m_state.add_balance(to, value);
    const auto code = m_state.contract_ptr(to);
    if (!code) return {};
    return enter(*code, caller, to, value, data, 0);
}

void Execution::run_construct(const NativeContract& code, const Address& deployer,
                              const Address& self, BytesView args) {
    warm_account(deployer);
    warm_account(self);
    CallContext ctx(*this, deployer, self, 0, 0);
    guarded([&] {
        code.construct(ctx, args);
        return 0;
    });
}

CallResult Execution::call(const Address& caller, const Address& to, const u256& value,
                           BytesView calldata, std::uint32_t depth) {
    charge_account_access(to);
    if (value > 0) {
        m_meter.charge(gas::kCallValueTransfer);
        if (m_state.is_empty(to)) m_meter.charge(gas::kCallNewAccount);
    }
    if (depth + 1 > gas::kMaxCallDepth) throw Revert{"call depth limit (1024) exceeded"};
    if (m_state.balance(caller) < value) {
        throw Revert{"insufficient balance for call value"};
    }
    const Mark m = mark();
    CallResult result;
    try {
        m_state.sub_balance(caller, value);
        m_state.add_balance(to, value);
        if (const auto code = m_state.contract_ptr(to)) {
            result.return_data = enter(*code, caller, to, value, calldata, depth + 1);
        }
    } catch (Revert& r) {
        rollback(m);
        result.status = TxStatus::Reverted;
        result.revert_reason = std::move(r.reason);
        result.return_data.clear();
    }
    return result;
}

// ---- CallContext -------------------------------------------------------------------------------

const Address& CallContext::origin() const noexcept { return m_exec.env().origin; }
std::uint64_t CallContext::block_number() const noexcept { return m_exec.env().block_number; }
std::uint64_t CallContext::timestamp() const noexcept { return m_exec.env().timestamp; }
std::uint64_t CallContext::chain_id() const noexcept { return m_exec.env().chain_id; }

u256 CallContext::sload(const Hash32& key) { return m_exec.sload(m_self, key); }

void CallContext::sstore(const Hash32& key, const u256& value) { m_exec.sstore(m_self, key, value); }

u256 CallContext::self_balance() {
    m_exec.meter().charge(gas::kSelfBalance);
    return m_exec.state().balance(m_self);
}

u256 CallContext::balance_of(const Address& who) {
    m_exec.charge_account_access(who);
    return m_exec.state().balance(who);
}

void CallContext::transfer(const Address& to, const u256& amount) {
    m_exec.charge_account_access(to);
    if (amount == 0) return;
    m_exec.meter().charge(gas::kCallValueTransfer);
    State& st = m_exec.state();
    if (st.is_empty(to)) m_exec.meter().charge(gas::kCallNewAccount);
    if (st.balance(m_self) < amount) {
        throw Revert{"insufficient balance: contract holds " + to_dec(st.balance(m_self)) +
                     " wei, transfer of " + to_dec(amount)};
    }
    st.sub_balance(m_self, amount);
    st.add_balance(to, amount);
}

void CallContext::emit_log(std::span<const Hash32> topics, BytesView data) {
    m_exec.emit_log(m_self, topics, data);
}

Hash32 CallContext::keccak256(BytesView data) {
    m_exec.meter().charge(gas::keccak_cost(data.size()));
    return crypto::keccak256(data);
}

Hash32 CallContext::sha256(BytesView data) {
    m_exec.meter().charge(gas::sha256_cost(data.size()));
    return crypto::sha256(data);
}

std::optional<Address> CallContext::ecrecover(const Hash32& digest, const crypto::Signature& sig) {
    m_exec.meter().charge(gas::kEcrecover);
    return crypto::recover_address(digest, sig);
}

std::optional<Address> CallContext::ecrecover(const Hash32& digest, BytesView sig65) {
    m_exec.meter().charge(gas::kEcrecover);
    try {
        return crypto::recover_address(digest, crypto::Signature::parse(sig65));
    } catch (const CryptoError&) {
        return std::nullopt;
    }
}

Hash32 CallContext::blob_hash(std::size_t index) {
    m_exec.meter().charge(gas::kBlobHash);
    const auto hashes = m_exec.env().blob_versioned_hashes;
    return index < hashes.size() ? hashes[index] : Hash32{};
}

std::size_t CallContext::blob_count() const noexcept {
    return m_exec.env().blob_versioned_hashes.size();
}

void CallContext::revert(std::string reason) { throw Revert{std::move(reason)}; }

CallResult CallContext::call(const Address& to, const u256& value, BytesView calldata) {
    return m_exec.call(m_self, to, value, calldata, m_depth);
}

void CallContext::charge(std::uint64_t amount) { m_exec.meter().charge(amount); }

std::uint64_t CallContext::gas_left() const noexcept { return m_exec.meter().left(); }

// ---- NativeContract ----------------------------------------------------------------------------

void NativeContract::construct(CallContext& ctx, BytesView args) const {
    if (!args.empty()) ctx.revert(name() + ": constructor takes no arguments");
}

}  // namespace l2lab::l1
