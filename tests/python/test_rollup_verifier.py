"""Rollup.verifier() and withdrawal_claim() keep one derivation node and advance it block by block
instead of replaying the whole history on every call: their results are identical to a node
built from genesis at that moment (byte-identical saved state, tables, claim calldata), also when
claims go back to older roots and when the World is restored to an earlier snapshot (a fork)."""

from __future__ import annotations

import pytest

import l2lab
from l2lab import rollup as R

ETH = 10**18


def _fresh(r: R.Rollup) -> R.Derivation:
    node = R.Derivation(r.derivation_config)
    node.advance(r.world.chain)
    return node


def _assert_same_as_fresh(r: R.Rollup) -> R.Derivation:
    v, fresh = r.verifier(), _fresh(r)
    assert v.derived_block == fresh.derived_block == r.world.block_number
    assert v.save_state() == fresh.save_state()
    assert v.state.state_root == fresh.state.state_root == r.state_root
    assert r.receipts_table(v) == r.receipts_table(fresh)
    return fresh


def _claim_the_old_way(r: R.Rollup, fresh: R.Derivation, sender: object, nonce: int,
                       ri: int) -> bytes | None:
    """What withdrawal_claim computed before: a new node, then its state_at replay."""
    at = fresh.state_at(r.roots()[ri].l1_block)
    w = at.withdrawal(sender, nonce)
    if w is None:
        return None
    return bytes(R.inbox_finalize_withdrawal(ri, w, at.prove_withdrawal(sender, nonce)))


def _check_claims(r: R.Rollup, fresh: R.Derivation, order: list[int]) -> int:
    """Every known withdrawal against every root, in the given root order; returns how many
    claims exist (the rest are StateErrors both ways)."""
    found = 0
    for ri in order:
        for wd in fresh.state.withdrawals():
            expect = _claim_the_old_way(r, fresh, wd.sender, wd.nonce, ri)
            if expect is None:
                with pytest.raises(l2lab.StateError, match="is not under root"):
                    r.withdrawal_claim(wd.sender, wd.nonce, root_index=ri)
            else:
                assert r.withdrawal_claim(wd.sender, wd.nonce, root_index=ri) == expect
                found += 1
    return found


def _traffic(r: R.Rollup, gen: R.TrafficGenerator, payer: object, n: int) -> None:
    r.submit_traffic(gen.next_mix(n), payer)
    r.world.run(3)


@pytest.mark.parametrize("da", ["calldata", "blob"])
def test_incremental_verifier_and_claims_equal_a_replay(da: str) -> None:
    w = l2lab.World(seed=11)
    r = R.Rollup(w, R.RollupConfig(da=da, codec="zstd", forced_window=3, finality_blocks=1,
                                   max_batch_bytes=60_000))
    payer = w.new_account(balance=10**22)
    gen = R.TrafficGenerator(R.TrafficConfig(accounts=12, seed=11, withdrawal_fraction=0.2,
                                             deposit_fraction=0.1, forced_fraction=0.05,
                                             invalid_fraction=0.05))
    for a in gen.addresses():
        r.deposit(payer, a, ETH)
    w.run(3)
    node = r.verifier()
    claims = 0
    for round_ in range(4):
        _traffic(r, gen, payer, 60)
        assert r.verifier() is node  # the same node, advanced
        fresh = _assert_same_as_fresh(r)
        n = len(r.roots())
        assert n > 0
        # Latest first, then back to older roots, then forward again.
        claims += _check_claims(r, fresh, [n - 1, 0, n // 2, n - 1])
    assert claims > 0  # withdrawals were claimable, so the comparison had content


def test_a_restored_world_rebuilds_the_verifier() -> None:
    w = l2lab.World(seed=12)
    r = R.Rollup(w, R.RollupConfig(finality_blocks=1))
    payer = w.new_account(balance=10**22)
    gen = R.TrafficGenerator(R.TrafficConfig(accounts=8, seed=12, withdrawal_fraction=0.3))
    for a in gen.addresses():
        r.deposit(payer, a, ETH)
    w.run(3)
    _traffic(r, gen, payer, 20)
    snap = w.snapshot()
    _traffic(r, gen, payer, 30)
    w.run(4)
    ahead = r.verifier()
    _assert_same_as_fresh(r)
    ahead_block = ahead.derived_block
    # Back to the snapshot, and a different branch grows past the node's last block: same
    # block numbers, other blocks.
    w.restore(snap)
    other = R.TrafficGenerator(R.TrafficConfig(accounts=8, seed=99, withdrawal_fraction=0.3))
    for a in other.addresses():
        r.deposit(payer, a, ETH)
    w.run(3)
    _traffic(r, other, payer, 30)
    w.run(ahead_block - w.block_number + 2)
    fresh = _assert_same_as_fresh(r)
    n = len(r.roots())
    _check_claims(r, fresh, [n - 1, 0])
    # Back again: now the node is ahead of the chain.
    w.restore(snap)
    assert r.verifier().derived_block == w.block_number < ahead_block
    _assert_same_as_fresh(r)
