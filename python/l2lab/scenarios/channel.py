"""Channel scenarios C1-C7 and C10 of SCENARIOS.md: adversaries run the real protocol code and
only choose where a party has a choice. Each reports invariants, L1 gas per party
(``gas.<party>``) and off-chain message counts (``messages``)."""

from __future__ import annotations

from typing import Any

from .. import channel as ch
from ..l1 import CensorPolicy
from ..sim import LinkConfig
from ..scenario import Context, Param, Scenario, register
from ..testing.channel import ETHER, Channel, build_channel, honest_safe

POLICY = Param("latest_state_wins", "dispute policy", choices=("penalty", "latest_state_wins"))
CENSOR = Param(0, "blocks an L1 censor keeps the victim's (and its tower's) transactions out "
                  "after they arrive (inclusion policy; 0: none)", minimum=0)


def _censor(ctx: Context, c: Channel, victims: list[Any], blocks: int) -> None:
    """Install the inclusion policy that delays the victims' transactions by `blocks`."""
    if blocks <= 0:
        return
    senders = [v.account.address for v in victims]
    if c.tower is not None:
        senders.append(c.tower.account.address)
    ctx.world.chain.inclusion_policy = CensorPolicy(senders, blocks)
    ctx.step(f"L1 censor: the victim's transactions wait {blocks} blocks")


def _stale_version(cheater: Any, requested: int) -> int | None:
    """The cheat version parameter: -1 is random (None), else it must be below the latest."""
    if requested < 0:
        return None
    latest = cheater.engine.latest.state.version
    if requested >= latest:
        raise ValueError(f"cheat_version {requested} must be below the latest version {latest}")
    return requested


def _report(ctx: Context, c: Channel) -> None:
    for name, g in c.gas().items():
        ctx.metric(f"gas.{name}", g)
    ctx.metric("messages", c.messages())
    ctx.metric("blocks", c.world.block_number)
    ctx.check("adjudicator solvency and funding invariants (every block)",
              c.world.violation_count == 0,
              "; ".join(v.detail for v in c.world.violations[:3]))


def _conservation(ctx: Context, c: Channel) -> None:
    err = ch.check_conservation(c.world, c.adjudicator, c.parties)
    ctx.check("conservation: payouts == deposits, adjudicator holds 0", err is None, err or "")


def _not_penalised(ctx: Context, c: Channel, honest: list[Any]) -> None:
    for x in honest:
        err = ch.check_no_honest_penalised(c.world, x)
        ctx.check(f"{x.name} (honest) not penalised", err is None, err or "")


def _alternate_payments(ctx: Context, c: Channel, k: int, payer: int = 0) -> None:
    """k updates; payer pays the others in turn so every older state differs from the latest."""
    n = len(c.parties)
    for i in range(k):
        to = (payer + 1 + i % (n - 1)) % n
        c.parties[payer].pay(c.world, to, ETHER // 10)
    c.world.run(2 * k + 4)
    ctx.step(f"{k} updates done; latest version {c.parties[-1].engine.latest.state.version}")


@register
class StaleClose(Scenario):
    name = "channel.stale_close"
    description = "C1: after k updates the cheater registers an older version j; the victim challenges"
    tags = {"area": "channel", "adversary": "stale_registrar", "harness": "SC"}
    params = {"k": Param(5, "updates before cheating", minimum=1),
              "cheat_version": Param(-1, "version to register (-1: random older one)", minimum=-1),
              "policy": POLICY,
              "challenge_period": Param(8, "blocks", minimum=3),
              "censor": CENSOR}

    def body(self, ctx: Context) -> None:
        p = ctx.params
        T = p["challenge_period"]
        c = build_channel(ctx.world, 2, kinds=[ch.StaleRegistrar, ch.Party], policy=p["policy"],
                          challenge_period=T)
        _alternate_payments(ctx, c, p["k"])
        cheater, victim = c.parties
        j = _stale_version(cheater, p["cheat_version"])
        _censor(ctx, c, [victim], p["censor"])
        cheater.cheat(ctx.world, j)
        ctx.step(f"cheater registers version {cheater.cheat_version}")
        c.run_until("closed", 3 * T + p["censor"] + 10)
        ctx.step(f"channel {c.record().status}; victim challenged {victim.stats.challenges_submitted}x")
        # The victim sees the registration in its block r and submits at once: the challenge
        # arrives for block r + 1, is censored `censor` blocks and must land by r + T.
        ctx.check("victim ends with >= its latest balance", honest_safe(c, victim),
                  ch.check_honest_safety(ctx.world, victim) or "",
                  assumption_violated=p["censor"] + 1 > T)
        _not_penalised(ctx, c, [victim])
        if p["policy"] == "penalty":
            got = cheater.received(ctx.world)
            ctx.check("penalty: cheater gets 0", got == 0, f"cheater received {got}",
                      assumption_violated=p["censor"] + 1 > T)
        _conservation(ctx, c)
        _report(ctx, c)


@register
class OfflineVictim(Scenario):
    name = "channel.offline_victim"
    description = "C2: victim offline d blocks after a stale registration, tower present/absent/offline"
    tags = {"area": "channel", "adversary": "stale_registrar+offline", "harness": "SC"}
    params = {"d": Param(0, "blocks the victim is offline from the registration block", minimum=0),
              "tower": Param("absent", "watchtower", choices=("present", "absent", "offline")),
              "challenge_period": Param(6, "blocks T", minimum=3),
              "policy": POLICY,
              "k": Param(3, "updates before cheating", minimum=1),
              "cheat_version": Param(0, "version to register (-1: random older one)", minimum=-1),
              "censor": CENSOR}

    def body(self, ctx: Context) -> None:
        p = ctx.params
        T, d, censor = p["challenge_period"], p["d"], p["censor"]
        c = build_channel(ctx.world, 2, kinds=[ch.StaleRegistrar, ch.Party], policy=p["policy"],
                          challenge_period=T, tower=p["tower"] != "absent", tower_fee=1000)
        _alternate_payments(ctx, c, p["k"])
        cheater, victim = c.parties
        w = ctx.world
        j = _stale_version(cheater, p["cheat_version"])
        if d > 0:
            w.set_online(victim.id, False)
            if p["tower"] == "offline":
                w.set_online(c.tower.id, False)
        _censor(ctx, c, [victim], censor)
        cheater.cheat(w, j)
        ctx.step(f"cheater registers version {cheater.cheat_version}; victim offline {d} blocks, "
                 f"tower {p['tower']}")
        w.run(d)
        w.set_online(victim.id, True)
        if c.tower is not None:
            w.set_online(c.tower.id, True)
        c.run_until("closed", 3 * T + censor + 10)
        # Safe iff someone watching acts before T: the victim's first hook is at registration
        # block + d (the tower's at + 0), its challenge lands one block later plus the censor's
        # delay, the deadline is registration + T.
        tower_watching = p["tower"] == "present" or (p["tower"] == "offline" and d == 0)
        assumption_holds = (tower_watching and censor + 1 <= T) or d + censor + 1 <= T
        safe = honest_safe(c, victim)
        ctx.step(f"channel {c.record().status}; victim safe: {safe}")
        ctx.check("victim ends with >= its latest balance", safe,
                  ch.check_honest_safety(w, victim) or "",
                  assumption_violated=not assumption_holds)
        if c.tower is not None:
            ctx.metric("tower.fees_earned", c.tower.fees_earned)
            ctx.metric("tower.challenges", c.tower.challenges_submitted)
        _conservation(ctx, c)
        _report(ctx, c)


@register
class CrashBoundary(Scenario):
    name = "channel.crash_boundary"
    description = "C3: a party crashes at a persistence boundary of an update, then restarts"
    tags = {"area": "channel", "adversary": "crash", "harness": "SC"}
    params = {"point": Param("after_persist", "crash point",
                             choices=("before_persist", "after_persist", "after_send")),
              "side": Param("countersigner", "who crashes", choices=("proposer", "countersigner")),
              "occurrence": Param(0, "which boundary of that kind: 0 the side's first (proposal "
                                     "/ countersignature), 1 its second (the proposer's save of "
                                     "the completed state before the Ack, the countersigner's "
                                     "save of the adopted Ack)", minimum=0, maximum=1),
              "down_blocks": Param(2, "blocks before restart", minimum=0),
              "policy": Param("penalty", "dispute policy", choices=("penalty", "latest_state_wins"))}

    def body(self, ctx: Context) -> None:
        p = ctx.params
        c = build_channel(ctx.world, 2, durable=True, policy=p["policy"], challenge_period=8)
        _alternate_payments(ctx, c, 2)
        victim = c.parties[0 if p["side"] == "proposer" else 1]
        victim.arm_crash(p["point"], p["occurrence"])
        c.parties[0].pay(ctx.world, 1, ETHER // 4)
        ctx.world.run(1)
        ctx.step(f"{victim.name} crashed at {p['point']} #{p['occurrence']}: {victim.crashed}")
        ctx.check("the armed persistence boundary was reached", victim.crashed)
        ctx.world.run(p["down_blocks"])
        ok = victim.restart(ctx.world)
        ctx.step(f"{victim.name} restarted: {ok}")
        ctx.world.run(8)
        a, b = (x.engine.latest for x in c.parties)
        ctx.check("restarted party and peer agree on the latest state", a == b, f"{a} vs {b}")
        other = c.parties[1] if victim is c.parties[0] else c.parties[0]
        ctx.check("durable state >= what the peer has seen",
                  victim.engine.highest_signed >= other.engine.latest.state.version)
        victim.force_close(ctx.world)
        ctx.step(f"{victim.name} registers its latest state; nobody may punish it")
        c.run_until("closed", 30)
        ctx.check("restarted party never registers a superseded state",
                  other.stats.challenges_submitted == 0,
                  f"peer challenged {other.stats.challenges_submitted}x")
        for x in c.parties:
            ctx.check(f"{x.name} ends with >= its latest balance", honest_safe(c, x),
                      ch.check_honest_safety(ctx.world, x) or "")
        _conservation(ctx, c)
        _report(ctx, c)


@register
class RestartDuringDispute(Scenario):
    name = "channel.restart_during_dispute"
    description = "C4: the victim restarts while a stale registration is pending/confirmed/challenged"
    tags = {"area": "channel", "adversary": "stale_registrar+crash", "harness": "SC"}
    params = {"phase": Param("confirmed", "when the victim crashes",
                             choices=("pending", "confirmed", "challenge_sent")),
              "down_blocks": Param(2, "blocks down (must be < T - 2 for the assumption)", minimum=0),
              "challenge_period": Param(8, "blocks T", minimum=4),
              "policy": POLICY,
              "censor": CENSOR}

    def body(self, ctx: Context) -> None:
        p = ctx.params
        w = ctx.world
        c = build_channel(w, 2, kinds=[ch.StaleRegistrar, ch.Party], durable=True,
                          policy=p["policy"], challenge_period=p["challenge_period"])
        _alternate_payments(ctx, c, 3)
        cheater, victim = c.parties
        _censor(ctx, c, [victim], p["censor"])
        cheater.cheat(w, 0)
        if p["phase"] == "confirmed":
            w.mine(1)
        elif p["phase"] == "challenge_sent":
            w.run(1)
        victim.crash()
        ctx.step(f"victim crashes ({p['phase']}); challenges sent so far: {victim.stats.challenges_submitted}")
        w.run(p["down_blocks"])
        victim.restart(w)
        ctx.step("victim restarts")
        c.run_until("closed", 3 * p["challenge_period"] + p["censor"] + 10)
        in_time = p["down_blocks"] + 2 + p["censor"] <= p["challenge_period"]
        ctx.check("the challenge lands in time; victim >= latest balance", honest_safe(c, victim),
                  ch.check_honest_safety(w, victim) or "", assumption_violated=not in_time)
        _conservation(ctx, c)
        _report(ctx, c)


@register
class StaleBackup(Scenario):
    name = "channel.stale_backup"
    description = "C5: a party restores a backup m writes old; it must detect it is behind"
    tags = {"area": "channel", "adversary": "stale_backup", "harness": "SC"}
    params = {"k": Param(4, "updates", minimum=1), "m": Param(3, "writes back", minimum=1),
              "policy": Param("penalty", "dispute policy", choices=("penalty", "latest_state_wins"))}

    def body(self, ctx: Context) -> None:
        p = ctx.params
        w = ctx.world
        c = build_channel(w, 2, durable=True, policy=p["policy"], challenge_period=8)
        _alternate_payments(ctx, c, p["k"])
        a, b = c.parties
        before = b.engine.latest.state.version
        b.crash()
        c.stores[1].restore_backup(min(p["m"], c.stores[1].history_length - 1))
        b.restart(w)
        restored = b.engine.latest.state.version
        signed = b.engine.highest_signed
        ctx.step(f"{b.name} restored a backup at version {restored} (was {before}); synced={b.synced}")
        ctx.check("a restored party does not trust its state before syncing",
                  restored == before or not b.synced)
        b.pay(w, 0, 1)
        ctx.check("it signs nothing new before syncing (a payment waits)",
                  b.synced or b.engine.highest_signed == signed,
                  f"highest signed {b.engine.highest_signed}, restored {signed}")
        w.run(3)
        ctx.check("it detects it is behind and catches up",
                  b.synced and b.engine.latest == a.engine.latest,
                  f"version {b.engine.latest.state.version} vs {a.engine.latest.state.version}")
        b.force_close(w)
        c.run_until("closed", 30)
        ctx.check("the honest peer does not punish it", a.stats.challenges_submitted == 0)
        for x in c.parties:
            ctx.check(f"{x.name} ends with >= its latest balance", honest_safe(c, x),
                      ch.check_honest_safety(w, x) or "")
        _conservation(ctx, c)
        _report(ctx, c)


@register
class UnreliableNetwork(Scenario):
    name = "channel.unreliable_network"
    description = "C6: drop/duplicate/reorder messages and disconnect; no honest unilateral close"
    tags = {"area": "channel", "adversary": "network", "harness": "SC"}
    params = {"k": Param(10, "payments", minimum=1),
              "drop": Param(0.3, "drop probability", minimum=0.0, maximum=0.9),
              "duplicate": Param(0.2, "duplicate probability", minimum=0.0, maximum=1.0),
              "jitter_ms": Param(15000, "jitter (reorders)", minimum=0),
              "disconnect_blocks": Param(3, "blocks the link is down mid-run", minimum=0),
              "force_close_after": Param(30, "automatic unilateral close after this many blocks "
                                         "of a stalled update (0: off)", minimum=0)}

    def body(self, ctx: Context) -> None:
        p = ctx.params
        w = ctx.world
        c = build_channel(w, 2)
        a, b = c.parties
        for x in c.parties:
            x.set_force_close_after(p["force_close_after"])
        link = LinkConfig(drop_probability=p["drop"], duplicate_probability=p["duplicate"],
                          jitter_ms=p["jitter_ms"])
        for src, dst in ((a.id, b.id), (b.id, a.id)):
            w.network.set_link(src, dst, link)
        for i in range(p["k"]):
            c.parties[i % 2].pay(w, 1 - i % 2, ETHER // 20)
        w.run(2)
        w.network.set_link_up(a.id, b.id, False)
        w.run(p["disconnect_blocks"])
        w.network.set_link_up(a.id, b.id, True)
        rounds = 0
        while rounds < 100 and (a.queued or b.queued or a.engine.has_pending_proposal
                                or b.engine.has_pending_proposal
                                or a.engine.awaiting_completion or b.engine.awaiting_completion
                                or a.engine.latest != b.engine.latest):
            w.run(1)
            rounds += 1
        ctx.metric("settle_rounds", rounds)
        done = a.stats.payments_completed + b.stats.payments_completed
        ctx.step(f"{done}/{p['k']} payments completed after {rounds} extra rounds")
        ctx.check("all settle within 100 rounds", rounds < 100 and done == p["k"],
                  f"rounds={rounds} completed={done}")
        ctx.check("no honest unilateral close", c.record().status == "open"
                  and a.stats.auto_force_closes + b.stats.auto_force_closes == 0)
        for link_from, link_to in ((a.id, b.id), (b.id, a.id)):
            w.network.clear_link(link_from, link_to)
        a.pay(w, 1, 1)
        w.run(3)
        ctx.check("payments then work", a.engine.latest == b.engine.latest
                  and a.engine.latest.state.balances[1] == b.engine.latest.state.balances[1])
        a.close(w)
        c.run_until("closed", 20)
        _conservation(ctx, c)
        _report(ctx, c)


@register
class BadFunding(Scenario):
    name = "channel.bad_funding"
    description = "C7: a deposit is short, late or never made; nothing is usable, timeouts refund"
    tags = {"area": "channel", "adversary": "bad_deposit", "harness": "SC"}
    params = {"mode": Param("short", "what the second party does", choices=("short", "late", "never"))}

    def body(self, ctx: Context) -> None:
        w = ctx.world
        c = build_channel(w, 2, fund=False, funding_timeout=4)
        a, b = c.parties
        a.submit_open(w)
        w.run(1)
        a.submit_deposit(w)
        mode = ctx.params["mode"]
        if mode == "short":
            b.submit_deposit(w, c.params.deposits[1] - 1)
        w.run(2)
        a.pay(w, 1, ETHER // 10)
        w.run(3)
        if mode == "late":
            b.submit_deposit(w)
        w.run(2)
        ctx.step(f"mode {mode}: channel {c.record().status}")
        ctx.check("no off-chain balance usable before exact deposits confirm",
                  a.engine.latest.state.version == 0 and b.engine.latest.state.version == 0)
        a.submit_refund(w)
        w.run(2)
        ctx.check("timeout refunds the deposits", c.record().status == "refunded"
                  and a.received(w) == c.params.deposits[0] and b.received(w) == 0,
                  f"a={a.received(w)} b={b.received(w)}")
        ctx.check("adjudicator holds 0", w.chain.balance(c.adjudicator) == 0)
        _report(ctx, c)


def _subset(spec: str, n: int) -> list[int]:
    """Participant indices from "0,2,3" (empty: all but the last); ValueError unless 1..n-1
    distinct indices below n."""
    if not spec.strip():
        return list(range(n - 1))
    try:
        out = sorted({int(x) for x in spec.split(",")})
    except ValueError:
        raise ValueError(f"colluders must be comma-separated indices, got {spec!r}") from None
    if not out or out[0] < 0 or out[-1] >= n or len(out) >= n:
        raise ValueError(f"colluders must be 1..{n - 1} distinct indices below n={n}, got {spec!r}")
    return out


@register
class NParty(Scenario):
    name = "channel.n_party"
    description = "C10: a colluding subset registers a stale state against the honest parties"
    tags = {"area": "channel", "adversary": "colluding_subset", "harness": "SC"}
    params = {"n": Param(4, "participants", minimum=2, maximum=16),
              "k": Param(4, "updates (colluders pay the honest parties in turn)", minimum=1),
              "policy": POLICY, "challenge_period": Param(8, "blocks", minimum=3),
              "colluders": Param("", "comma-separated indices of the colluding parties (empty: "
                                     "all but the last)"),
              "cheat_version": Param(0, "version the colluders register (-1: random older one)",
                                     minimum=-1),
              "colluder_challenge": Param(-1, "version another colluder challenges with after "
                                              "the registration (-1: none; under "
                                              "latest_state_wins it restarts the period)",
                                          minimum=-1)}

    def body(self, ctx: Context) -> None:
        p = ctx.params
        n, w = p["n"], ctx.world
        colluding = _subset(p["colluders"], n)
        honest_idx = [i for i in range(n) if i not in colluding]
        kinds: list[Any] = [ch.StaleRegistrar if i in colluding else ch.Party for i in range(n)]
        c = build_channel(w, n, kinds=kinds, policy=p["policy"],
                          challenge_period=p["challenge_period"])
        honest = [c.parties[i] for i in honest_idx]
        for i in range(p["k"]):
            payer = c.parties[colluding[i % len(colluding)]]
            payer.pay(w, honest_idx[i % len(honest_idx)], ETHER // 10)
            w.run(3)
        w.run(4)
        latest = honest[0].engine.latest.state.version
        ctx.step(f"{p['k']} payments to the honest parties {honest_idx}; version {latest}")
        cheater = c.parties[colluding[0]]
        cheater.cheat(w, _stale_version(cheater, p["cheat_version"]))
        ctx.step(f"colluders {colluding} register version {cheater.cheat_version}")
        v = p["colluder_challenge"]
        if v >= 0:
            if not cheater.cheat_version < v < latest:
                raise ValueError(f"colluder_challenge must be between the cheat version "
                                 f"{cheater.cheat_version} and the latest {latest} (exclusive)")
            w.run(1)  # the registration lands
            partner = c.parties[colluding[1]] if len(colluding) > 1 else cheater
            partner.challenge_with(w, v)
            ctx.step(f"{partner.name} challenges with the stale version {v}")
        c.run_until("closed", 4 * p["challenge_period"] + 10)
        for x in honest:
            ctx.check(f"{x.name} (honest) ends with >= its latest balance", honest_safe(c, x),
                      ch.check_honest_safety(w, x) or "")
        _not_penalised(ctx, c, honest)
        _conservation(ctx, c)
        _report(ctx, c)


from . import channel_stress  # noqa: E402,F401  (C8, C9)
