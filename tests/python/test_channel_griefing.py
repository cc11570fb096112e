"""C8 griefing and C9 mass exit (SCENARIOS.md), the measured gas table they build on, and the
benchmark paths (bulk C++ rounds, pure-Python ECDSA reference)."""

from __future__ import annotations

import math
import os

import pytest

import l2lab
from l2lab import scenarios
from l2lab.channel_gas import OPERATIONS, format_gas_table, gas_table

import l2lab.scenarios.channel  # noqa: F401  (registers the channel scenarios)

ECRECOVER_GAS = 3000  # Yellow Paper appendix E / EIP-2929 table: precompile 0x01 costs 3000


def run(name, seed=1, **params):
    res = scenarios.get(name).run(seed=seed, **params)
    assert not res.error, res.story()
    return res


# ---- gas table ---------------------------------------------------------------------------------

def test_gas_table_is_measured_and_grows_with_signatures():
    rows = gas_table(parties=(2, 5), policies=("latest_state_wins",))
    g = {(r.parties, r.operation): r.gas for r in rows}
    assert {op for _, op in g} == set(OPERATIONS)
    for op in OPERATIONS:
        assert g[(2, op)] > 21000, op  # every operation is a real call above the base cost
    # Fully signed states carry one signature per party, each checked with ecrecover.
    for op in ("unilateral_close", "challenge", "cooperative_close"):
        assert g[(5, op)] - g[(2, op)] >= 3 * ECRECOVER_GAS, op
    text = format_gas_table(rows)
    assert "unilateral_close" in text and f"{g[(5, 'challenge')]:,}" in text


def test_gas_table_is_exported_by_l2lab_channel():
    import l2lab.channel as ch

    assert ch.gas_table is gas_table and "gas_table" in ch.__all__


def test_gas_table_penalty_challenge_pays_out():
    lsw = {r.operation: r.gas for r in gas_table(parties=(2,), policies=("latest_state_wins",))}
    pen = {r.operation: r.gas for r in gas_table(parties=(2,), policies=("penalty",))}
    assert pen["open"] == lsw["open"]
    assert pen["challenge"] != lsw["challenge"]  # penalty closes (two transfers) at once


# ---- C8 griefing -------------------------------------------------------------------------------

@pytest.mark.parametrize("give_up", ["automatic", "scripted"])
@pytest.mark.parametrize("policy", ["penalty", "latest_state_wins"])
def test_c8_silent_counterparty(policy, give_up):
    N, T = 3, 5
    res = run("channel.griefing", mode="silent", give_up_after=N, challenge_period=T, policy=policy,
              give_up=give_up)
    assert res.ok and res.outcome == "ok", res.story()
    m = res.metrics
    reg = {r.operation: r.gas for r in gas_table(parties=(2,), policies=(policy,))}
    # The honest party registered its state itself: at least that much gas, beyond a coop close.
    assert m["honest.exit_gas"] >= reg["unilateral_close"]
    assert m["honest.extra_gas"] == m["honest.exit_gas"] - reg["cooperative_close"]
    # Locked at least for the give-up delay plus the whole challenge period.
    assert m["honest.locked_blocks"] >= N + T
    assert m["honest.locked_capital_block_wei"] % m["honest.locked_blocks"] == 0
    assert m["honest.locked_capital_block_wei"] >= (N + T) * 10**17


def test_c8_withheld_ack():
    N, T = 3, 5
    res = run("channel.griefing", mode="withhold_ack", give_up_after=N, challenge_period=T)
    assert res.ok and res.outcome == "ok", res.story()
    m = res.metrics
    assert m["honest.locked_blocks"] >= N + T
    # Never less than its latest fully signed balance; at most that plus the withheld payment.
    assert 0 <= m["honest.withheld_payment_recovered"] <= 10**17


def test_c8_longer_patience_locks_capital_longer():
    short = run("channel.griefing", give_up_after=2, challenge_period=4).metrics
    long = run("channel.griefing", give_up_after=8, challenge_period=4).metrics
    assert long["honest.locked_blocks"] - short["honest.locked_blocks"] >= 8 - 2 - 1
    assert long["honest.locked_capital_block_wei"] > short["honest.locked_capital_block_wei"]


def test_c8_repeated_unilateral_closes():
    T, R = 4, 2
    res = run("channel.griefing", mode="repeated_close", rounds=R, challenge_period=T)
    assert res.ok and res.outcome == "ok", res.story()
    m = res.metrics
    assert m["honest.locked_blocks"] >= R * T
    assert m["honest.extra_gas"] > 0  # re-opening and re-funding costs the honest party


def test_c8_deterministic():
    a = run("channel.griefing", seed=5, give_up_after=2)
    b = run("channel.griefing", seed=5, give_up_after=2)
    assert a.trace_digest == b.trace_digest and a.metrics == b.metrics


# ---- C9 mass exit ------------------------------------------------------------------------------

def _capacity():
    """(transaction gas limit parties use, gas of the larger of register/challenge), measured."""
    probe = run("channel.mass_exit", k=1)
    assert probe.ok, probe.story()
    g = {r.operation: r.gas for r in gas_table(parties=(2,), policies=("latest_state_wins",))}
    per_tx = max(g["unilateral_close"], g["challenge"])
    assert probe.metrics["gas.register"] == g["unilateral_close"]
    return probe.metrics["tx_gas_limit"], per_tx


def test_c9_no_loss_when_the_exit_fits():
    limit, per_tx = _capacity()
    T, per_block = 6, 3
    G = limit + (per_block - 1) * per_tx  # exactly per_block channel transactions per block
    K = 3
    assert math.ceil(2 * K / per_block) + 1 <= T  # the sufficient condition, from the schedule
    res = run("channel.mass_exit", k=K, block_gas_limit=G, challenge_period=T)
    assert res.metrics["txs_per_block"] == per_block
    assert res.ok and res.outcome == "ok", res.story()
    assert res.metrics["value_lost_wei"] == 0 and res.metrics["channels_closed"] == K


def test_c9_no_loss_under_bounded_censorship_that_fits():
    limit, per_tx = _capacity()
    T, per_block, c = 6, 3, 2
    G = limit + (per_block - 1) * per_tx
    K = 3
    assert math.ceil(2 * K / per_block) + 1 + c <= T
    res = run("channel.mass_exit", k=K, block_gas_limit=G, challenge_period=T,
              inclusion="censor", censor_blocks=c)
    assert res.ok and res.outcome == "ok", res.story()
    assert res.metrics["value_lost_wei"] == 0


def test_c9_loss_reported_when_registrations_alone_outlast_the_period():
    limit, per_tx = _capacity()
    T, per_block = 3, 3
    G = limit + (per_block - 1) * per_tx
    # Registrations arrive first and fill ceil(K / per_block) blocks; the first victim's
    # challenge comes after all of them, past its deadline when that exceeds T + 1 blocks.
    K = per_block * (T + 2)
    res = run("channel.mass_exit", k=K, block_gas_limit=G, challenge_period=T)
    assert res.ok, res.story()  # a provoked loss is reported, not a failure
    assert res.metrics["value_lost_wei"] > 0 and res.metrics["victims_with_loss"] >= 1
    assert res.outcome == "loss reported (assumption violated)", res.story()
    violated = [i for i in res.invariants if not i.held]
    assert violated and all(i.assumption_violated for i in violated)


def test_c9_censorship_beyond_the_period_loses():
    limit, per_tx = _capacity()
    T = 4
    res = run("channel.mass_exit", k=2, block_gas_limit=limit + 4 * per_tx, challenge_period=T,
              inclusion="censor", censor_blocks=T + 2)
    assert res.metrics["value_lost_wei"] > 0
    assert res.outcome == "loss reported (assumption violated)", res.story()


def test_c9_reverse_order_and_penalty_fit():
    limit, per_tx = _capacity()
    res = run("channel.mass_exit", k=2, block_gas_limit=limit + 3 * per_tx, challenge_period=5,
              inclusion="reverse", policy="penalty")
    assert res.ok and res.outcome == "ok", res.story()
    assert res.metrics["value_lost_wei"] == 0


# ---- benchmark paths ---------------------------------------------------------------------------

def test_bulk_rounds_and_bench_cases():
    import l2lab.channel as ch
    from l2lab._bench_channel import channel_cases

    assert ch.bench_update_rounds(7) == 7
    cases = list(channel_cases(lambda op, impl, fn: (op, impl, fn)))
    ops = {(op, impl) for op, impl, _ in cases}
    assert ("channel round: py-ref cc", "l2lab (bulk)") in ops
    assert ("channel round: crypto", "crypto (bulk)") in ops
    for op, impl, fn in cases:
        if "pure" not in impl:
            assert fn() > 0, (op, impl)


def test_pure_python_ecdsa_matches_libsecp256k1():
    coincurve = pytest.importorskip("coincurve")
    pytest.importorskip("ecdsa")
    from l2lab.reference import channel as ref
    from l2lab.reference import ecdsa_pure

    for i in range(3):
        secret = int.from_bytes(os.urandom(32), "big") % (2**255) + 1
        d = l2lab.keccak256(i.to_bytes(4, "big"))
        sig = ecdsa_pure.sign(secret, d)
        assert sig == coincurve.PrivateKey.from_int(secret).sign_recoverable(d, hasher=None)
        assert ecdsa_pure.recover(d, sig) == ecdsa_pure.address_of(secret) == \
            bytes(l2lab.PrivateKey.from_int(secret).address)
        bad = sig[:64] + bytes([sig[64] ^ 1])
        assert ecdsa_pure.recover(d, bad) != ecdsa_pure.address_of(secret)
        assert ecdsa_pure.recover(d, sig[:64] + b"\x02") is None
    assert ref.update_rounds(2, ecdsa="python-ecdsa") == 2
    assert ref.sign.__module__ == ref.__name__  # the backend is restored
    with pytest.raises(ValueError, match="ecdsa"):
        ref.update_rounds(1, ecdsa="openssl")
