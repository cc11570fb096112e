"""l2lab: a deterministic, Python-extensible testbench for layer-2 blockchain protocols.

The native core (C++20) lives in ``l2lab._core``; this package re-exports it under stable names
and adds Python-only value (reports, plots, Hypothesis strategies, scenarios).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version as _pkg_version

from ._core_dir import load_from_env as _load_core_from_env

_load_core_from_env()  # honour $L2LAB_CORE_DIR (a developer's build folder) before importing _core

from . import _core  # noqa: E402
from ._core import (  # noqa: E402
    ArithmeticOverflow,
    CryptoError,
    DecodeError,
    Error,
    InvalidArgumentError,
    StateError,
)

# Per-area modules. Each area's helper module re-exports its part of _core with docstrings;
# the names below are the top-level contract from DESIGN.md.
# [crypto]
from .crypto import (  # noqa: E402
    Address,
    PrivateKey,
    PublicKey,
    Signature,
    keccak256,
    recover,
    recover_address,
    sha256,
)
# [l1]
from .l1 import Chain, ChainConfig, Receipt, Transaction, gas_table  # noqa: E402
# [sim]
from .sim import Account, Actor, Invariant, World

from . import channel, core, l1, rollup, sim  # noqa: E402
from . import fault, presets  # noqa: E402  (fault proofs, over the rollup; deployment presets)
from . import scenario, scenarios  # noqa: E402  (after World: scenarios build Worlds)
from .sweeps import sweep  # noqa: E402  (l2lab.sweep: parameter sweeps, SQLite, Dask)
from . import plot  # noqa: E402  (matplotlib is imported only when a plot is drawn)
from . import validity  # noqa: E402  (validity proofs: the STARK)

try:
    __version__ = _pkg_version("l2lab")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+source"

__all__ = [
    "Account",
    "Actor",
    "Address",
    "ArithmeticOverflow",
    "Chain",
    "ChainConfig",
    "CryptoError",
    "DecodeError",
    "Error",
    "InvalidArgumentError",
    "Invariant",
    "PrivateKey",
    "PublicKey",
    "Receipt",
    "Signature",
    "StateError",
    "Transaction",
    "World",
    "__version__",
    "channel",
    "core",
    "crypto",
    "fault",
    "gas_table",
    "keccak256",
    "l1",
    "plot",
    "presets",
    "recover",
    "recover_address",
    "rollup",
    "scenario",
    "scenarios",
    "sha256",
    "sim",
    "sweep",
    "validity",
]
