#pragma once
/// \file event_queue.hpp
/// The World's single agenda of future happenings: in-flight network messages and actor timers,
/// ordered by (time, sequence number). The sequence number is assigned at push time and is unique,
/// so the order is total and independent of container internals.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include "l2lab/core/bytes.hpp"
#include "l2lab/sim/types.hpp"

namespace l2lab::sim {

/// One copy of a message travelling from `from` to `to`. Duplicated messages share `message_id`
/// and differ in `copy` (0 for the original, 1 for the duplicate).
struct MessageEvent {
    ActorId from = kNoActor;
    ActorId to = kNoActor;
    std::uint64_t message_id = 0;  ///< per-World counter of send() calls, from 0
    std::uint32_t copy = 0;
    TimeMs sent_ms = 0;            ///< simulated time of the send() call
    Bytes payload;
};

/// A wake-up an actor asked for (World::schedule_timer); `tag` is the actor's own label.
struct TimerEvent {
    ActorId actor = kNoActor;
    std::uint64_t tag = 0;
};

using EventBody = std::variant<MessageEvent, TimerEvent>;

/// A scheduled event: due at `time_ms`, ordered among equal times by `seq`.
struct Event {
    TimeMs time_ms = 0;
    std::uint64_t seq = 0;
    EventBody body;
};

/// Ordered multiset of Events keyed by (time_ms, seq). Copyable, so a World snapshot is a copy.
class EventQueue {
public:
    /// Schedule `body` at `time_ms`; returns the sequence number it was given.
    std::uint64_t push(TimeMs time_ms, EventBody body);
    /// Remove and return the earliest event whose time is <= `until_ms`, or nullopt.
    std::optional<Event> pop_due(TimeMs until_ms);
    /// Time of the earliest event, or nullopt when empty.
    std::optional<TimeMs> next_time() const;
    std::size_t size() const noexcept { return m_events.size(); }
    bool empty() const noexcept { return m_events.empty(); }
    /// All pending events in delivery order (for inspection; O(n) copy).
    std::vector<Event> pending() const;
    /// Next sequence number that push() will assign (one more than the number of pushes so far).
    std::uint64_t next_seq() const noexcept { return m_next_seq; }

private:
    using Key = std::pair<TimeMs, std::uint64_t>;
    std::map<Key, EventBody> m_events;
    std::uint64_t m_next_seq = 0;
};

}  // namespace l2lab::sim
