#include "l2lab/validity/stark/proof.hpp"

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"

namespace l2lab::stark {

namespace {

void put_word(Bytes& out, std::uint64_t v) {
    for (int b = 0; b < 8; ++b) out.push_back(static_cast<std::uint8_t>(v >> (8 * b)));
}

Bytes fp_bytes(const std::vector<Fp>& v) {
    Bytes out;
    out.reserve(8 * v.size());
    for (auto x : v) put_word(out, x.value());
    return out;
}

Bytes fp3_bytes(const std::vector<Fp3>& v) {
    Bytes out;
    out.reserve(24 * v.size());
    for (const auto& x : v)
        for (auto c : x.coeffs()) put_word(out, c.value());
    return out;
}

Bytes hash_bytes_of(const std::vector<Hash32>& v) {
    Bytes out;
    out.reserve(32 * v.size());
    for (const auto& h : v) out.insert(out.end(), h.bytes.begin(), h.bytes.end());
    return out;
}

std::vector<Fp> read_words(const rlp::Item& item, std::size_t group, const char* what) {
    const BytesView b = item.bytes();
    if (b.size() % (8 * group) != 0)
        throw DecodeError(DecodeErrorKind::InvalidValue, item.offset(),
                          std::string("stark proof: ") + what + " length is not a multiple of " +
                              std::to_string(8 * group));
    std::vector<Fp> out(b.size() / 8);
    for (std::size_t i = 0; i < out.size(); ++i) {
        std::uint64_t v = 0;
        for (int k = 7; k >= 0; --k) v = (v << 8) | b[8 * i + static_cast<std::size_t>(k)];
        if (v >= Fp::kModulus)
            throw DecodeError(DecodeErrorKind::InvalidValue, item.offset(),
                              std::string("stark proof: ") + what + " word " + std::to_string(i) +
                                  " is not a canonical field element");
        out[i] = Fp::from_canonical(v);
    }
    return out;
}

std::vector<Fp> read_fp(const rlp::Item& item, const char* what) { return read_words(item, 1, what); }

std::vector<Fp3> read_fp3(const rlp::Item& item, const char* what) {
    const auto w = read_words(item, 3, what);
    std::vector<Fp3> out(w.size() / 3);
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = Fp3(w[3 * i], w[3 * i + 1], w[3 * i + 2]);
    return out;
}

std::vector<Hash32> read_hashes(const rlp::Item& item, const char* what) {
    const BytesView b = item.bytes();
    if (b.size() % 32 != 0)
        throw DecodeError(DecodeErrorKind::InvalidValue, item.offset(),
                          std::string("stark proof: ") + what + " length is not a multiple of 32");
    std::vector<Hash32> out(b.size() / 32);
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = Hash32::from_view(b.subspan(32 * i, 32));
    return out;
}

}  // namespace

Bytes StarkProof::encode() const {
    std::vector<Bytes> layers;
    for (const auto& l : fri_layers) {
        rlp::ListBuilder lb;
        lb.add_bytes(fp3_bytes(l.values)).add_bytes(hash_bytes_of(l.nodes));
        layers.push_back(lb.finish());
    }
    rlp::ListBuilder b;
    b.add_hash(trace_root)
        .add_hash(composition_root)
        .add_bytes(fp3_bytes(ood_current))
        .add_bytes(fp3_bytes(ood_next))
        .add_bytes(fp3_bytes(ood_composition))
        .add_bytes(hash_bytes_of(fri_roots))
        .add_bytes(fp3_bytes(fri_remainder))
        .add_u64(pow_nonce)
        .add_bytes(fp_bytes(trace_values))
        .add_bytes(hash_bytes_of(trace_nodes))
        .add_bytes(fp3_bytes(composition_values))
        .add_bytes(hash_bytes_of(composition_nodes))
        .add_encoded(rlp::encode_list(layers));
    return b.finish();
}

StarkProof StarkProof::decode(BytesView bytes) {
    rlp::Limits limits;
    limits.max_input_bytes = kMaxProofBytes;
    limits.max_depth = 3;
    limits.max_items = 4096;
    const rlp::Item root = rlp::decode(bytes, limits);
    if (!root.is_list()) throw DecodeError(DecodeErrorKind::UnexpectedType, 0, "stark proof: not a list");
    const auto& f = root.fields(13);
    StarkProof p;
    p.trace_root = f[0].hash();
    p.composition_root = f[1].hash();
    p.ood_current = read_fp3(f[2], "ood_current");
    p.ood_next = read_fp3(f[3], "ood_next");
    p.ood_composition = read_fp3(f[4], "ood_composition");
    p.fri_roots = read_hashes(f[5], "fri_roots");
    p.fri_remainder = read_fp3(f[6], "fri_remainder");
    p.pow_nonce = f[7].u64_value();
    p.trace_values = read_fp(f[8], "trace_values");
    p.trace_nodes = read_hashes(f[9], "trace_nodes");
    p.composition_values = read_fp3(f[10], "composition_values");
    p.composition_nodes = read_hashes(f[11], "composition_nodes");
    for (const auto& layer : f[12].items()) {
        if (!layer.is_list()) throw DecodeError(DecodeErrorKind::UnexpectedType, layer.offset(), "stark proof: FRI layer is not a list");
        const auto& lf = layer.fields(2);
        p.fri_layers.push_back({read_fp3(lf[0], "fri layer values"), read_hashes(lf[1], "fri layer nodes")});
    }
    return p;
}

}  // namespace l2lab::stark
