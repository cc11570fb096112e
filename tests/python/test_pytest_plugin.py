"""The l2lab pytest plugin, run as users run it: fixtures, --l2lab-seed, --l2lab-profile, the
report of a failing property, and loading through the dev loop (conftest) and through an
installed package's ``pytest11`` entry point."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

import l2lab

pytest_plugins = ["pytester"]

HERE = Path(__file__).resolve().parent
# In-process runs: block the entry point (if l2lab is installed) and load the module by name, so
# the plugin is registered exactly once either way.
PLUGIN = ("-p", "no:l2lab", "-p", "l2lab.pytest_plugin", "-p", "no:cacheprovider")


@pytest.fixture(autouse=True)
def _keep_hypothesis_profile() -> Iterator[None]:
    """In-process runs load profiles into the shared Hypothesis settings; restore ours."""
    name = getattr(settings, "_current_profile", None)
    yield
    if name:
        settings.load_profile(name)


def test_fixtures_are_seeded_and_ready(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_user="""
        import l2lab

        def test_world(world, l2lab_seed):
            assert l2lab_seed == 7
            assert world.trace_digest() == l2lab.World(seed=7).trace_digest()

        def test_channel_pair(channel_pair):
            c = channel_pair
            assert c.record().status == "open"
            c.parties[0].pay(c.world, 1, 10**17)
            c.world.run(2)
            assert c.balances(1) == [9 * 10**17, 21 * 10**17]

        def test_rollup(rollup):
            before = rollup.balance(rollup.keys[1].address)
            rollup.pay(0, 1, 5, fee=1)
            rollup.world.run(3)
            assert rollup.balance(rollup.keys[1].address) == before + 5
            assert rollup.batch_records()[-1]["root_matches"] is True
    """)
    res = pytester.runpytest(*PLUGIN, "--l2lab-seed", "7")
    res.assert_outcomes(passed=3)
    res.stdout.fnmatch_lines(["l2lab: seed 7 (--l2lab-seed)*"])


def test_fault_and_zk_fixtures_are_seeded_and_ready(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_areas="""
        import l2lab
        from l2lab.fault import FaultRollup
        from l2lab.rollup import RollupConfig
        from l2lab.testing.fixtures import funded_rollup
        from l2lab.validity import ZkRollup

        def test_fault_rollup(fault_rollup):
            r = fault_rollup
            assert isinstance(r, FaultRollup) and r.players == {} and r.world.block_number == 0
            r.traffic()                         # a history with txs the STF skips
            r.wrong_root_proposer("overspend")
            r.honest_challenger()
            r.settle()
            assert r.games_table()["status"] == ["challenger_wins"] and r.roots() == []

        def test_zk_rollup(zk_rollup):
            r = zk_rollup
            assert isinstance(r.rollup, ZkRollup) and r.proof_system.name() == "witness"
            r.pay(0, 1, 5, fee=1)
            r.world.run(3)
            assert r.balance(r.keys[1].address) == 10 * 10**18 + 5
            assert r.status().proven == len(r.verifier().batches) >= 1
            assert r.proven_roots()[-1] == r.verifier().state.state_root

        def same_as_by_hand(fixture, build):
            # The fixture's World is World(seed=--l2lab-seed): built by hand from seed 7 it has
            # the same digest, from seed 8 another.
            return [build(l2lab.World(seed=s)).world.trace_digest() == fixture.world.trace_digest()
                    for s in (7, 8)]

        def test_fault_rollup_seed(fault_rollup, l2lab_seed):
            assert l2lab_seed == 7
            assert same_as_by_hand(fault_rollup, FaultRollup) == [True, False]

        def test_zk_rollup_seed(zk_rollup):
            by_hand = lambda w: funded_rollup(w, config=RollupConfig(mode="zk"))
            assert same_as_by_hand(zk_rollup, by_hand) == [True, False]
    """)
    res = pytester.runpytest(*PLUGIN, "--l2lab-seed", "7")
    res.assert_outcomes(passed=4)


def test_default_seed_is_fixed(pytester: pytest.Pytester) -> None:
    from l2lab.pytest_plugin import DEFAULT_SEED

    pytester.makepyfile(test_seed=f"""
        def test_seed(l2lab_seed):
            assert l2lab_seed == {DEFAULT_SEED}
    """)
    res = pytester.runpytest(*PLUGIN)
    res.assert_outcomes(passed=1)
    res.stdout.fnmatch_lines([f"l2lab: seed {DEFAULT_SEED} *"])


def test_failing_property_reports_seed_and_shrunk_steps(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_machine="""
        from hypothesis import strategies as st
        from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
        import l2lab

        class Clock(RuleBasedStateMachine):
            def __init__(self):
                super().__init__()
                self.world = l2lab.World(seed=3)

            @rule(blocks=st.integers(1, 4))
            def mine_blocks(self, blocks):
                self.world.mine(blocks)

            @invariant()
            def young_chain(self):
                assert self.world.block_number < 6, "the chain grew past 5 blocks"

        TestClock = Clock.TestCase
    """)
    res = pytester.runpytest(*PLUGIN, "--l2lab-seed", "3", "--l2lab-profile", "ci")
    res.assert_outcomes(failed=1)
    out = res.stdout.str()
    assert "state = Clock()" in out and "state.mine_blocks(blocks=" in out, out
    # Shrunk: the fewest, smallest steps that pass block 5 (4 + 2 or a permutation). Newer
    # Hypothesis releases repeat the failing case in pytest's short summary, so only the first
    # printed case (from "state = Clock()" to its teardown) is counted.
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if "state = Clock()" in line)
    end = next(i for i in range(start, len(lines)) if "state.teardown()" in lines[i])
    steps = [line for line in lines[start:end] if "state.mine_blocks(" in line]
    assert len(steps) == 2, lines[start:end + 1]
    res.stdout.fnmatch_lines(["*l2lab seed 3; rerun: pytest 'test_machine.py::TestClock::runTest'"
                              " --l2lab-seed 3 --l2lab-profile ci*"])


@pytest.mark.parametrize("profile, examples", [("dev", 50), ("ci", 100), ("deep", 5000)])
def test_profile_option_loads_the_profile(pytester: pytest.Pytester, profile: str,
                                          examples: int) -> None:
    pytester.makepyfile(test_profile=f"""
        from hypothesis import settings

        def test_loaded():
            assert settings.default.max_examples == {examples}
            assert settings.default.derandomize is {profile == "ci"}
    """)
    res = pytester.runpytest(*PLUGIN, "--l2lab-profile", profile)
    res.assert_outcomes(passed=1)
    res.stdout.fnmatch_lines([f"l2lab: seed * hypothesis profile {profile}"])


def test_bad_options_are_usage_errors(pytester: pytest.Pytester,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    pytester.makepyfile(test_x="def test_x(): pass")
    res = pytester.runpytest(*PLUGIN, "--l2lab-seed", "-3")
    assert res.ret == pytest.ExitCode.USAGE_ERROR
    res.stderr.fnmatch_lines(["*--l2lab-seed must be >= 0*"])
    res = pytester.runpytest(*PLUGIN, "--l2lab-seed", "abc")
    assert res.ret == pytest.ExitCode.USAGE_ERROR
    res = pytester.runpytest(*PLUGIN, "--l2lab-profile", "fast")
    assert res.ret == pytest.ExitCode.USAGE_ERROR
    monkeypatch.setenv("L2LAB_HYPOTHESIS_PROFILE", "fast")
    res = pytester.runpytest(*PLUGIN)
    assert res.ret == pytest.ExitCode.USAGE_ERROR
    res.stderr.fnmatch_lines(["*Hypothesis profile 'fast'*choose one of*"])


# ---- loading: dev loop (conftest) and installed package (entry point), in fresh interpreters ----

_USER_TEST = """
import sys

def test_world(world, l2lab_seed):
    assert l2lab_seed == 11
    assert world.block_number == 0
    print("CORE", sys.modules["l2lab._core"].__file__)
"""


def _fake_install(site: Path) -> None:
    """What ``pip install`` leaves for the plugin: a dist-info with the pytest11 entry point."""
    info = site / "l2lab-0.0.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: l2lab\nVersion: 0.0.0\n")
    (info / "entry_points.txt").write_text("[pytest11]\nl2lab = l2lab.pytest_plugin\n")


def _run(tmp: Path, extra_path: list[str]) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    inherited = [os.path.abspath(p) for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(extra_path + inherited)
    if env.get("L2LAB_CORE_DIR"):
        env["L2LAB_CORE_DIR"] = os.path.abspath(env["L2LAB_CORE_DIR"])
    env.pop("PYTEST_ADDOPTS", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-s", "-p", "no:cacheprovider", "--l2lab-seed",
         "11", "test_user.py"], cwd=tmp, env=env, capture_output=True, text=True, timeout=120)


def _expected_core() -> str:
    core_dir = os.environ.get("L2LAB_CORE_DIR")
    core = sys.modules["l2lab._core"].__file__ or ""
    if core_dir:
        assert os.path.samefile(os.path.dirname(core), core_dir)
    return os.path.realpath(core)


def _core_used(out: str) -> str:
    line = next(x for x in out.splitlines() if x.startswith("CORE ") or " CORE " in x)
    return os.path.realpath(line.split("CORE ", 1)[1].strip())


def test_this_session_has_the_plugin_once(pytestconfig: pytest.Config) -> None:
    """Dev loop (conftest's pytest_plugins) or installed (entry point): registered exactly once."""
    import l2lab.pytest_plugin as plugin

    names = [n for n, p in pytestconfig.pluginmanager.list_name_plugin() if p is plugin]
    assert len(names) == 1, names


def test_installed_entry_point_loads_before_conftest(tmp_path: Path) -> None:
    """Installed: the entry point loads the plugin (and so l2lab) before any conftest; the
    project's conftest must not register it a second time and must still find the core that
    L2LAB_CORE_DIR names (the package honours the variable itself). Fixtures working here prove
    the entry point was loaded: the conftest adds the plugin only when no entry point exists."""
    (tmp_path / "test_user.py").write_text(_USER_TEST)
    shutil.copy(HERE / "conftest.py", tmp_path / "conftest.py")
    _fake_install(tmp_path / "site")
    r = _run(tmp_path, [str(tmp_path / "site")])
    assert r.returncode == 0, r.stdout + r.stderr
    assert "l2lab: seed 11" in r.stdout
    assert _core_used(r.stdout) == _expected_core()
