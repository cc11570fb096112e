"""Fault-proof scenarios F1-F3, F6, F8 (SCENARIOS.md): players against a dispute game. F4, F5
and F7 (scripted edges, random solvency, differential one-step) are in ``fault_edges``.

Every party is a real :class:`~l2lab.fault.TracePlayer` running the real game code; cheaters
differ only in the trace they believe (a cheating STF) and in their timing. Metrics, per run:
``rounds`` (levels of moves + the ending proof), ``claims``, ``depth`` (game depth D),
``gas.<player>`` (L1 gas), ``bond_net.<player>`` (credits − bonds, wei), ``l1_gas`` (all
players), ``resolved_blocks`` / ``resolved_s`` (game creation to resolution) and, for a root that
became final, ``finality_blocks`` / ``finality_s`` (proposal to withdrawable root).
"""

from __future__ import annotations

from typing import Any

from .. import fault as F
from ..rollup import TxKind, inbox_finalize_withdrawal
from ..scenario import Context, Param, Scenario, register

ETH = 10**18


def deploy(ctx: Context, *, branching: int = 2, max_clock: int = 120, extension: int = 24,
           delay: int = 2, max_depth: int = 63, da: str = "calldata",
           forced_window: int = 3, player_balance: int = 100 * ETH) -> F.FaultRollup:
    """A FaultRollup on ctx.world with a quick game (clocks in seconds, 12 s blocks)."""
    game = F.quick_game_config(branching=branching, max_clock_duration=max_clock,
                               clock_extension=extension, max_depth=max_depth)
    cfg = F.FaultRollupConfig(rollup=F.fault_rollup_config(forced_window=forced_window, da=da),
                              game=game, finality_delay_blocks=delay,
                              player_balance=player_balance)
    r = F.FaultRollup(ctx.world, cfg)
    ctx.step(f"deployed a fault-proof rollup: k={branching}, clocks {max_clock} s "
             f"(+{extension} s extension), finality delay {delay} blocks, {da} batches")
    return r


def history(ctx: Context, r: F.FaultRollup, *, small: bool = False) -> list[Any]:
    """Deposits, transfers, a withdrawal and two skipped forced txs (or, ``small``, one deposit
    and one transfer) for the disputes to be about."""
    if small:
        keys = r.traffic(users=2, transfers=1, skipped=False)
        ctx.step("L2 history: 2 deposits, 1 transfer")
        return keys
    keys = r.traffic()
    r.submit(r.transfer(keys[1], keys[2].address, 77, fee=10, kind=TxKind.WITHDRAWAL))
    r.world.run(2)
    ctx.step("L2 history: 3 deposits, 4 transfers, 1 withdrawal, an unfunded and a "
             "bad-signature forced tx (both skipped by the STF)")
    return keys


def wait_for_game(ctx: Context, r: F.FaultRollup, count: int = 1, max_blocks: int = 10) -> bool:
    for _ in range(max_blocks):
        if len(r.game_infos()) >= count:
            return True
        r.world.run(1)
    return ctx.check(f"{count} proposal(s) made", len(r.game_infos()) >= count)


def settle(ctx: Context, r: F.FaultRollup, max_blocks: int = 400) -> bool:
    blocks = r.settle(max_blocks)
    ctx.step(f"ran {blocks} blocks: every game resolved, roots forwarded, credits claimed")
    return ctx.check("every game settles (resolved, forwarded when won, game holds 0)",
                     r.settled(), f"after {blocks} blocks; game balance {r.games_balance()} wei")


def honest_root(r: F.FaultRollup, l1_block: int) -> bytes:
    return bytes(r.verifier().state_at(l1_block).state_root)


def record(ctx: Context, r: F.FaultRollup, game: int = 0) -> None:
    """The suite's metrics for game ``game`` and every player."""
    games = r.games_table()
    if game < len(games["game"]):
        ctx.metric("rounds", games["rounds"][game])
        ctx.metric("claims", games["claims"][game])
        ctx.metric("depth", games["depth"][game])
        ctx.metric("trace_length", games["trace_length"][game])
        if games["resolved_blocks"][game] is not None:
            ctx.metric("resolved_blocks", games["resolved_blocks"][game])
            ctx.metric("resolved_s", games["resolved_seconds"][game])
        if games["finality_blocks"][game] is not None:
            ctx.metric("finality_blocks", games["finality_blocks"][game])
            ctx.metric("finality_s", games["finality_s"][game])
    players = r.players_table()
    for name, gas, net in zip(players["player"], players["gas_used"], players["bond_net"]):
        ctx.metric(f"gas.{name}", gas)
        ctx.metric(f"bond_net.{name}", net)
    ctx.metric("l1_gas", sum(players["gas_used"]))


def value_accounted(ctx: Context, r: F.FaultRollup) -> None:
    """Game holds 0; Σ credits paid = Σ bonds posted (both read from the chain)."""
    posted, paid = sum(r.bonds_posted().values()), sum(r.credits_paid().values())
    ctx.check("the game contract holds 0 after full resolution", r.games_balance() == 0,
              f"{r.games_balance()} wei left")
    ctx.check("Σ payouts = Σ bonds", posted == paid, f"bonds {posted} wei, payouts {paid} wei")


def no_reverts(ctx: Context, p: Any, allowed: tuple[str, ...] = ()) -> None:
    bad = {k: v for k, v in p.stats.reverts.items() if k not in allowed}
    ctx.check(f"{p.name} had no reverted transaction" + (" (races aside)" if allowed else ""),
              not bad, str(bad))


@register
class InvalidRoot(Scenario):
    name = "fault.invalid_root"
    description = ("F1: a proposer posts a root that does not follow from the batches (overspend "
                   "applied, bad signature applied, wrong fee, tampered trace); one honest "
                   "challenger wins within its clock, the root never reaches the inbox, its bond "
                   "moves, and withdrawals proven from the wrong state are refused. mode "
                   "non_interactive: the challenger re-executes the whole proposal in one tx.")
    tags = {"area": "fault", "adversary": "wrong-root proposer", "harness": "SC"}
    params = {
        "cheat": Param("tampered", "what the proposer's STF does wrong",
                       choices=("overspend", "bad_signature", "wrong_fee", "tampered")),
        "branching": Param(2, "k of k-ary dissection", minimum=2, maximum=16),
        "mode": Param("interactive", "how the challenger disputes",
                      choices=("interactive", "non_interactive")),
    }

    def body(self, ctx: Context) -> None:
        p = ctx.params
        r = deploy(ctx, branching=p["branching"])
        keys = history(ctx, r)
        cheater = r.wrong_root_proposer(p["cheat"])
        interactive = p["mode"] == "interactive"
        honest = r.honest_challenger(challenge=interactive)
        if not wait_for_game(ctx, r):
            return
        g = r.game_infos()[0]
        ctx.step(f"cheater ({cheater.variant_name}) proposed L1 block {g.l1_block}: trace of "
                 f"{g.trace_length} steps, game depth {g.depth}")
        ctx.check("the cheat really changes the root", bytes(g.state_root) != honest_root(r, g.l1_block))
        if not interactive:
            tx = honest.prove_invalid(r.world, 0)
            r.world.run(1)
            rc = r.world.chain.receipt(tx)
            ctx.check("prove_invalid succeeds in one transaction", rc is not None and rc.success,
                      rc.revert_reason if rc is not None else "not included")
            if rc is not None:
                ctx.metric("noninteractive_gas", rc.gas_used)
                limit = r.world.chain.config.block_gas_limit
                ctx.metric("noninteractive_block_share", rc.gas_used / limit)
                ctx.step(f"prove_invalid used {rc.gas_used:,} gas ({rc.gas_used / limit:.1%} of a block)")
        if not settle(ctx, r):
            return
        g = r.game_infos()[0]
        ctx.check("the challenger wins", g.status == "challenger_wins", g.status)
        ctx.check("the wrong root never reaches the inbox",
                  all(bytes(root.root) != bytes(g.state_root) for root in r.roots()),
                  f"{len(r.roots())} roots")
        ctx.check("the proposal is marked invalid",
                  F.proposal_invalid(r.world.chain, r.game_contract, 0))
        claims = r.claim_infos(0)
        mine = str(honest.account.address)
        late = [c.index for c in claims if str(c.claimant) == mine
                and c.clock_duration >= r.game_config.max_clock_duration]
        ctx.check("the challenger moved within its clock", not late, f"late claims {late}")
        t = r.players_table()
        net = dict(zip(t["player"], t["bond_net"]))
        ctx.check("the cheater's bond moves to the challenger",
                  net["cheater"] < 0 < net["challenger"], str(net))
        no_reverts(ctx, honest)
        value_accounted(ctx, r)
        self._withdrawals(ctx, r, keys, p["cheat"], cheater)
        record(ctx, r)

    def _withdrawals(self, ctx: Context, r: F.FaultRollup, keys: list[Any], cheat: str,
                     cheater: Any) -> None:
        """An honest root for the same block becomes final; the withdrawal proven from the
        cheater's state is refused against it, the honest proof is accepted."""
        r.honest_proposer("proposer")
        if not wait_for_game(ctx, r, 2, 20) or not settle(ctx, r):
            return
        roots = r.roots()
        ctx.check("an honest root became final afterwards", len(roots) == 1, f"{len(roots)} roots")
        if not roots:
            return
        r.world.run(r.fault_config.finality_delay_blocks + 1)
        sender = keys[1].address
        lie = F.make_cheat(cheat, account=cheater.account.address)
        bad_state = r.trace(0, roots[0].l1_block, believes=lie).final_l2_state()
        w = bad_state.withdrawal(sender, 0)
        if w is None:
            ctx.check("the withdrawal is in the cheater's state", False)
            return
        forged = inbox_finalize_withdrawal(0, w, bad_state.prove_withdrawal(sender, 0))
        payer = r.world.new_account(balance=ETH)
        out = r.world.call(payer, r.inbox, forged, gas_limit=1_000_000)
        r.world.mine(1)
        rc = r.world.chain.receipt(out.tx_hash)
        ok = rc is not None and not rc.success
        ctx.check("a withdrawal proven from the wrong state is refused", ok,
                  rc.revert_reason if rc is not None else "not included")
        good = r.withdrawal_claim(sender, 0, 0)
        out = r.world.call(payer, r.inbox, good, gas_limit=1_000_000)
        r.world.mine(1)
        rc = r.world.chain.receipt(out.tx_hash)
        ctx.check("the same withdrawal proven against the final honest root succeeds",
                  rc is not None and rc.success, rc.revert_reason if rc is not None else "")


@register
class ValidRootAttacked(Scenario):
    name = "fault.valid_root_attacked"
    description = ("F2: an honest proposal is attacked by a challenger believing a wrong trace; "
                   "freeloaders (players that only resolve others' claims) watch. The defender "
                   "wins and is forwarded, the attacker's bonds go to the defender, freeloaders "
                   "earn 0.")
    tags = {"area": "fault", "adversary": "challenger attacking valid roots", "harness": "SC"}
    params = {
        "cheat": Param("tampered", "what the attacker believes", choices=F.CHEATS),
        "freeloaders": Param(2, "players that only resolve", minimum=0, maximum=8),
        "branching": Param(2, "k of k-ary dissection", minimum=2, maximum=16),
    }

    def body(self, ctx: Context) -> None:
        p = ctx.params
        r = deploy(ctx, branching=p["branching"])
        history(ctx, r)
        proposer = r.honest_proposer()
        attacker = r.valid_root_attacker(p["cheat"])
        free = [r.add_player(f"freeloader{i}", challenge=False, resolve_everything=True)
                for i in range(p["freeloaders"])]
        if not wait_for_game(ctx, r) or not settle(ctx, r):
            return
        g = r.game_infos()[0]
        ctx.step(f"game over after {g.claim_count} claims: {g.status}")
        ctx.check("the defender wins", g.status == "defender_wins", g.status)
        ctx.check("the valid root is forwarded to the inbox", g.forwarded and any(
            bytes(x.root) == bytes(g.state_root) for x in r.roots()))
        ctx.check("the root was really attacked", attacker.stats.moves > 0 and g.claim_count > 2,
                  f"{attacker.stats.moves} moves")
        t = r.players_table()
        net = dict(zip(t["player"], t["bond_net"]))
        ctx.check("the attacker's bonds go to the defender",
                  net["proposer"] == -net["attacker"] > 0, str(net))
        ctx.check("freeloaders earn 0",
                  all(net[f.name] == 0 and f.stats.credits_received == 0 for f in free), str(net))
        no_reverts(ctx, proposer)
        value_accounted(ctx, r)
        record(ctx, r)
        ctx.metric("gas.freeloaders", sum(f.stats.gas_used for f in free))


@register
class ExhaustiveDishonest(Scenario):
    name = "fault.exhaustive"
    description = ("F3: an exhaustive dishonest player makes every legal move of a small game "
                   "(every choice, honest and wrong values, every countering step) against a "
                   "correct or an incorrect root; the outcome is still the correct one, honest "
                   "players lose nothing and every bond is paid out.")
    tags = {"area": "fault", "adversary": "exhaustive player", "harness": "SC"}
    params = {
        "root_correct": Param(False, "whether the proposed root is correct"),
        "max_claims": Param(80, "claim budget of the exhaustive player per game", minimum=4,
                            maximum=1000),
        "branching": Param(2, "k of k-ary dissection", minimum=2, maximum=4),
    }

    def body(self, ctx: Context) -> None:
        p = ctx.params
        r = deploy(ctx, branching=p["branching"])
        history(ctx, r, small=True)
        if p["root_correct"]:
            proposer = r.honest_proposer()
            honest = [proposer]
        else:
            proposer = r.wrong_root_proposer("tampered")
            honest = [r.honest_challenger()]
        ex = r.exhaustive_player(max_claims_per_game=p["max_claims"])
        if not wait_for_game(ctx, r) or not settle(ctx, r, 1200):
            return
        g = r.game_infos()[0]
        want = "defender_wins" if p["root_correct"] else "challenger_wins"
        ctx.step(f"the exhaustive player tried {ex.attempted} moves/steps; {g.claim_count} claims")
        ctx.check(f"the correct outcome ({want})", g.status == want, g.status)
        ctx.check("the exhaustive player explored the game", ex.attempted > 3 and g.claim_count > 3,
                  f"attempted {ex.attempted}, claims {g.claim_count}")
        t = r.players_table()
        net = dict(zip(t["player"], t["bond_net"]))
        ctx.check("honest players lose no bond", all(net[h.name] >= 0 for h in honest), str(net))
        for h in honest:
            no_reverts(ctx, h, ("move: duplicate_claim", "step: already_countered"))
        value_accounted(ctx, r)
        record(ctx, r)
        ctx.metric("exhaustive_attempts", ex.attempted)


@register
class Sybils(Scenario):
    name = "fault.sybils"
    description = ("F6: N sybil challengers (each with its own wrong trace) attack one valid "
                   "root. The honest defender answers each; metrics: its gas and bonds vs N and "
                   "the confirmation delay. A defender without the funds to answer (outspent) is "
                   "reported as an assumption violation.")
    tags = {"area": "fault", "adversary": "sybil challengers", "harness": "SC"}
    params = {
        "n": Param(2, "number of sybil challengers", minimum=1, maximum=64),
        "defender_eth": Param(100.0, "the defender's L1 funds in ETH (each sybil has 100)",
                              minimum=0, maximum=10_000),
    }

    def body(self, ctx: Context) -> None:
        p = ctx.params
        r = deploy(ctx)
        history(ctx, r, small=True)
        proposer = r.honest_proposer(balance=int(p["defender_eth"] * ETH))
        sybils = r.sybils(p["n"])
        ctx.step(f"{p['n']} sybils attack the honest proposal")
        if not wait_for_game(ctx, r):
            return
        settled = r.settle(1500)
        ctx.step(f"ran {settled} blocks")
        g = r.game_infos()[0]
        t = r.players_table()
        net = dict(zip(t["player"], t["bond_net"]))
        outspent = _outspent(r, proposer, g.depth)
        ctx.check("the defender wins against every sybil",
                  g.status == "defender_wins" and r.settled(),
                  f"status {g.status}" + (" (the defender was outspent)" if outspent else ""),
                  assumption_violated=outspent)
        ctx.check("every sybil loses bond", all(net[s.name] < 0 for s in sybils), str(net),
                  assumption_violated=outspent)
        value_accounted(ctx, r)
        record(ctx, r)
        ctx.metric("honest_gas", proposer.stats.gas_used)
        ctx.metric("honest_bonds_posted", int(proposer.stats.bonds_posted))
        ctx.metric("n", p["n"])


def _outspent(r: F.FaultRollup, player: Any, depth: int) -> bool:
    """Whether ``player`` can no longer pay for its costliest action: the deepest bond plus a
    step's gas limit at twice the base fee plus 1 gwei (what the mempool asks of a sender)."""
    base_fee = int(r.world.chain.block(r.world.block_number).header.base_fee_per_gas)
    need = r.bond(depth) + player.options.step_gas_limit * (2 * base_fee + 10**9)
    return int(r.world.chain.balance(player.account.address)) < need


@register
class CrashRestart(Scenario):
    name = "fault.crash_restart"
    description = ("F8: the honest challenger crashes (forgets its traces and in-flight txs) and "
                   "stays offline, mid-bisection or after winning but before claiming; after the "
                   "restart it rebuilds from the chain, wins and gets its bonds back.")
    tags = {"area": "fault", "adversary": "crash", "harness": "SC"}
    params = {
        "when": Param("mid_bisection", "when the crash happens",
                      choices=("mid_bisection", "after_winning")),
        "outage_blocks": Param(3, "blocks offline", minimum=0, maximum=8),
    }

    def body(self, ctx: Context) -> None:
        p = ctx.params
        r = deploy(ctx, max_clock=240)
        history(ctx, r)
        r.wrong_root_proposer("tampered")
        honest = r.honest_challenger()
        if not wait_for_game(ctx, r):
            return
        if p["when"] == "mid_bisection":
            for _ in range(40):
                if r.game_infos()[0].claim_count > 2:
                    break
                r.world.run(1)
            ctx.check("the bisection is under way at the crash", r.game_infos()[0].claim_count > 2)
        else:
            for _ in range(200):
                if r.game_infos()[0].status != "in_progress":
                    break
                r.world.run(1)
            ctx.check("the game is won at the crash", r.game_infos()[0].status == "challenger_wins")
        claims_at_crash = r.game_infos()[0].claim_count
        r.crash(honest)
        ctx.step(f"challenger crashed with {claims_at_crash} claims on the board; offline for "
                 f"{p['outage_blocks']} blocks")
        r.world.run(p["outage_blocks"])
        r.restart(honest)
        if not settle(ctx, r):
            return
        g = r.game_infos()[0]
        ctx.check("the honest outcome holds", g.status == "challenger_wins", g.status)
        me = str(honest.account.address)
        posted, paid = r.bonds_posted().get(me, 0), r.credits_paid().get(me, 0)
        ctx.check("honest bonds refunded (and the cheater's won)", paid > posted,
                  f"posted {posted}, received {paid} wei")
        no_reverts(ctx, honest, ("move: duplicate_claim", "step: already_countered"))
        value_accounted(ctx, r)
        record(ctx, r)


from . import fault_edges  # noqa: E402,F401  (F4, F5, F7)
