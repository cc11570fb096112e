#include "l2lab/rollup/tx.hpp"

#include <string_view>

#include "l2lab/core/error.hpp"
#include "l2lab/crypto/keccak.hpp"

namespace l2lab::rollup {

namespace {
constexpr std::string_view kTxTag = "l2lab/rollup/tx";

[[noreturn]] void bad(const rlp::Item& at, DecodeErrorKind kind, const std::string& what) {
    throw DecodeError(kind, at.offset(), what);
}
}  // namespace

Hash32 L2Tx::signing_hash() const {
    rlp::ListBuilder b;
    b.add_bytes(as_bytes(kTxTag))
        .add_u64(static_cast<std::uint64_t>(kind))
        .add_u64(chain_id)
        .add_u64(nonce)
        .add_u256(fee)
        .add_address(to)
        .add_u256(value);
    return crypto::keccak256(b.finish());
}

void L2Tx::sign(const crypto::PrivateKey& key) { signature = key.sign(signing_hash()).bytes; }

std::optional<Address> L2Tx::recover_sender() const {
    crypto::Signature sig;
    sig.bytes = signature;
    // recover() rejects high-s and non-recoverable input; v outside {0,1} is rejected here.
    if (sig.v() > 1) return std::nullopt;
    try {
        return crypto::recover_address(signing_hash(), sig);
    } catch (const Error&) {
        return std::nullopt;
    }
}

Bytes L2Tx::encode() const {
    rlp::ListBuilder b;
    b.add_u64(static_cast<std::uint64_t>(kind))
        .add_u64(chain_id)
        .add_u64(nonce)
        .add_u256(fee)
        .add_address(to)
        .add_u256(value)
        .add_bytes({signature.data(), signature.size()});
    return b.finish();
}

Hash32 L2Tx::hash() const { return crypto::keccak256(encode()); }

L2Tx L2Tx::from_item(const rlp::Item& item) {
    const auto& f = item.fields(7);
    L2Tx tx;
    const std::uint64_t k = f[0].u64_value();
    if (k > 1) bad(f[0], DecodeErrorKind::InvalidValue, "L2 tx kind must be 0 or 1");
    tx.kind = static_cast<TxKind>(k);
    tx.chain_id = f[1].u64_value();
    tx.nonce = f[2].u64_value();
    tx.fee = f[3].u256_value();
    tx.to = f[4].address();
    tx.value = f[5].u256_value();
    const BytesView sig = f[6].bytes();
    if (sig.size() != 65) bad(f[6], DecodeErrorKind::InvalidValue, "signature must be 65 bytes");
    std::copy(sig.begin(), sig.end(), tx.signature.begin());
    return tx;
}

L2Tx L2Tx::decode(BytesView encoding) {
    rlp::Limits lim;
    lim.max_depth = 1;
    return from_item(rlp::decode(encoding, lim));
}

Bytes Deposit::encode() const {
    rlp::ListBuilder b;
    b.add_u64(queue_index).add_address(l1_sender).add_address(to).add_u256(amount);
    return b.finish();
}

Deposit Deposit::decode(BytesView encoding) {
    rlp::Limits lim;
    lim.max_depth = 1;
    const auto item = rlp::decode(encoding, lim);
    const auto& f = item.fields(4);
    return {f[0].u64_value(), f[1].address(), f[2].address(), f[3].u256_value()};
}

Bytes encode_op(const Op& op) {
    rlp::ListBuilder b;
    b.add_u64(op.index());
    if (const auto* tx = std::get_if<L2Tx>(&op)) {
        b.add_encoded(tx->encode());
    } else if (const auto* d = std::get_if<Deposit>(&op)) {
        b.add_encoded(d->encode());
    } else {
        b.add_bytes(std::get<UndecodableOp>(op).data);
    }
    return b.finish();
}

Op decode_op(BytesView encoding) {
    rlp::Limits lim;
    lim.max_depth = 2;
    const auto item = rlp::decode(encoding, lim);
    const auto& f = item.fields(2);
    switch (f[0].u64_value()) {
        case 0: return L2Tx::from_item(f[1]);
        case 1: return Deposit::decode(f[1].encoded());
        case 2: return UndecodableOp{Bytes(f[1].bytes().begin(), f[1].bytes().end())};
        default: bad(f[0], DecodeErrorKind::InvalidValue, "op tag must be 0, 1 or 2");
    }
}

Hash32 op_hash(const Op& op) { return crypto::keccak256(encode_op(op)); }

}  // namespace l2lab::rollup
