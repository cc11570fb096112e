"""``l2lab bench --suite``: Hypothesis examples per second of the channel state machine.

Operation ``hypothesis channel machine``, in examples of 50 steps per second:

* ``hypothesis only`` (the baseline): a machine with the base class, rules, argument
  strategies and invariant of :class:`~l2lab.testing.channel.ChannelMachine` (built from its
  bases and the same ``RULE_ARGUMENTS``, so the two cannot drift apart; the base decides how
  a step is drawn, see :mod:`l2lab.testing.machine`) whose bodies do nothing, i.e. what
  Hypothesis itself spends choosing, drawing and checking 50 steps. The ratio of the ``l2lab``
  row is the fraction of that ceiling the real machine reaches;
* ``l2lab``: :class:`~l2lab.testing.channel.ChannelMachine` itself (a 2-party channel on a World;
  pay, drop, crash/restart, offline, register stale, mine blocks, challenge; its invariant after
  every step; the dispute settled at teardown).

Settings (what a user running ``ChannelMachine.TestCase`` with ``stateful_step_count=50``
gets, made reproducible): ``max_examples`` 200 (40 with ``--quick``), ``stateful_step_count=50``,
``deadline=None``, ``derandomize=True``, no example database, generate phase only (nothing
fails, so nothing would be shrunk), in this process; best of 3 interleaved runs.

How steps are counted: a step is one rule run (``setup`` included), counted by the calls of the
machine's ``check_invariants`` (Hypothesis calls it once before the first rule and once after
each rule; the first call of each example is not a step), with no extra invariant that would
itself cost time. An example is one run of the machine: up to 50 steps, then its teardown.
Hypothesis' generate phase also runs mutated copies of earlier examples, and a copy whose
"stop here" choice lands early ends short (49 steps on average with the lean machine base,
44 with Hypothesis' own rule strategy: measured, not assumed), so the figure reported against the issue's target (at least 100 examples per second
with 50 steps each) is the steps per second divided by 50: examples of 50 steps. The examples
per second as Hypothesis ran them and the mean steps per example are kept in the row's
counters and printed next to it.
"""

from __future__ import annotations

import time
from typing import Any

from .bench import Row

OPERATION = "hypothesis channel machine"
STEPS = 50
TARGET_PER_SECOND = 100.0


def _counting(base: Any) -> Any:
    """A subclass of the state machine ``base`` that counts its examples and steps in the class
    attributes ``examples`` and ``steps``."""

    class Counted(base):  # type: ignore[misc,valid-type]
        examples = 0
        steps = 0

        def __init__(self) -> None:
            super().__init__()
            type(self).examples += 1
            type(self).steps -= 1  # the check before the first rule is not a step

        def check_invariants(self, *args: Any, **kwargs: Any) -> None:
            type(self).steps += 1
            super().check_invariants(*args, **kwargs)

    Counted.__name__ = Counted.__qualname__ = f"Counted{base.__name__}"
    return Counted


def _machines() -> tuple[Any, Any]:
    """(the counting ChannelMachine, the counting empty twin); both count examples and steps
    in the class attributes ``examples`` and ``steps``."""
    from hypothesis.stateful import initialize, invariant, rule

    from .testing.channel import RULE_ARGUMENTS, ChannelMachine

    def empty(name: str) -> Any:
        def body(self: Any, **_: Any) -> None:
            pass

        body.__name__ = body.__qualname__ = name
        return body

    # The same rules with the same strategies as ChannelMachine and one invariant, no work in
    # them: Hypothesis' own cost per example.
    namespace: dict[str, Any] = {
        name: (initialize if name == "setup" else rule)(**args)(empty(name))
        for name, args in RULE_ARGUMENTS.items()}
    namespace["no_violations"] = invariant()(empty("no_violations"))
    # The same base class too (ChannelMachine's: how a step's rule and arguments are drawn).
    hypothesis_only = type("HypothesisOnly", ChannelMachine.__bases__, namespace)
    return _counting(ChannelMachine), _counting(hypothesis_only)


def measure(machine: Any, examples: int) -> tuple[float, int, float]:
    """Run ``machine`` (a counting machine from :func:`_machines`) for ``examples`` examples of
    up to :data:`STEPS` steps; (seconds, examples run, mean steps per example). Examples that
    Hypothesis discards still ran and are counted."""
    from hypothesis import HealthCheck, Phase, settings
    from hypothesis.stateful import run_state_machine_as_test

    if isinstance(examples, bool) or not isinstance(examples, int) or examples < 1:
        raise ValueError(f"examples must be a positive int, got {examples!r}")
    machine.examples = machine.steps = 0
    config = settings(max_examples=examples, stateful_step_count=STEPS, deadline=None,
                      derandomize=True, database=None, phases=[Phase.generate],
                      suppress_health_check=list(HealthCheck))
    t0 = time.perf_counter()
    run_state_machine_as_test(machine, settings=config)
    seconds = time.perf_counter() - t0
    return seconds, machine.examples, machine.steps / max(1, machine.examples)


def hypothesis_rows(quick: bool = False) -> list[Row]:
    """The two rows (baseline first), best of a few interleaved runs each, in examples of
    :data:`STEPS` steps per second; empty without Hypothesis (a test dependency, not a runtime
    one)."""
    try:
        real, empty = _machines()
    except ImportError:
        return []
    examples, repeats = (40, 1) if quick else (200, 3)
    machines = {"hypothesis only": empty, "l2lab": real}
    best: dict[str, tuple[float, int, float]] = {}
    for _ in range(repeats):  # interleaved, so a busy spell on a shared machine hits both
        for label, machine in machines.items():
            run = measure(machine, examples)
            if label not in best or run[1] * run[2] / run[0] > (
                    best[label][1] * best[label][2] / best[label][0]):
                best[label] = run
    return [Row(OPERATION, label, count * steps / seconds / STEPS, source="suite",
                counters={"steps_per_example": steps, "examples": float(count),
                          "examples_per_second": count / seconds})
            for label, (seconds, count, steps) in best.items()]


def hypothesis_report(rows: list[Row]) -> str:
    """The section ``l2lab bench --suite`` prints: examples/s against the target and against
    Hypothesis' own ceiling; "" when the rows were not measured."""
    found = {r.implementation: r for r in rows if r.operation == OPERATION}
    if "l2lab" not in found:
        return ""
    r = found["l2lab"]
    steps = r.counters.get("steps_per_example", float("nan"))
    ran = r.counters.get("examples_per_second", float("nan"))
    lines = [f"Hypothesis, channel state machine, examples of {STEPS} steps (steps/s "
             f"/ {STEPS}):",
             f"  ChannelMachine {r.per_second:,.0f} examples/s = "
             f"{r.per_second / TARGET_PER_SECOND:.2f}x the target of "
             f"{TARGET_PER_SECOND:.0f}/s",
             f"    (as run: {ran:,.0f} examples/s of {steps:.1f} steps on average)"]
    base = found.get("hypothesis only")
    if base is not None and base.per_second > 0:
        lines += [f"  Hypothesis alone (same rules and invariant, empty bodies) "
                  f"{base.per_second:,.0f} examples/s:",
                  f"    the machine reaches {r.per_second / base.per_second:.2f} of that ceiling"]
    return "\n".join(lines)
