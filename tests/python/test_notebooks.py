"""Every notebook in notebooks/ runs top to bottom with nbclient in under a minute and shows at
least one plot (part of the default tier: `make test-python` runs `-m "not slow"`)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
BUDGET_SECONDS = 60


def test_the_notebooks_are_there() -> None:
    names = [p.stem for p in NOTEBOOKS]
    assert names == ["01_quickstart", "02_channel_disputes", "03_rollup_costs",
                     "04_custom_adversary_hypothesis"], names


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_and_plots(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") and c.get("execution_count") is None
               for c in nb.cells if c.cell_type == "code"), "store notebooks without outputs"
    # The kernel is a fresh interpreter started in notebooks/: hand it absolute paths.
    for var in ("PYTHONPATH", "L2LAB_CORE_DIR"):
        if os.environ.get(var):
            monkeypatch.setenv(var, os.pathsep.join(
                os.path.abspath(p) for p in os.environ[var].split(os.pathsep) if p))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    t0 = time.perf_counter()
    client = nbclient.NotebookClient(nb, timeout=BUDGET_SECONDS, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    seconds = time.perf_counter() - t0
    assert seconds < BUDGET_SECONDS, f"{path.name} took {seconds:.1f} s"
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if "image/png" in o.get("data", {})]
    assert images, f"{path.name} shows no plot"
