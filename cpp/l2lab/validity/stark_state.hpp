#pragma once
/// \file stark_state.hpp
/// The state commitment the `stark` proof system's statements use (its pre_root / post_root):
/// the rollup state as a Rescue account tree the batch AIR can update, bound into a Keccak
/// sparse Merkle tree (crypto/smt.hpp) that also holds the account registry and the withdrawal
/// records.
///
///   root = root of the Keccak sparse Merkle tree (the "stark Keccak tree") holding
///     header        stark_header_key() -> stark_header_leaf(account_root, registered)
///                   = keccak256("l2lab/validity/stark/state/v2")
///                     -> keccak256(digest_bytes(account_root) || registered (8 bytes big-endian))
///     registry      account_index_key(a) -> registry_leaf(index of a), every registered a
///     withdrawals   withdrawal_key(sender, nonce) -> withdrawal_leaf(l1_recipient, amount),
///                   every recorded withdrawal (rollup/state.hpp's keys and leaves)
///   account_root    root of the Rescue account tree (stark/account_tree.hpp) of depth D whose
///                   leaf i is the account registered under index i (rollup/state.hpp's
///                   registry: indices in registration order, a batch registers the accounts it
///                   first names in ascending address order); unused indices hold the zero digest
///   registered      the number of registered accounts
/// The three key kinds are Keccak outputs of distinct tagged preimages, so they cannot collide.
///
/// Why two trees: the AIR proves balance and nonce updates in the Rescue tree, where a leaf
/// carries its address, so a step can only touch the account it names. What the AIR cannot see
/// is whether an address already has an index elsewhere: a prover could open a second leaf for
/// it. The registry closes that: the verifier checks, natively with Keccak, that every account a
/// batch creates is absent from the registry before and gets exactly the next index.
///
/// Why the root is the Keccak tree's root: a withdrawal is claimed on L1 by the inbox's
/// finalize_withdrawal, which checks a Keccak SMT proof of withdrawal_key -> withdrawal_leaf
/// against a registered root. With the records in the same tree as the header, a stark root is
/// such a root, so claims work exactly as in the other modes (stark_withdrawal_proof() gives the
/// proof). The verifier writes the header, the created accounts' registry entries and the
/// batch's withdrawal records through one Keccak multiproof per batch; registry entries and
/// withdrawal records are written once and never removed.
#include <cstdint>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/crypto/smt.hpp"
#include "l2lab/rollup/state.hpp"
#include "l2lab/validity/stark/account_tree.hpp"

namespace l2lab::validity {

/// The components of a stark state commitment.
struct StarkStateCommitment {
    stark::rescue::Digest account_root{};
    std::uint64_t registered = 0;
    Hash32 tree_root;  ///< root of the stark Keccak tree (header, registry, withdrawals)

    /// The 32-byte state root: tree_root (see the file comment).
    Hash32 root() const { return tree_root; }
    /// The header leaf these components put in the tree.
    Hash32 header_leaf() const;
    /// rlp([digest_bytes(account_root), registered, tree_root]).
    Bytes encode() const;
    /// Strict inverse of encode(); DecodeError otherwise (also for a digest word >= p).
    static StarkStateCommitment decode(BytesView encoding);
    bool operator==(const StarkStateCommitment&) const = default;
};

/// keccak256("l2lab/validity/stark/state/v2"): the header's key in the stark Keccak tree.
Hash32 stark_header_key();
/// keccak256(digest_bytes(account_root) || registered (8 bytes big-endian)).
Hash32 stark_header_leaf(const stark::rescue::Digest& account_root, std::uint64_t registered);

/// The Rescue account tree of `state` (leaf i = registered account i). Throws
/// stark::UnsupportedAccount when an account's nonce or balance does not fit a leaf, there are
/// more registered accounts than 2^depth, or a non-empty account is not registered (the
/// commitment would not cover it; zk-mode batches register every account they change);
/// InvalidArgument for an unsupported depth.
stark::RescueAccountTree stark_account_tree(const rollup::L2State& state, unsigned depth);
/// The stark Keccak tree of `state` whose header holds `account_root` (the root of
/// stark_account_tree(state, depth)) and the state's registered count.
crypto::SparseMerkleTree stark_keccak_tree(const rollup::L2State& state,
                                           const stark::rescue::Digest& account_root);
/// The commitment of `state` (same errors as stark_account_tree()).
StarkStateCommitment stark_state_commitment(const rollup::L2State& state, unsigned depth);
/// The inclusion proof of withdrawal (sender, nonce) under stark_state_commitment(state,
/// depth).root(): what the inbox's finalize_withdrawal takes. Throws StateError when the state
/// holds no such withdrawal; the errors of stark_account_tree() otherwise.
crypto::SmtProof stark_withdrawal_proof(const rollup::L2State& state, unsigned depth,
                                        const Address& sender, std::uint64_t nonce);

}  // namespace l2lab::validity
