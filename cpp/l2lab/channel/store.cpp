#include "l2lab/channel/store.hpp"

#include <string>

#include "l2lab/core/error.hpp"

namespace l2lab::channel {

namespace {

Bytes optional_state(const std::optional<State>& s) {
    rlp::ListBuilder b;
    if (s) b.add_encoded(s->encode());
    return b.finish();
}

std::optional<State> decode_optional_state(const rlp::Item& item) {
    const auto& xs = item.items();
    if (xs.empty()) return std::nullopt;
    if (xs.size() != 1) throw DecodeError(DecodeErrorKind::UnexpectedType, item.offset(), "0 or 1 state");
    return State::decode(xs[0]);
}

}  // namespace

Bytes ChannelRecordData::encode() const {
    rlp::ListBuilder b;
    b.add_encoded(params.encode())
        .add_u64(index)
        .add_encoded(latest.encode())
        .add_u64(highest_signed)
        .add_encoded(optional_state(countersigned))
        .add_encoded(optional_state(proposed));
    rlp::ListBuilder pr;
    if (proof) {
        pr.add_encoded(rlp::ListBuilder()
                           .add_u64(proof->proposer)
                           .add_bytes(proof->proposer_sig.view())
                           .add_bytes(proof->own_sig.view())
                           .finish());
    }
    b.add_encoded(pr.finish());
    return b.finish();
}

ChannelRecordData ChannelRecordData::decode(BytesView bytes) {
    rlp::Limits limits;
    limits.max_depth = 5;
    limits.max_input_bytes = 64 * 1024;
    const auto root = rlp::decode(bytes, limits);
    const auto& f = root.fields(7);
    ChannelRecordData r;
    r.params = ChannelParams::decode(f[0]);
    const auto idx = f[1].u64_value();
    if (idx >= r.params.size()) throw DecodeError(DecodeErrorKind::InvalidValue, f[1].offset(), "index out of range");
    r.index = static_cast<std::size_t>(idx);
    r.latest = SignedState::decode(f[2]);
    if (r.latest.state.balances.size() != r.params.size() ||
        r.latest.signatures.size() != r.params.size()) {
        throw DecodeError(DecodeErrorKind::InvalidValue, f[2].offset(), "latest state shape");
    }
    r.highest_signed = f[3].u64_value();
    r.countersigned = decode_optional_state(f[4]);
    r.proposed = decode_optional_state(f[5]);
    const auto& pr = f[6].items();
    if (pr.size() > 1) throw DecodeError(DecodeErrorKind::UnexpectedType, f[6].offset(), "0 or 1 proof");
    if (pr.empty() != !r.countersigned) {
        throw DecodeError(DecodeErrorKind::InvalidValue, f[6].offset(),
                          "countersignature proof present exactly with a countersigned state");
    }
    if (!pr.empty()) {
        const auto& g = pr[0].fields(3);
        const auto who = g[0].u64_value();
        if (who >= r.params.size() || who == r.index) {
            throw DecodeError(DecodeErrorKind::InvalidValue, g[0].offset(), "proposer index");
        }
        CountersignProof proof;
        proof.proposer = static_cast<std::size_t>(who);
        try {
            proof.proposer_sig = crypto::Signature::parse(g[1].bytes());
            proof.own_sig = crypto::Signature::parse(g[2].bytes());
        } catch (const CryptoError&) {
            throw DecodeError(DecodeErrorKind::InvalidValue, g[1].offset(), "proof signature");
        }
        r.proof = proof;
    }
    return r;
}

void MemoryStore::write(Bytes record) {
    m_record = std::move(record);
    ++m_writes;
}

void DurableStore::write(Bytes record) {
    m_history.push_back(record);
    m_record = std::move(record);
    ++m_writes;
}

void DurableStore::restore_backup(std::size_t versions_back) {
    if (versions_back >= m_history.size()) {
        throw InvalidArgument("no backup " + std::to_string(versions_back) + " writes back (have " +
                              std::to_string(m_history.size()) + ")");
    }
    m_record = m_history[m_history.size() - 1 - versions_back];
}

}  // namespace l2lab::channel
