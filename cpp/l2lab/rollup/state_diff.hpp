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
#include <cstdint>
#include <vector>
#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/rollup/compression.hpp"
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

/// Frame version byte of a diff batch: what the sequencer posts in zk mode instead of a tx batch
/// (batch.hpp's frames use version 1).
inline constexpr std::uint8_t kDiffBatchVersion = 2;

/// A zk-mode batch as posted on L1: the L1 queue items it consumed and the state diff of the
/// whole transition (queue items applied first, then the sequencer's txs, which are not posted).
struct DiffBatch {
    std::uint64_t queue_start = 0;  ///< first consumed queue item
    std::uint64_t queue_end = 0;    ///< one past the last consumed queue item (>= queue_start)
    StateDiff diff;
    bool operator==(const DiffBatch&) const = default;
};

/// Uncompressed payload rlp([queue_start, queue_end, diff.encode()]).
Bytes encode_diff_batch_payload(const DiffBatch& batch);
/// Frame: kDiffBatchVersion || codec byte || compress(payload) (levels as compress()). Throws
/// InvalidArgument for queue_end < queue_start or a bad level.
Bytes encode_diff_batch(const DiffBatch& batch, Codec codec, int level);
/// Strict inverse of encode_diff_batch. Throws DecodeError (kind + offset) for a short frame,
/// another version, an unknown codec, corrupt or oversized compressed data (more than
/// `max_decompressed` bytes), a malformed or non-canonical payload or diff, queue_end <
/// queue_start, or trailing bytes.
DiffBatch decode_diff_batch(BytesView frame, std::size_t max_decompressed = kDefaultMaxDecompressed);

}  // namespace l2lab::rollup
