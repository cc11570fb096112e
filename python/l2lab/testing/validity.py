"""Hypothesis harness for the zk mode: :class:`ZkRollupMachine`, a ``RuleBasedStateMachine``.

It is :class:`~l2lab.testing.rollup.RollupMachine`'s action vocabulary (deposits, valid and invalid
L2 txs and withdrawals, forced txs and forced garbage, a censoring or queue-ignoring sequencer,
crash-and-reload of the sequencer, time passing with and without the actors, withdrawal claims
with predicted outcomes) played against a rollup in zk mode (``RollupConfig(mode="zk")``: the
sequencer posts state diffs, the prover actor proves every batch, the L1 verifier contract makes
roots final). What changes with the mode:

* a root is final in the block whose transaction verified its proof, so a withdrawal is
  claimable from the next block (``finality = 1``);
* forced inclusion is the verifier contract's rule, not derivation's: a proven batch appended in
  L1 block B has consumed every queue item enqueued at or before B - W (W = ``window``). Nothing
  force-derives an item while the sequencer is silent; settlement waits instead (a liveness
  limit, not a safety one);
* the proven roots are the diff node's batch post-roots, in order, and never more batches are
  proven than were posted;
* at teardown the sequencer (no longer censoring) and the prover run until every posted batch
  is proven: no batch of this sequencer may stall (its queue-ignoring mode still takes every
  overdue item, so each batch stays provable).

The inherited invariants (derivation from L1 data reaches the sequencer's state and every
registered root; L2 supply = deposits - withdrawals; bridge balance = deposits - finalised
withdrawals, each finalised once) hold unchanged. Subclass it like the rollup machine; set
``proof_systems`` (``"witness"``, ``"modelled"``: 240 s of modelled proving per batch) to choose
what proves::

    from l2lab.testing.validity import ZkRollupMachine
    TestZk = ZkRollupMachine.TestCase
"""

from __future__ import annotations

from hypothesis import settings
from hypothesis.stateful import invariant

from .. import rollup as R
from .. import validity as V
from .rollup import RollupMachine


class ZkRollupMachine(RollupMachine):
    """Random action programs against one zk-mode rollup (see the module docstring)."""

    finality = 1  # claimable from the block after the proof's
    proof_systems = ["witness"]

    def make_config(self, codec: str, da: str) -> R.RollupConfig:
        system = self.proof_systems[(self.codecs.index(codec) + self.das.index(da))
                                    % len(self.proof_systems)]
        return R.RollupConfig(mode="zk", codec=codec, da=da, forced_window=self.window,
                              max_batch_bytes=60_000, proof_system=system)

    def _zk(self) -> V.ZkRollup:
        return self.rollup  # type: ignore[return-value]  # mode="zk" deploys a ZkRollup

    # ---- invariants of the zk mode ----
    @invariant()
    def forced_window(self) -> None:
        """Replaces the rollup machine's: the verifier contract's rule on proven batches."""
        if not self.ready():
            return
        node = self.verifier
        node.advance(self.world.chain)
        for i in range(min(self._zk().status().proven, len(node.batches))):
            end = V.batch_queue_range(node, i)[1]
            appended = node.batches[i].l1_block
            overdue = [qi for qi, q in enumerate(node.queue)
                       if q.enqueue_block + self.window <= appended]
            assert all(qi < end for qi in overdue), (
                f"proven batch {i} (L1 block {appended}) left overdue queue items "
                f"{[qi for qi in overdue if qi >= end]} (it consumed up to {end})")

    @invariant()
    def proven_roots_are_the_diff_roots(self) -> None:
        if not self.ready():
            return
        zk = self._zk()
        proven = zk.proven_roots()
        node = self.verifier
        assert len(proven) <= len(node.batches), "more batches proven than posted"
        assert proven == [bytes(b.post_root) for b in node.batches[:len(proven)]]

    def teardown(self) -> None:
        if not self.ready():
            return
        zk = self._zk()
        zk.sequencer.set_censored(set())
        for _ in range(30 * (len(self.verifier.batches) + 2)):
            self.verifier.advance(self.world.chain)
            if (zk.sequencer.mempool_size == 0 and zk.status().proven == len(self.verifier.batches)
                    and zk.prover.in_flight == 0):
                break
            self.world.run(1)
        self.verifier.advance(self.world.chain)
        assert zk.prover.stall_reason == "", zk.prover.stall_reason
        assert zk.status().proven == len(self.verifier.batches), (
            f"{zk.status().proven} of {len(self.verifier.batches)} batches proven")
        self.proven_roots_are_the_diff_roots()


ZkRollupMachine.TestCase.settings = settings(max_examples=15, stateful_step_count=20, deadline=None)

__all__ = ["ZkRollupMachine"]
