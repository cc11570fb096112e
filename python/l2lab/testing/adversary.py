"""Run an adversary schedule (see :func:`l2lab.testing.strategies.adversary_schedules`) against
a 2-party channel whose party 0 is a :class:`l2lab.channel.StaleRegistrar` and party 1 the
victim, then settle and check the channel's safety properties.

The schedule stays inside the protocol's security assumption (the victim is never offline for
``challenge_period - 2`` blocks or more, crashed parties restart from a durable store), so any
violation :func:`settle` reports is a bug in the code under test, not a legitimate loss.

>>> import l2lab, l2lab.channel as ch
>>> from l2lab.testing.adversary import run_schedule, settle
>>> from l2lab.testing.channel import build_channel
>>> from l2lab.testing.strategies import ScheduleStep
>>> c = build_channel(l2lab.World(seed=1), kinds=[ch.StaleRegistrar, ch.Party], durable=True,
...                   challenge_period=6)
>>> log = run_schedule(c, [ScheduleStep(0, "pay", 40), ScheduleStep(2, "register_stale")])
>>> settle(c)
[]
"""

from __future__ import annotations

from collections.abc import Sequence
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule

from .. import World
from .. import channel as ch
from ..sim import LinkConfig
from .channel import ETHER, Channel, build_channel
from .strategies import CHANNEL_ACTIONS, ScheduleStep


class _Run:
    """What a schedule run remembers between steps (the cheater registers once)."""

    def __init__(self) -> None:
        self.cheated = False


def apply_step(c: Channel, action: str, arg: int = 0, run: _Run | None = None) -> str:
    """Do one action of the vocabulary now (see :func:`run_schedule` for what each does) and
    return its narration. ValueError for an unknown action."""
    if action not in CHANNEL_ACTIONS:
        raise ValueError(f"unknown action {action!r}; known: {list(CHANNEL_ACTIONS)}")
    run = run if run is not None else _Run()
    w = c.world
    cheater, victim = c.parties[0], c.parties[1]
    period = c.params.challenge_period
    status = c.record().status
    if action == "pay" and status == "open":
        payer = c.parties[arg % 2]
        if not payer.crashed:
            payer.pay(w, 1 - arg % 2, arg * ETHER // 100)
    elif action == "mine":
        w.run(arg % 4 + 1)
    elif action == "drop_messages":
        link = LinkConfig(drop_probability=(arg % 51) / 100)
        w.network.set_link(cheater.id, victim.id, link)
        w.network.set_link(victim.id, cheater.id, link)
    elif action == "victim_offline":
        w.set_online(victim.id, False)
        w.run(arg % max(1, period - 2))
        w.set_online(victim.id, True)
        w.run(1)  # online for a block before anything else: outages never chain past T
    elif action == "crash":
        p = c.parties[arg % 2]
        if not p.crashed:
            p.crash()
            w.run(arg % 3)
            p.restart(w)
    elif action == "register_stale" and status == "open" and not run.cheated:
        if not cheater.crashed:
            cheater.cheat(w)
            run.cheated = True
    return f"[block {w.block_number}] {action}({arg}) -> {c.record().status}"


def run_schedule(c: Channel, schedule: Sequence[ScheduleStep]) -> list[str]:
    """Apply `schedule` to channel `c` (built by ``build_channel`` with party 0 a StaleRegistrar
    and a durable store). Steps run at ``start + step.block``; returns the narrated log.

    Actions: ``pay`` (party ``arg % 2`` pays ``arg / 100`` ether), ``mine`` (run ``arg % 4 + 1``
    blocks), ``drop_messages`` (both links drop with probability ``arg % 51`` percent),
    ``victim_offline`` (victim offline ``arg % (T - 2)`` blocks, T the challenge period, then
    online for one block, so back-to-back outages never add up to a silence of T or more),
    ``crash`` (party ``arg % 2`` crashes and restarts ``arg % 3`` blocks later),
    ``register_stale`` (once, while open: the cheater registers a random older state).
    ValueError for an unknown action."""
    w = c.world
    start = w.block_number
    run = _Run()
    log: list[str] = []
    for s in schedule:
        if s.action not in CHANNEL_ACTIONS:
            raise ValueError(f"unknown action {s.action!r}; known: {list(CHANNEL_ACTIONS)}")
        if w.block_number < start + s.block:
            w.run(start + s.block - w.block_number)
        log.append(apply_step(c, s.action, s.arg, run))
    return log


def settle(c: Channel, *, max_blocks: int | None = None) -> list[str]:
    """Restart crashed parties, heal the links, run two blocks (so a pending registration lands),
    then, when a dispute is in progress, until the channel is closed, and
    return the violated properties (empty when safe): the victim (party 1) ends with at least its
    latest balance, value is conserved, the World's per-block invariants held."""
    w = c.world
    for p in c.parties:
        if p.crashed:
            p.restart(w)
    ok = LinkConfig()
    w.network.set_link(c.parties[0].id, c.parties[1].id, ok)
    w.network.set_link(c.parties[1].id, c.parties[0].id, ok)
    period = c.params.challenge_period
    w.run(2)  # a registration still in the mempool lands
    if c.record().status != "open":
        c.run_until("closed", max_blocks or 3 * period + 10)
    out: list[str] = []
    if c.record().status == "closed":
        err = ch.check_honest_safety(w, c.parties[1])
        if err:
            out.append(f"victim safety: {err}")
        err = ch.check_conservation(w, c.adjudicator, c.parties)
        if err:
            out.append(f"conservation: {err}")
    elif c.record().status != "open":
        out.append(f"channel stuck in {c.record().status!r}")
    out += [f"invariant: {v.detail}" for v in w.violations]
    return out


def schedule_story(schedule: Sequence[ScheduleStep]) -> str:
    """The schedule as one line per step, for failure messages."""
    return "\n".join(f"  block +{s.block}: {s.action}({s.arg})" for s in schedule) or "  (empty)"


class AdversaryMachine(RuleBasedStateMachine):
    """The same action vocabulary as a Hypothesis ``RuleBasedStateMachine``: one rule per action
    (``mine`` is time passing, so challenge windows expire during the search) on a channel whose
    party 0 is a StaleRegistrar; at teardown :func:`settle` must report nothing. A failure prints
    the shrunk rule sequence (``state.pay(arg=2)``, ``state.register_stale()``, ...).

    Subclass and set ``kinds`` (the two party classes) and ``challenge_period``; override
    ``prepare(channel)`` to wire your actors (it runs after the channel is built)::

        class Hunt(AdversaryMachine):
            kinds = (ch.StaleRegistrar, MyVictim)
        TestHunt = Hunt.TestCase
    """

    kinds: tuple[type, type] = (ch.StaleRegistrar, ch.Party)
    challenge_period = 6

    def prepare(self, channel: Channel) -> None:
        """Hook: called once the channel is open and funded."""

    @initialize(seed=st.integers(0, 2**16))
    def setup(self, seed: int) -> None:
        self.c = build_channel(World(seed=seed), kinds=list(self.kinds), durable=True,
                               challenge_period=self.challenge_period)
        self.run_state = _Run()
        self.prepare(self.c)

    @rule(arg=st.integers(0, 100))
    def pay(self, arg: int) -> None:
        apply_step(self.c, "pay", arg, self.run_state)

    @rule(arg=st.integers(0, 3))
    def mine(self, arg: int) -> None:
        apply_step(self.c, "mine", arg, self.run_state)

    @rule(arg=st.integers(0, 50))
    def drop_messages(self, arg: int) -> None:
        apply_step(self.c, "drop_messages", arg, self.run_state)

    @rule(arg=st.integers(0, 10))
    def victim_offline(self, arg: int) -> None:
        apply_step(self.c, "victim_offline", arg, self.run_state)

    @rule(arg=st.integers(0, 5))
    def crash(self, arg: int) -> None:
        apply_step(self.c, "crash", arg, self.run_state)

    @rule()
    def register_stale(self) -> None:
        apply_step(self.c, "register_stale", 0, self.run_state)

    def teardown(self) -> None:
        if hasattr(self, "c"):
            problems = settle(self.c)
            assert not problems, problems


__all__ = ["AdversaryMachine", "apply_step", "run_schedule", "schedule_story", "settle"]
