"""Players on a FaultRollup: honest and cheating outcomes end to end, Python subclasses of
TracePlayer and StfVariant, the tables, crash/restart, determinism."""

from __future__ import annotations

from typing import Any

import l2lab
from l2lab import fault as F


def _wrong_root_game(seed: int = 11, **challenger: Any) -> tuple[F.FaultRollup, Any, Any]:
    r = F.FaultRollup(l2lab.World(seed=seed))
    r.traffic()
    cheater = r.wrong_root_proposer("tampered")
    honest = r.honest_challenger(**challenger)
    r.world.run(2)
    return r, cheater, honest


def test_wrong_root_loses_and_the_tables_tell_the_story() -> None:
    r, cheater, honest = _wrong_root_game()
    assert r.settle() < 400 and r.settled()
    games = r.games_table()
    assert games["status"] == ["challenger_wins"] and games["invalid"] == [True]
    assert games["steps"] == [1] and games["rounds"][0] == games["max_claim_depth"][0] + 1
    assert games["max_claim_depth"][0] == games["depth"][0]
    assert games["forwarded_block"] == [None] and games["finality_blocks"] == [None]
    assert games["resolved_seconds"][0] > 0
    claims = r.claims_table()
    assert len(claims["claim"]) == games["claims"][0]
    assert set(claims["player"]) == {"cheater", "challenger"}
    assert claims["countered_by_player"].count("challenger") >= 1
    players = r.players_table()
    row = {k: dict(zip(players["player"], v)) for k, v in players.items()}
    assert row["believes"] == {"cheater": "mint", "challenger": "honest"}
    assert row["bond_net"]["cheater"] == -row["bond_net"]["challenger"] < 0
    assert row["steps"]["challenger"] == 1 and row["gas_used"]["challenger"] > 0
    assert row["reverted"]["challenger"] == 0 and row["credit_unclaimed"]["challenger"] == 0
    assert r.roots() == [] and r.games_balance() == 0 and r.solvency_gap() == 0
    import pandas as pd

    assert len(pd.DataFrame(games)) == 1 and len(pd.DataFrame(claims)) == games["claims"][0]


def test_dispute_events_feed_the_timeline_plot() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import pandas as pd

    import l2lab.plot as lp

    r, _, _ = _wrong_root_game(seed=16)
    r.settle()
    ev = pd.DataFrame(r.dispute_events(0))
    g = r.games_table()
    assert list(ev.columns) == list(lp.DISPUTE_EVENT_COLUMNS)
    assert ev["move"].iloc[0] == "claim" and ev["move"].iloc[-1] == "resolve"
    assert (ev["move"] == "step").sum() == g["steps"][0]
    assert len(ev[ev["move"].isin(["attack", "defend"])]) == g["claims"][0] - 1
    assert list(ev["block"]) == sorted(ev["block"])
    assert set(ev["actor"]) == {"cheater", "challenger", "game"}
    assert ev["position"].max() == g["depth"][0]
    assert lp.dispute_timeline(ev).get_title() == "dispute timeline"


def test_honest_proposal_becomes_final_after_clock_and_delay() -> None:
    w = l2lab.World(seed=2)
    r = F.FaultRollup(w, F.FaultRollupConfig(finality_delay_blocks=3))
    r.traffic(skipped=False)
    r.honest_proposer()
    w.run(2)
    r.settle()
    g = r.games_table()
    assert g["status"] == ["defender_wins"] and g["claims"] == [1] and g["rounds"] == [0]
    assert g["final_block"][0] == g["forwarded_block"][0] + 3
    # Unchallenged: resolved once the challenger's clock (10 blocks) ran out.
    assert g["resolved_seconds"][0] >= r.game_config.max_clock_duration
    assert g["finality_s"][0] == g["finality_blocks"][0] * 12
    assert len(r.roots()) == 1


class Lazy(F.TracePlayer):
    """Honest, but only plays games whose index is odd; records what it was asked."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.asked: list[int] = []

    def plays(self, game: Any) -> bool:
        self.asked.append(game.index)
        return game.index % 2 == 1


def test_python_subclass_policies_are_called() -> None:
    r, _cheater, _ = _wrong_root_game(challenge=False)  # the built-in challenger watches only
    lazy = r.add_player("lazy", kind=Lazy)
    r.world.run(8)
    assert lazy.asked and set(lazy.asked) == {0}
    assert lazy.stats.moves == 0  # game 0 is even: it does not play it
    assert r.game_infos()[0].claim_count == 1


class SkewedDissection(F.TracePlayer):
    """Posts wrong values in every dissection (a Python-made liar on top of the honest trace)."""

    def dissection(self, game: Any, start: int, length: int) -> list[bytes]:
        honest = super().dissection(game, start, length)
        return [l2lab.keccak256(b"skew" + v) for v in honest]


def test_python_dissection_override_posts_its_values_and_loses() -> None:
    r = F.FaultRollup(l2lab.World(seed=4))
    r.traffic()
    r.honest_proposer()
    skew = r.add_player("skew", kind=SkewedDissection)
    r.world.run(2)
    # The skewed player agrees with the root: it only attacks claims it disagrees with, and
    # every one of its values is wrong; a valid attacker gives it something to answer.
    r.valid_root_attacker("tampered")
    r.settle(600)
    assert r.game_infos()[0].status == "defender_wins"
    claims = r.claims_table()
    skewed = [i for i, p in enumerate(claims["player"]) if p == "skew"]
    assert skewed and all(claims["countered_by_player"][i] == "proposer" for i in skewed)
    assert r.games_balance() == 0


class ShoutingVariant(F.StfVariant):
    """A Python cheat: after step 1, 777 wei appear in an account of its choice."""

    def __init__(self, account: Any) -> None:
        super().__init__()
        self.account = account
        self.calls = 0

    def name(self) -> str:
        return "shout"

    def after_step(self, state: Any, config: Any, step: int, op: Any = None,
                   outcome: Any = None) -> None:
        self.calls += 1
        if step == 1:
            acct = state.account(self.account)
            acct.balance = acct.balance + 777
            state.set_account(self.account, acct)


def test_python_stf_variant_cheats_and_loses() -> None:
    w = l2lab.World(seed=6)
    r = F.FaultRollup(w)
    r.traffic()
    lie = ShoutingVariant(l2lab.PrivateKey.from_int(99).address)
    p = r.add_player("shouter", believes=lie, propose_every_blocks=1000)
    assert p.variant_name == "shout"
    r.honest_challenger()
    w.run(2)
    g = r.game_infos()[0]
    assert lie.calls > 0
    assert bytes(g.state_root) != bytes(r.verifier().state_at(g.l1_block).state_root)
    honest = r.trace(0, g.l1_block)
    cheat = r.trace(0, g.l1_block, believes=lie)
    assert honest.commitment(1) == cheat.commitment(1) and honest.commitment(2) != cheat.commitment(2)
    r.settle()
    assert r.game_infos()[0].status == "challenger_wins"


class Watcher(F.TracePlayer):
    """Overrides on_block, keeps the protocol play through super()."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.blocks: list[int] = []

    def on_block(self, world: Any, block: Any) -> None:
        self.blocks.append(block.header.number)
        super().on_block(world, block)


def test_actor_hook_override_keeps_playing() -> None:
    w = l2lab.World(seed=8)
    r = F.FaultRollup(w)
    r.traffic()
    r.wrong_root_proposer("overspend")
    watcher = r.add_player("watcher", kind=Watcher)
    w.run(2)
    r.settle()
    assert len(watcher.blocks) > 10
    assert r.game_infos()[0].status == "challenger_wins" and watcher.stats.steps == 1


def test_send_from_python_subclass_is_accounted() -> None:
    r, _, honest = _wrong_root_game(seed=12, challenge=False, resolve=False)
    g = r.game_infos()[0]
    t = r.trace(0, g.l1_block)
    sent = honest.send(r.world, F.game_move(0, 0, 0, [t.commitment(g.positions // 2)]),
                       r.bond(1), 1_000_000, "manual_move", "k1")
    again = honest.send(r.world, F.game_move(0, 0, 0, [t.commitment(g.positions // 2)]),
                        r.bond(1), 1_000_000, "manual_move", "k1")
    assert sent and not again  # same key in flight
    r.world.run(2)
    assert honest.stats.bonds_posted == r.bond(1) and honest.stats.gas_used > 0


def test_exhaustive_player_cannot_flip_a_wrong_root() -> None:
    r = F.FaultRollup(l2lab.World(seed=13))
    r.traffic(users=2, transfers=1, skipped=False)
    r.wrong_root_proposer("tampered")
    honest = r.honest_challenger()
    ex = r.exhaustive_player(max_claims_per_game=40)
    r.world.run(2)
    r.settle(1000)
    assert r.game_infos()[0].status == "challenger_wins"
    assert ex.attempted > 5 and honest.stats.credits_received >= honest.stats.bonds_posted
    assert r.games_balance() == 0


def test_non_interactive_proof_and_its_gas() -> None:
    r, _, honest = _wrong_root_game(seed=14, challenge=False)
    tx = honest.prove_invalid(r.world, 0)
    r.world.run(1)
    rc = r.world.chain.receipt(tx)
    assert rc.success and 100_000 < rc.gas_used < r.world.chain.config.block_gas_limit
    assert r.claim_infos(0)[0].countered_by == honest.account.address
    r.settle()
    assert r.game_infos()[0].status == "challenger_wins"


def test_crash_mid_bisection_and_restart() -> None:
    r, _, honest = _wrong_root_game(seed=15)
    r.world.run(4)
    assert r.game_infos()[0].claim_count > 2
    r.crash("challenger")
    assert not r.world.is_online(honest)
    r.world.run(2)
    r.restart(honest)
    r.settle()
    assert r.game_infos()[0].status == "challenger_wins"
    assert honest.stats.credits_received > honest.stats.bonds_posted


def _digest(seed: int) -> bytes:
    r, _, _ = _wrong_root_game(seed=seed)
    r.settle()
    return r.world.trace_digest()


def test_same_seed_same_trace_digest() -> None:
    assert _digest(21) == _digest(21)
    assert _digest(21) != _digest(22)
