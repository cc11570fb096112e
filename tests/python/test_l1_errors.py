"""Bad input through the bindings: typed exceptions naming the problem, nothing changes."""

from __future__ import annotations

import pytest

import l2lab
from l2lab import l1


def test_negative_and_oversized_values() -> None:
    chain = l1.Chain()
    with pytest.raises(ValueError):
        chain.mint("0x" + "11" * 20, -1)
    with pytest.raises(OverflowError):
        chain.mint("0x" + "11" * 20, 2**256)
    with pytest.raises(ValueError):
        l1.Transaction("0x" + "11" * 20, -5)
    assert chain.total_minted == 0


def test_wrong_types() -> None:
    chain = l1.Chain()
    with pytest.raises(TypeError):
        chain.mint("0x" + "11" * 20, 1.5)
    with pytest.raises(TypeError):
        chain.balance(12345)
    with pytest.raises(TypeError):
        chain.submit("not a transaction")
    with pytest.raises(TypeError):
        l1.Transaction("0x" + "11" * 20, data="text, not bytes")
    with pytest.raises(TypeError):
        chain.mint("0x" + "11" * 20, True)


def test_malformed_addresses() -> None:
    chain = l1.Chain()
    for bad in ["0x1234", "not an address", "0x" + "zz" * 20, "0x" + "11" * 21]:
        with pytest.raises(l2lab.InvalidArgumentError):
            chain.balance(bad)
    with pytest.raises(l2lab.InvalidArgumentError):
        chain.balance(b"\x00" * 19)
    # Mixed case with a wrong EIP-55 checksum.
    good = str(l2lab.PrivateKey.from_int(1).address)
    broken = good[:2] + good[2:].swapcase()
    if broken != good and broken.lower() != broken and broken.upper() != broken:
        with pytest.raises(l2lab.InvalidArgumentError):
            chain.balance(broken)


def test_bad_config() -> None:
    with pytest.raises(l2lab.InvalidArgumentError, match="block_time"):
        l1.Chain(l1.ChainConfig(block_time=0))
    with pytest.raises(l2lab.InvalidArgumentError, match="no field"):
        l1.ChainConfig(block_tim=3)
    with pytest.raises(TypeError):
        l1.ChainConfig(block_time="12")


def test_bad_block_requests() -> None:
    chain = l1.Chain()
    with pytest.raises(l2lab.InvalidArgumentError):
        chain.block(5)
    with pytest.raises(l2lab.InvalidArgumentError):
        chain.produce_block(timestamp=chain.timestamp)
    with pytest.raises(l2lab.InvalidArgumentError):
        chain.logs(from_block=3, to_block=1)
    with pytest.raises(l2lab.InvalidArgumentError):
        l1.ReorderPolicy("sideways")
    with pytest.raises(l2lab.InvalidArgumentError):
        chain.sign_transfers([l2lab.PrivateKey.from_int(1)], [(5, "0x" + "11" * 20, 1)])
    assert chain.block_number == 0


def test_bad_storage_keys() -> None:
    chain = l1.Chain()
    with pytest.raises(ValueError):
        chain.storage("0x" + "11" * 20, b"short")
    with pytest.raises(ValueError):
        chain.storage("0x" + "11" * 20, -1)
