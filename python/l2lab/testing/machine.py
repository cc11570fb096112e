"""A ``RuleBasedStateMachine`` base that spends fewer Hypothesis choices per step.

Hypothesis 6.155 picks each rule of a state machine with swarm testing: a set of feature flags
per example and a filtered ``sampled_from`` over the rules whose every candidate costs one
more choice (the flag, re-recorded each time it is consulted) and whose rejected candidates
cost a redraw. On the channel machine Hypothesis records about 9 choices per step that way
(4.5 with this base; both counts include the engine's replays of the choice tree), of which
only the arguments and the "stop here" decision are the test's own, and its time per step
grows with the choices.

:class:`LeanStateMachine` keeps everything else of ``RuleBasedStateMachine`` (rules,
preconditions, initialize rules, invariants, teardown, the printed counterexample, shrinking)
and replaces only how a step's rule and arguments are drawn:

* swarm testing stays, as one integer per example: a bit mask of the rules switched off for
  that example (each rule off in about half the examples), which shrinks towards 0, every
  rule on;
* the rule is one integer: an index into the rules that are on and whose preconditions hold
  (when every rule that passes its preconditions is off, into all of those);
* an argument given as :func:`integers` or :func:`sampled_from` of this module is one integer
  drawn directly, without a strategy span of its own; any other strategy is drawn as usual;
* the initialize rules (when none has a precondition, bundle or target) are drawn by the same
  strategy, first, once each, in a drawn order, as Hypothesis does, without the strategies
  Hypothesis builds afresh for them in every example; invariants wait for them as usual.

The per-step decision whether to print an invariant (the final replay, debug verbosity,
observability) is made once per example.

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


def _arguments_plan(rule: Any) -> list[tuple[str, Any, bool]]:
    """(name, strategy, drawn directly?) for each argument of ``rule``."""
    return [(k, s, isinstance(s, (_Integers, _Sampled)))
            for k, s in rule.arguments_strategies.items()]


class _LeanRules(SearchStrategy):  # type: ignore[type-arg]
    """Draws (rule, arguments) for one step of ``machine``; see the module doc. The
    initialize rules not yet run come first (``inits``, shared with the machine)."""

    def __init__(self, machine: RuleBasedStateMachine, rules: list[Any],
                 inits: list[Any]) -> None:
        super().__init__()
        self.machine = machine
        self.rules = rules
        self.inits = inits
        self.top = (1 << len(rules)) - 1
        self.off = -1  # the example's swarm mask, drawn at the first step that needs it
        # per rule: its preconditions and its arguments
        self.plan = [(tuple(r.preconditions), _arguments_plan(r)) for r in rules]

    def __repr__(self) -> str:
        return f"_LeanRules({type(self.machine).__name__})"

    @staticmethod
    def _arguments(data: Any, plan: list[tuple[str, Any, bool]]) -> dict[str, Any]:
        arguments = {}
        for k, strat, direct in plan:
            if direct:
                v = data.draw_integer(strat.lo, strat.hi, weights=strat.weights)
                arguments[k] = strat.values[v] if isinstance(strat, _Sampled) else v
            else:
                arguments[k] = data.draw(strat)
        return arguments

    def do_draw(self, data: Any) -> tuple[Any, dict[str, Any]]:
        if self.inits:  # as Hypothesis: every initialize rule first, in a drawn order
            n = len(self.inits)
            rule = self.inits.pop(data.draw_integer(0, n - 1) if n > 1 else 0)
            return rule, self._arguments(data, _arguments_plan(rule))
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
        return self.rules[i], self._arguments(data, self.plan[i][1])


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


def _plain(rule: Any) -> bool:
    return not (getattr(rule, "bundles", ()) or getattr(rule, "targets", ())) and all(
        hasattr(rule, a) for a in ("preconditions", "arguments_strategies", "function"))


def _lean_rules_for(machine: RuleBasedStateMachine) -> _LeanRules | None:
    """The lean strategy for ``machine``, or None when its rules use bundles or this
    Hypothesis does not have the stateful internals the lean strategy relies on. Takes over
    the machine's initialize rules when none has a precondition, bundle or target."""
    default = getattr(machine, "_rules_strategy", None)
    rules = getattr(default, "rules", None)
    inits = getattr(machine, "_initialize_rules_to_run", None)
    if not isinstance(rules, list) or not rules or not isinstance(inits, list):
        return None
    if not all(_plain(r) for r in rules):
        return None
    if all(_plain(r) and not r.preconditions for r in inits):
        taken = list(inits)
        inits.clear()  # Hypothesis' loop now asks the lean strategy for every step
    else:
        taken = []
    return _LeanRules(machine, rules, taken)


class LeanStateMachine(RuleBasedStateMachine):
    """``RuleBasedStateMachine`` whose steps cost fewer Hypothesis choices (see the module doc);
    subclass it exactly like ``RuleBasedStateMachine``."""

    def __init__(self) -> None:
        super().__init__()
        lean = _lean_rules_for(self)
        # the initialize rules still to run: Hypothesis' list, or the lean strategy's
        self._lean_inits: list[Any] = self._initialize_rules_to_run
        if lean is not None:
            self._rules_strategy = lean  # type: ignore[assignment]
            self._lean_inits = lean.inits
        self._lean_quiet: bool | None = None

    def check_invariants(self, settings: Any, output: Any, runtimes: Any) -> None:
        # Hypothesis decides before every invariant of every step whether to print it (the
        # final replay, debug verbosity, observability), and comparing the verbosity costs
        # more than a cheap invariant. Those cannot change within an example, and a machine
        # lives for one example: decide once; when nothing is printed or observed, run the
        # invariants as Hypothesis would, without the per-step bookkeeping. Either way no
        # invariant runs (unless ``check_during_init``) while an initialize rule is pending.
        if self._lean_quiet is None:
            self._lean_quiet = _quiet(settings)
        pending = self._lean_inits
        if not self._lean_quiet:
            hypothesis_own = self._initialize_rules_to_run
            self._initialize_rules_to_run = pending
            try:
                super().check_invariants(settings, output, runtimes)
            finally:
                self._initialize_rules_to_run = hypothesis_own
            return
        for invar in self.invariants:
            if pending and not invar.check_during_init:
                continue
            if all(p(self) for p in invar.preconditions):
                invar.function(self)


def lean_rules_active(machine: RuleBasedStateMachine) -> bool:
    """Whether ``machine`` draws its steps with the lean strategy of this module."""
    return isinstance(getattr(machine, "_rules_strategy", None), _LeanRules)
