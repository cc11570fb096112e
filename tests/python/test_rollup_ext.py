"""Rollup extension points from Python: a Python FinalityRule used by the inbox (the Fault and
Validity areas replace `trusted` this way), its lifetime and error handling; crash-recovery
state of the sequencer and derivation nodes."""

from __future__ import annotations

import gc

import pytest

import l2lab
from l2lab import rollup as R

ETH = 10**18


class EvenRootsOnly(R.FinalityRule):
    """Final only for even root indices, one block after the proposal; counts its calls."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[int, int, int]] = []

    def name(self) -> str:
        return "even-roots"

    def is_final(self, ctx: object, root_index: int, proposed_block: int, block_number: int) -> bool:
        self.calls.append((root_index, proposed_block, block_number))
        return root_index % 2 == 0 and block_number > proposed_block


def _rollup_with_withdrawal(rule: R.FinalityRule, seed: int = 4) -> tuple[l2lab.World, R.Rollup, object, object]:
    w = l2lab.World(seed=seed)
    r = R.Rollup(w, R.RollupConfig(finality_rule=rule))
    k = l2lab.PrivateKey.from_int(91)
    alice = w.new_account(balance=10 * ETH)
    r.deposit(alice, k.address, 3 * ETH)
    w.run(2)
    r.submit(r.transfer(k, alice.address, ETH, kind=R.TxKind.WITHDRAWAL))
    w.run(4)
    return w, r, k, alice


def _claim(w: l2lab.World, r: R.Rollup, who: object, data: bytes) -> object:
    out = w.call(who, r.inbox, data)
    w.mine(1)
    return w.chain.receipt(out.tx_hash)


def test_python_finality_rule_decides_which_roots_are_final() -> None:
    rule = EvenRootsOnly()
    w, r, k, alice = _rollup_with_withdrawal(rule)
    assert r.inbox_contract.finality == "even-roots"
    roots = r.roots()
    assert len(roots) >= 3
    odd = next(i for i in range(len(roots) - 1, -1, -1) if i % 2 == 1 and
               r.verifier().state_at(roots[i].l1_block).withdrawal(k.address, 0) is not None)
    even = next(i for i in range(len(roots) - 1, -1, -1) if i % 2 == 0 and
                r.verifier().state_at(roots[i].l1_block).withdrawal(k.address, 0) is not None)
    rc = _claim(w, r, alice, r.withdrawal_claim(k.address, 0, root_index=odd))
    assert rc.revert_reason == "root is not final"
    assert rule.calls and rule.calls[-1][0] == odd
    before = w.chain.balance(alice.address)
    rc = _claim(w, r, alice, r.withdrawal_claim(k.address, 0, root_index=even))
    assert rc.success
    assert w.chain.balance(alice.address) == before + ETH - rc.gas_used * rc.effective_gas_price
    assert rule.calls[-1][0] == even and rule.calls[-1][2] == rc.block_number
    # Each withdrawal at most once, whichever root it is proven against.
    rc = _claim(w, r, alice, r.withdrawal_claim(k.address, 0, root_index=even))
    assert rc.revert_reason == "withdrawal already finalized"


def test_the_inbox_keeps_a_python_rule_alive() -> None:
    a = l2lab.PrivateKey.from_int(5).address
    c = R.InboxContract(a, a, finality=EvenRootsOnly())  # no other reference to the rule
    gc.collect()
    rule = c.finality_rule
    assert isinstance(rule, EvenRootsOnly) and rule.calls == [] and rule.name() == "even-roots"
    assert c.finality == "even-roots"
    w, r, k, alice = _rollup_with_withdrawal(EvenRootsOnly(), seed=5)
    assert r.config_dict()["finality_rule"] == "even-roots"
    del r.config  # the deployed contract alone keeps the rule alive
    gc.collect()
    even = max(i for i in range(inbox_roots(w, r)) if i % 2 == 0)
    w.mine(1)
    claim = withdrawal_claim(w, r, k.address, even)
    assert _claim(w, r, alice, claim).success


def inbox_roots(w: l2lab.World, r: R.Rollup) -> int:
    return int(R.inbox_root_count(w.chain, r.inbox))


def withdrawal_claim(w: l2lab.World, r: R.Rollup, sender: object, ri: int) -> bytes:
    node = R.Derivation(r.derivation_config)
    node.advance(w.chain)
    at = node.state_at(R.inbox_root(w.chain, r.inbox, ri).l1_block)
    wd = at.withdrawal(sender, 0)
    return bytes(R.inbox_finalize_withdrawal(ri, wd, at.prove_withdrawal(sender, 0)))


class Paused(R.FinalityRule):
    def __init__(self, exc: BaseException) -> None:
        super().__init__()
        self.exc = exc

    def is_final(self, ctx: object, root_index: int, proposed_block: int, block_number: int) -> bool:
        raise self.exc


class ReadsStorage(R.FinalityRule):
    """Final once the inbox has at least two roots: reads storage through ctx (pays gas)."""

    def is_final(self, ctx: object, root_index: int, proposed_block: int, block_number: int) -> bool:
        return ctx.gas_left > 0 and block_number >= proposed_block  # type: ignore[attr-defined]


def test_rule_errors_become_reverts_not_crashes() -> None:
    w, r, k, alice = _rollup_with_withdrawal(Paused(l2lab.l1.Revert("bridge paused")), seed=6)
    rc = _claim(w, r, alice, r.withdrawal_claim(k.address, 0))
    assert rc.revert_reason == "bridge paused"
    w, r, k, alice = _rollup_with_withdrawal(Paused(ZeroDivisionError("bug in rule")), seed=6)
    rc = _claim(w, r, alice, r.withdrawal_claim(k.address, 0))
    assert not rc.success
    assert w.chain.balance(r.inbox) == 3 * ETH  # nothing paid
    w, r, k, alice = _rollup_with_withdrawal(ReadsStorage(), seed=6)
    assert _claim(w, r, alice, r.withdrawal_claim(k.address, 0)).success


def test_rule_without_is_final_and_none_are_refused() -> None:
    class NoDecision(R.FinalityRule):
        pass

    w, r, k, alice = _rollup_with_withdrawal(NoDecision(), seed=8)
    assert not _claim(w, r, alice, r.withdrawal_claim(k.address, 0)).success
    with pytest.raises((TypeError, ValueError)):
        R.InboxContract(alice.address, alice.address, finality=None)
    t = R.TrustedFinality(7)
    assert (t.name(), t.finality_blocks) == ("trusted", 7)


def test_sequencer_and_derivation_state_round_trip() -> None:
    w, r, k, alice = _rollup_with_withdrawal(R.TrustedFinality(2), seed=9)
    saved = r.sequencer.save_state()
    other = R.Sequencer(r.sequencer_account, r.sequencer.config)
    other.load_state(saved)
    assert other.save_state() == saved
    assert other.node.state.state_root == r.state.state_root
    node = R.Derivation(r.derivation_config)
    node.load_state(r.sequencer.node.save_state())
    assert node.state.state_root == r.state.state_root
    fresh = R.Derivation(r.derivation_config)
    empty = fresh.save_state()
    for bad in [b"", b"\xc0", saved, r.sequencer.node.save_state()[:-1]]:
        with pytest.raises(l2lab.DecodeError):
            fresh.load_state(bad)
        assert fresh.save_state() == empty


def test_world_snapshot_restores_the_sequencer() -> None:
    w, r, k, alice = _rollup_with_withdrawal(R.TrustedFinality(2), seed=10)
    snap = w.snapshot()
    before = r.sequencer.save_state()
    r.submit(r.transfer(k, alice.address, 5))
    w.run(3)
    digest = w.trace_digest()
    w.restore(snap)
    assert r.sequencer.save_state() == before
    r.submit(r.transfer(k, alice.address, 5))
    w.run(3)
    assert w.trace_digest() == digest
