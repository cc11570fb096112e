"""Developer hook: load the native core from ``$L2LAB_CORE_DIR`` instead of the installed one.

Developers iterating on the C++ core point ``L2LAB_CORE_DIR`` at a CMake build folder's
``python/l2lab`` (which holds ``_core*.so``). ``l2lab/__init__.py`` calls :func:`load_from_env`
before it imports ``_core``, so the override works however l2lab is first imported: from
``tests/python/conftest.py``, from the pytest plugin (loaded through its entry point before any
conftest), from a notebook or a script. Without the variable nothing happens.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import sys

ENV = "L2LAB_CORE_DIR"


def load_from_env() -> str | None:
    """Load ``l2lab._core`` from ``$L2LAB_CORE_DIR`` unless it is loaded already; return the
    path of the extension loaded this way (None when the variable is unset or the core was
    already imported). Raises RuntimeError when the folder holds no ``_core*.so``."""
    core_dir = os.environ.get(ENV)
    if not core_dir or "l2lab._core" in sys.modules:
        return None
    candidates = sorted(glob.glob(os.path.join(core_dir, "_core*.so")))
    if not candidates:
        raise RuntimeError(f"{ENV}={core_dir!r} holds no _core*.so; build the _core target there "
                           f"or unset {ENV} to use the installed l2lab")
    spec = importlib.util.spec_from_file_location("l2lab._core", candidates[0])
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["l2lab._core"] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules["l2lab._core"]
        raise
    return candidates[0]
