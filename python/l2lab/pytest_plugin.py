"""l2lab's pytest plugin (entry point ``pytest11``: active once l2lab is installed).

Fixtures
    ``l2lab_seed``   the run's seed (``--l2lab-seed N``, default :data:`DEFAULT_SEED`).
    ``world``        a fresh :class:`l2lab.World` built from that seed.
    ``channel_pair`` an open, funded 2-party channel on ``world``
                     (:class:`l2lab.testing.channel.Channel`: ``.parties``, ``.adjudicator``, ...).
    ``rollup``       a deployed rollup on ``world`` whose users hold L2 balances
                     (:class:`l2lab.testing.fixtures.FundedRollup`).
    ``fault_rollup`` a deployed fault-proof rollup on ``world`` (:class:`l2lab.fault.FaultRollup`,
                     quick game clocks), no players and no traffic yet.
    ``zk_rollup``    a deployed zk-mode rollup on ``world`` (witness proofs) whose users hold L2
                     balances (a ``FundedRollup``: ``.rollup`` is the
                     :class:`l2lab.validity.ZkRollup`).

Options
    ``--l2lab-seed N``                 seed of every fixture above; printed in the header and in
                                       the report of every failing test.
    ``--l2lab-profile {dev,ci,deep}``  Hypothesis profile (default: ``$L2LAB_HYPOTHESIS_PROFILE``,
                                       else the ``l2lab_profile`` ini option, else Hypothesis'
                                       own default or ``--hypothesis-profile``).

Profiles: ``dev`` (50 examples, random), ``ci`` (100 examples, derandomized, no example
database: reproducible in CI), ``deep`` (5000 examples, random). A failing Hypothesis property
prints its shrunk example (for a state machine: the shrunk rule sequence) followed by an
``l2lab`` section with the seed and the command line to rerun it.

pytest loads entry-point plugins before any ``conftest.py``, and importing this module imports
the ``l2lab`` package and so its native core. ``l2lab/__init__.py`` therefore honours
``L2LAB_CORE_DIR`` itself (see ``l2lab/_core_dir.py``): a developer's build folder named there
is the core every test sees, whether the plugin came through the entry point or a conftest. The
fixtures import the channel, rollup, fault and validity helpers only when first used.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import Any

import pytest

DEFAULT_SEED = 1
PROFILES = ("dev", "ci", "deep")
PROFILE_ENV = "L2LAB_HYPOTHESIS_PROFILE"
_SEED_KEY = pytest.StashKey[int]()
_PROFILE_KEY = pytest.StashKey[str]()


def register_profiles() -> None:
    """Register the Hypothesis profiles ``dev``, ``ci`` and ``deep`` (no profile is loaded)."""
    from hypothesis import HealthCheck, settings

    # Explicit parent: a profile registered without one inherits whatever profile is loaded.
    base = settings.get_profile("default")
    settings.register_profile("dev", base, max_examples=50, deadline=None)
    settings.register_profile(
        "ci", base, max_examples=100, deadline=None, derandomize=True, database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.register_profile("deep", base, max_examples=5000, deadline=None)


def _seed_arg(text: str) -> int:
    try:
        value = int(text, 0)
    except ValueError:
        raise pytest.UsageError(f"--l2lab-seed must be an integer, got {text!r}") from None
    if value < 0:
        raise pytest.UsageError(f"--l2lab-seed must be >= 0, got {value}")
    return value


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("l2lab", "l2lab testbench")
    group.addoption("--l2lab-seed", action="store", type=_seed_arg, default=None,
                    metavar="N", help=f"seed of the l2lab fixtures (default {DEFAULT_SEED})")
    group.addoption("--l2lab-profile", action="store", choices=PROFILES, default=None,
                    help=f"Hypothesis profile to load (default: ${PROFILE_ENV}, else the "
                    "l2lab_profile ini option, else Hypothesis' own)")
    parser.addini("l2lab_profile", "default Hypothesis profile (dev, ci or deep)", default="")


def pytest_configure(config: pytest.Config) -> None:
    seed = config.getoption("--l2lab-seed")
    config.stash[_SEED_KEY] = DEFAULT_SEED if seed is None else seed
    register_profiles()
    profile = (config.getoption("--l2lab-profile") or os.environ.get(PROFILE_ENV)
               or config.getini("l2lab_profile"))
    if profile:
        if profile not in PROFILES:
            raise pytest.UsageError(f"Hypothesis profile {profile!r} (from ${PROFILE_ENV} or the "
                                    f"l2lab_profile ini option): choose one of {list(PROFILES)}")
        from hypothesis import settings

        settings.load_profile(profile)
    config.stash[_PROFILE_KEY] = profile or ""


def _profile_name(config: pytest.Config) -> str:
    if "hypothesis" not in sys.modules:
        return config.stash.get(_PROFILE_KEY, "") or "(hypothesis default)"
    from hypothesis import settings

    return getattr(settings, "_current_profile", None) or config.stash.get(_PROFILE_KEY, "?")


def pytest_report_header(config: pytest.Config) -> list[str]:
    seed = config.stash[_SEED_KEY]
    core = sys.modules.get("l2lab._core")
    where = getattr(core, "__file__", None) if core is not None else None
    line = f"l2lab: seed {seed} (--l2lab-seed), hypothesis profile {_profile_name(config)}"
    return [line] + ([f"l2lab: core {where}"] if where else [])


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.failed and call.when in ("setup", "call"):
        seed = item.config.stash.get(_SEED_KEY, DEFAULT_SEED)
        profile = _profile_name(item.config)
        rerun = f"pytest '{item.nodeid}' --l2lab-seed {seed}"
        if profile in PROFILES:
            rerun += f" --l2lab-profile {profile}"
        report.sections.append(("l2lab", f"l2lab seed {seed}; rerun: {rerun}"))


@pytest.fixture
def l2lab_seed(request: pytest.FixtureRequest) -> int:
    """The seed of this run's l2lab fixtures (``--l2lab-seed``)."""
    return int(request.config.stash[_SEED_KEY])


@pytest.fixture
def world(l2lab_seed: int) -> Any:
    """A fresh simulated L1 World seeded with ``l2lab_seed``."""
    import l2lab

    return l2lab.World(seed=l2lab_seed)


@pytest.fixture
def channel_pair(world: Any) -> Any:
    """An open, funded 2-party channel (deposits 1 and 2 ether, challenge period 10 blocks)."""
    from l2lab.testing.channel import build_channel

    return build_channel(world, n=2)


@pytest.fixture
def rollup(world: Any) -> Iterator[Any]:
    """A deployed rollup (zstd, calldata) whose users each hold 10 ether on L2."""
    from l2lab.testing.fixtures import funded_rollup

    yield funded_rollup(world)


@pytest.fixture
def fault_rollup(world: Any) -> Any:
    """A deployed fault-proof rollup (:class:`l2lab.fault.FaultRollup`: roots come only from
    the dispute game; quick clocks of 10 blocks per team) with no players and no L2 traffic:
    add both with ``traffic()``, ``honest_challenger()``, ``wrong_root_proposer(cheat)``, ..."""
    from l2lab.fault import FaultRollup

    return FaultRollup(world)


@pytest.fixture
def zk_rollup(world: Any) -> Any:
    """A deployed zk-mode rollup (``RollupConfig(mode="zk")``, witness proofs) whose users each
    hold 10 ether on L2: a :class:`l2lab.testing.fixtures.FundedRollup` whose ``.rollup`` is the
    :class:`l2lab.validity.ZkRollup` (``status()``, ``proven_roots()``, ``proof_table()``, ...
    are read through it)."""
    from l2lab.rollup import RollupConfig
    from l2lab.testing.fixtures import funded_rollup

    return funded_rollup(world, config=RollupConfig(mode="zk", proof_system="witness"))
