"""Parameter sweeps: ``l2lab.sweep(scenario, grid, seeds=..., executor=..., db=...)`` and
``l2lab sweep spec.toml``.

A sweep runs a scenario at every point of a grid (the Cartesian product of the listed values)
for every seed, on any :class:`concurrent.futures.Executor` (a local process pool by default, a
``distributed.Client`` for Dask), and appends each run to an SQLite results database
(:mod:`l2lab.results_db`) the moment it completes. Running the same sweep again computes only
the points the database lacks, so an interrupted sweep — even one killed with SIGKILL — resumes
without recomputing or losing finished points. The result is a pandas DataFrame with one row per
(point, seed): ``param.<name>``, ``metric.<name>``, outcome and invariant counts.

On a pool or a cluster the points are handed out most costly first, by the scenario's
``Scenario.cost(params)`` estimate (:func:`longest_first`): with runs of unequal cost, the
workers then run out of work at about the same time rather than one worker finishing the
largest points alone while the others idle. The DataFrame keeps the grid's order whatever the
order of completion.

Spec file (TOML; every key but ``scenario`` and ``grid`` optional)::

    scenario = "channel.offline_victim"   # a name from `l2lab list`
    seeds = 3                             # a count (0, 1, 2) or a list [1, 5, 9]
    db = "offline_victim.sqlite"          # relative to the spec's folder; default <spec>.sqlite
    jobs = 2                              # local worker processes (default: one per CPU)

    [params]                              # fixed values for every point
    challenge_period = 6

    [grid]                                # each key a parameter, each value a non-empty list
    d = [0, 5, 6, 7]
    tower = ["present", "absent"]

Instead of ``[grid]`` (every combination), a spec may list its points one by one::

    [[points]]
    d = 0
    tower = "absent"

    [[points]]
    d = 7
    tower = "present"
"""

from __future__ import annotations

import itertools
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, Future, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import scenario as _scenario
from . import suite
from .results_db import ResultsDB, ResultsDatabaseError, point_key, rows_to_dataframe

DEFAULT_SEEDS = 3


class SweepError(RuntimeError):
    """A sweep could not finish; the message says what was kept and how to resume.
    ``results`` is the DataFrame of the runs that did finish (also when no ``db`` was given)."""

    results: Any = None


class SpecError(ValueError):
    """A sweep spec file is malformed; the message names the file and the problem."""


@dataclass
class Point:
    """One run of a sweep."""

    params: dict[str, Any]
    seed: int
    key: str = ""


@dataclass
class Plan:
    """A validated sweep: the scenario class, the points to run and where results go."""

    scenario: type[_scenario.Scenario]
    points: list[Point]
    grid: dict[str, list[Any]] = field(default_factory=dict)
    seeds: list[int] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    db: str | None = None
    jobs: int | None = None


def _scenario_class(scenario: str | type[_scenario.Scenario]) -> type[_scenario.Scenario]:
    if isinstance(scenario, str):
        from . import scenarios as _  # noqa: F401  (registers the built-in scenarios)

        try:
            return _scenario.get(scenario)
        except KeyError:
            raise ValueError(f"unknown scenario {scenario!r}; known: "
                             f"{', '.join(_scenario.names())} (see `l2lab list`)") from None
    if isinstance(scenario, type) and issubclass(scenario, _scenario.Scenario):
        return scenario
    raise TypeError(f"scenario must be a registered name or a Scenario subclass, "
                    f"got {type(scenario).__name__}")


def plan(scenario: str | type[_scenario.Scenario],
         grid: dict[str, Any] | Sequence[dict[str, Any]] | None = None, *,
         seeds: int | Iterable[int] = DEFAULT_SEEDS,
         params: dict[str, Any] | None = None) -> Plan:
    """Validate a sweep and list its points (grid order, seeds innermost). ``grid`` is either a
    dict of parameter -> list of values (every combination is a point) or a list of dicts (each
    dict is one point). Unknown parameters and wrongly typed values raise TypeError,
    out-of-range values, empty lists and repeated values or points ValueError, each naming the
    parameter."""
    cls = _scenario_class(scenario)
    if params is not None and not isinstance(params, dict):
        raise TypeError(f"params must be a dict of parameter -> value, got "
                        f"{type(params).__name__}")
    if grid is not None and not isinstance(grid, (dict, list, tuple)):
        raise TypeError(f"grid must be a dict of parameter -> list of values or a list of "
                        f"dicts (one per point), got {type(grid).__name__}")
    fixed = dict(params or {})

    def check_name(name: Any) -> None:
        if not isinstance(name, str) or name not in cls.params:
            raise TypeError(f"{cls.name}: unknown parameter {name!r}; known: "
                            f"{sorted(cls.params)}")

    for name in fixed:
        check_name(name)
    fixed = {k: cls.params[k].validate(k, v) for k, v in fixed.items()}
    combos: list[dict[str, Any]] = []
    axes: dict[str, list[Any]] = {}
    if isinstance(grid, (list, tuple)):  # explicit points
        if not grid:
            raise ValueError("the list of points is empty; give at least one point")
        seen: set[str] = set()
        for i, point in enumerate(grid):
            if not isinstance(point, dict):
                raise TypeError(f"point {i} must be a dict of parameter -> value, got "
                                f"{type(point).__name__}")
            for name in point:
                check_name(name)
                if name in fixed:
                    raise ValueError(f"parameter {name!r} is both fixed and set by point {i}")
            combo = {k: cls.params[k].validate(k, v) for k, v in point.items()}
            text = json.dumps(combo, sort_keys=True)
            if text in seen:
                raise ValueError(f"point {i} repeats an earlier point: {combo}")
            seen.add(text)
            combos.append(combo)
            for k, v in combo.items():
                if v not in axes.setdefault(k, []):
                    axes[k].append(v)
    else:
        for name in grid or {}:
            check_name(name)
        both = sorted(set(grid or {}) & set(fixed))
        if both:
            raise ValueError(f"parameter(s) {both} are both fixed and swept; keep one")
        for name, values in (grid or {}).items():
            vals = list(values) if isinstance(values, (list, tuple, range)) else [values]
            if not vals:
                raise ValueError(f"grid value for {name!r} is an empty list; give at least one "
                                 "value")
            axes[name] = [cls.params[name].validate(name, v) for v in vals]
            if len({json.dumps(v) for v in axes[name]}) != len(axes[name]):
                raise ValueError(f"grid value for {name!r} repeats a value: {axes[name]}")
        combos = [dict(zip(axes, combo)) for combo in itertools.product(*axes.values())]
    seed_list = suite.parse_seeds(seeds)
    points = []
    for combo in combos:
        p = cls.resolve_params({**fixed, **combo})
        for s in seed_list:
            points.append(Point(p, s, point_key(cls.name, p, s)))
    return Plan(cls, points, axes, seed_list, fixed)


def _as_executor(executor: Any) -> tuple[Executor | None, Callable[[], None]]:
    """(executor, cleanup). A ``distributed.Client`` is wrapped with ``get_executor``."""
    if executor is None:
        return None, lambda: None
    if isinstance(executor, Executor):
        return executor, lambda: None
    get_executor = getattr(executor, "get_executor", None)
    if callable(get_executor):  # distributed.Client
        return get_executor(pure=False), lambda: None
    raise TypeError(f"executor must be a concurrent.futures.Executor or a distributed.Client, "
                    f"got {type(executor).__name__}")


def longest_first(cls: type[_scenario.Scenario], points: Sequence[Point]) -> list[Point]:
    """``points`` in the order a pool or cluster should get them: by ``cls.cost(params)``,
    most costly first, equal costs in grid order. Raises TypeError/ValueError naming the
    scenario when its ``cost`` is not a finite non-negative number."""
    costs = []
    for p in points:
        c = cls.cost(p.params)
        if isinstance(c, bool) or not isinstance(c, (int, float)):
            raise TypeError(f"{cls.name}.cost() must return a number, got "
                            f"{type(c).__name__} for {p.params}")
        if not c >= 0 or c == float("inf"):
            raise ValueError(f"{cls.name}.cost() must return a finite number >= 0, got {c!r} "
                             f"for {p.params}")
        costs.append(c)
    order = sorted(range(len(points)), key=lambda i: -costs[i])  # stable: ties keep grid order
    return [points[i] for i in order]


def _rescue_path(db: Path) -> Path:
    return db.with_name(db.name + ".rescue.jsonl")


def _import_rescued(store: ResultsDB, db_path: Path) -> int:
    """Rows a previous sweep could not write to the database (kept in a JSONL file beside it)."""
    rescue = _rescue_path(db_path)
    if not rescue.exists():
        return 0
    n = 0
    for line in rescue.read_text().splitlines():
        if line.strip():
            store.put(json.loads(line), replace=False)
            n += 1
    rescue.unlink()
    return n


def sweep(scenario: str | type[_scenario.Scenario],
          grid: dict[str, Any] | Sequence[dict[str, Any]] | None = None, *,
          seeds: int | Iterable[int] = DEFAULT_SEEDS, params: dict[str, Any] | None = None,
          executor: Any = None, jobs: int | None = None,
          db: str | os.PathLike[str] | None = None, progress: bool | None = None) -> Any:
    """Run ``scenario`` over ``grid`` × ``seeds`` and return a DataFrame (one row per run).

    ``grid``: parameter → list of values (a scalar is one value; every combination runs), or a
    list of dicts (one per point, for designs that are not a product); ``params``: fixed values;
    ``seeds``: a count or a list. ``executor``: any ``concurrent.futures.Executor`` or a
    ``distributed.Client``; by default a local process pool of ``jobs`` workers (one per CPU;
    ``jobs=1`` runs in this process). ``db``: SQLite file the runs are appended to as they
    complete; points already in it are not recomputed (resume). Without ``db`` results are kept
    in memory only. The DataFrame's ``attrs`` hold ``computed`` and ``reused`` counts.

    Raises TypeError/ValueError for bad input (before anything runs),
    :class:`~l2lab.results_db.ResultsDatabaseError` for an unusable database and
    :class:`SweepError` when points could not be computed (the others are kept)."""
    return run_plan(plan(scenario, grid, seeds=seeds, params=params), executor=executor,
                    jobs=jobs, db=db, progress=progress)


def run_plan(pl: Plan, *, executor: Any = None, jobs: int | None = None,
             db: str | os.PathLike[str] | None = None, progress: bool | None = None) -> Any:
    """Run a validated :class:`Plan` (from :func:`plan` or :func:`load_spec`); see :func:`sweep`."""
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise ValueError(f"jobs must be a positive int, got {jobs!r}")
    db_path = Path(db) if db is not None else None
    with ResultsDB(db_path if db_path is not None else ":memory:") as store:
        if db_path is not None:
            _import_rescued(store, db_path)
        have = store.existing_keys(p.key for p in pl.points)
        todo = [p for p in pl.points if p.key not in have]
        try:
            _execute(pl.scenario, todo, store, db_path, executor, jobs, progress)
        except SweepError as exc:
            exc.results = rows_to_dataframe(store.rows([p.key for p in pl.points]))
            raise
        rows = store.rows([p.key for p in pl.points])
    df = rows_to_dataframe(rows)
    df.attrs["computed"] = len(todo)
    df.attrs["reused"] = len(pl.points) - len(todo)
    return df


def _execute(cls: type[_scenario.Scenario], todo: Sequence[Point], store: ResultsDB,
             db_path: Path | None, executor: Any, jobs: int | None,
             progress: bool | None) -> None:
    if not todo:
        return
    bar = suite.progress_bar(len(todo), f"sweep {cls.name}", progress)
    write_errors: list[str] = []
    failures: list[str] = []

    def save(rec: dict[str, Any]) -> None:
        try:
            store.put(rec, replace=False)
        except ResultsDatabaseError as exc:
            if db_path is None:
                raise
            with _rescue_path(db_path).open("a") as fh:  # never lose a finished run
                fh.write(json.dumps(rec) + "\n")
            write_errors.append(str(exc))
        if bar is not None:
            bar.update(1)

    ex, cleanup = _as_executor(executor)
    own_pool = None
    try:
        if ex is None and (jobs == 1 or len(todo) == 1):
            for p in todo:
                save(suite.run_point(cls, p.params, p.seed))
        else:
            if ex is None:
                own_pool = suite.fork_pool(min(jobs or os.cpu_count() or 1, len(todo)))
                ex = own_pool
            futs: dict[Future[Any], Point] = {}
            try:
                for p in longest_first(cls, todo):
                    futs[ex.submit(suite.run_point, cls, p.params, p.seed)] = p
                for f in as_completed(futs):
                    try:
                        rec = f.result()
                    except Exception as exc:  # a lost worker or scheduler; keep the rest going
                        why = (f"{type(exc).__name__}: {exc}" if str(exc) else
                               f"{type(exc).__name__} (the worker, scheduler or pool went away)")
                        failures.append(f"{futs[f].params} seed {futs[f].seed}: {why}")
                        if bar is not None:
                            bar.update(1)
                        continue
                    save(rec)
            except BaseException:
                for f in futs:
                    f.cancel()
                raise
    finally:
        if own_pool is not None:
            own_pool.shutdown(wait=True, cancel_futures=True)
        cleanup()
        if bar is not None:
            bar.close()
    where = str(db_path) if db_path is not None else "this error's `results` DataFrame"
    if write_errors and db_path is not None:
        raise SweepError(f"{len(write_errors)} finished run(s) could not be written to {db_path} "
                         f"({write_errors[0]}); they are kept in {_rescue_path(db_path)} "
                         "and are imported when the sweep runs again with this database")
    if failures:
        raise SweepError(f"{len(failures)} of {len(todo)} run(s) did not finish (first: "
                         f"{failures[0]}); the {len(todo) - len(failures)} that finished are in "
                         f"{where}; run the same sweep again to compute only the missing ones")


def format_points(df: Any, grid_names: Sequence[str], width: int = 80) -> str:
    """One line per grid point: the swept values, outcome counts over seeds, invariants held,
    the mean L1 gas (``l1_gas`` or the sum of ``gas.*``) and wall time per run, clipped to
    ``width`` columns (every metric is in the DataFrame / ``--csv``)."""
    if not len(df):
        return "(no runs)"
    cols = [f"param.{n}" for n in grid_names]
    gas_cols = [c for c in df.columns if c == "metric.l1_gas" or c.startswith("metric.gas.")]
    lines = [" ".join([*(n[:12].ljust(12) for n in grid_names), "outcome".ljust(22),
                       "held".rjust(7), "L1 gas".rjust(10), "ms/run".rjust(8)]).rstrip()]
    groups = df.groupby(cols, sort=False, dropna=False) if cols else [((), df)]
    for values, g in groups:
        values = values if isinstance(values, tuple) else (values,)
        counts = g["outcome"].value_counts()
        short = {"ok": "ok", "loss reported (assumption violated)": "loss*",
                 "invariant failed": "FAILED", "error": "ERROR"}
        outcome = " ".join(f"{short.get(k, k)} {v}" for k, v in counts.items())
        held = f"{int(g['invariants_held'].sum())}/{int(g['invariants_total'].sum())}"
        if "metric.l1_gas" in g.columns:
            gas = g["metric.l1_gas"].mean()
        elif gas_cols:
            gas = g[gas_cols].sum(axis=1, min_count=1).mean()
        else:
            gas = float("nan")
        gas_text = "" if gas != gas else f"{gas:,.0f}"
        ms = f"{1000 * float(g['seconds'].mean()):.1f}"
        line = " ".join([*(str(v)[:12].ljust(12) for v in values), outcome[:22].ljust(22),
                         held.rjust(7), gas_text.rjust(10), ms.rjust(8)])
        lines.append(line.rstrip()[:width])
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# spec files and Dask


_SPEC_KEYS = {"scenario", "seeds", "db", "jobs", "params", "grid", "points"}


def _load_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise SpecError(f"cannot read sweep spec {path}: {exc.strerror or exc}") from None
    try:
        return tomllib.loads(text.decode("utf-8"))
    except UnicodeDecodeError:
        raise SpecError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(f"{path} is not valid TOML: {exc}") from None


def load_spec(path: str | os.PathLike[str]) -> Plan:
    """Read and validate a sweep spec (see the module docstring); raises SpecError naming the
    file and the problem."""
    p = Path(path)
    doc = _load_toml(p)
    unknown = sorted(set(doc) - _SPEC_KEYS)
    if unknown:
        raise SpecError(f"{p}: unknown key(s) {unknown}; allowed: {sorted(_SPEC_KEYS)}")
    if "scenario" not in doc:
        raise SpecError(f"{p}: missing `scenario = \"<name>\"` (see `l2lab list`)")
    if not isinstance(doc["scenario"], str):
        raise SpecError(f"{p}: `scenario` must be a string, got {type(doc['scenario']).__name__}")
    if ("grid" in doc) == ("points" in doc):
        raise SpecError(f"{p}: give either a [grid] table (parameter = [values, ...]; every "
                        "combination runs) or [[points]] tables (one per point), "
                        f"{'not both' if 'grid' in doc else 'found neither'}")
    for table in ("grid", "params"):
        if table in doc and not isinstance(doc[table], dict):
            raise SpecError(f"{p}: `{table}` must be a table ([{table}]), "
                            f"got {type(doc[table]).__name__}")
    for name, values in doc.get("grid", {}).items():
        if not isinstance(values, list):
            raise SpecError(f"{p}: grid.{name} must be a list of values, e.g. {name} = "
                            f"[{json.dumps(values)}]")
    if "points" in doc and not (isinstance(doc["points"], list)
                                and all(isinstance(x, dict) for x in doc["points"])):
        raise SpecError(f"{p}: `points` must be an array of tables ([[points]] sections)")
    seeds = doc.get("seeds", DEFAULT_SEEDS)
    if not isinstance(seeds, (int, list)) or isinstance(seeds, bool):
        raise SpecError(f"{p}: `seeds` must be a count or a list of ints, got {seeds!r}")
    jobs = doc.get("jobs")
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise SpecError(f"{p}: `jobs` must be a positive int, got {jobs!r}")
    db = doc.get("db", p.stem + ".sqlite")
    if not isinstance(db, str) or not db:
        raise SpecError(f"{p}: `db` must be a file path string, got {db!r}")
    try:
        pl = plan(doc["scenario"], doc.get("grid", doc.get("points")), seeds=seeds,
                  params=doc.get("params"))
    except (TypeError, ValueError) as exc:
        raise SpecError(f"{p}: {exc}") from None
    pl.db = str((p.parent / db) if not os.path.isabs(db) else Path(db))
    pl.jobs = jobs
    return pl


def connect(address: str, timeout: float = 10.0) -> Any:
    """A ``distributed.Client`` for ``address`` (``tcp://HOST:PORT``) with at least one worker,
    or SweepError saying what is wrong and what to do."""
    try:
        from distributed import Client
    except ImportError:
        raise SweepError("--scheduler needs dask.distributed: pip install 'l2lab[sweep]' "
                         "(or 'dask[distributed]')") from None
    try:
        client = Client(address, timeout=f"{timeout}s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise SweepError(
            f"cannot reach the Dask scheduler at {address} ({type(exc).__name__}: {exc}). Check "
            "that `dask scheduler` runs there and this machine can reach that host and port, "
            "or drop --scheduler to use local processes. Nothing was run; finished points in "
            "the database are kept.") from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (TimeoutError, OSError) as exc:
        client.close()
        raise SweepError(f"the Dask scheduler at {address} has no workers after {timeout:.0f} s "
                         f"({exc}); start some with `dask worker {address}`") from None
    try:
        client.run(_probe_worker)
    except Exception as exc:
        client.close()
        raise SweepError(f"a worker of the Dask scheduler at {address} cannot run l2lab "
                         f"({type(exc).__name__}: {exc}); install l2lab (the same version, "
                         "with its native core) in every worker's environment") from None
    return client


def _probe_worker() -> str:
    """Run on each Dask worker before a sweep: l2lab and its native core import."""
    import l2lab
    from l2lab import scenarios  # noqa: F401

    return l2lab.__version__
