#include "l2lab/validity/statement.hpp"

#include <cstring>
#include <string_view>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/crypto/keccak.hpp"

namespace l2lab::validity {

namespace {
constexpr std::string_view kTag = "l2lab/validity/statement/v1";
}

Bytes Statement::encode() const {
    rlp::ListBuilder b;
    b.add_bytes(as_bytes(kTag)).add_u64(chain_id).add_address(fee_recipient).add_u64(batch_index);
    b.add_hash(pre_root).add_hash(post_root).add_u64(static_cast<std::uint64_t>(da));
    b.add_hash(data_commitment).add_u64(queue_start).add_u64(queue_end).add_hash(queue_digest);
    return b.finish();
}

Hash32 Statement::hash() const { return crypto::keccak256(encode()); }

Statement Statement::decode(BytesView encoding) {
    rlp::Limits lim;
    lim.max_input_bytes = 1024;
    lim.max_depth = 1;
    const auto item = rlp::decode(encoding, lim);
    const auto& f = item.fields(11);
    const BytesView tag = f[0].bytes();
    if (std::string_view(reinterpret_cast<const char*>(tag.data()), tag.size()) != kTag) {
        throw DecodeError(DecodeErrorKind::InvalidValue, f[0].offset(),
                          "statement: tag is not l2lab/validity/statement/v1");
    }
    Statement s;
    s.chain_id = f[1].u64_value();
    s.fee_recipient = f[2].address();
    s.batch_index = f[3].u64_value();
    s.pre_root = f[4].hash();
    s.post_root = f[5].hash();
    const std::uint64_t da = f[6].u64_value();
    if (da > 1) throw DecodeError(DecodeErrorKind::InvalidValue, f[6].offset(), "statement: da must be 0 or 1");
    s.da = static_cast<rollup::BatchDa>(da);
    s.data_commitment = f[7].hash();
    s.queue_start = f[8].u64_value();
    s.queue_end = f[9].u64_value();
    if (s.queue_end < s.queue_start) {
        throw DecodeError(DecodeErrorKind::InvalidValue, f[9].offset(),
                          "statement: queue_end is below queue_start");
    }
    s.queue_digest = f[10].hash();
    return s;
}

Hash32 queue_digest_step(const Hash32& digest, const Hash32& op_hash) {
    std::uint8_t buf[64];
    std::memcpy(buf, digest.bytes.data(), 32);
    std::memcpy(buf + 32, op_hash.bytes.data(), 32);
    return crypto::keccak256(BytesView(buf, 64));
}

Hash32 queue_digest(std::span<const Hash32> op_hashes) {
    Hash32 d{};
    for (const auto& h : op_hashes) d = queue_digest_step(d, h);
    return d;
}

}  // namespace l2lab::validity
