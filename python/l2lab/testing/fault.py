"""Hypothesis harness for the dispute game: :class:`FaultMachine`, a ``RuleBasedStateMachine``.

One action vocabulary drives a :class:`~l2lab.fault.FaultRollup`: honest and wrong proposals
(sent by hand from plain accounts), random moves and one-step proofs from a random account
(honest or garbage values, any claim, any choice: the contract must refuse what breaks its
rules with a typed reason), time passing (blocks in which the players act), a crash and
restart of the honest player, and resolution calls from anyone. Two players run throughout:
``honest`` (honest STF, answers every wrong claim, resolves) and ``liar`` (believes a tampered
trace, defends the wrong proposals and attacks the honest ones).

Invariants after every rule:

* solvency: the game contract's balance = unresolved bonds + unclaimed credits;
* resolved games are immutable (status, claims, bonds, counters never change again);
* a wrong root is never forwarded to the inbox (every inbox root is the honest one).

At teardown every game is driven to full resolution (everyone resolves, credits are claimed
for every participant): no bond may stay locked, the contract must hold 0, Σ payouts = Σ bonds
posted, and every honest proposal must have won. The honest player's outages are kept inside
the protocol's assumption (short, and far below a clock), so an honest loss is a failure.

Subclass it and change :meth:`FaultMachine.configure` (branching, clocks) or add rules::

    from l2lab.testing.fault import FaultMachine
    TestFault = FaultMachine.TestCase
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from .. import World
from .. import fault as F
from ..crypto import keccak256

ETH = 10**18


class FaultMachine(RuleBasedStateMachine):
    """See the module docstring."""

    #: Longest outage of the honest player per crash (blocks) and in total.
    max_outage_blocks = 2
    max_total_outage_blocks = 6

    def configure(self) -> dict[str, Any]:
        """Deployment: ``branching`` (k), ``max_clock`` and ``extension`` (seconds),
        ``finality_delay`` (blocks)."""
        return {"branching": 2, "max_clock": 360, "extension": 36, "finality_delay": 1}

    @initialize(seed=st.integers(0, 2**32 - 1))
    def setup(self, seed: int) -> None:
        cfg = self.configure()
        self.world = World(seed=seed)
        game = F.quick_game_config(branching=cfg["branching"], max_clock_duration=cfg["max_clock"],
                                   clock_extension=cfg["extension"])
        self.r = F.FaultRollup(self.world, F.FaultRollupConfig(
            rollup=F.fault_rollup_config(), game=game,
            finality_delay_blocks=cfg["finality_delay"]))
        self.r.traffic(users=2, transfers=2, skipped=True)
        self.honest = self.r.honest_challenger("honest")
        self.liar_account = self.world.new_account(balance=100 * ETH)
        self.lie = F.make_cheat("tampered", account=self.liar_account.address)
        self.liar = self.r.valid_root_attacker(self.lie, "liar")
        self.pam = self.world.new_account(balance=100 * ETH)      # honest proposals
        self.mallory = self.world.new_account(balance=100 * ETH)  # wrong proposals
        self.rando = self.world.new_account(balance=100 * ETH)    # random moves
        self.honest_games: set[int] = set()
        self.frozen: dict[int, list[str]] = {}
        self.outage = 0

    # ---- helpers ----
    def _send(self, who: Any, data: bytes, value: int = 0, gas: int = 3_000_000) -> None:
        self.world.call(who, self.r.game_contract, data, value, gas_limit=gas)

    def _propose(self, who: Any, believes: Any) -> None:
        block = self.world.block_number - 1
        if block < 1:
            return
        trace = self.r.trace(0, block, believes=believes)
        count = len(self.r.game_infos())
        self._send(who, F.game_propose(None, block, trace.final_state, len(trace)), self.r.bond(0))
        self.world.run(1)
        if believes == "honest" and len(self.r.game_infos()) > count:
            self.honest_games.add(count)

    def _open_games(self) -> list[Any]:
        return [g for g in self.r.game_infos() if g.status == "in_progress"]

    # ---- rules ----
    @rule()
    def propose_honest(self) -> None:
        self._propose(self.pam, "honest")

    @rule()
    def propose_wrong(self) -> None:
        self._propose(self.mallory, self.lie)

    @precondition(lambda self: bool(self._open_games()))
    @rule(game=st.integers(0, 63), claim=st.integers(0, 255), choice=st.integers(0, 7),
          garbage=st.booleans(), bond_delta=st.sampled_from([0, 0, 0, 1, -1]))
    def move(self, game: int, claim: int, choice: int, garbage: bool, bond_delta: int) -> None:
        games = self._open_games()
        g = games[game % len(games)]
        claims = self.r.claim_infos(g.index)
        c = claims[claim % len(claims)]
        k = self.r.game_config.branching
        choice = 0 if c.parent is None else choice % k
        length = g.positions if c.parent is None else c.length // k
        start = 0 if c.parent is None else c.start + choice * length
        book = self.r.trace(0, g.l1_block)
        values = [book.commitment(start + i * length // k) for i in range(1, k)]
        if garbage:
            values = [keccak256(b"garbage" + v) for v in values]
        bond = max(0, self.r.bond(c.depth + 1) + bond_delta)
        self._send(self.rando, F.game_move(g.index, c.index, choice, values), bond)
        self.world.run(1)

    @precondition(lambda self: bool(self._open_games()))
    @rule(game=st.integers(0, 63), claim=st.integers(0, 255), choice=st.integers(0, 7))
    def step(self, game: int, claim: int, choice: int) -> None:
        games = self._open_games()
        g = games[game % len(games)]
        leaves = [c for c in self.r.claim_infos(g.index) if c.depth == g.depth and c.parent is not None]
        if not leaves:
            return
        c = leaves[claim % len(leaves)]
        j = choice % self.r.game_config.branching
        proof = self.r.trace(0, g.l1_block).prove(c.start + j)
        self._send(self.rando, F.game_step(g.index, c.index, j, proof), gas=12_000_000)
        self.world.run(1)

    @rule(blocks=st.integers(1, 4))
    def mine_blocks(self, blocks: int) -> None:
        self.world.run(blocks)

    @precondition(lambda self: self.outage < self.max_total_outage_blocks)
    @rule(blocks=st.integers(0, 2))
    def crash_restart_honest(self, blocks: int) -> None:
        blocks = min(blocks, self.max_outage_blocks, self.max_total_outage_blocks - self.outage)
        self.outage += blocks
        self.r.crash(self.honest)
        self.world.run(blocks)
        self.r.restart(self.honest)
        self.world.run(1)

    @precondition(lambda self: bool(self.r.game_infos()))
    @rule(game=st.integers(0, 63), claim=st.integers(0, 255), whole=st.booleans())
    def resolve(self, game: int, claim: int, whole: bool) -> None:
        games = self.r.game_infos()
        g = games[game % len(games)]
        if whole:
            self._send(self.rando, F.game_resolve(g.index))
        else:
            self._send(self.rando, F.game_resolve_claim(g.index, claim % g.claim_count))
        self.world.run(1)

    # ---- invariants ----
    @invariant()
    def solvent(self) -> None:
        if hasattr(self, "r"):
            assert self.r.solvency_gap() == 0, f"solvency gap {self.r.solvency_gap()} wei"

    @invariant()
    def resolved_games_immutable(self) -> None:
        if not hasattr(self, "r"):
            return
        for g in self.r.game_infos():
            if g.status == "in_progress":
                continue
            now = _fingerprint(self.r, g.index)
            before = self.frozen.setdefault(g.index, now)
            assert now == before, f"resolved game {g.index} changed"

    @invariant()
    def no_wrong_root_forwarded(self) -> None:
        if not hasattr(self, "r") or not self.r.roots():
            return
        node = self.r.verifier()
        for root in self.r.roots():
            assert bytes(root.root) == bytes(node.state_at(root.l1_block).state_root), \
                f"wrong root forwarded for L1 block {root.l1_block}"

    # ---- teardown: full resolution ----
    def teardown(self) -> None:
        if not hasattr(self, "r"):
            return
        r = self.r
        if self.honest.id is not None and not self.world.is_online(self.honest):
            r.restart(self.honest)
        for p in r.players.values():
            p.options.resolve_everything = True
        limit = 40 * (r.game_config.max_clock_duration // r.block_time + 2)
        for _ in range(limit):
            if all(g.status != "in_progress" for g in r.game_infos()):
                break
            self.world.run(1)
        statuses = {g.index: g.status for g in r.game_infos()}
        assert "in_progress" not in statuses.values(), f"games never resolved: {statuses}"
        for gi in self.honest_games:
            assert statuses[gi] == "defender_wins", f"honest proposal {gi} lost"
        self.world.run(3)  # forwards and the players' own credit claims
        for address in r._participants():
            if F.game_credit(self.world.chain, r.game_contract, address) > 0:
                self._send(self.rando, F.game_claim_credit(address))
        self.world.run(2)
        locked = [(g.index, c.index) for g in r.game_infos() for c in r.claim_infos(g.index)
                  if not c.resolved]
        assert not locked, f"bonds locked in unresolved claims {locked}"
        assert r.games_balance() == 0, f"game contract holds {r.games_balance()} wei"
        posted, paid = sum(r.bonds_posted().values()), sum(r.credits_paid().values())
        assert posted == paid, f"bonds posted {posted} wei != payouts {paid} wei"
        self.no_wrong_root_forwarded()


def _fingerprint(r: F.FaultRollup, game: int) -> list[str]:
    g = F.read_game(r.world.chain, r.game_contract, game)
    out = [f"{g.status}|{g.resolved_time}|{g.claim_count}|{bytes(g.root_value).hex()}"]
    for c in r.claim_infos(game):
        out.append(f"{c.index}|{c.parent}|{c.claimant}|{c.bond}|{c.choice}|{c.countered_by}|"
                   f"{c.resolved}|{c.clock_duration}|{c.children}")
    return out


__all__ = ["FaultMachine"]
