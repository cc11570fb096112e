"""The tables of :class:`l2lab.fault.FaultRollup` (a mixin): games, claims and players as dicts of
equal-length columns, ``pandas.DataFrame(table)``-ready. Every figure is read from the chain
(the game contract's storage and logs) except the per-player action counts and gas, which are
the players' own statistics."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._core.fault import (
    game_credit,
    proposal_invalid,
    topic_claim_moved,
    topic_claim_stepped,
    topic_game_created,
    topic_game_resolved,
    topic_root_forwarded,
)
from .core import rlp_decode


class FaultTables:
    """Mixed into FaultRollup, which provides world, game_contract, players, fault_config,
    block_time, game_infos(), claim_infos(), bonds_posted() and credits_paid()."""

    if TYPE_CHECKING:
        world: Any
        game_contract: Any
        players: dict[str, Any]
        fault_config: Any

        @property
        def block_time(self) -> int: ...

        game_config: Any

        def game_infos(self) -> list[Any]: ...
        def claim_infos(self, game: int) -> list[Any]: ...
        def bonds_posted(self) -> dict[str, int]: ...
        def credits_paid(self) -> dict[str, int]: ...

    def _names(self) -> dict[str, str]:
        return {str(p.account.address): name for name, p in self.players.items()}

    def _game_logs(self, topic: bytes) -> dict[int, list[Any]]:
        out: dict[int, list[Any]] = {}
        for log in self.world.chain.logs(self.game_contract, [topic]):
            out.setdefault(int.from_bytes(log.topics[1], "big"), []).append(log)
        return out

    def games_table(self) -> dict[str, list[Any]]:
        """One row per game: status, resolution time (s and blocks from creation), claims,
        depth reached (``max_claim_depth``), ``steps`` (one-step proofs and prove_invalid that
        countered a claim), ``rounds`` (levels of moves played, + 1 when a step countered
        something), bonds posted, and finality: the block its root was forwarded and the block
        it became final for withdrawals."""
        bt = self.block_time
        stepped = self._game_logs(topic_claim_stepped())
        forwarded = self._game_logs(topic_root_forwarded())
        delay = self.fault_config.finality_delay_blocks
        cols: dict[str, list[Any]] = {k: [] for k in (
            "game", "parent", "l1_block", "status", "invalid", "trace_length", "depth", "positions",
            "claims", "max_claim_depth", "steps", "rounds", "bonds", "created_block",
            "resolved_seconds", "resolved_blocks", "forwarded_block", "final_block",
            "finality_blocks", "finality_s")}
        for g in self.game_infos():
            claims = self.claim_infos(g.index)
            deepest = max(c.depth for c in claims)
            steps = len(stepped.get(g.index, []))  # one-step proofs and prove_invalid
            resolved_s = g.resolved_time - g.created_time if g.status != "in_progress" else None
            fwd = forwarded.get(g.index)
            fwd_block = fwd[0].block_number if fwd else None
            final_block = fwd_block + delay if fwd_block is not None else None
            cols["game"].append(g.index)
            cols["parent"].append(g.parent)
            cols["l1_block"].append(g.l1_block)
            cols["status"].append(g.status)
            cols["invalid"].append(bool(proposal_invalid(self.world.chain, self.game_contract, g.index)))
            cols["trace_length"].append(g.trace_length)
            cols["depth"].append(g.depth)
            cols["positions"].append(g.positions)
            cols["claims"].append(g.claim_count)
            cols["max_claim_depth"].append(deepest)
            cols["steps"].append(steps)
            cols["rounds"].append(deepest + (1 if steps else 0))
            cols["bonds"].append(sum(int(c.bond) for c in claims))
            cols["created_block"].append(g.created_block)
            cols["resolved_seconds"].append(resolved_s)
            cols["resolved_blocks"].append(None if resolved_s is None else -(-resolved_s // bt))
            cols["forwarded_block"].append(fwd_block)
            cols["final_block"].append(final_block)
            fin = None if final_block is None else final_block - g.created_block
            cols["finality_blocks"].append(fin)
            cols["finality_s"].append(None if fin is None else fin * bt)
        return cols

    def claims_table(self) -> dict[str, list[Any]]:
        """One row per claim of every game: tree position, interval, claimant (player name when
        known), bond, clock, who countered it, resolution."""
        names = self._names()
        cols: dict[str, list[Any]] = {k: [] for k in (
            "game", "claim", "parent", "depth", "choice", "start", "length", "claimant", "player",
            "bond", "clock_duration", "clock_timestamp", "countered_by", "countered_by_player",
            "resolved", "children")}
        for g in self.game_infos():
            for c in self.claim_infos(g.index):
                who = str(c.claimant)
                by = None if c.countered_by is None else str(c.countered_by)
                cols["game"].append(g.index)
                cols["claim"].append(c.index)
                cols["parent"].append(c.parent)
                cols["depth"].append(c.depth)
                cols["choice"].append(c.choice)
                cols["start"].append(c.start)
                cols["length"].append(c.length)
                cols["claimant"].append(who)
                cols["player"].append(names.get(who))
                cols["bond"].append(int(c.bond))
                cols["clock_duration"].append(c.clock_duration)
                cols["clock_timestamp"].append(c.clock_timestamp)
                cols["countered_by"].append(by)
                cols["countered_by_player"].append(None if by is None else names.get(by))
                cols["resolved"].append(c.resolved)
                cols["children"].append(len(c.children))
        return cols

    def players_table(self) -> dict[str, list[Any]]:
        """One row per player: what it believes; its actions, reverted transactions (by reason)
        and L1 gas and fees (in total and by kind) as it counted them (a crash forgets what was
        in flight); and its bond flow read from the chain: bonds posted (its claims), credits
        paid out to it and still unclaimed, and ``bond_net`` = paid + unclaimed − posted (wei)."""
        cols: dict[str, list[Any]] = {k: [] for k in (
            "player", "believes", "proposals", "moves", "steps", "resolutions", "forwards",
            "credit_claims", "gas_used", "fees_paid", "bonds_posted", "credits_received",
            "credit_unclaimed", "bond_net", "reverted", "reverts", "gas_by_kind")}
        posted, paid = self.bonds_posted(), self.credits_paid()
        for name, p in self.players.items():
            s = p.stats
            address = p.account.address
            unclaimed = int(game_credit(self.world.chain, self.game_contract, address))
            bonds, credits = posted.get(str(address), 0), paid.get(str(address), 0)
            cols["player"].append(name)
            cols["believes"].append(p.variant_name)
            for k in ("proposals", "moves", "steps", "resolutions", "forwards", "credit_claims",
                      "gas_used", "reverted"):
                cols[k].append(int(getattr(s, k)))
            cols["fees_paid"].append(int(s.fees_paid))
            cols["bonds_posted"].append(bonds)
            cols["credits_received"].append(credits)
            cols["credit_unclaimed"].append(unclaimed)
            cols["bond_net"].append(credits + unclaimed - bonds)
            cols["reverts"].append(dict(s.reverts))
            cols["gas_by_kind"].append(dict(s.gas_by_kind))
        return cols

    def dispute_events(self, game: int) -> dict[str, list[Any]]:
        """Game ``game`` as the generic dispute event table of ``l2lab.plot.dispute_timeline``
        (columns block, actor, move, position, bond, clock): the proposal (``claim``), every
        move (``attack`` for choice < k - 1, ``defend`` for the last choice: OP's two moves
        when k = 2) at its depth, every one-step proof (``step``, by whoever countered), and
        the game's resolution; ``clock`` is the blocks left to the mover's team after it moved
        (0 for steps and the resolution), ``bond`` its bond in wei. Actors are player names
        where known. ``l2lab.plot.dispute_timeline(pandas.DataFrame(events))`` draws it."""
        names = self._names()
        k = self.game_config.branching
        max_clock = self.game_config.max_clock_duration
        claims = self.claim_infos(game)
        cols: dict[str, list[Any]] = {c: [] for c in ("block", "actor", "move", "position", "bond",
                                                       "clock")}

        def add(block: int, who: Any, move: str, depth: int, bond: int, clock_s: int) -> None:
            cols["block"].append(block)
            cols["actor"].append(names.get(str(who), str(who)))
            cols["move"].append(move)
            cols["position"].append(depth)
            cols["bond"].append(bond)
            cols["clock"].append(max(0, max_clock - clock_s) // self.block_time)

        for log in self._game_logs(topic_game_created()).get(game, []):
            root = claims[0]
            add(log.block_number, root.claimant, "claim", 0, int(root.bond), 0)
        for log in self._game_logs(topic_claim_moved()).get(game, []):
            c = claims[int.from_bytes(rlp_decode(log.data)[0], "big")]
            move = "defend" if c.depth > 1 and c.choice == k - 1 else "attack"
            add(log.block_number, c.claimant, move, c.depth, int(c.bond), c.clock_duration)
        for log in self._game_logs(topic_claim_stepped()).get(game, []):
            c = claims[int.from_bytes(rlp_decode(log.data)[0], "big")]
            add(log.block_number, c.countered_by, "step", c.depth, 0, max_clock)
        for log in self._game_logs(topic_game_resolved()).get(game, []):
            add(log.block_number, "game", "resolve", 0, 0, max_clock)
        order = sorted(range(len(cols["block"])), key=lambda i: cols["block"][i])
        return {c: [v[i] for i in order] for c, v in cols.items()}
