#pragma once
/// \file gas.hpp
/// Ethereum's gas schedule as used by the simulated L1, the gas meter contracts charge through, and
/// the fee-market formulas (EIP-1559 base fee, EIP-4844/EIP-7691 blob base fee).
///
/// Every constant names the EIP (or Yellow Paper symbol) it comes from and is pinned by
/// tests/cpp/l1_gas_test.cpp. Constants marked "l2lab model" are our own choice for native
/// contracts, which have no EVM bytecode; each says what it stands for.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/u256.hpp"

namespace l2lab::l1::gas {

// ---- transaction intrinsic gas --------------------------------------------------------------

/// Base cost of every transaction. Yellow Paper G_transaction; EIP-2028 keeps it.
inline constexpr std::uint64_t kTxBase = 21'000;
/// Calldata cost per zero byte. Yellow Paper G_txdatazero.
inline constexpr std::uint64_t kTxDataZero = 4;
/// Calldata cost per non-zero byte. EIP-2028 (lowered from 68).
inline constexpr std::uint64_t kTxDataNonZero = 16;
/// Gas per calldata token in the standard cost; tokens = zero_bytes + 4 * nonzero_bytes.
/// EIP-7623 STANDARD_TOKEN_COST.
inline constexpr std::uint64_t kStandardTokenCost = 4;
/// Floor cost per calldata token. EIP-7623 TOTAL_COST_FLOOR_PER_TOKEN (configurable per chain).
inline constexpr std::uint64_t kTotalCostFloorPerToken = 10;

// ---- storage (EIP-2929 access lists, EIP-2200 net metering, EIP-3529 refunds) ---------------

/// First (cold) read of a storage slot in a transaction. EIP-2929 COLD_SLOAD_COST.
inline constexpr std::uint64_t kColdSload = 2'100;
/// Read of an already accessed (warm) slot or account. EIP-2929 WARM_STORAGE_READ_COST.
inline constexpr std::uint64_t kWarmStorageRead = 100;
/// First access of an account (CALL, BALANCE) in a transaction. EIP-2929 COLD_ACCOUNT_ACCESS_COST.
inline constexpr std::uint64_t kColdAccountAccess = 2'600;
/// SSTORE of a clean slot from zero to non-zero. EIP-2200 SSTORE_SET_GAS.
inline constexpr std::uint64_t kSstoreSet = 20'000;
/// SSTORE of a clean non-zero slot. EIP-2929: SSTORE_RESET_GAS = 5000 - COLD_SLOAD_COST = 2900.
inline constexpr std::uint64_t kSstoreReset = 2'900;
/// Refund for clearing a slot to zero. EIP-3529 SSTORE_CLEARS_SCHEDULE
/// (= SSTORE_RESET_GAS + ACCESS_LIST_STORAGE_KEY_COST = 2900 + 1900).
inline constexpr std::uint64_t kSstoreClearsRefund = 4'800;
/// SSTORE fails when no more than this much gas is left. EIP-2200 call stipend sentry.
inline constexpr std::uint64_t kSstoreSentry = 2'300;
/// Refunds are capped at gas_used / kMaxRefundQuotient. EIP-3529 MAX_REFUND_QUOTIENT.
inline constexpr std::uint64_t kMaxRefundQuotient = 5;

// ---- precompiles and hashing ----------------------------------------------------------------

/// ecrecover precompile (address 0x01). Yellow Paper / Byzantium precompile gas.
inline constexpr std::uint64_t kEcrecover = 3'000;
/// KECCAK256 opcode base cost. Yellow Paper G_keccak256.
inline constexpr std::uint64_t kKeccakBase = 30;
/// KECCAK256 cost per 32-byte word (rounded up). Yellow Paper G_keccak256word.
inline constexpr std::uint64_t kKeccakWord = 6;
/// SHA-256 precompile (address 0x02) base cost. Yellow Paper, precompile 0x02.
inline constexpr std::uint64_t kSha256Base = 60;
/// SHA-256 precompile cost per 32-byte word (rounded up).
inline constexpr std::uint64_t kSha256Word = 12;

// ---- logs -----------------------------------------------------------------------------------

/// LOGn base cost. Yellow Paper G_log.
inline constexpr std::uint64_t kLogBase = 375;
/// LOGn cost per topic. Yellow Paper G_logtopic.
inline constexpr std::uint64_t kLogTopic = 375;
/// LOGn cost per data byte. Yellow Paper G_logdata.
inline constexpr std::uint64_t kLogDataByte = 8;
/// LOG0..LOG4: at most this many topics. Yellow Paper.
inline constexpr std::size_t kMaxLogTopics = 4;

// ---- calls and value ------------------------------------------------------------------------

/// CALL with non-zero value. Yellow Paper G_callvalue.
inline constexpr std::uint64_t kCallValueTransfer = 9'000;
/// CALL with value to an empty account (creates it). Yellow Paper G_newaccount, EIP-161 "empty".
inline constexpr std::uint64_t kCallNewAccount = 25'000;
/// SELFBALANCE opcode. EIP-1884.
inline constexpr std::uint64_t kSelfBalance = 5;
/// BLOBHASH opcode. EIP-4844 HASH_OPCODE_GAS.
inline constexpr std::uint64_t kBlobHash = 3;
/// Maximum nested call depth. Yellow Paper (1024).
inline constexpr std::uint32_t kMaxCallDepth = 1'024;

/// l2lab model: charged on entry to every native contract call (top-level or nested). Stands for
/// the EVM work a compact Solidity contract does before its first storage access: ABI dispatch,
/// calldata loading, stack/memory set-up and return (~40 cheap opcodes at 3 gas, plus the initial
/// memory expansion). Not from an EIP.
inline constexpr std::uint64_t kNativeCallOverhead = 200;
/// l2lab model: per 32-byte word of calldata handed to a native contract, standing for
/// CALLDATACOPY's copy cost (Yellow Paper G_copy = 3 per word).
inline constexpr std::uint64_t kNativeCalldataWord = 3;

// ---- EIP-1559 fee market ---------------------------------------------------------------------

/// Base fee of the first block after activation (wei per gas). EIP-1559 INITIAL_BASE_FEE.
inline constexpr std::uint64_t kInitialBaseFee = 1'000'000'000;
/// gas target = gas limit / elasticity. EIP-1559 ELASTICITY_MULTIPLIER.
inline constexpr std::uint64_t kElasticityMultiplier = 2;
/// Base fee changes by at most 1/8 per block. EIP-1559 BASE_FEE_MAX_CHANGE_DENOMINATOR.
inline constexpr std::uint64_t kBaseFeeMaxChangeDenominator = 8;
/// Default block gas limit: Ethereum mainnet's 30,000,000 (from the London fork until the
/// 2025 raises to 36M/45M). Not an EIP constant; a deployment value.
inline constexpr std::uint64_t kDefaultBlockGasLimit = 30'000'000;

// ---- EIP-4844 / EIP-7691 blobs ----------------------------------------------------------------

/// Field elements per blob. EIP-4844 FIELD_ELEMENTS_PER_BLOB.
inline constexpr std::uint64_t kFieldElementsPerBlob = 4'096;
/// Bytes per field element. EIP-4844 (BLS12-381 scalar, 32 bytes).
inline constexpr std::uint64_t kBytesPerFieldElement = 32;
/// Bytes per blob = 4096 * 32 = 131,072. EIP-4844.
inline constexpr std::uint64_t kBytesPerBlob = kFieldElementsPerBlob * kBytesPerFieldElement;
/// Blob gas per blob, 2^17. EIP-4844 GAS_PER_BLOB.
inline constexpr std::uint64_t kGasPerBlob = 1ULL << 17;
/// Target blobs per block. EIP-7691 (Prague) BLOB_TARGET = 6 (was 3 in EIP-4844).
inline constexpr std::uint64_t kTargetBlobsPerBlock = 6;
/// Maximum blobs per block. EIP-7691 (Prague) MAX_BLOBS = 9 (was 6 in EIP-4844).
inline constexpr std::uint64_t kMaxBlobsPerBlock = 9;
/// Blob base fee update fraction. EIP-7691 (Prague) BLOB_BASE_FEE_UPDATE_FRACTION_PRAGUE.
inline constexpr std::uint64_t kBlobBaseFeeUpdateFraction = 5'007'716;
/// Minimum blob base fee (wei per blob gas). EIP-4844 MIN_BASE_FEE_PER_BLOB_GAS.
inline constexpr std::uint64_t kMinBaseFeePerBlobGas = 1;
/// First byte of a KZG versioned hash. EIP-4844 VERSIONED_HASH_VERSION_KZG.
inline constexpr std::uint8_t kVersionedHashVersionKzg = 0x01;
/// Default blob retention in blocks: 4096 epochs x 32 slots = 131,072 blocks (~18 days).
/// Deneb consensus spec MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS, SLOTS_PER_EPOCH.
inline constexpr std::uint64_t kDefaultBlobRetentionBlocks = 4'096 * 32;

// ---- formulas -------------------------------------------------------------------------------

/// Number of 32-byte words needed for `bytes` bytes (rounded up).
constexpr std::uint64_t words(std::uint64_t bytes) { return (bytes + 31) / 32; }

/// Calldata token count, EIP-7623: zero_bytes + 4 * nonzero_bytes.
std::uint64_t calldata_tokens(BytesView data);

/// Standard intrinsic gas of a transaction with calldata `data` (no contract creation, no
/// access list): 21000 + 4 per zero byte + 16 per non-zero byte (EIP-2028).
std::uint64_t intrinsic_gas(BytesView data);

/// EIP-7623 floor: 21000 + floor_per_token * calldata_tokens(data).
std::uint64_t calldata_floor_gas(BytesView data,
                                 std::uint64_t floor_per_token = kTotalCostFloorPerToken);

/// Keccak-256 of `bytes` bytes: 30 + 6 per word.
constexpr std::uint64_t keccak_cost(std::uint64_t bytes) { return kKeccakBase + kKeccakWord * words(bytes); }
/// SHA-256 precompile on `bytes` bytes: 60 + 12 per word.
constexpr std::uint64_t sha256_cost(std::uint64_t bytes) { return kSha256Base + kSha256Word * words(bytes); }
/// LOG with `topics` topics and `data_bytes` bytes of data: 375 + 375 * topics + 8 * bytes.
constexpr std::uint64_t log_cost(std::uint64_t topics, std::uint64_t data_bytes) {
    return kLogBase + kLogTopic * topics + kLogDataByte * data_bytes;
}

/// EIP-1559 base fee of the block after a parent with `parent_gas_used` out of target
/// `parent_gas_target` (= gas limit / elasticity). Increases by at least 1 wei when above target.
/// Throws InvalidArgument when parent_gas_target or denominator is 0.
u256 next_base_fee(const u256& parent_base_fee, std::uint64_t parent_gas_used,
                   std::uint64_t parent_gas_target,
                   std::uint64_t denominator = kBaseFeeMaxChangeDenominator);

/// EIP-4844 fake_exponential(factor, numerator, denominator): the integer Taylor-series
/// approximation of factor * e^(numerator / denominator), computed exactly as in the EIP.
/// Throws InvalidArgument when denominator is 0; std::overflow_error when the result exceeds
/// 2^256 - 1 (intermediates are unbounded).
u256 fake_exponential(const u256& factor, const u256& numerator, const u256& denominator);

/// Blob base fee for `excess_blob_gas`: fake_exponential(MIN_BASE_FEE_PER_BLOB_GAS, excess,
/// update_fraction). EIP-4844 get_base_fee_per_blob_gas with EIP-7691's fraction by default.
u256 blob_base_fee(std::uint64_t excess_blob_gas,
                   std::uint64_t update_fraction = kBlobBaseFeeUpdateFraction,
                   std::uint64_t min_base_fee = kMinBaseFeePerBlobGas);

/// EIP-4844 calc_excess_blob_gas: max(0, parent_excess + parent_blob_gas_used - target_blob_gas).
std::uint64_t next_excess_blob_gas(std::uint64_t parent_excess_blob_gas,
                                   std::uint64_t parent_blob_gas_used,
                                   std::uint64_t target_blob_gas_per_block);

/// One row of the schedule table.
struct GasTableRow {
    std::string name;    ///< what is charged, e.g. "SLOAD (cold)"
    std::uint64_t gas;   ///< gas units
    std::string source;  ///< where the figure comes from, e.g. "EIP-2929"
};

/// The whole schedule above as rows, in a stable order (for demos and docs).
std::vector<GasTableRow> gas_table();

// ---- the meter --------------------------------------------------------------------------------

/// Thrown by GasMeter::charge when the limit would be exceeded. Not an l2lab::Error and not a
/// std::exception on purpose: contract code must let it propagate (a `catch (std::exception&)`
/// in a contract does not swallow it). The chain turns it into an out_of_gas receipt.
struct OutOfGas {
    std::uint64_t needed;  ///< gas the failed charge asked for
    std::uint64_t left;    ///< gas that was left
};

/// Counts gas against a limit and tracks the refund counter (EIP-3529). One per transaction.
class GasMeter {
public:
    /// A meter with `limit` gas available.
    explicit GasMeter(std::uint64_t limit) : m_limit(limit) {}

    /// Consume `amount`. Throws OutOfGas (and consumes everything) when amount > left().
    void charge(std::uint64_t amount);
    /// Gas consumed so far (== limit() after an out-of-gas).
    std::uint64_t used() const noexcept { return m_used; }
    /// Gas still available.
    std::uint64_t left() const noexcept { return m_limit - m_used; }
    std::uint64_t limit() const noexcept { return m_limit; }

    /// Adjust the refund counter (may go down within a transaction, EIP-2200 dirty-slot rules).
    void add_refund(std::int64_t delta) noexcept { m_refund += delta; }
    /// Current refund counter (can be transiently negative while a transaction runs).
    std::int64_t refund() const noexcept { return m_refund; }
    /// Set the refund counter (used when a call frame is rolled back).
    void set_refund(std::int64_t value) noexcept { m_refund = value; }

private:
    std::uint64_t m_limit;
    std::uint64_t m_used = 0;
    std::int64_t m_refund = 0;
};

}  // namespace l2lab::l1::gas
