"""The default suite behind ``l2lab run``: every registered scenario (or those matching ``-k``)
at its default parameters over a few seeds, a per-scenario summary and its 80-column table.

Summary columns come from each run's metrics under these names (blank when a scenario has none):

* **L1 gas**: ``l1_gas``, else the sum of the ``gas.<party>`` metrics (channel scenarios);
* **bytes/tx**: ``bytes_per_tx`` (L1 data bytes per L2 transaction);
* **finality**: ``finality_blocks`` (L1 blocks from submission to finality), or ``finality_s``.

Values are means over seeds. A run fails "unexpectedly" when its outcome is ``invariant failed``
or ``error``; a loss reported as "assumption violated" is the expected behaviour of a scenario that
breaks the protocol's assumption on purpose and does not fail the suite.
"""

from __future__ import annotations

import fnmatch
import importlib.util
import multiprocessing
import os
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Any

from . import scenario as _scenario
from . import scenarios as _scenarios  # noqa: F401  (registers the built-in scenarios)

DEFAULT_SEEDS = (0, 1, 2)
UNEXPECTED = ("invariant failed", "error")


def select(patterns: Sequence[str] | None = None) -> list[type[_scenario.Scenario]]:
    """Registered scenarios whose name matches any pattern (case-insensitive substring, or a glob
    when it holds ``*?[``), or whose tag matches a ``TAG=VALUE`` pattern (substring of the tag's
    value, e.g. ``adversary=crash``, ``harness=SC``); all of them when ``patterns`` is empty.
    A pattern that matches nothing raises ValueError naming it and the known names."""
    allnames = _scenario.names()
    if not patterns:
        return [_scenario.get(n) for n in allnames]
    chosen: list[str] = []
    for pat in patterns:
        if not isinstance(pat, str) or not pat:
            raise ValueError(f"scenario pattern must be a non-empty string, got {pat!r}")
        p = pat.lower()
        tag, eq, want = p.partition("=")
        if eq:
            hits = [n for n in allnames
                    if want in str({k.lower(): v for k, v in _scenario.get(n).tags.items()}
                                   .get(tag.strip(), "")).lower()]
        elif any(ch in p for ch in "*?["):
            hits = [n for n in allnames if fnmatch.fnmatchcase(n.lower(), p)]
        else:
            hits = [n for n in allnames if p in n.lower()]
        if not hits:
            raise ValueError(f"no scenario matches {pat!r}; known scenarios: {', '.join(allnames)} "
                             "(see `l2lab list`)")
        chosen += [h for h in hits if h not in chosen]
    return [_scenario.get(n) for n in sorted(chosen)]


def parse_seeds(spec: str | int | Iterable[int]) -> list[int]:
    """``3`` → [0, 1, 2]; ``"1,5,9"`` or ``[1, 5, 9]`` → that list; ``"2-4"`` → [2, 3, 4]."""
    if isinstance(spec, bool):
        raise TypeError("seeds must be a count or a list of ints, got a bool")
    if isinstance(spec, int):
        if spec < 1:
            raise ValueError(f"seed count must be >= 1, got {spec}")
        return list(range(spec))
    if isinstance(spec, str):
        text = spec.strip()
        if text.isdigit() and "," not in text:
            return parse_seeds(int(text))
        out: list[int] = []
        for part in text.split(","):
            part = part.strip()
            try:
                if "-" in part[1:]:
                    lo, hi = part.split("-", 1)
                    a, b = int(lo), int(hi)
                    if b < a:
                        raise ValueError
                    out += list(range(a, b + 1))
                else:
                    out.append(int(part))
            except ValueError:
                raise ValueError(f"bad seed list {spec!r} at {part!r}: use a count (3), a list "
                                 "(1,5,9) or a range (2-4) of non-negative ints") from None
        return parse_seeds(out)
    seeds = list(spec)
    for s in seeds:
        if isinstance(s, bool) or not isinstance(s, int) or s < 0:
            raise TypeError(f"every seed must be a non-negative int, got {s!r}")
    if not seeds:
        raise ValueError("the seed list is empty")
    if len(set(seeds)) != len(seeds):
        raise ValueError(f"the seed list repeats a seed: {seeds}")
    return seeds


def run_point(scn: type[_scenario.Scenario] | str, params: dict[str, Any],
              seed: int) -> dict[str, Any]:
    """Run one point and return ``Result.to_dict()`` (picklable; what pools and Dask run)."""
    cls = _scenario.get(scn) if isinstance(scn, str) else scn
    return cls.run(seed=seed, **params).to_dict()


def fork_pool(jobs: int) -> ProcessPoolExecutor:
    """A local process pool; forked where the platform allows, so scenarios defined in
    ``__main__`` or a notebook and a core module loaded from a build folder reach the workers."""
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)


def _in_jupyter_kernel() -> bool:
    if "IPython" not in sys.modules:
        return False
    try:
        ip = sys.modules["IPython"].get_ipython()
    except AttributeError:
        return False
    return ip is not None and "IPKernelApp" in getattr(ip, "config", {})


def progress_bar(total: int, desc: str, enabled: bool | None) -> Any:
    """A progress bar on stderr (a widget in Jupyter when ipywidgets is installed);
    ``enabled=None`` shows it on a terminal or in a Jupyter kernel, never in logs or pipes."""
    jupyter = _in_jupyter_kernel()
    disable = (not (sys.stderr.isatty() or jupyter)) if enabled is None else (not enabled)
    if disable:
        return None
    try:
        if jupyter and importlib.util.find_spec("ipywidgets") is not None:
            from tqdm.notebook import tqdm
        else:
            from tqdm import tqdm
    except ImportError:  # tqdm is a dependency, but a bar is never worth failing a run for
        return None
    return tqdm(total=total, desc=desc, unit="run", leave=False, file=sys.stderr,
                dynamic_ncols=True)


def run_suite(scenarios: Sequence[type[_scenario.Scenario]], seeds: Sequence[int], *,
              params: dict[str, Any] | None = None, jobs: int = 1,
              progress: bool | None = None,
              on_result: Callable[[dict[str, Any]], object] | None = None) -> list[dict[str, Any]]:
    """Run every scenario at its defaults (plus ``params`` overrides, validated against each
    scenario before anything runs) for every seed; ``jobs`` > 1 uses a local process pool.
    Returns ``Result.to_dict()`` records sorted by (scenario, seed)."""
    params = dict(params or {})
    for cls in scenarios:
        cls.resolve_params(params)  # raises TypeError/ValueError naming the problem
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
        raise ValueError(f"jobs must be a non-negative int (0: one per CPU), got {jobs!r}")
    jobs = jobs or (os.cpu_count() or 1)
    points = [(cls, seed) for cls in scenarios for seed in seeds]
    out: list[dict[str, Any]] = []
    bar = progress_bar(len(points), "l2lab run", progress)

    def done(rec: dict[str, Any]) -> None:
        out.append(rec)
        if on_result is not None:
            on_result(rec)
        if bar is not None:
            bar.update(1)

    try:
        if jobs == 1 or len(points) <= 1:
            for cls, seed in points:
                if bar is not None:  # the scenario running now
                    bar.set_postfix_str(f"{cls.name} seed {seed}")
                done(run_point(cls, params, seed))
        else:
            with fork_pool(min(jobs, len(points))) as pool:
                _drain(pool, points, params, done)
    finally:
        if bar is not None:
            bar.close()
    out.sort(key=lambda r: (r["scenario"], r["seed"]))
    return out


def _drain(pool: Executor, points: list[tuple[type[_scenario.Scenario], int]],
           params: dict[str, Any], done: Callable[[dict[str, Any]], None]) -> None:
    futs = [pool.submit(run_point, cls, params, seed) for cls, seed in points]
    for f in as_completed(futs):
        done(f.result())


@dataclass
class Summary:
    """One scenario's runs folded over seeds."""

    scenario: str
    area: str
    adversary: str
    runs: int
    outcomes: dict[str, int] = field(default_factory=dict)
    invariants_held: int = 0
    invariants_total: int = 0
    l1_gas: float | None = None
    bytes_per_tx: float | None = None
    finality: str = ""
    seconds: float = 0.0

    @property
    def outcome(self) -> str:
        """Worst outcome over seeds: FAILED, ERROR, loss* (assumption violated) or ok."""
        if self.outcomes.get("invariant failed"):
            return "FAILED"
        if self.outcomes.get("error"):
            return "ERROR"
        if self.outcomes.get("loss reported (assumption violated)"):
            return "loss*"
        return "ok"


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def l1_gas_of(metrics: dict[str, Any]) -> float | None:
    """Total L1 gas of a run from its metrics (see the module docstring), or None."""
    if "l1_gas" in metrics:
        return float(metrics["l1_gas"])
    parts = [v for k, v in metrics.items() if k.startswith("gas.")]
    return float(sum(parts)) if parts else None


def summarise(records: Sequence[dict[str, Any]]) -> list[Summary]:
    """Per-scenario summaries in scenario-name order."""
    by: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by.setdefault(r["scenario"], []).append(r)
    out = []
    for name in sorted(by):
        rs = by[name]
        tags = rs[0].get("tags", {})
        s = Summary(name, tags.get("area", name.split(".")[0]), tags.get("adversary", ""), len(rs))
        for r in rs:
            s.outcomes[r["outcome"]] = s.outcomes.get(r["outcome"], 0) + 1
            s.invariants_held += sum(1 for i in r["invariants"] if i["held"])
            s.invariants_total += len(r["invariants"])
            s.seconds += r["seconds"]
        s.l1_gas = _mean([g for r in rs if (g := l1_gas_of(r["metrics"])) is not None])
        s.bytes_per_tx = _mean([float(r["metrics"]["bytes_per_tx"]) for r in rs
                                if "bytes_per_tx" in r["metrics"]])
        fb = _mean([float(r["metrics"]["finality_blocks"]) for r in rs
                    if "finality_blocks" in r["metrics"]])
        fs = _mean([float(r["metrics"]["finality_s"]) for r in rs if "finality_s" in r["metrics"]])
        s.finality = f"{fb:.3g}b" if fb is not None else (f"{fs:.3g}s" if fs is not None else "")
        out.append(s)
    return out


def _si(v: float | None) -> str:
    if v is None:
        return ""
    for div, suf in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(v) >= div:
            return f"{v / div:.3g}{suf}"
    return f"{v:.3g}"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "~"


HEADERS = ("scenario", "area", "adversary", "outcome", "held", "L1 gas", "B/tx", "final")


def table_rows(summaries: Sequence[Summary]) -> list[tuple[str, ...]]:
    """The summary table's cells: the scenario name without its area prefix, the rest as shown."""
    rows: list[tuple[str, ...]] = []
    for s in summaries:
        short = s.scenario[len(s.area) + 1:] if s.scenario.startswith(s.area + ".") else s.scenario
        rows.append((short, s.area, s.adversary, s.outcome,
                     f"{s.invariants_held}/{s.invariants_total}", _si(s.l1_gas),
                     _si(s.bytes_per_tx), s.finality))
    return rows


def format_table(summaries: Sequence[Summary], width: int = 80) -> str:
    """The summary as a fixed-width table no wider than ``width`` (long names are clipped
    with ``~``; the scenario and adversary columns give way first)."""
    rows = table_rows(summaries)
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(HEADERS)]
    floors = [14, 5, 9, 7, 4, 6, 4, 5]
    for col in (2, 0, 1):  # shrink adversary, then scenario, then area
        excess = sum(widths) + len(widths) - 1 - width
        if excess <= 0:
            break
        widths[col] = max(floors[col], widths[col] - excess)
    right = {4, 5, 6, 7}

    def line(cells: Sequence[str]) -> str:
        parts = [(_clip(c, w).rjust(w) if i in right else _clip(c, w).ljust(w))
                 for i, (c, w) in enumerate(zip(cells, widths))]
        return " ".join(parts).rstrip()

    out = [line(HEADERS), "-" * min(width, sum(widths) + len(widths) - 1)]
    out += [line(r) for r in rows]
    return "\n".join(out)


def totals_line(records: Sequence[dict[str, Any]], seconds: float) -> str:
    counts: dict[str, int] = {}
    for r in records:
        counts[r["outcome"]] = counts.get(r["outcome"], 0) + 1
    nscn = len({r["scenario"] for r in records})
    nseed = len({r["seed"] for r in records})
    parts = [f"{counts.get('ok', 0)} ok"]
    if counts.get("loss reported (assumption violated)"):
        parts.append(f"{counts['loss reported (assumption violated)']} loss* (assumption "
                     "violated, reported)")
    if counts.get("invariant failed"):
        parts.append(f"{counts['invariant failed']} FAILED")
    if counts.get("error"):
        parts.append(f"{counts['error']} ERROR")
    text = f"{len(records)} runs ({nscn} scenarios x {nseed} seeds) in {seconds:.1f} s: " + \
        ", ".join(parts)
    return "\n".join(textwrap.wrap(text, width=80, subsequent_indent="  "))


def unexpected(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Runs whose outcome fails the suite."""
    return [r for r in records if r["outcome"] in UNEXPECTED]


def story(rec: dict[str, Any]) -> str:
    """The narrated story of a run record (as ``Result.story()``)."""
    lines = [f"{rec['scenario']} seed={rec['seed']} params={rec['params']}"]
    lines += [f"  {i + 1:>3}. {s}" for i, s in enumerate(rec["steps"])]
    for inv in rec["invariants"]:
        label = "held" if inv["held"] else (
            "assumption violated" if inv["assumption_violated"] else "FAILED")
        lines.append(f"  [{label}] {inv['name']}{': ' + inv['detail'] if inv['detail'] else ''}")
    if rec.get("error"):
        lines.append(f"  error: {rec['error']}")
    return "\n".join(lines)
