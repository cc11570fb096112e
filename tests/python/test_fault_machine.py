"""The dispute-game state machine (l2lab.testing.fault.FaultMachine): a short derandomized run in
the default tier, a longer one in the slow tier, and a run of the rules in a fixed order."""

from __future__ import annotations

import pytest
from hypothesis import settings

from l2lab.testing.fault import FaultMachine

TestFaultMachineQuick = FaultMachine.TestCase
TestFaultMachineQuick.settings = settings(max_examples=20, stateful_step_count=10, deadline=None)


@pytest.mark.slow
class TestFaultMachineLong(FaultMachine.TestCase):  # type: ignore[misc,name-defined]
    settings = settings(max_examples=150, stateful_step_count=25, deadline=None)


def test_every_rule_in_order() -> None:
    m = FaultMachine()
    m.setup(seed=3)
    m.propose_wrong()
    m.propose_honest()
    m.move(game=0, claim=0, choice=0, garbage=True, bond_delta=0)
    m.move(game=1, claim=0, choice=0, garbage=False, bond_delta=1)  # wrong bond: reverts
    m.mine_blocks(blocks=3)
    m.crash_restart_honest(blocks=2)
    m.step(game=0, claim=0, choice=1)
    m.resolve(game=0, claim=0, whole=False)
    m.resolve(game=1, claim=0, whole=True)
    for check in (m.solvent, m.resolved_games_immutable, m.no_wrong_root_forwarded):
        check()
    m.teardown()
    statuses = [g.status for g in m.r.game_infos()]
    assert statuses == ["challenger_wins", "defender_wins"]
