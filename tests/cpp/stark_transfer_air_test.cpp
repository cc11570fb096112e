// Balance arithmetic of the batch-transfer AIR (range checks): valid batches prove and verify;
// an overspend, an overflow, a value over 62 bits have no honest trace, and the trace a cheating
// prover computes with wrapping field arithmetic violates the range checks and is rejected.
#include <gtest/gtest.h>

#include "l2lab/core/error.hpp"
#include "l2lab/validity/stark/prover.hpp"
#include "l2lab/validity/stark/transfer_air.hpp"
#include "l2lab/validity/stark/verifier.hpp"

using namespace l2lab::stark;

namespace {

constexpr std::uint64_t kMax = (std::uint64_t{1} << 62) - 1;

std::vector<TransferArithmetic> valid_batch() {
    return {{100, 5, 100, 0}, {kMax, 0, 1, 41}, {7, kMax - 3, 3, 1}, {0, 0, 0, 9}};
}

}  // namespace

TEST(StarkTransferAir, ValidBatchSatisfiesProvesAndVerifies) {
    const auto batch = valid_batch();
    const TransferArithmeticAir air(batch);
    const Trace trace = build_transfer_arithmetic_trace(batch);
    EXPECT_EQ(trace.length(), 4 * kTransferCycle);
    EXPECT_NO_THROW(check_trace(air, trace));
    const ProofOptions opts = ProofOptions::default_96();
    const StarkProof proof = prove(air, trace, opts);
    EXPECT_TRUE(verify(air, proof, opts).ok());
    // Another amount in the statement: rejected.
    auto other = batch;
    other[2].amount = 2;
    EXPECT_FALSE(verify(TransferArithmeticAir(other), proof, opts).ok());
}

TEST(StarkTransferAir, InvalidTransfersHaveNoHonestTrace) {
    auto batch = valid_batch();
    batch[1].sender_balance = 5;
    batch[1].amount = 6;  // overspend
    EXPECT_THROW(build_transfer_arithmetic_trace(batch), l2lab::InvalidArgument);
    batch = valid_batch();
    batch[2].sender_balance = 10;
    batch[2].amount = 4;  // receiver: kMax - 3 + 4 = 2^62, overflow
    EXPECT_THROW(build_transfer_arithmetic_trace(batch), l2lab::InvalidArgument);
    batch = valid_batch();
    batch[0].receiver_balance = kMax + 1;
    EXPECT_THROW(build_transfer_arithmetic_trace(batch), l2lab::InvalidArgument);
    EXPECT_THROW(
        build_transfer_arithmetic_trace({valid_batch()[0], valid_batch()[1], valid_batch()[2]}),
        l2lab::InvalidArgument);  // 3 transfers: not a power of two
}

TEST(StarkTransferAir, CheatingTracesForInvalidTransfersAreRejected) {
    const ProofOptions opts = ProofOptions::default_96();
    for (int which = 0; which < 2; ++which) {
        auto batch = valid_batch();
        if (which == 0) {
            batch[3] = {10, 0, 11, 0};  // overspend by 1: s - a wraps to p - 1
        } else {
            batch[3] = {50, kMax, 1, 0};  // receiver reaches 2^62
        }
        const TransferArithmeticAir air(batch);
        const Trace cheat = build_transfer_arithmetic_trace_unchecked(batch);
        EXPECT_THROW(check_trace(air, cheat), UnsatisfiedTrace) << which;
        EXPECT_FALSE(verify(air, prove_unchecked(air, cheat, opts), opts).ok()) << which;
    }
}

TEST(StarkTransferAir, EveryFlippedBitIsCaught) {
    const auto batch = valid_batch();
    const TransferArithmeticAir air(batch);
    const Trace trace = build_transfer_arithmetic_trace(batch);
    for (std::size_t col = 0; col < trace.width(); ++col) {
        for (std::size_t row :
             {std::size_t{0}, std::size_t{1}, std::size_t{40}, std::size_t{63}, std::size_t{255}}) {
            auto cols = trace.columns();
            cols[col][row] += Fp::one();
            EXPECT_THROW(check_trace(air, Trace(cols)), UnsatisfiedTrace) << col << "," << row;
        }
    }
}
