#pragma once
/// \file hash_chain_air.hpp
/// The Winterfell / ethSTARK benchmark statement over the algebraic hash: "hashing the 4-element
/// digest `seed` `num_hashes` times with Rescue-Prime Rp64_256 (h_{i+1} = hash_elements(h_i))
/// gives `result`".
///
/// Trace: 12 columns (the Rescue state), 8 rows per hash: row 8k + r (r < 7) holds the state
/// before round r of hash k, row 8k + 7 its output. Transition constraints (12, degree 8 =
/// round flag x degree-7 round residual, see rescue_air.hpp):
///  - rows 0..6 of a cycle: next = round_r(current) (checked without the inverse S-box);
///  - row 7: next is the input state of the next hash: [4, 0, 0, 0, current[4..8), 0, 0, 0, 0].
/// Assertions: row 0 = [4, 0, 0, 0, seed, 0, 0, 0, 0]; last row, columns 4..7 = result.
/// Trace length = 8 * num_hashes (num_hashes a power of two in [1, 2^21]).

#include "l2lab/validity/stark/air.hpp"
#include "l2lab/validity/stark/rescue_air.hpp"

#include <cstdint>

namespace l2lab::stark {

/// AIR of a Rescue-Prime hash chain (see file comment).
class HashChainAir final : public TypedAir<HashChainAir> {
public:
    /// Statement "hash_chain(seed, num_hashes) == result". Throws InvalidArgument unless
    /// num_hashes is a power of two in [1, 2^21] (the trace has 8 rows per hash).
    HashChainAir(const rescue::Digest& seed,
                 const rescue::Digest& result,
                 std::uint64_t num_hashes);

    std::string name() const override { return "rescue_hash_chain"; }
    /// "rp64_256" and num_hashes (8 bytes big-endian).
    Bytes identity_params() const override;
    std::size_t trace_width() const override { return rescue::kStateWidth; }
    std::size_t trace_length() const override { return m_num_hashes * rescue::kCycleLength; }
    std::vector<unsigned> transition_degrees() const override;
    std::vector<Assertion> assertions() const override;
    /// seed (4), result (4), num_hashes.
    std::vector<Fp> public_inputs() const override;
    std::vector<std::vector<Fp>> periodic_columns() const override;

    /// The constraints (instantiated for Fp and Fp3 by TypedAir).
    template <class F>
    void evaluate(std::span<const F> current,
                  std::span<const F> next,
                  std::span<const F> periodic,
                  std::span<F> out) const;

    const rescue::Digest& seed() const noexcept { return m_seed; }
    const rescue::Digest& result() const noexcept { return m_result; }
    std::uint64_t num_hashes() const noexcept { return m_num_hashes; }

private:
    rescue::Digest m_seed;
    rescue::Digest m_result;
    std::uint64_t m_num_hashes;
};

/// The honest trace of hash_chain(seed, num_hashes) (same limits as HashChainAir). Its last row,
/// columns 4..7, is the result.
Trace build_hash_chain_trace(const rescue::Digest& seed, std::uint64_t num_hashes);

}  // namespace l2lab::stark
