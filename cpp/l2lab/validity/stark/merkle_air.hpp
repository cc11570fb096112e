#pragma once
/// \file merkle_air.hpp
/// Merkle-path-update AIR over Rescue-Prime Rp64_256 (the building block for proving rollup
/// state updates): "replacing leaf `old_leaf` by `new_leaf` at position `index` of a depth-`depth`
/// tree turns root `old_root` into `new_root`, with the same authentication path". The path
/// stays private (it is in the trace only); index, leaves and roots are public.
///
/// Trace (25 columns): the Rescue state of the old-path hash (columns 0..11), of the new-path
/// hash (12..23), and the index bit of the current level (24). Level k (k < depth) uses rows
/// [8k, 8k + 8): row 8k holds merge_input_state(left, right) of both hashes, where the running
/// node is the left half (bit 0) or the right half (bit 1) and the sibling the other half.
/// Trace length = next power of two >= 8 * depth (>= 8); extra cycles keep hashing (padding).
///
/// Transition constraints (30):
///  - 0..23: rows 0..6 of a cycle: Rescue rounds for both states (degree 8, see rescue_air.hpp);
///    row 7: the next level's input: capacity [8, 0, 0, 0] and the node digest placed in the
///    half the next bit selects, for both hashes (degree 3 with the bit and the flag);
///  - 24..27: on row 0 of every cycle, the sibling halves of the old and new states are equal
///    (the same path is used for both roots);
///  - 28: the bit is constant inside a cycle; 29: the bit is 0 or 1.
/// Assertions: row 0 capacities and the leaves in the half bit 0 of the index selects; bit
/// column at row 8k = bit k of the index; roots at row 8 * depth - 1.

#include "l2lab/validity/stark/air.hpp"
#include "l2lab/validity/stark/rescue_air.hpp"

#include <cstdint>

namespace l2lab::stark {

/// Public statement of a Merkle leaf update.
struct MerkleUpdateStatement {
    std::uint64_t index = 0;    ///< leaf position, < 2^depth
    std::uint32_t depth = 1;    ///< tree depth (path length), 1..32
    rescue::Digest old_leaf{};  ///< leaf before the update
    rescue::Digest new_leaf{};  ///< leaf after the update
    rescue::Digest old_root{};  ///< root before
    rescue::Digest new_root{};  ///< root after
};

/// AIR of a Merkle leaf update (see file comment).
class MerkleUpdateAir final : public TypedAir<MerkleUpdateAir> {
public:
    /// Column of the index bit.
    static constexpr std::size_t kBitColumn = 2 * rescue::kStateWidth;

    /// Throws InvalidArgument unless 1 <= depth <= 32 and index < 2^depth.
    explicit MerkleUpdateAir(const MerkleUpdateStatement& statement);

    std::string name() const override { return "rescue_merkle_update"; }
    /// "rp64_256" and the depth (4 bytes big-endian).
    Bytes identity_params() const override;
    std::size_t trace_width() const override { return kBitColumn + 1; }
    std::size_t trace_length() const override;
    std::vector<unsigned> transition_degrees() const override;
    std::vector<Assertion> assertions() const override;
    /// index, depth, old_leaf, new_leaf, old_root, new_root.
    std::vector<Fp> public_inputs() const override;
    /// rescue_periodic_columns() followed by the first-row-of-cycle flag.
    std::vector<std::vector<Fp>> periodic_columns() const override;

    template <class F>
    void evaluate(std::span<const F> current,
                  std::span<const F> next,
                  std::span<const F> periodic,
                  std::span<F> out) const;

    const MerkleUpdateStatement& statement() const noexcept { return m_statement; }

private:
    MerkleUpdateStatement m_statement;
};

/// The honest trace for replacing `old_leaf` by `new_leaf` at `index` with authentication path
/// `path` (siblings bottom-up; depth = path.size(), 1..32). The roots it proves are
/// root_from_path(old_leaf, index, path) and root_from_path(new_leaf, index, path).
/// Throws InvalidArgument for a bad depth or index.
Trace build_merkle_update_trace(std::uint64_t index,
                                const rescue::Digest& old_leaf,
                                const rescue::Digest& new_leaf,
                                std::span<const rescue::Digest> path);

/// The statement the honest trace proves (roots recomputed from the path).
MerkleUpdateStatement make_merkle_update_statement(std::uint64_t index,
                                                   const rescue::Digest& old_leaf,
                                                   const rescue::Digest& new_leaf,
                                                   std::span<const rescue::Digest> path);

}  // namespace l2lab::stark
