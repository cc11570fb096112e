"""Benchmarks with side-by-side baselines (``l2lab bench``).

Every row is one operation run by one implementation; rows of the same operation are measured in
the same process and reported as a ratio to the first baseline of that operation, because the
machines are noisy and only ratios travel. A row may name its own baseline instead (a 2-thread
row against its 1-thread row): ``Case.baseline`` for Python cases, the Google Benchmark label
``vs=<implementation>`` for native ones. Native rows come from the Google Benchmark binaries
(``make bench``); their names follow ``<operation>/<implementation>[/<args>]``, and their user
counters (e.g. bytes or gas per transfer) are kept in ``Row.counters``.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class Row:
    """One measured (operation, implementation) pair."""

    operation: str
    implementation: str
    per_second: float  # items (operations) per second
    baseline: str = ""  # implementation this row's ratio refers to (preset: keep it)
    ratio: float = float("nan")  # per_second / baseline's per_second
    source: str = "python"  # "python" or the native binary's name
    counters: dict[str, float] = field(default_factory=dict)  # Google Benchmark user counters


def _timeit(fn: Callable[[], int], min_seconds: float) -> float:
    """Items per second of ``fn`` (which returns how many items it processed), best of runs."""
    best = 0.0
    spent = 0.0
    runs = 0
    while spent < min_seconds or runs < 3:
        t0 = time.perf_counter()
        items = fn()
        dt = time.perf_counter() - t0
        spent += dt
        runs += 1
        if dt > 0:
            best = max(best, items / dt)
    return best


def attach_ratios(rows: list[Row]) -> list[Row]:
    """Fill ``baseline``/``ratio``: each row against the first non-l2lab row of its operation,
    or against the implementation its ``baseline`` already names (in the same operation; a
    preset baseline that is not there is an error, not a silent fallback)."""
    by_op: dict[str, list[Row]] = {}
    for r in rows:
        by_op.setdefault(r.operation, []).append(r)
    for op, group in by_op.items():
        named = {r.implementation: r for r in group}
        default = next((r for r in group if not r.implementation.startswith("l2lab")), None)
        for r in group:
            if r.baseline and r.baseline != r.implementation:
                if r.baseline not in named:
                    raise ValueError(f"bench row {op}/{r.implementation}: baseline "
                                     f"{r.baseline!r} is not measured in the same run")
                base = named[r.baseline]
            elif default is not None:
                base = default
            else:
                continue
            if base.per_second > 0:
                r.baseline = base.implementation
                r.ratio = r.per_second / base.per_second
    return rows


def run_python_benchmarks(quick: bool = False) -> list[Row]:
    """Operations measured through the Python API next to Python-reachable baselines."""
    from . import _bench_cases

    min_seconds = 0.1 if quick else 0.5
    rows = []
    for case in _bench_cases.cases():
        rows.append(Row(case.operation, case.implementation, _timeit(case.fn, min_seconds),
                        baseline=case.baseline))
    return attach_ratios(rows)


def run_native_benchmarks(native_dir: str | os.PathLike[str], min_time: float = 0.2) -> list[Row]:
    """Run every ``l2lab_*_bench`` binary in ``native_dir`` and collect its rows."""
    rows: list[Row] = []
    for exe in sorted(Path(native_dir).glob("l2lab_*_bench")):
        if not os.access(exe, os.X_OK):
            continue
        out = subprocess.run(
            [str(exe), "--benchmark_format=json", f"--benchmark_min_time={min_time}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        rows.extend(parse_google_benchmark(json.loads(out), exe.name))
    return attach_ratios(rows)


_TIME_UNIT = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
# Keys of a Google Benchmark JSON entry that are not user counters.
_GBENCH_KEYS = {
    "name", "family_index", "per_family_instance_index", "run_name", "run_type", "repetitions",
    "repetition_index", "threads", "iterations", "real_time", "cpu_time", "time_unit",
    "items_per_second", "bytes_per_second", "label", "error_occurred", "error_message",
    "aggregate_name", "aggregate_unit",
}
_MODIFIERS = {"real_time", "process_time", "manual_time"}


def parse_google_benchmark(doc: dict, source: str) -> list[Row]:
    """Rows from Google Benchmark's JSON output (``--benchmark_format=json``): items/s (or runs/s
    without an items counter), the label ``vs=<implementation>`` as the row's baseline, every
    other numeric field as a user counter."""
    rows = []
    for b in doc.get("benchmarks", []):
        if b.get("run_type", "iteration") != "iteration":
            continue
        # Measurement modifiers Google Benchmark appends to a name are not arguments.
        parts = [p for p in b["name"].split("/") if p not in _MODIFIERS]
        operation = parts[0].removeprefix("BM_")
        implementation = parts[1] if len(parts) > 1 else "l2lab"
        if len(parts) > 2:
            operation += "/" + "/".join(parts[2:])
        if "items_per_second" in b:
            per_second = float(b["items_per_second"])
        else:
            per_second = 1.0 / (float(b["real_time"]) * _TIME_UNIT[b.get("time_unit", "ns")])
        label = str(b.get("label", ""))
        baseline = label.removeprefix("vs=") if label.startswith("vs=") else ""
        counters = {k: float(v) for k, v in b.items() if k not in _GBENCH_KEYS
                    and isinstance(v, (int, float)) and not isinstance(v, bool)}
        rows.append(Row(operation, implementation, per_second, baseline=baseline,
                        source=source, counters=counters))
    return rows


def format_table(rows: list[Row]) -> str:
    """Fixed-width table, grouped by operation, fitting 80 columns."""
    lines = [f"{'operation':<26} {'implementation':<16} {'per second':>13} {'ratio':>8} {'vs':<12}"]
    lines.append("-" * 79)
    first_seen = {op: i for i, op in reversed(list(enumerate(r.operation for r in rows)))}
    ordered = sorted(rows, key=lambda r: (first_seen[r.operation], r.implementation != r.baseline))
    for r in ordered:
        ratio = "" if r.ratio != r.ratio else f"{r.ratio:8.3f}"  # NaN check
        vs = r.baseline if r.baseline and r.baseline != r.implementation else ""
        lines.append(
            f"{r.operation[:26]:<26} {r.implementation[:16]:<16} {r.per_second:13,.0f} "
            f"{ratio:>8} {vs[:12]:<12}"
        )
    return "\n".join(lines)


def write_json(rows: list[Row], path: str) -> None:
    Path(path).write_text(json.dumps([asdict(r) for r in rows], indent=2))


def report_sections(rows: list[Row]) -> list[str]:
    """Text sections ``l2lab bench`` prints after the table: per-area summaries derived from the
    rows (the channel update round against its crypto bound and the Python references; the
    rollup STF at 1 and 2 threads against raw recovery and the Python reference) and tables
    that are not throughputs (the channel adjudicator's L1 gas for 2 and 5 parties; the
    rollup's bytes and L1 gas per transfer by batch size and codec); with ``--suite``, the
    channel state machine's Hypothesis examples per second against the target. Sections with
    nothing to report are left out."""
    from ._bench_channel import channel_report
    from ._bench_hypothesis import hypothesis_report
    from ._bench_rollup import rollup_report

    sections = [channel_report(rows), rollup_report(rows), hypothesis_report(rows)]
    return [s for s in sections if s]
