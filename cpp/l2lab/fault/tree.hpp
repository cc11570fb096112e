#pragma once
/// \file tree.hpp
/// The claim-tree rules of the dispute game (game.hpp), written once against an accessor so the
/// contract (metered storage reads) and the agents (claims read off-chain) decide alike.
#include <cstdint>
#include <optional>

#include "l2lab/core/fixed_bytes.hpp"

namespace l2lab::fault {

/// Read access to a game's claims. Claim 0 is the root; its single value is the root claim.
class TreeView {
public:
    virtual ~TreeView() = default;
    /// Parent claim index; nullopt for the root.
    virtual std::optional<std::uint64_t> parent(std::uint64_t claim) = 0;
    /// Sub-interval choice of a non-root claim.
    virtual std::uint32_t choice(std::uint64_t claim) = 0;
    /// Value i of a claim (0-based; a non-root claim has k - 1 values, the root one).
    virtual Hash32 value(std::uint64_t claim, std::uint32_t i) = 0;
};

/// A claim's stance at the right end of its interval: the concrete value there and whether
/// the claim says it is correct.
struct Stance {
    Hash32 value;
    bool agrees = false;
    bool operator==(const Stance&) const = default;
};

/// The value `claim` agrees with at the start of its interval (`anchor` at position 0).
Hash32 agreed_left(TreeView& tree, std::uint64_t claim, const Hash32& anchor);
/// The stance of a non-root claim at the right end of its interval (branching k).
Stance right_stance(TreeView& tree, std::uint64_t claim, std::uint32_t k);

/// The two ends of a step against a claim at the deepest level with choice j: the agreed
/// pre-state value at point j and the claim's stance at point j + 1.
struct StepEnds {
    Hash32 pre;
    Stance post;
};
StepEnds step_ends(TreeView& tree,
                   std::uint64_t claim,
                   std::uint32_t choice,
                   std::uint32_t k,
                   const Hash32& anchor);
/// Whether a step whose re-execution reached `computed` counters a claim with stance `post`.
inline bool step_counters(const Stance& post, const Hash32& computed) {
    return (computed == post.value) != post.agrees;
}

}  // namespace l2lab::fault
