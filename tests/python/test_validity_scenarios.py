"""Scenarios V1-V4 (l2lab.scenarios validity.*): each run behaves as the protocol promises, the
story narrates it, and the suite's cost columns are recorded."""

from __future__ import annotations

import pytest

import l2lab


@pytest.mark.parametrize("defect", ["overspend", "bad_signature", "out_of_range"])
def test_v1_invalid_witnesses(defect):
    res = l2lab.scenarios.get("validity.invalid_witnesses").run(seed=1, defect=defect)
    assert res.ok, res.story()
    assert res.metrics["forged_proofs_rejected"] == 1


def test_v1_with_the_modelled_prover():
    res = l2lab.scenarios.get("validity.invalid_witnesses").run(seed=2, proof_system="modelled")
    assert res.ok, res.story()


@pytest.mark.parametrize("system", ["witness", "modelled"])
def test_v2_tampered_proofs(system):
    res = l2lab.scenarios.get("validity.tampered_proofs").run(seed=1, proof_system=system, on_chain=3)
    assert res.ok, res.story()
    assert res.metrics["mutations_checked"] == res.metrics["proof_bytes"] > 0


def test_v3_unique_post_root():
    res = l2lab.scenarios.get("validity.unique_post_root").run(seed=3, batches=2)
    assert res.ok, res.story()
    assert res.metrics["alternative_roots_checked"] >= 9


def test_v4_differential():
    res = l2lab.scenarios.get("validity.differential").run(seed=4, txs=200, blocks=6)
    assert res.ok, res.story()
    assert res.metrics["batches"] >= 2 and res.metrics["bytes_per_tx"] > 0 and res.metrics["l1_gas"] > 0


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(5))
def test_v4_differential_modelled_and_more_seeds(seed):
    res = l2lab.scenarios.get("validity.differential").run(seed=seed, proof_system="modelled", txs=500)
    assert res.ok, res.story()


@pytest.mark.parametrize("cheat,system", [("overspend", "witness"), ("bad_signature", "modelled")])
def test_same_invalid_batch_settled_both_ways(cheat, system):
    res = l2lab.scenarios.get("validity.both_settlements").run(seed=1, cheat=cheat, proof_system=system)
    assert res.ok, res.story()
    m = res.metrics
    assert m["optimistic.bonds_moved_wei"] > 0 and m["zk.bonds_moved_wei"] == 0
    assert m["zk.finality_blocks"] < m["optimistic.finality_blocks"]
    assert m["zk.gas.cheater"] > 0 and m["optimistic.gas.challenger"] > 0
    assert m["optimistic.bytes_posted"] > 0 and m["zk.data_bytes"] > 0


def test_a_stalling_cheater_delays_only_the_optimistic_root():
    """max_clock and cheater_timing move the optimistic finality (the cheater answers at the
    last moment: up to its clock) and leave the validity finality where it was; the rollups of
    both paths are kept for inspection (Result.kept)."""
    scenario = l2lab.scenarios.get("validity.both_settlements")
    runs = {(clock, timing): scenario.run(seed=1, max_clock=clock, cheater_timing=timing)
            for clock in (120, 240) for timing in ("prompt", "last_minute")}
    for res in runs.values():
        assert res.ok, res.story()
    opt = {k: r.metrics["optimistic.finality_blocks"] for k, r in runs.items()}
    assert opt[(120, "prompt")] < opt[(120, "last_minute")] < opt[(240, "last_minute")]
    assert opt[(120, "prompt")] < opt[(240, "prompt")] < opt[(240, "last_minute")]
    assert len({r.metrics["zk.finality_blocks"] for r in runs.values()}) == 1
    kept = runs[(240, "last_minute")].kept
    game = kept["fault_rollup"].dispute_events(0)
    assert game["move"][0] == "claim" and game["move"][-1] == "resolve"
    assert kept["fault_rollup"].games_table()["status"][0] == "challenger_wins"
    assert kept["zk_rollup"].status().proven == len(kept["zk_rollup"].verifier().batches)


@pytest.mark.parametrize("system", ["stark", "witness"])
def test_forced_skips_do_not_stall_settlement(system):
    """An attacker forcing unfunded, future-nonce and unknown-sender txs through the L1 queue every
    round: every batch is still proven and the proven roots equal the plain STF's."""
    res = l2lab.scenarios.get("validity.forced_skips").run(seed=1, rounds=2, proof_system=system)
    assert res.ok, res.story()
    assert res.metrics["batches"] >= 2 and res.metrics["forced_skipped"] == 6 and res.metrics["l1_gas"] > 0


def test_scenarios_are_registered():
    names = l2lab.scenarios.names()
    for n in ("validity.invalid_witnesses", "validity.tampered_proofs", "validity.unique_post_root",
              "validity.differential", "validity.both_settlements", "validity.forced_skips"):
        assert n in names
