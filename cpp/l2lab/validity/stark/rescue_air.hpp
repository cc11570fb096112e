#pragma once
/// \file rescue_air.hpp
/// Building blocks for AIRs that run the Rescue-Prime Rp64_256 permutation in the trace: one
/// permutation takes a cycle of 8 rows (row r < 7 holds the state before round r, row 7 the
/// output), so the AIRs can spend the row-7 -> row-0 transition on chaining.
///
/// The round constraint avoids the inverse S-box (degree p/7) as Winterfell does: with
/// mid = MDS * cur^7 + ARK1[r] and next = MDS * mid^(1/7) + ARK2[r], it checks
///   MDS * cur^7 + ARK1[r] - (MDS^-1 * (next - ARK2[r]))^7 = 0,
/// a polynomial of degree 7 in the trace cells. Round constants come from periodic columns
/// (cycle 8, zero on row 7) so one constraint serves every round.

#include "l2lab/validity/stark/rescue.hpp"

#include <array>
#include <cstddef>
#include <span>
#include <vector>

namespace l2lab::stark::rescue {

/// Rows per permutation in an AIR trace (7 rounds + 1 chaining row).
inline constexpr std::size_t kCycleLength = 8;

/// Index of the round flag in rescue_periodic_columns() (1 on rows 0..6, 0 on row 7).
inline constexpr std::size_t kPeriodicRoundFlag = 0;
/// First of 12 ARK1 columns in rescue_periodic_columns().
inline constexpr std::size_t kPeriodicArk1 = 1;
/// First of 12 ARK2 columns in rescue_periodic_columns().
inline constexpr std::size_t kPeriodicArk2 = 1 + kStateWidth;
/// Number of periodic columns rescue_periodic_columns() returns.
inline constexpr std::size_t kRescuePeriodicColumns = 1 + 2 * kStateWidth;

/// The 25 periodic columns, each of length 8: the round flag, ARK1[r][i] and ARK2[r][i] at row r
/// (0 at row 7).
std::vector<std::vector<Fp>> rescue_periodic_columns();

/// The 12 round-constraint values for the step cur -> next (zero iff next = round(cur) with the
/// constants ark1/ark2 given). E is Fp (LDE evaluation) or Fp3 (out-of-domain evaluation).
template <class E>
std::array<E, kStateWidth> rescue_round_residual(std::span<const E> cur,
                                                 std::span<const E> next,
                                                 std::span<const E> ark1v,
                                                 std::span<const E> ark2v) {
    std::array<E, kStateWidth> fwd{};
    std::array<E, kStateWidth> back{};
    for (std::size_t i = 0; i < kStateWidth; ++i) {
        fwd[i] = sbox(cur[i]);
        back[i] = next[i] - ark2v[i];
    }
    fwd = mds_multiply(fwd);
    back = inv_mds_multiply(back);
    std::array<E, kStateWidth> out{};
    for (std::size_t i = 0; i < kStateWidth; ++i)
        out[i] = fwd[i] + ark1v[i] - sbox(back[i]);
    return out;
}

/// Write the 8 states of one permutation of `input` into rows [first_row, first_row + 8) of
/// `columns` starting at column `first_col` (columns[first_col + i][row] = state element i).
/// Returns the output state (row first_row + 7). The caller sizes the columns.
State write_permutation_rows(std::vector<std::vector<Fp>>& columns,
                             std::size_t first_col,
                             std::size_t first_row,
                             const State& input);

}  // namespace l2lab::stark::rescue
