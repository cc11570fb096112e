"""A ``RuleBasedStateMachine`` base that spends fewer Hypothesis choices per step.

Hypothesis 6.155 picks each rule of a state machine with swarm testing: a set of feature flags
per example and a filtered ``sampled_from`` over the rules whose every candidate costs one
more choice (the flag, re-recorded each time it is consulted) and whose rejected candidates
cost a redraw. On the channel machine that is about 9 choices per step, 3 to 4 of them
arguments and the "stop here" decision, and Hypothesis' time per step grows with the choices.

:class:`LeanStateMachine` keeps everything else of ``RuleBasedStateMachine`` (rules,
preconditions, initialize rules, invariants, teardown, the printed counterexample, shrinking)
and replaces only how a step's rule and arguments are drawn:

* swarm testing stays, as one integer per example: a bit mask of the rules switched off for
  that example (each rule off with probability 1/2), which shrinks towards 0, every rule on;
* the rule is one integer: an index into the rules that are on and whose preconditions hold
  (when every rule that passes its preconditions is off, into all of those);
* an argument given as :func:`integers` or :func:`sampled_from` of this module is one integer
  drawn directly, without a strategy span of its own; any other strategy is drawn as usual.

A machine with :class:`~hypothesis.stateful.Bundle` arguments, or a Hypothesis whose stateful
internals differ from what this relies on, keeps Hypothesis' own rule strategy
(:func:`lean_rules_active` tells which one a machine uses).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hypothesis.stateful import RuleBasedStateMachine
from hypothesis.strategies import SearchStrategy


class _Integers(SearchStrategy):  # type: ignore[type-arg]
    """Integers in [lo, hi] as one choice, with the bounds and near-bounds made more likely
    over wide ranges as Hypothesis' own ``integers`` does."""

    def __init__(self, lo: int, hi: int) -> None:
        super().__init__()
        self.lo, self.hi = lo, hi
        self.weights = ({lo: 2 / 128, lo + 1: 1 / 128, hi - 1: 1 / 128, hi: 2 / 128}
                        if hi - lo > 127 else None)

    def __repr__(self) -> str:
        return f"integers({self.lo}, {self.hi})"

    def do_draw(self, data: Any) -> int:
        return int(data.draw_integer(self.lo, self.hi, weights=self.weights))


class _Sampled(SearchStrategy):  # type: ignore[type-arg]
    """One of ``values`` (shrinking towards the first) as one integer choice."""

    def __init__(self, values: Sequence[Any]) -> None:
        super().__init__()
        self.values = tuple(values)
        self.lo, self.hi, self.weights = 0, len(self.values) - 1, None

    def __repr__(self) -> str:
        return f"sampled_from({self.values!r})"

    def do_draw(self, data: Any) -> Any:
        return self.values[data.draw_integer(0, self.hi)]


def integers(lo: int, hi: int) -> SearchStrategy[int]:
    """``st.integers(lo, hi)`` for a rule argument, drawn as one choice by a lean machine."""
    for name, v in (("lo", lo), ("hi", hi)):
        if isinstance(v, bool) or not isinstance(v, int):
            raise TypeError(f"integers({name}=...) must be an int, got {type(v).__name__}")
    if lo > hi:
        raise ValueError(f"integers(lo={lo}, hi={hi}): lo must not exceed hi")
    return _Integers(lo, hi)


def sampled_from(values: Sequence[Any]) -> SearchStrategy[Any]:
    """``st.sampled_from(values)`` for a rule argument, drawn as one choice by a lean machine."""
    values = tuple(values)
    if not values:
        raise ValueError("sampled_from() needs at least one value")
    return _Sampled(values)


class _LeanRules(SearchStrategy):  # type: ignore[type-arg]
    """Draws (rule, arguments) for one step of ``machine``; see the module doc."""

    def __init__(self, machine: RuleBasedStateMachine, rules: list[Any]) -> None:
        super().__init__()
        self.machine = machine
        self.rules = rules
        self.top = (1 << len(rules)) - 1
        self.off = -1  # the example's swarm mask, drawn at the first step that needs it
        # per rule: its preconditions and its arguments (name, strategy, direct?)
        self.plan = [(tuple(r.preconditions),
                      [(k, s, isinstance(s, (_Integers, _Sampled)))
                       for k, s in r.arguments_strategies.items()]) for r in rules]

    def __repr__(self) -> str:
        return f"_LeanRules({type(self.machine).__name__})"

    def do_draw(self, data: Any) -> tuple[Any, dict[str, Any]]:
        if self.off < 0:
            self.off = data.draw_integer(0, self.top)
        m, off = self.machine, self.off
        valid = [i for i, (pre, _) in enumerate(self.plan) if all(p(m) for p in pre)]
        if not valid:
            names = ", ".join(r.function.__name__ for r in self.rules)
            raise _invalid_definition(
                f"No progress can be made from state {m!r}, because no available rule had a "
                f"True precondition. rules: {names}")
        on = [i for i in valid if not (off >> i) & 1] or valid
        i = on[data.draw_integer(0, len(on) - 1)] if len(on) > 1 else on[0]
        arguments = {}
        for k, strat, direct in self.plan[i][1]:
            if direct:
                v = data.draw_integer(strat.lo, strat.hi, weights=strat.weights)
                arguments[k] = strat.values[v] if isinstance(strat, _Sampled) else v
            else:
                arguments[k] = data.draw(strat)
        return self.rules[i], arguments


def _quiet(settings: Any) -> bool:
    """True when Hypothesis neither prints nor observes this example's steps."""
    try:
        from hypothesis import Verbosity
        from hypothesis.control import current_build_context
        from hypothesis.internal.observability import observability_enabled
        return not (current_build_context().is_final or settings.verbosity >= Verbosity.debug
                    or observability_enabled())
    except (ImportError, AttributeError):  # another Hypothesis: its own bookkeeping
        return False


def _invalid_definition(msg: str) -> Exception:
    from hypothesis.errors import InvalidDefinition
    return InvalidDefinition(msg)


def _lean_rules_for(machine: RuleBasedStateMachine) -> _LeanRules | None:
    """The lean strategy for ``machine``, or None when its rules use bundles or this
    Hypothesis does not have the stateful internals the lean strategy relies on."""
    default = getattr(machine, "_rules_strategy", None)
    rules = getattr(default, "rules", None)
    if not isinstance(rules, list) or not rules:
        return None
    for r in rules:
        if getattr(r, "bundles", ()) or getattr(r, "targets", ()) or not all(
                hasattr(r, a) for a in ("preconditions", "arguments_strategies", "function")):
            return None
    return _LeanRules(machine, rules)


class LeanStateMachine(RuleBasedStateMachine):
    """``RuleBasedStateMachine`` whose steps cost fewer Hypothesis choices (see the module doc);
    subclass it exactly like ``RuleBasedStateMachine``."""

    def __init__(self) -> None:
        super().__init__()
        lean = _lean_rules_for(self)
        if lean is not None:
            self._rules_strategy = lean
        self._lean_quiet: bool | None = None

    def check_invariants(self, settings: Any, output: Any, runtimes: Any) -> None:
        # Hypothesis decides before every invariant of every step whether to print it (the
        # final replay, debug verbosity, observability), and comparing the verbosity costs
        # more than a cheap invariant. Those cannot change within an example, and a machine
        # lives for one example: decide once; when nothing is printed or observed, run the
        # invariants as Hypothesis would, without the per-step bookkeeping.
        if self._lean_quiet is None:
            self._lean_quiet = _quiet(settings)
        if not self._lean_quiet:
            super().check_invariants(settings, output, runtimes)
            return
        for invar in self.invariants:
            if self._initialize_rules_to_run and not invar.check_during_init:
                continue
            if all(p(self) for p in invar.preconditions):
                invar.function(self)


def lean_rules_active(machine: RuleBasedStateMachine) -> bool:
    """Whether ``machine`` draws its steps with the lean strategy of this module."""
    return isinstance(getattr(machine, "_rules_strategy", None), _LeanRules)
