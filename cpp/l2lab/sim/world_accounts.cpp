// Accounts and the transaction helpers of World (world.hpp).
#include <algorithm>
#include <string>

#include "l2lab/core/error.hpp"
#include "l2lab/l1/gas.hpp"
#include "l2lab/sim/world.hpp"

namespace l2lab::sim {
namespace {
void put_be64(Bytes& out, std::uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}
}  // namespace

Account World::new_account(const u256& balance) {
    Bytes seed_bytes;
    const std::string_view domain = "l2lab/sim/account";
    seed_bytes.insert(seed_bytes.end(), domain.begin(), domain.end());
    put_be64(seed_bytes, m_seed);
    put_be64(seed_bytes, m_accounts.size());
    crypto::PrivateKey key = crypto::PrivateKey::from_seed(seed_bytes);
    const Address address = key.address();
    // Mint first: it is the only step that can throw (balance overflow), and then nothing changed.
    if (balance != 0) m_chain->mint(address, balance);
    m_trace.absorb_allocation(address, balance);
    m_accounts.push_back(Account{std::move(key), address});
    return m_accounts.back();
}

void World::fill_and_sign(const Account& from, l1::Transaction& tx, const TxOptions& options,
                          std::uint64_t default_gas) const {
    if (from.key.address() != from.address) {
        throw InvalidArgument("World: account address " + from.address.hex() +
                              " does not match its key's address " + from.key.address().hex());
    }
    tx.chain_id = m_chain->config().chain_id;
    tx.nonce = options.nonce ? *options.nonce : m_chain->next_nonce(from.address);
    if (options.max_priority_fee_per_gas) {
        tx.max_priority_fee_per_gas = *options.max_priority_fee_per_gas;
    } else if (tx.max_priority_fee_per_gas == 0) {
        tx.max_priority_fee_per_gas = kDefaultPriorityFeeWei;
    }
    if (options.max_fee_per_gas) {
        tx.max_fee_per_gas = *options.max_fee_per_gas;
    } else if (tx.max_fee_per_gas == 0) {
        tx.max_fee_per_gas = m_chain->base_fee() * 2 + tx.max_priority_fee_per_gas;
    }
    if (options.gas_limit) {
        tx.gas_limit = *options.gas_limit;
    } else if (tx.gas_limit == 0) {
        const auto& cfg = m_chain->config();
        std::uint64_t needed = l1::gas::intrinsic_gas(tx.data);
        if (cfg.eip7623) {
            needed = std::max(needed, l1::gas::calldata_floor_gas(tx.data, cfg.calldata_floor_per_token));
        }
        tx.gas_limit = std::max(default_gas, needed);
    }
    tx.sign(from.key);
}

l1::SubmitOutcome World::submit(const Account& from, l1::Transaction tx, const TxOptions& options) {
    const std::uint64_t default_gas = tx.data.empty() ? l1::gas::kTxBase : kDefaultCallGasLimit;
    fill_and_sign(from, tx, options, default_gas);
    return m_chain->submit(std::move(tx));
}

l1::SubmitOutcome World::transfer(const Account& from, const Address& to, const u256& value,
                                  const TxOptions& options) {
    l1::Transaction tx;
    tx.to = to;
    tx.value = value;
    fill_and_sign(from, tx, options, l1::gas::kTxBase);
    return m_chain->submit(std::move(tx));
}

l1::SubmitOutcome World::call(const Account& from, const Address& contract, BytesView calldata,
                              const u256& value, const TxOptions& options) {
    l1::Transaction tx;
    tx.to = contract;
    tx.value = value;
    tx.data.assign(calldata.begin(), calldata.end());
    fill_and_sign(from, tx, options, kDefaultCallGasLimit);
    return m_chain->submit(std::move(tx));
}

}  // namespace l2lab::sim
