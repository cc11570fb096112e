#pragma once
/// \file execution.hpp
/// Internal to the l1 area: one running transaction (or deployment, or view call). Holds the gas
/// meter, the EIP-2929 warm sets, the EIP-2200 original slot values, and the logs emitted so far,
/// and runs native-contract call frames with journalled rollback. Chain uses it; contracts only
/// see CallContext.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <utility>
#include <vector>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/core/u256.hpp"
#include "l2lab/l1/contract.hpp"
#include "l2lab/l1/gas.hpp"
#include "l2lab/l1/receipt.hpp"
#include "l2lab/l1/state.hpp"

namespace l2lab::l1 {

/// Block and transaction facts visible to contracts.
struct ExecutionEnv {
    Address origin;
    std::uint64_t chain_id = 0;
    std::uint64_t block_number = 0;
    std::uint64_t timestamp = 0;
    std::span<const Hash32> blob_versioned_hashes;
};

class Execution {
public:
    /// Runs against `state` charging `meter`. Both must outlive the Execution.
    Execution(State& state, gas::GasMeter& meter, ExecutionEnv env);

    /// Mark an address warm without charge (tx sender, tx target, coinbase: EIP-2929/EIP-3651).
    void warm_account(const Address& a);

    /// The top-level frame: move `value` from `caller` to `to`, and if `to` holds a contract,
    /// charge the native call overhead and run it. Throws Revert or gas::OutOfGas (the caller
    /// rolls back); std::exceptions from contract code are converted to Revert("panic: ...").
    /// Precondition: caller holds `value`.
    Bytes run_top(const Address& caller, const Address& to, const u256& value, BytesView data);

    /// Run `code.construct` for a deployment at `self`. Throws like run_top.
    void run_construct(const NativeContract& code, const Address& deployer, const Address& self,
                       BytesView args);

    /// Logs of the frames that did not revert, in emission order.
    const std::vector<Log>& logs() const noexcept { return m_logs; }

    // ---- used by CallContext ----
    const ExecutionEnv& env() const noexcept { return m_env; }
    gas::GasMeter& meter() noexcept { return m_meter; }
    State& state() noexcept { return m_state; }
    u256 sload(const Address& self, const Hash32& key);
    void sstore(const Address& self, const Hash32& key, const u256& value);
    /// Charge 2600 cold / 100 warm for touching `a`, and warm it.
    void charge_account_access(const Address& a);
    void emit_log(const Address& self, std::span<const Hash32> topics, BytesView data);
    CallResult call(const Address& caller, const Address& to, const u256& value,
                    BytesView calldata, std::uint32_t depth);

private:
    struct Mark {
        State::Checkpoint state;
        std::size_t warm;
        std::size_t logs;
        std::int64_t refund;
    };
    Mark mark() const;
    void rollback(const Mark& m);
    bool warm_slot(const Address& a, const Hash32& key);  // true if it was cold
    Bytes enter(const NativeContract& code, const Address& caller, const Address& self,
                const u256& value, BytesView data, std::uint32_t depth);

    State& m_state;
    gas::GasMeter& m_meter;
    ExecutionEnv m_env;
    std::set<Address> m_warm_accounts;
    std::set<std::pair<Address, Hash32>> m_warm_slots;
    // Insertions into the warm sets, in order, so a reverted frame can un-warm (EIP-2929 says
    // access-set additions revert with the frame).
    std::vector<std::pair<Address, std::optional<Hash32>>> m_warm_log;
    std::map<std::pair<Address, Hash32>, u256> m_original;  // EIP-2200 "original value"
    std::vector<Log> m_logs;
};

}  // namespace l2lab::l1
