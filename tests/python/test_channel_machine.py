"""The Hypothesis RuleBasedStateMachine base for channels, run as users would subclass it."""

from __future__ import annotations

from hypothesis import settings

from l2lab.testing.channel import ChannelMachine


class PenaltyMachine(ChannelMachine):
    def configure(self):
        return {"n": 2, "challenge_period": 8, "policy": "penalty"}


TestLatestStateWins = ChannelMachine.TestCase
TestLatestStateWins.settings = settings(max_examples=15, stateful_step_count=12, deadline=None)
TestPenalty = PenaltyMachine.TestCase
TestPenalty.settings = settings(max_examples=15, stateful_step_count=12, deadline=None)
