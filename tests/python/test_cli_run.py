"""`l2lab run` and `l2lab list`: suite selection, summary table, report folder, exit codes and
bad input."""

from __future__ import annotations

import html
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from l2lab import cli, scenario, suite
from l2lab.scenario import Context, Param, Scenario

# A subprocess sees the same core as this test process (a build folder via L2LAB_CORE_DIR, or
# the installed package).
BOOT = (
    "import glob, importlib.util, os, sys\n"
    "d = os.environ.get('L2LAB_CORE_DIR')\n"
    "if d and 'l2lab._core' not in sys.modules:\n"
    "    s = importlib.util.spec_from_file_location('l2lab._core', "
    "glob.glob(os.path.join(d, '_core*.so'))[0])\n"
    "    m = importlib.util.module_from_spec(s); sys.modules['l2lab._core'] = m\n"
    "    s.loader.exec_module(m)\n"
)
PYTHONPATH = os.pathsep.join([str(Path(__file__).resolve().parents[2] / "python"),
                              os.environ.get("PYTHONPATH", "")])


class _Broken(Scenario):
    name = "zz_test.broken_invariant_with_a_really_long_scenario_name"
    description = "an invariant that fails unexpectedly"
    tags = {"area": "zz_test", "adversary": "an adversary with a very long description"}
    params = {"n": Param(3, "blocks", minimum=0)}

    def body(self, ctx: Context) -> None:
        ctx.world.mine(ctx.params["n"])
        ctx.step("mined some blocks")
        ctx.check("block number is zero", ctx.world.block_number == 0,
                  f"block number is {ctx.world.block_number}")
        ctx.metric("l1_gas", 21000)
        ctx.metric("bytes_per_tx", 112.5)
        ctx.metric("finality_blocks", 7)


class _Assumption(Scenario):
    name = "zz_test.assumption_violated"
    tags = {"area": "zz_test", "adversary": "offline"}

    def body(self, ctx: Context) -> None:
        ctx.step("victim goes offline past the period")
        ctx.check("victim keeps its balance", False, "lost 1 ETH", assumption_violated=True)


class _Raises(Scenario):
    name = "zz_test.raises"
    tags = {"area": "zz_test", "adversary": "none"}

    def body(self, ctx: Context) -> None:
        ctx.step("about to fail")
        raise RuntimeError("boom")


@pytest.fixture
def extra(monkeypatch: pytest.MonkeyPatch) -> None:
    for cls in (_Broken, _Assumption, _Raises):
        monkeypatch.setitem(scenario._REGISTRY, cls.name, cls)


def _summary(out: str) -> list[str]:
    """The table and totals lines of `l2lab run` (before any story or the report path)."""
    lines = []
    for line in out.splitlines():
        if not line or line.startswith("report: "):
            break
        lines.append(line)
    return lines


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = cli.main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_run_writes_report_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "rep"
    rc, out, _ = _run(capsys, "run", "-k", "l1.", "--seeds", "2", "--out", str(out_dir), "-q")
    assert rc == 0
    assert all(len(line) <= 80 for line in _summary(out))
    assert "censored_transfer" in out and "snapshot_what_if" in out
    assert "4 runs (2 scenarios x 2 seeds)" in out
    doc = json.loads((out_dir / "results.json").read_text())
    assert [(r["scenario"], r["seed"]) for r in doc["runs"]] == [
        ("l1.censored_transfer", 0), ("l1.censored_transfer", 1),
        ("l1.snapshot_what_if", 0), ("l1.snapshot_what_if", 1)]
    assert doc["settings"]["seeds"] == [0, 1]
    with sqlite3.connect(out_dir / "results.sqlite") as db:
        rows = db.execute("SELECT scenario, seed, outcome, trace_digest FROM results "
                          "ORDER BY scenario, seed").fetchall()
    assert [(r[0], r[1], r[2]) for r in rows] == [
        (r["scenario"], r["seed"], "ok") for r in doc["runs"]]
    assert [r[3] for r in rows] == [r["trace_digest"] for r in doc["runs"]]
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "report.html", "results.json", "results.sqlite"]  # no -wal/-shm left behind
    with sqlite3.connect(out_dir / "results.sqlite") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    page = (out_dir / "report.html").read_text()
    assert page.count("data:image/png;base64,") >= 2  # plots are embedded
    assert "http://" not in page and "https://" not in page  # self-contained
    assert "l1.censored_transfer" in page and "Every run" in page
    desc = scenario.get("l1.censored_transfer").description
    assert f"<td title='{html.escape(desc)}'>l1.censored_transfer</td>" in page


def test_rerun_replaces_rows_and_is_deterministic(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "rep"
    for jobs in ("1", "2"):
        rc, _, _ = _run(capsys, "run", "-k", "stale_close", "-k", "bad_funding", "--seeds", "0,3",
                        "--out", str(out_dir), "-q", "--jobs", jobs)
        assert rc == 0
        doc = json.loads((out_dir / "results.json").read_text())
        digests = [(r["scenario"], r["seed"], r["trace_digest"]) for r in doc["runs"]]
        if jobs == "1":
            first = digests
    assert digests == first  # a process pool gives the same runs as one process
    with sqlite3.connect(out_dir / "results.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM results").fetchone()[0] == 4


def test_unexpected_failure_exits_1_with_story(extra: None, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = _run(capsys, "run", "-k", "zz_test.*", "--seeds", "1", "--out", "", "-q")
    assert rc == 1
    assert all(len(line) <= 80 for line in _summary(out)), out
    rows = out.splitlines()

    def row(prefix: str) -> str:
        return next(line for line in rows if line.startswith(prefix))

    broken = row("broken_invariant")
    assert "~" in broken  # the long name was clipped to fit
    for cell in ("FAILED", "0/1", "21k", "112", "7b"):
        assert cell in broken
    assert "loss*" in row("assumption_violated")
    assert "ERROR" in row("raises")
    # the stories of the unexpected failures, not of the expected loss
    assert "[FAILED] block number is zero: block number is 3" in out
    assert "error: RuntimeError: boom" in out
    assert "[assumption violated]" not in out
    assert "2 run(s) failed unexpectedly" in out



def test_runs_are_stored_as_they_finish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A run killed half-way keeps what finished: the second scenario sees the first's rows."""
    seen: list[int] = []

    class First(Scenario):
        name = "zz_store.a_first"

        def body(self, ctx: Context) -> None:
            ctx.check("ran", True)

    class Second(Scenario):
        name = "zz_store.b_second"

        def body(self, ctx: Context) -> None:
            with sqlite3.connect(tmp_path / "results.sqlite") as db:
                seen.append(db.execute("SELECT COUNT(*) FROM results").fetchone()[0])
            ctx.check("ran", True)

    for cls in (First, Second):
        monkeypatch.setitem(scenario._REGISTRY, cls.name, cls)
    rc, _, _ = _run(capsys, "run", "-k", "zz_store.", "--seeds", "2", "--out", str(tmp_path), "-q")
    assert rc == 0
    assert seen == [2, 3]


def test_odd_metric_types_are_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    np = pytest.importorskip("numpy")

    class Odd(Scenario):
        name = "zz_odd.metrics"

        def body(self, ctx: Context) -> None:
            ctx.metric("count", np.int64(7))
            ctx.metric("ratio", np.float32(0.5))
            ctx.check("ran", True, detail=str(b"\x01"))

    monkeypatch.setitem(scenario._REGISTRY, Odd.name, Odd)
    rc, _, _ = _run(capsys, "run", "-k", "zz_odd", "--seeds", "1", "--out", str(tmp_path), "-q")
    assert rc == 0
    with sqlite3.connect(tmp_path / "results.sqlite") as db:
        metrics = json.loads(db.execute("SELECT metrics FROM results").fetchone()[0])
    assert metrics == {"count": 7, "ratio": 0.5}
    doc = json.loads((tmp_path / "results.json").read_text())
    assert doc["runs"][0]["metrics"] == {"count": 7, "ratio": 0.5}


def test_report_shows_every_outcome_and_finality(extra: None, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    rc, _, _ = _run(capsys, "run", "-k", "zz_test.*", "--seeds", "2", "--out", str(tmp_path), "-q")
    assert rc == 1
    page = (tmp_path / "report.html").read_text()
    for text in ("Outcomes per area", "L1 gas per scenario", "Time to finality per scenario",
                 "Run time per scenario", "[FAILED] block number is zero", "error: RuntimeError",
                 "lost 1 ETH", "21,000", "112.5"):
        assert text in page, text
    doc = json.loads((tmp_path / "results.json").read_text())
    broken = next(s for s in doc["summary"] if s["scenario"].startswith("zz_test.broken"))
    assert broken["outcome"] == "FAILED" and broken["finality"] == "7b"


def test_assumption_violated_loss_passes(extra: None, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = _run(capsys, "run", "-k", "zz_test.assumption", "--out", str(tmp_path), "-q")
    assert rc == 0
    assert "3 loss* (assumption violated, reported)" in " ".join(out.split())
    page = (tmp_path / "report.html").read_text()
    assert "assumption violated" in page and "lost 1 ETH" in page


@pytest.mark.parametrize("argv, needle", [
    (["-k", "no_such_scenario"], "no scenario matches 'no_such_scenario'"),
    (["-k", "stale_close", "-p", "k=abc"], "parameter 'k' must be an int, got str"),
    (["-k", "stale_close", "-p", "bogus=1"], "unknown parameter(s) ['bogus']"),
    (["-k", "stale_close", "-p", "k=0"], "parameter 'k' must be >= 1"),
    (["-k", "stale_close", "-p", "novalue"], "use NAME=VALUE"),
    (["-k", "stale_close", "--seeds", "x"], "bad seed list 'x'"),
    (["-k", "stale_close", "--seeds", "0"], "seed count must be >= 1"),
    (["-k", "stale_close", "--jobs", "-1"], "jobs must be a non-negative int"),
])
def test_bad_input_exits_2(argv: list[str], needle: str, tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = _run(capsys, "run", *argv, "--out", str(tmp_path / "r"), "-q")
    assert rc == 2
    assert needle in err and err.startswith("l2lab run: error:")
    assert not (tmp_path / "r").exists()


def test_param_override_reaches_the_scenario(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    rc, _, _ = _run(capsys, "run", "-k", "l1.censored", "-p", "background_txs=3", "--seeds", "1",
                    "--out", str(tmp_path), "-q")
    assert rc == 0
    doc = json.loads((tmp_path / "results.json").read_text())
    assert doc["runs"][0]["params"]["background_txs"] == 3


def test_corrupt_results_db_is_reported_not_overwritten(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "results.sqlite").write_bytes(b"this is not a database" * 100)
    rc, _, err = _run(capsys, "run", "-k", "snapshot", "--seeds", "1", "--out", str(tmp_path),
                      "-q")
    assert rc == 2
    assert "corrupt or not an SQLite database" in err and "move it aside" in err
    assert (tmp_path / "results.sqlite").read_bytes() == b"this is not a database" * 100


def test_list_text_and_json(extra: None, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = _run(capsys, "list", "-k", "zz_test.broken")
    assert rc == 0
    assert " ".join(out.split()).startswith(
        f"{_Broken.name} [area=zz_test adversary=an adversary with a very long description] "
        "an invariant that fails unexpectedly n: int = 3 (>= 0) blocks")
    assert all(len(line) <= 80 for line in out.splitlines())
    rc, out, _ = _run(capsys, "list", "--json")
    doc = json.loads(out)
    assert [d["name"] for d in doc] == scenario.names()
    mine = next(d for d in doc if d["name"] == _Broken.name)
    assert mine == {"name": _Broken.name, "description": _Broken.description,
                    "tags": _Broken.tags,
                    "params": {"n": {"default": 3, "type": "int", "doc": "blocks", "minimum": 0}}}
    for d in doc:  # every built-in scenario is described with its schema
        cls = scenario.get(d["name"])
        assert d["params"] == json.loads(json.dumps(cls.schema()))
        assert d["tags"] == cls.tags
    rc, out, _ = _run(capsys, "list", "-k", "channel.stale_close")
    assert "one of penalty|latest_state_wins" in out  # choices are listed
    rc, _, err = _run(capsys, "list", "-k", "nothing_like_this")
    assert rc == 2 and "nothing_like_this" in err


def test_selection_and_seed_parsing() -> None:
    assert [c.name for c in suite.select(["channel.stale_close"])] == ["channel.stale_close"]
    assert [c.name for c in suite.select(["ROLLUP.*"])] == [
        n for n in scenario.names() if n.startswith("rollup.")]
    crash = [c.name for c in suite.select(["adversary=crash"])]
    assert crash and all("crash" in scenario.get(n).tags["adversary"] for n in crash)
    assert [c.name for c in suite.select(["area=l1"])] == [
        n for n in scenario.names() if scenario.get(n).tags.get("area") == "l1"]
    with pytest.raises(ValueError, match="no scenario matches 'area=nowhere'"):
        suite.select(["area=nowhere"])
    assert suite.parse_seeds("3") == [0, 1, 2]
    assert suite.parse_seeds("1,5-7") == [1, 5, 6, 7]
    assert suite.parse_seeds([4]) == [4]
    for bad in ("1,1", "3-1", "-2", [], [True]):
        with pytest.raises((TypeError, ValueError)):
            suite.parse_seeds(bad)  # type: ignore[arg-type]


def test_default_suite_covers_every_scenario_in_80_columns(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The whole default suite (one seed) passes: any unexpected failure is a real regression."""
    rc, out, _ = _run(capsys, "run", "--seeds", "1", "--out", "", "-q")
    assert rc == 0, out
    assert all(len(line) <= 80 for line in _summary(out))
    assert f"{len(scenario.names())} runs ({len(scenario.names())} scenarios x 1 seeds)" in out


def test_cli_entry_point_in_a_subprocess(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=PYTHONPATH)
    code = BOOT + "import sys; from l2lab.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.run(
        [sys.executable, "-c", code, "run", "-k", "snapshot", "--seeds", "1", "--out",
         str(tmp_path / "r")], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "snapshot_what_if" in proc.stdout
    assert "\r" not in proc.stderr  # no progress bar when stderr is not a terminal
    assert (tmp_path / "r" / "report.html").exists()


def test_progress_bar_only_when_asked_or_on_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert suite.progress_bar(3, "x", False) is None
    assert suite.progress_bar(3, "x", None) is None  # pytest's stderr is not a terminal
    bar = suite.progress_bar(3, "x", True)
    assert bar is not None
    bar.update(3)
    bar.refresh()
    bar.close()
    assert "3/3" in capsys.readouterr().err


_USER_SCENARIOS = '''
from l2lab.scenario import Param, Scenario, register


@register
class Transfers(Scenario):
    name = "my_lab.transfers"
    description = "n transfers are all included"
    tags = {"area": "my_lab", "adversary": "none", "harness": "SC"}
    params = {"n": Param(2, "transfers", minimum=1)}

    def body(self, ctx):
        a, b = ctx.world.new_account(balance=10**20), ctx.world.new_account()
        for _ in range(ctx.params["n"]):
            ctx.world.transfer(a, b, 1)
        ctx.world.mine(1)
        ctx.check("all included", ctx.world.chain.balance(b.address) == ctx.params["n"])
'''


def _cli_subprocess(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=PYTHONPATH)
    if env.get("L2LAB_CORE_DIR"):  # the subprocess runs elsewhere
        env["L2LAB_CORE_DIR"] = os.path.abspath(env["L2LAB_CORE_DIR"])
    code = BOOT + "import sys; from l2lab.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *argv], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)


def test_import_runs_your_own_scenarios(tmp_path: Path) -> None:
    """`--import` takes a .py file (run on 2 worker processes, which find the module too) or a
    module name (list, sweep); each is a fresh interpreter so the registry of this one stays
    as it is."""
    lab = tmp_path / "lab"
    lab.mkdir()
    (lab / "my_lab_scenarios.py").write_text(_USER_SCENARIOS)
    r = _cli_subprocess(tmp_path, "run", "--import", "lab/my_lab_scenarios.py", "-k", "my_lab",
                        "--seeds", "2", "-j", "2", "--out", "", "-q")
    assert r.returncode == 0, r.stderr
    assert "transfers my_lab none      ok       2/2" in r.stdout  # the table drops the area
    assert "2 runs (1 scenarios x 2 seeds)" in r.stdout
    r = _cli_subprocess(lab, "list", "--import", "my_lab_scenarios", "-k", "area=my_lab")
    assert r.returncode == 0, r.stderr
    assert "my_lab.transfers  [area=my_lab" in r.stdout and "1 scenario(s)" in r.stdout
    (lab / "spec.toml").write_text('scenario = "my_lab.transfers"\nseeds = 1\n'
                                   '[grid]\nn = [1, 3]\n')
    r = _cli_subprocess(lab, "sweep", "spec.toml", "--import", "my_lab_scenarios", "-j", "1",
                        "-q")
    assert r.returncode == 0, r.stderr
    assert "2 runs of my_lab.transfers" in r.stdout


@pytest.mark.parametrize("write, spec, needle", [
    (None, "no_such_lab_module", "ModuleNotFoundError"),
    (None, "missing/lab.py", "FileNotFoundError: no scenario file"),
    ("raise RuntimeError('half-written lab')", "broken_lab.py", "RuntimeError: half-written lab"),
    ("x = 1", "not-a-module.py", "is not a .py file with a module-like name"),
])
def test_import_failures_exit_2(write: str | None, spec: str, needle: str, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "path", list(sys.path))  # import_scenarios may prepend a folder
    monkeypatch.chdir(tmp_path)
    if write is not None:
        (tmp_path / spec).write_text(write)
    before = scenario.names()
    for command in (["run", "--out", ""], ["list"]):
        rc, _, err = _run(capsys, *command, "--import", spec)
        assert rc == 2 and err.startswith(f"l2lab {command[0]}: error: --import {spec}: "), err
        assert needle in err and "the path of a .py file" in err
    assert scenario.names() == before


def test_import_scenarios_returns_what_it_registered(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(scenario, "_REGISTRY", dict(scenario._REGISTRY))
    (tmp_path / "lab_for_import.py").write_text(_USER_SCENARIOS)
    assert scenario.import_scenarios(str(tmp_path / "lab_for_import.py")) == ["my_lab.transfers"]
    assert scenario.get("my_lab.transfers").run(seed=1, n=3).ok
    assert scenario.import_scenarios("lab_for_import") == []  # imported once
    with pytest.raises(TypeError):
        scenario.import_scenarios(3)  # type: ignore[arg-type]
