#pragma once
/// \file state_diff.hpp
/// Compact state-diff data format for the validity mode: instead of full tx data, a batch
/// publishes the final value of every account it changed and the withdrawals it added. Anyone
/// holding the pre-state rebuilds the post-state from it (the validity proof attests that a
/// valid tx sequence produced it).
///
/// Encoding: rlp([pre_root, post_root, [[address, nonce, balance], ...] (ascending address,
/// distinct), [[sender, nonce, l1_recipient, amount], ...] (ascending (sender, nonce),
/// distinct)]). An account with nonce 0 and balance 0 means "now empty".
#include <vector>
#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/rollup/state.hpp"

namespace l2lab::rollup {

/// The difference between two L2 states.
struct StateDiff {
    Hash32 pre_root;
    Hash32 post_root;
    std::vector<std::pair<Address, L2Account>> accounts;  ///< final values, ascending address
    std::vector<WithdrawalRecord> withdrawals;            ///< added, ascending (sender, nonce)
    /// Canonical encoding (see the file comment).
    Bytes encode() const;
    /// Strict inverse of encode(). Throws DecodeError (also for unsorted or duplicate entries).
    static StateDiff decode(BytesView encoding);
    bool operator==(const StateDiff&) const = default;
};

/// The diff from `pre` to `post`. Throws InvalidArgument when `post` lacks a withdrawal of
/// `pre` (withdrawals are never removed).
StateDiff make_state_diff(const L2State& pre, const L2State& post);

/// Apply `diff` to `state`. Throws StateError, leaving `state` unchanged (root, accounts,
/// withdrawals, journal), when the state's root is not diff.pre_root or the result's root is not
/// diff.post_root. On success the writes are committed: the state journals afterwards exactly as
/// before the call (not at all, or under the caller's still-open checkpoint).
void apply_state_diff(L2State& state, const StateDiff& diff);

}  // namespace l2lab::rollup
