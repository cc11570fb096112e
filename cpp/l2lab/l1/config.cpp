#include "l2lab/l1/config.hpp"

#include <limits>

#include "l2lab/core/error.hpp"

namespace l2lab::l1 {

Address ChainConfig::default_coinbase() {
    Address a;
    a.bytes[17] = 0xc0;
    a.bytes[18] = 0xff;
    a.bytes[19] = 0xee;
    return a;
}

void ChainConfig::validate() const {
    if (block_time == 0) throw InvalidArgument("ChainConfig.block_time must be > 0 seconds");
    if (block_gas_limit < gas::kTxBase) {
        throw InvalidArgument("ChainConfig.block_gas_limit must be >= 21000 (one transfer)");
    }
    if (elasticity_multiplier == 0) {
        throw InvalidArgument("ChainConfig.elasticity_multiplier must be > 0");
    }
    if (block_gas_limit / elasticity_multiplier == 0) {
        throw InvalidArgument("ChainConfig: block_gas_limit / elasticity_multiplier must be > 0");
    }
    if (base_fee_max_change_denominator == 0) {
        throw InvalidArgument("ChainConfig.base_fee_max_change_denominator must be > 0");
    }
    if (blob_base_fee_update_fraction == 0) {
        throw InvalidArgument("ChainConfig.blob_base_fee_update_fraction must be > 0");
    }
    if (target_blobs_per_block > max_blobs_per_block) {
        throw InvalidArgument("ChainConfig.target_blobs_per_block must be <= max_blobs_per_block");
    }
    if (max_blobs_per_block > std::numeric_limits<std::uint64_t>::max() / gas::kGasPerBlob / 4) {
        throw InvalidArgument("ChainConfig.max_blobs_per_block is too large");
    }
    if (calldata_floor_per_token > 1'000'000) {
        throw InvalidArgument("ChainConfig.calldata_floor_per_token must be <= 1,000,000");
    }
    // Timestamps are u64 seconds; leave headroom so that producing blocks cannot overflow.
    if (genesis_timestamp > (std::numeric_limits<std::uint64_t>::max() >> 2)) {
        throw InvalidArgument("ChainConfig.genesis_timestamp is too large");
    }
}

}  // namespace l2lab::l1
