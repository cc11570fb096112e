#pragma once
/// \file stark_state.hpp
/// The state commitment the `stark` proof system's statements use (its pre_root / post_root):
/// the rollup state as a Rescue account tree the batch AIR can update, plus the account registry
/// that makes each address's index unique.
///
///   root = keccak256("l2lab/validity/stark/state/v1" || digest_bytes(account_root)
///                    || registered (8 bytes big-endian) || registry_root)
///   account_root   root of the Rescue account tree (stark/account_tree.hpp) of depth D whose
///                  leaf i is the account registered under index i (rollup/state.hpp's registry:
///                  indices in registration order, a batch registers the accounts it first names
///                  in ascending address order); unused indices hold the zero digest
///   registered     the number of registered accounts
///   registry_root  root of a Keccak sparse Merkle tree (crypto/smt.hpp) holding, for every
///                  registered address a, account_index_key(a) -> registry_leaf(index of a)
///
/// Why two trees: the AIR proves balance and nonce updates in the Rescue tree, where a leaf
/// carries its address, so a step can only touch the account it names. What the AIR cannot see
/// is whether an address already has an index elsewhere: a prover could open a second leaf for
/// it. The registry closes that: the verifier checks, natively with Keccak, that every account a
/// batch creates is absent from the registry before and gets exactly the next index. Registry
/// entries are written once (at creation), so that check costs Keccak only for new accounts.
/// Withdrawal records are not committed: the stark system refuses batches with withdrawals.
#include <cstdint>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/crypto/smt.hpp"
#include "l2lab/rollup/state.hpp"
#include "l2lab/validity/stark/account_tree.hpp"

namespace l2lab::validity {

/// The three components of a stark state commitment.
struct StarkStateCommitment {
    stark::rescue::Digest account_root{};
    std::uint64_t registered = 0;
    Hash32 registry_root;

    /// The 32-byte root (see the file comment).
    Hash32 root() const;
    /// rlp([digest_bytes(account_root), registered, registry_root]).
    Bytes encode() const;
    /// Strict inverse of encode(); DecodeError otherwise (also for a digest word >= p).
    static StarkStateCommitment decode(BytesView encoding);
    bool operator==(const StarkStateCommitment&) const = default;
};

/// The Rescue account tree of `state` (leaf i = registered account i). Throws
/// stark::UnsupportedAccount when an account's nonce or balance does not fit a leaf, there are
/// more registered accounts than 2^depth, or a non-empty account is not registered (the
/// commitment would not cover it; zk-mode batches register every account they change);
/// InvalidArgument for an unsupported depth.
stark::RescueAccountTree stark_account_tree(const rollup::L2State& state, unsigned depth);
/// The registry tree of `state` (see the file comment).
crypto::SparseMerkleTree stark_registry_tree(const rollup::L2State& state);
/// The commitment of `state` (same errors as stark_account_tree()).
StarkStateCommitment stark_state_commitment(const rollup::L2State& state, unsigned depth);

}  // namespace l2lab::validity
