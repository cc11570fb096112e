"""Rollup end to end from Python: deploy on a World, deposit, transact, post batches (calldata
and blobs, every codec), verify with an independent derivation, claim withdrawals, metrics."""

from __future__ import annotations

import pytest

import l2lab
from l2lab import rollup as R

ETH = 10**18


@pytest.mark.parametrize("codec", ["none", "zstd", "brotli"])
@pytest.mark.parametrize("da", ["calldata", "blob"])
def test_verifier_rebuilds_sequencer_roots(codec: str, da: str) -> None:
    w = l2lab.World(seed=11)
    r = R.Rollup(w, R.RollupConfig(codec=codec, da=da, finality_blocks=3))
    gen = R.TrafficGenerator(R.TrafficConfig(accounts=15, seed=2, withdrawal_fraction=0.1))
    funder = w.new_account(balance=100 * ETH)
    for a in gen.addresses():
        assert r.deposit(funder, a, ETH)
    w.run(2)
    r.submit_many(gen.next(150))
    w.run(4)
    node = r.verifier()
    assert node.state.state_root == r.state.state_root
    recs = r.batch_records()
    assert recs and all(b["root_matches"] for b in recs)
    assert all(b["blob"] == (da == "blob") for b in recs)
    if codec != "none":
        assert all(b["compressed_bytes"] < b["raw_bytes"] for b in recs if b["tx_count"] > 10)
    txs = r.tx_records()
    assert sum(1 for t in txs if t["included_block"] is not None) > 100
    assert node.state.total_supply == node.deposited - node.state.total_withdrawn


def test_withdrawal_claim_and_replay() -> None:
    w = l2lab.World(seed=3)
    r = R.Rollup(w, R.RollupConfig(finality_blocks=2))
    k = l2lab.PrivateKey.from_int(77)
    alice = w.new_account(balance=10 * ETH)
    bob = w.new_account()
    r.deposit(alice, k.address, 2 * ETH)
    w.run(2)
    assert r.balance(k.address) == 2 * ETH
    r.submit(r.transfer(k, bob.address, ETH, kind=R.TxKind.WITHDRAWAL))
    w.run(4)
    claim = r.withdrawal_claim(k.address, 0)
    w.mine(2)  # trusted finality: N = 2 blocks after the latest proposal
    a = w.call(alice, r.inbox, claim)
    b = w.call(alice, r.inbox, claim)
    w.mine(1)
    assert w.chain.receipt(a.tx_hash).success
    assert w.chain.receipt(b.tx_hash).revert_reason == "withdrawal already finalized"
    assert w.chain.balance(bob.address) == ETH
    assert w.chain.balance(r.inbox) == ETH
    with pytest.raises(l2lab.StateError):
        r.withdrawal_claim(k.address, 5)


def test_codecs_and_bad_input_from_python() -> None:
    bomb = R.compress("zstd", bytes(4 << 20), 3)
    with pytest.raises(l2lab.DecodeError):
        R.decompress("zstd", bomb, max_output=1 << 20)
    with pytest.raises(ValueError):
        R.compress("lz4", b"x")
    with pytest.raises(l2lab.DecodeError):
        R.decode_batch(b"\x01\x02garbage")
    b = R.Batch(queue_index=2, txs=[])
    assert R.decode_batch(R.encode_batch(b, "brotli", 5)) == b
    with pytest.raises(ValueError):
        R.RollupConfig(da="floppy") and R.Rollup(l2lab.World(seed=1), R.RollupConfig(da="floppy"))


def test_scenarios_pass() -> None:
    import l2lab.scenarios as S

    for name in ["rollup.invalid_batches", "rollup.forced_inclusion", "rollup.data_withholding",
                 "rollup.bridge_accounting", "rollup.supply_conservation"]:
        res = S.get(name).run(seed=1)
        assert res.ok, res.story()
