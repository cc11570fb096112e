#include "l2lab/rollup/state_diff.hpp"

#include <algorithm>
#include <string>
#include <tuple>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"

namespace l2lab::rollup {

Bytes StateDiff::encode() const {
    rlp::ListBuilder accts;
    for (const auto& [a, acct] : accounts) {
        rlp::ListBuilder e;
        e.add_address(a).add_u64(acct.nonce).add_u256(acct.balance);
        accts.add_encoded(e.finish());
    }
    rlp::ListBuilder wds;
    for (const auto& w : withdrawals) {
        rlp::ListBuilder e;
        e.add_address(w.sender).add_u64(w.nonce).add_address(w.l1_recipient).add_u256(w.amount);
        wds.add_encoded(e.finish());
    }
    rlp::ListBuilder top;
    top.add_hash(pre_root).add_hash(post_root).add_encoded(accts.finish()).add_encoded(wds.finish());
    return top.finish();
}

StateDiff StateDiff::decode(BytesView encoding) {
    rlp::Limits lim;
    lim.max_depth = 3;
    const auto item = rlp::decode(encoding, lim);
    const auto& f = item.fields(4);
    StateDiff d;
    d.pre_root = f[0].hash();
    d.post_root = f[1].hash();
    for (const auto& e : f[2].items()) {
        const auto& g = e.fields(3);
        const Address a = g[0].address();
        if (!d.accounts.empty() && !(d.accounts.back().first < a)) {
            throw DecodeError(DecodeErrorKind::NonCanonical, e.offset(),
                              "state diff accounts must be strictly ascending");
        }
        d.accounts.emplace_back(a, L2Account{g[1].u64_value(), g[2].u256_value()});
    }
    for (const auto& e : f[3].items()) {
        const auto& g = e.fields(4);
        WithdrawalRecord w{g[0].address(), g[1].u64_value(), g[2].address(), g[3].u256_value()};
        if (!d.withdrawals.empty()) {
            const auto& p = d.withdrawals.back();
            if (!(std::tie(p.sender, p.nonce) < std::tie(w.sender, w.nonce))) {
                throw DecodeError(DecodeErrorKind::NonCanonical, e.offset(),
                                  "state diff withdrawals must be strictly ascending");
            }
        }
        d.withdrawals.push_back(w);
    }
    return d;
}

StateDiff make_state_diff(const L2State& pre, const L2State& post) {
    StateDiff d;
    d.pre_root = pre.state_root();
    d.post_root = post.state_root();
    const auto& a = pre.accounts();
    const auto& b = post.accounts();
    auto ia = a.begin();
    auto ib = b.begin();
    // Merge the two ordered maps: changed, added and emptied accounts.
    while (ia != a.end() || ib != b.end()) {
        if (ib == b.end() || (ia != a.end() && ia->first < ib->first)) {
            d.accounts.emplace_back(ia->first, L2Account{});
            ++ia;
        } else if (ia == a.end() || ib->first < ia->first) {
            d.accounts.emplace_back(ib->first, ib->second);
            ++ib;
        } else {
            if (!(ia->second == ib->second)) d.accounts.emplace_back(ib->first, ib->second);
            ++ia;
            ++ib;
        }
    }
    for (const auto& w : post.withdrawals()) {
        if (!pre.withdrawal(w.sender, w.nonce)) d.withdrawals.push_back(w);
    }
    for (const auto& w : pre.withdrawals()) {
        if (!post.withdrawal(w.sender, w.nonce)) {
            throw InvalidArgument("post state lacks a withdrawal of the pre state");
        }
    }
    return d;
}

void apply_state_diff(L2State& state, const StateDiff& diff) {
    if (state.state_root() != diff.pre_root) {
        throw StateError("state diff does not apply: pre_root differs from the state's root");
    }
    const auto cp = state.checkpoint();
    bool reached = false;
    try {
        for (const auto& [a, acct] : diff.accounts) state.set_account(a, acct);
        for (const auto& w : diff.withdrawals) state.add_withdrawal(w);
        reached = state.state_root() == diff.post_root;
    } catch (...) {
        state.rollback(cp);
        state.commit(cp);  // close the checkpoint: journal exactly as before the call
        throw;
    }
    if (!reached) {
        state.rollback(cp);
        state.commit(cp);
        throw StateError("state diff does not reach its post_root");
    }
    state.commit(cp);
}

Bytes encode_diff_batch_payload(const DiffBatch& batch) {
    rlp::ListBuilder top;
    top.add_u64(batch.queue_start).add_u64(batch.queue_end).add_encoded(batch.diff.encode());
    return top.finish();
}

Bytes encode_diff_batch(const DiffBatch& batch, Codec codec, int level) {
    if (batch.queue_end < batch.queue_start) {
        throw InvalidArgument("diff batch queue_end is below queue_start");
    }
    const Bytes body = compress(codec, encode_diff_batch_payload(batch), level);
    Bytes frame(body.size() + 2);
    frame[0] = kDiffBatchVersion;
    frame[1] = static_cast<std::uint8_t>(codec);
    std::copy(body.begin(), body.end(), frame.begin() + 2);
    return frame;
}

DiffBatch decode_diff_batch(BytesView frame, std::size_t max_decompressed) {
    if (frame.size() < 2) {
        throw DecodeError(DecodeErrorKind::Truncated, frame.size(), "diff batch frame shorter than 2 bytes");
    }
    if (frame[0] != kDiffBatchVersion) {
        throw DecodeError(DecodeErrorKind::InvalidValue, 0,
                          "not a diff batch (version " + std::to_string(frame[0]) + ", expected 2)");
    }
    if (frame[1] > static_cast<std::uint8_t>(Codec::Brotli)) {
        throw DecodeError(DecodeErrorKind::InvalidValue, 1, "unknown batch codec " + std::to_string(frame[1]));
    }
    const Bytes payload = decompress(static_cast<Codec>(frame[1]), frame.subspan(2), max_decompressed);
    rlp::Limits lim;
    lim.max_input_bytes = std::max<std::size_t>(max_decompressed, 1);
    lim.max_depth = 4;
    const auto item = rlp::decode(payload, lim);
    const auto& f = item.fields(3);
    DiffBatch b;
    b.queue_start = f[0].u64_value();
    b.queue_end = f[1].u64_value();
    if (b.queue_end < b.queue_start) {
        throw DecodeError(DecodeErrorKind::InvalidValue, f[1].offset(), "diff batch queue_end is below queue_start");
    }
    if (!f[2].is_list()) throw DecodeError(DecodeErrorKind::UnexpectedType, f[2].offset(), "diff batch: diff must be a list");
    b.diff = StateDiff::decode(f[2].encoded());
    return b;
}

}  // namespace l2lab::rollup
