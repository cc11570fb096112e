"""Rollup batch sizing by blocks from Python: with ``max_delay_blocks`` a slow trickle of txs is
posted when its oldest tx has waited the delay, a burst is posted as soon as a batch is full."""

from __future__ import annotations

import l2lab
from l2lab import rollup as R

ETH = 10**18


def _deploy(**cfg: int) -> tuple[l2lab.World, R.Rollup, l2lab.PrivateKey]:
    w = l2lab.World(seed=21)
    r = R.Rollup(w, R.RollupConfig(**cfg))
    k = l2lab.PrivateKey.from_int(4242)
    r.deposit(w.new_account(balance=10 * ETH), k.address, ETH)
    w.run(cfg.get("max_delay_blocks", 0) + 3)
    assert r.balance(k.address) == ETH
    return w, r, k


def test_trickle_posts_on_the_delay() -> None:
    w, r, k = _deploy(max_delay_blocks=5)
    assert r.sequencer.config.max_delay_blocks == 5
    first = len(r.batch_records())
    to = l2lab.PrivateKey.from_int(9).address
    for n in range(10):
        r.submit(r.transfer(k, to, 1, nonce=n))
        w.run(1)
    w.run(8)
    batches = r.batch_records()[first:]
    txs = r.tx_records()
    assert len(batches) >= 2 and sum(b["tx_count"] for b in batches) == 10
    for b in batches:
        assert b["tx_count"] > 1  # waited for more txs
        oldest = min(t["submitted_block"] for t in txs if t["batch_index"] == b["batch_index"])
        assert b["submitted_block"] == oldest + 5
    assert r.nonce(k.address) == 10
    assert r.verifier().state.state_root == r.state.state_root


def test_burst_posts_when_full() -> None:
    w, r, k = _deploy(max_delay_blocks=40, max_batch_txs=4)
    first = len(r.batch_records())
    at = w.block_number
    to = l2lab.PrivateKey.from_int(9).address
    assert r.submit_many([r.transfer(k, to, 1, nonce=n) for n in range(9)]) == 9
    w.run(8)
    batches = r.batch_records()[first:]
    assert [b["tx_count"] for b in batches] == [4, 4]  # full batches go at once
    assert batches[0]["submitted_block"] <= at + 1
    assert r.sequencer.mempool_size == 1  # the remainder waits for the delay
    w.run(40)
    batches = r.batch_records()[first:]
    assert [b["tx_count"] for b in batches] == [4, 4, 1]
    assert batches[2]["submitted_block"] == at + 40
