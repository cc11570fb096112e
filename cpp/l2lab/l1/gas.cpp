#include "l2lab/l1/gas.hpp"

#include <stdexcept>

#include "l2lab/core/error.hpp"

namespace l2lab::l1::gas {

std::uint64_t calldata_tokens(BytesView data) {
    std::uint64_t zeros = 0;
    for (std::uint8_t b : data) zeros += (b == 0);
    const std::uint64_t nonzero = data.size() - zeros;
    return zeros + 4 * nonzero;
}

std::uint64_t intrinsic_gas(BytesView data) {
    return kTxBase + kStandardTokenCost * calldata_tokens(data);
}

std::uint64_t calldata_floor_gas(BytesView data, std::uint64_t floor_per_token) {
    return kTxBase + floor_per_token * calldata_tokens(data);
}

u256 next_base_fee(const u256& parent_base_fee, std::uint64_t parent_gas_used,
                   std::uint64_t parent_gas_target, std::uint64_t denominator) {
    if (parent_gas_target == 0) throw InvalidArgument("next_base_fee: gas target must be > 0");
    if (denominator == 0) throw InvalidArgument("next_base_fee: denominator must be > 0");
    if (parent_gas_used == parent_gas_target) return parent_base_fee;
    // Same operation order as the EIP-1559 reference: multiply first, then two divisions.
    if (parent_gas_used > parent_gas_target) {
        const u256 delta_gas = parent_gas_used - parent_gas_target;
        u256 delta = parent_base_fee * delta_gas / parent_gas_target / denominator;
        if (delta < 1) delta = 1;
        return parent_base_fee + delta;
    }
    const u256 delta_gas = parent_gas_target - parent_gas_used;
    const u256 delta = parent_base_fee * delta_gas / parent_gas_target / denominator;
    return parent_base_fee - delta;
}

u256 fake_exponential(const u256& factor, const u256& numerator, const u256& denominator) {
    if (denominator == 0) throw InvalidArgument("fake_exponential: denominator must be > 0");
    // Intermediates can exceed 256 bits before the division brings them back; use cpp_int.
    using boost::multiprecision::cpp_int;
    const cpp_int num(numerator);
    const cpp_int den(denominator);
    cpp_int i = 1;
    cpp_int output = 0;
    cpp_int accum = cpp_int(factor) * den;
    // The output only grows, so once it passes the largest representable result the answer is
    // known to overflow; stopping here also bounds the work for huge numerator/denominator.
    const cpp_int limit = (cpp_int(u256_max()) + 1) * den;
    while (accum > 0) {
        output += accum;
        if (output >= limit) throw std::overflow_error("fake_exponential: result exceeds 2^256 - 1");
        accum = (accum * num) / (den * i);
        i += 1;
    }
    const cpp_int result = output / den;
    if (result > cpp_int(u256_max())) {
        throw std::overflow_error("fake_exponential: result exceeds 2^256 - 1");
    }
    return u256(result);
}

u256 blob_base_fee(std::uint64_t excess_blob_gas, std::uint64_t update_fraction,
                   std::uint64_t min_base_fee) {
    return fake_exponential(min_base_fee, excess_blob_gas, update_fraction);
}

std::uint64_t next_excess_blob_gas(std::uint64_t parent_excess_blob_gas,
                                   std::uint64_t parent_blob_gas_used,
                                   std::uint64_t target_blob_gas_per_block) {
    const std::uint64_t total = parent_excess_blob_gas + parent_blob_gas_used;
    return total < target_blob_gas_per_block ? 0 : total - target_blob_gas_per_block;
}

std::vector<GasTableRow> gas_table() {
    return {
        {"transaction base", kTxBase, "Yellow Paper G_transaction"},
        {"calldata zero byte", kTxDataZero, "Yellow Paper G_txdatazero"},
        {"calldata non-zero byte", kTxDataNonZero, "EIP-2028"},
        {"calldata standard cost per token", kStandardTokenCost, "EIP-7623"},
        {"calldata floor cost per token", kTotalCostFloorPerToken, "EIP-7623"},
        {"SLOAD (cold)", kColdSload, "EIP-2929"},
        {"SLOAD / storage read (warm)", kWarmStorageRead, "EIP-2929"},
        {"account access (cold)", kColdAccountAccess, "EIP-2929"},
        {"SSTORE set (zero -> non-zero)", kSstoreSet, "EIP-2200"},
        {"SSTORE reset (non-zero -> other)", kSstoreReset, "EIP-2929 (5000 - 2100)"},
        {"SSTORE clear refund", kSstoreClearsRefund, "EIP-3529"},
        {"refund cap divisor (gas_used / 5)", kMaxRefundQuotient, "EIP-3529"},
        {"ecrecover precompile", kEcrecover, "Yellow Paper precompile 0x01"},
        {"KECCAK256 base", kKeccakBase, "Yellow Paper G_keccak256"},
        {"KECCAK256 per word", kKeccakWord, "Yellow Paper G_keccak256word"},
        {"SHA-256 precompile base", kSha256Base, "Yellow Paper precompile 0x02"},
        {"SHA-256 precompile per word", kSha256Word, "Yellow Paper precompile 0x02"},
        {"LOG base", kLogBase, "Yellow Paper G_log"},
        {"LOG per topic", kLogTopic, "Yellow Paper G_logtopic"},
        {"LOG per data byte", kLogDataByte, "Yellow Paper G_logdata"},
        {"CALL value transfer", kCallValueTransfer, "Yellow Paper G_callvalue"},
        {"CALL to new account", kCallNewAccount, "Yellow Paper G_newaccount / EIP-161"},
        {"SELFBALANCE", kSelfBalance, "EIP-1884"},
        {"BLOBHASH", kBlobHash, "EIP-4844"},
        {"native contract call overhead", kNativeCallOverhead, "l2lab model"},
        {"native contract calldata per word", kNativeCalldataWord, "l2lab model (G_copy)"},
        {"gas per blob", kGasPerBlob, "EIP-4844"},
        {"initial base fee (wei)", kInitialBaseFee, "EIP-1559"},
        {"block gas limit (default)", kDefaultBlockGasLimit, "Ethereum mainnet 2021-2025"},
    };
}

void GasMeter::charge(std::uint64_t amount) {
    if (amount > left()) {
        const std::uint64_t was_left = left();
        m_used = m_limit;
        throw OutOfGas{amount, was_left};
    }
    m_used += amount;
}

}  // namespace l2lab::l1::gas
