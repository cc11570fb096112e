#pragma once
/// \file config.hpp
/// Parameters of a simulated L1 chain. Defaults are Ethereum mainnet (Prague) values; each names
/// its source.

#include <cstdint>

#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/core/u256.hpp"
#include "l2lab/l1/gas.hpp"

namespace l2lab::l1 {

struct ChainConfig {
    /// Chain id, signed into every transaction (EIP-155 replay protection). 1337: geth --dev.
    std::uint64_t chain_id = 1337;
    /// Seconds between blocks. Ethereum post-merge SECONDS_PER_SLOT = 12.
    std::uint64_t block_time = 12;
    /// Timestamp (seconds) of block 0. An arbitrary fixed instant (2023-11-14T22:13:20Z) so runs
    /// are reproducible; nothing reads the wall clock.
    std::uint64_t genesis_timestamp = 1'700'000'000;
    /// Gas per block. Default 30,000,000: Ethereum mainnet's limit from London until 2025.
    std::uint64_t block_gas_limit = gas::kDefaultBlockGasLimit;
    /// Receives priority fees (tips). Any address; default 0x…c0ffee.
    Address coinbase = default_coinbase();

    // ---- EIP-1559 ----
    /// On: base fee starts at initial_base_fee, moves with gas used vs target, is burned; tips go
    /// to the coinbase. Off: base fee 0, every transaction pays max_fee_per_gas to the coinbase.
    bool eip1559 = true;
    /// EIP-1559 INITIAL_BASE_FEE = 1 gwei (wei per gas), base fee of block 1.
    u256 initial_base_fee = gas::kInitialBaseFee;
    /// EIP-1559 ELASTICITY_MULTIPLIER = 2 (gas target = limit / 2).
    std::uint64_t elasticity_multiplier = gas::kElasticityMultiplier;
    /// EIP-1559 BASE_FEE_MAX_CHANGE_DENOMINATOR = 8.
    std::uint64_t base_fee_max_change_denominator = gas::kBaseFeeMaxChangeDenominator;

    // ---- EIP-7623 ----
    /// On: gas used = max(standard gas, 21000 + floor_per_token * calldata tokens).
    bool eip7623 = true;
    /// EIP-7623 TOTAL_COST_FLOOR_PER_TOKEN = 10.
    std::uint64_t calldata_floor_per_token = gas::kTotalCostFloorPerToken;

    // ---- EIP-4844 / EIP-7691 ----
    /// Accept blob transactions.
    bool blobs = true;
    /// EIP-7691 (Prague) target blobs per block = 6.
    std::uint64_t target_blobs_per_block = gas::kTargetBlobsPerBlock;
    /// EIP-7691 (Prague) max blobs per block = 9 (also the per-transaction cap).
    std::uint64_t max_blobs_per_block = gas::kMaxBlobsPerBlock;
    /// EIP-7691 (Prague) BLOB_BASE_FEE_UPDATE_FRACTION = 5,007,716.
    std::uint64_t blob_base_fee_update_fraction = gas::kBlobBaseFeeUpdateFraction;
    /// EIP-4844 MIN_BASE_FEE_PER_BLOB_GAS = 1 wei.
    u256 min_base_fee_per_blob_gas = gas::kMinBaseFeePerBlobGas;
    /// Blocks a blob's data stays retrievable after its block. Default 131,072 (Deneb
    /// MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS 4096 x SLOTS_PER_EPOCH 32).
    std::uint64_t blob_retention_blocks = gas::kDefaultBlobRetentionBlocks;

    // ---- mempool ----
    /// false (default, like geth): a transaction whose fee cap is below the current base fee (or
    /// blob fee cap below the blob base fee) waits in the mempool. true: it is dropped with
    /// FeeCapBelowBaseFee / BlobFeeCapTooLow.
    bool drop_underpriced = false;

    /// Throws InvalidArgument naming the field when a value is unusable: block_time 0,
    /// block_gas_limit < 21000, elasticity or denominator 0, target > max blobs, blob update
    /// fraction 0, max blobs so large that blob gas overflows 64 bits.
    void validate() const;

    /// gas target = block_gas_limit / elasticity_multiplier (EIP-1559).
    std::uint64_t gas_target() const noexcept { return block_gas_limit / elasticity_multiplier; }
    /// target_blobs_per_block * GAS_PER_BLOB.
    std::uint64_t target_blob_gas_per_block() const noexcept {
        return target_blobs_per_block * gas::kGasPerBlob;
    }
    /// max_blobs_per_block * GAS_PER_BLOB.
    std::uint64_t max_blob_gas_per_block() const noexcept {
        return max_blobs_per_block * gas::kGasPerBlob;
    }

    static Address default_coinbase();
};

}  // namespace l2lab::l1
