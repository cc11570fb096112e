#include "l2lab/validity/stark/rescue_air.hpp"

namespace l2lab::stark::rescue {

std::vector<std::vector<Fp>> rescue_periodic_columns() {
    std::vector<std::vector<Fp>> cols(kRescuePeriodicColumns, std::vector<Fp>(kCycleLength));
    for (std::size_t r = 0; r < kNumRounds; ++r) {
        cols[kPeriodicRoundFlag][r] = Fp::one();
        for (std::size_t i = 0; i < kStateWidth; ++i) {
            cols[kPeriodicArk1 + i][r] = ark1(r)[i];
            cols[kPeriodicArk2 + i][r] = ark2(r)[i];
        }
    }
    return cols;
}

State write_permutation_rows(std::vector<std::vector<Fp>>& columns,
                             std::size_t first_col,
                             std::size_t first_row,
                             const State& input) {
    State s = input;
    for (std::size_t r = 0; r <= kNumRounds; ++r) {
        for (std::size_t i = 0; i < kStateWidth; ++i)
            columns[first_col + i][first_row + r] = s[i];
        if (r < kNumRounds)
            apply_round(s, r);
    }
    return s;
}

}  // namespace l2lab::stark::rescue
