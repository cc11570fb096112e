"""Python actors: trampolines, ping-pong over the network, events, timers, lifetimes, invariants
and actor state in snapshots."""

from __future__ import annotations

import gc

import pytest

import l2lab
from l2lab.sim import LinkConfig, NetworkConfig


class PingPong(l2lab.Actor):
    """Sends a counter back and forth; stops after `limit` hops."""

    def __init__(self, name: str, limit: int = 10) -> None:
        super().__init__(name)
        self.limit = limit
        self.received: list[tuple[int, int, bytes]] = []
        self.blocks: list[int] = []
        self.started_at: int | None = None

    def on_start(self, world: l2lab.World) -> None:
        self.started_at = world.now_ms

    def on_message(self, world: l2lab.World, sender: int, payload: bytes) -> None:
        self.received.append((world.now_ms, sender, payload))
        n = int.from_bytes(payload, "big")
        if n < self.limit:
            world.send(self, sender, (n + 1).to_bytes(4, "big"))

    def on_block(self, world: l2lab.World, block: object) -> None:
        self.blocks.append(world.block_number)


def test_ping_pong_between_two_python_actors() -> None:
    w = l2lab.World(seed=7, network=NetworkConfig(default_link=LinkConfig(latency_ms=250)))
    a, b = PingPong("a"), PingPong("b")
    assert a.id is None
    assert w.add_actor(a) == 0 and w.add_actor(b) == 1
    assert a.id == 0 and repr(a) == "PingPong(name='a', id=0)"
    t0 = w.now_ms
    w.send(a, b, (0).to_bytes(4, "big"))
    w.run(blocks=1)  # 12 s: enough for all 11 hops of 250 ms
    assert [m[2] for m in b.received] == [n.to_bytes(4, "big") for n in (0, 2, 4, 6, 8, 10)]
    assert [m[2] for m in a.received] == [n.to_bytes(4, "big") for n in (1, 3, 5, 7, 9)]
    # Latency order: hop k arrives at t0 + 250 * (k + 1).
    assert [m[0] for m in b.received] == [t0 + 250 * (k + 1) for k in (0, 2, 4, 6, 8, 10)]
    assert all(m[1] == 1 for m in a.received) and all(m[1] == 0 for m in b.received)
    assert a.started_at == t0 and a.blocks == [1] and b.blocks == [1]
    assert w.network.stats.delivered == 11
    assert w.trace_counts.deliveries == 11


def test_offline_python_actor_receives_nothing() -> None:
    w = l2lab.World(seed=1)
    a, b = PingPong("a", limit=0), PingPong("b", limit=0)
    w.add_actor(a)
    w.add_actor(b)
    w.set_online(b, False)
    assert not w.is_online(b)
    for i in range(5):
        w.send(a, b, bytes([i]))
    w.run(blocks=3)
    assert b.received == [] and b.blocks == [] and b.started_at is None
    assert w.network.stats.lost_recipient_offline == 5
    w.set_online(b, True)
    w.run(blocks=1)
    assert b.blocks == [4]


def test_world_keeps_python_actors_alive() -> None:
    w = l2lab.World(seed=2)
    w.add_actor(PingPong("a", limit=3))
    w.add_actor(PingPong("b", limit=3))
    gc.collect()  # no Python reference left but the World's
    w.send(0, 1, (0).to_bytes(4, "big"))
    w.run(blocks=1)
    a, b = w.actors
    assert isinstance(a, PingPong) and isinstance(b, PingPong)
    assert len(a.received) == 2 and len(b.received) == 2
    assert w.actor(1) is b


def test_actor_state_hooks_make_snapshots_cover_python_state() -> None:
    class Counter(l2lab.Actor):
        def __init__(self) -> None:
            super().__init__("counter")
            self.count = 0

        def on_block(self, world: l2lab.World, block: object) -> None:
            self.count += 1

        def save_state(self) -> object:
            return self.count

        def load_state(self, state: object) -> None:
            assert isinstance(state, int)
            self.count = state

    class Forgetful(Counter):
        def save_state(self) -> object:
            return None

        def load_state(self, state: object) -> None:
            assert state is None

    w = l2lab.World(seed=4)
    c, f = Counter(), Forgetful()
    w.add_actor(c)
    w.add_actor(f)
    w.run(blocks=3)
    snap = w.snapshot()
    w.run(blocks=4)
    assert c.count == 7 and f.count == 7
    w.restore(snap)
    assert c.count == 3  # captured through save_state/load_state
    assert f.count == 7  # documented: Python state is not captured without the hooks


def test_timers_and_hook_order() -> None:
    calls: list[str] = []

    class Timed(l2lab.Actor):
        def on_start(self, world: l2lab.World) -> None:
            calls.append("start")
            world.schedule_timer(self, 500, tag=2)
            world.schedule_timer(self, 100, tag=1)

        def on_timer(self, world: l2lab.World, tag: int) -> None:
            calls.append(f"timer {tag}")

        def on_block(self, world: l2lab.World, block: object) -> None:
            calls.append(f"block {world.block_number}")

    w = l2lab.World(seed=1)
    w.add_actor(Timed("t"))
    w.run(blocks=2)
    assert calls == ["start", "timer 1", "timer 2", "block 1", "block 2"]
    assert w.stats.timers_fired == 2


def test_exceptions_in_python_hooks_propagate() -> None:
    class Broken(l2lab.Actor):
        def on_block(self, world: l2lab.World, block: object) -> None:
            raise KeyError("boom")

    w = l2lab.World(seed=1)
    w.add_actor(Broken("x"))
    with pytest.raises(KeyError, match="boom"):
        w.run(blocks=5)
    assert w.block_number == 1
    w.set_online(0, False)
    w.run(blocks=1)
    assert w.block_number == 2


def test_driving_the_world_from_a_hook_is_a_state_error() -> None:
    seen: list[str] = []

    class Reentrant(l2lab.Actor):
        def on_block(self, world: l2lab.World, block: object) -> None:
            for call in (lambda: world.run(blocks=1), lambda: world.mine(1), world.snapshot):
                try:
                    call()
                except l2lab.StateError:
                    seen.append("refused")

    w = l2lab.World(seed=1)
    w.add_actor(Reentrant("r"))
    w.run(blocks=1)
    assert seen == ["refused"] * 3


def test_python_invariants_record_violations_as_values() -> None:
    w = l2lab.World(seed=1)
    w.add_invariant("below_3", lambda world: None if world.block_number < 3 else
                    f"block {world.block_number}")

    class Always(l2lab.Invariant):
        def name(self) -> str:
            return "always_false"

        def check(self, world: l2lab.World) -> str | None:
            return "nope" if world.block_number == 2 else None

    w.add_invariant(Always())
    w.run(blocks=2)
    w.mine(2)
    got = [(v.invariant, v.block_number, v.detail) for v in w.violations]
    assert got == [("always_false", 2, "nope"), ("below_3", 3, "block 3"),
                   ("below_3", 4, "block 4")]
    assert w.violation_count == 3
    w.add_invariant("bad_type", lambda world: 42)
    with pytest.raises(TypeError, match="bad_type"):
        w.mine(1)


def test_actor_arguments_are_checked() -> None:
    w = l2lab.World(seed=1)
    stranger = l2lab.Actor("stranger")
    w.add_actor(l2lab.Actor("a"))
    with pytest.raises(l2lab.InvalidArgumentError, match="not been added"):
        w.send(0, stranger, b"x")
    with pytest.raises(l2lab.InvalidArgumentError, match="unknown actor id 5"):
        w.set_online(5, False)
    with pytest.raises(l2lab.InvalidArgumentError, match="0x"):
        w.send(0, "a", b"x")  # text names an address: this one is malformed
    with pytest.raises(TypeError):
        w.send(0, 1.5, b"x")
    with pytest.raises(TypeError):
        w.send(True, 0, b"x")
    with pytest.raises(l2lab.InvalidArgumentError):
        w.add_actor(w.actors[0])
    with pytest.raises(TypeError):
        w.add_actor(object())


def test_mine_releases_the_gil() -> None:
    import threading
    import time

    w = l2lab.World(seed=1)
    stamps: list[float] = []
    stop = threading.Event()

    def spin() -> None:
        while not stop.is_set():
            stamps.append(time.perf_counter())

    t = threading.Thread(target=spin)
    t.start()
    while not stamps:
        time.sleep(0.001)
    try:
        start = time.perf_counter()
        w.mine(50_000)
        end = time.perf_counter()
    finally:
        stop.set()
        t.join()
    assert w.block_number == 50_000
    # Holding the GIL would only let the other thread run at the very edges of the call.
    d = end - start
    inner = [x for x in stamps if start + 0.2 * d < x < end - 0.2 * d]
    assert inner, f"no progress of another thread during a {d * 1000:.0f} ms mine()"


class Emitter(l2lab.l1.NativeContract):
    """Emits one log per call: topic0 = keccak256("Ping(bytes)"), topic1 = first byte; data."""

    TOPIC0 = l2lab.keccak256(b"Ping(bytes)")

    def name(self) -> str:
        return "Emitter"

    def call(self, ctx: object, data: bytes) -> bytes:
        kind = (data[0] if data else 0).to_bytes(32, "big")
        ctx.emit_log([self.TOPIC0, kind], data)  # type: ignore[attr-defined]
        return b""


class Watcher(l2lab.Actor):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.logs: list[object] = []
        self.blocks: list[object] = []

    def on_event(self, world: l2lab.World, log: object) -> None:
        self.logs.append(log)

    def on_block(self, world: l2lab.World, block: object) -> None:
        self.blocks.append(block)


def test_python_actors_receive_blocks_and_subscribed_events() -> None:
    w = l2lab.World(seed=11)
    alice = w.new_account(balance=10**20)
    emitter = w.chain.deploy(Emitter(), alice.address)
    everything, only_kind_7, elsewhere = Watcher("all"), Watcher("kind7"), Watcher("other")
    for a in (everything, only_kind_7, elsewhere):
        w.add_actor(a)
    w.subscribe(everything, emitter)
    w.subscribe(only_kind_7, emitter, topics=[None, (7).to_bytes(32, "big")])
    w.subscribe(elsewhere, alice)  # alice emits nothing
    assert w.call(alice, emitter, bytes([7, 1])).accepted
    assert w.call(alice, emitter, bytes([8, 2])).accepted
    w.run(blocks=1)
    assert [bytes(log.data) for log in everything.logs] == [bytes([7, 1]), bytes([8, 2])]
    assert [bytes(log.data) for log in only_kind_7.logs] == [bytes([7, 1])]
    assert elsewhere.logs == []
    first = everything.logs[0]
    assert first.address == emitter and first.topics[0] == Emitter.TOPIC0
    assert first.block_number == 1
    # The delivered logs are the chain's logs for the same filter.
    assert [bytes(x.data) for x in w.chain.logs(emitter)] == [bytes([7, 1]), bytes([8, 2])]
    assert len(everything.blocks) == 1
    block = everything.blocks[0]
    assert block.number == 1 and block.hash == w.chain.head.hash
    assert w.stats.events_delivered == 3
    with pytest.raises(l2lab.InvalidArgumentError):
        w.subscribe(everything, "0x1234")


def test_actor_holding_its_world_is_collected() -> None:
    import weakref

    class Clingy(l2lab.Actor):
        def on_start(self, world: l2lab.World) -> None:
            self.world = world  # a cycle World -> actor -> World through C++

    w = l2lab.World(seed=1)
    actor = Clingy("clingy")
    w.add_actor(actor)
    w.add_invariant("holds", lambda world: None)
    w.run(blocks=1)
    assert actor.world is w
    gone = weakref.ref(actor)
    del actor, w
    gc.collect()
    assert gone() is None


def test_snapshot_keeps_actors_intact_through_garbage_collection() -> None:
    import weakref

    class Clingy(l2lab.Actor):
        def on_start(self, world: l2lab.World) -> None:
            self.world = world

    w = l2lab.World(seed=1)
    actor = Clingy("clingy")
    w.add_actor(actor)
    w.run(blocks=1)
    snap = w.snapshot()  # shares the actor with the World
    alive = weakref.ref(actor)
    del actor, w
    gc.collect()
    # Reachable through the snapshot: nothing may be cleared.
    survivor = alive()
    assert survivor is not None and isinstance(survivor.world, l2lab.World)
    assert survivor.world.block_number == 1
    del survivor, snap
    gc.collect()
    assert alive() is None


def test_actors_reachable_by_registered_address() -> None:
    w = l2lab.World(seed=3)
    a, b = PingPong("a", limit=0), PingPong("b", limit=0)
    w.add_actor(a)
    w.add_actor(b)
    bob = w.new_account()
    w.register_address(b, bob)
    assert w.actor_of(bob.address) == 1 and w.actor_of(str(bob.address)) == 1
    assert w.actor_of(w.new_account()) is None
    w.send(a, bob, b"\x00\x00\x00\x07")
    w.run(blocks=1)
    assert [m[2] for m in b.received] == [b"\x00\x00\x00\x07"]
    with pytest.raises(l2lab.InvalidArgumentError, match="already belongs"):
        w.register_address(a, bob.address)
    with pytest.raises(l2lab.InvalidArgumentError, match="no actor registered"):
        w.send(a, "0x" + "11" * 20, b"x")
