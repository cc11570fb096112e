#include "l2lab/sim/trace_digest.hpp"

#include "l2lab/crypto/keccak.hpp"

namespace l2lab::sim {
namespace {
template <typename T>
void put_be(Bytes& out, T v) {
    for (int shift = static_cast<int>(sizeof(T) * 8) - 8; shift >= 0; shift -= 8) {
        out.push_back(static_cast<std::uint8_t>(v >> shift));
    }
}

void put(Bytes& out, BytesView b) { out.insert(out.end(), b.begin(), b.end()); }

enum RecordTag : std::uint8_t { kAllocation = 0x01, kBlock = 0x02, kDelivery = 0x03 };
}  // namespace

TraceDigest::TraceDigest() : m_value(crypto::keccak256(as_bytes("l2lab/sim/trace/v1"))) {}

void TraceDigest::absorb(BytesView record) {
    crypto::Keccak256 h;
    h.update(m_value.view());
    h.update(record);
    m_value = h.finalize();
}

void TraceDigest::absorb_allocation(const Address& address, const u256& amount) {
    Bytes r;
    r.reserve(1 + 20 + 32);
    r.push_back(kAllocation);
    put(r, address.view());
    const auto be = to_be32(amount);
    put(r, be);
    absorb(r);
    ++m_counts.allocations;
}

void TraceDigest::absorb_block(std::uint64_t block_number, const Hash32& block_hash) {
    Bytes r;
    r.reserve(1 + 8 + 32);
    r.push_back(kBlock);
    put_be(r, block_number);
    put(r, block_hash.view());
    absorb(r);
    ++m_counts.blocks;
}

void TraceDigest::absorb_delivery(TimeMs time_ms, ActorId from, ActorId to,
                                  std::uint64_t message_id, std::uint32_t copy,
                                  BytesView payload) {
    Bytes r;
    r.reserve(1 + 8 + 4 + 4 + 8 + 4 + 32);
    r.push_back(kDelivery);
    put_be(r, time_ms);
    put_be(r, from);
    put_be(r, to);
    put_be(r, message_id);
    put_be(r, copy);
    put(r, crypto::keccak256(payload).view());
    absorb(r);
    ++m_counts.deliveries;
}

}  // namespace l2lab::sim
