"""Hypothesis harnesses for the rollup.

:class:`RollupMachine` is a ``RuleBasedStateMachine`` driving a deployed :class:`~l2lab.rollup.Rollup`
on a World through one action vocabulary: deposits (including 0 wei), valid and invalid L2
transfers and withdrawals (bad signature, wrong chain id, wrong nonce, unfundable), forced
inclusion on L1 (also of garbage), a censoring / queue-ignoring sequencer, time passing
(``run`` with actors, ``mine`` without them), sequencer crash-and-reload from its saved state,
and withdrawal claims against proposed roots (premature, forged, replayed). Every claim's
outcome is predicted (``"root is not final"``, ``"invalid withdrawal proof"``,
``"withdrawal already finalized"`` or success) and checked. Invariants after every step:

* derivation from L1 data alone reaches the sequencer's state and every batch's predicted root;
* L2 supply = deposits applied - withdrawals recorded;
* bridge balance on L1 = accepted deposits - finalised withdrawals; each withdrawal finalises at
  most once and exactly the claimed ones are marked finalised on L1;
* every queue item (deposit, forced tx) is derived within the forced window W.

Subclassing: the class attributes ``users``, ``window``, ``finality``, ``codecs``, ``das`` and
the method :meth:`RollupMachine.make_config` set the deployment; add rules or invariants with
Hypothesis' decorators in a subclass (they are inherited), e.g. a Fault or Validity machine
that replaces ``trusted`` finality through ``RollupConfig(finality_rule=...)``::

    from l2lab.testing.rollup import RollupMachine
    TestRollup = RollupMachine.TestCase

:func:`check_stf_against_reference` is the differential oracle of the C++ STF against the
pure-Python reference (:mod:`l2lab.reference.rollup`) on one batch; :func:`l2_ops` is a
strategy of random ops (deposits, undecodable payloads, valid and invalid signed txs) for it,
and :func:`l2_accounts` / :func:`states_from` a starting state for both sides in which senders
may already be at nonce 2**64-2 or 2**64-1 (no sequence of txs gets there), so the
nonce-overflow skip is reached.
"""

from __future__ import annotations

from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

import l2lab

from .. import rollup as R
from ..reference import rollup as ref

ETH = 10**18
U256_MAX = 2**256 - 1
U64_MAX = 2**64 - 1
#: Tx nonces :func:`l2_ops` draws: the first few, and the last two a u64 nonce can take.
NONCES = st.one_of(st.integers(0, 3), st.sampled_from([U64_MAX - 1, U64_MAX]))


# ---- STF differential ------------------------------------------------------------------------
def to_reference(op: object) -> object:
    """The reference module's form of an ``L2Tx`` / ``Deposit`` / ``UndecodableOp``."""
    if isinstance(op, R.L2Tx):
        return ref.RefTx(int(op.kind), op.chain_id, op.nonce, op.fee, bytes(op.to), op.value,
                         bytes(op.signature))
    if isinstance(op, R.Deposit):
        return ref.RefDeposit(bytes(op.to), op.amount)
    if isinstance(op, R.UndecodableOp):
        return ref.RefUndecodable(bytes(op.data))
    raise TypeError(f"not a rollup op: {op!r}")


def check_stf_against_reference(state: Any, reference: ref.RefState, config: Any, ops: list[object],
                                *, threads: int = 1) -> Any:
    """Apply ``ops`` as ONE batch with the C++ ``apply_batch`` (traced) to ``state`` and op by op
    with the reference to ``reference``; assert every receipt's skip reason and post-root, and
    afterwards every balance, nonce and withdrawal, agree. Returns the BatchResult."""
    res = R.apply_batch(state, config, ops, trace=True, threads=threads)
    assert len(res.receipts) == len(ops)
    fee_to = bytes(config.fee_recipient)
    for i, (op, rc) in enumerate(zip(ops, res.receipts)):
        expect = ref.apply(reference, to_reference(op), config.chain_id, fee_to)
        assert rc.outcome.reason == expect, f"step {i}: C++ {rc.outcome.reason!r} != reference {expect!r}"
        assert rc.outcome.applied == (expect is None)
        assert bytes(rc.post_root) == reference.root(), f"step {i}: post-root differs"
    assert bytes(res.post_root) == reference.root() == bytes(state.state_root)
    assert res.applied + res.skipped == len(ops)
    for addr, (nonce, bal) in reference.accounts.items():
        a = l2lab.Address("0x" + addr.hex())
        assert (state.nonce(a), state.balance(a)) == (nonce, bal)
    assert len(state.accounts()) == len(reference.accounts)
    got = {(bytes(w.sender), w.nonce): (bytes(w.l1_recipient), w.amount) for w in state.withdrawals()}
    assert got == reference.withdrawals
    return res


@st.composite
def l2_accounts(draw: st.DrawFn, keys: list[Any]) -> list[tuple[Any, int, int]]:
    """Starting (address, nonce, balance) of each key's account: nonce 0, 2**64-2 or 2**64-1,
    balance 0..5000 wei."""
    return [(k.address, draw(st.sampled_from([0, U64_MAX - 1, U64_MAX])),
             draw(st.integers(0, 5000))) for k in keys]


def states_from(accounts: list[tuple[Any, int, int]]) -> tuple[Any, ref.RefState]:
    """A C++ ``L2State`` and a reference state holding the same ``accounts``."""
    state, reference = R.L2State(), ref.RefState()
    for address, nonce, balance in accounts:
        state.set_account(address, R.L2Account(nonce=nonce, balance=balance))
        reference.put(bytes(address), nonce, balance)
    return state, reference


@st.composite
def l2_ops(draw: st.DrawFn, keys: list[Any], chain_id: int = 901, extra: list[Any] | None = None) -> object:
    """One random op: deposits (incl. 0 and 2**256-1), undecodable payloads, transfers and
    withdrawals signed by one of ``keys`` with valid or wrong nonce (0..3 or the last two u64
    nonces, see :func:`l2_accounts`), wrong chain id, corrupted signature, huge value or fee."""
    addrs = [k.address for k in keys] + list(extra or [])
    pick = draw(st.integers(0, 11))
    to = draw(st.sampled_from(addrs))
    value = draw(st.one_of(st.integers(0, 5000), st.just(U256_MAX), st.just(2**255)))
    if pick < 3:
        return R.Deposit(to=to, amount=value)
    if pick == 3:
        return R.UndecodableOp(draw(st.binary(max_size=16)))
    tx = R.L2Tx(kind=R.TxKind.WITHDRAWAL if pick in (4, 8) else R.TxKind.TRANSFER,
                chain_id=chain_id + 1 if pick == 5 else chain_id, nonce=draw(NONCES),
                fee=draw(st.one_of(st.integers(0, 40), st.just(U256_MAX))), to=to, value=value)
    tx.sign(draw(st.sampled_from(keys)))
    if pick == 6:
        sig = bytearray(tx.signature)
        sig[draw(st.integers(0, 64))] ^= draw(st.integers(1, 255))
        tx.signature = bytes(sig)
    return tx


# ---- the state machine -------------------------------------------------------------------------
class RollupMachine(RuleBasedStateMachine):
    """Random action programs against one rollup (see the module docstring)."""

    users = 4
    window = 4  # W, L1 blocks
    finality = 2  # trusted finality, L1 blocks
    codecs = ["none", "zstd", "brotli"]
    das = ["calldata", "blob"]

    def make_config(self, codec: str, da: str) -> R.RollupConfig:
        """The deployment under test; override in a subclass (e.g. another finality rule)."""
        return R.RollupConfig(codec=codec, da=da, forced_window=self.window,
                              finality_blocks=self.finality, max_batch_bytes=60_000)

    @initialize(seed=st.integers(0, 2**32 - 1), which=st.integers(0, 2**16))
    def setup(self, seed: int, which: int) -> None:
        codec = self.codecs[which % len(self.codecs)]
        da = self.das[(which // len(self.codecs)) % len(self.das)]
        self.world = l2lab.World(seed=seed)
        self.rollup = R.Rollup(self.world, self.make_config(codec, da))
        self.keys = [l2lab.PrivateKey.from_int(0x5EED + i) for i in range(self.users)]
        self.l1 = [self.world.new_account(balance=100 * ETH) for _ in range(self.users)]
        self.deposits: list[tuple[bytes, int]] = []
        self.finalised = 0
        self.claimed: set[tuple[bytes, int]] = set()
        self.nonces = [0] * self.users
        self.verifier = R.Derivation(self.rollup.derivation_config)

    def ready(self) -> bool:
        return hasattr(self, "rollup")

    # ---- L1 actions ----
    @precondition(ready)
    @rule(i=st.integers(0, 3), amount=st.one_of(st.just(0), st.integers(1, 3 * ETH)))
    def deposit(self, i: int, amount: int) -> None:
        i %= self.users
        out = self.rollup.deposit(self.l1[i], self.keys[i].address, amount)
        if out.accepted:
            self.deposits.append((out.tx_hash, amount))

    @precondition(ready)
    @rule(i=st.integers(0, 3), garbage=st.binary(min_size=1, max_size=40))
    def force_garbage(self, i: int, garbage: bytes) -> None:
        self.rollup.force_tx(self.l1[i % self.users], garbage)

    # ---- L2 actions ----
    @precondition(ready)
    @rule(i=st.integers(0, 3), j=st.integers(0, 3), value=st.integers(0, ETH),
          withdraw=st.booleans(), fee=st.integers(0, 100), force=st.booleans())
    def l2_tx(self, i: int, j: int, value: int, withdraw: bool, fee: int, force: bool) -> None:
        i, j = i % self.users, j % self.users
        kind = R.TxKind.WITHDRAWAL if withdraw else R.TxKind.TRANSFER
        to = self.l1[j].address if withdraw else self.keys[j].address
        tx = self.rollup.transfer(self.keys[i], to, value, fee, nonce=self.nonces[i], kind=kind)
        self.nonces[i] += 1
        self.rollup.submit(tx)
        if force:
            self.rollup.force_tx(self.l1[i], tx)

    @precondition(ready)
    @rule(i=st.integers(0, 3), how=st.sampled_from(["bad_signature", "wrong_chain_id", "wrong_nonce",
                                                      "unfundable"]), force=st.booleans())
    def invalid_l2_tx(self, i: int, how: str, force: bool) -> None:
        i %= self.users
        n = self.rollup.nonce(self.keys[i].address)
        tx = R.L2Tx(kind=R.TxKind.TRANSFER,
                    chain_id=self.rollup.config.chain_id + (how == "wrong_chain_id"),
                    nonce=n + 1000 if how == "wrong_nonce" else n, fee=1, to=self.keys[0].address,
                    value=2**255 if how == "unfundable" else 1)
        tx.sign(self.keys[i])
        if how == "bad_signature":
            sig = bytearray(tx.signature)
            sig[3] ^= 0x55
            tx.signature = bytes(sig)
        self.rollup.submit(tx)
        if force:
            self.rollup.force_tx(self.l1[i], tx)

    # ---- the sequencer ----
    @precondition(ready)
    @rule(i=st.integers(0, 3), on=st.booleans(), ignore_queue=st.booleans())
    def censor(self, i: int, on: bool, ignore_queue: bool) -> None:
        cens = set(self.rollup.sequencer.config.censored_senders)
        (cens.add if on else cens.discard)(self.keys[i % self.users].address)
        self.rollup.sequencer.set_censored(cens)
        self.rollup.sequencer.set_ignore_queue(ignore_queue)

    @precondition(ready)
    @rule()
    def crash_and_reload_sequencer(self) -> None:
        """The sequencer's saved state reloads into a fresh Sequencer (same account and config)
        and back into the running one: the image is canonical and nothing changes. (The World
        keeps the running actor; tests/cpp/rollup_persist_test.cpp swaps in the reloaded one and
        checks the trace digest.)"""
        s = self.rollup.sequencer
        saved = s.save_state()
        fresh = R.Sequencer(self.rollup.sequencer_account, s.config)
        fresh.load_state(saved)
        assert fresh.save_state() == saved
        assert fresh.node.state.state_root == s.node.state.state_root
        assert fresh.mempool_size == s.mempool_size
        s.load_state(saved)
        assert s.save_state() == saved

    # ---- time ----
    @precondition(ready)
    @rule(n=st.integers(1, 6))
    def advance(self, n: int) -> None:
        """Blocks with every actor acting (the sequencer batches and proposes)."""
        self.world.run(n)
        # Nonces the sequencer dropped are re-synchronised from the derived state.
        if self.rollup.sequencer.mempool_size == 0:
            for i, k in enumerate(self.keys):
                self.nonces[i] = self.rollup.nonce(k.address)

    @precondition(ready)
    @rule(n=st.integers(1, 3))
    def mine(self, n: int) -> None:
        """Blocks without actor hooks: time passes while the sequencer is idle."""
        self.world.mine(n)

    # ---- withdrawals ----
    @precondition(lambda self: self.ready() and len(self.rollup.roots()) > 0)
    @rule(pick=st.integers(0, 63), root=st.integers(0, 63), forge=st.booleans(), by=st.integers(0, 3))
    def claim(self, pick: int, root: int, forge: bool, by: int) -> None:
        """Claim a known withdrawal against a proposed root (latest or any): the outcome is
        predicted from finality, previous claims and whether the root contains it."""
        roots = self.rollup.roots()
        ri = len(roots) - 1 if root % 2 == 0 else root % len(roots)
        self.verifier.advance(self.world.chain)
        known = self.verifier.state.withdrawals()
        if not known:
            return
        wd = known[pick % len(known)]
        at = self.verifier.state_at(roots[ri].l1_block)
        in_root = at.withdrawal(wd.sender, wd.nonce) is not None
        proof = at.prove_withdrawal(wd.sender, wd.nonce)
        amount = wd.amount + 1 if forge else wd.amount
        claim_wd = R.WithdrawalRecord(wd.sender, wd.nonce, wd.l1_recipient, amount)
        key = (bytes(wd.sender), wd.nonce)
        final = self.world.block_number + 1 >= roots[ri].proposed_block + self.finality
        if not final:
            expect = "root is not final"
        elif key in self.claimed:
            expect = "withdrawal already finalized"
        elif forge or not in_root:
            expect = "invalid withdrawal proof"
        else:
            expect = None
        out = self.world.call(self.l1[by % self.users], self.rollup.inbox,
                              R.inbox_finalize_withdrawal(ri, claim_wd, proof))
        assert out.accepted
        self.world.mine(1)
        rc = self.world.chain.receipt(out.tx_hash)
        assert rc is not None
        if expect is None:
            assert rc.success, rc.revert_reason
            self.claimed.add(key)
            self.finalised += wd.amount
        else:
            assert rc.revert_reason == expect

    # ---- invariants ----
    @invariant()
    def derivation_matches_sequencer(self) -> None:
        if not self.ready():
            return
        self.verifier.advance(self.world.chain)
        node = self.rollup.sequencer.node
        if node.derived_block == self.verifier.derived_block:
            assert self.verifier.state.state_root == node.state.state_root
        for m in self.rollup.sequencer.batch_metrics:
            assert m.root_matches is not False
            if m.included_block is not None and m.included_block <= self.verifier.derived_block:
                assert m.predicted_root == self.verifier.root_after(m.included_block)
        for r in self.rollup.roots():
            assert r.root == self.verifier.root_after(r.l1_block)

    @invariant()
    def supply_and_bridge(self) -> None:
        if not self.ready():
            return
        node = self.verifier
        s = node.state
        assert s.total_supply == node.deposited - s.total_withdrawn
        locked = 0
        for h, amount in self.deposits:
            rc = self.world.chain.receipt(h)
            if rc is not None and rc.success:
                assert amount > 0, "a zero deposit was accepted by the bridge"
                locked += amount
        assert node.deposited <= locked
        assert self.world.chain.balance(self.rollup.inbox) == locked - self.finalised
        for w in s.withdrawals():
            done = R.inbox_withdrawal_finalized(self.world.chain, self.rollup.inbox, w.sender, w.nonce)
            assert done == ((bytes(w.sender), w.nonce) in self.claimed)

    @invariant()
    def forced_window(self) -> None:
        if not self.ready():
            return
        node = self.verifier
        for q in node.queue:
            if q.included_block is None:
                assert node.derived_block < q.enqueue_block + self.window or node.stalled_at is not None
            else:
                assert q.included_block <= q.enqueue_block + self.window


RollupMachine.TestCase.settings = settings(max_examples=15, stateful_step_count=20, deadline=None)

__all__ = ["RollupMachine", "check_stf_against_reference", "l2_accounts", "l2_ops",
           "states_from", "to_reference"]
