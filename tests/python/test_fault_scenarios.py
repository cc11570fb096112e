"""Scenarios F1-F8 (fault.*) at their defaults and at the parameters that matter; F6's honest cost
grows with the number of sybils (64 sybils: slow tier)."""

from __future__ import annotations

import pytest

import l2lab
from l2lab import scenario

FAULT = ["fault.invalid_root", "fault.valid_root_attacked", "fault.exhaustive",
         "fault.bond_solvency", "fault.clock_edges", "fault.sybils", "fault.differential_step",
         "fault.crash_restart"]


def _ok(name: str, seed: int = 1, **params: object) -> scenario.Result:
    res = scenario.get(name).run(seed=seed, **params)
    assert res.ok, res.story()
    assert not any(i.assumption_violated for i in res.invariants), res.story()
    return res


def test_every_fault_scenario_is_registered_with_tags() -> None:
    names = l2lab.scenarios.names()
    for n in FAULT:
        assert n in names
        cls = scenario.get(n)
        assert cls.tags["area"] == "fault" and cls.description.startswith(f"F")


@pytest.mark.parametrize("cheat", ["overspend", "bad_signature", "wrong_fee", "tampered"])
def test_f1_every_cheat_loses(cheat: str) -> None:
    res = _ok("fault.invalid_root", cheat=cheat)
    m = res.metrics
    # Bisection to the bottom: ended by a one-step proof, or by a bottom claim left unanswered.
    assert m["rounds"] in (m["depth"], m["depth"] + 1)
    assert m["bond_net.cheater"] < 0 < m["bond_net.challenger"]
    assert m["gas.challenger"] > 0 and m["resolved_blocks"] > 0
    names = [i.name for i in res.invariants]
    assert "a withdrawal proven from the wrong state is refused" in names


def test_f1_non_interactive_and_k_ary() -> None:
    m = _ok("fault.invalid_root", mode="non_interactive").metrics
    assert 0 < m["noninteractive_block_share"] < 1
    assert m["rounds"] == 1  # the root countered in one transaction
    m4 = _ok("fault.invalid_root", branching=4).metrics
    m2 = _ok("fault.invalid_root", branching=2).metrics
    assert m4["depth"] < m2["depth"]


def test_f2_valid_root_survives_and_freeloaders_earn_nothing() -> None:
    res = _ok("fault.valid_root_attacked", freeloaders=2)
    m = res.metrics
    assert m["bond_net.freeloader0"] == m["bond_net.freeloader1"] == 0
    assert m["bond_net.proposer"] == -m["bond_net.attacker"] > 0


@pytest.mark.parametrize("root_correct", [True, False])
def test_f3_exhaustive_player(root_correct: bool) -> None:
    m = _ok("fault.exhaustive", root_correct=root_correct).metrics
    assert m["exhaustive_attempts"] > 3


def test_f4_f5_f7_f8_defaults() -> None:
    for name in ("fault.bond_solvency", "fault.clock_edges", "fault.differential_step",
                 "fault.crash_restart"):
        _ok(name)
    _ok("fault.crash_restart", when="after_winning")
    _ok("fault.clock_edges", branching=3, max_depth=3)
    m = _ok("fault.differential_step", da="blob", mutations=8, onchain=2).metrics
    assert m["steps_checked"] >= 16 and "gas.step" in m


def test_f6_honest_cost_grows_with_sybils() -> None:
    gas = [_ok("fault.sybils", n=n).metrics["honest_gas"] for n in (1, 2, 8)]
    assert gas[0] < gas[1] < gas[2]


def test_f6_an_outspent_defender_is_reported_as_assumption_violated() -> None:
    res = scenario.get("fault.sybils").run(seed=1, n=2, defender_eth=0.003)
    assert res.ok, res.story()
    assert res.outcome == "loss reported (assumption violated)", res.story()


def test_fault_scenarios_are_deterministic() -> None:
    a = scenario.get("fault.bond_solvency").run(seed=4)
    b = scenario.get("fault.bond_solvency").run(seed=4)
    assert a.trace_digest == b.trace_digest and a.metrics == b.metrics


@pytest.mark.slow
def test_f6_64_sybils() -> None:
    m = _ok("fault.sybils", n=64).metrics
    assert m["honest_gas"] > 0


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(6))
def test_f4_many_random_mixes(seed: int) -> None:
    _ok("fault.bond_solvency", seed=seed, actors=6, blocks=20)


@pytest.mark.slow
def test_f7_many_samples() -> None:
    _ok("fault.differential_step", samples=400, mutations=400, onchain=6)
