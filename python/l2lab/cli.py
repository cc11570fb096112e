"""The ``l2lab`` command line: ``l2lab bench``, ``l2lab demo``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def _cmd_bench(args: argparse.Namespace) -> int:
    from . import bench

    rows = bench.run_python_benchmarks(quick=args.quick)
    if args.native_dir:
        rows += bench.run_native_benchmarks(args.native_dir, min_time=args.min_time)
    print(bench.format_table(rows))
    if args.json:
        bench.write_json(rows, args.json)
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from . import demo

    demo.main(seed=args.seed)
    return 0


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
    p_bench.add_argument("--min-time", type=float, default=0.2, help="seconds per native case")
    p_bench.add_argument("--json", help="also write the rows to this JSON file")
    p_bench.set_defaults(func=_cmd_bench)

    p_demo = sub.add_parser("demo", help="a short tour of the simulated L1")
    p_demo.add_argument("--seed", type=int, default=7)
    p_demo.set_defaults(func=_cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
