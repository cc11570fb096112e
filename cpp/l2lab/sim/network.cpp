#include "l2lab/sim/network.hpp"

#include <cmath>
#include <string>

#include "l2lab/core/error.hpp"

namespace l2lab::sim {
namespace {
void check_probability(double p, const char* field) {
    // NaN fails both comparisons, so it is rejected too.
    if (!(p >= 0.0 && p <= 1.0)) {
        throw InvalidArgument(std::string("LinkConfig.") + field + " must be in [0, 1], got " +
                              std::to_string(p));
    }
}

void check_delay(TimeMs ms, const char* field) {
    if (ms > kMaxLinkDelayMs) {
        throw InvalidArgument(std::string("LinkConfig.") + field + " must be at most " +
                              std::to_string(kMaxLinkDelayMs) + " ms, got " + std::to_string(ms));
    }
}
}  // namespace

std::string_view offline_policy_name(OfflinePolicy policy) {
    switch (policy) {
        case OfflinePolicy::Drop: return "drop";
        case OfflinePolicy::Queue: return "queue";
    }
    return "unknown";
}

std::string_view loss_reason_name(LossReason reason) {
    switch (reason) {
        case LossReason::None: return "none";
        case LossReason::Dropped: return "dropped";
        case LossReason::LinkDown: return "link_down";
        case LossReason::Disconnected: return "disconnected";
        case LossReason::SenderOffline: return "sender_offline";
        case LossReason::RecipientOffline: return "recipient_offline";
        case LossReason::QueueFull: return "queue_full";
    }
    return "unknown";
}

void validate(const LinkConfig& link) {
    check_delay(link.latency_ms, "latency_ms");
    check_delay(link.jitter_ms, "jitter_ms");
    check_probability(link.drop_probability, "drop_probability");
    check_probability(link.duplicate_probability, "duplicate_probability");
}

void validate(const NetworkConfig& config) {
    validate(config.default_link);
    if (config.max_message_bytes == 0) {
        throw InvalidArgument("NetworkConfig.max_message_bytes must be positive");
    }
}

Network::Network(EventQueue& queue, const TimeMs& now_ms, Rng rng, NetworkConfig config)
    : m_queue(&queue), m_now(&now_ms) {
    validate(config);
    m_state.config = std::move(config);
    m_state.rng = rng;
}

void Network::require_endpoint(ActorId id, const char* what) const {
    if (!has_endpoint(id)) {
        throw InvalidArgument(std::string(what) + ": unknown actor id " + std::to_string(id) +
                              " (the world has " + std::to_string(endpoint_count()) + " actors)");
    }
}

void Network::set_config(const NetworkConfig& config) {
    validate(config);
    m_state.config = config;
}

void Network::set_link(ActorId from, ActorId to, const LinkConfig& link) {
    require_endpoint(from, "Network.set_link(from)");
    require_endpoint(to, "Network.set_link(to)");
    validate(link);
    m_state.links[{from, to}] = link;
}

void Network::clear_link(ActorId from, ActorId to) {
    require_endpoint(from, "Network.clear_link(from)");
    require_endpoint(to, "Network.clear_link(to)");
    m_state.links.erase({from, to});
}

LinkConfig Network::link(ActorId from, ActorId to) const {
    require_endpoint(from, "Network.link(from)");
    require_endpoint(to, "Network.link(to)");
    const auto it = m_state.links.find({from, to});
    return it == m_state.links.end() ? m_state.config.default_link : it->second;
}

void Network::set_link_up(ActorId a, ActorId b, bool up) {
    require_endpoint(a, "Network.set_link_up(a)");
    require_endpoint(b, "Network.set_link_up(b)");
    // Materialise overrides so that later changes of the default do not silently reconnect.
    for (const auto& key : {std::pair{a, b}, std::pair{b, a}}) {
        auto it = m_state.links.find(key);
        if (it == m_state.links.end()) {
            it = m_state.links.emplace(key, m_state.config.default_link).first;
        }
        it->second.up = up;
    }
}

ActorId Network::add_endpoint() {
    const auto id = static_cast<ActorId>(m_state.online.size());
    if (id == kNoActor) throw StateError("Network: too many actors");
    m_state.online.push_back(true);
    m_state.inboxes.emplace_back();
    return id;
}

void Network::set_online(ActorId id, bool online) {
    require_endpoint(id, "Network.set_online");
    const bool was_online = m_state.online[id];
    m_state.online[id] = online;
    if (online && !was_online) {
        auto& inbox = m_state.inboxes[id];
        while (!inbox.empty()) {
            m_queue->push(*m_now, std::move(inbox.front()));
            inbox.pop_front();
        }
    }
}

bool Network::is_online(ActorId id) const {
    require_endpoint(id, "Network.is_online");
    return m_state.online[id];
}

std::size_t Network::queued_for(ActorId id) const {
    require_endpoint(id, "Network.queued_for");
    return m_state.inboxes[id].size();
}

TimeMs Network::draw_delay(const LinkConfig& link) {
    const TimeMs jitter = link.jitter_ms == 0 ? 0 : m_state.rng.uniform(link.jitter_ms + 1);
    return link.latency_ms + jitter;
}

SendResult Network::send(ActorId from, ActorId to, Bytes payload) {
    require_endpoint(from, "Network.send(from)");
    require_endpoint(to, "Network.send(to)");
    if (payload.size() > m_state.config.max_message_bytes) {
        throw InvalidArgument("Network.send: payload of " + std::to_string(payload.size()) +
                              " bytes exceeds max_message_bytes " +
                              std::to_string(m_state.config.max_message_bytes));
    }
    auto& st = m_state.stats;
    SendResult result{m_state.next_message_id++, 0, LossReason::None};
    ++st.sent;
    const LinkConfig lk = link(from, to);
    if (!m_state.online[from]) {
        ++st.lost_sender_offline;
        result.lost = LossReason::SenderOffline;
        return result;
    }
    if (!lk.up) {
        ++st.lost_link_down;
        result.lost = LossReason::LinkDown;
        return result;
    }
    // The draw order (drop, delay, duplicate, second delay) is part of the determinism contract.
    if (m_state.rng.bernoulli(lk.drop_probability)) {
        ++st.dropped;
        result.lost = LossReason::Dropped;
        return result;
    }
    const TimeMs now = *m_now;
    const TimeMs first_delay = draw_delay(lk);
    const bool duplicate = m_state.rng.bernoulli(lk.duplicate_probability);
    if (duplicate) {
        const TimeMs second_delay = draw_delay(lk);
        m_queue->push(now + first_delay, MessageEvent{from, to, result.message_id, 0, now, payload});
        m_queue->push(now + second_delay,
                      MessageEvent{from, to, result.message_id, 1, now, std::move(payload)});
        ++st.duplicated;
        result.copies = 2;
    } else {
        m_queue->push(now + first_delay,
                      MessageEvent{from, to, result.message_id, 0, now, std::move(payload)});
        result.copies = 1;
    }
    st.copies_scheduled += result.copies;
    return result;
}

DueOutcome Network::on_due(MessageEvent& copy) {
    auto& st = m_state.stats;
    if (!link(copy.from, copy.to).up) {
        ++st.lost_disconnected;
        return DueOutcome::Lost;
    }
    if (!m_state.online[copy.to]) {
        if (m_state.config.offline_policy == OfflinePolicy::Drop) {
            ++st.lost_recipient_offline;
            return DueOutcome::Lost;
        }
        auto& inbox = m_state.inboxes[copy.to];
        if (inbox.size() >= m_state.config.max_offline_queue) {
            ++st.lost_queue_full;
            return DueOutcome::Lost;
        }
        inbox.push_back(std::move(copy));
        ++st.queued_offline;
        return DueOutcome::Queued;
    }
    ++st.delivered;
    return DueOutcome::Deliver;
}

}  // namespace l2lab::sim
