"""Sweeps: grid validation, executors (serial, process pool, threads, Dask), the SQLite store,
resume after SIGKILL, spec files and bad input (`l2lab sweep`)."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

import l2lab
from l2lab import cli, sweeps
from l2lab.results_db import ResultsDB, ResultsDatabaseError, point_key
from l2lab.scenario import Context, Param, Scenario

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
SCN = "l1.snapshot_what_if"  # fast, one int parameter delay_blocks in [1, 100]


class Blocks(Scenario):
    """A user scenario (not registered): mines n blocks; fails when n == 13."""

    name = "test_sweep.blocks"
    params = {"n": Param(1, "blocks", minimum=0), "label": Param("a", "free text")}

    def body(self, ctx: Context) -> None:
        ctx.world.mine(ctx.params["n"])
        ctx.check("not unlucky", ctx.params["n"] != 13)
        ctx.metric("l1_gas", 1000 * ctx.params["n"])


def _digests(df) -> list[tuple]:  # type: ignore[no-untyped-def]
    return sorted(zip(df["param.n"], df["seed"], df["trace_digest"]))


def test_serial_sweep_stores_and_resumes(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    df = l2lab.sweep(Blocks, {"n": [0, 2, 13]}, seeds=2, jobs=1, db=db, progress=False)
    assert list(df["param.n"]) == [0, 0, 2, 2, 13, 13]
    assert list(df["seed"]) == [0, 1] * 3
    assert list(df["outcome"]) == ["ok"] * 4 + ["invariant failed"] * 2
    assert list(df["metric.l1_gas"]) == [0, 0, 2000, 2000, 13000, 13000]
    assert (df["param.label"] == "a").all()
    assert df.attrs == {"computed": 6, "reused": 0}
    # a larger grid over the same database computes only the new points
    df2 = l2lab.sweep(Blocks, {"n": [0, 2, 13, 5]}, seeds=[0, 1], jobs=1, db=db, progress=False)
    assert df2.attrs == {"computed": 2, "reused": 6}
    assert set(_digests(df)) <= set(_digests(df2))
    with ResultsDB(db) as store:
        assert store.count() == 8
    # keys are unique per (scenario, params, seed): fixed params are part of the point
    df3 = l2lab.sweep(Blocks, {"n": [2]}, params={"label": "b"}, seeds=1, jobs=1, db=db,
                      progress=False)
    assert df3.attrs == {"computed": 1, "reused": 0}


def test_explicit_points(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pts = [{"n": 3}, {"n": 1, "label": "b"}, {"n": 13}]
    df = l2lab.sweep(Blocks, pts, seeds=[5], jobs=1, db=tmp_path / "p.sqlite", progress=False)
    assert list(zip(df["param.n"], df["param.label"], df["outcome"])) == [
        (3, "a", "ok"), (1, "b", "ok"), (13, "a", "invariant failed")]
    spec = _spec(tmp_path, f"""
scenario = "{SCN}"
seeds = 1
[[points]]
delay_blocks = 9
[[points]]
delay_blocks = 2
""")
    pl = sweeps.load_spec(spec)
    assert [p.params["delay_blocks"] for p in pl.points] == [9, 2]
    assert cli.main(["sweep", str(spec), "-q"]) == 0
    out = capsys.readouterr().out
    assert out.index("\n9 ") < out.index("\n2 ")  # points keep their order


def test_executors_agree(tmp_path: Path) -> None:
    grid = {"delay_blocks": [1, 4, 9]}
    serial = l2lab.sweep(SCN, grid, seeds=2, jobs=1, progress=False)
    pool = l2lab.sweep(SCN, grid, seeds=2, jobs=2, progress=False)  # local process pool
    with ThreadPoolExecutor(2) as ex:
        threads = l2lab.sweep(SCN, grid, seeds=2, executor=ex, db=tmp_path / "t.sqlite",
                              progress=False)
    cols = ["param.delay_blocks", "seed", "outcome", "trace_digest"]
    assert serial[cols].values.tolist() == pool[cols].values.tolist()
    assert serial[cols].values.tolist() == threads[cols].values.tolist()
    assert (serial["outcome"] == "ok").all()


@pytest.mark.parametrize("call, exc, needle", [
    (lambda: l2lab.sweep("no.such", {}), ValueError, "unknown scenario 'no.such'"),
    (lambda: l2lab.sweep(SCN, {"nope": [1]}), TypeError, "unknown parameter 'nope'"),
    (lambda: l2lab.sweep(SCN, {"delay_blocks": ["3"]}), TypeError,
     "parameter 'delay_blocks' must be an int, got str"),
    (lambda: l2lab.sweep(SCN, {"delay_blocks": [0]}), ValueError, "must be >= 1"),
    (lambda: l2lab.sweep(SCN, {"delay_blocks": []}), ValueError, "empty list"),
    (lambda: l2lab.sweep(SCN, {"delay_blocks": [2, 2]}), ValueError, "repeats a value"),
    (lambda: l2lab.sweep(SCN, 5), TypeError, "grid must be a dict"),  # type: ignore[arg-type]
    (lambda: l2lab.sweep(SCN, [1, 2]), TypeError, "point 0 must be a dict"),  # type: ignore[list-item]
    (lambda: l2lab.sweep(SCN, []), ValueError, "list of points is empty"),
    (lambda: l2lab.sweep(SCN, [{"delay_blocks": 2}, {"delay_blocks": 2}]), ValueError,
     "point 1 repeats an earlier point"),
    (lambda: l2lab.sweep(SCN, [{"delay_blocks": "2"}]), TypeError, "must be an int, got str"),
    (lambda: l2lab.sweep(SCN, [{"delay_blocks": 2}], params={"delay_blocks": 3}), ValueError,
     "both fixed and set by point 0"),
    (lambda: l2lab.sweep(SCN, {"delay_blocks": [2]}, params={"delay_blocks": 3}), ValueError,
     "both fixed and swept"),
    (lambda: l2lab.sweep(SCN, {}, seeds=0), ValueError, "seed count must be >= 1"),
    (lambda: l2lab.sweep(SCN, {}, seeds=[-1]), TypeError, "non-negative int"),
    (lambda: l2lab.sweep(SCN, {}, executor=object()), TypeError, "concurrent.futures.Executor"),
    (lambda: l2lab.sweep(SCN, {}, jobs=0), ValueError, "jobs must be a positive int"),
])
def test_bad_input(call, exc, needle) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(exc, match=None) as info:
        call()
    assert needle in str(info.value)


def test_corrupt_and_foreign_databases(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    junk = b"not a database at all " * 200
    bad.write_bytes(junk)
    with pytest.raises(ResultsDatabaseError, match="corrupt or not an SQLite database.*move it"):
        l2lab.sweep(SCN, {}, seeds=1, jobs=1, db=bad, progress=False)
    assert bad.read_bytes() == junk  # nothing overwritten
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as c:
        c.execute("CREATE TABLE results (a INTEGER, b TEXT)")
        c.execute("INSERT INTO results VALUES (1, 'keep me')")
    with pytest.raises(ResultsDatabaseError, match="another shape"):
        l2lab.sweep(SCN, {}, seeds=1, jobs=1, db=foreign, progress=False)
    with sqlite3.connect(foreign) as c:
        assert c.execute("SELECT * FROM results").fetchall() == [(1, "keep me")]
    with pytest.raises(ResultsDatabaseError, match="is a directory"):
        l2lab.sweep(SCN, {}, seeds=1, jobs=1, db=tmp_path, progress=False)


def test_unwritable_database_keeps_results_in_rescue_file(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "r.sqlite"
    real_put = ResultsDB.put
    calls = {"n": 0}

    def flaky_put(self, result, *, replace=True):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise ResultsDatabaseError(f"cannot write to results database {db}: disk I/O error")
        return real_put(self, result, replace=replace)

    monkeypatch.setattr(ResultsDB, "put", flaky_put)
    with pytest.raises(sweeps.SweepError, match=r"kept in .*r\.sqlite\.rescue\.jsonl"):
        l2lab.sweep(Blocks, {"n": [1, 2, 3]}, seeds=1, jobs=1, db=db, progress=False)
    assert (tmp_path / "r.sqlite.rescue.jsonl").exists()
    monkeypatch.setattr(ResultsDB, "put", real_put)
    df = l2lab.sweep(Blocks, {"n": [1, 2, 3]}, seeds=1, jobs=1, db=db, progress=False)
    assert df.attrs == {"computed": 0, "reused": 3}  # the rescued run was imported, not re-run
    assert not (tmp_path / "r.sqlite.rescue.jsonl").exists()


class _Recording(ThreadPoolExecutor):
    """An executor that records the (params, seed) of every task in submission order."""

    def __init__(self) -> None:
        super().__init__(2)
        self.order: list[tuple[int, int]] = []

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        _, params, seed = args
        self.order.append((params["n"], seed))
        return super().submit(fn, *args, **kwargs)


class CostlyBlocks(Blocks):
    """Blocks whose cost grows with n (n = 7 costs as much as n = 5: ties keep grid order)."""

    name = "test_sweep.costly_blocks"

    @classmethod
    def cost(cls, params):  # type: ignore[no-untyped-def]
        return min(params["n"], 5)


def test_pool_gets_the_most_costly_points_first() -> None:
    with _Recording() as ex:
        df = l2lab.sweep(CostlyBlocks, {"n": [1, 5, 3, 7]}, seeds=2, executor=ex, progress=False)
    assert ex.order == [(5, 0), (5, 1), (7, 0), (7, 1), (3, 0), (3, 1), (1, 0), (1, 1)]
    assert list(df["param.n"]) == [1, 1, 5, 5, 3, 3, 7, 7]  # the results keep the grid's order
    with _Recording() as ex:  # the default cost: every point equal, the grid's order
        l2lab.sweep(Blocks, {"n": [4, 2]}, seeds=1, executor=ex, progress=False)
    assert ex.order == [(4, 0), (2, 0)]
    # A scenario whose runs grow with a parameter says so.
    cost = l2lab.scenario.get("rollup.supply_conservation").cost
    small = {"blocks": 12, "txs_per_block": 20, "withdrawal_fraction": 0.1}
    assert cost({**small, "txs_per_block": 80}) > cost(small) > 0


@pytest.mark.parametrize("value, exc, needle", [
    ("big", TypeError, "cost() must return a number, got str"),
    (True, TypeError, "must return a number, got bool"),
    (-1, ValueError, "finite number >= 0, got -1"),
    (float("nan"), ValueError, "got nan"),
    (float("inf"), ValueError, "got inf"),
])
def test_bad_cost_is_refused_before_anything_runs(value, exc, needle) -> None:  # type: ignore[no-untyped-def]
    class BadCost(Blocks):
        name = "test_sweep.bad_cost"

        @classmethod
        def cost(cls, params):  # type: ignore[no-untyped-def]
            return value

    with _Recording() as ex, pytest.raises(exc) as info:
        l2lab.sweep(BadCost, {"n": [1, 2]}, seeds=1, executor=ex, progress=False)
    assert needle in str(info.value) and "test_sweep.bad_cost" in str(info.value)
    assert ex.order == []


class _LosesOnePoint(ThreadPoolExecutor):
    """An executor whose second task is lost, as when a Dask worker dies."""

    def __init__(self) -> None:
        super().__init__(2)
        self.n = 0

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.n += 1
        if self.n == 2:
            f: Future = Future()
            f.set_exception(ConnectionError("worker tcp://10.0.0.9:4000 lost"))
            return f
        return super().submit(fn, *args, **kwargs)


def test_lost_task_keeps_the_rest_and_resumes(tmp_path: Path) -> None:
    db = tmp_path / "l.sqlite"
    with _LosesOnePoint() as ex, pytest.raises(sweeps.SweepError) as info:
        l2lab.sweep(Blocks, {"n": [1, 2, 3]}, seeds=1, executor=ex, db=db, progress=False)
    msg = str(info.value)
    assert "1 of 3 run(s) did not finish" in msg and "worker tcp://10.0.0.9:4000 lost" in msg
    assert f"the 2 that finished are in {db}" in msg and "run the same sweep again" in msg
    df = l2lab.sweep(Blocks, {"n": [1, 2, 3]}, seeds=1, jobs=1, db=db, progress=False)
    assert df.attrs == {"computed": 1, "reused": 2}
    assert sorted(info.value.results["param.n"]) == [1, 3]  # the second task was lost
    # without a database the finished runs travel on the error
    with _LosesOnePoint() as ex, pytest.raises(sweeps.SweepError) as info:
        l2lab.sweep(Blocks, {"n": [1, 2, 3]}, seeds=1, executor=ex, progress=False)
    assert "this error's `results` DataFrame" in str(info.value)
    assert sorted(info.value.results["param.n"]) == [1, 3]
    assert (info.value.results["outcome"] == "ok").all()


CHILD = BOOT + """
import os, sys, time
import l2lab
from l2lab.scenario import Context, Param, Scenario

class Slow(Scenario):
    name = "test_sweep.slow"
    params = {"x": Param(0, "x", minimum=0)}

    def body(self, ctx: Context) -> None:
        with open(os.environ["SWEEP_LOG"], "a") as fh:
            fh.write(f"{ctx.params['x']},{ctx.seed}\\n")
        time.sleep(0.15)
        ctx.check("ran", True)

l2lab.sweep(Slow, {"x": list(range(20))}, seeds=2, jobs=2, db=sys.argv[1], progress=False)
print("DONE")
"""


def _rows(db: Path) -> dict[str, tuple]:
    with sqlite3.connect(db, timeout=30) as c:
        try:
            return {r[0]: r[1:] for r in c.execute(
                "SELECT key, params, seed, seconds, trace_digest FROM results")}
        except sqlite3.OperationalError:  # table not created yet
            return {}


def test_sigkilled_sweep_resumes_without_recomputing(tmp_path: Path) -> None:
    db, log = tmp_path / "k.sqlite", tmp_path / "calls.log"
    env = dict(os.environ, PYTHONPATH=PYTHONPATH, SWEEP_LOG=str(log))
    cmd = [sys.executable, "-c", CHILD, str(db)]
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             start_new_session=True)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and (not db.exists() or len(_rows(db)) < 4):
            time.sleep(0.05)
    finally:
        os.killpg(child.pid, signal.SIGKILL)  # the sweep and its pool workers
        child.wait()
    before = _rows(db)
    assert 4 <= len(before) < 40, "the sweep finished before it could be killed"
    # resume: only the missing points run, finished rows are untouched
    calls_before = log.read_text().splitlines()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "DONE" in done.stdout
    after = _rows(db)
    assert len(after) == 40
    for key, row in before.items():
        assert after[key] == row
    calls_after = log.read_text().splitlines()[len(calls_before):]
    finished = {f"{int(p[5:-1])},{s}" for p, s, *_ in before.values()}  # params '{"x":N}'
    assert not finished & set(calls_after), "a finished point was computed again"
    assert len(calls_after) == 40 - len(before)


CLI_CHILD = BOOT + """
import sys, time
from l2lab import cli
from l2lab.scenario import Context, Param, Scenario, register

@register
class Slow(Scenario):
    name = "test_sweep.slow_cli"
    params = {"x": Param(0, "x", minimum=0)}

    def body(self, ctx: Context) -> None:
        time.sleep(0.15)
        ctx.check("ran", True)

sys.exit(cli.main(["sweep", sys.argv[1], "-q"]))
"""


def test_cli_sweep_ctrl_c_keeps_finished_runs(tmp_path: Path) -> None:
    spec = _spec(tmp_path, "scenario = 'test_sweep.slow_cli'\nseeds = 2\njobs = 2\n"
                           "[grid]\nx = [" + ", ".join(map(str, range(20))) + "]\n")
    db = tmp_path / "spec.sqlite"
    env = dict(os.environ, PYTHONPATH=PYTHONPATH)
    cmd = [sys.executable, "-c", CLI_CHILD, str(spec)]
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not db.exists() or len(_rows(db)) < 3):
        time.sleep(0.05)
    child.send_signal(signal.SIGINT)
    try:
        _, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
    assert child.returncode == 130, err
    assert "interrupted; every finished run is in" in err and "run the same command again" in err
    kept = len(_rows(db))
    assert 3 <= kept < 40
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"{40 - kept} computed, {kept} already in" in done.stdout


def _spec(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "spec.toml"
    p.write_text(text)
    return p


def test_cli_sweep_spec(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = _spec(tmp_path, f"""
scenario = "{SCN}"
seeds = [3, 4]
jobs = 1
[grid]
delay_blocks = [1, 2, 5]
""")
    assert cli.main(["sweep", str(spec), "-q", "--csv", str(tmp_path / "t.csv")]) == 0
    out = capsys.readouterr().out
    assert "6 runs of l1.snapshot_what_if" in out and "6 computed, 0 already in" in out
    assert all(len(line) <= 80 for line in out.splitlines()[:4])
    assert (tmp_path / "spec.sqlite").exists()  # default db beside the spec
    assert (tmp_path / "t.csv").read_text().count("\n") == 7
    assert cli.main(["sweep", str(spec), "-q"]) == 0
    assert "0 computed, 6 already in" in capsys.readouterr().out


def test_cli_sweep_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = _spec(tmp_path, """
scenario = "channel.offline_victim"
seeds = 1
[params]
challenge_period = 6
[grid]
d = [0, 7]
tower = ["present", "absent"]
""")
    rep = tmp_path / "rep"
    assert cli.main(["sweep", str(spec), "-q", "--report", str(rep)]) == 0
    assert f"report: {rep / 'sweep.html'}" in capsys.readouterr().out
    page = (rep / "sweep.html").read_text()
    assert "Sweep of channel.offline_victim" in page
    assert page.count("<tr>") == 1 + 4  # header + one row per grid point
    assert "<td class='loss'>loss* 1</td>" in page  # d=7 > T without a tower
    assert page.count("<td class='ok'>ok 1</td>") == 3
    assert page.count("data:image/png;base64,") >= 2  # one chart per numeric metric
    assert "http://" not in page and "https://" not in page
    assert (rep / "runs.csv").read_text().count("\n") == 5


@pytest.mark.parametrize("text, needle", [
    ("scenario = 'l1.snapshot_what_if'\ngrid = [1]", "`grid` must be a table"),
    ("scenario = 'l1.snapshot_what_if'", "found neither"),
    ("scenario = 'l1.snapshot_what_if'\n[grid]\ndelay_blocks = [1]\n[[points]]\n"
     "delay_blocks = 2", "not both"),
    ("scenario = 'l1.snapshot_what_if'\npoints = [1, 2]", "`points` must be an array of tables"),
    ("scenario = 'l1.snapshot_what_if'\n[[points]]\ndelay_blocks = 2\n[[points]]\n"
     "delay_blocks = 2", "point 1 repeats an earlier point"),
    ("scenario = 'l1.snapshot_what_if'\n[[points]]\nspeed = 2", "unknown parameter 'speed'"),
    ("[grid]\ndelay_blocks = [1]", "missing `scenario"),
    ("scenario = 'nope'\n[grid]\nx = [1]", "unknown scenario 'nope'"),
    ("scenario = 'l1.snapshot_what_if'\n[grid]\nspeed = [1]", "unknown parameter 'speed'"),
    ("scenario = 'l1.snapshot_what_if'\n[grid]\ndelay_blocks = 3",
     "grid.delay_blocks must be a list"),
    ("scenario = 'l1.snapshot_what_if'\n[grid]\ndelay_blocks = ['x']",
     "parameter 'delay_blocks' must be an int, got str"),
    ("scenario = 'l1.snapshot_what_if'\n[grid]\ndelay_blocks = []", "empty list"),
    ("scenario = 'l1.snapshot_what_if'\nseed = 3\n[grid]\ndelay_blocks = [1]",
     "unknown key(s) ['seed']"),
    ("scenario = 'l1.snapshot_what_if'\nseeds = 'many'\n[grid]\ndelay_blocks = [1]",
     "`seeds` must be a count or a list"),
    ("scenario = 'l1.snapshot_what_if'\njobs = 0\n[grid]\ndelay_blocks = [1]",
     "`jobs` must be a positive int"),
    ("scenario = = 'x'", "is not valid TOML"),
])
def test_cli_sweep_bad_spec(text: str, needle: str, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    spec = _spec(tmp_path, text)
    assert cli.main(["sweep", str(spec), "-q"]) == 2
    err = capsys.readouterr().err
    assert needle in err and str(spec) in err
    assert not (tmp_path / "spec.sqlite").exists()


def test_cli_sweep_missing_spec_and_corrupt_db(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["sweep", str(tmp_path / "absent.toml")]) == 2
    assert "cannot read sweep spec" in capsys.readouterr().err
    spec = _spec(tmp_path, f"scenario = '{SCN}'\nseeds = 1\n[grid]\ndelay_blocks = [1]\n")
    (tmp_path / "spec.sqlite").write_bytes(b"\x00garbage" * 500)
    assert cli.main(["sweep", str(spec), "-q"]) == 2
    err = capsys.readouterr().err
    assert "spec.sqlite is corrupt" in err and "move it aside" in err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_cli_sweep_unreachable_scheduler(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("distributed")
    spec = _spec(tmp_path, f"scenario = '{SCN}'\nseeds = 1\n[grid]\ndelay_blocks = [1]\n")
    addr = f"tcp://127.0.0.1:{_free_port()}"
    assert cli.main(["sweep", str(spec), "--scheduler", addr, "--connect-timeout", "1",
                     "-q"]) == 2
    err = capsys.readouterr().err
    assert f"cannot reach the Dask scheduler at {addr}" in err
    assert "drop --scheduler" in err


def test_dask_local_cluster(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    grid = {"delay_blocks": [1, 3, 7]}
    serial = l2lab.sweep(SCN, grid, seeds=2, jobs=1, progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        df = l2lab.sweep(SCN, grid, seeds=2, executor=client, db=tmp_path / "d.sqlite",
                         progress=False)
        assert len(client.scheduler_info()["workers"]) == 2
        again = l2lab.sweep(SCN, grid, seeds=2, executor=client, db=tmp_path / "d.sqlite",
                            progress=False)
    cols = ["param.delay_blocks", "seed", "outcome", "trace_digest"]
    assert df[cols].values.tolist() == serial[cols].values.tolist()
    assert again.attrs == {"computed": 0, "reused": 6}


def test_cli_sweep_on_a_dask_scheduler(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    distributed = pytest.importorskip("distributed")
    spec = _spec(tmp_path, f"scenario = '{SCN}'\nseeds = 2\n[grid]\ndelay_blocks = [2, 5]\n")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        assert cli.main(["sweep", str(spec), "--scheduler", cluster.scheduler_address,
                         "-q"]) == 0
    assert "4 computed, 0 already in" in capsys.readouterr().out
    assert len(_rows(tmp_path / "spec.sqlite")) == 4


EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "sweeps"


@pytest.mark.parametrize("name", ["offline_victim.toml", "rollup_supply.toml"])
def test_example_specs_are_valid(name: str) -> None:
    pl = sweeps.load_spec(EXAMPLES / name)
    assert len(pl.points) >= 6 and pl.db is not None and pl.db.startswith(str(EXAMPLES))


def test_cli_sweep_bad_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = _spec(tmp_path, f"scenario = '{SCN}'\nseeds = 1\n[grid]\ndelay_blocks = [1]\n")
    assert cli.main(["sweep", str(spec), "-j", "0"]) == 2
    assert "--jobs must be >= 1" in capsys.readouterr().err
    assert cli.main(["sweep", str(spec), "--connect-timeout", "0"]) == 2
    assert "--connect-timeout must be > 0" in capsys.readouterr().err
    assert cli.main(["sweep", str(spec), "--db", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err


def test_point_key_is_canonical() -> None:
    assert point_key("a", {"x": 1, "y": "z"}, 3) == point_key("a", {"y": "z", "x": 1}, 3)
    assert point_key("a", {"x": 1}, 3) != point_key("a", {"x": 1}, 4)
    assert point_key("a", {"x": 1}, 3) != point_key("b", {"x": 1}, 3)


@pytest.mark.slow
def test_suite_bench_rows() -> None:
    """`l2lab bench --suite`: suite runs/s (1 vs 2 processes), the Hypothesis examples/s of the
    channel machine next to Hypothesis alone, and the Dask speed-up rows."""
    from l2lab import _suite_bench

    rows = _suite_bench.suite_rows(quick=True)
    ops = {(r.operation, r.implementation): r for r in rows}
    assert ops[("default suite (runs)", "l2lab -j2")].baseline == "1 process"
    assert ops[("default suite (runs)", "1 process")].per_second > 0
    assert ops[("empty scenario (runs)", "l2lab")].per_second > 0
    machine = ops[("hypothesis channel machine", "l2lab")]
    assert machine.baseline == "hypothesis only" and 0 < machine.ratio
    assert 1 <= machine.counters["steps_per_example"] <= 50
    if ("sweep points (Dask)", "1 worker") in ops:
        assert ops[("sweep points (Dask)", "l2lab 2 workers")].ratio > 0
