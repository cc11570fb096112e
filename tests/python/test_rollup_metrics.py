"""Rollup metrics and traffic from Python: a mixed traffic run (transfers, withdrawals, L1
deposits, forced and invalid txs) submitted in one call, then columnar metrics that load into
pandas and whose per-tx shares add up exactly to their batch's totals; the API's types and its
errors for caller mistakes."""

from __future__ import annotations

import pytest

import l2lab
from l2lab import rollup as R

ETH = 10**18


def _run(da: str, seed: int = 4) -> tuple[R.Rollup, list[R.TrafficItem]]:
    w = l2lab.World(seed=seed)
    r = R.Rollup(w, R.RollupConfig(da=da, codec="brotli", level=5, forced_window=4,
                                   max_batch_txs=150, max_wait_blocks=3))
    gen = R.TrafficGenerator(R.TrafficConfig(
        accounts=30, seed=seed, withdrawal_fraction=0.05, deposit_fraction=0.05,
        forced_fraction=0.05, invalid_fraction=0.1))
    payer = w.new_account(balance=100 * ETH)
    for a in gen.addresses():
        r.deposit(payer, a, ETH)
    w.run(3)
    items = gen.next_mix(600)
    sent = r.submit_traffic(items, payer)
    kinds = [i.kind for i in items]
    assert sent.l2_submitted == sum(k in ("transfer", "withdrawal", "invalid") for k in kinds)
    assert sent.deposits == kinds.count("deposit")
    assert sent.forced == kinds.count("forced_tx")
    assert sent.l1_rejected == 0
    w.run(15)
    return r, items


@pytest.mark.parametrize("da", ["calldata", "blob"])
def test_metric_tables_are_columnar_and_shares_sum_to_batch_totals(da: str) -> None:
    pd = pytest.importorskip("pandas")
    r, items = _run(da)
    batches = pd.DataFrame(r.batch_table())
    txs = pd.DataFrame(r.tx_table())
    assert len(txs) == sum(i.kind in ("transfer", "withdrawal", "invalid") for i in items)
    assert (batches["blob"] == (da == "blob")).all()
    assert batches["included_block"].notna().all()
    assert (batches["root_matches"] == True).all()  # noqa: E712
    # Blob pricing follows the EIP-4844 quantum; calldata pricing includes the 21000 base.
    assert (batches["blob_gas"] % 131072 == 0).all()
    assert (batches["calldata_gas"] > 21000).all()
    assert all(f == g * b for f, g, b in zip(batches["calldata_fee_wei"], batches["calldata_gas"],
                                            batches["base_fee"]))
    full = batches[batches["tx_count"] > 10]
    assert (full["compression_ratio"] > 1).all()
    assert (batches["latency_seconds"] == 12 * batches["latency_blocks"]).all()
    included = txs[txs["batch_index"].notna()].copy()
    included["batch_index"] = included["batch_index"].astype(int)
    for col in ["compressed_bytes", "calldata_gas", "blob_gas", "l1_gas_used"]:
        per = included.groupby("batch_index")[col].sum()
        tot = batches.set_index("batch_index").loc[per.index, col]
        assert (per.astype(int) == tot.astype(int)).all(), col
    for col in ["calldata_fee_wei", "blob_fee_wei", "l1_fee_wei"]:  # python ints (u256)
        sums: dict[int, int] = {}
        for b, v in zip(included["batch_index"], included[col]):
            sums[b] = sums.get(b, 0) + v
        for b, v in sums.items():
            assert v == batches[col][b], col
    # Every invalid tx is dropped with a reason and never batched; every other tx is either
    # included (with a latency) or dropped with a reason.
    table = r.tx_table()
    l2_items = [x for x in items if x.kind in ("transfer", "withdrawal", "invalid")]
    assert sum(x.kind == "invalid" for x in l2_items) > 20
    for i, it in enumerate(l2_items):
        if it.kind == "invalid":
            assert table["dropped"][i] is not None
            assert table["batch_index"][i] is None
        elif table["dropped"][i] is None:
            assert table["latency_blocks"][i] is not None
            assert table["latency_seconds"][i] == 12 * table["latency_blocks"][i]


def test_queue_and_receipt_tables() -> None:
    r, items = _run("calldata", seed=6)
    q = r.queue_table()
    n = len(q["queue_index"])
    assert all(len(v) == n for v in q.values())
    assert n == 30 + sum(i.kind in ("deposit", "forced_tx") for i in items)
    assert all(lat is not None and lat <= 4 for lat in q["latency_blocks"])
    assert all(k in ("deposit", "forced_tx") for k in q["kind"])
    assert all(a for a, k in zip(q["applied"], q["kind"]) if k == "deposit")
    deposits = [a for a, k in zip(q["amount"], q["kind"]) if k == "deposit"]
    assert all(isinstance(a, int) and a > 0 for a in deposits)
    rc = r.receipts_table()
    m = len(rc["index"])
    assert m == len(r.sequencer.node.receipts)
    assert rc["index"] == list(range(m))
    assert all(isinstance(h, bytes) and len(h) == 32 for h in rc["post_root"])
    assert rc["post_root"][-1] == r.state_root
    assert all((reason is None) == applied for reason, applied in zip(rc["reason"], rc["applied"]))
    # Verifier from L1 data alone agrees, and its tables are the same.
    v = r.verifier()
    assert r.receipts_table(v) == rc
    assert r.queue_table(v)["included_block"] == q["included_block"]


def test_records_rows_and_api_types() -> None:
    r, _ = _run("calldata", seed=8)
    rows = r.batch_records()
    assert rows and set(rows[0]) == set(r.batch_table())
    trs = r.tx_records()
    assert isinstance(trs[0]["tx_hash"], str) and len(trs[0]["tx_hash"]) == 64
    addr = r.sequencer.node.state.accounts()
    some = next(iter(addr))
    assert isinstance(r.balance(some), int) and isinstance(r.nonce(some), int)
    assert isinstance(r.state_root, bytes) and len(r.state_root) == 32
    assert R.apportion(10, [1, 1, 1]) == [3, 3, 4]
    assert sum(R.apportion(2**255, [3, 5, 7])) == 2**255


def test_traffic_is_deterministic_and_bad_configs_raise() -> None:
    cfg = dict(accounts=10, seed=3, deposit_fraction=0.2, forced_fraction=0.2, invalid_fraction=0.2)
    a = R.TrafficGenerator(R.TrafficConfig(**cfg)).next_mix(300)
    b = R.TrafficGenerator(R.TrafficConfig(**cfg)).next_mix(300)
    assert [x.kind for x in a] == [y.kind for y in b]
    assert [x.tx for x in a] == [y.tx for y in b]
    assert {x.invalid_reason for x in a if x.kind == "invalid"} == {
        "bad_signature", "wrong_chain_id", "wrong_nonce", "insufficient_balance"}
    with pytest.raises(ValueError, match="sum to <= 1"):
        R.TrafficGenerator(R.TrafficConfig(deposit_fraction=0.6, invalid_fraction=0.6))
    with pytest.raises(ValueError, match="min_deposit"):
        R.TrafficGenerator(R.TrafficConfig(min_deposit=0))
    with pytest.raises(ValueError, match="2\\^64"):
        R.apportion(1, [2**64 - 1, 1])
    with pytest.raises(ValueError, match="non-negative"):
        R.apportion(-1, [1])
    w = l2lab.World(seed=1)
    with pytest.raises(ValueError, match="zstd level"):
        R.Rollup(w, R.RollupConfig(codec="zstd", level=30))
    with pytest.raises(ValueError, match="ordering"):
        R.Rollup(w, R.RollupConfig(ordering="random"))


def test_bad_bridge_input_is_rejected_without_corrupting_state() -> None:
    w = l2lab.World(seed=2)
    r = R.Rollup(w, R.RollupConfig(finality_blocks=2))
    alice = w.new_account(balance=10 * ETH)
    k = l2lab.PrivateKey.from_int(99)
    zero = r.deposit(alice, k.address, 0)
    ok = r.deposit(alice, k.address, ETH)
    w.run(3)
    assert w.chain.receipt(zero.tx_hash).revert_reason == "zero deposit"
    assert w.chain.receipt(ok.tx_hash).success
    root = r.state_root
    # A forced payload that is not an L2 tx is one skipped step, nothing else.
    r.force_tx(alice, b"\x01\x02\x03")
    w.run(12)
    rc = r.receipts_table()
    assert rc["kind"][-1] == "undecodable" and rc["reason"][-1] == "undecodable"
    assert r.state_root == root
    # A withdrawal proof against the wrong amount, and an unknown root index, revert.
    r.submit(r.transfer(k, alice.address, ETH // 2, kind=R.TxKind.WITHDRAWAL))
    w.run(4)
    claim = r.withdrawal_claim(k.address, 0)
    w.mine(3)
    node = r.verifier()
    roots = r.roots()
    at = node.state_at(roots[-1].l1_block)
    wd = at.withdrawal(k.address, 0)
    forged = R.WithdrawalRecord(wd.sender, wd.nonce, wd.l1_recipient, wd.amount + 1)
    bad = w.call(alice, r.inbox, R.inbox_finalize_withdrawal(len(roots) - 1, forged,
                                                             at.prove_withdrawal(k.address, 0)))
    unknown = w.call(alice, r.inbox, R.inbox_finalize_withdrawal(10**6, wd,
                                                                 at.prove_withdrawal(k.address, 0)))
    good = w.call(alice, r.inbox, claim)
    replay = w.call(alice, r.inbox, claim)
    w.mine(1)
    assert w.chain.receipt(bad.tx_hash).revert_reason == "invalid withdrawal proof"
    assert w.chain.receipt(unknown.tx_hash).revert_reason == "unknown root index"
    assert w.chain.receipt(good.tx_hash).success
    assert w.chain.receipt(replay.tx_hash).revert_reason == "withdrawal already finalized"
    assert w.chain.balance(r.inbox) == ETH // 2
