"""The World from Python: clock and blocks, accounts, trace digest determinism, snapshots and
typed errors on bad input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import l2lab
from l2lab.sim import LinkConfig, NetworkConfig, WorldConfig


def test_world_clock_and_blocks() -> None:
    w = l2lab.World(seed=7)
    genesis = w.timestamp
    assert w.block_number == 0
    w.mine(10)
    assert w.block_number == 10
    # Ethereum's post-merge slot is 12 s; the World defaults to it.
    assert w.timestamp == genesis + 120
    assert w.now_ms == w.timestamp * 1000
    w.run(blocks=2)
    assert w.block_number == 12
    assert repr(w) == "World(seed=7, block_number=12, accounts=0, actors=0)"
    fast = l2lab.World(seed=7, block_time=2)
    fast.mine(3)
    assert fast.timestamp == genesis + 6


def test_new_account_is_funded_and_seed_derived() -> None:
    w = l2lab.World(seed=7)
    a = w.new_account(balance=10**20)
    b = w.new_account()
    assert isinstance(a, l2lab.Account)
    assert a.key.address == a.address
    assert a.address != b.address
    assert w.chain.balance(a.address) == 10**20
    assert w.chain.balance(b.address) == 0
    assert w.accounts == [a, b]
    assert l2lab.World(seed=7).new_account(balance=1).address == a.address
    assert l2lab.World(seed=8).new_account(balance=1).address != a.address
    assert repr(w) == "World(seed=7, block_number=0, accounts=2, actors=0)"


def test_transfer_helper_signs_in_cpp_and_lands() -> None:
    w = l2lab.World(seed=1)
    alice = w.new_account(balance=10**19)
    bob = w.new_account()
    out = w.transfer(alice, bob, 10**18)
    assert out.accepted
    w.mine(1)
    assert w.chain.balance(bob.address) == 10**18
    receipt = w.chain.receipt(out.tx_hash)
    assert receipt is not None and receipt.gas_used == 21000
    # A protocol rejection is a value, not an exception.
    broke = w.transfer(bob, alice.address, 10**30)
    assert not broke.accepted


def _scripted_run(seed: int, actions: list[tuple[int, int]]) -> bytes:
    w = l2lab.World(seed=seed, network=NetworkConfig(default_link=LinkConfig(
        latency_ms=200, jitter_ms=3000, drop_probability=0.1, duplicate_probability=0.1)))
    accounts = [w.new_account(balance=10**20)]
    w.add_actor(l2lab.Actor("a"))
    w.add_actor(l2lab.Actor("b"))
    for kind, x in actions:
        if kind == 0:
            accounts.append(w.new_account(balance=x * 10**15))
        elif kind == 1:
            w.transfer(accounts[x % len(accounts)], accounts[0], x)
        elif kind == 2:
            w.send(x % 2, (x + 1) % 2, bytes([x]) * (x % 7))
        elif kind == 3:
            w.run(blocks=x % 3)
        else:
            w.mine(x % 2)
    w.run(blocks=2)
    return w.trace_digest()


@settings(max_examples=25)
@given(seed=st.integers(0, 2**64 - 1),
       actions=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 50)), max_size=25))
def test_trace_digest_same_seed_same_digest_different_seed_different(
        seed: int, actions: list[tuple[int, int]]) -> None:
    d = _scripted_run(seed, actions)
    assert isinstance(d, bytes) and len(d) == 32
    assert _scripted_run(seed, actions) == d
    assert _scripted_run((seed + 1) % 2**64, actions) != d


def test_snapshot_restore_replays_identically() -> None:
    w = l2lab.World(seed=3)
    a = w.new_account(balance=10**20)
    w.add_actor(l2lab.Actor("x"))
    w.add_actor(l2lab.Actor("y"))
    w.run(blocks=2)
    snap = w.snapshot()
    assert snap.block_number == 2
    assert snap.trace_digest == w.trace_digest()

    def future() -> bytes:
        w.transfer(a, w.new_account(), 5)
        w.send(0, 1, b"hello")
        w.run(blocks=3)
        return w.trace_digest()

    first = future()
    w.restore(snap)
    assert w.block_number == 2
    assert w.trace_digest() == snap.trace_digest
    assert len(w.accounts) == 1
    assert future() == first


def test_foreign_snapshot_is_a_state_error_and_changes_nothing() -> None:
    a, b = l2lab.World(seed=1), l2lab.World(seed=1)
    snap = a.snapshot()
    b.mine(2)
    before = b.trace_digest()
    with pytest.raises(l2lab.StateError):
        b.restore(snap)
    assert b.trace_digest() == before and b.block_number == 2


def test_bad_input_raises_typed_errors_and_changes_nothing() -> None:
    w = l2lab.World(seed=1)
    with pytest.raises(ValueError):
        w.new_account(balance=-1)
    with pytest.raises(OverflowError):
        w.new_account(balance=2**256)
    with pytest.raises(TypeError):
        w.new_account(balance="10")
    with pytest.raises(TypeError):
        w.new_account(balance=1.5)
    assert w.accounts == []
    with pytest.raises(TypeError):
        l2lab.World(seed=-1)
    with pytest.raises(TypeError):
        l2lab.World(seed="7")
    with pytest.raises(TypeError):
        w.mine("3")
    with pytest.raises(TypeError):
        w.restore("not a snapshot")
    with pytest.raises(l2lab.InvalidArgumentError):
        LinkConfig(drop_probability=1.5)
    with pytest.raises(l2lab.InvalidArgumentError):
        LinkConfig(duplicate_probability=float("nan"))
    with pytest.raises(l2lab.InvalidArgumentError):
        NetworkConfig(offline_policy="sometimes")
    with pytest.raises(l2lab.InvalidArgumentError):
        w.send(0, 1, b"x")  # no actors yet
    with pytest.raises(l2lab.InvalidArgumentError):
        w.stream("sim/network")
    with pytest.raises(TypeError):
        w.send(0, 1, "not bytes")
    assert w.network.stats.sent == 0
    assert w.block_number == 0


def test_streams_are_persistent_and_seeded() -> None:
    a, b = l2lab.World(seed=5), l2lab.World(seed=5)
    x = a.stream("adversary").next_u64()
    assert a.stream("adversary").next_u64() != x
    assert b.stream("adversary").next_u64() == x


def test_world_config_object() -> None:
    cfg = WorldConfig(network=NetworkConfig(offline_policy="queue", max_offline_queue=3))
    w = l2lab.World(7, cfg)
    assert w.network.config.offline_policy == l2lab.sim.OfflinePolicy.QUEUE
    assert w.network.config.max_offline_queue == 3


@pytest.mark.parametrize("drop,dup", [(0.0, 0.0), (0.3, 0.0), (0.1, 0.25)])
def test_network_rates_match_configuration(drop: float, dup: float) -> None:
    net = NetworkConfig(default_link=LinkConfig(latency_ms=10, jitter_ms=500,
                                                drop_probability=drop, duplicate_probability=dup))
    w = l2lab.World(seed=99, network=net)
    w.add_actor(l2lab.Actor("a"))
    w.add_actor(l2lab.Actor("b"))
    n = 5000
    for i in range(n):
        w.send(0, 1, i.to_bytes(4, "big"))
    w.run(blocks=1)
    s = w.network.stats
    assert s.sent == n
    sd_drop = (n * drop * (1 - drop)) ** 0.5
    assert abs(s.dropped - n * drop) <= 5 * sd_drop + 1e-9
    kept = n - s.dropped
    sd_dup = (kept * dup * (1 - dup)) ** 0.5
    assert abs(s.duplicated - kept * dup) <= 5 * sd_dup + 1e-9
    # Every scheduled copy was delivered (no offline actors, links up).
    assert s.delivered == kept + s.duplicated == w.trace_counts.deliveries
    assert s.as_dict()["delivered"] == s.delivered
