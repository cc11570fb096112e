"""``l2lab bench --suite``: Hypothesis examples per second of the channel state machine.

Operation ``hypothesis channel machine`` (examples per second; one example is one run of the
machine: its ``setup`` rule and up to 49 more, ``stateful_step_count=50``, then its teardown):

* ``hypothesis only`` (the baseline): a machine with the rules and argument strategies of
  :class:`~l2lab.testing.channel.ChannelMachine` whose bodies do nothing, i.e. what Hypothesis
  itself spends choosing and drawing 50 steps. The ratio of the ``l2lab`` row is the fraction of
  that ceiling the real machine reaches;
* ``l2lab``: :class:`~l2lab.testing.channel.ChannelMachine` itself (a 2-party channel on a World;
  pay, drop, crash/restart, offline, register stale, mine blocks, challenge; invariants after
  every step; the dispute settled at teardown).

Both run the same number of examples, generate phase only (derandomized, no example database,
nothing to shrink), in this process. Every example's steps are counted (an invariant that counts),
so the steps per example are measured, not assumed. :func:`hypothesis_report` sets the figure
against the issue's target of at least 100 examples per second with 50 steps each.
"""

from __future__ import annotations

import time
from typing import Any

from .bench import Row

OPERATION = "hypothesis channel machine"
STEPS = 50
TARGET_PER_SECOND = 100.0
ETHER = 10**18


def _machines() -> tuple[Any, Any]:
    """(the counting ChannelMachine, the counting empty twin); both count examples and steps
    in the class attributes ``examples`` and ``steps``."""
    from hypothesis import strategies as st
    from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

    from .testing.channel import ChannelMachine

    class CountedChannelMachine(ChannelMachine):
        examples = 0
        steps = 0

        def __init__(self) -> None:
            super().__init__()
            type(self).examples += 1

        @invariant()
        def count_step(self) -> None:
            type(self).steps += 1

    # The same rules with the same strategies as ChannelMachine (keep the two in step), and no
    # work in them: Hypothesis' own cost per example.
    class HypothesisOnly(RuleBasedStateMachine):
        examples = 0
        steps = 0

        def __init__(self) -> None:
            super().__init__()
            type(self).examples += 1

        @initialize(seed=st.integers(0, 2**32 - 1))
        def setup(self, seed: int) -> None:
            pass

        @rule(sender=st.integers(0, 63), to=st.integers(0, 63), amount=st.integers(0, 3 * ETHER))
        def pay(self, sender: int, amount: int, to: int = 0) -> None:
            pass

        @rule(blocks=st.integers(1, 3))
        def mine_blocks(self, blocks: int) -> None:
            pass

        @rule(p=st.floats(0.0, 0.5))
        def drop_messages(self, p: float) -> None:
            pass

        @rule(who=st.integers(0, 63), blocks=st.integers(0, 3))
        def crash_restart(self, who: int, blocks: int) -> None:
            pass

        @rule(who=st.integers(0, 63), blocks=st.integers(1, 4))
        def victim_offline(self, blocks: int, who: int = 0) -> None:
            pass

        @rule()
        def challenge(self) -> None:
            pass

        @rule()
        def register_stale(self) -> None:
            pass

        @invariant()
        def count_step(self) -> None:
            type(self).steps += 1

    return CountedChannelMachine, HypothesisOnly


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
    """The two rows (baseline first), best of a few interleaved runs each; empty without
    Hypothesis (a test dependency, not a runtime one)."""
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
            if label not in best or run[1] / run[0] > best[label][1] / best[label][0]:
                best[label] = run
    return [Row(OPERATION, label, count / seconds, source="suite",
                counters={"steps_per_example": steps, "examples": float(count)})
            for label, (seconds, count, steps) in best.items()]


def hypothesis_report(rows: list[Row]) -> str:
    """The section ``l2lab bench --suite`` prints: examples/s against the target and against
    Hypothesis' own ceiling; "" when the rows were not measured."""
    found = {r.implementation: r for r in rows if r.operation == OPERATION}
    if "l2lab" not in found:
        return ""
    r = found["l2lab"]
    steps = r.counters.get("steps_per_example", float("nan"))
    lines = [f"Hypothesis, channel state machine ({STEPS} steps per example, "
             f"{steps:.1f} measured on average):",
             f"  ChannelMachine {r.per_second:,.0f} examples/s = "
             f"{r.per_second / TARGET_PER_SECOND:.2f}x the target of "
             f"{TARGET_PER_SECOND:.0f}/s"]
    base = found.get("hypothesis only")
    if base is not None and base.per_second > 0:
        lines.append(f"  Hypothesis alone (same rules, empty bodies) {base.per_second:,.0f} "
                     f"examples/s: the machine reaches {r.per_second / base.per_second:.2f} of "
                     "that ceiling")
    return "\n".join(lines)

