"""Scenarios C1-C7 and C10 run and behave as SCENARIOS.md says, including the reported loss."""

from __future__ import annotations

import pytest

import l2lab
from l2lab import scenarios

import l2lab.scenarios.channel  # noqa: F401  (registers the channel scenarios)


def run(name, seed=1, **params):
    res = scenarios.get(name).run(seed=seed, **params)
    assert not res.error, res.story()
    return res


@pytest.mark.parametrize("policy", ["penalty", "latest_state_wins"])
@pytest.mark.parametrize("cheat_version", [-1, 0, 3])
def test_c1_stale_close(policy, cheat_version):
    res = run("channel.stale_close", policy=policy, cheat_version=cheat_version)
    assert res.ok and res.outcome == "ok", res.story()
    assert res.metrics["gas.p1"] > 0


@pytest.mark.parametrize("tower", ["present", "absent", "offline"])
@pytest.mark.parametrize("d_rel", [None, -1, 0, 1])
def test_c2_offline_victim(tower, d_rel):
    T = 6
    d = 0 if d_rel is None else T + d_rel
    res = run("channel.offline_victim", d=d, tower=tower, challenge_period=T)
    assert res.ok, res.story()
    lost = any(not i.held for i in res.invariants)
    if tower == "present" or d <= T - 1:
        assert not lost, res.story()
    else:
        assert lost and res.outcome == "loss reported (assumption violated)", res.story()


@pytest.mark.parametrize("point", ["before_persist", "after_persist", "after_send"])
@pytest.mark.parametrize("side", ["proposer", "countersigner"])
def test_c3_crash_boundary(point, side):
    res = run("channel.crash_boundary", point=point, side=side)
    assert res.ok and res.outcome == "ok", res.story()


@pytest.mark.parametrize("phase", ["pending", "confirmed", "challenge_sent"])
def test_c4_restart_during_dispute(phase):
    res = run("channel.restart_during_dispute", phase=phase)
    assert res.ok and res.outcome == "ok", res.story()


def test_c5_stale_backup():
    res = run("channel.stale_backup")
    assert res.ok and res.outcome == "ok", res.story()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_c6_unreliable_network(seed):
    res = run("channel.unreliable_network", seed=seed)
    assert res.ok and res.outcome == "ok", res.story()


@pytest.mark.parametrize("mode", ["short", "late", "never"])
def test_c7_bad_funding(mode):
    res = run("channel.bad_funding", mode=mode)
    assert res.ok and res.outcome == "ok", res.story()


@pytest.mark.parametrize("n", [2, 3, 5])
@pytest.mark.parametrize("policy", ["penalty", "latest_state_wins"])
def test_c10_n_party(n, policy):
    res = run("channel.n_party", n=n, policy=policy)
    assert res.ok and res.outcome == "ok", res.story()


def test_same_seed_same_trace():
    a = run("channel.stale_close", seed=9)
    b = run("channel.stale_close", seed=9)
    assert a.trace_digest == b.trace_digest
