#pragma once
// Shared helpers of the sim tests: a recording/echoing actor and a log-emitting native contract.
#include <any>
#include <string>
#include <vector>

#include "l2lab/crypto/keccak.hpp"
#include "l2lab/l1/contract.hpp"
#include "l2lab/sim/world.hpp"

namespace l2lab::sim::testing {

// Records every hook call as text, in order; optionally answers each message with "re:" + payload.
class Recorder : public Actor {
public:
    explicit Recorder(std::string name, bool echo = false) : Actor(std::move(name)), m_echo(echo) {}

    std::vector<std::string> calls;
    std::vector<l1::Log> logs;
    std::vector<std::pair<TimeMs, Bytes>> messages;
    std::uint64_t counter = 0;  // some internal state for snapshot tests

    void on_start(World& w) override { calls.push_back("start@" + std::to_string(w.now_ms())); }
    void on_block(World& w, const l1::Block& b) override {
        (void)w;
        ++counter;
        calls.push_back("block " + std::to_string(b.header.number));
    }
    void on_message(World& w, ActorId from, const Bytes& payload) override {
        messages.emplace_back(w.now_ms(), payload);
        calls.push_back("msg from " + std::to_string(from) + " @" + std::to_string(w.now_ms()));
        if (m_echo && payload.size() < 64) {
            Bytes reply = {'r', 'e', ':'};
            reply.insert(reply.end(), payload.begin(), payload.end());
            (void)w.send(id(), from, reply);
        }
    }
    void on_event(World& w, const l1::Log& log) override {
        (void)w;
        logs.push_back(log);
        calls.push_back("event " + std::to_string(log.block_number));
    }
    void on_timer(World& w, std::uint64_t tag) override {
        calls.push_back("timer " + std::to_string(tag) + " @" + std::to_string(w.now_ms()));
    }
    std::any save_state() const override { return counter; }
    void load_state(const std::any& s) override { counter = std::any_cast<std::uint64_t>(s); }

private:
    bool m_echo;
};

// Emits one log per call: topic0 = keccak256("Ping(bytes)"), topic1 = calldata's first byte,
// data = the calldata. Keeps no state (the storage rule).
class Emitter : public l1::NativeContract {
public:
    std::string name() const override { return "Emitter"; }
    Bytes call(l1::CallContext& ctx, BytesView calldata) const override {
        Hash32 kind;
        kind.bytes[31] = calldata.empty() ? 0 : calldata[0];
        const Hash32 topics[2] = {topic0(), kind};
        ctx.emit_log(topics, calldata);
        return {};
    }
    static Hash32 topic0() { return crypto::keccak256(as_bytes("Ping(bytes)")); }
};

}  // namespace l2lab::sim::testing
