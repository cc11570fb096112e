"""Deploying a rollup from Python with bad input: every RollupConfig field is checked before
anything reaches the World (typed errors naming the field, no stray account or contract), claims
against missing or out-of-range roots are typed errors, and the sequencer's blob fee cap
(max_fee_per_blob_gas) is reachable and takes effect."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

import l2lab
from l2lab import rollup as R

ETH = 10**18

BAD_FIELDS: list[tuple[dict[str, Any], type[Exception], str]] = [
    ({"codec": "lz4"}, ValueError, "RollupConfig.codec"),
    ({"codec": 3}, TypeError, "RollupConfig.codec"),
    ({"level": 30}, ValueError, "RollupConfig.level: zstd level"),
    ({"codec": "brotli", "level": 12}, ValueError, "RollupConfig.level: brotli level"),
    ({"level": 2.5}, TypeError, "RollupConfig.level"),
    ({"da": "floppy"}, ValueError, "RollupConfig.da"),
    ({"ordering": "random"}, ValueError, "RollupConfig.ordering"),
    ({"chain_id": -1}, ValueError, "RollupConfig.chain_id"),
    ({"chain_id": 2**64}, ValueError, "RollupConfig.chain_id"),
    ({"forced_window": "10"}, TypeError, "RollupConfig.forced_window"),
    ({"finality_blocks": -5}, ValueError, "RollupConfig.finality_blocks"),
    ({"max_batch_txs": 0}, ValueError, "RollupConfig.max_batch_txs"),
    ({"max_batch_bytes": 0}, ValueError, "RollupConfig.max_batch_bytes"),
    ({"da": "blob", "max_batch_bytes": R.BLOB_MAX_BATCH_BYTES + 1}, ValueError,
     "RollupConfig.max_batch_bytes"),
    ({"post_every_blocks": 0}, ValueError, "RollupConfig.post_every_blocks"),
    ({"propose_every_blocks": True}, TypeError, "RollupConfig.propose_every_blocks"),
    ({"sequencer_balance": -1}, ValueError, "RollupConfig.sequencer_balance"),
    ({"max_decompressed": 0}, ValueError, "RollupConfig.max_decompressed"),
    ({"max_wait_blocks": -1}, ValueError, "RollupConfig.max_wait_blocks"),
    ({"max_delay_blocks": 2**64}, ValueError, "RollupConfig.max_delay_blocks"),
    ({"max_fee_per_blob_gas": -1}, ValueError, "RollupConfig.max_fee_per_blob_gas"),
    ({"max_fee_per_blob_gas": 2**256}, ValueError, "RollupConfig.max_fee_per_blob_gas"),
    ({"finality_rule": 3}, TypeError, "RollupConfig.finality_rule"),
]


@pytest.mark.parametrize("bad,exc,field", BAD_FIELDS, ids=[f for _, _, f in BAD_FIELDS])
def test_a_bad_field_is_named_at_construction(bad: dict[str, Any], exc: type[Exception],
                                              field: str) -> None:
    with pytest.raises(exc, match=field.replace(".", r"\.")) as info:
        R.RollupConfig(**bad)
    if exc is ValueError:
        assert isinstance(info.value, l2lab.InvalidArgumentError)  # an l2lab.Error as well


def _forced(**bad: Any) -> R.RollupConfig:
    """A config whose fields were changed after construction (frozen dataclasses allow it
    through object.__setattr__): only Rollup's own check stands between it and the World."""
    c = R.RollupConfig()
    for k, v in bad.items():
        object.__setattr__(c, k, v)
    return c


@pytest.mark.parametrize("bad,exc,field", BAD_FIELDS, ids=[f for _, _, f in BAD_FIELDS])
def test_a_bad_config_leaves_the_world_untouched(bad: dict[str, Any], exc: type[Exception],
                                                 field: str) -> None:
    w = l2lab.World(seed=5)
    with pytest.raises(exc, match=field.replace(".", r"\.")):
        R.Rollup(w, _forced(**bad))
    assert list(w.accounts) == []
    # The next deployment is exactly the one a fresh World gets: same sequencer account, same
    # inbox address, same run.
    r = R.Rollup(w, R.RollupConfig())
    fresh_world = l2lab.World(seed=5)
    fresh = R.Rollup(fresh_world, R.RollupConfig())
    assert r.sequencer_account.address == fresh.sequencer_account.address
    assert r.inbox == fresh.inbox
    w.run(2)
    fresh_world.run(2)
    assert w.trace_digest() == fresh_world.trace_digest()


def test_a_config_must_be_a_rollup_config() -> None:
    w = l2lab.World(seed=5)
    with pytest.raises(TypeError, match="RollupConfig"):
        R.Rollup(w, {"codec": "zstd"})  # type: ignore[arg-type]
    assert list(w.accounts) == []


def test_the_blob_limit_is_the_sequencers() -> None:
    """BLOB_MAX_BATCH_BYTES is the largest max_batch_bytes the C++ Sequencer accepts for blob
    batches: one more is refused by the Sequencer itself."""
    w = l2lab.World(seed=1)
    acct = w.new_account(balance=ETH)
    d = R.DerivationConfig(acct.address)
    R.Sequencer(acct, R.SequencerConfig(d, da="blob", max_batch_bytes=R.BLOB_MAX_BATCH_BYTES))
    with pytest.raises(ValueError, match="max_batch_bytes"):
        R.Sequencer(acct, R.SequencerConfig(d, da="blob",
                                            max_batch_bytes=R.BLOB_MAX_BATCH_BYTES + 1))
    R.RollupConfig(da="blob", max_batch_bytes=R.BLOB_MAX_BATCH_BYTES)  # accepted


def test_withdrawal_claim_without_roots_or_out_of_range_is_typed() -> None:
    w = l2lab.World(seed=3)
    r = R.Rollup(w, R.RollupConfig(propose_every_blocks=0))  # never proposes
    k = l2lab.PrivateKey.from_int(7)
    with pytest.raises(l2lab.StateError, match="no state root has been proposed"):
        r.withdrawal_claim(k.address, 0)
    r2 = R.Rollup(l2lab.World(seed=4), R.RollupConfig(finality_blocks=1))
    r2.world.run(3)
    n = len(r2.roots())
    assert n > 0
    for bad in (n, n + 10, -1):
        with pytest.raises(l2lab.InvalidArgumentError, match=f"root_index {bad} is out of range"):
            r2.withdrawal_claim(k.address, 0, root_index=bad)
    with pytest.raises(TypeError, match="root_index"):
        r2.withdrawal_claim(k.address, 0, root_index="0")  # type: ignore[arg-type]
    with pytest.raises(l2lab.StateError, match="not under root"):
        r2.withdrawal_claim(k.address, 0, root_index=n - 1)


def test_the_blob_fee_cap_is_reachable_and_binds() -> None:
    """A cap below the blob base fee (at least 1 wei per blob gas, EIP-4844) keeps the batch in
    the L1 mempool; the sequencer has one batch in flight, so nothing else is posted, and the
    tx waits. With the default cap the same run includes it."""
    cfg = R.SequencerConfig(R.DerivationConfig(l2lab.Address("0x" + "11" * 20)),
                            max_fee_per_blob_gas=7)
    assert cfg.max_fee_per_blob_gas == 7
    cfg.max_fee_per_blob_gas = 2**200
    assert cfg.max_fee_per_blob_gas == 2**200
    included = {}
    for cap in (0, 10**9):
        w = l2lab.World(seed=9)
        r = R.Rollup(w, R.RollupConfig(da="blob", max_fee_per_blob_gas=cap, forced_window=1000))
        assert r.sequencer.config.max_fee_per_blob_gas == cap
        payer = w.new_account(balance=10 * ETH)
        k = l2lab.PrivateKey.from_int(0xB10B)
        r.deposit(payer, k.address, ETH)
        w.run(2)
        r.submit(r.transfer(k, payer.address, 5, 1))
        w.run(6)
        r.submit(r.transfer(k, payer.address, 6, 1, nonce=1))
        w.run(6)
        table = r.batch_table()
        included[cap] = [b for b in table["included_block"] if b is not None]
        if cap == 0:
            assert len(table["included_block"]) == 1  # one batch posted, never another
            assert r.nonce(k.address) == 0
        else:
            assert r.nonce(k.address) == 2
    assert included[0] == [] and len(included[10**9]) >= 2


def test_config_dict_lists_every_field() -> None:
    d = R.Rollup(l2lab.World(seed=1), R.RollupConfig(max_fee_per_blob_gas=5)).config_dict()
    assert d["max_fee_per_blob_gas"] == 5
    assert set(d) >= {f.name for f in dataclasses.fields(R.RollupConfig)}
