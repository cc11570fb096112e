#include "l2lab/fault/tree.hpp"

#include "l2lab/core/error.hpp"

namespace l2lab::fault {

Hash32 agreed_left(TreeView& tree, std::uint64_t claim, const Hash32& anchor) {
    std::uint64_t c = claim;
    for (;;) {
        const auto p = tree.parent(c);
        if (!p || !tree.parent(*p))
            return anchor;  // the root or a child of the root
        const std::uint32_t j = tree.choice(c);
        if (j >= 1)
            return tree.value(*p, j - 1);
        c = *p;  // choice 0 shares its parent's left end
    }
}

Stance right_stance(TreeView& tree, std::uint64_t claim, std::uint32_t k) {
    bool flip = false;
    std::uint64_t c = claim;
    for (;;) {
        const auto p = tree.parent(c);
        if (!p)
            throw InvalidArgument("the root claim has no right stance");
        if (!tree.parent(*p))
            return {tree.value(*p, 0), flip};  // "the root is wrong"
        const std::uint32_t j = tree.choice(c);
        if (j + 1 < k)
            return {tree.value(*p, j), flip};  // "the parent's value is wrong"
        flip = !flip;  // the last sub-interval: the opposite of the parent's stance
        c = *p;
    }
}

StepEnds step_ends(TreeView& tree,
                   std::uint64_t claim,
                   std::uint32_t choice,
                   std::uint32_t k,
                   const Hash32& anchor) {
    StepEnds e;
    e.pre = choice >= 1 ? tree.value(claim, choice - 1) : agreed_left(tree, claim, anchor);
    e.post =
        choice + 1 < k ? Stance{tree.value(claim, choice), true} : right_stance(tree, claim, k);
    return e;
}

}  // namespace l2lab::fault
