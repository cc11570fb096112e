// The gas schedule and fee-market formulas, pinned to the numbers in the EIPs.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <boost/multiprecision/cpp_int.hpp>

#include "l2lab/core/error.hpp"
#include "l2lab/l1/config.hpp"
#include "l2lab/l1/execution.hpp"
#include "l2lab/l1/gas.hpp"

using namespace l2lab;
using namespace l2lab::l1;
namespace g = l2lab::l1::gas;

TEST(L1Gas, ConstantsMatchTheirEips) {
    EXPECT_EQ(g::kTxBase, 21000u);              // Yellow Paper G_transaction
    EXPECT_EQ(g::kTxDataZero, 4u);              // Yellow Paper G_txdatazero
    EXPECT_EQ(g::kTxDataNonZero, 16u);          // EIP-2028
    EXPECT_EQ(g::kStandardTokenCost, 4u);       // EIP-7623
    EXPECT_EQ(g::kTotalCostFloorPerToken, 10u); // EIP-7623
    EXPECT_EQ(g::kColdSload, 2100u);            // EIP-2929
    EXPECT_EQ(g::kWarmStorageRead, 100u);       // EIP-2929
    EXPECT_EQ(g::kColdAccountAccess, 2600u);    // EIP-2929
    EXPECT_EQ(g::kSstoreSet, 20000u);           // EIP-2200
    EXPECT_EQ(g::kSstoreReset, 2900u);          // EIP-2929 (5000 - 2100)
    EXPECT_EQ(g::kSstoreClearsRefund, 4800u);   // EIP-3529 (2900 + 1900)
    EXPECT_EQ(g::kSstoreSentry, 2300u);         // EIP-2200
    EXPECT_EQ(g::kMaxRefundQuotient, 5u);       // EIP-3529
    EXPECT_EQ(g::kEcrecover, 3000u);
    EXPECT_EQ(g::kKeccakBase, 30u);
    EXPECT_EQ(g::kKeccakWord, 6u);
    EXPECT_EQ(g::kSha256Base, 60u);
    EXPECT_EQ(g::kSha256Word, 12u);
    EXPECT_EQ(g::kLogBase, 375u);
    EXPECT_EQ(g::kLogTopic, 375u);
    EXPECT_EQ(g::kLogDataByte, 8u);
    EXPECT_EQ(g::kCallValueTransfer, 9000u);
    EXPECT_EQ(g::kCallNewAccount, 25000u);
    EXPECT_EQ(g::kSelfBalance, 5u);             // EIP-1884
    EXPECT_EQ(g::kBlobHash, 3u);                // EIP-4844 HASH_OPCODE_GAS
    EXPECT_EQ(g::kMaxCallDepth, 1024u);
    EXPECT_EQ(g::kInitialBaseFee, 1'000'000'000u);  // EIP-1559
    EXPECT_EQ(g::kElasticityMultiplier, 2u);        // EIP-1559
    EXPECT_EQ(g::kBaseFeeMaxChangeDenominator, 8u); // EIP-1559
    EXPECT_EQ(g::kDefaultBlockGasLimit, 30'000'000u);
    EXPECT_EQ(g::kFieldElementsPerBlob, 4096u);     // EIP-4844
    EXPECT_EQ(g::kBytesPerFieldElement, 32u);       // EIP-4844
    EXPECT_EQ(g::kBytesPerBlob, 131072u);           // EIP-4844
    EXPECT_EQ(g::kGasPerBlob, 131072u);             // EIP-4844: 2**17
    EXPECT_EQ(g::kTargetBlobsPerBlock, 6u);         // EIP-7691
    EXPECT_EQ(g::kMaxBlobsPerBlock, 9u);            // EIP-7691
    EXPECT_EQ(g::kBlobBaseFeeUpdateFraction, 5'007'716u);  // EIP-7691
    EXPECT_EQ(g::kMinBaseFeePerBlobGas, 1u);        // EIP-4844
    EXPECT_EQ(g::kVersionedHashVersionKzg, 0x01);   // EIP-4844
    EXPECT_EQ(g::kDefaultBlobRetentionBlocks, 131072u);  // Deneb: 4096 epochs * 32 slots
}

TEST(L1Gas, DefaultConfigUsesTheEipValues) {
    const ChainConfig c;
    EXPECT_EQ(c.block_time, 12u);
    EXPECT_EQ(c.block_gas_limit, 30'000'000u);
    EXPECT_TRUE(c.eip1559);
    EXPECT_EQ(c.initial_base_fee, u256(1'000'000'000));
    EXPECT_EQ(c.elasticity_multiplier, 2u);
    EXPECT_EQ(c.base_fee_max_change_denominator, 8u);
    EXPECT_TRUE(c.eip7623);
    EXPECT_EQ(c.calldata_floor_per_token, 10u);
    EXPECT_EQ(c.target_blobs_per_block, 6u);
    EXPECT_EQ(c.max_blobs_per_block, 9u);
    EXPECT_EQ(c.target_blob_gas_per_block(), 786'432u);  // EIP-7691 TARGET_BLOB_GAS_PER_BLOCK
    EXPECT_EQ(c.max_blob_gas_per_block(), 1'179'648u);   // EIP-7691 MAX_BLOB_GAS_PER_BLOCK
    EXPECT_EQ(c.blob_base_fee_update_fraction, 5'007'716u);
    EXPECT_EQ(c.min_base_fee_per_blob_gas, u256(1));
    EXPECT_EQ(c.gas_target(), 15'000'000u);
    EXPECT_NO_THROW(c.validate());
}

TEST(L1Gas, ConfigValidationNamesTheField) {
    ChainConfig c;
    c.block_time = 0;
    try {
        c.validate();
        FAIL() << "block_time 0 accepted";
    } catch (const InvalidArgument& e) {
        EXPECT_NE(std::string(e.what()).find("block_time"), std::string::npos);
    }
    ChainConfig d;
    d.target_blobs_per_block = 10;
    EXPECT_THROW(d.validate(), InvalidArgument);
    ChainConfig e;
    e.block_gas_limit = 20'999;
    EXPECT_THROW(e.validate(), InvalidArgument);
}

// Calldata figures worked out by hand from EIP-2028 and EIP-7623.
TEST(L1Gas, CalldataFiguresForKnownInputs) {
    const Bytes empty;
    const Bytes nonzero100(100, 0xff);
    const Bytes zero100(100, 0x00);
    Bytes mixed(10, 0x00);
    mixed.insert(mixed.end(), 5, 0x01);

    EXPECT_EQ(g::intrinsic_gas(empty), 21000u);
    EXPECT_EQ(g::calldata_floor_gas(empty), 21000u);

    EXPECT_EQ(g::calldata_tokens(nonzero100), 400u);
    EXPECT_EQ(g::intrinsic_gas(nonzero100), 21000u + 100 * 16);  // 22,600
    EXPECT_EQ(g::calldata_floor_gas(nonzero100), 21000u + 400 * 10);  // 25,000: floor binds

    EXPECT_EQ(g::calldata_tokens(zero100), 100u);
    EXPECT_EQ(g::intrinsic_gas(zero100), 21000u + 100 * 4);  // 21,400
    EXPECT_EQ(g::calldata_floor_gas(zero100), 22000u);

    EXPECT_EQ(g::calldata_tokens(mixed), 10u + 4 * 5);
    EXPECT_EQ(g::intrinsic_gas(mixed), 21000u + 10 * 4 + 5 * 16);
    EXPECT_EQ(g::calldata_floor_gas(mixed, 12), 21000u + 12 * 30);
}

TEST(L1Gas, HashAndLogCosts) {
    EXPECT_EQ(g::keccak_cost(0), 30u);
    EXPECT_EQ(g::keccak_cost(1), 36u);
    EXPECT_EQ(g::keccak_cost(32), 36u);
    EXPECT_EQ(g::keccak_cost(33), 42u);
    EXPECT_EQ(g::sha256_cost(0), 60u);
    EXPECT_EQ(g::sha256_cost(64), 84u);
    EXPECT_EQ(g::log_cost(0, 0), 375u);
    EXPECT_EQ(g::log_cost(2, 32), 375u + 750 + 256);
}

// ---- EIP-1559 ----

// Direct transcription of the EIP-1559 pseudocode's arithmetic, kept separate from the library.
static boost::multiprecision::cpp_int eip1559_reference(boost::multiprecision::cpp_int base,
                                                        std::uint64_t used, std::uint64_t target) {
    using boost::multiprecision::cpp_int;
    if (used == target) return base;
    if (used > target) {
        cpp_int delta = base * (used - target) / target / 8;
        return base + (delta > 1 ? delta : cpp_int(1));
    }
    return base - base * (target - used) / target / 8;
}

TEST(L1Gas, BaseFeeFullAndEmptyBlocks) {
    // Full block (2x target): +12.5%; empty: -12.5%; at target: unchanged (EIP-1559).
    EXPECT_EQ(g::next_base_fee(1'000'000'000, 30'000'000, 15'000'000), u256(1'125'000'000));
    EXPECT_EQ(g::next_base_fee(1'125'000'000, 30'000'000, 15'000'000), u256(1'265'625'000));
    EXPECT_EQ(g::next_base_fee(1'000'000'000, 0, 15'000'000), u256(875'000'000));
    EXPECT_EQ(g::next_base_fee(875'000'000, 0, 15'000'000), u256(765'625'000));
    EXPECT_EQ(g::next_base_fee(1'000'000'000, 15'000'000, 15'000'000), u256(1'000'000'000));
    // The minimum increase of 1 wei when above target.
    EXPECT_EQ(g::next_base_fee(7, 15'000'001, 15'000'000), u256(8));
    EXPECT_THROW((void)g::next_base_fee(1, 1, 0), InvalidArgument);
}

RC_GTEST_PROP(L1Gas, BaseFeeMatchesTheEipFormula, ()) {
    const std::uint64_t target = *rc::gen::inRange<std::uint64_t>(1, 100'000'000);
    const std::uint64_t used = *rc::gen::inRange<std::uint64_t>(0, 2 * target + 1);
    const std::uint64_t base = *rc::gen::inRange<std::uint64_t>(0, 1'000'000'000'000ULL);
    const auto expected = eip1559_reference(base, used, target);
    RC_ASSERT(boost::multiprecision::cpp_int(g::next_base_fee(base, used, target)) == expected);
}

// ---- EIP-4844 ----

// go-ethereum's TestFakeExponential vectors (consensus/misc/eip4844).
TEST(L1Gas, FakeExponentialKnownVectors) {
    struct V {
        std::uint64_t f, n, d, want;
    };
    const V vectors[] = {
        {1, 0, 1, 1},   {38493, 0, 1000, 38493}, {0, 1234, 2345, 0}, {1, 2, 1, 6},
        {1, 4, 2, 6},   {1, 3, 1, 16},           {1, 6, 2, 18},      {1, 4, 1, 49},
        {1, 8, 2, 50},  {10, 8, 2, 542},         {11, 8, 2, 596},    {1, 5, 1, 136},
        {1, 5, 2, 11},  {2, 5, 2, 23},           {1, 50'000'000, 2'225'652, 5'709'098'764},
    };
    for (const V& v : vectors) {
        EXPECT_EQ(g::fake_exponential(v.f, v.n, v.d), u256(v.want))
            << v.f << " " << v.n << " " << v.d;
    }
    EXPECT_THROW((void)g::fake_exponential(1, 1, 0), InvalidArgument);
}

// go-ethereum's TestCalcBlobFee, which uses the Cancun update fraction 3,338,477.
TEST(L1Gas, BlobBaseFeeCancunVectors) {
    constexpr std::uint64_t kCancunFraction = 3'338'477;  // EIP-4844
    EXPECT_EQ(g::blob_base_fee(0, kCancunFraction), u256(1));
    EXPECT_EQ(g::blob_base_fee(2'314'057, kCancunFraction), u256(1));
    EXPECT_EQ(g::blob_base_fee(2'314'058, kCancunFraction), u256(2));
    EXPECT_EQ(g::blob_base_fee(10 * 1024 * 1024, kCancunFraction), u256(23));
    // Crosses 64 bits: intermediates must not wrap.
    EXPECT_EQ(g::blob_base_fee(148'099'578, kCancunFraction), u256("18446739238971471609"));
    EXPECT_EQ(g::blob_base_fee(148'099'579, kCancunFraction), u256("18446744762204311910"));
}

// An independent transcription of the EIP-4844 pseudocode over unbounded integers.
static boost::multiprecision::cpp_int fake_exp_reference(std::uint64_t factor, std::uint64_t num,
                                                         std::uint64_t den) {
    using boost::multiprecision::cpp_int;
    cpp_int output = 0;
    cpp_int acc = cpp_int(factor) * den;
    for (unsigned i = 1; acc > 0; ++i) {
        output += acc;
        acc = acc * num / (cpp_int(den) * i);
    }
    return output / den;
}

RC_GTEST_PROP(L1Gas, BlobBaseFeeMatchesPseudocode, ()) {
    const std::uint64_t excess = *rc::gen::inRange<std::uint64_t>(0, 200'000'000);
    RC_ASSERT(boost::multiprecision::cpp_int(g::blob_base_fee(excess)) ==
              fake_exp_reference(1, excess, 5'007'716));
}

TEST(L1Gas, ExcessBlobGas) {
    const std::uint64_t target = 6 * g::kGasPerBlob;
    EXPECT_EQ(g::next_excess_blob_gas(0, 9 * g::kGasPerBlob, target), 3 * g::kGasPerBlob);
    EXPECT_EQ(g::next_excess_blob_gas(3 * g::kGasPerBlob, 0, target), 0u);
    EXPECT_EQ(g::next_excess_blob_gas(10 * g::kGasPerBlob, 6 * g::kGasPerBlob, target),
              10 * g::kGasPerBlob);
    EXPECT_EQ(g::next_excess_blob_gas(10 * g::kGasPerBlob, 2 * g::kGasPerBlob, target),
              6 * g::kGasPerBlob);
}

TEST(L1Gas, MeterChargesAndRunsOut) {
    g::GasMeter m(1000);
    m.charge(400);
    EXPECT_EQ(m.used(), 400u);
    EXPECT_EQ(m.left(), 600u);
    try {
        m.charge(601);
        FAIL() << "no OutOfGas";
    } catch (const g::OutOfGas& oog) {
        EXPECT_EQ(oog.needed, 601u);
        EXPECT_EQ(oog.left, 600u);
    }
    EXPECT_EQ(m.used(), 1000u);  // everything consumed
}

TEST(L1Gas, TableListsEveryRowWithASource) {
    const auto rows = g::gas_table();
    EXPECT_GE(rows.size(), 25u);
    for (const auto& r : rows) {
        EXPECT_FALSE(r.name.empty());
        EXPECT_FALSE(r.source.empty()) << r.name;
    }
}

// ---- SSTORE: the EIP-3529 test-case table (slot already warm, original value given) ----
// "Used Gas" in the EIP includes 3 gas per PUSH1 (two per SSTORE); subtract those here.

namespace {
struct SstoreCase {
    std::uint64_t original;
    std::vector<std::uint64_t> writes;
    std::uint64_t used_in_eip;
    std::int64_t refund;
};
}  // namespace

TEST(L1Gas, SstoreMatchesEip3529TestCases) {
    const SstoreCase cases[] = {
        {0, {0, 0}, 212, 0},       {0, {0, 1}, 20112, 0},    {0, {1, 0}, 20112, 19900},
        {0, {1, 2}, 20112, 0},     {0, {1, 1}, 20112, 0},    {1, {0, 0}, 3012, 4800},
        {1, {0, 1}, 3012, 2800},   {1, {0, 2}, 3012, 0},     {1, {2, 0}, 3012, 4800},
        {1, {2, 3}, 3012, 0},      {1, {2, 1}, 3012, 2800},  {1, {2, 2}, 3012, 0},
        {1, {1, 0}, 3012, 4800},   {1, {1, 2}, 3012, 0},     {1, {1, 1}, 212, 0},
        {0, {1, 0, 1}, 40118, 19900}, {1, {0, 1, 0}, 5918, 7600},
    };
    const Address self = Address::from_hex_text("0x00000000000000000000000000000000000000cc");
    Hash32 key;
    for (const SstoreCase& c : cases) {
        State st;
        st.set_storage(self, key, c.original);
        st.commit();
        g::GasMeter meter(1'000'000);
        Execution exec(st, meter, ExecutionEnv{});
        (void)exec.sload(self, key);  // warm the slot, as the EIP's access list does
        const std::uint64_t before = meter.used();
        for (std::uint64_t w : c.writes) exec.sstore(self, key, w);
        const std::uint64_t pushes = 6 * c.writes.size();
        EXPECT_EQ(meter.used() - before, c.used_in_eip - pushes) << "original " << c.original;
        EXPECT_EQ(meter.refund(), c.refund) << "original " << c.original;
    }
}

TEST(L1Gas, SstoreColdSurchargeAndSentry) {
    const Address self = Address::from_hex_text("0x00000000000000000000000000000000000000cc");
    Hash32 key;
    State st;
    g::GasMeter meter(100'000);
    Execution exec(st, meter, ExecutionEnv{});
    exec.sstore(self, key, 5);
    EXPECT_EQ(meter.used(), 2100u + 20000u);  // cold + set (EIP-2929 + EIP-2200)

    State st2;
    st2.set_storage(self, key, 5);
    st2.commit();
    g::GasMeter low(2300);
    Execution exec2(st2, low, ExecutionEnv{});
    EXPECT_THROW(exec2.sstore(self, key, 6), g::OutOfGas);  // EIP-2200 stipend sentry
    EXPECT_EQ(st2.storage(self, key), u256(5));
}
