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


@pytest.mark.parametrize("occurrence", [0, 1])
@pytest.mark.parametrize("point", ["before_persist", "after_persist", "after_send"])
@pytest.mark.parametrize("side", ["proposer", "countersigner"])
def test_c3_crash_boundary(point, side, occurrence):
    # Every persistence boundary of both sides, the second ones (the proposer's save of the
    # completed state before its Ack, the countersigner's save of the adopted Ack) included.
    res = run("channel.crash_boundary", point=point, side=side, occurrence=occurrence)
    assert res.ok and res.outcome == "ok", res.story()
    assert any(i.name == "the armed persistence boundary was reached" and i.held
               for i in res.invariants), res.story()


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


@pytest.mark.parametrize("policy", ["penalty", "latest_state_wins"])
@pytest.mark.parametrize("colluders,cheat_version,colluder_challenge", [
    ("0,2", 1, -1),        # two colluders, two honest parties, a middle version
    ("1", -1, -1),         # a single colluder, random older version
    ("0,1,3", 0, 2),       # a colluder challenges with a still-stale version 2
    ("2,3", 0, 3),
])
def test_c10_any_colluding_subset(policy, colluders, cheat_version, colluder_challenge):
    res = run("channel.n_party", n=4, k=6, policy=policy, colluders=colluders,
              cheat_version=cheat_version, colluder_challenge=colluder_challenge)
    assert res.ok and res.outcome == "ok", res.story()
    honest = [i for i in range(4) if str(i) not in colluders.split(",")]
    for i in honest:
        assert any(x.name == f"p{i} (honest) ends with >= its latest balance" and x.held
                   for x in res.invariants), res.story()


def test_c10_rejects_a_subset_without_an_honest_party():
    for bad in ("0,1,2", "5", "x"):
        res = scenarios.get("channel.n_party").run(seed=1, n=3, colluders=bad, k=2)
        assert "ValueError" in res.error and "colluders" in res.error, res.error


@pytest.mark.parametrize("k,cheat_version", [(1, 0), (5, 3), (5, -1)])
def test_c2_k_and_cheat_version(k, cheat_version):
    res = run("channel.offline_victim", d=3, tower="absent", challenge_period=6, k=k,
              cheat_version=cheat_version)
    assert res.ok and res.outcome == "ok", res.story()


@pytest.mark.parametrize("scenario,extra", [
    ("channel.stale_close", {"challenge_period": 6}),
    ("channel.offline_victim", {"challenge_period": 6, "tower": "present"}),
    ("channel.restart_during_dispute", {"challenge_period": 6, "down_blocks": 0}),
])
@pytest.mark.parametrize("censor", [0, 2, 4, 8])
def test_censor_delays_the_victims_challenge(scenario, extra, censor):
    # An L1 censor (inclusion policy) keeps the victim's (and its tower's) transactions out for
    # `censor` blocks: safe while the delayed challenge still lands by the deadline, otherwise the
    # loss is reported as assumption violated, never as a silent pass or a spurious failure.
    res = run(scenario, censor=censor, **extra)
    assert res.ok, res.story()
    lost = any(not i.held for i in res.invariants)
    if censor <= 2:
        assert not lost and res.outcome == "ok", res.story()
    if censor >= 8:
        assert lost and res.outcome == "loss reported (assumption violated)", res.story()


def test_same_seed_same_trace():
    a = run("channel.stale_close", seed=9)
    b = run("channel.stale_close", seed=9)
    assert a.trace_digest == b.trace_digest
