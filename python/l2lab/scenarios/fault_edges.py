"""Fault-proof scenarios F4, F5, F7 (SCENARIOS.md): bond solvency under random actors, clock and
resolution edges played by hand against the contract, and the differential one-step check
(off-chain trace vs the verifier the contract runs, on random positions and mutated proofs,
and on-chain at the bottom of real games)."""

from __future__ import annotations

from typing import Any

from .. import fault as F
from .. import DecodeError, Error
from ..core import rlp_encode
from ..crypto import keccak256
from ..scenario import Context, Param, Scenario, register
from .fault import deploy, history, record, settle, value_accounted

ETH = 10**18


def call(r: F.FaultRollup, who: Any, data: bytes, value: int = 0, gas: int = 3_000_000) -> Any:
    """Send one game-contract call from ``who`` and mine it; its receipt."""
    out = r.world.call(who, r.game_contract, data, value, gas_limit=gas)
    if not out.accepted:
        raise RuntimeError(f"game call refused by the mempool: {out.detail}")
    r.world.mine(1)
    rc = r.world.chain.receipt(out.tx_hash)
    if rc is None:
        raise RuntimeError("game call not included in the next block")
    return rc


def reason(rc: Any) -> str:
    """'ok', or the revert reason's name (its first word)."""
    return "ok" if rc.success else rc.revert_reason.split(":")[0].split(" ")[0]


def mine_until(r: F.FaultRollup, timestamp: int) -> None:
    """Mine empty of actors until the next block would have ``timestamp``."""
    bt = r.block_time
    while r.world.timestamp + bt < timestamp:
        r.world.mine(1)


@register
class BondSolvency(Scenario):
    name = "fault.bond_solvency"
    description = ("F4: random actors (wrong-root proposers, attackers, clock burners, an "
                   "exhaustive player) against honest players over several games, then full "
                   "resolution. After every block the game contract holds exactly the unresolved "
                   "bonds plus unclaimed credits; at the end it holds 0, Σ payouts = Σ bonds, "
                   "no bond is locked and no wrong root was forwarded.")
    tags = {"area": "fault", "adversary": "random actors", "harness": "SC"}
    params = {
        "actors": Param(3, "random adversaries", minimum=0, maximum=12),
        "blocks": Param(10, "blocks of proposing before the players only finish", minimum=2,
                        maximum=200),
        "branching": Param(2, "k of k-ary dissection", minimum=2, maximum=8),
    }
    KINDS = ("wrong_root", "attacker", "burner", "exhaustive")

    def body(self, ctx: Context) -> None:
        p = ctx.params
        rng = ctx.world.stream("fault/bond_solvency")
        r = deploy(ctx, branching=p["branching"])
        history(ctx, r)
        r.honest_proposer(every_blocks=3 + rng.uniform(4))
        r.honest_challenger()
        for i in range(p["actors"]):
            kind = self.KINDS[rng.uniform(len(self.KINDS))]
            cheat = F.CHEATS[rng.uniform(len(F.CHEATS))]
            name = f"{kind}{i}"
            if kind == "wrong_root":
                r.wrong_root_proposer(cheat, name, every_blocks=2 + rng.uniform(5))
            elif kind == "attacker":
                r.valid_root_attacker(cheat, name)
            elif kind == "burner":
                r.clock_burner(cheat, name, propose=rng.bernoulli(0.5))
            else:
                r.exhaustive_player(name, max_claims_per_game=24)
            ctx.step(f"added {name} ({kind}, believes {r.players[name].variant_name})")

        def solvent(_w: Any) -> str | None:
            gap = r.solvency_gap()
            return None if gap == 0 else f"game balance - (unresolved bonds + credits) = {gap} wei"

        r.world.add_invariant("fault solvency", solvent)
        r.world.run(p["blocks"])
        for player in r.players.values():
            player.options.propose_every_blocks = 0
        ctx.step(f"{len(r.game_infos())} games after {p['blocks']} blocks; proposals stop")
        if not settle(ctx, r, 1500):
            return
        ctx.check("solvency after every block", r.world.violation_count == 0,
                  "; ".join(str(v) for v in r.world.violations[:3]))
        value_accounted(ctx, r)
        locked = [(g.index, c.index) for g in r.game_infos() for c in r.claim_infos(g.index)
                  if not c.resolved]
        ctx.check("no bond locked: every claim resolved", not locked, str(locked[:5]))
        node = r.verifier()
        wrong = [x.l1_block for x in r.roots()
                 if bytes(x.root) != bytes(node.state_at(x.l1_block).state_root)]
        ctx.check("no wrong root forwarded", not wrong, f"wrong roots at blocks {wrong}")
        ctx.metric("games", len(r.game_infos()))
        ctx.metric("claims", sum(g.claim_count for g in r.game_infos()))
        ctx.metric("l1_gas", sum(r.players_table()["gas_used"]))


@register
class ClockEdges(Scenario):
    name = "fault.clock_edges"
    description = ("F5: resolution and clock edges played by hand: a move at the last allowed "
                   "block lands with exactly the clock extension left, one block later it is "
                   "refused; the other side moves while it still has time; claims resolve only "
                   "after their subgames; a resolved game refuses moves, steps and re-resolution "
                   "and stays unchanged; a trace of exactly k^max_depth steps is accepted, one "
                   "more refused; every bond is paid out in the end.")
    tags = {"area": "fault", "adversary": "scripted", "harness": "SC"}
    params = {
        "branching": Param(2, "k of k-ary dissection", minimum=2, maximum=8),
        "max_depth": Param(4, "GameConfig.max_depth (the depth boundary)", minimum=2, maximum=8),
    }

    def body(self, ctx: Context) -> None:
        p = ctx.params
        k = p["branching"]
        r = deploy(ctx, branching=k, max_depth=p["max_depth"], max_clock=120, extension=24)
        history(ctx, r, small=True)
        cfg, bt = r.game_config, r.block_time
        dave = r.world.new_account(balance=10 * ETH)  # defends
        eve = r.world.new_account(balance=10 * ETH)   # challenges
        block = r.world.block_number - 1
        trace = r.trace(0, block)
        cap = k ** p["max_depth"]
        if not ctx.check("the history fits the depth boundary", len(trace) <= cap,
                         f"{len(trace)} steps > {cap}"):
            return
        end = trace.final_state
        # Two proposals in one block (same clocks), a third one step too deep.
        sent = [r.world.call(dave, r.game_contract, F.game_propose(None, block, end, length),
                             r.bond(0), gas_limit=1_000_000) for length in (len(trace), cap, cap + 1)]
        r.world.mine(1)
        receipts = [r.world.chain.receipt(s.tx_hash) for s in sent]
        games = r.game_infos()
        ctx.check("a trace of exactly k^max_depth steps is accepted", len(games) == 2
                  and games[1].depth == p["max_depth"], f"{len(games)} games")
        ctx.check("one step more is refused (bad_trace_length)",
                  receipts[2] is not None and reason(receipts[2]) == "bad_trace_length",
                  receipts[2].revert_reason if receipts[2] is not None else "not included")
        if len(games) != 2:
            return
        a = games[0]
        created = a.created_time
        ctx.step(f"games 0 and 1 created at t={created}; clocks {cfg.max_clock_duration} s")

        # 1. The last allowed block: t - created = max - bt; one block later: refused.
        mine_until(r, created + cfg.max_clock_duration - bt)
        first = [trace.commitment(i * a.positions // k) for i in range(1, k)]
        rc = call(r, eve, F.game_move(0, 0, 0, first), r.bond(1))
        ctx.check("a move at the last allowed block lands", rc.success, rc.revert_reason)
        c1 = F.read_claim(r.world.chain, r.game_contract, 0, 1)
        ctx.check("the late mover gets exactly the clock extension",
                  c1.clock_duration == cfg.max_clock_duration - cfg.clock_extension,
                  f"duration {c1.clock_duration}")
        ctx.metric("gas.move", rc.gas_used)
        rc = call(r, eve, F.game_move(1, 0, 0, first), r.bond(1))
        ctx.check("one block later the move is refused (clock_expired)",
                  reason(rc) == "clock_expired", rc.revert_reason)
        rc = call(r, eve, F.game_resolve_claim(0, 1))
        ctx.check("a claim whose challengers still have time cannot be resolved",
                  reason(rc) == "clock_not_expired", rc.revert_reason)

        # 2. The other side still has time: dave answers after most of its clock.
        mine_until(r, c1.clock_timestamp + cfg.max_clock_duration - 3 * bt)
        sub = c1.length // k
        second = [trace.commitment(i * sub // k) for i in range(1, k)]
        rc = call(r, dave, F.game_move(0, 1, 0, second), r.bond(2))
        ctx.check("the defender moves while its clock still runs", rc.success, rc.revert_reason)
        c2 = F.read_claim(r.world.chain, r.game_contract, 0, 2)

        # 3. Resolution order.
        rc = call(r, eve, F.game_resolve_claim(0, 0))
        ctx.check("the root cannot be resolved before its subgame",
                  reason(rc) == "children_unresolved", rc.revert_reason)
        mine_until(r, c1.clock_timestamp + cfg.max_clock_duration)
        rc = call(r, eve, F.game_resolve_claim(0, 1))
        ctx.check("a claim cannot be resolved before its own subgame (clock out, child open)",
                  reason(rc) == "children_unresolved", rc.revert_reason)
        steps = [(0, 2), (0, 1), (0, 0)]
        outs = [reason(call(r, eve, F.game_resolve_claim(g, c))) for g, c in steps]
        ctx.check("claims resolve bottom-up once their clocks are out", outs == ["ok"] * 3, str(outs))
        rc = call(r, eve, F.game_resolve(0))
        ctx.check("the game resolves", rc.success, rc.revert_reason)
        ctx.metric("gas.resolve", rc.gas_used)

        # 4. A resolved game is immutable.
        before = _snapshot(r, 0)
        attempts = {
            "move": call(r, eve, F.game_move(0, 2, 0, second), r.bond(3)),
            "step": call(r, eve, F.game_step(0, 2, 0, trace.prove(0))),
            "resolve_claim": call(r, eve, F.game_resolve_claim(0, 1)),
            "resolve": call(r, eve, F.game_resolve(0)),
        }
        got = {kind: reason(rc) for kind, rc in attempts.items()}
        ctx.check("a resolved game refuses every change",
                  all(v != "ok" for v in got.values()) and got["move"] == "game_over", str(got))
        ctx.check("a resolved game stays unchanged", _snapshot(r, 0) == before)

        # 5. Game 1 (nobody moved in time) resolves for its defender; every bond is paid out.
        call(r, dave, F.game_resolve_claim(1, 0))
        call(r, dave, F.game_resolve(1))
        for who in (dave, eve):
            if F.game_credit(r.world.chain, r.game_contract, who.address) > 0:
                call(r, who, F.game_claim_credit(who.address))
        status = [g.status for g in r.game_infos()]
        ctx.check("both games resolved", "in_progress" not in status, str(status))
        ctx.check("no bond locked: the game contract holds 0", r.games_balance() == 0,
                  f"{r.games_balance()} wei")
        ctx.metric("claims", sum(g.claim_count for g in r.game_infos()))


def _snapshot(r: F.FaultRollup, game: int) -> list[str]:
    g = F.read_game(r.world.chain, r.game_contract, game)
    out = [repr(g), str(g.resolved_time), str(g.status)]
    for c in r.claim_infos(game):
        out.append(f"{c!r}|{c.bond}|{c.countered_by}|{c.clock_duration}|{c.children}")
    return out


@register
class DifferentialStep(Scenario):
    name = "fault.differential_step"
    description = ("F7: random positions of a machine trace, each step re-executed by the "
                   "verifier the game contract runs (stateless, preimages checked against the "
                   "inbox) and by the off-chain stateless executor: equal post-states; random "
                   "byte flips of the proofs are rejected (or provably harmless), and the "
                   "contract, stepping at the bottom of real games, decides exactly as off-chain.")
    tags = {"area": "fault", "adversary": "malformed witnesses", "harness": "SC"}
    params = {
        "samples": Param(16, "random positions checked off-chain", minimum=1, maximum=10_000),
        "mutations": Param(16, "byte-flipped proofs checked off-chain", minimum=0, maximum=10_000),
        "onchain": Param(2, "games played to the bottom to step on-chain", minimum=0, maximum=16),
        "onchain_mutations": Param(3, "mutated proofs stepped on-chain per game", minimum=0,
                                   maximum=32),
        "da": Param("calldata", "batch data availability", choices=("calldata", "blob")),
        "branching": Param(2, "k of k-ary dissection", minimum=2, maximum=8),
    }

    def body(self, ctx: Context) -> None:
        p = ctx.params
        rng = ctx.world.stream("fault/differential")
        r = deploy(ctx, branching=p["branching"], da=p["da"], max_clock=3600, extension=360)
        history(ctx, r)
        block = r.world.block_number - 1
        book = F.TraceBook(r.deployment)
        book.sync(r.world.chain)
        trace = book.trace_between(0, block)
        n = len(trace)
        ctx.step(f"trace of {n} steps to the end of L1 block {block}")
        cfg = r.game_config
        positions = [0, n - 1, n + 2] + [rng.uniform(n) for _ in range(p["samples"])]
        bad: list[str] = []
        kinds: dict[str, int] = {}
        for pos in positions:
            proof = trace.prove(pos)
            want = trace.commitment(pos + 1)
            verified = r.verify_step(proof, block)
            offchain = F.execute_step(trace.state(pos), block, cfg.machine, cfg.stf, book.source,
                                      proof.witness)
            kinds[verified.kind] = kinds.get(verified.kind, 0) + 1
            if (verified.post.commitment() != want or offchain.post.commitment() != want
                    or verified.kind != trace.step_kind(pos)):
                bad.append(f"position {pos}")
        ctx.check("trace, off-chain executor and on-chain verifier agree on every sampled step",
                  not bad, ", ".join(bad[:5]))
        ctx.metric("steps_checked", len(positions))
        ctx.step(f"step kinds checked: {kinds}")

        outcomes: dict[str, int] = {}
        unsound = []
        for _ in range(p["mutations"]):
            pos = rng.uniform(n)
            data, at = _mutate(rng, trace.prove(pos).encode())
            got = classify(r, trace, pos, block, data)
            outcomes[got] = outcomes.get(got, 0) + 1
            if got == "counters":
                unsound.append(f"position {pos} byte {at}")
        ctx.check("no mutated proof changes the post-state of an agreed pre-state", not unsound,
                  ", ".join(unsound[:5]))
        ctx.step(f"mutated proofs off-chain: {outcomes}")
        for key, count in outcomes.items():
            ctx.metric(f"mutations.{key}", count)

        for i in range(p["onchain"]):
            self._onchain(ctx, r, trace, block, rng, wrong_leaf=i % 2 == 1,
                          mutations=p["onchain_mutations"])

    def _onchain(self, ctx: Context, r: F.FaultRollup, trace: Any, block: int, rng: Any,
                 wrong_leaf: bool, mutations: int) -> None:
        """Propose the honest root, bisect (one account plays both sides, always with the trace's
        values except, when ``wrong_leaf``, the bottom claim's own values) down to a random
        leaf, then step there: mutated proofs first, then the honest one."""
        k = r.game_config.branching
        eve = r.world.new_account(balance=10 * ETH)
        rc = call(r, eve, F.game_propose(None, block, trace.final_state, len(trace)), r.bond(0))
        if not ctx.check("the honest root is proposed", rc.success, rc.revert_reason):
            return
        g = len(r.game_infos()) - 1
        info = r.game_infos()[g]
        target = rng.uniform(info.positions)
        claim, start, length = 0, 0, info.positions
        for depth in range(1, info.depth + 1):
            if depth == 1:
                choice = 0
            else:
                sub = length // k
                choice = (target - start) // sub
                start, length = start + choice * sub, sub
            values = [trace.commitment(start + i * length // k) for i in range(1, k)]
            if wrong_leaf and depth == info.depth:
                values = [keccak256(b"wrong" + v) for v in values]
            rc = call(r, eve, F.game_move(g, claim, choice, values), r.bond(depth))
            if not ctx.check(f"game {g}: move to depth {depth}", rc.success, rc.revert_reason):
                return
            claim = F.read_game(r.world.chain, r.game_contract, g).claim_count - 1
        j = 0 if wrong_leaf else target - start
        pos = start + j
        ctx.step(f"game {g}: bisected to leaf claim {claim} [{start}, {start + k}]; step at {pos}")
        mismatches = []
        for _ in range(mutations):
            data, _at = _mutate(rng, trace.prove(pos).encode())
            offchain = classify(r, trace, pos, block, data)
            if offchain == "counters":
                mismatches.append("unsound mutation")
                continue
            rc = call(r, eve, rlp_encode([2, g, claim, j, data]), gas=12_000_000)
            onchain = reason(rc)
            expect = offchain if not wrong_leaf or offchain != "step_agrees" else "ok"
            if onchain != expect:
                mismatches.append(f"off-chain {offchain} / on-chain {onchain}")
            if rc.success:
                break
        rc = call(r, eve, F.game_step(g, claim, j, trace.prove(pos)), gas=12_000_000)
        want = "ok" if wrong_leaf else "step_agrees"
        if reason(rc) not in (want, "already_countered"):
            mismatches.append(f"honest step: {reason(rc)} instead of {want}")
        ctx.check(f"game {g}: the contract decides every step as off-chain "
                  f"({'wrong' if wrong_leaf else 'honest'} leaf)", not mismatches,
                  "; ".join(mismatches[:4]))
        if rc.success:
            ctx.metric("gas.step", rc.gas_used)


def _mutate(rng: Any, data: bytes) -> tuple[bytes, int]:
    out = bytearray(data)
    at = rng.uniform(len(out))
    out[at] ^= 1 + rng.uniform(255)
    return bytes(out), at


def classify(r: F.FaultRollup, trace: Any, pos: int, block: int, data: bytes) -> str:
    """What the game contract must answer to a step at ``pos`` with proof bytes ``data`` against
    a claim agreeing with the trace: ``invalid_proof`` (undecodable, or the step cannot be
    re-executed from it), ``bad_pre_state`` (not the agreed pre-state), ``step_agrees`` (it
    reaches the trace's post-state) or ``counters`` (a different post-state from the agreed
    pre-state: a soundness failure)."""
    try:
        proof = F.OneStepProof.decode(data)
    except DecodeError:
        return "invalid_proof"
    if keccak256(proof.pre_state) != trace.commitment(pos):
        return "bad_pre_state"
    try:
        post = r.verify_step(proof, block).post
    except Error:  # what the contract catches: MissingData, DecodeError, InvalidArgument
        return "invalid_proof"
    return "step_agrees" if post.commitment() == trace.commitment(pos + 1) else "counters"
