#pragma once
/// \file transfer_air.hpp
/// The balance arithmetic of the rollup batch-transfer AIR (issue 8 item 9), on its own: for
/// each transfer k of a batch, "sender balance s, receiver balance r, amount a, sender nonce n
/// give s' = s - a, r' = r + a, n' = n + 1, with a, s' and r' in [0, 2^62)": no overspend (s' would
/// wrap to a huge field element), no overflow, no value created (s' + r' = s + r). Not yet tied to
/// the Merkle-path updates of the state tree nor plugged into a ProofSystem (that waits for
/// issue 6's interface); here every balance is public.
///
/// Why 62 bits: p = 2^64 - 2^32 + 1; with a, r < 2^62 the sum r + a < 2^63 < p never wraps, and an
/// overspend s - a < 0 becomes p - (a - s) > 2^63, which a 62-bit decomposition cannot represent.
/// Rollup balances are u256: a u256 version needs limbs with carries (not built).
///
/// Trace (11 columns, 64 rows per transfer, rows 64k .. 64k + 63):
///   0 s, 1 r, 2 a, 3 n (constant in a cycle), 4 n' = n + 1,
///   5..7 accumulators of a, s', r' (MSB first: acc_0 = bit_0, acc_(i+1) = 2 acc_i + bit_(i+1)),
///   8..10 their bits (binary; the top two of each cycle zero, so acc_63 < 2^62).
/// Row 63 of a cycle: acc(a) = a, acc(s') = s - a, acc(r') = r + a.

#include "l2lab/validity/stark/air.hpp"

#include <cstdint>
#include <vector>

namespace l2lab::stark {

/// One transfer's balances before the transfer (all < 2^62 for a valid transfer).
struct TransferArithmetic {
    std::uint64_t sender_balance = 0;
    std::uint64_t receiver_balance = 0;
    std::uint64_t amount = 0;
    std::uint64_t sender_nonce = 0;
};

/// Bits of the range checks.
inline constexpr unsigned kTransferValueBits = 62;
/// Rows per transfer.
inline constexpr std::size_t kTransferCycle = 64;

/// AIR of a batch of transfers' balance arithmetic (see file comment). Public: every transfer's
/// balances, amount and nonce before, and the resulting balances and nonce after.
class TransferArithmeticAir final : public TypedAir<TransferArithmeticAir> {
public:
    /// Throws InvalidArgument unless the batch size is a power of two in [1, 2^18] and every
    /// input value is < p (values need not be valid transfers: an invalid one has no trace).
    explicit TransferArithmeticAir(std::vector<TransferArithmetic> transfers);

    std::string name() const override { return "transfer_arithmetic"; }
    std::size_t trace_width() const override { return 11; }
    std::size_t trace_length() const override { return m_transfers.size() * kTransferCycle; }
    std::vector<unsigned> transition_degrees() const override;
    std::vector<Assertion> assertions() const override;
    std::vector<Fp> public_inputs() const override;
    /// Row-0 flag, row-63 flag, top-bit flag (rows 0 and 1), each of length 64.
    std::vector<std::vector<Fp>> periodic_columns() const override;

    template <class F>
    void evaluate(std::span<const F> current,
                  std::span<const F> next,
                  std::span<const F> periodic,
                  std::span<F> out) const;

private:
    std::vector<TransferArithmetic> m_transfers;
};

/// The honest trace. Throws InvalidArgument naming the transfer when it overspends (amount >
/// sender balance), overflows (receiver balance + amount >= 2^62) or has a value >= 2^62, or
/// when the batch size is not a power of two in [1, 2^18].
Trace build_transfer_arithmetic_trace(const std::vector<TransferArithmetic>& transfers);

/// A trace computed with field arithmetic only and no validity check (s - a may wrap mod p; the
/// bit columns then hold the low 64 bits of the field element): what a cheating prover would
/// commit to for an invalid transfer. For soundness tests.
Trace build_transfer_arithmetic_trace_unchecked(const std::vector<TransferArithmetic>& transfers);

}  // namespace l2lab::stark
