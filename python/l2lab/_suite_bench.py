"""``l2lab bench --suite``: throughput of the scenario suite, Hypothesis examples per second of
the channel state machine, and the sweep speed-up on Dask.

Rows (each ratio is against a baseline measured in the same run):

* ``default suite (runs)``: every registered scenario at its defaults, seeds 0..2, run in one
  process (the baseline, ``1 process``) and on a local pool of 2 processes (``l2lab -j2``);
* ``empty scenario (runs)``: the framework's own cost per run (World, context, trace digest),
  baseline for nothing — read it next to the suite's figure;
* ``hypothesis channel machine``: examples of 50 steps per second (steps per second / 50) of
  the channel ``RuleBasedStateMachine``, next to Hypothesis alone on the same rules and
  invariant with empty bodies (see ``_bench_hypothesis`` for the settings and the counting);
* ``sweep points (Dask)``: a sweep of ``rollup.supply_conservation`` on a Dask ``LocalCluster``
  with 1 worker process of 1 thread (baseline) and with 2 (``l2lab 2 workers``): the ratio is
  the speed-up. The grid is what a small real sweep looks like: ``txs_per_block`` 20, 40, 60, 80
  by ``withdrawal_fraction`` 0, 0.1, 0.3, 3 seeds each, 36 runs of 70 to 260 ms (unequal: a run
  costs about ``40 + blocks * txs_per_block``, which the scenario's ``cost`` says, so the
  points go out most costly first); ``--quick`` runs 8 of them. Both cluster sizes get the same
  warm-up outside the timed region: cluster start-up, worker imports, one run of the scenario on
  every worker, one sweep through the client (so the first timed sweep pays no import of
  pandas). The timed region is one ``l2lab.sweep`` call (no database, so every call computes
  every run): planning, submitting, every run, collecting, the in-memory SQLite store and the
  DataFrame; the figure is the faster of 2 calls (1 with ``--quick``) for each cluster size.
* ``sweep points (Dask, 100 ms waits)``: the same with a scenario that waits 100 ms per run
  instead of computing, so the ratio shows what the sweep machinery (scheduling, SQLite writes,
  result transfer) leaves of the ideal 2x when CPU is not the limit.

With 2 workers on a 2-core machine the scheduler, the nannies and the client (in this process)
share the cores with the workers, while with 1 worker they have a core to themselves; so the
CPU-bound speed-up is bounded by the free cores (and by Dask's own scheduling cost), not only
by l2lab; the waiting variant is not. Both cluster sizes run with :data:`BENCH_DASK_CONFIG`:
Dask's dashboard diagnostics (profiler, system monitor, event-loop watchdog, memory monitor)
sampled less often, as the dashboard is off; the default sampling costs this process about
0.3 s of CPU per sweep and the workers some more. Before a cluster closes, its workers drop
the log record of a heartbeat caught by the shutdown (:func:`quiet_heartbeat_race`), so the
bench's output carries no traceback of a harmless race.
"""

from __future__ import annotations

import time
from typing import Any

from . import scenario as scenario_module
from ._bench_hypothesis import hypothesis_rows
from .bench import Row, attach_ratios

SWEEP_SCENARIO = "rollup.supply_conservation"
SWEEP_GRID = {"txs_per_block": [20, 40, 60, 80], "withdrawal_fraction": [0.0, 0.1, 0.3]}
SWEEP_SEEDS = 3
QUICK_GRID = {"txs_per_block": [20, 40, 60, 80]}
QUICK_SEEDS = 2


class WaitScenario(scenario_module.Scenario):
    """Waits ``ms`` milliseconds (a stand-in for a latency-bound run)."""

    name = "bench.wait"
    params = {"ms": scenario_module.Param(100, "milliseconds to wait", minimum=0)}

    def body(self, ctx: Any) -> None:
        time.sleep(ctx.params["ms"] / 1000)
        ctx.check("waited", True)


def _timed(fn: Any, repeats: int) -> tuple[float, int]:
    """Best (seconds, items) over ``repeats`` calls of ``fn`` (which returns its item count)."""
    best = (float("inf"), 0)
    for _ in range(repeats):
        t0 = time.perf_counter()
        n = fn()
        dt = time.perf_counter() - t0
        if dt < best[0]:
            best = (dt, n)
    return best


def suite_rows(quick: bool = False) -> list[Row]:
    from . import scenario, suite

    class _Empty(scenario.Scenario):
        name = "bench.empty"

        def body(self, ctx: scenario.Context) -> None:
            pass

    repeats = 1 if quick else 3
    chosen = suite.select(None)
    seeds = [0, 1, 2]
    rows = []
    for label, jobs in (("1 process", 1), ("l2lab -j2", 2)):
        dt, n = _timed(lambda: len(suite.run_suite(chosen, seeds, jobs=jobs, progress=False)),
                       repeats)
        rows.append(Row("default suite (runs)", label, n / dt, source="suite"))
    dt, n = _timed(lambda: sum(1 for s in range(200) if _Empty.run(seed=s).ok), repeats)
    rows.append(Row("empty scenario (runs)", "l2lab", n / dt, source="suite"))
    rows += hypothesis_rows(quick)
    rows += dask_rows(quick)
    return attach_ratios(rows)


# Dask's diagnostics, which feed only its dashboard (off here): the statistical profiler
# sampling every worker thread every 10 ms, host CPU/memory/disk samples every 500 ms, the
# event-loop watchdog every 20 ms and the memory monitor every 100 ms, in every worker and in
# this process (scheduler, nannies). With 2 workers on 2 cores their CPU comes out of the
# workers' (with 1 worker the idle core absorbs it): sampled less often, for both sizes.
BENCH_DASK_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "10s",
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
}

HEARTBEAT_RACE = "Failed to communicate with scheduler during heartbeat"


class _DropHeartbeatRace:
    """A logging filter for the shutdown race of a worker heartbeat in flight while the
    cluster closes (the scheduler's comm is closed under it: harmless, but it prints a
    traceback)."""

    def filter(self, record: Any) -> bool:
        return not str(record.msg).startswith(HEARTBEAT_RACE)


def quiet_heartbeat_race() -> None:
    """Run on each worker (``client.run``) just before a cluster is closed."""
    import logging

    logging.getLogger("distributed.worker").addFilter(_DropHeartbeatRace())


def dask_rows(quick: bool = False) -> list[Row]:
    """Sweep points per second on 1 and 2 Dask worker processes (empty without distributed)."""
    try:
        import dask
        import distributed
    except ImportError:
        return []
    from . import suite
    from .sweeps import sweep

    grid, seeds = (QUICK_GRID, QUICK_SEEDS) if quick else (SWEEP_GRID, SWEEP_SEEDS)
    repeats = 1 if quick else 2  # best of 2: a busy spell of a shared machine hits one of them
    rows = []
    for label, workers in (("1 worker", 1), ("l2lab 2 workers", 2)):
        with dask.config.set(BENCH_DASK_CONFIG), \
                distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                         dashboard_address=None) as cluster, \
                distributed.Client(cluster) as client:
            # Warm-up, the same for both sizes and outside the timing (see the module doc).
            client.run(lambda: __import__("l2lab.scenarios"))  # registers the scenarios
            client.run(suite.run_point, SWEEP_SCENARIO, {"blocks": 1}, 0)
            sweep(WaitScenario, {"ms": [0]}, seeds=2 * workers, executor=client, progress=False)
            dt, n = _timed(lambda: len(sweep(SWEEP_SCENARIO, grid, seeds=seeds, executor=client,
                                             progress=False)), repeats)
            rows.append(Row("sweep points (Dask)", label, n / dt, source="suite"))
            dt, n = _timed(lambda: len(sweep(WaitScenario, {"ms": [100]},
                                             seeds=8 if quick else 16, executor=client,
                                             progress=False)), repeats)
            rows.append(Row("sweep points (Dask, 100 ms waits)", label, n / dt, source="suite"))
            client.run(quiet_heartbeat_race)
    return rows
