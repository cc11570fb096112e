"""Hypothesis RuleBasedStateMachine over the rollup (l2lab.testing.rollup)."""

from l2lab.testing.rollup import RollupMachine

TestRollupMachine = RollupMachine.TestCase
