"""The zk-mode state machine (l2lab.testing.validity.ZkRollupMachine): run as users subclass it,
with both proof systems, and the zk-mode rules it checks (forced inclusion by the verifier
contract, proven roots = diff roots, no honest batch stalls) shown on hand-played sequences."""

from __future__ import annotations

import pytest
from hypothesis import settings

from l2lab.testing.validity import ZkRollupMachine

TestZkRollupMachine = ZkRollupMachine.TestCase


class ModelledProverMachine(ZkRollupMachine):
    """Proofs take 240 s of modelled proving (20 blocks): roots trail the batches."""

    proof_systems = ["modelled"]
    codecs = ["zstd"]


TestModelledProver = ModelledProverMachine.TestCase
TestModelledProver.settings = settings(max_examples=6, stateful_step_count=15, deadline=None)


def _played(steps: list[tuple[str, dict]]) -> ZkRollupMachine:
    m = ZkRollupMachine()
    for name, kwargs in steps:
        getattr(m, name)(**kwargs)
        m.derivation_matches_sequencer()
        m.supply_and_bridge()
        m.forced_window()
        m.proven_roots_are_the_diff_roots()
    return m


def test_a_withdrawal_is_claimable_the_block_after_its_proof() -> None:
    m = _played([("setup", {"seed": 1, "which": 0}), ("deposit", {"i": 0, "amount": 10**18}),
                 ("advance", {"n": 3}),
                 ("l2_tx", {"i": 0, "j": 1, "value": 5, "withdraw": True, "fee": 1,
                            "force": False}),
                 ("advance", {"n": 3}),
                 ("claim", {"pick": 0, "root": 0, "forge": True, "by": 2}),
                 ("claim", {"pick": 0, "root": 0, "forge": False, "by": 2}),
                 ("claim", {"pick": 0, "root": 0, "forge": False, "by": 3})])
    assert m.rollup.config.mode == "zk" and len(m.claimed) == 1 and m.finalised == 5
    m.teardown()


def test_forced_tx_waits_for_the_sequencer_then_is_proven_in_time() -> None:
    """A forced tx while the actors sleep (`mine`): no batch, nothing proven, no violation; once
    the sequencer runs, the batch that carries it is proven and consumed it within W."""
    m = _played([("setup", {"seed": 2, "which": 1}), ("deposit", {"i": 1, "amount": 10**18}),
                 ("advance", {"n": 3}),
                 ("l2_tx", {"i": 1, "j": 0, "value": 7, "withdraw": False, "fee": 1,
                            "force": True}),
                 ("mine", {"n": 3}), ("mine", {"n": 3}), ("advance", {"n": 4})])
    node = m.verifier
    assert m.rollup.status().proven == len(node.batches) and len(node.queue) == 2
    m.teardown()


def test_a_queue_ignoring_sequencer_takes_items_when_overdue_and_stays_provable() -> None:
    """ignore_queue: the sequencer leaves queue items until they are overdue (enqueued W blocks
    before the batch) and then must take them; every batch is proven, the window kept."""
    m = _played([("setup", {"seed": 3, "which": 0}), ("deposit", {"i": 0, "amount": 10**18}),
                 ("advance", {"n": 3}), ("censor", {"i": 0, "on": False, "ignore_queue": True}),
                 ("deposit", {"i": 2, "amount": 10**18}),
                 ("l2_tx", {"i": 0, "j": 1, "value": 3, "withdraw": False, "fee": 1,
                            "force": False}),
                 ("advance", {"n": 6}), ("advance", {"n": 6})])
    late = m.verifier.queue[1]
    assert late.included_block == late.enqueue_block + m.window  # taken at the last block
    assert m.rollup.status().proven == len(m.verifier.batches) and m.rollup.prover.stall_reason == ""
    m.teardown()


def test_the_forced_window_check_names_a_skipped_item(monkeypatch: pytest.MonkeyPatch) -> None:
    """An item overdue when the batch was appended (the actors slept W blocks), consumed by it;
    a batch range that leaves it out is reported with the item."""
    from l2lab import validity as V

    m = _played([("setup", {"seed": 4, "which": 0}), ("deposit", {"i": 0, "amount": 10**18}),
                 ("mine", {"n": 3}), ("mine", {"n": 3}), ("advance", {"n": 3})])
    q = m.verifier.queue[0]
    assert m.rollup.status().proven >= 1 and q.included_block >= q.enqueue_block + m.window
    monkeypatch.setattr(V, "batch_queue_range", lambda node, i: (0, 0))
    with pytest.raises(AssertionError, match=r"left overdue queue items \[0\]"):
        m.forced_window()
