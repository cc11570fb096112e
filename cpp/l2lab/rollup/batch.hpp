#pragma once
/// \file batch.hpp
/// Sequencer batches and their wire frame (calldata or blob payload).
///
/// Frame: version byte 0x01 || codec byte (Codec) || compress(rlp([queue_index, [tx, ...]])).
/// `queue_index` is the number of L1 queue items (deposits, forced txs) the sequencer claims to
/// have consumed before its txs (derivation clamps it, see derivation.hpp).
/// Strict decoding: any deviation (unknown version/codec, corrupt or oversized compressed data,
/// non-canonical RLP, a malformed tx, trailing bytes) is a DecodeError; derivation then treats
/// the batch as empty.
#include <cstdint>
#include <vector>
#include "l2lab/core/bytes.hpp"
#include "l2lab/rollup/compression.hpp"
#include "l2lab/rollup/tx.hpp"

namespace l2lab::rollup {

/// Frame version byte.
inline constexpr std::uint8_t kBatchVersion = 1;
/// Most transactions a batch may hold.
inline constexpr std::size_t kMaxBatchTxs = 1u << 18;

/// A sequencer batch.
struct Batch {
    std::uint64_t queue_index = 0;
    std::vector<L2Tx> txs;
    bool operator==(const Batch&) const = default;
};

/// Uncompressed payload rlp([queue_index, [tx...]]).
Bytes encode_batch_payload(const Batch& batch);
/// Full frame with `codec` at `level` (see compress()).
Bytes encode_batch(const Batch& batch, Codec codec, int level);
/// Strict inverse of encode_batch. Throws DecodeError (kind + offset) for any malformed frame;
/// decompressed data beyond `max_decompressed` bytes is Oversized.
Batch decode_batch(BytesView frame, std::size_t max_decompressed = kDefaultMaxDecompressed);

}  // namespace l2lab::rollup
