"""l2lab.testing.machine: the RuleBasedStateMachine base that draws each step with fewer
Hypothesis choices. It must keep what RuleBasedStateMachine promises (preconditions, swarm
testing, invariants, shrinking to a readable sequence) and cost fewer choices per step."""

from __future__ import annotations

import collections

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidDefinition
from hypothesis.internal.conjecture import data as conjecture_data
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from l2lab.testing import machine as lean
from l2lab.testing.channel import ChannelMachine

QUICK = settings(max_examples=60, stateful_step_count=20, deadline=None, derandomize=True,
                 database=None, suppress_health_check=list(HealthCheck))


def _rules_machine(base: type) -> type:
    """Five rules (one with two arguments, one guarded) that record what ran."""

    class Recorder(base):  # type: ignore[misc,valid-type]
        runs: list[list[tuple[str, dict]]] = []

        def __init__(self) -> None:
            super().__init__()
            self.seen: list[tuple[str, dict]] = []
            type(self).runs.append(self.seen)
            self.armed = False

        @rule(k=lean.integers(0, 9))
        def a(self, k: int) -> None:
            assert 0 <= k <= 9
            self.seen.append(("a", {"k": k}))

        @rule(who=lean.integers(0, 63), p=lean.sampled_from((0.0, 0.25, 0.5)))
        def b(self, who: int, p: float) -> None:
            assert 0 <= who <= 63 and p in (0.0, 0.25, 0.5)
            self.seen.append(("b", {"who": who, "p": p}))

        @rule(x=st.integers(-5, 5))  # an ordinary strategy: drawn as usual
        def c(self, x: int) -> None:
            assert -5 <= x <= 5
            self.seen.append(("c", {"x": x}))

        @rule()
        def arm(self) -> None:
            self.armed = True
            self.seen.append(("arm", {}))

        @precondition(lambda self: self.armed)
        @rule()
        def fire(self) -> None:
            assert self.armed, "a rule ran although its precondition was false"
            self.seen.append(("fire", {}))

    return Recorder


def _choices_per_step(machine: type, monkeypatch: pytest.MonkeyPatch) -> float:
    counts = collections.Counter()
    original = conjecture_data.ConjectureData._draw

    def counting(self, choice_type, constraints, *, observe=True, forced=None):  # type: ignore
        counts["choices"] += 1
        return original(self, choice_type, constraints, observe=observe, forced=forced)

    class Counted(machine):  # type: ignore[misc,valid-type]
        def check_invariants(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            counts["steps"] += 1  # once before the first rule, then once after each
            super().check_invariants(*args, **kwargs)

    monkeypatch.setattr(conjecture_data.ConjectureData, "_draw", counting)
    run_state_machine_as_test(Counted, settings=settings(QUICK, phases=[Phase.generate]))
    return counts["choices"] / counts["steps"]


def test_the_channel_machine_draws_its_steps_with_the_lean_strategy() -> None:
    # Fails when a Hypothesis upgrade changes the stateful internals the lean strategy relies
    # on (it then falls back to Hypothesis' own, correct but costlier strategy).
    assert lean.lean_rules_active(ChannelMachine())
    assert issubclass(ChannelMachine, RuleBasedStateMachine)


def test_lean_steps_cost_fewer_choices_than_hypothesis_own(
        monkeypatch: pytest.MonkeyPatch) -> None:
    mine = _choices_per_step(_rules_machine(lean.LeanStateMachine), monkeypatch)
    theirs = _choices_per_step(_rules_machine(RuleBasedStateMachine), monkeypatch)
    # Per step: the stop decision, the rule (none when one rule is left), its arguments (0 to
    # 2, about 1 on average), and the swarm mask once per example; measured 3.6. Hypothesis'
    # own strategy adds the feature flags and redraws of rules that are off: measured 9.6.
    assert mine < 4, mine
    assert theirs > mine + 4, (theirs, mine)


def test_preconditions_arguments_and_swarm_testing() -> None:
    m = _rules_machine(lean.LeanStateMachine)
    m.runs = []
    run_state_machine_as_test(m, settings=settings(QUICK, max_examples=100))
    runs = [r for r in m.runs if len(r) >= 10]
    assert len(runs) >= 50
    every = {name for r in runs for name, _ in r}
    assert every == {"a", "b", "c", "arm", "fire"}, every
    # Swarm testing: many long examples leave out a rule that was always available (without
    # it, about 1 in 100 examples of 10 steps or more would) ...
    assert sum("a" not in {name for name, _ in r} for r in runs) >= len(runs) / 5
    # ... and some use all of them.
    assert any({name for name, _ in r} == every for r in runs)
    # The arguments take more than their shrink target.
    assert len({args["k"] for r in runs for name, args in r if name == "a"}) >= 5
    assert {args["p"] for r in runs for name, args in r if name == "b"} == {0.0, 0.25, 0.5}


class _Counter(lean.LeanStateMachine):
    """A bug: the total may pass 20 once reset is armed off."""

    def __init__(self) -> None:
        super().__init__()
        self.total = 0

    @initialize(start=lean.integers(0, 3))
    def setup(self, start: int) -> None:
        self.total = start

    @rule(n=lean.integers(0, 10))
    def add(self, n: int) -> None:
        self.total += n

    @rule()
    def halve(self) -> None:
        self.total //= 2

    @invariant()
    def small(self) -> None:
        assert self.total < 20, f"total {self.total}"


def test_failure_is_shrunk_and_printed_with_rule_names_and_arguments() -> None:
    with pytest.raises(AssertionError, match="total 20") as info:
        run_state_machine_as_test(_Counter, settings=settings(
            QUICK, max_examples=200, phases=[p for p in Phase if p is not Phase.explain]))
    notes = getattr(info.value, "__notes__", [])
    steps = [n for n in notes if n.startswith("state.") and n != "state.small()"]
    assert steps == ["state.setup(start=0)", "state.add(n=10)", "state.add(n=10)",
                     "state.teardown()"], notes


class _GuardedInvariant(lean.LeanStateMachine):
    limit = 5

    def __init__(self) -> None:
        super().__init__()
        self.n = 0
        self.checked_at: list[int] = []

    @rule()
    def step(self) -> None:
        self.n += 1

    @precondition(lambda self: self.n >= 3)
    @invariant()
    def late(self) -> None:
        self.checked_at.append(self.n)
        assert self.n < self.limit, f"n reached {self.limit}"

    def teardown(self) -> None:
        # once after every step from the third on, never before
        assert self.checked_at == list(range(3, self.n + 1)), (self.n, self.checked_at)


def test_invariants_run_after_every_step_with_their_preconditions() -> None:
    with pytest.raises(AssertionError, match="n reached 5"):
        run_state_machine_as_test(_GuardedInvariant, settings=QUICK)

    class Holds(_GuardedInvariant):
        limit = 10**6

    run_state_machine_as_test(Holds, settings=QUICK)


class _TwoInits(lean.LeanStateMachine):
    orders: list[tuple[str, ...]] = []

    def __init__(self) -> None:
        super().__init__()
        self.done: list[str] = []
        self.steps = 0
        type(self).orders.append(())

    @initialize(x=lean.integers(0, 5))
    def first(self, x: int) -> None:
        self.done.append("first")

    @initialize()
    def second(self) -> None:
        self.done.append("second")

    @rule()
    def step(self) -> None:
        assert sorted(self.done) == ["first", "second"], "a rule ran before the initializers"
        self.steps += 1

    @invariant()
    def ready(self) -> None:
        assert sorted(self.done) == ["first", "second"], "an invariant ran during the set-up"
        type(self).orders[-1] = tuple(self.done)


def test_initialize_rules_run_first_once_each_in_drawn_orders() -> None:
    assert lean.lean_rules_active(_TwoInits())
    _TwoInits.orders = []
    run_state_machine_as_test(_TwoInits, settings=QUICK)
    orders = {o for o in _TwoInits.orders if o}
    assert orders == {("first", "second"), ("second", "first")}, orders


def test_no_valid_rule_is_an_invalid_definition() -> None:
    class Stuck(lean.LeanStateMachine):
        @precondition(lambda self: False)
        @rule()
        def never(self) -> None:
            pass

    with pytest.raises(InvalidDefinition, match="no available rule had a True precondition"):
        run_state_machine_as_test(Stuck, settings=QUICK)


def test_a_machine_with_bundles_keeps_hypothesis_own_strategy() -> None:
    class WithBundle(lean.LeanStateMachine):
        things = Bundle("things")

        @rule(target=things, x=st.integers(0, 3))
        def make(self, x: int) -> int:
            return x

        @rule(t=things)
        def use(self, t: int) -> None:
            assert 0 <= t <= 3

    assert not lean.lean_rules_active(WithBundle())
    run_state_machine_as_test(WithBundle, settings=QUICK)


def test_argument_strategies_reject_bad_input() -> None:
    with pytest.raises(ValueError, match="lo must not exceed hi"):
        lean.integers(3, 2)
    with pytest.raises(TypeError, match="must be an int"):
        lean.integers(0, 2.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at least one value"):
        lean.sampled_from([])
