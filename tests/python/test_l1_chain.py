"""The chain through the bindings: construction, transfers, receipts, fees, drops, policies,
snapshots, blobs, bulk calls."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import l2lab
from l2lab import l1

GWEI = 10**9
ETHER = 10**18
BOB = "0x" + "b0" * 20


def key(n: int) -> l2lab.PrivateKey:
    return l2lab.PrivateKey.from_int(n)


def signed(chain: l1.Chain, k: l2lab.PrivateKey, to: object, value: int = 0, data: bytes = b"",
           gas_limit: int = 21000, max_fee: int = 10 * GWEI, tip: int = GWEI,
           nonce: int | None = None) -> l1.Transaction:
    tx = l1.Transaction(
        to, value, data,
        nonce=chain.next_nonce(k) if nonce is None else nonce,
        gas_limit=gas_limit, max_fee_per_gas=max_fee, max_priority_fee_per_gas=tip,
        chain_id=chain.config.chain_id,
    )
    tx.sign(k)
    return tx


def test_defaults_and_genesis() -> None:
    chain = l1.Chain()
    cfg = chain.config
    assert (cfg.block_time, cfg.block_gas_limit, cfg.chain_id) == (12, 30_000_000, 1337)
    assert cfg.initial_base_fee == GWEI and cfg.eip1559 and cfg.eip7623
    assert chain.block_number == 0
    assert chain.base_fee == GWEI
    assert chain.blob_base_fee == 1
    assert "Chain(" in repr(chain)


def test_config_fields_are_properties() -> None:
    cfg = l1.ChainConfig(block_time=2, block_gas_limit=1_000_000, eip1559=False)
    assert (cfg.block_time, cfg.block_gas_limit, cfg.eip1559) == (2, 1_000_000, False)
    cfg.calldata_floor_per_token = 12
    assert cfg.calldata_floor_per_token == 12
    chain = l1.Chain(cfg)
    chain.mine(3)
    assert chain.timestamp == cfg.genesis_timestamp + 6
    assert chain.base_fee == 0


def test_transfer_receipt_and_fees() -> None:
    chain = l1.Chain()
    alice = key(1)
    chain.mint(alice, 10 * ETHER)
    tx = signed(chain, alice, BOB, 12345, max_fee=5 * GWEI, tip=2 * GWEI)
    out = chain.submit(tx)
    assert out.accepted and out and out.tx_hash == tx.hash()
    assert chain.lookup(tx.hash()).status == "pending"
    block = chain.produce_block()
    assert block.number == 1 and block.timestamp == chain.config.genesis_timestamp + 12
    r = chain.receipt(tx.hash())
    assert r is not None and r.status == l1.TxStatus.success and r.success
    assert r.gas_used == 21000
    assert r.effective_gas_price == 3 * GWEI
    assert r.fee_burned == 21000 * GWEI
    assert r.priority_fee_paid == 21000 * 2 * GWEI
    assert r.sender == alice.address and r.to == l2lab.Address(BOB)
    assert chain.balance(BOB) == 12345
    assert chain.balance(alice) == 10 * ETHER - 12345 - 21000 * 3 * GWEI
    assert chain.nonce(alice) == 1
    assert chain.total_balance + chain.total_burned == chain.total_minted
    assert block.header.state_digest == chain.state_digest()
    assert block.header.tx_hashes == [tx.hash()]


def test_calldata_gas_through_the_chain() -> None:
    chain = l1.Chain()
    alice = key(1)
    chain.mint(alice, ETHER)
    cases = [(b"\xff" * 100, 25000), (bytes(100), 22000), (b"", 21000)]
    txs = []
    for data, _ in cases:
        tx = signed(chain, alice, BOB, data=data, gas_limit=30000)
        assert chain.submit(tx)
        txs.append(tx)
    chain.produce_block()
    for tx, (_, expected) in zip(txs, cases):
        assert chain.receipt(tx.hash()).gas_used == expected


def test_bad_transactions_are_dropped_with_reasons() -> None:
    chain = l1.Chain()
    alice = key(1)
    chain.mint(alice, ETHER)
    before = chain.state_digest()
    wrong_chain = l1.Transaction(BOB, 1, nonce=0, gas_limit=21000, max_fee_per_gas=GWEI * 10,
                                 max_priority_fee_per_gas=GWEI, chain_id=1)
    wrong_chain.sign(alice)
    cases = [
        (wrong_chain, l1.DropReason.wrong_chain_id),
        (signed(chain, alice, BOB, 1, gas_limit=20999), l1.DropReason.intrinsic_gas_too_low),
        (signed(chain, key(2), BOB, 1), l1.DropReason.insufficient_funds),
        (signed(chain, alice, BOB, 1, max_fee=GWEI, tip=2 * GWEI), l1.DropReason.tip_above_fee_cap),
        (signed(chain, alice, BOB, 1, gas_limit=30_000_001), l1.DropReason.gas_limit_above_block),
        (l1.Transaction(BOB, 1, chain_id=chain.config.chain_id, gas_limit=21000),
         l1.DropReason.invalid_signature),
    ]
    for tx, reason in cases:
        out = chain.submit(tx)
        assert not out.accepted and out.reason == reason, out
        assert out.detail
        assert chain.lookup(tx.hash()).status == "dropped"
        assert chain.state_digest() == before
    block = chain.produce_block()
    assert [d.reason for d in block.dropped] == [r for _, r in cases]
    assert block.receipts == []
    assert chain.balance(alice) == ETHER


def test_snapshot_restore() -> None:
    chain = l1.Chain(seed=3)
    alice = key(1)
    chain.mint(alice, ETHER)
    chain.submit(signed(chain, alice, BOB, 1))
    chain.produce_block()
    snap = chain.snapshot()
    digest, head = chain.state_digest(), chain.head.hash
    chain.submit(signed(chain, alice, BOB, 2))
    chain.mine(4)
    assert chain.state_digest() != digest
    chain.restore(snap)
    assert chain.state_digest() == digest and chain.head.hash == head
    assert snap.block_number == 1 and snap.state_digest == digest
    with pytest.raises(l2lab.StateError):
        l1.Chain().restore(snap)


def test_censor_policy_bound() -> None:
    chain = l1.Chain()
    victim, other = key(1), key(2)
    chain.mint(victim, ETHER)
    chain.mint(other, ETHER)
    chain.inclusion_policy = l1.CensorPolicy([victim], max_blocks=3)
    assert "censor" in chain.inclusion_policy
    t_victim, t_other = signed(chain, victim, BOB, 1), signed(chain, other, BOB, 1)
    chain.submit(t_victim)
    chain.submit(t_other)
    chain.mine(4)
    assert chain.receipt(t_other.hash()).block_number == 1
    assert chain.receipt(t_victim.hash()).block_number == 4


def test_python_inclusion_policy() -> None:
    class Oldest(l1.InclusionPolicy):
        """Only the earliest arrival per block."""

        def order(self, block, pending, rng):  # type: ignore[no-untyped-def]
            return [0] if pending else []

    chain = l1.Chain()
    chain.inclusion_policy = Oldest()
    for n in (1, 2, 3):
        chain.mint(key(n), ETHER)
        chain.submit(signed(chain, key(n), BOB, 1))
    assert [len(chain.produce_block().receipts) for _ in range(4)] == [1, 1, 1, 0]
    assert chain.inclusion_policy == "Oldest"


def test_bulk_sign_submit_mine() -> None:
    chain = l1.Chain()
    keys = [key(n) for n in range(1, 5)]
    for k in keys:
        chain.mint(k, ETHER)
    requests = [(i % 4, BOB, 1) for i in range(400)]
    txs = chain.sign_transfers(keys, requests)
    outs = chain.submit_many(txs)
    assert all(o.accepted for o in outs)
    assert chain.mine_until_empty(10) == 1
    assert chain.balance(BOB) == 400
    assert [chain.nonce(k) for k in keys] == [100] * 4
    res = chain.execute_transfers(keys, [(i % 4, BOB, 2) for i in range(100)])
    assert (res.submitted, res.accepted, res.included, res.blocks) == (100, 100, 100, 1)
    assert res.gas_used == 100 * 21000
    assert chain.balance(BOB) == 600


def test_blobs() -> None:
    chain = l1.Chain()
    alice = key(1)
    chain.mint(alice, ETHER)
    blob = l1.Blob(b"rollup batch")
    assert len(blob.data) == l1.gas.BYTES_PER_BLOB
    assert blob.versioned_hash[0] == 1
    expected = b"\x01" + l2lab.sha256(l2lab.sha256(blob.data))[1:]
    assert blob.versioned_hash == expected  # 0x01 || sha256(modelled commitment)[1:]
    tx = l1.Transaction(BOB, nonce=0, gas_limit=21000, max_fee_per_gas=10 * GWEI,
                        max_priority_fee_per_gas=GWEI, chain_id=chain.config.chain_id,
                        max_fee_per_blob_gas=10, blobs=[blob])
    tx.sign(alice)
    assert tx.blob_versioned_hashes == [blob.versioned_hash]
    assert chain.submit(tx)
    chain.produce_block()
    r = chain.receipt(tx.hash())
    assert r.blob_gas_used == 2**17 and r.blob_gas_price == 1
    assert chain.blob(blob.versioned_hash) == blob
    chain.withhold_blob(blob.versioned_hash)
    assert chain.blob(blob.versioned_hash) is None
    with pytest.raises(l2lab.InvalidArgumentError):
        l1.Blob(bytes(131073))


def test_transaction_encoding_round_trip() -> None:
    chain = l1.Chain()
    tx = signed(chain, key(7), BOB, 99, data=b"\x00\x01")
    back = l1.Transaction.decode(tx.encode())
    assert back.hash() == tx.hash() and back.recover_sender() == key(7).address
    with pytest.raises(l2lab.DecodeError):
        l1.Transaction.decode(tx.encode() + b"\x00")


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 5), st.integers(0, 10**15)),
                max_size=30))
def test_conservation_over_random_transfers(transfers: list[tuple[int, int, int]]) -> None:
    chain = l1.Chain()
    keys = [key(n) for n in range(1, 5)]
    for k in keys:
        chain.mint(k, 10**16)
    for sender, to, value in transfers:
        chain.submit(signed(chain, keys[sender], "0x" + f"{to:040x}", value))
    chain.mine_until_empty(5)
    assert chain.total_balance + chain.total_burned == chain.total_minted
