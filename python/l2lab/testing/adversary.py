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
from .. import channel as ch
from ..sim import LinkConfig
from .channel import ETHER, Channel
from .strategies import CHANNEL_ACTIONS, ScheduleStep


def run_schedule(c: Channel, schedule: Sequence[ScheduleStep]) -> list[str]:
    """Apply `schedule` to channel `c` (built by ``build_channel`` with party 0 a StaleRegistrar
    and a durable store). Steps run at ``start + step.block``; returns the narrated log.

    Actions: ``pay`` (party ``arg % 2`` pays ``arg / 100`` ether), ``mine`` (run ``arg % 4 + 1``
    blocks), ``drop_messages`` (both links drop with probability ``arg % 51`` percent),
    ``victim_offline`` (victim offline ``arg % (T - 2)`` blocks, T the challenge period),
    ``crash`` (party ``arg % 2`` crashes and restarts ``arg % 3`` blocks later),
    ``register_stale`` (once, while open: the cheater registers a random older state).
    ValueError for an unknown action."""
    w = c.world
    cheater, victim = c.parties[0], c.parties[1]
    period = c.params.challenge_period
    start = w.block_number
    log: list[str] = []
    cheated = False
    for s in schedule:
        if s.action not in CHANNEL_ACTIONS:
            raise ValueError(f"unknown action {s.action!r}; known: {list(CHANNEL_ACTIONS)}")
        if w.block_number < start + s.block:
            w.run(start + s.block - w.block_number)
        status = c.record().status
        if s.action == "pay" and status == "open":
            payer = c.parties[s.arg % 2]
            if not payer.crashed:
                payer.pay(w, 1 - s.arg % 2, s.arg * ETHER // 100)
        elif s.action == "mine":
            w.run(s.arg % 4 + 1)
        elif s.action == "drop_messages":
            link = LinkConfig(drop_probability=(s.arg % 51) / 100)
            w.network.set_link(cheater.id, victim.id, link)
            w.network.set_link(victim.id, cheater.id, link)
        elif s.action == "victim_offline":
            blocks = s.arg % max(1, period - 2)
            w.set_online(victim.id, False)
            w.run(blocks)
            w.set_online(victim.id, True)
        elif s.action == "crash":
            p = c.parties[s.arg % 2]
            if not p.crashed:
                p.crash()
                w.run(s.arg % 3)
                p.restart(w)
        elif s.action == "register_stale" and status == "open" and not cheated:
            if not cheater.crashed:
                cheater.cheat(w)
                cheated = True
        log.append(f"[block {w.block_number}] {s.action}({s.arg}) -> {c.record().status}")
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


__all__ = ["run_schedule", "schedule_story", "settle"]
