"""Shared pytest set-up.

Developers iterating on the C++ core can point L2LAB_CORE_DIR at a CMake build folder's
``python/l2lab`` (holding ``_core*.so``) and PYTHONPATH at ``python/``: the module is then loaded
from there instead of the installed package. Without the variable the installed l2lab is used.
``l2lab/__init__.py`` honours the variable as well (l2lab/_core_dir.py), because the l2lab pytest
plugin, loaded through its entry point, imports l2lab before this file runs; the check below
makes sure the core under test really is the one the variable names.

The l2lab pytest plugin (fixtures, ``--l2lab-seed``, ``--l2lab-profile``, the Hypothesis profiles
``dev``/``ci``/``deep``) is registered here when l2lab is not installed (no entry point). The
project's default profile is ``ci`` (``l2lab_profile`` in pyproject.toml); ``--l2lab-profile`` or
``$L2LAB_HYPOTHESIS_PROFILE`` override it.
"""

from __future__ import annotations

import os
import sys
from importlib.metadata import entry_points

_core_dir = os.environ.get("L2LAB_CORE_DIR")

from l2lab._core_dir import load_from_env  # noqa: E402  (importing l2lab loads _core)

load_from_env()
if _core_dir:
    _loaded = os.path.dirname(os.path.abspath(sys.modules["l2lab._core"].__file__ or ""))
    if not os.path.samefile(_loaded, _core_dir):
        raise RuntimeError(f"L2LAB_CORE_DIR={_core_dir!r} but l2lab._core was loaded from "
                           f"{_loaded!r} before conftest ran")


def _plugin_autoloaded() -> bool:
    if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
        return False
    return any(ep.value == "l2lab.pytest_plugin" for ep in entry_points(group="pytest11"))


pytest_plugins = [] if _plugin_autoloaded() else ["l2lab.pytest_plugin"]
