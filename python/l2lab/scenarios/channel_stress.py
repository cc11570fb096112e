"""Channel scenarios C8 (griefing) and C9 (mass exit under congestion) of SCENARIOS.md.

C8 measures what a griefing counterparty costs the honest party: the L1 gas it must spend beyond
a cooperative close and the capital it cannot use meanwhile (blocks x wei). C9 closes K channels
at once on an L1 with a bounded block gas limit and an adversarial inclusion policy and reports
the value victims lose, next to the security assumption derived from the gas schedule (measured
receipts, :mod:`l2lab.channel_gas`): the check is labelled "assumption violated" when the
challenges cannot all fit before the deadlines.
"""

from __future__ import annotations

import math
from typing import Any

from .. import channel as ch
from ..channel_gas import gas_table
from ..l1 import CensorPolicy, ChainConfig, ReorderPolicy
from ..scenario import Context, Param, Scenario, register
from ..sim import World
from ..testing.channel import ETHER, Channel, build_channel, honest_safe
from .channel import _conservation, _report

_GAS_CACHE: dict[tuple[int, str], dict[str, int]] = {}


def measured_gas(n: int, policy: str) -> dict[str, int]:
    """Gas per adjudicator operation for an n-party channel, from real receipts (cached)."""
    key = (n, policy)
    if key not in _GAS_CACHE:
        _GAS_CACHE[key] = {r.operation: r.gas for r in gas_table(parties=(n,), policies=(policy,))}
    return _GAS_CACHE[key]


def _run_until_closed(c: Channel, max_blocks: int) -> int:
    """Run block by block until the channel is closed; the block number it was first seen closed."""
    for _ in range(max_blocks):
        if c.record().status == "closed":
            break
        c.world.run(1)
    return c.world.block_number


@register
class Griefing(Scenario):
    name = "channel.griefing"
    description = ("C8: the counterparty goes silent mid-update, or forces unilateral closes "
                   "repeatedly; the honest party's extra gas and locked capital")
    tags = {"area": "channel", "adversary": "silent/griefing counterparty", "harness": "SC"}
    params = {"mode": Param("silent", "what the griefer does: ignore the honest party's proposal "
                                      "(silent), propose a payment to it and withhold the Ack "
                                      "after it countersigned (withhold_ack), or register "
                                      "unilaterally right after every funding (repeated_close)",
                            choices=("silent", "withhold_ack", "repeated_close")),
              "give_up_after": Param(4, "blocks without an answer before the honest party "
                                        "closes unilaterally", minimum=1),
              "give_up": Param("automatic", "who closes after the silence: the party itself "
                                            "(force_close_after; scripted while unavailable) or "
                                            "the scenario script", choices=("automatic", "scripted")),
              "challenge_period": Param(6, "blocks T", minimum=3),
              "rounds": Param(3, "channels the griefer force-closes in a row (repeated_close)",
                              minimum=1, maximum=20),
              "k": Param(3, "payments before the griefing starts", minimum=0),
              "policy": Param("latest_state_wins", "dispute policy",
                              choices=("penalty", "latest_state_wins"))}

    def body(self, ctx: Context) -> None:
        p = ctx.params
        g = measured_gas(2, p["policy"])
        coop = g["cooperative_close"]
        ctx.metric("baseline.cooperative_close_gas", coop)
        if p["mode"] in ("silent", "withhold_ack"):
            self._silent(ctx, coop)
        else:  # baseline: one channel opened, funded and closed cooperatively by this party
            self._repeated(ctx, g["open"] + g["deposit"] + coop)

    def _silent(self, ctx: Context, coop: int) -> None:
        p = ctx.params
        w, T, N = ctx.world, p["challenge_period"], p["give_up_after"]
        c = build_channel(w, 2, kinds=[ch.Party, ch.SilentParty], policy=p["policy"],
                          challenge_period=T)
        honest, griefer = c.parties
        griefer.silent = False
        automatic = p["give_up"] == "automatic" and hasattr(honest, "set_force_close_after")
        if automatic:
            honest.set_force_close_after(N)
        for i in range(p["k"]):
            c.parties[i % 2].pay(w, 1 - i % 2, ETHER // 10)
            w.run(2)
        ctx.step(f"{p['k']} payments; version {honest.engine.latest.state.version}")
        gas_before = honest.gas_used(w)
        latest = honest.engine.latest.state.balances[0]
        withhold = p["mode"] == "withhold_ack"
        if withhold:  # it proposes, then ignores the countersignature: no Ack ever comes
            griefer.pay(w, 0, ETHER // 10)
            griefer.silent = True
            ctx.step("griefer proposes paying the honest party, then ignores its countersignature")
        else:
            griefer.silent = True
            honest.pay(w, 1, ETHER // 10)
            ctx.step("griefer goes silent; the honest party proposes an update nobody answers")
        start = w.block_number
        if automatic:
            ctx.step(f"honest party gives up by itself after {N} silent blocks (force_close_after)")
        else:  # until the automatic force-close lands, the script gives up for it
            w.run(N)
            honest.force_close(w)
            ctx.step(f"after {N} silent blocks the script registers the honest party's state")
        end = _run_until_closed(c, N + 4 * T + 20)
        locked = end - start
        extra = honest.gas_used(w) - gas_before
        ctx.step(f"channel {c.record().status} at block {end}: honest capital locked {locked} blocks")
        ctx.metric("force_close_automatic", int(automatic))
        ctx.metric("honest.exit_gas", extra)
        ctx.metric("honest.extra_gas", extra - coop)
        ctx.metric("honest.locked_blocks", locked)
        ctx.metric("honest.locked_capital_block_wei", locked * latest)
        if withhold:  # 2-party: the proposer's and its own signature complete the withheld state
            ctx.metric("honest.withheld_payment_recovered", honest.received(w) - latest)
        if automatic:
            ctx.check("the honest party closed by itself exactly once",
                      honest.stats.auto_force_closes == 1,
                      f"auto_force_closes={honest.stats.auto_force_closes}")
        # Give-up (N blocks after the stall is first seen) + inclusion + T + finalize inclusion.
        bound = N + T + 4
        ctx.check(f"capital unlocked within give_up_after + T + 4 = {bound} blocks",
                  c.record().status == "closed" and locked <= bound, f"locked {locked} blocks")
        ctx.check("honest party ends with >= its latest balance", honest_safe(c, honest),
                  ch.check_honest_safety(w, honest) or "")
        _conservation(ctx, c)
        _report(ctx, c)

    def _repeated(self, ctx: Context, baseline: int) -> None:
        p = ctx.params
        w, T = ctx.world, p["challenge_period"]
        total_gas = exit_gas = locked_blocks = locked_capital = 0
        for r in range(p["rounds"]):
            c = build_channel(w, 2, policy=p["policy"], challenge_period=T, nonce=r)
            honest, griefer = c.parties
            for i in range(p["k"]):
                c.parties[i % 2].pay(w, 1 - i % 2, ETHER // 10)
                w.run(2)
            latest = honest.engine.latest.state.balances[0]
            before = honest.gas_used(w)
            griefer.force_close(w)
            start = w.block_number
            end = _run_until_closed(c, 4 * T + 20)
            closed = c.record().status == "closed"
            ctx.step(f"round {r + 1}: griefer registers its latest state unilaterally; "
                     f"channel {c.record().status} after {end - start} blocks")
            total_gas += honest.gas_used(w)
            exit_gas += honest.gas_used(w) - before
            locked_blocks += end - start
            locked_capital += (end - start) * latest
            ctx.check(f"round {r + 1}: honest party ends with >= its latest balance",
                      closed and honest_safe(c, honest), ch.check_honest_safety(w, honest) or "")
            ctx.check(f"round {r + 1}: closed within T + 4 = {T + 4} blocks",
                      closed and end - start <= T + 4, f"{end - start} blocks")
            _conservation(ctx, c)
        ctx.metric("honest.total_gas", total_gas)  # open/deposit of every reopened channel too
        ctx.metric("honest.exit_gas", exit_gas)
        ctx.metric("baseline.one_channel_gas", baseline)
        ctx.metric("honest.extra_gas", total_gas - baseline)
        ctx.metric("honest.locked_blocks", locked_blocks)
        ctx.metric("honest.locked_capital_block_wei", locked_capital)
        ctx.check("adjudicator solvency and funding invariants (every block)",
                  w.violation_count == 0, "; ".join(v.detail for v in w.violations[:3]))


@register
class MassExit(Scenario):
    name = "channel.mass_exit"
    description = ("C9: K channels are closed with a stale state at once on an L1 with bounded "
                   "block gas and an adversarial inclusion policy; value the victims lose")
    tags = {"area": "channel", "adversary": "stale_registrar x K + inclusion policy",
            "harness": "SC"}
    params = {"k": Param(4, "channels closing at once", minimum=1, maximum=64),
              "block_gas_limit": Param(3_500_000, "L1 block gas limit (parties send with a "
                                                  "3,000,000 transaction gas limit)",
                                       minimum=3_000_000),
              "challenge_period": Param(6, "blocks T", minimum=3),
              "inclusion": Param("honest", "block builder's policy",
                                 choices=("honest", "censor", "reverse")),
              "censor_blocks": Param(2, "blocks each victim transaction is censored (censor)",
                                     minimum=0),
              "policy": Param("latest_state_wins", "dispute policy",
                              choices=("penalty", "latest_state_wins"))}

    def make_world(self, seed: int, params: dict[str, Any]) -> World:
        # Elasticity 1 keeps the base fee from rising under full blocks, so block gas is the one
        # bottleneck (fee spikes are another experiment).
        return World(seed=seed, chain=ChainConfig(block_gas_limit=params["block_gas_limit"],
                                                  elasticity_multiplier=1))

    def body(self, ctx: Context) -> None:
        p = ctx.params
        w, K, T = ctx.world, p["k"], p["challenge_period"]
        channels = [self._channel(w, i, p) for i in range(K)]
        self._fund(ctx, channels)
        for c in channels:  # the cheater pays the victim, so version 0 is the stale state
            c.parties[0].pay(w, 1, ETHER // 2)
        w.run(4)
        victims = [c.parties[1] for c in channels]
        latest = [v.engine.latest.state.balances[1] for v in victims]
        paid = sum(b == ETHER + ETHER // 2 for b in latest)
        ctx.check("every victim holds its payment before the exit", paid == K, f"{paid}/{K}")
        if p["inclusion"] == "censor":
            w.chain.inclusion_policy = CensorPolicy([v.account.address for v in victims],
                                                    p["censor_blocks"])
        elif p["inclusion"] == "reverse":
            w.chain.inclusion_policy = ReorderPolicy("reverse")
        for c in channels:
            c.parties[0].cheat(w, 0)
        start = w.block_number
        ctx.step(f"{K} cheaters register version 0 at once; inclusion {w.chain.inclusion_policy}")

        gas = measured_gas(2, p["policy"])
        tx_limit = self._tx_gas_limit(w)
        per_tx = max(gas["unilateral_close"], gas["challenge"])
        G = p["block_gas_limit"]
        # The builder includes a transaction while its gas *limit* fits what is left of the block.
        per_block = (G - tx_limit) // per_tx + 1 if G >= tx_limit else 0
        delay = p["censor_blocks"] if p["inclusion"] == "censor" else 0
        # Sufficient: every registration and challenge (2K transactions) is in a block within
        # T - 1 - delay blocks of the registrations, so each challenge precedes every deadline.
        need = math.ceil(2 * K / per_block) if per_block else math.inf
        holds = need + 1 + delay <= T
        ctx.metric("gas.register", gas["unilateral_close"])
        ctx.metric("gas.challenge", gas["challenge"])
        ctx.metric("tx_gas_limit", tx_limit)
        ctx.metric("txs_per_block", per_block)
        ctx.metric("blocks_needed", int(need) if per_block else -1)
        ctx.step(f"{per_block} channel txs fit a block of {G:,} gas: {need} blocks for 2K="
                 f"{2 * K} txs (+{delay} censored) vs T={T}: assumption "
                 f"{'holds' if holds else 'violated'}")

        deadline = per_block and math.ceil(4 * K / per_block) + 4 * T + 20
        for _ in range(deadline or 4 * T + 20):
            if all(c.record().status == "closed" for c in channels):
                break
            w.run(1)
        closed = sum(c.record().status == "closed" for c in channels)
        lost = [max(0, b - v.received(w)) for v, b in zip(victims, latest)]
        ctx.metric("channels_closed", closed)
        ctx.metric("victims_with_loss", sum(x > 0 for x in lost))
        ctx.metric("value_lost_wei", sum(lost))
        ctx.metric("exit_blocks", w.block_number - start)
        ctx.metric("challenges_submitted", sum(v.stats.challenges_submitted for v in victims))
        ctx.step(f"{closed}/{K} channels closed after {w.block_number - start} blocks; "
                 f"{sum(x > 0 for x in lost)} victims lost {sum(lost)} wei")
        ctx.check("every channel closed", closed == K, f"{closed}/{K}")
        ctx.check("no victim loses value (each ends with >= its latest balance)",
                  sum(lost) == 0, f"lost {sum(lost)} wei over {sum(x > 0 for x in lost)} victims",
                  assumption_violated=not holds)
        ctx.check("conservation over all channels: payouts == deposits",
                  all(ch.check_conservation(w, c.adjudicator, c.parties) is None
                      for c in channels if c.record().status == "closed"))
        ctx.check("adjudicator solvency and funding invariants (every block)",
                  w.violation_count == 0, "; ".join(v.detail for v in w.violations[:3]))
        ctx.metric("gas.victims", sum(v.gas_used(w) for v in victims))
        ctx.metric("messages", sum(c.messages() for c in channels))

    def _channel(self, w: World, i: int, p: dict[str, Any]) -> Channel:
        if not hasattr(self, "_adj"):
            self._adj = ch.deploy_adjudicator(w)
            w.add_invariant(ch.AdjudicatorSolvency(self._adj))
        accts = [w.new_account(balance=100 * ETHER) for _ in range(2)]
        params = ch.ChannelParams([a.address for a in accts], [ETHER, ETHER],
                                  challenge_period=p["challenge_period"], funding_timeout=1000,
                                  policy=p["policy"], nonce=i)
        parties = [ch.StaleRegistrar(f"cheater{i}", accts[0]), ch.Party(f"victim{i}", accts[1])]
        ch.setup_channel(w, parties, params, self._adj)
        for x in parties:
            w.add_actor(x)
        return Channel(w, self._adj, params, parties, accounts=accts)

    def _fund(self, ctx: Context, channels: list[Channel]) -> None:
        w = ctx.world
        for c in channels:
            c.parties[0].submit_open(w)
        for _ in range(2 * len(channels) + 10):
            if all(c.record().status != "none" for c in channels):
                break
            w.run(1)
        for c in channels:
            for x in c.parties:
                x.submit_deposit(w)
        for _ in range(4 * len(channels) + 10):
            if all(c.record().status == "open" for c in channels):
                break
            w.run(1)
        ctx.check("every channel funded before the exit",
                  all(c.record().status == "open" for c in channels))
        ctx.step(f"{len(channels)} channels open and funded")

    @staticmethod
    def _tx_gas_limit(w: World) -> int:
        pending = w.chain.pending
        if not pending:
            raise RuntimeError("mass exit: no registration pending")
        return int(pending[0].tx.gas_limit)
