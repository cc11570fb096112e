#pragma once
/// \file state_diff.hpp
/// Compact state-diff data format for the validity mode: instead of full tx data, a batch
/// publishes how every account it changed moved and the withdrawals it added. Anyone holding the
/// pre-state rebuilds the post-state from it (the validity proof attests that a valid tx sequence
/// produced it).
///
/// Accounts are named through the state's account registry (state.hpp): an account registered
/// before the batch by its index, an account the batch names for the first time by its 20-byte
/// address, once; the batch then registers it (register_accounts(): ascending address, from the
/// pre-state's registered_count()). This is how zkSync Era's pubdata separates "initial writes"
/// (full key) from "repeated writes" (enumeration index). Values are posted as changes, not final
/// values: the nonce increase and the balance change (sign and magnitude in minimal big-endian
/// bytes), so a transfer costs its amount's bytes, not the balance's. The STF only ever raises
/// nonces, so a nonce decrease is not expressible (make_state_diff refuses it).
///
/// Encoding (no RLP: every field is a varint or fixed-size, so the fixed cost of a small diff
/// is a few bytes), in order: varint registered_before; varint number of updates, the updates;
/// varint number of new accounts, the new accounts; varint number of withdrawals, the withdrawals;
/// nothing after. Parts:
///   varint   unsigned LEB128, minimal (no final 0x00 byte after the first), value < 2^64
///   change   flags (1 byte: bit 7 the nonce increases, bit 6 the balance decreases, bits 0-5 the
///            byte length L <= 32 of the balance change), then varint nonce increase (>= 1) when
///            bit 7 is set, then the balance change in L big-endian bytes without a leading zero
///            byte. Bit 6 requires L > 0; a change that changes nothing is invalid.
///   update       varint (index - previous index - 1; the first: index), change. Indices
///                strictly ascend and are < registered_before.
///   new account  address (20 bytes), change; addresses strictly ascending. They receive the
///                indices registered_before, registered_before + 1, ... in this order.
///   withdrawal   varint sender index, varint nonce, l1_recipient (20 bytes), 1 byte length
///                L <= 32, amount in L big-endian bytes without a leading zero byte; strictly
///                ascending (sender index, nonce); sender index < registered_before + number of
///                new accounts.
/// Neither root is posted. The pre-state root is the previous batch's proven root; the post-state
/// root is the one the verifier contract stores when it accepts the batch's proof (and proposes
/// to the inbox), whose statement carries it as a public input. A node that rebuilds the state
/// from the diffs checks it against that L1-held root (validity/zk_rollup.hpp
/// check_rebuilt_roots, or apply_state_diff's expected_root) instead of a copy in the frame.
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>
#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/rollup/compression.hpp"
#include "l2lab/rollup/state.hpp"

namespace l2lab::rollup {

/// How one account moves: nonce += nonce_increase; balance +=/-= balance_change. Canonical form
/// (what encode() accepts and decode() yields): balance_decreases only with balance_change > 0,
/// and at least one of nonce_increase, balance_change non-zero.
struct AccountChange {
    std::uint64_t nonce_increase = 0;
    u256 balance_change = 0;         ///< magnitude, wei
    bool balance_decreases = false;  ///< direction of balance_change
    bool operator==(const AccountChange&) const = default;
};

/// The change from `before` to `after`, nullopt when they are equal. Throws InvalidArgument when
/// the nonce decreases (not expressible; the STF never does it).
std::optional<AccountChange> account_change(const L2Account& before, const L2Account& after);
/// `account` moved by `change`. Throws StateError when the nonce passes 2^64 - 1, the balance
/// passes 2^256 - 1 or a decrease exceeds the balance.
L2Account apply_change(const L2Account& account, const AccountChange& change);

/// A change to an account registered before the batch, named by its registry index.
struct IndexedChange {
    std::uint64_t index = 0;
    AccountChange change;
    bool operator==(const IndexedChange&) const = default;
};

/// A change to an account the batch registers, named by its address.
struct NewAccountChange {
    Address address;
    AccountChange change;
    bool operator==(const NewAccountChange&) const = default;
};

/// A withdrawal the batch records, its sender named by registry index.
struct DiffWithdrawal {
    std::uint64_t sender_index = 0;
    std::uint64_t nonce = 0;  ///< the sender's nonce of the withdrawal transaction
    Address l1_recipient;
    u256 amount = 0;          ///< wei
    bool operator==(const DiffWithdrawal&) const = default;
};

/// Largest standalone diff encoding StateDiff::decode() accepts (bytes).
inline constexpr std::size_t kMaxStateDiffBytes = kDefaultMaxDecompressed;

/// The difference between two L2 states (see the file comment).
struct StateDiff {
    std::uint64_t registered_before = 0;       ///< the pre-state's registered_count()
    std::vector<IndexedChange> updates;        ///< ascending index, each < registered_before
    std::vector<NewAccountChange> new_accounts;  ///< ascending address
    std::vector<DiffWithdrawal> withdrawals;   ///< ascending (sender_index, nonce)
    /// Canonical encoding (see the file comment). Throws InvalidArgument for a diff outside the
    /// documented form (order, index range, non-canonical change, index overflow).
    Bytes encode() const;
    /// Strict inverse of encode(). Throws DecodeError (kind + offset) for malformed, truncated,
    /// oversized or non-canonical input: unsorted or duplicate entries, an index >=
    /// registered_before (unknown account), a withdrawal sender the diff cannot name, a change
    /// that changes nothing, over-long varints or magnitudes, leading zero bytes, input that
    /// ends inside an entry, bytes after the last section, input over kMaxStateDiffBytes.
    static StateDiff decode(BytesView encoding);
    bool operator==(const StateDiff&) const = default;
};

/// Register in `post` (state.hpp's registry) every account whose value differs between `pre` and
/// `post` and that `post` has not registered, in ascending address order: what a zk-mode batch
/// does when it closes, before its post-root is taken. `post` must be `pre` plus the batch's
/// writes. Idempotent. Returns the number of accounts registered.
std::size_t register_accounts(const L2State& pre, L2State& post);

/// The diff from `pre` to `post`, where `post` is `pre` plus a batch's writes, closed with
/// register_accounts(pre, post). Throws InvalidArgument when `post` is not like that: a changed
/// account without an index in `post` (register_accounts was not called), registrations that are
/// not the changed unregistered accounts in ascending address order, an index that differs
/// between the two states, a nonce decrease, a withdrawal of `pre` missing from `post` or one
/// whose sender has no index.
StateDiff make_state_diff(const L2State& pre, const L2State& post);

/// Index of an address in the registry before a batch; nullopt when it is not registered.
using IndexBefore = std::function<std::optional<std::uint64_t>(const Address&)>;

/// The general form, for verifiers that hold only the part of the state a batch touches
/// (validity/witness.cpp): the diff from `pre` to `post` (whose registries are not read) when the
/// registry before the batch held `registered_before` accounts and `index_before` gives their
/// indices; the changed accounts without one are the diff's new accounts. A new withdrawal's
/// sender is named by its index before the batch or, for a new account, the index it receives.
/// `index_before` is called once per changed account and new withdrawal, ascending address, and
/// may throw. Throws InvalidArgument for a nonce decrease, a withdrawal of `pre` missing from
/// `post`, or a new withdrawal whose sender is neither registered nor changed.
StateDiff make_state_diff(const L2State& pre, const L2State& post, std::uint64_t registered_before,
                          const IndexBefore& index_before);

/// Apply `diff` to `state`; with `expected_root`, the result's root must be it (a node that
/// knows the proven root of the batch). Throws StateError, leaving `state` unchanged (root,
/// accounts, withdrawals, registry, journal), when the state's registered_count() is not
/// diff.registered_before, a new account is already registered, a change overflows or
/// underflows, a withdrawal is already recorded, or the result's root is not `expected_root`.
/// On success the writes are committed: the state journals afterwards exactly as before the call
/// (not at all, or under the caller's still-open checkpoint).
void apply_state_diff(L2State& state, const StateDiff& diff,
                      const std::optional<Hash32>& expected_root = std::nullopt);

/// Frame version byte of a diff batch: what the sequencer posts in zk mode instead of a tx batch
/// (batch.hpp's frames use version 1; version 2 named every account by address with its final
/// values; version 3 carried the post-state root and RLP framing).
inline constexpr std::uint8_t kDiffBatchVersion = 4;

/// A zk-mode batch as posted on L1: the L1 queue items it consumed and the state diff of the
/// whole transition (queue items applied first, then the sequencer's txs, which are not posted).
struct DiffBatch {
    std::uint64_t queue_start = 0;  ///< first consumed queue item
    std::uint64_t queue_end = 0;    ///< one past the last consumed queue item (>= queue_start)
    StateDiff diff;
    bool operator==(const DiffBatch&) const = default;
};

/// Uncompressed payload: varint queue_start, varint (queue_end - queue_start), diff.encode().
/// Throws InvalidArgument for queue_end < queue_start or a diff encode() refuses.
Bytes encode_diff_batch_payload(const DiffBatch& batch);
/// Frame: kDiffBatchVersion || codec byte || compress(payload) (levels as compress()), except
/// that when the codec's output is not smaller than the payload the frame posts the payload raw
/// with codec byte none (a small diff does not pay the compressor's framing). Throws
/// InvalidArgument as encode_diff_batch_payload, or for a bad level.
Bytes encode_diff_batch(const DiffBatch& batch, Codec codec, int level);
/// Strict inverse of encode_diff_batch (any of the three codec bytes is accepted). Throws
/// DecodeError (kind + offset; past the codec byte, offsets are in the decompressed payload) for
/// a short frame, another version, an unknown codec, corrupt or oversized compressed data (more
/// than `max_decompressed` bytes), a malformed or non-canonical payload or diff, queue_end past
/// 2^64 - 1, or trailing bytes.
DiffBatch decode_diff_batch(BytesView frame,
                            std::size_t max_decompressed = kDefaultMaxDecompressed);

}  // namespace l2lab::rollup
