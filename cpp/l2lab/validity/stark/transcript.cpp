#include "l2lab/validity/stark/transcript.hpp"

#include <string>

#include "l2lab/validity/stark/hash_meter.hpp"

namespace l2lab::stark {

namespace {

void put_u64(Bytes& out, std::uint64_t v) {
    for (int b = 0; b < 8; ++b) out.push_back(static_cast<std::uint8_t>(v >> (8 * b)));
}

std::uint64_t get_u64(const std::uint8_t* p) {
    std::uint64_t v = 0;
    for (int b = 7; b >= 0; --b) v = (v << 8) | p[b];
    return v;
}

unsigned leading_zero_bits(const Hash32& h) {
    unsigned n = 0;
    for (auto byte : h.bytes) {
        if (byte == 0) {
            n += 8;
            continue;
        }
        for (int b = 7; b >= 0 && ((byte >> b) & 1) == 0; --b) ++n;
        break;
    }
    return n;
}

}  // namespace

Transcript::Transcript(crypto::HashKind kind, std::string_view domain) : m_kind(kind) {
    const std::string seed = std::string("l2lab.stark.transcript") + std::string(domain);
    m_state = metered_hash(kind, BytesView(reinterpret_cast<const std::uint8_t*>(seed.data()), seed.size()));
}

void Transcript::absorb(std::string_view label, BytesView data) {
    Bytes buf(m_state.bytes.begin(), m_state.bytes.end());
    buf.push_back(0x01);
    put_u64(buf, label.size());
    buf.insert(buf.end(), label.begin(), label.end());
    put_u64(buf, data.size());
    buf.insert(buf.end(), data.begin(), data.end());
    m_state = metered_hash(m_kind, buf);
    m_used = 4;  // fresh state: discard buffered challenge words
}

void Transcript::absorb_u64(std::string_view label, std::uint64_t v) {
    Bytes b;
    put_u64(b, v);
    absorb(label, b);
}

void Transcript::absorb_hash(std::string_view label, const Hash32& h) { absorb(label, h.view()); }

void Transcript::absorb_fp(std::string_view label, std::span<const Fp> values) {
    Bytes b;
    b.reserve(8 * values.size());
    for (auto v : values) put_u64(b, v.value());
    absorb(label, b);
}

void Transcript::absorb_fp3(std::string_view label, std::span<const Fp3> values) {
    Bytes b;
    b.reserve(24 * values.size());
    for (const auto& v : values)
        for (auto c : v.coeffs()) put_u64(b, c.value());
    absorb(label, b);
}

Hash32 Transcript::squeeze(std::string_view label) {
    Bytes buf(m_state.bytes.begin(), m_state.bytes.end());
    buf.push_back(0x02);
    put_u64(buf, label.size());
    buf.insert(buf.end(), label.begin(), label.end());
    m_state = metered_hash(m_kind, buf);
    return m_state;
}

std::uint64_t Transcript::next_word(std::string_view label) {
    if (m_used == 4) {
        m_buffer = squeeze(label);
        m_used = 0;
    }
    return get_u64(m_buffer.bytes.data() + 8 * m_used++);
}

Fp3 Transcript::challenge_fp3(std::string_view label) {
    m_used = 4;  // every challenge starts from a fresh squeeze bound to its label
    Fp c[3];
    for (auto& x : c) {
        std::uint64_t w = next_word(label);
        while (w >= Fp::kModulus) w = next_word(label);
        x = Fp::from_canonical(w);
    }
    m_used = 4;
    return Fp3(c[0], c[1], c[2]);
}

std::vector<std::size_t> Transcript::challenge_indices(std::string_view label, std::size_t count,
                                                       std::size_t domain_size) {
    m_used = 4;
    std::vector<std::size_t> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i)
        out.push_back(static_cast<std::size_t>(next_word(label) & (domain_size - 1)));
    m_used = 4;
    return out;
}

bool Transcript::pow_ok(unsigned bits, std::uint64_t nonce) const {
    std::uint8_t buf[41];
    std::copy(m_state.bytes.begin(), m_state.bytes.end(), buf);
    buf[32] = 0x03;
    for (int b = 0; b < 8; ++b) buf[33 + b] = static_cast<std::uint8_t>(nonce >> (8 * b));
    return leading_zero_bits(metered_hash(m_kind, BytesView(buf, sizeof buf))) >= bits;
}

std::uint64_t Transcript::grind(unsigned bits) const {
    std::uint64_t nonce = 0;
    while (!pow_ok(bits, nonce)) ++nonce;
    return nonce;
}

}  // namespace l2lab::stark
