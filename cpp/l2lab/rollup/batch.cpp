#include "l2lab/rollup/batch.hpp"

#include <algorithm>
#include <string>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"

namespace l2lab::rollup {

Bytes encode_batch_payload(const Batch& batch) {
    rlp::ListBuilder txs;
    for (const auto& tx : batch.txs) txs.add_encoded(tx.encode());
    rlp::ListBuilder top;
    top.add_u64(batch.queue_index).add_encoded(txs.finish());
    return top.finish();
}

Bytes encode_batch(const Batch& batch, Codec codec, int level) {
    if (batch.txs.size() > kMaxBatchTxs) throw InvalidArgument("batch holds too many txs");
    Bytes body = compress(codec, encode_batch_payload(batch), level);
    Bytes frame(body.size() + 2);
    frame[0] = kBatchVersion;
    frame[1] = static_cast<std::uint8_t>(codec);
    std::copy(body.begin(), body.end(), frame.begin() + 2);
    return frame;
}

Batch decode_batch(BytesView frame, std::size_t max_decompressed) {
    if (frame.size() < 2) throw DecodeError(DecodeErrorKind::Truncated, frame.size(), "batch frame shorter than 2 bytes");
    if (frame[0] != kBatchVersion) {
        throw DecodeError(DecodeErrorKind::InvalidValue, 0,
                          "unknown batch version " + std::to_string(frame[0]));
    }
    if (frame[1] > static_cast<std::uint8_t>(Codec::Brotli)) {
        throw DecodeError(DecodeErrorKind::InvalidValue, 1,
                          "unknown batch codec " + std::to_string(frame[1]));
    }
    const Bytes payload =
        decompress(static_cast<Codec>(frame[1]), frame.subspan(2), max_decompressed);
    rlp::Limits lim;
    lim.max_input_bytes = std::max<std::size_t>(max_decompressed, 1);
    lim.max_depth = 3;
    lim.max_items = kMaxBatchTxs * 8 + 4;
    const auto item = rlp::decode(payload, lim);
    const auto& f = item.fields(2);
    Batch b;
    b.queue_index = f[0].u64_value();
    const auto& txs = f[1].items();
    if (txs.size() > kMaxBatchTxs) {
        throw DecodeError(DecodeErrorKind::Oversized, f[1].offset(), "batch holds too many txs");
    }
    b.txs.reserve(txs.size());
    for (const auto& t : txs) b.txs.push_back(L2Tx::from_item(t));
    return b;
}

}  // namespace l2lab::rollup
