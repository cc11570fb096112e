"""A Hypothesis ``RuleBasedStateMachine`` for the rollup, driving a deployed :class:`Rollup` on a
World through its action vocabulary (deposit, L2 transfer, L2 withdrawal, force a tx, censor,
advance blocks, claim withdrawals) and checking the safety properties after every rule:

* the sequencer's state equals an independent derivation from L1 data alone;
* L2 supply = deposits applied - withdrawals recorded;
* bridge balance on L1 = deposits locked - withdrawals finalised;
* every queue item is derived within the forced window W.

Use it from pytest::

    from l2lab.testing.rollup import RollupMachine
    TestRollup = RollupMachine.TestCase
"""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

import l2lab

from .. import rollup as R

ETH = 10**18
USERS = 4
WINDOW = 4
FINALITY = 2


class RollupMachine(RuleBasedStateMachine):
    """Random action programs against one rollup (see the module docstring)."""

    @initialize(seed=st.integers(0, 2**32 - 1), codec=st.sampled_from(["none", "zstd", "brotli"]),
                da=st.sampled_from(["calldata", "blob"]))
    def setup(self, seed: int, codec: str, da: str) -> None:
        self.world = l2lab.World(seed=seed)
        self.rollup = R.Rollup(self.world, R.RollupConfig(
            codec=codec, da=da, forced_window=WINDOW, finality_blocks=FINALITY,
            max_batch_bytes=60_000))
        self.keys = [l2lab.PrivateKey.from_int(0x5EED + i) for i in range(USERS)]
        self.l1 = [self.world.new_account(balance=100 * ETH) for _ in range(USERS)]
        self.deposits: list[tuple[bytes, int]] = []
        self.finalised = 0
        self.claimed: set[tuple[int, int]] = set()
        self.nonces = [0] * USERS

    @rule(i=st.integers(0, USERS - 1), amount=st.integers(0, 3 * ETH))
    def deposit(self, i: int, amount: int) -> None:
        out = self.rollup.deposit(self.l1[i], self.keys[i].address, amount)
        if out.accepted:
            self.deposits.append((out.tx_hash, amount))

    @rule(i=st.integers(0, USERS - 1), j=st.integers(0, USERS - 1), value=st.integers(0, ETH),
          withdraw=st.booleans(), fee=st.integers(0, 100), force=st.booleans())
    def l2_tx(self, i: int, j: int, value: int, withdraw: bool, fee: int, force: bool) -> None:
        kind = R.TxKind.WITHDRAWAL if withdraw else R.TxKind.TRANSFER
        to = self.l1[j].address if withdraw else self.keys[j].address
        tx = self.rollup.transfer(self.keys[i], to, value, fee, nonce=self.nonces[i], kind=kind)
        self.nonces[i] += 1
        self.rollup.submit(tx)
        if force:
            self.rollup.force_tx(self.l1[i], tx)

    @rule(i=st.integers(0, USERS - 1), on=st.booleans())
    def censor(self, i: int, on: bool) -> None:
        cens = set(self.rollup.sequencer.config.censored_senders)
        (cens.add if on else cens.discard)(self.keys[i].address)
        self.rollup.sequencer.set_censored(cens)

    @rule(n=st.integers(1, 6))
    def advance(self, n: int) -> None:
        self.world.run(n)
        # Nonces the sequencer dropped are re-synchronised from the derived state.
        for i, k in enumerate(self.keys):
            if self.rollup.sequencer.mempool_size == 0:
                self.nonces[i] = self.rollup.nonce(k.address)

    @rule()
    def claim_all(self) -> None:
        roots = self.rollup.roots()
        if not roots:
            return
        node = self.rollup.verifier()
        at = node.state_at(roots[-1].l1_block)
        for wd in at.withdrawals():
            key = (self.keys.index(next(k for k in self.keys if k.address == wd.sender)), wd.nonce)
            data = R.inbox_finalize_withdrawal(len(roots) - 1, wd, at.prove_withdrawal(wd.sender, wd.nonce))
            out = self.world.call(self.l1[0], self.rollup.inbox, data)
            self.world.mine(1)
            rc = self.world.chain.receipt(out.tx_hash)
            if rc is not None and rc.success:
                assert key not in self.claimed, "a withdrawal finalised twice"
                self.claimed.add(key)
                self.finalised += wd.amount

    @invariant()
    def derivation_matches_sequencer(self) -> None:
        if not hasattr(self, "rollup"):
            return
        node = self.rollup.verifier()
        assert node.state.state_root == self.rollup.state.state_root
        assert all(m.root_matches is not False for m in self.rollup.sequencer.batch_metrics)

    @invariant()
    def supply_and_bridge(self) -> None:
        if not hasattr(self, "rollup"):
            return
        node = self.rollup.sequencer.node
        s = node.state
        assert s.total_supply == node.deposited - s.total_withdrawn
        locked = 0
        for h, amount in self.deposits:
            rc = self.world.chain.receipt(h)
            if rc is not None and rc.success:
                assert amount > 0, "a zero deposit was accepted by the bridge"
                locked += amount
        assert self.world.chain.balance(self.rollup.inbox) == locked - self.finalised

    @invariant()
    def forced_window(self) -> None:
        if not hasattr(self, "rollup"):
            return
        node = self.rollup.sequencer.node
        for q in node.queue:
            if q.included_block is None:
                assert node.derived_block < q.enqueue_block + WINDOW or node.stalled_at is not None
            else:
                assert q.included_block <= q.enqueue_block + WINDOW


RollupMachine.TestCase.settings = settings(max_examples=15, stateful_step_count=20, deadline=None)
