// World driver throughput. Message delivery: a flood of small messages between C++ actors through
// the seeded network (latency + jitter + drop/duplicate draws), with its baseline being the bare
// EventQueue push/pop of the same number of events (what the network adds on top of scheduling).
// Steps: empty-block run() steps with N idle C++ actors, next to mine() (no hooks) as baseline.
#include <benchmark/benchmark.h>

#include <memory>

#include "l2lab/sim/world.hpp"

namespace {

using namespace l2lab;
using namespace l2lab::sim;

// Answers every message to its sender until the payload's hop budget is spent.
class Relay : public Actor {
public:
    void on_message(World& w, ActorId from, const Bytes& payload) override {
        if (payload.empty() || payload[0] == 0) return;
        Bytes next = payload;
        --next[0];
        (void)w.send(id(), from, std::move(next));
    }
};

// Messages delivered per second through World::run.
void BM_message_delivery_l2lab(benchmark::State& state) {
    const auto pairs = static_cast<int>(state.range(0));
    std::uint64_t delivered = 0;
    for (auto _ : state) {
        state.PauseTiming();
        WorldConfig cfg;
        cfg.network.default_link = LinkConfig{50, 20, 0.01, 0.01, true};
        auto w = std::make_unique<World>(1, cfg);
        for (int i = 0; i < 2 * pairs; ++i) w->add_actor(std::make_shared<Relay>());
        // 200 hops of <= 70 ms fit in one 12 s block.
        for (int i = 0; i < pairs; ++i) {
            (void)w->send(static_cast<ActorId>(2 * i), static_cast<ActorId>(2 * i + 1),
                          Bytes{200, 1, 2, 3, 4, 5, 6, 7});
        }
        state.ResumeTiming();
        w->run(2);
        delivered += w->network().stats().delivered;
    }
    state.counters["messages/s"] =
        benchmark::Counter(static_cast<double>(delivered), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_message_delivery_l2lab)->Name("message_delivery/l2lab")->Arg(100);

// Baseline: the same number of bare queue events (100 chains of 200 hops, each hop one pop and
// one push with a 50-69 ms delay), no network decisions, no hooks, no tracing.
void BM_message_delivery_queue(benchmark::State& state) {
    const auto chains = static_cast<std::uint64_t>(state.range(0));
    std::uint64_t popped = 0;
    for (auto _ : state) {
        EventQueue q;
        for (std::uint64_t i = 0; i < chains; ++i) q.push(i, MessageEvent{0, 1, i, 0, 0, Bytes{200}});
        while (auto ev = q.pop_due(~TimeMs{0})) {
            ++popped;
            auto& msg = std::get<MessageEvent>(ev->body);
            if (msg.payload[0]-- == 0) continue;
            q.push(ev->time_ms + 50 + popped % 20, std::move(ev->body));
        }
    }
    state.counters["messages/s"] =
        benchmark::Counter(static_cast<double>(popped), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_message_delivery_queue)->Name("message_delivery/event_queue_only")->Arg(100);

class Idle : public Actor {
public:
    void on_block(World&, const l1::Block& b) override { benchmark::DoNotOptimize(b.hash); }
};

void BM_run_step_l2lab(benchmark::State& state) {
    World w(1);
    for (int i = 0; i < state.range(0); ++i) w.add_actor(std::make_shared<Idle>());
    for (auto _ : state) w.run(1);
    state.counters["steps/s"] = benchmark::Counter(static_cast<double>(state.iterations()),
                                                   benchmark::Counter::kIsRate);
}
BENCHMARK(BM_run_step_l2lab)->Name("run_step/l2lab")->Arg(0)->Arg(10)->Arg(100);

void BM_run_step_mine(benchmark::State& state) {
    World w(1);
    for (auto _ : state) w.mine(1);
    state.counters["steps/s"] = benchmark::Counter(static_cast<double>(state.iterations()),
                                                   benchmark::Counter::kIsRate);
}
BENCHMARK(BM_run_step_mine)->Name("run_step/mine_only");

}  // namespace
