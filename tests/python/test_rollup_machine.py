"""Hypothesis harnesses of the rollup (l2lab.testing.rollup): the RuleBasedStateMachine over a
deployed rollup, and the differential check of the C++ STF against the pure-Python reference on
random batches (valid and invalid txs, deposits of 0 and near 2**256, undecodable payloads)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import l2lab
from l2lab import rollup as R
from l2lab.reference import rollup as ref
from l2lab.testing.rollup import RollupMachine, check_stf_against_reference, l2_ops

TestRollupMachine = RollupMachine.TestCase

KEYS = [l2lab.PrivateKey.from_int(i) for i in range(11, 15)]
FEE_TO = KEYS[3].address  # a user is also the fee recipient: aliasing of credits


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(l2_ops(KEYS), max_size=8), min_size=1, max_size=3), st.sampled_from([1, 2]))
def test_random_batches_match_the_reference(batches: list[list[object]], threads: int) -> None:
    cfg = R.StfConfig(chain_id=901, fee_recipient=FEE_TO)
    state, reference = R.L2State(), ref.RefState()
    for ops in batches:
        check_stf_against_reference(state, reference, cfg, ops, threads=threads)


def test_the_differential_can_fail() -> None:
    cfg = R.StfConfig(chain_id=901, fee_recipient=FEE_TO)
    reference = ref.RefState()
    ref.apply(reference, ref.RefDeposit(bytes(KEYS[0].address), 5), 901, bytes(FEE_TO))
    try:
        check_stf_against_reference(R.L2State(), reference, cfg, [])
    except AssertionError:
        return
    raise AssertionError("a diverging state went unnoticed")


class CensoringMachine(RollupMachine):
    """Subclassing example: a smaller deployment with a short window and blob DA only."""

    users = 2
    window = 2
    das = ["blob"]


CensoringMachine.TestCase.settings = settings(max_examples=5, stateful_step_count=15, deadline=None)
TestCensoringMachine = CensoringMachine.TestCase
