"""Scenarios: named, parameterised, seeded runs on a World with invariant checks.

A scenario subclasses :class:`Scenario`, declares its parameters, and writes ``body(ctx)``: it
builds what it needs on ``ctx.world``, narrates with ``ctx.step``, records invariants with
``ctx.check`` and figures with ``ctx.metric``; ``ctx.keep`` hands a live object (a rollup, a
channel) to the caller as ``Result.kept``. ``Scenario.run(seed=..., **params)`` returns a
:class:`Result`.

``Result.ok`` is True when the run behaved as the protocol promises under the scenario's
assumptions. A loss that the scenario provoked by deliberately violating an assumption (say, a
victim offline past the challenge period with no watchtower) is recorded with
``assumption_violated=True``: it does not make the run fail, but it is always reported, labelled
"assumption violated" — never silently passed.

Example::

    from l2lab.scenario import Param, Scenario, register

    @register
    class Transfers(Scenario):
        name = "l1.transfers"
        description = "n transfers arrive and are all included"
        tags = {"area": "l1", "adversary": "none", "harness": "SC"}
        params = {"n": Param(10, "transfers to send", minimum=1)}

        def body(self, ctx):
            a, b = ctx.world.new_account(balance=10**20), ctx.world.new_account()
            for _ in range(ctx.params["n"]):
                ctx.world.transfer(a, b, 1)
            ctx.world.mine(1)
            ctx.check("all included", ctx.world.chain.balance(b.address) == ctx.params["n"])
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar, TypeVar

from . import World

T = TypeVar("T")


@dataclass(frozen=True)
class Param:
    """A declared scenario parameter: default, doc and optional bounds or choices."""

    default: Any
    doc: str = ""
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[Any, ...] | None = None

    def validate(self, name: str, value: Any) -> Any:
        """Return ``value`` converted to the default's type, or raise TypeError/ValueError."""
        kind = type(self.default)
        if isinstance(self.default, bool):
            if not isinstance(value, bool):
                raise TypeError(f"parameter {name!r} must be a bool, got {type(value).__name__}")
        elif isinstance(self.default, int):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"parameter {name!r} must be an int, got {type(value).__name__}")
        elif isinstance(self.default, float):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"parameter {name!r} must be a number, got {type(value).__name__}")
            value = float(value)
        elif self.default is not None and not isinstance(value, kind):
            raise TypeError(
                f"parameter {name!r} must be {kind.__name__}, got {type(value).__name__}"
            )
        if self.choices is not None and value not in self.choices:
            raise ValueError(f"parameter {name!r} must be one of {list(self.choices)}, got {value!r}")
        if self.minimum is not None and value < self.minimum:
            raise ValueError(f"parameter {name!r} must be >= {self.minimum}, got {value!r}")
        if self.maximum is not None and value > self.maximum:
            raise ValueError(f"parameter {name!r} must be <= {self.maximum}, got {value!r}")
        return value

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"default": self.default, "type": type(self.default).__name__}
        if self.doc:
            out["doc"] = self.doc
        for key in ("minimum", "maximum", "choices"):
            v = getattr(self, key)
            if v is not None:
                out[key] = list(v) if key == "choices" else v
        return out


@dataclass
class InvariantResult:
    """Outcome of one invariant check in a run."""

    name: str
    held: bool
    detail: str = ""
    assumption_violated: bool = False

    @property
    def label(self) -> str:
        if self.held:
            return "held"
        return "assumption violated" if self.assumption_violated else "FAILED"


@dataclass
class Result:
    """What a scenario run produced. ``ok``: see the module docstring."""

    scenario: str
    seed: int
    params: dict[str, Any]
    invariants: list[InvariantResult]
    metrics: dict[str, float | int]
    steps: list[str]
    trace_digest: str
    version: str
    seconds: float
    error: str = ""
    tags: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        #: Live objects the body kept with ``Context.keep`` (a rollup, a channel, a player), for
        #: inspection in this process only: not a dataclass field, so never in ``to_dict()``,
        #: reports, databases or pickles.
        self.kept: dict[str, Any] = {}

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("kept", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.kept = {}

    @property
    def ok(self) -> bool:
        if self.error:
            return False
        return all(i.held or i.assumption_violated for i in self.invariants)

    @property
    def outcome(self) -> str:
        """"ok", "loss reported (assumption violated)", "invariant failed" or "error"."""
        if self.error:
            return "error"
        if not self.ok:
            return "invariant failed"
        if any(not i.held for i in self.invariants):
            return "loss reported (assumption violated)"
        return "ok"

    def story(self) -> str:
        """The narrated steps and the invariant outcomes, as a failing run should read."""
        lines = [f"{self.scenario} seed={self.seed} params={self.params}"]
        lines += [f"  {i + 1:>3}. {s}" for i, s in enumerate(self.steps)]
        lines += [f"  [{inv.label}] {inv.name}{': ' + inv.detail if inv.detail else ''}"
                  for inv in self.invariants]
        if self.error:
            lines.append(f"  error: {self.error}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["ok"] = self.ok
        d["outcome"] = self.outcome
        return d

    def to_dataframe(self) -> Any:
        """One row per invariant with the run's params and metrics as columns (pandas)."""
        import pandas as pd

        rows = []
        for inv in self.invariants or [InvariantResult("(none)", True)]:
            row: dict[str, Any] = {"scenario": self.scenario, "seed": self.seed,
                                   "outcome": self.outcome, "invariant": inv.name,
                                   "invariant_outcome": inv.label, "detail": inv.detail}
            row.update({f"param.{k}": v for k, v in self.params.items()})
            row.update({f"metric.{k}": v for k, v in self.metrics.items()})
            rows.append(row)
        return pd.DataFrame(rows)

    def _repr_html_(self) -> str:
        colour = {"ok": "#1a7f37", "invariant failed": "#cf222e", "error": "#cf222e"}.get(
            self.outcome, "#9a6700")
        inv_rows = "".join(
            f"<tr><td>{html.escape(i.name)}</td><td>{i.label}</td>"
            f"<td>{html.escape(i.detail)}</td></tr>" for i in self.invariants)
        met_rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{v:,}</td></tr>"
                           if isinstance(v, int) else
                           f"<tr><td>{html.escape(k)}</td><td>{v:.6g}</td></tr>"
                           for k, v in self.metrics.items())
        return (f"<div><b>{html.escape(self.scenario)}</b> seed={self.seed} "
                f"<span style='color:{colour}'>{self.outcome}</span>"
                f"<table><tr><th>invariant</th><th>outcome</th><th>detail</th></tr>{inv_rows}"
                f"</table><table><tr><th>metric</th><th>value</th></tr>{met_rows}</table></div>")

    def __repr__(self) -> str:
        return (f"Result({self.scenario!r}, seed={self.seed}, outcome={self.outcome!r}, "
                f"invariants={len(self.invariants)}, metrics={len(self.metrics)})")


class Context:
    """What ``Scenario.body`` works with: the world, the parameters, narration and checks."""

    def __init__(self, world: World, params: dict[str, Any], seed: int,
                 log: Callable[[str], None] | None = None) -> None:
        self.world = world
        self.params = params
        self.seed = seed
        self.steps: list[str] = []
        self.invariants: list[InvariantResult] = []
        self.metrics: dict[str, float | int] = {}
        self.kept: dict[str, Any] = {}
        self._log = log

    def step(self, text: str) -> None:
        """Narrate what the scenario does next (prefixed with the block number)."""
        line = f"[block {self.world.block_number}] {text}"
        self.steps.append(line)
        if self._log is not None:
            self._log(line)

    def check(self, name: str, held: bool, detail: str = "",
              assumption_violated: bool = False) -> bool:
        """Record an invariant. ``assumption_violated=True`` marks a failure the scenario
        provoked on purpose by breaking the protocol's security assumption."""
        self.invariants.append(InvariantResult(name, bool(held), detail, assumption_violated))
        return bool(held)

    def metric(self, name: str, value: float | int) -> None:
        self.metrics[name] = value

    def keep(self, name: str, obj: T) -> T:
        """Keep a live object of the run (a rollup, a channel, a player) under ``name`` so the
        caller can inspect it afterwards as ``Result.kept[name]`` (e.g. plot a dispute game from
        a notebook). Kept objects stay in this process: they are not serialised, reported or
        sent back from worker processes. Returns ``obj``. TypeError/ValueError for a name that
        is not a non-empty str."""
        if not isinstance(name, str):
            raise TypeError(f"keep: name must be a str, got {type(name).__name__}")
        if not name:
            raise ValueError("keep: name must not be empty")
        self.kept[name] = obj
        return obj


class Scenario:
    """Base class of every scenario; see the module docstring."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    tags: ClassVar[dict[str, str]] = {}
    params: ClassVar[dict[str, Param]] = {}

    def make_world(self, seed: int, params: dict[str, Any]) -> World:
        """The World the body runs on. Override to configure the chain or network."""
        return World(seed=seed)

    def body(self, ctx: Context) -> None:
        raise NotImplementedError(f"{type(self).__name__}.body")

    @classmethod
    def resolve_params(cls, overrides: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(overrides) - set(cls.params))
        if unknown:
            raise TypeError(f"{cls.name}: unknown parameter(s) {unknown}; "
                            f"known: {sorted(cls.params)}")
        return {k: (p.validate(k, overrides[k]) if k in overrides else p.default)
                for k, p in cls.params.items()}

    @classmethod
    def schema(cls) -> dict[str, Any]:
        return {k: p.schema() for k, p in cls.params.items()}

    @classmethod
    def cost(cls, params: dict[str, Any]) -> float:
        """Relative cost of a run with these (resolved) parameters, a non-negative number: only
        ratios between points matter. Sweeps on a pool or a cluster hand out the most costly
        points first, so the workers run out of work together instead of one finishing the
        largest point alone (longest-first scheduling). Override it where a parameter sets the
        size of a run; the default (every point costs the same) keeps the grid's order."""
        return 1.0

    @classmethod
    def run(cls, seed: int = 0, *, log: Callable[[str], None] | None = None,
            **params: Any) -> Result:
        """Run once. Invalid parameters raise TypeError/ValueError before anything runs; an
        exception inside the body is recorded in ``Result.error`` (the run is not ok)."""
        from . import __version__

        if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
            raise ValueError(f"seed must be a non-negative int, got {seed!r}")
        resolved = cls.resolve_params(params)
        self = cls()
        t0 = time.perf_counter()
        world = self.make_world(seed, resolved)
        ctx = Context(world, resolved, seed, log)
        error = ""
        try:
            self.body(ctx)
        except Exception as exc:  # recorded, the run reads as a story up to here
            error = f"{type(exc).__name__}: {exc}"
        result = Result(
            scenario=cls.name, seed=seed, params=resolved, invariants=ctx.invariants,
            metrics=ctx.metrics, steps=ctx.steps, trace_digest=world.trace_digest().hex(),
            version=__version__, seconds=time.perf_counter() - t0, error=error,
            tags=dict(cls.tags))
        result.kept = ctx.kept
        return result


_REGISTRY: dict[str, type[Scenario]] = {}
S = TypeVar("S", bound=type[Scenario])


def register(cls: S) -> S:
    """Class decorator: add a Scenario subclass to ``l2lab.scenarios`` under ``cls.name``."""
    if not cls.name:
        raise ValueError(f"{cls.__name__} has no name")
    existing = _REGISTRY.get(cls.name)
    if existing is not None and existing is not cls:
        raise ValueError(f"scenario name {cls.name!r} is already registered by {existing!r}")
    _REGISTRY[cls.name] = cls
    return cls


def get(name: str) -> type[Scenario]:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"no scenario {name!r}; known: {sorted(_REGISTRY)}") from None


def names() -> list[str]:
    return sorted(_REGISTRY)


def all_scenarios() -> Iterator[type[Scenario]]:
    for n in names():
        yield _REGISTRY[n]


def import_scenarios(spec: str) -> list[str]:
    """Import a module of your own scenarios so its ``@register`` classes join the registry (what
    ``l2lab run/list/sweep --import`` does) and return the names it added, sorted.

    ``spec``: a module name importable from ``sys.path`` (``my_lab.scenarios``) or the path of a
    ``.py`` file, whose folder is then put first on ``sys.path`` and which is imported under its
    file name, so that worker processes can import it too. Raises FileNotFoundError for a missing
    file, ValueError for a path that is not a ``.py`` file or a file whose name is not a module
    name, ImportError when the module cannot be found, and whatever the module itself raises."""
    import importlib
    import re
    import sys
    from pathlib import Path

    if not isinstance(spec, str):
        raise TypeError(f"spec must be a module name or a .py path (str), got {type(spec).__name__}")
    before = set(_REGISTRY)
    looks_like_path = spec.endswith(".py") or "/" in spec or "\\" in spec
    if looks_like_path:
        path = Path(spec).expanduser()
        if not path.is_file():
            raise FileNotFoundError(f"no scenario file {spec!r}")
        if path.suffix != ".py" or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", path.stem):
            raise ValueError(f"{spec!r} is not a .py file with a module-like name "
                             "(letters, digits, _)")
        folder = str(path.resolve().parent)
        if folder not in sys.path:
            sys.path.insert(0, folder)
        module = path.stem
    else:
        module = spec
    importlib.import_module(module)
    return sorted(set(_REGISTRY) - before)
