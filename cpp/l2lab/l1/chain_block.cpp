// Block building: ask the policy for an order, re-validate, execute, write receipts, seal.
#include <map>
#include <set>
#include <string>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/l1/chain_impl.hpp"
#include "l2lab/l1/execution.hpp"

namespace l2lab::l1 {
namespace {

struct BuildEnv {
    std::uint64_t number;
    std::uint64_t timestamp;
    Address coinbase;
    u256 base_fee;
    u256 blob_base_fee;
};

// Executes one transaction that passed every validity check. Fees are taken up front at the
// effective price and the unused part refunded, so a revert or out-of-gas rolls back only the
// call's effects and never the payment or the nonce increment.
Receipt execute(const ChainConfig& c, State& st, const BuildEnv& env, const PendingTx& p,
                std::uint32_t tx_index) {
    const Transaction& tx = *p.tx;
    const u256 price =
        c.eip1559 ? env.base_fee + effective_tip(tx, env.base_fee) : tx.max_fee_per_gas;
    const std::uint64_t blob_gas = tx.blob_gas();
    st.sub_balance(p.sender, price * tx.gas_limit + env.blob_base_fee * blob_gas);
    st.set_nonce(p.sender, tx.nonce + 1);

    gas::GasMeter meter(tx.gas_limit);
    meter.charge(gas::intrinsic_gas(tx.data));
    ExecutionEnv xenv{p.sender, c.chain_id, env.number, env.timestamp, tx.blob_versioned_hashes};
    Execution exec(st, meter, xenv);
    exec.warm_account(env.coinbase);  // EIP-3651

    Receipt r;
    r.tx_hash = p.tx_hash;
    r.sender = p.sender;
    r.to = tx.to;
    r.block_number = env.number;
    r.tx_index = tx_index;
    const State::Checkpoint cp = st.checkpoint();
    try {
        r.return_data = exec.run_top(p.sender, tx.to, tx.value, tx.data);
        r.status = TxStatus::Success;
        r.logs = exec.logs();
    } catch (Revert& rev) {
        st.rollback(cp);
        r.status = TxStatus::Reverted;
        r.revert_reason = std::move(rev.reason);
    } catch (const gas::OutOfGas&) {
        st.rollback(cp);
        r.status = TxStatus::OutOfGas;
    }

    // Out-of-gas consumes the whole limit however it was signalled.
    std::uint64_t used = r.status == TxStatus::OutOfGas ? tx.gas_limit : meter.used();
    if (r.status == TxStatus::Success && meter.refund() > 0) {
        r.gas_refunded = std::min(static_cast<std::uint64_t>(meter.refund()),
                                  used / gas::kMaxRefundQuotient);  // EIP-3529 cap
        used -= r.gas_refunded;
    }
    if (c.eip7623) used = std::max(used, gas::calldata_floor_gas(tx.data, c.calldata_floor_per_token));
    r.gas_used = used;
    r.effective_gas_price = price;
    r.blob_gas_used = blob_gas;
    r.blob_gas_price = blob_gas > 0 ? env.blob_base_fee : u256(0);
    const u256 base = c.eip1559 ? env.base_fee : u256(0);
    r.fee_burned = base * used + env.blob_base_fee * blob_gas;
    r.priority_fee_paid = (price - base) * used;
    st.add_balance(p.sender, price * (tx.gas_limit - used));
    st.add_balance(env.coinbase, r.priority_fee_paid);
    st.commit();
    return r;
}

}  // namespace

const Block& Chain::Impl::produce(const BlockOptions& options) {
    const ChainConfig& c = config;
    const BlockHeader& parent = head().header;
    BuildEnv env;
    env.number = parent.number + 1;
    env.timestamp = options.timestamp.value_or(parent.timestamp + c.block_time);
    if (env.timestamp <= parent.timestamp) {
        throw InvalidArgument("produce_block: timestamp " + std::to_string(env.timestamp) +
                              " must be greater than the parent's " +
                              std::to_string(parent.timestamp));
    }
    env.coinbase = options.coinbase.value_or(c.coinbase);
    env.base_fee = next_base_fee();
    const std::uint64_t excess = next_excess_blob_gas();
    env.blob_base_fee = gas::fake_exponential(c.min_base_fee_per_blob_gas, excess,
                                              c.blob_base_fee_update_fraction);

    // Ask the policy first, on copies: a misbehaving policy throws before anything changes.
    const std::vector<PendingTx> candidates = d.mempool.list();
    Rng rng = d.rng;
    const BlockContext bctx{env.number, env.timestamp, env.base_fee, env.blob_base_fee};
    const std::vector<std::size_t> order = d.policy->order(bctx, candidates, rng);
    std::vector<bool> seen(candidates.size(), false);
    for (std::size_t i : order) {
        if (i >= candidates.size() || seen[i]) {
            throw StateError("inclusion policy " + d.policy->describe() +
                             " returned an out-of-range or repeated index");
        }
        seen[i] = true;
    }
    d.rng = rng;

    auto block = std::make_shared<Block>();
    block->dropped = std::move(d.drops_since_head);
    d.drops_since_head.clear();
    std::uint64_t gas_left = c.block_gas_limit;
    std::uint64_t blob_gas_left = c.blobs ? c.max_blob_gas_per_block() : 0;
    std::uint32_t log_index = 0;
    // Later nonces of a sender wait here until the earlier one is included in this block.
    std::map<Address, std::map<std::uint64_t, std::vector<std::size_t>>> deferred;

    auto drop = [&](const PendingTx& p, DropReason reason, std::string detail) {
        DroppedTx dt{p.tx_hash, p.sender, reason, std::move(detail), env.number};
        d.dropped[p.tx_hash] = dt;
        block->dropped.push_back(std::move(dt));
        d.mempool.remove(p.tx_hash);
    };

    // Returns true when the transaction was included (so the sender's next nonce may follow).
    auto try_include = [&](const PendingTx& p) -> bool {
        const Transaction& tx = *p.tx;
        const std::uint64_t account_nonce = d.state.nonce(p.sender);
        if (tx.nonce < account_nonce) {
            drop(p, DropReason::NonceTooLow,
                 "nonce " + std::to_string(tx.nonce) + " < account nonce " +
                     std::to_string(account_nonce));
            return false;
        }
        if (tx.gas_limit > gas_left || tx.blob_gas() > blob_gas_left) return false;
        if (c.eip1559 && tx.max_fee_per_gas < env.base_fee) {
            if (c.drop_underpriced) {
                drop(p, DropReason::FeeCapBelowBaseFee,
                     "max_fee_per_gas " + to_dec(tx.max_fee_per_gas) + " < base fee " +
                         to_dec(env.base_fee));
            }
            return false;
        }
        if (tx.is_blob_tx() && tx.max_fee_per_blob_gas < env.blob_base_fee) {
            if (c.drop_underpriced) {
                drop(p, DropReason::BlobFeeCapTooLow,
                     "max_fee_per_blob_gas " + to_dec(tx.max_fee_per_blob_gas) +
                         " < blob base fee " + to_dec(env.blob_base_fee));
            }
            return false;
        }
        if (auto r = check_funds(tx, p.sender)) {
            drop(p, r->first, r->second);
            return false;
        }
        const auto tx_index = static_cast<std::uint32_t>(block->transactions.size());
        Receipt receipt = execute(c, d.state, env, p, tx_index);
        for (Log& log : receipt.logs) {
            log.block_number = env.number;
            log.tx_hash = p.tx_hash;
            log.tx_index = tx_index;
            log.log_index = log_index++;
        }
        gas_left -= receipt.gas_used;
        blob_gas_left -= receipt.blob_gas_used;
        d.burned += receipt.fee_burned;
        for (std::size_t i = 0; i < tx.blobs.size(); ++i) {
            const Hash32& h = tx.blob_versioned_hashes[i];
            if (d.withheld.count(h) == 0) d.blobs.insert_or_assign(h, StoredBlob{tx.blobs[i], env.number});
        }
        d.included[p.tx_hash] = {env.number, tx_index};
        block->transactions.push_back(p.tx);
        block->receipts.push_back(std::move(receipt));
        d.mempool.remove(p.tx_hash);
        return true;
    };

    for (std::size_t i : order) {
        const PendingTx& p = candidates[i];
        if (p.tx->nonce > d.state.nonce(p.sender)) {
            deferred[p.sender][p.tx->nonce].push_back(i);
            continue;
        }
        bool included = try_include(p);
        // Release the sender's waiting transactions whose nonce is now current, in policy order.
        while (included) {
            included = false;
            const auto sit = deferred.find(p.sender);
            if (sit == deferred.end()) break;
            const auto nit = sit->second.find(d.state.nonce(p.sender));
            if (nit == sit->second.end()) break;
            const std::vector<std::size_t> waiting = std::move(nit->second);
            sit->second.erase(nit);
            for (std::size_t j : waiting) {
                if (try_include(candidates[j])) {
                    included = true;
                    break;  // the rest share the nonce and will be dropped in a later block
                }
            }
        }
    }

    // Blobs past retention are forgotten (their hashes stay in the transactions).
    for (auto it = d.blobs.begin(); it != d.blobs.end();) {
        if (env.number >= it->second.block_number + c.blob_retention_blocks) {
            it = d.blobs.erase(it);
        } else {
            ++it;
        }
    }

#if L2LAB_VERIFY
    // Conservation: every wei is either in an account or burned, and all of it was minted.
    if (d.state.total_balance() + d.burned != d.minted) {
        throw StateError("L2LAB_VERIFY: balances + burned != minted after block " +
                         std::to_string(env.number));
    }
#endif

    BlockHeader& h = block->header;
    h.number = env.number;
    h.timestamp = env.timestamp;
    h.parent_hash = head().hash;
    h.coinbase = env.coinbase;
    h.base_fee_per_gas = env.base_fee;
    h.gas_limit = c.block_gas_limit;
    h.gas_used = c.block_gas_limit - gas_left;
    h.blob_gas_used = (c.blobs ? c.max_blob_gas_per_block() : 0) - blob_gas_left;
    h.excess_blob_gas = excess;
    h.state_digest = d.state.digest();
    rlp::ListBuilder receipts;
    for (const Receipt& r : block->receipts) {
        receipts.add_encoded(r.encode());
        h.tx_hashes.push_back(r.tx_hash);
    }
    h.receipts_root = crypto::keccak256(receipts.finish());
    block->hash = h.hash();
    block->blob_base_fee = env.blob_base_fee;
    d.blocks.push_back(std::move(block));
    return *d.blocks.back();
}

}  // namespace l2lab::l1
