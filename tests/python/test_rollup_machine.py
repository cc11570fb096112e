"""Hypothesis harnesses of the rollup (l2lab.testing.rollup): the RuleBasedStateMachine over a
deployed rollup, and the differential check of the C++ STF against the pure-Python reference on
random batches (valid and invalid txs, deposits of 0 and near 2**256, undecodable payloads)."""

from typing import Any

from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

import l2lab
from l2lab import rollup as R
from l2lab.reference import rollup as ref
from l2lab.testing.rollup import (
    U64_MAX,
    RollupMachine,
    check_stf_against_reference,
    l2_accounts,
    l2_ops,
    states_from,
)

TestRollupMachine = RollupMachine.TestCase

KEYS = [l2lab.PrivateKey.from_int(i) for i in range(11, 15)]
FEE_TO = KEYS[3].address  # a user is also the fee recipient: aliasing of credits


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(l2_accounts(KEYS), st.lists(st.lists(l2_ops(KEYS), max_size=8), min_size=1, max_size=3),
       st.sampled_from([1, 2]))
def test_random_batches_match_the_reference(accounts: list[tuple[Any, int, int]],
                                            batches: list[list[object]], threads: int) -> None:
    cfg = R.StfConfig(chain_id=901, fee_recipient=FEE_TO)
    state, reference = states_from(accounts)
    for ops in batches:
        check_stf_against_reference(state, reference, cfg, ops, threads=threads)


def test_the_strategies_reach_the_nonce_overflow_skip() -> None:
    """Some drawn program has a correctly signed tx from a sender at nonce 2**64-1, which the
    STF must skip with `overflow` (the differential above then checks it against the
    reference)."""
    cfg = R.StfConfig(chain_id=901, fee_recipient=FEE_TO)

    def overflows(example: tuple[list[tuple[Any, int, int]], list[object]]) -> bool:
        accounts, ops = example
        state, _ = states_from(accounts)
        res = R.apply_batch(state, cfg, ops)
        return any(rc.reason == "overflow" and isinstance(op, R.L2Tx) and op.nonce == U64_MAX
                   for rc, op in zip(res.receipts, ops))

    accounts, ops = find(st.tuples(l2_accounts(KEYS), st.lists(l2_ops(KEYS), max_size=8)),
                         overflows, settings=settings(max_examples=2000, database=None,
                                                       phases=[Phase.generate]))
    state, reference = states_from(accounts)
    check_stf_against_reference(state, reference, cfg, ops)


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
