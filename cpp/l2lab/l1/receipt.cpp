#include "l2lab/l1/receipt.hpp"

#include <algorithm>

#include "l2lab/core/rlp.hpp"

namespace l2lab::l1 {

std::string_view tx_status_name(TxStatus s) {
    switch (s) {
        case TxStatus::Success: return "success";
        case TxStatus::Reverted: return "reverted";
        case TxStatus::OutOfGas: return "out_of_gas";
    }
    return "unknown";
}

std::string_view drop_reason_name(DropReason r) {
    switch (r) {
        case DropReason::InvalidSignature: return "invalid_signature";
        case DropReason::WrongChainId: return "wrong_chain_id";
        case DropReason::NonceTooLow: return "nonce_too_low";
        case DropReason::InsufficientFunds: return "insufficient_funds";
        case DropReason::IntrinsicGasTooLow: return "intrinsic_gas_too_low";
        case DropReason::GasLimitAboveBlock: return "gas_limit_above_block";
        case DropReason::TipAboveFeeCap: return "tip_above_fee_cap";
        case DropReason::FeeCapBelowBaseFee: return "fee_cap_below_base_fee";
        case DropReason::BlobsDisabled: return "blobs_disabled";
        case DropReason::BlobCountInvalid: return "blob_count_invalid";
        case DropReason::BlobSidecarMismatch: return "blob_sidecar_mismatch";
        case DropReason::BlobVersionInvalid: return "blob_version_invalid";
        case DropReason::BlobFeeCapTooLow: return "blob_fee_cap_too_low";
        case DropReason::DuplicateTransaction: return "duplicate_transaction";
        case DropReason::ReplacedByPolicy: return "replaced_by_policy";
    }
    return "unknown";
}

Bytes Receipt::encode() const {
    rlp::ListBuilder logs_list;
    for (const Log& log : logs) {
        rlp::ListBuilder topics;
        for (const Hash32& t : log.topics) topics.add_hash(t);
        rlp::ListBuilder one;
        one.add_address(log.address).add_encoded(topics.finish()).add_bytes(log.data);
        logs_list.add_encoded(one.finish());
    }
    rlp::ListBuilder b;
    b.add_hash(tx_hash)
        .add_address(sender)
        .add_address(to)
        .add_u64(static_cast<std::uint64_t>(status))
        .add_bytes(as_bytes(revert_reason))
        .add_u64(gas_used)
        .add_u64(gas_refunded)
        .add_u256(effective_gas_price)
        .add_u64(blob_gas_used)
        .add_u256(blob_gas_price)
        .add_u256(fee_burned)
        .add_u256(priority_fee_paid)
        .add_encoded(logs_list.finish())
        .add_bytes(return_data)
        .add_u64(block_number)
        .add_u64(tx_index);
    return b.finish();
}

bool LogFilter::matches(const Log& log) const {
    if (!addresses.empty() &&
        std::find(addresses.begin(), addresses.end(), log.address) == addresses.end()) {
        return false;
    }
    for (std::size_t i = 0; i < topics.size(); ++i) {
        if (topics[i].empty()) continue;
        if (i >= log.topics.size()) return false;
        if (std::find(topics[i].begin(), topics[i].end(), log.topics[i]) == topics[i].end()) {
            return false;
        }
    }
    return true;
}

}  // namespace l2lab::l1
