#include "l2lab/channel/message.hpp"

#include <string>

#include "l2lab/core/error.hpp"

namespace l2lab::channel {

namespace {

crypto::Signature parse_sig(const rlp::Item& item) {
    try {
        return crypto::Signature::parse(item.bytes());
    } catch (const CryptoError& e) {
        throw DecodeError(DecodeErrorKind::InvalidValue, item.offset(),
                          std::string("signature: ") + e.what());
    } catch (const InvalidArgument& e) {
        throw DecodeError(DecodeErrorKind::InvalidValue, item.offset(),
                          std::string("signature: ") + e.what());
    }
}

rlp::ListBuilder head(std::uint64_t type) {
    rlp::ListBuilder b;
    b.add_u64(type);
    return b;
}

}  // namespace

Bytes encode_message(const Message& m) {
    return std::visit(
        [](const auto& msg) -> Bytes {
            using T = std::decay_t<decltype(msg)>;
            if constexpr (std::is_same_v<T, ProposeMsg>) {
                return head(1)
                    .add_hash(msg.state.channel_id)
                    .add_encoded(msg.state.encode())
                    .add_bytes(msg.signature.view())
                    .finish();
            } else if constexpr (std::is_same_v<T, CountersignMsg>) {
                return head(2)
                    .add_hash(msg.channel_id)
                    .add_u64(msg.version)
                    .add_hash(msg.digest)
                    .add_bytes(msg.signature.view())
                    .finish();
            } else if constexpr (std::is_same_v<T, AckMsg>) {
                return head(3).add_hash(msg.state.state.channel_id).add_encoded(msg.state.encode()).finish();
            } else if constexpr (std::is_same_v<T, RejectMsg>) {
                return head(4)
                    .add_hash(msg.channel_id)
                    .add_u64(msg.version)
                    .add_bytes(as_bytes(channel_error_name(msg.reason)))
                    .finish();
            } else if constexpr (std::is_same_v<T, SyncMsg>) {
                return head(5).add_hash(msg.channel_id).add_u64(msg.version).finish();
            } else {
                static_assert(std::is_same_v<T, SyncReplyMsg>);
                return head(6).add_hash(msg.state.state.channel_id).add_encoded(msg.state.encode()).finish();
            }
        },
        m);
}

Message decode_message(BytesView bytes) {
    rlp::Limits limits;
    limits.max_input_bytes = kMaxMessageBytes;
    limits.max_depth = 4;
    const rlp::Item root = rlp::decode(bytes, limits);
    const auto& items = root.items();
    if (items.empty()) throw DecodeError(DecodeErrorKind::UnexpectedType, root.offset(), "empty message");
    const auto type = items[0].u64_value();
    auto same_channel = [](const rlp::Item& id_item, const Hash32& inner) {
        if (id_item.hash() != inner) {
            throw DecodeError(DecodeErrorKind::InvalidValue, id_item.offset(),
                              "channel id differs from the embedded state's");
        }
    };
    switch (type) {
        case 1: {
            const auto& f = root.fields(4);
            ProposeMsg m{State::decode(f[2]), parse_sig(f[3])};
            same_channel(f[1], m.state.channel_id);
            return m;
        }
        case 2: {
            const auto& f = root.fields(5);
            return CountersignMsg{f[1].hash(), f[2].u64_value(), f[3].hash(), parse_sig(f[4])};
        }
        case 3: case 6: {
            const auto& f = root.fields(3);
            SignedState s = SignedState::decode(f[2]);
            same_channel(f[1], s.state.channel_id);
            if (type == 3) return AckMsg{std::move(s)};
            return SyncReplyMsg{std::move(s)};
        }
        case 4: {
            const auto& f = root.fields(4);
            const auto raw = f[3].bytes();
            const auto reason = channel_error_from_name(
                std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()));
            if (!reason) throw DecodeError(DecodeErrorKind::InvalidValue, f[3].offset(), "unknown reject reason");
            return RejectMsg{f[1].hash(), f[2].u64_value(), *reason};
        }
        case 5: {
            const auto& f = root.fields(3);
            return SyncMsg{f[1].hash(), f[2].u64_value()};
        }
        case 7:
            throw DecodeError(DecodeErrorKind::InvalidValue, items[0].offset(),
                              "message type 7 (plain-state tower update) is retired: towers get "
                              "encrypted justice blobs only");
        default:
            throw DecodeError(DecodeErrorKind::InvalidValue, items[0].offset(),
                              "unknown message type " + std::to_string(type));
    }
}

std::string_view message_type_name(const Message& m) {
    static constexpr std::string_view names[] = {"propose", "countersign", "ack",         "reject",
                                                 "sync",    "sync_reply"};
    return names[m.index()];
}

}  // namespace l2lab::channel
