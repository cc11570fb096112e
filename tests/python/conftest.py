"""Shared pytest set-up.

Developers iterating on the C++ core can point L2LAB_CORE_DIR at a CMake build folder's
``python/l2lab`` (holding ``_core*.so``) and PYTHONPATH at ``python/``: the module is then loaded
from there instead of the installed package. Without the variable the installed l2lab is used.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import sys

_core_dir = os.environ.get("L2LAB_CORE_DIR")
if _core_dir and "l2lab._core" not in sys.modules:
    candidates = glob.glob(os.path.join(_core_dir, "_core*.so"))
    if not candidates:
        raise RuntimeError(f"L2LAB_CORE_DIR={_core_dir!r} holds no _core*.so")
    spec = importlib.util.spec_from_file_location("l2lab._core", candidates[0])
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["l2lab._core"] = module
    spec.loader.exec_module(module)

from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile(
    "ci", max_examples=100, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("deep", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("L2LAB_HYPOTHESIS_PROFILE", "ci"))
