"""The registry of named adversarial scenarios (``l2lab.scenarios``).

>>> import l2lab
>>> l2lab.scenarios.names()            # doctest: +SKIP
>>> res = l2lab.scenarios.get("channel.stale_close").run(seed=1)   # doctest: +SKIP

Each area's scenarios live in a module of this package and register themselves on import.
User scenarios register the same way (``@l2lab.scenario.register``); ``import_scenarios(spec)``
(``l2lab run/list/sweep --import``) imports a module or ``.py`` file of them.
"""

from __future__ import annotations

import importlib

from ..scenario import (
    Param,
    Result,
    Scenario,
    all_scenarios,
    get,
    import_scenarios,
    names,
    register,
)

_AREAS = ("l1", "channel", "rollup", "fault", "validity")

for _area in _AREAS:
    try:
        importlib.import_module(f"{__name__}.{_area}")
    except ModuleNotFoundError as exc:  # an area whose scenarios have not landed yet
        if exc.name != f"{__name__}.{_area}":
            raise

__all__ = ["Param", "Result", "Scenario", "all_scenarios", "get", "import_scenarios", "names",
           "register"]
