"""Channel test helpers: a one-call channel set-up and a Hypothesis ``RuleBasedStateMachine`` base.

>>> from l2lab.testing.channel import build_channel
>>> import l2lab
>>> c = build_channel(l2lab.World(seed=3), n=2)
>>> c.parties[0].pay(c.world, 1, 10**17); c.world.run(2)
>>> c.balances()
[900000000000000000, 2100000000000000000]

Subclass :class:`ChannelMachine` to explore channels with Hypothesis; its rules are pay, drop
messages, crash/restart, go offline (within the challenge period), register a stale state, mine
blocks (time passing), challenge; its invariants (checked after every rule) are adjudicator
solvency and no usable balance before funding; at teardown every honest party must end with at
least its latest balance, no honest party may have been penalised and value must be conserved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import World
from .. import channel as ch
from ..sim import LinkConfig

ETHER = 10**18


@dataclass
class Channel:
    """A built channel: the world, the adjudicator, params, parties (participant order), tower."""

    world: World
    adjudicator: Any
    params: Any
    parties: list[Any]
    tower: Any = None
    accounts: list[Any] = field(default_factory=list)
    stores: list[Any] = field(default_factory=list)

    def balances(self, index: int = 0) -> list[int]:
        """Balances of the latest state held by party `index`."""
        return list(self.parties[index].engine.latest.state.balances)

    def record(self) -> Any:
        return self.parties[0].record(self.world)

    def run_until(self, status: str, max_blocks: int) -> int:
        """Run until the channel's on-chain status is `status` (or max_blocks); blocks run."""
        for i in range(max_blocks):
            if self.record().status == status:
                return i
            self.world.run(1)
        return max_blocks

    def gas(self) -> dict[str, int]:
        out = {p.name: p.gas_used(self.world) for p in self.parties}
        if self.tower is not None:
            out[self.tower.name] = self.tower.gas_used(self.world)
        return out

    def messages(self) -> int:
        return sum(p.stats.messages_sent for p in self.parties)


def build_channel(world: World, n: int = 2, *, deposits: list[int] | None = None,
                  challenge_period: int = 10, funding_timeout: int = 5,
                  policy: str = "latest_state_wins", kinds: list[type] | None = None,
                  durable: bool = False, tower: bool = False, tower_fee: int = 0,
                  fund: bool = True, nonce: int = 0) -> Channel:
    """Deploy the adjudicator, create n funded accounts and parties (``kinds[i]`` or Party),
    install the funding state, optionally a watchtower for every party after index 0, and (when
    `fund`) open and deposit so the channel is usable."""
    deposits = deposits if deposits is not None else [(i + 1) * ETHER for i in range(n)]
    adj = ch.deploy_adjudicator(world)
    accounts = [world.new_account(balance=100 * ETHER) for _ in range(n)]
    params = ch.ChannelParams([a.address for a in accounts], deposits,
                              challenge_period=challenge_period, funding_timeout=funding_timeout,
                              policy=policy, nonce=nonce)
    kinds = kinds or [ch.Party] * n
    parties, stores = [], []
    for i, (kind, acct) in enumerate(zip(kinds, accounts)):
        stores.append(ch.DurableStore() if durable else ch.MemoryStore())
        parties.append(kind(f"p{i}", acct, stores[-1]))
    ch.setup_channel(world, parties, params, adj)
    for p in parties:
        world.add_actor(p)
    world.add_invariant(ch.AdjudicatorSolvency(adj))
    world.add_invariant(ch.NoUsableBeforeFunded(parties))
    c = Channel(world, adj, params, parties, accounts=accounts, stores=stores)
    if tower:
        c.tower = ch.Watchtower("tower", world.new_account(balance=10 * ETHER), adj, tower_fee)
        tid = world.add_actor(c.tower)
        for p in parties[1:]:
            p.set_watchtower(tid, tower_fee)
    if fund:
        parties[0].submit_open(world)
        world.run(1)
        for p in parties:
            p.submit_deposit(world)
        world.run(2)
    return c


def honest_safe(c: Channel, party: Any) -> bool:
    return ch.check_honest_safety(c.world, party) is None


try:  # Hypothesis is a test dependency, not a runtime one
    from hypothesis.stateful import initialize, invariant, precondition, rule

    from . import machine as lean
except ImportError:  # pragma: no cover
    pass
else:
    # The rules' argument strategies, shared with the benchmark's empty twin of the machine
    # (``l2lab._bench_hypothesis``). Each argument is one integer choice for Hypothesis, drawn
    # directly by the machine's base (``l2lab.testing.machine``, with its step's rule): a party
    # is any index taken modulo the channel's n (64 values cover every sender/recipient pair of
    # up to 8 parties), a drop probability one of 51 precomputed values 0.00, 0.01, ..., 0.50.
    PARTY = lean.integers(0, 63)
    DROP_PROBABILITIES = tuple(i / 100 for i in range(51))
    RULE_ARGUMENTS: dict[str, dict[str, Any]] = {
        "setup": {"seed": lean.integers(0, 2**32 - 1)},
        "pay": {"sender": PARTY, "amount": lean.integers(0, 3 * ETHER)},
        "mine_blocks": {"blocks": lean.integers(1, 3)},
        "drop_messages": {"p": lean.sampled_from(DROP_PROBABILITIES)},
        "crash_restart": {"who": PARTY, "blocks": lean.integers(0, 3)},
        "victim_offline": {"who": PARTY, "blocks": lean.integers(1, 4)},
        "challenge": {},
        "register_stale": {},
    }

    def _is_open(machine: ChannelMachine) -> bool:
        return machine._open()

    def _may_cheat(machine: ChannelMachine) -> bool:
        return not machine.cheated and machine._open()

    class ChannelMachine(lean.LeanStateMachine):
        """Base state machine over an n-party channel (2 by default); party 0 is a
        StaleRegistrar (honest until the ``register_stale`` rule fires), parties 1..n-1 are
        honest with durable stores. Rules pick any sender and recipient, any party to crash, any
        honest party to go offline and every link to drop on. Override ``configure()`` to change
        the channel (n, policy, period).

        The base is :class:`~l2lab.testing.machine.LeanStateMachine`: a
        ``RuleBasedStateMachine`` that draws each step (rule, arguments; swarm testing once
        per example) with about half the Hypothesis choices, so about twice the steps per
        second; everything else is Hypothesis' own.

        One invariant runs after every rule: the World recorded no violation of its invariants
        (adjudicator solvency, no usable balance before funding: it checks them after every
        block) and no party holds a usable balance before funding now. Between blocks only the
        parties' off-chain state can change (a payment proposed, a state registered, a restart
        from the store), never the chain's, so solvency needs no check there."""

        seed = 0

        def configure(self) -> dict[str, Any]:
            """Keyword arguments of :func:`build_channel` (``n``, ``challenge_period``,
            ``policy``, ...); ``kinds`` replaces the party classes (default: a StaleRegistrar,
            then Party)."""
            return {"n": 2, "challenge_period": 8, "policy": "latest_state_wins"}

        def prepare(self, c: Channel) -> None:
            """Called once the channel is built and funded, before the first rule (hand the
            parties what they need, e.g. the World)."""

        @initialize(**RULE_ARGUMENTS["setup"])
        def setup(self, seed: int) -> None:
            cfg = dict(self.configure())
            n = cfg.pop("n", 2)
            kinds = cfg.pop("kinds", None) or [ch.StaleRegistrar] + [ch.Party] * (n - 1)
            self.c = build_channel(World(seed=seed), kinds=kinds, durable=True, **cfg, n=n)
            self.world = self.c.world
            self.parties = self.c.parties
            self.n = len(self.parties)
            self.cheated = False
            self.period = cfg.get("challenge_period", 8)
            self._status_at = (-1, "")
            self.prepare(self.c)

        def _open(self) -> bool:
            # Hypothesis evaluates the preconditions before every rule it draws; the on-chain
            # status changes only in a mined block, so it is read once per block.
            block = self.world.block_number
            if self._status_at[0] != block:
                self._status_at = (block, self.c.record().status)
            return self._status_at[1] == "open"

        @precondition(_is_open)
        @rule(**RULE_ARGUMENTS["pay"])
        def pay(self, sender: int, amount: int, to: int | None = None) -> None:
            """Party ``sender % n`` pays ``amount`` wei to the party ``1 + to % (n - 1)`` places
            after it; without ``to`` (as Hypothesis draws it) the offset is ``sender // n``, so
            one draw picks both ends."""
            n = self.n
            p = self.parties[sender % n]
            if not p.crashed:
                offset = sender // n if to is None else to
                p.pay(self.world, (sender % n + 1 + offset % (n - 1)) % n, amount)

        @rule(**RULE_ARGUMENTS["mine_blocks"])
        def mine_blocks(self, blocks: int) -> None:
            self.world.run(blocks)

        @rule(**RULE_ARGUMENTS["drop_messages"])
        def drop_messages(self, p: float) -> None:
            link = LinkConfig(drop_probability=p)
            network = self.world.network
            for a in self.parties:
                for b in self.parties:
                    if a is not b:
                        network.set_link(a.id, b.id, link)

        @rule(**RULE_ARGUMENTS["crash_restart"])
        def crash_restart(self, who: int, blocks: int) -> None:
            p = self.parties[who % self.n]
            if p.crashed:
                return
            p.crash()
            self.world.run(blocks)
            assert p.restart(self.world), "a durable store must bring the party back"
            self.world.run(1)

        @rule(**RULE_ARGUMENTS["victim_offline"])
        def victim_offline(self, blocks: int, who: int = 0) -> None:
            # Within the assumption: offline for fewer than challenge_period - 1 blocks.
            w = self.world
            v = self.parties[1 + who % (self.n - 1)]
            w.set_online(v.id, False)
            w.run(min(blocks, self.period - 2))
            w.set_online(v.id, True)
            w.run(1)  # online for a block before the next outage

        @rule(**RULE_ARGUMENTS["challenge"])
        def challenge(self) -> None:
            """The honest parties challenge at once (they also do so on their own every block
            they are online)."""
            for v in self.parties[1:]:
                record = self.c.record()
                if record.status != "disputed":
                    return
                if v.crashed:
                    continue
                if v.state_to_challenge_with().state.version > record.registered_version:
                    v.challenge(self.world)

        @precondition(_may_cheat)
        @rule(**RULE_ARGUMENTS["register_stale"])
        def register_stale(self) -> None:
            cheater = self.parties[0]
            if cheater.crashed:
                return
            cheater.cheat(self.world)
            self.cheated = True

        @invariant()
        def no_violations(self) -> None:
            if hasattr(self, "c"):
                w = self.world
                assert w.violation_count == 0, w.violations
                for p in self.parties:
                    err = ch.check_no_usable_before_funded(w, p)
                    assert err is None, err

        def teardown(self) -> None:
            if not hasattr(self, "c"):
                return
            c = self.c
            for p in c.parties:
                if p.crashed:
                    p.restart(c.world)
            if self.cheated:
                c.run_until("closed", 4 * self.period + 10)
                assert c.record().status == "closed"
                for v in c.parties[1:]:
                    assert honest_safe(c, v), ch.check_honest_safety(c.world, v)
                    err = ch.check_no_honest_penalised(c.world, v)
                    assert err is None, err
                err = ch.check_conservation(c.world, c.adjudicator, c.parties)
                assert err is None, err
