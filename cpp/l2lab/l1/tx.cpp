#include "l2lab/l1/tx.hpp"

#include <algorithm>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/crypto/keccak.hpp"

namespace l2lab::l1 {
namespace {

constexpr std::size_t kSignedFields = 13;

void add_unsigned_fields(rlp::ListBuilder& b, const Transaction& tx) {
    rlp::ListBuilder hashes;
    for (const Hash32& h : tx.blob_versioned_hashes) hashes.add_hash(h);
    b.add_u64(tx.chain_id)
        .add_u64(tx.nonce)
        .add_u256(tx.max_priority_fee_per_gas)
        .add_u256(tx.max_fee_per_gas)
        .add_u64(tx.gas_limit)
        .add_address(tx.to)
        .add_u256(tx.value)
        .add_bytes(tx.data)
        .add_u256(tx.max_fee_per_blob_gas)
        .add_encoded(hashes.finish());
}

}  // namespace

std::uint64_t Transaction::blob_gas() const noexcept {
    return gas::kGasPerBlob * static_cast<std::uint64_t>(blob_versioned_hashes.size());
}

Bytes Transaction::unsigned_encoding() const {
    rlp::ListBuilder b;
    add_unsigned_fields(b, *this);
    return b.finish();
}

Hash32 Transaction::signing_hash() const { return crypto::keccak256(unsigned_encoding()); }

void Transaction::sign(const crypto::PrivateKey& key) { signature = key.sign(signing_hash()); }

std::optional<Address> Transaction::recover_sender() const {
    return crypto::recover_address(signing_hash(), signature);
}

Bytes Transaction::encode() const {
    rlp::ListBuilder b;
    add_unsigned_fields(b, *this);
    b.add_u64(signature.v()).add_u256(signature.r()).add_u256(signature.s());
    return b.finish();
}

Hash32 Transaction::hash() const { return crypto::keccak256(encode()); }

Transaction Transaction::decode(BytesView encoding) {
    const rlp::Item root = rlp::decode(encoding);
    if (!root.is_list()) {
        throw DecodeError(DecodeErrorKind::UnexpectedType, root.offset(),
                          "transaction: expected a list");
    }
    const auto& f = root.fields(kSignedFields);
    Transaction tx;
    tx.chain_id = f[0].u64_value();
    tx.nonce = f[1].u64_value();
    tx.max_priority_fee_per_gas = f[2].u256_value();
    tx.max_fee_per_gas = f[3].u256_value();
    tx.gas_limit = f[4].u64_value();
    tx.to = f[5].address();
    tx.value = f[6].u256_value();
    const BytesView data = f[7].bytes();
    tx.data.assign(data.begin(), data.end());
    tx.max_fee_per_blob_gas = f[8].u256_value();
    if (!f[9].is_list()) {
        throw DecodeError(DecodeErrorKind::UnexpectedType, f[9].offset(),
                          "transaction: blob_versioned_hashes must be a list");
    }
    for (const rlp::Item& h : f[9].items()) tx.blob_versioned_hashes.push_back(h.hash());
    const std::uint64_t v = f[10].u64_value();
    if (v > 1) {
        throw DecodeError(DecodeErrorKind::InvalidValue, f[10].offset(),
                          "transaction: signature v must be 0 or 1");
    }
    const u256 r = f[11].u256_value();
    const u256 s = f[12].u256_value();
    Bytes sig(65, 0);
    const auto rb = to_be32(r);
    const auto sb = to_be32(s);
    std::copy(rb.begin(), rb.end(), sig.begin());
    std::copy(sb.begin(), sb.end(), sig.begin() + 32);
    sig[64] = static_cast<std::uint8_t>(v);
    try {
        tx.signature = crypto::Signature::parse(sig);
    } catch (const CryptoError& e) {
        throw DecodeError(DecodeErrorKind::InvalidValue, f[11].offset(),
                          std::string("transaction: ") + e.what());
    }
    return tx;
}

}  // namespace l2lab::l1
