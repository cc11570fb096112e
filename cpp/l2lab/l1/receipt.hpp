#pragma once
/// \file receipt.hpp
/// Outcomes of transactions: receipts for included ones, typed drop reasons for refused ones, logs
/// and log filters.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/core/u256.hpp"

namespace l2lab::l1 {

/// How an included transaction ended. Gas is charged in every case.
enum class TxStatus : std::uint8_t {
    Success,   ///< all effects applied
    Reverted,  ///< the contract reverted: effects rolled back, gas used so far charged
    OutOfGas,  ///< gas ran out: effects rolled back, the whole gas limit charged
};
/// Stable name: "success", "reverted", "out_of_gas".
std::string_view tx_status_name(TxStatus s);

/// Why a transaction was dropped from the mempool (never included). Stable names: see
/// drop_reason_name().
enum class DropReason : std::uint8_t {
    InvalidSignature,      ///< signature malformed or the sender does not recover
    WrongChainId,          ///< chain_id differs from the chain's
    NonceTooLow,           ///< nonce below the sender's account nonce (already used)
    InsufficientFunds,     ///< balance < gas_limit*max_fee + value (+ blob_gas*max_fee_per_blob_gas)
    IntrinsicGasTooLow,    ///< gas_limit < max(intrinsic gas, EIP-7623 floor)
    GasLimitAboveBlock,    ///< gas_limit > block gas limit: can never be included
    TipAboveFeeCap,        ///< max_priority_fee_per_gas > max_fee_per_gas (EIP-1559)
    FeeCapBelowBaseFee,    ///< max_fee_per_gas < base fee (only with ChainConfig::drop_underpriced)
    BlobsDisabled,         ///< blob transaction on a chain without EIP-4844
    BlobCountInvalid,      ///< more than the per-block max blobs
    BlobSidecarMismatch,   ///< sidecar missing, wrong count, or a blob not matching its hash
    BlobVersionInvalid,    ///< a versioned hash whose first byte is not 0x01
    BlobFeeCapTooLow,      ///< max_fee_per_blob_gas < blob base fee (only with drop_underpriced)
    DuplicateTransaction,  ///< same hash already pending or included
    ReplacedByPolicy,      ///< removed by the inclusion policy (custom policies only)
};
/// Stable snake_case name, e.g. "nonce_too_low".
std::string_view drop_reason_name(DropReason r);

/// An event emitted by a contract.
struct Log {
    Address address;              ///< emitting contract
    std::vector<Hash32> topics;   ///< 0..4 topics (topic0 is conventionally the event signature)
    Bytes data;
    std::uint64_t block_number = 0;
    Hash32 tx_hash;
    std::uint32_t tx_index = 0;   ///< index of the transaction in its block
    std::uint32_t log_index = 0;  ///< index of the log in its block

    bool operator==(const Log&) const = default;
};

/// Result of an included transaction.
struct Receipt {
    Hash32 tx_hash;
    Address sender;
    Address to;
    TxStatus status = TxStatus::Success;
    std::string revert_reason;          ///< set when status == Reverted (may be empty)
    std::uint64_t gas_used = 0;         ///< after refund and EIP-7623 floor; what was paid for
    std::uint64_t gas_refunded = 0;     ///< EIP-3529 refund already subtracted from gas_used
    u256 effective_gas_price = 0;       ///< wei per gas: min(max_fee, base_fee + max_priority)
    std::uint64_t blob_gas_used = 0;
    u256 blob_gas_price = 0;            ///< wei per blob gas (the block's blob base fee)
    u256 fee_burned = 0;                ///< gas_used * base_fee + blob_gas_used * blob_gas_price
    u256 priority_fee_paid = 0;         ///< to the block's coinbase
    std::vector<Log> logs;              ///< empty unless status == Success
    Bytes return_data;                  ///< what the contract returned (empty for transfers)
    std::uint64_t block_number = 0;
    std::uint32_t tx_index = 0;

    bool success() const noexcept { return status == TxStatus::Success; }
    /// Canonical RLP (hashed into the block's receipts root).
    Bytes encode() const;
};

/// A transaction refused without inclusion. Nothing about the chain state changed.
struct DroppedTx {
    Hash32 tx_hash;
    std::optional<Address> sender;  ///< nullopt when the signature did not recover
    DropReason reason = DropReason::InvalidSignature;
    std::string detail;             ///< human-readable specifics (expected vs got)
    std::uint64_t block_number = 0; ///< block being built when dropped (head + 1 at submit)
};

/// Selects logs. Empty vectors match anything. Within one topic position the listed values are
/// alternatives (OR); positions combine with AND (as eth_getLogs).
struct LogFilter {
    std::vector<Address> addresses;
    std::array<std::vector<Hash32>, 4> topics;
    std::uint64_t from_block = 0;
    std::optional<std::uint64_t> to_block;  ///< inclusive; nullopt = head

    /// True when `log` passes the address and topic criteria (block range not checked).
    bool matches(const Log& log) const;
};

}  // namespace l2lab::l1
