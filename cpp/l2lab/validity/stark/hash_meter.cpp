#include "l2lab/validity/stark/hash_meter.hpp"

namespace l2lab::stark {

namespace {
thread_local HashMeter* t_meter = nullptr;
}

HashMeter::HashMeter() : m_outer(t_meter) { t_meter = this; }

HashMeter::~HashMeter() { t_meter = m_outer; }

Hash32 metered_hash(crypto::HashKind kind, BytesView data) {
    if (t_meter != nullptr) {
        t_meter->m_work.calls += 1;
        t_meter->m_work.words += (data.size() + 31) / 32;
    }
    return crypto::hash_bytes(kind, data);
}

}  // namespace l2lab::stark
