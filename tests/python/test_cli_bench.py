"""`l2lab bench` plumbing: Google Benchmark JSON parsing, ratios, the table, and a quick run."""

from __future__ import annotations

import math

from l2lab import bench, cli

GBENCH = {
    "benchmarks": [
        {"name": "BM_ecdsa_sign/libsecp256k1", "run_type": "iteration", "real_time": 20.0,
         "time_unit": "us", "items_per_second": 50_000.0},
        {"name": "BM_ecdsa_sign/l2lab", "run_type": "iteration", "real_time": 21.0,
         "time_unit": "us", "items_per_second": 47_500.0},
        {"name": "BM_ecdsa_sign/l2lab_mean", "run_type": "aggregate", "real_time": 21.0},
        {"name": "BM_smt_update/l2lab/1000000", "run_type": "iteration", "real_time": 2.0,
         "time_unit": "ms"},
    ]
}


def test_parse_and_ratio() -> None:
    rows = bench.attach_ratios(bench.parse_google_benchmark(GBENCH, "l2lab_crypto_bench"))
    assert [(r.operation, r.implementation) for r in rows] == [
        ("ecdsa_sign", "libsecp256k1"),
        ("ecdsa_sign", "l2lab"),
        ("smt_update/1000000", "l2lab"),
    ]
    assert rows[1].baseline == "libsecp256k1"
    assert math.isclose(rows[1].ratio, 0.95)
    assert math.isclose(rows[2].per_second, 500.0)  # 1 / 2 ms, no items counter
    assert math.isnan(rows[2].ratio)  # no baseline for this operation


def test_table_fits_80_columns() -> None:
    rows = bench.attach_ratios(bench.parse_google_benchmark(GBENCH, "x"))
    assert all(len(line) <= 80 for line in bench.format_table(rows).splitlines())


def test_quick_python_bench_runs(capsys) -> None:  # type: ignore[no-untyped-def]
    assert cli.main(["bench", "--quick"]) == 0
    out = capsys.readouterr().out
    assert "ecdsa sign" in out and "coincurve" in out and "l1 transfer" in out
    # The channel summary: rounds/s against the crypto bound, then the gas table, 2 and 5 parties.
    assert "rounds/s =" in out and "the crypto bound" in out
    assert "adjudicator L1 gas" in out and "2p lsw" in out and "5p penalty" in out
    assert "unilateral_close" in out


def test_hypothesis_machine_examples_and_steps_are_counted() -> None:
    """The Hypothesis row's two machines (a few examples: the figure itself is `l2lab bench
    --suite`'s, never a timed test's)."""
    import pytest

    from l2lab import _bench_hypothesis as hb

    channel_machine, hypothesis_only = hb._machines()
    for machine in (hypothesis_only, channel_machine):
        seconds, examples, steps = hb.measure(machine, 4)
        assert seconds > 0 and examples >= 4 and 1 <= steps <= hb.STEPS
    # The twin has the machine's rules (built from the same strategies) and its invariant.
    def rules(m):  # type: ignore[no-untyped-def]
        return sorted(r.function.__name__ for r in m.setup_state().rules)

    def invariants(m):  # type: ignore[no-untyped-def]
        return sorted(i.function.__name__ for i in m.setup_state().invariants)

    assert rules(hypothesis_only) == rules(channel_machine) and len(rules(channel_machine)) == 7
    assert invariants(hypothesis_only) == invariants(channel_machine) == ["no_violations"]
    # ... and draws its steps the same way (the lean rule strategy of l2lab.testing.machine).
    from l2lab.testing.machine import lean_rules_active

    assert lean_rules_active(hypothesis_only()) and lean_rules_active(channel_machine())
    # Steps are the rule runs: one example of a machine whose every example has 50 steps.
    from hypothesis import strategies as st
    from hypothesis.stateful import RuleBasedStateMachine, rule

    class Fifty(RuleBasedStateMachine):
        @rule(x=st.just(0))
        def step(self, x: int) -> None:
            pass

    counted = hb._counting(Fifty)
    _, examples, steps = hb.measure(counted, 1)
    assert examples >= 1 and counted.steps == 50 * examples and steps == 50
    with pytest.raises(ValueError, match="positive int"):
        hb.measure(channel_machine, 0)


def test_hypothesis_report_against_target_and_ceiling() -> None:
    from l2lab import _bench_hypothesis as hb

    rows = bench.attach_ratios([
        bench.Row(hb.OPERATION, "hypothesis only", 200.0, counters={"steps_per_example": 49.0}),
        bench.Row(hb.OPERATION, "l2lab", 150.0, counters={"steps_per_example": 40.0,
                                                          "examples_per_second": 187.5}),
    ])
    assert rows[1].baseline == "hypothesis only" and math.isclose(rows[1].ratio, 0.75)
    text = hb.hypothesis_report(rows)
    assert "examples of 50 steps (steps/s / 50)" in text
    assert "150 examples/s = 1.50x the target of 100/s" in text
    assert "(as run: 188 examples/s of 40.0 steps on average)" in text
    assert "empty bodies) 200 examples/s:" in text and "reaches 0.75 of that ceiling" in text
    assert max(len(line) for line in text.splitlines()) <= 80, text
    assert hb.hypothesis_report(rows[:1]) == "" and hb.hypothesis_report([]) == ""


def test_bench_dask_config_names_real_settings_and_drops_only_the_heartbeat_race() -> None:
    import logging

    import pytest

    dask = pytest.importorskip("dask")
    pytest.importorskip("distributed")
    from l2lab import _suite_bench as sb

    for key in sb.BENCH_DASK_CONFIG:  # a renamed setting would be silently ignored
        dask.config.get(key)

    logger = logging.getLogger("distributed.worker")
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    handler, filters = Keep(level=logging.DEBUG), list(logger.filters)
    logger.addHandler(handler)
    try:
        sb.quiet_heartbeat_race()
        logger.error("Failed to communicate with scheduler during heartbeat.")
        logger.error("Unexpected exception during heartbeat. Closing worker.")
    finally:
        logger.removeHandler(handler)
        logger.filters[:] = filters
    assert seen == ["Unexpected exception during heartbeat. Closing worker."]
