"""The Hypothesis RuleBasedStateMachine base for channels, run as users would subclass it, and
deterministic regressions of sequences it found."""

from __future__ import annotations

import pytest
from hypothesis import Phase, settings
from hypothesis.stateful import run_state_machine_as_test

import l2lab.channel as ch
from l2lab.testing.channel import ChannelMachine


class PenaltyMachine(ChannelMachine):
    def configure(self):
        return {"n": 2, "challenge_period": 8, "policy": "penalty"}


TestLatestStateWins = ChannelMachine.TestCase
TestLatestStateWins.settings = settings(max_examples=15, stateful_step_count=12, deadline=None)
TestPenalty = PenaltyMachine.TestCase
TestPenalty.settings = settings(max_examples=15, stateful_step_count=12, deadline=None)


class ThreePartyPenaltyMachine(ChannelMachine):
    """n > 2: any sender pays any other party, any party crashes, any honest party goes offline,
    every link drops; both honest parties must end safe and unpenalised."""

    def configure(self):
        return {"n": 3, "challenge_period": 8, "policy": "penalty"}


TestThreePartyPenalty = ThreePartyPenaltyMachine.TestCase
TestThreePartyPenalty.settings = settings(max_examples=12, stateful_step_count=12, deadline=None)


def test_machine_rules_reach_every_party_of_an_n_party_channel():
    m = ThreePartyPenaltyMachine()
    m.setup(seed=3)
    m.pay(sender=2, to=0, amount=10)   # party 2 pays party 1 ((2 + 1 + 0) % 3 = 0 -> index 0)
    m.pay(sender=1, to=1, amount=7)    # party 1 pays party 0 ((1 + 1 + 1) % 3)
    for _ in range(4):  # concurrent proposals conflict; the loser backs off and proposes again
        m.mine_blocks(blocks=3)
    bal = m.c.parties[0].engine.latest.state.balances
    assert bal == [10**18 + 10 + 7, 2 * 10**18 - 7, 3 * 10**18 - 10], bal
    m.victim_offline(blocks=2, who=1)  # the second honest party (index 2)
    assert m.c.parties[2].scanned_to == m.c.world.block_number + 1
    m.crash_restart(who=2, blocks=1)
    m.register_stale()
    m.challenge()
    m.teardown()


def _run(machine, steps):
    for name, kwargs in steps:
        getattr(machine, name)(**kwargs)
        machine.no_violations()
    machine.teardown()
    return machine


# Found by the machine (policy latest_state_wins, random profile): the cheater registered its
# (then latest) version 0 and at once proposed a payment; the victim, offline for a while,
# countersigned it at the deadline block (too late to challenge) and adopted the completed state
# after the channel had closed, so it "held" a balance it could never enforce. Fixed in the
# protocol: no off-chain update once a state is registered, and a completed state is adopted
# during a dispute only while a challenge with it can still be included.
BRIEF_SEQUENCE = [
    ("setup", {"seed": 0}), ("register_stale", {}), ("pay", {"amount": 1, "sender": 0}),
    ("victim_offline", {"blocks": 1}), ("victim_offline", {"blocks": 1}),
    ("drop_messages", {"p": 0.0}), ("victim_offline", {"blocks": 3}),
]
SHRUNK_SEQUENCE = [
    ("setup", {"seed": 0}), ("register_stale", {}), ("pay", {"amount": 1, "sender": 0}),
    ("drop_messages", {"p": 0.0}), ("drop_messages", {"p": 0.5}),
    ("victim_offline", {"blocks": 3}),
]


def test_regression_update_during_dispute_brief_sequence():
    m = _run(ChannelMachine(), BRIEF_SEQUENCE)
    victim = m.c.parties[1]
    assert m.c.record().status == "closed"
    assert ch.check_honest_safety(m.c.world, victim) is None


def test_regression_update_during_dispute_shrunk_sequence():
    m = _run(ChannelMachine(), SHRUNK_SEQUENCE)
    cheater, victim = m.c.parties
    # The victim refused the proposal made during the dispute: its latest stayed version 0 and
    # it received exactly its version-0 balance.
    assert victim.engine.latest.state.version == 0
    assert victim.received(m.c.world) == victim.last_known_balance == 2 * 10**18
    assert ch.check_honest_safety(m.c.world, victim) is None
    assert ch.check_conservation(m.c.world, m.c.adjudicator, m.c.parties) is None


def test_no_update_is_started_or_countersigned_while_disputed():
    m = ChannelMachine()
    m.setup(seed=5)
    c = m.c
    c.parties[1].pay(c.world, 0, 10)
    c.world.run(2)
    assert c.parties[1].engine.latest.state.version == 1
    c.parties[0].cheat(c.world, 0)
    c.world.run(1)
    assert c.record().status == "disputed"
    c.parties[0].pay(c.world, 1, 5)   # the cheater tries to keep transacting
    c.parties[1].pay(c.world, 0, 5)   # the honest party must not propose during a dispute
    c.world.run(1)
    assert not c.parties[1].engine.has_pending_proposal
    assert c.parties[1].engine.highest_signed == 1
    c.run_until("closed", 30)
    assert ch.check_honest_safety(c.world, c.parties[1]) is None


# ---- the machine finds a deliberately broken victim -----------------------------------------

class OneBlockLate(ch.Party):
    """The off-by-one: a victim that challenges a stale registration only once the chain is at
    the deadline block, one block too late (a challenge sent at deadline - 1 is the last one
    included in time)."""

    world = None

    def should_challenge(self, record):  # type: ignore[no-untyped-def]
        return self.world.block_number >= record.deadline


def _victim_machine(kind: type) -> type:
    class VictimMachine(ChannelMachine):
        def configure(self):  # type: ignore[no-untyped-def]
            return {"n": 2, "challenge_period": 6, "policy": "latest_state_wins",
                    "kinds": [ch.StaleRegistrar, kind]}

        def prepare(self, c):  # type: ignore[no-untyped-def]
            if kind is OneBlockLate:
                c.parties[1].world = c.world

    return VictimMachine


HUNT = settings(max_examples=300, stateful_step_count=10, deadline=None, derandomize=True,
                database=None, phases=[p for p in Phase if p is not Phase.explain])


def test_machine_passes_the_same_channel_with_an_honest_victim() -> None:
    # The control: the same configuration and search with the protocol's own Party (which
    # challenges as soon as it sees the registration) holds.
    run_state_machine_as_test(_victim_machine(ch.Party), settings=HUNT)


def test_machine_finds_and_shrinks_the_one_block_late_victim() -> None:
    with pytest.raises(AssertionError) as info:
        run_state_machine_as_test(_victim_machine(OneBlockLate), settings=HUNT)
    assert "p1 received" in str(info.value) and "< its latest balance" in str(info.value)
    steps = [line for line in getattr(info.value, "__notes__", [])
             if line.startswith("state.") and line != "state.no_violations()"]
    # A payment of 1 wei from the cheater to the victim and a stale registration, in the same
    # block (the order the shrinker settles on depends on the settings profile): the victim
    # holds the newer state and challenges with it one block too late.
    assert steps[0] == "state.setup(seed=0)" and steps[-1] == "state.teardown()", steps
    assert sorted(steps[1:-1]) == ["state.pay(amount=1, sender=0)", "state.register_stale()"]
