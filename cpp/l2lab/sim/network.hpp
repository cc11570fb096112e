#pragma once
/// \file network.hpp
/// The off-chain message network between actors. Messages are opaque bytes sent from one actor id
/// to another over a directed link with a latency, seeded jitter, a drop probability, a duplicate
/// probability and an up/down state. Reordering arises from jitter: two messages on one link
/// arrive out of order when the later one draws a smaller delay. All randomness comes from the
/// Rng the World hands over (a fork of the World's seed), so delivery is a pure function of the
/// seed and the sequence of calls.
///
/// Life of a message: send() decides at send time (sender online? link up? dropped? duplicated?
/// delay of each copy?) and schedules surviving copies on the World's EventQueue. When a copy falls
/// due the World asks on_due(), which decides again at delivery time: a link that went down in the
/// meantime loses the copy (a disconnect loses what was in flight); an offline recipient loses it
/// or, under OfflinePolicy::Queue, keeps it in an inbox that is re-sent at the time the actor
/// comes back online (in arrival order, without new delay).

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/rng.hpp"
#include "l2lab/sim/event_queue.hpp"
#include "l2lab/sim/types.hpp"

namespace l2lab::sim {

/// Behaviour of one directed link. Defaults: 100 ms latency, perfect delivery.
struct LinkConfig {
    TimeMs latency_ms = 100;           ///< fixed part of the delay, ms (<= kMaxLinkDelayMs)
    TimeMs jitter_ms = 0;              ///< each copy adds a uniform draw in [0, jitter_ms], ms
    double drop_probability = 0.0;     ///< in [0, 1]: chance a sent message is lost entirely
    double duplicate_probability = 0.0;///< in [0, 1]: chance a non-dropped message arrives twice
    bool up = true;                    ///< false: the link is disconnected, everything on it is lost

    bool operator==(const LinkConfig&) const = default;
};

/// What happens to messages whose recipient is offline when they fall due.
enum class OfflinePolicy : std::uint8_t {
    Drop,   ///< lost (counted as lost_recipient_offline); the default, like a closed socket
    Queue,  ///< kept in the recipient's inbox (bounded) and delivered when it comes back online
};

/// Stable lower-case name ("drop", "queue").
std::string_view offline_policy_name(OfflinePolicy policy);

/// Network-wide settings.
struct NetworkConfig {
    LinkConfig default_link;                          ///< used by every link without an override
    OfflinePolicy offline_policy = OfflinePolicy::Drop;
    std::size_t max_offline_queue = 10'000;           ///< inbox bound per actor (Queue policy)
    std::size_t max_message_bytes = 16u << 20;        ///< larger payloads: InvalidArgument

    bool operator==(const NetworkConfig&) const = default;
};

/// Throws InvalidArgument naming the field when a probability is NaN or outside [0, 1], or a
/// latency/jitter exceeds kMaxLinkDelayMs.
void validate(const LinkConfig& link);
/// validate(default_link); also rejects max_message_bytes == 0.
void validate(const NetworkConfig& config);

/// Why a message copy did not reach its recipient.
enum class LossReason : std::uint8_t {
    None,              ///< not lost
    Dropped,           ///< the link's drop_probability struck at send time
    LinkDown,          ///< the link was down at send time
    Disconnected,      ///< the link went down while the copy was in flight
    SenderOffline,     ///< sent by an actor that was offline
    RecipientOffline,  ///< recipient offline at delivery under OfflinePolicy::Drop
    QueueFull,         ///< recipient offline and its inbox already held max_offline_queue messages
};

/// Stable snake_case name of a LossReason (e.g. "recipient_offline").
std::string_view loss_reason_name(LossReason reason);

/// Outcome of send(): the message id and how many copies were scheduled (0, 1 or 2).
struct SendResult {
    std::uint64_t message_id = 0;
    std::uint32_t copies = 0;
    LossReason lost = LossReason::None;  ///< why zero copies were scheduled, else None
};

/// Outcome of on_due() for one copy.
enum class DueOutcome : std::uint8_t {
    Deliver,  ///< hand it to the recipient now
    Lost,     ///< gone (see NetworkStats)
    Queued,   ///< parked in the offline recipient's inbox
};

/// Counters since the World was created (restored with snapshots).
struct NetworkStats {
    std::uint64_t sent = 0;                    ///< send() calls that were accepted
    std::uint64_t copies_scheduled = 0;        ///< copies put on the queue by send()
    std::uint64_t duplicated = 0;              ///< messages that got a second copy
    std::uint64_t delivered = 0;               ///< copies handed to a recipient
    std::uint64_t dropped = 0;                 ///< messages lost to drop_probability
    std::uint64_t lost_link_down = 0;          ///< messages refused at send: link down
    std::uint64_t lost_disconnected = 0;       ///< copies lost in flight: link down at delivery
    std::uint64_t lost_sender_offline = 0;     ///< messages sent by an offline actor
    std::uint64_t lost_recipient_offline = 0;  ///< copies lost to an offline recipient (Drop)
    std::uint64_t lost_queue_full = 0;         ///< copies lost to a full inbox (Queue)
    std::uint64_t queued_offline = 0;          ///< copies parked in an inbox (Queue)

    bool operator==(const NetworkStats&) const = default;
};

/// Everything a snapshot must capture about the network (the in-flight copies live in the
/// EventQueue, which the World snapshots separately).
struct NetworkState {
    NetworkConfig config;
    std::map<std::pair<ActorId, ActorId>, LinkConfig> links;  ///< per-link overrides
    std::vector<bool> online;                                 ///< indexed by ActorId
    std::vector<std::deque<MessageEvent>> inboxes;            ///< offline inboxes (Queue policy)
    NetworkStats stats;
    std::uint64_t next_message_id = 0;
    Rng rng{0};
};

/// The network. Owned by a World, which passes its EventQueue and clock; not copyable (its state
/// is, see state()/set_state()).
class Network {
public:
    /// `queue` and `now_ms` must outlive the Network. Throws InvalidArgument on a bad config.
    Network(EventQueue& queue, const TimeMs& now_ms, Rng rng, NetworkConfig config = {});
    Network(const Network&) = delete;
    Network& operator=(const Network&) = delete;

    // ---- configuration -------------------------------------------------------------------
    const NetworkConfig& config() const noexcept { return m_state.config; }
    /// Replace the whole configuration (validated; per-link overrides are kept).
    void set_config(const NetworkConfig& config);
    /// Override the directed link from -> to. Unknown actor ids or a bad config: InvalidArgument.
    void set_link(ActorId from, ActorId to, const LinkConfig& link);
    /// Remove the override on from -> to so it follows the default again. Unknown ids: InvalidArgument.
    void clear_link(ActorId from, ActorId to);
    /// Effective configuration of from -> to (override or default). Unknown ids: InvalidArgument.
    LinkConfig link(ActorId from, ActorId to) const;
    /// Connect or disconnect a <-> b (both directions). Unknown ids: InvalidArgument.
    void set_link_up(ActorId a, ActorId b, bool up);
    /// Every override, ordered by (from, to).
    const std::map<std::pair<ActorId, ActorId>, LinkConfig>& links() const noexcept {
        return m_state.links;
    }

    // ---- endpoints -----------------------------------------------------------------------
    /// Register the next actor id (online, empty inbox). Used by World::add_actor.
    ActorId add_endpoint();
    std::size_t endpoint_count() const noexcept { return m_state.online.size(); }
    bool has_endpoint(ActorId id) const noexcept { return id < m_state.online.size(); }
    /// Take an actor offline or bring it online. Coming online re-sends its inbox at the current
    /// time, in arrival order. Unknown id: InvalidArgument.
    void set_online(ActorId id, bool online);
    /// Unknown id: InvalidArgument.
    bool is_online(ActorId id) const;
    /// Number of copies parked in `id`'s inbox. Unknown id: InvalidArgument.
    std::size_t queued_for(ActorId id) const;

    // ---- traffic -------------------------------------------------------------------------
    /// Send `payload` from -> to at the current time (see the file comment for what is decided
    /// here). Unknown ids or a payload over max_message_bytes: InvalidArgument, nothing changes.
    SendResult send(ActorId from, ActorId to, Bytes payload);
    /// Decide the fate of a copy that fell due now. On Queued the copy is moved into the inbox.
    DueOutcome on_due(MessageEvent& copy);
    const NetworkStats& stats() const noexcept { return m_state.stats; }

    // ---- snapshots -----------------------------------------------------------------------
    const NetworkState& state() const noexcept { return m_state; }
    void set_state(NetworkState state) { m_state = std::move(state); }

private:
    void require_endpoint(ActorId id, const char* what) const;
    TimeMs draw_delay(const LinkConfig& link);

    EventQueue* m_queue;
    const TimeMs* m_now;
    NetworkState m_state;
};

}  // namespace l2lab::sim
