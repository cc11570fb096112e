"""Every notebook in notebooks/ runs top to bottom with nbclient in under a minute and shows at
least one plot (part of the default tier: `make test-python` runs `-m "not slow"`). The notebooks
run concurrently, each in its own kernel, so the tier pays for the slowest one, not the sum."""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
BUDGET_SECONDS = 60


def _execute(path: Path) -> tuple[Any, float, BaseException | None]:
    nb = nbformat.read(path, as_version=4)
    t0 = time.perf_counter()
    try:
        nbclient.NotebookClient(nb, timeout=BUDGET_SECONDS, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}}).execute()
    except BaseException as exc:  # reported by the notebook's own test
        return nb, time.perf_counter() - t0, exc
    return nb, time.perf_counter() - t0, None


@pytest.fixture(scope="module")
def executed() -> dict[str, tuple[Any, float, BaseException | None]]:
    # The kernels are fresh interpreters started in notebooks/: hand them absolute paths.
    saved = {v: os.environ.get(v) for v in ("PYTHONPATH", "L2LAB_CORE_DIR", "MPLBACKEND")}
    for var in ("PYTHONPATH", "L2LAB_CORE_DIR"):
        if saved[var]:
            os.environ[var] = os.pathsep.join(
                os.path.abspath(p) for p in saved[var].split(os.pathsep) if p)
    os.environ.pop("MPLBACKEND", None)  # the notebooks choose `%matplotlib inline`
    try:
        with ThreadPoolExecutor(max_workers=len(NOTEBOOKS)) as pool:
            return dict(zip((p.stem for p in NOTEBOOKS), pool.map(_execute, NOTEBOOKS)))
    finally:
        for var, value in saved.items():
            if value is None:
                os.environ.pop(var, None)
            else:
                os.environ[var] = value


def test_the_notebooks_are_there_and_stored_without_outputs() -> None:
    names = [p.stem for p in NOTEBOOKS]
    assert names == ["01_quickstart", "02_channel_disputes", "03_rollup_costs",
                     "04_custom_adversary_hypothesis", "05_fault_vs_validity"], names
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") and c.get("execution_count") is None
                   for c in nb.cells if c.cell_type == "code"), f"{path.name} has outputs"


@pytest.mark.notebook
@pytest.mark.parametrize("name", [p.stem for p in NOTEBOOKS])
def test_notebook_runs_and_plots(name: str, executed: dict) -> None:
    nb, seconds, error = executed[name]
    if error is not None:
        raise error
    assert seconds < BUDGET_SECONDS, f"{name} took {seconds:.1f} s"
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if "image/png" in o.get("data", {})]
    assert images, f"{name} shows no plot"
