#pragma once
/// \file statement.hpp
/// The public statement a validity proof attests: "applying the batch's queue items
/// [queue_start, queue_end) and then its sequencer transactions to the state with root pre_root,
/// under the STF of (chain_id, fee_recipient), gives post_root, and the batch's posted data (whose
/// commitment is data_commitment) is exactly that transition's state diff".
///
/// The L1 verifier contract never takes a statement from the prover: it builds every field from
/// L1 data (the inbox's BatchRecord, its queue records, the verifier's own last proven root and
/// queue cursor, its configured chain) except post_root and queue_end, which the proof must then
/// justify (verifier_contract.hpp).
///
/// Encoding: rlp(["l2lab/validity/statement/v1", chain_id, fee_recipient, batch_index, pre_root,
/// post_root, da, data_commitment, queue_start, queue_end, queue_digest]).
#include <cstdint>
#include <span>
#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/rollup/inbox.hpp"

namespace l2lab::validity {

/// Public inputs of one batch proof.
struct Statement {
    std::uint64_t chain_id = 0;    ///< L2 chain id (the STF's, part of every signed digest)
    Address fee_recipient;         ///< the STF's fee recipient
    std::uint64_t batch_index = 0; ///< index of the batch in the inbox
    Hash32 pre_root;               ///< state root before the batch (the previous proven root)
    Hash32 post_root;              ///< state root after the batch
    rollup::BatchDa da = rollup::BatchDa::Calldata;  ///< where the batch's data lives
    Hash32 data_commitment;        ///< keccak256(frame) (calldata) or the blob's versioned hash
    std::uint64_t queue_start = 0; ///< first L1 queue item the batch consumes
    std::uint64_t queue_end = 0;   ///< one past the last consumed queue item (>= queue_start)
    Hash32 queue_digest;           ///< queue_digest() of the consumed items' op hashes

    /// Canonical encoding (see the file comment).
    Bytes encode() const;
    /// keccak256(encode()): what proof systems bind to.
    Hash32 hash() const;
    /// Strict inverse of encode(). Throws DecodeError for anything else (wrong tag, field count,
    /// a hash or address of the wrong length, da not 0/1, queue_end < queue_start).
    static Statement decode(BytesView encoding);
    bool operator==(const Statement&) const = default;
};

/// Hash chain over the op hashes of consumed queue items, in queue order:
/// d_0 = 32 zero bytes, d_{k+1} = keccak256(d_k || op_hash_k). Empty range: 32 zero bytes.
Hash32 queue_digest(std::span<const Hash32> op_hashes);
/// One step of the chain: keccak256(digest || op_hash).
Hash32 queue_digest_step(const Hash32& digest, const Hash32& op_hash);

}  // namespace l2lab::validity
