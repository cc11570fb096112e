"""The ``l2lab`` command line: ``l2lab run``, ``l2lab list``, ``l2lab sweep``, ``l2lab bench``,
``l2lab demo``. Bad input (unknown scenario or parameter, wrong type, a malformed sweep spec, an
unusable results database, an unreachable scheduler) prints one line naming the problem and
exits with status 2."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
import time
from collections.abc import Sequence
from typing import Any

EXIT_USAGE = 2


class _UsageError(Exception):
    """Bad input: printed as ``l2lab <command>: error: ...`` with exit status 2."""


def _parse_assignments(items: Sequence[str] | None) -> dict[str, Any]:
    """``["k=5", "tower=present"]`` → {"k": 5, "tower": "present"} (JSON literals, else text)."""
    out: dict[str, Any] = {}
    for item in items or ():
        name, sep, text = item.partition("=")
        if not sep or not name.strip():
            raise _UsageError(f"bad parameter {item!r}: use NAME=VALUE, e.g. -p k=5")
        try:
            value = json.loads(text)
        except ValueError:
            value = text
        out[name.strip()] = value
    return out


def _import_user_scenarios(args: argparse.Namespace) -> None:
    """``--import MODULE_OR_FILE`` (run, list, sweep): the user's scenario modules, imported
    before the command looks at the registry; any failure is bad input naming the module."""
    from .scenario import import_scenarios

    for spec in getattr(args, "imports", None) or ():
        try:
            import_scenarios(spec)
        except Exception as exc:  # the user's module may raise anything: report it, exit 2
            raise _UsageError(f"--import {spec}: {type(exc).__name__}: {exc} (give a module "
                              "name importable from the current folder or sys.path, or the "
                              "path of a .py file)") from None


def _cmd_run(args: argparse.Namespace) -> int:
    from . import __version__, report, suite

    try:
        chosen = suite.select(args.k)
        seeds = suite.parse_seeds(args.seeds)
        params = _parse_assignments(args.param)
        if params:
            for cls in chosen:
                cls.resolve_params(params)
        if args.jobs < 0:
            raise ValueError(f"jobs must be a non-negative int (0: one per CPU), got {args.jobs}")
    except (TypeError, ValueError) as exc:
        raise _UsageError(str(exc)) from None
    store = None
    if args.out:  # opened first: an unusable database is reported before anything runs
        from pathlib import Path

        from .results_db import ResultsDB, ResultsDatabaseError

        try:
            store = ResultsDB(Path(args.out) / "results.sqlite")
        except ResultsDatabaseError as exc:
            raise _UsageError(str(exc)) from None
    t0 = time.perf_counter()
    try:
        records = suite.run_suite(chosen, seeds, params=params, jobs=args.jobs,
                                  progress=False if args.quiet else None,
                                  on_result=store.put if store is not None else None)
    except (TypeError, ValueError) as exc:
        raise _UsageError(str(exc)) from None
    finally:
        if store is not None:
            store.close()
    elapsed = time.perf_counter() - t0
    print(suite.format_table(suite.summarise(records)))
    print(suite.totals_line(records, elapsed))
    bad = suite.unexpected(records)
    for rec in bad:
        print("\n" + suite.story(rec))
    if args.out:
        settings = {"version": __version__, "seeds": seeds, "patterns": args.k or [],
                    "params": params, "jobs": args.jobs}
        paths = report.write_report(args.out, records, settings)
        print(f"report: {paths['html']}  (results.json, results.sqlite beside it)")
    if bad:
        print(f"{len(bad)} run(s) failed unexpectedly (an invariant failed or the run raised)")
        return 1
    return 0


def _format_param(name: str, schema: dict[str, Any]) -> str:
    bounds = []
    if "minimum" in schema:
        bounds.append(f">= {schema['minimum']}")
    if "maximum" in schema:
        bounds.append(f"<= {schema['maximum']}")
    if "choices" in schema:
        bounds.append("one of " + "|".join(str(c) for c in schema["choices"]))
    extra = f" ({', '.join(bounds)})" if bounds else ""
    doc = f"  {schema['doc']}" if schema.get("doc") else ""
    return f"    {name}: {schema['type']} = {schema['default']!r}{extra}{doc}"


def _cmd_list(args: argparse.Namespace) -> int:
    from . import suite

    try:
        chosen = suite.select(args.k)
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    if args.json:
        doc = [{"name": c.name, "description": c.description, "tags": dict(c.tags),
                "params": c.schema()} for c in chosen]
        print(json.dumps(doc, indent=1))
        return 0
    for c in chosen:
        tags = " ".join(f"{k}={v}" for k, v in c.tags.items())
        print(textwrap.fill(f"{c.name}  [{tags}]", 80, subsequent_indent="        "))
        if c.description:
            print(textwrap.fill(c.description, 80, initial_indent="    ",
                                subsequent_indent="    "))
        for name, schema in c.schema().items():
            print(textwrap.fill(_format_param(name, schema), 80, subsequent_indent="        "))
    print(f"\n{len(chosen)} scenario(s); run them with `l2lab run -k NAME`")
    return 0


def _cmd_sweep(args: argparse.Namespace) -> int:
    from . import sweeps
    from .results_db import ResultsDatabaseError

    if args.jobs is not None and args.jobs < 1:
        raise _UsageError(f"--jobs must be >= 1, got {args.jobs}")
    if args.connect_timeout <= 0:
        raise _UsageError(f"--connect-timeout must be > 0 seconds, got {args.connect_timeout}")
    try:
        pl = sweeps.load_spec(args.spec)
    except sweeps.SpecError as exc:
        raise _UsageError(str(exc)) from None
    db = args.db or pl.db
    executor = None
    if args.scheduler:
        try:
            executor = sweeps.connect(args.scheduler, timeout=args.connect_timeout)
        except sweeps.SweepError as exc:
            raise _UsageError(str(exc)) from None
    t0 = time.perf_counter()
    try:
        df = sweeps.run_plan(pl, executor=executor, jobs=args.jobs or pl.jobs, db=db,
                             progress=False if args.quiet else None)
    except ResultsDatabaseError as exc:
        raise _UsageError(str(exc)) from None
    except sweeps.SweepError as exc:
        print(f"l2lab sweep: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"l2lab sweep: interrupted; every finished run is in {db}: run the same command "
              "again to compute only the missing ones", file=sys.stderr)
        return 130
    finally:
        if executor is not None:
            executor.close()
    elapsed = time.perf_counter() - t0
    print(sweeps.format_points(df, list(pl.grid)))
    print(f"{len(df)} runs of {pl.scenario.name} in {elapsed:.1f} s: {df.attrs['computed']} "
          f"computed, {df.attrs['reused']} already in {db}")
    if args.csv:
        df.to_csv(args.csv, index=False)
        print(f"table: {args.csv}")
    if args.report:
        from .sweep_report import write_sweep_report

        paths = write_sweep_report(args.report, df, pl.scenario.name, list(pl.grid),
                                   {"grid": pl.grid, "params": pl.params, "seeds": pl.seeds,
                                    "db": db})
        print(f"report: {paths['html']}  (runs.csv beside it)")
    failed = int(df["outcome"].isin(["invariant failed", "error"]).sum()) if len(df) else 0
    if failed:
        print(f"{failed} run(s) failed unexpectedly; their stories are in the database (steps)")
        return 1
    return 0


def _cmd_bench(args: argparse.Namespace) -> int:
    from . import bench

    rows = bench.run_python_benchmarks(quick=args.quick)
    if args.suite:
        from . import _suite_bench

        rows += _suite_bench.suite_rows(quick=args.quick)
    if args.native_dir:
        rows += bench.run_native_benchmarks(args.native_dir, min_time=args.min_time)
    print(bench.format_table(rows))
    for section in bench.report_sections(rows):
        print()
        print(section)
    if args.json:
        bench.write_json(rows, args.json)
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from . import demo

    demo.main(seed=args.seed)
    return 0


def _add_import_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--import", dest="imports", action="append", metavar="MODULE_OR_FILE",
                        help="import your own scenarios first (a module name or a .py file "
                        "whose @register classes join the registry); repeat for several")


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(prog="l2lab", description="layer-2 protocol testbench")
    parser.add_argument("--version", action="version", version=f"l2lab {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p_bench = sub.add_parser(
        "bench",
        help="throughput next to baselines measured in the same run",
        description="Python-level benchmarks (always) and Google Benchmark binaries "
        "(with --native-dir, built by `make bench`). Each row reports throughput and the ratio "
        "to a baseline measured in the same run.",
    )
    p_bench.add_argument("--native-dir", help="folder holding the l2lab_*_bench binaries")
    p_bench.add_argument("--quick", action="store_true", help="fewer repetitions")
    p_bench.add_argument("--suite", action="store_true",
                         help="also the scenario suite (runs/s), Hypothesis examples/s of the "
                         "channel state machine and the Dask sweep speed-up")
    p_bench.add_argument("--min-time", type=float, default=0.2, help="seconds per native case")
    p_bench.add_argument("--json", help="also write the rows to this JSON file")
    p_bench.set_defaults(func=_cmd_bench)

    p_run = sub.add_parser(
        "run",
        help="run the scenario suite, print a summary, write a report folder",
        description="Runs every registered scenario (or those matching -k) at its default "
        "parameters for each seed, prints a summary table and writes OUT/report.html, "
        "OUT/results.json and OUT/results.sqlite. Exit status 1 when an invariant fails "
        "unexpectedly (a loss reported as 'assumption violated' is expected and passes), 2 on "
        "bad input.",
    )
    p_run.add_argument("-k", action="append", metavar="PATTERN",
                       help="only scenarios whose name contains PATTERN (or matches it as a glob),"
                       " or TAG=VALUE (e.g. adversary=crash); repeat for several")
    p_run.add_argument("--seeds", default="3",
                       help="a count (3: seeds 0,1,2), a list (1,5,9) or a range (2-4); default 3")
    p_run.add_argument("-p", "--param", action="append", metavar="NAME=VALUE",
                       help="override a parameter in every selected scenario (JSON value)")
    p_run.add_argument("--out", default="l2lab-report",
                       help="report folder (default l2lab-report; '' for none)")
    p_run.add_argument("-j", "--jobs", type=int, default=1,
                       help="worker processes (0: one per CPU; default 1)")
    p_run.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _add_import_option(p_run)
    p_run.set_defaults(func=_cmd_run)

    p_list = sub.add_parser("list", help="the registered scenarios with tags and parameters")
    p_list.add_argument("-k", action="append", metavar="PATTERN", help="filter as in `run`")
    p_list.add_argument("--json", action="store_true", help="machine-readable output")
    _add_import_option(p_list)
    p_list.set_defaults(func=_cmd_list)

    p_sweep = sub.add_parser(
        "sweep",
        help="run a parameter sweep from a TOML spec; resumable, local or Dask",
        description="Runs the grid of SPEC (see l2lab.sweeps) and appends each run to an SQLite "
        "database as it completes; running it again computes only the missing points.",
    )
    p_sweep.add_argument("spec", help="sweep spec file (TOML)")
    p_sweep.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                         help="run on this Dask distributed scheduler instead of local processes")
    p_sweep.add_argument("--connect-timeout", type=float, default=10.0,
                         help="seconds to wait for the scheduler and a worker (default 10)")
    p_sweep.add_argument("--db", help="results database (default: the spec's `db`)")
    p_sweep.add_argument("-j", "--jobs", type=int, help="local worker processes")
    p_sweep.add_argument("--csv", help="also write the runs table to this CSV file")
    p_sweep.add_argument("--report", metavar="DIR",
                         help="also write DIR/sweep.html (points, metric charts) and DIR/runs.csv")
    p_sweep.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _add_import_option(p_sweep)
    p_sweep.set_defaults(func=_cmd_sweep)

    p_demo = sub.add_parser("demo", help="a short tour of the simulated L1")
    p_demo.add_argument("--seed", type=int, default=7)
    p_demo.set_defaults(func=_cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        _import_user_scenarios(args)
        return int(args.func(args))
    except _UsageError as exc:
        print(f"l2lab {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"l2lab {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
