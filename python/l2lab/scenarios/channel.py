"""Channel scenarios C1-C7 and C10 of SCENARIOS.md: adversaries run the real protocol code and
only choose where a party has a choice. Each reports invariants, L1 gas per party
(``gas.<party>``) and off-chain message counts (``messages``)."""

from __future__ import annotations

from typing import Any

from .. import channel as ch
from ..sim import LinkConfig
from ..scenario import Context, Param, Scenario, register
from ..testing.channel import ETHER, Channel, build_channel, honest_safe

POLICY = Param("latest_state_wins", "dispute policy", choices=("penalty", "latest_state_wins"))


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
              "challenge_period": Param(8, "blocks", minimum=3)}

    def body(self, ctx: Context) -> None:
        p = ctx.params
        c = build_channel(ctx.world, 2, kinds=[ch.StaleRegistrar, ch.Party], policy=p["policy"],
                          challenge_period=p["challenge_period"])
        _alternate_payments(ctx, c, p["k"])
        cheater, victim = c.parties
        j = None if p["cheat_version"] < 0 else p["cheat_version"]
        if j is not None and j >= cheater.engine.latest.state.version:
            raise ValueError("cheat_version must be below the latest version")
        cheater.cheat(ctx.world, j)
        ctx.step(f"cheater registers version {'random' if j is None else j}")
        c.run_until("closed", 3 * p["challenge_period"] + 10)
        ctx.step(f"channel {c.record().status}; victim challenged {victim.stats.challenges_submitted}x")
        ctx.check("victim ends with >= its latest balance", honest_safe(c, victim),
                  ch.check_honest_safety(ctx.world, victim) or "")
        _not_penalised(ctx, c, [victim])
        if p["policy"] == "penalty":
            got = cheater.received(ctx.world)
            ctx.check("penalty: cheater gets 0", got == 0, f"cheater received {got}")
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
              "policy": POLICY}

    def body(self, ctx: Context) -> None:
        p = ctx.params
        T, d = p["challenge_period"], p["d"]
        c = build_channel(ctx.world, 2, kinds=[ch.StaleRegistrar, ch.Party], policy=p["policy"],
                          challenge_period=T, tower=p["tower"] != "absent", tower_fee=1000)
        _alternate_payments(ctx, c, 3)
        cheater, victim = c.parties
        w = ctx.world
        if d > 0:
            w.set_online(victim.id, False)
            if p["tower"] == "offline":
                w.set_online(c.tower.id, False)
        cheater.cheat(w, 0)
        ctx.step(f"cheater registers version 0; victim offline {d} blocks, tower {p['tower']}")
        w.run(d)
        w.set_online(victim.id, True)
        if c.tower is not None:
            w.set_online(c.tower.id, True)
        c.run_until("closed", 3 * T + 10)
        # Safe iff someone watching acts before T: the victim's first hook is at registration
        # block + d, its challenge lands one block later, the deadline is registration + T.
        tower_watching = p["tower"] == "present" or (p["tower"] == "offline" and d == 0)
        assumption_holds = tower_watching or d <= T - 1
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
              "down_blocks": Param(2, "blocks before restart", minimum=0),
              "policy": Param("penalty", "dispute policy", choices=("penalty", "latest_state_wins"))}

    def body(self, ctx: Context) -> None:
        p = ctx.params
        c = build_channel(ctx.world, 2, durable=True, policy=p["policy"], challenge_period=8)
        _alternate_payments(ctx, c, 2)
        victim = c.parties[0 if p["side"] == "proposer" else 1]
        victim.arm_crash(p["point"])
        c.parties[0].pay(ctx.world, 1, ETHER // 4)
        ctx.world.run(1)
        ctx.step(f"{victim.name} crashed at {p['point']}: {victim.crashed}")
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
              "policy": POLICY}

    def body(self, ctx: Context) -> None:
        p = ctx.params
        w = ctx.world
        c = build_channel(w, 2, kinds=[ch.StaleRegistrar, ch.Party], durable=True,
                          policy=p["policy"], challenge_period=p["challenge_period"])
        _alternate_payments(ctx, c, 3)
        cheater, victim = c.parties
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
        c.run_until("closed", 3 * p["challenge_period"] + 10)
        in_time = p["down_blocks"] + 2 <= p["challenge_period"]
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
        ctx.step(f"{b.name} restored a backup at version {restored} (was {before}); synced={b.synced}")
        ctx.check("a restored party does not trust its state before syncing",
                  restored == before or not b.synced)
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


@register
class NParty(Scenario):
    name = "channel.n_party"
    description = "C10: n-1 colluding parties register a stale state against the last one"
    tags = {"area": "channel", "adversary": "colluding_subset", "harness": "SC"}
    params = {"n": Param(4, "participants", minimum=2, maximum=16),
              "k": Param(4, "updates (payments to the honest party)", minimum=1),
              "policy": POLICY, "challenge_period": Param(8, "blocks", minimum=3)}

    def body(self, ctx: Context) -> None:
        p = ctx.params
        n = p["n"]
        kinds: list[Any] = [ch.StaleRegistrar] + [ch.Colluder] * (n - 2) + [ch.Party]
        c = build_channel(ctx.world, n, kinds=kinds, policy=p["policy"],
                          challenge_period=p["challenge_period"])
        honest = c.parties[-1]
        for i in range(p["k"]):
            c.parties[i % (n - 1)].pay(ctx.world, n - 1, ETHER // 10)
            ctx.world.run(3)
        ctx.world.run(4)
        ctx.step(f"{p['k']} payments to the honest party; version {honest.engine.latest.state.version}")
        c.parties[0].cheat(ctx.world, 0)
        ctx.step("colluders register the funding state")
        c.run_until("closed", 3 * p["challenge_period"] + 10)
        ctx.check("the honest party ends with >= its latest balance", honest_safe(c, honest),
                  ch.check_honest_safety(ctx.world, honest) or "")
        _not_penalised(ctx, c, [honest])
        _conservation(ctx, c)
        _report(ctx, c)


from . import channel_stress  # noqa: E402,F401  (C8, C9)
