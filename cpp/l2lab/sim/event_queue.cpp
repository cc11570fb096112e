#include "l2lab/sim/event_queue.hpp"

namespace l2lab::sim {

std::uint64_t EventQueue::push(TimeMs time_ms, EventBody body) {
    const std::uint64_t seq = m_next_seq++;
    m_events.emplace(Key{time_ms, seq}, std::move(body));
    return seq;
}

std::optional<Event> EventQueue::pop_due(TimeMs until_ms) {
    if (m_events.empty()) return std::nullopt;
    auto it = m_events.begin();
    if (it->first.first > until_ms) return std::nullopt;
    Event ev{it->first.first, it->first.second, std::move(it->second)};
    m_events.erase(it);
    return ev;
}

std::optional<TimeMs> EventQueue::next_time() const {
    if (m_events.empty()) return std::nullopt;
    return m_events.begin()->first.first;
}

std::vector<Event> EventQueue::pending() const {
    std::vector<Event> out;
    out.reserve(m_events.size());
    for (const auto& [key, body] : m_events) out.push_back(Event{key.first, key.second, body});
    return out;
}

}  // namespace l2lab::sim
