"""Gas schedule and fee formulas through the bindings, against the EIP numbers and independent
pure-Python transcriptions of the EIP pseudocode."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import l2lab
from l2lab import l1
from l2lab.l1 import gas

# (name, value, source): the EIP numbers, typed in from the specifications.
EIP_CONSTANTS = [
    ("TX_BASE", 21000, "Yellow Paper"),
    ("TX_DATA_ZERO", 4, "Yellow Paper"),
    ("TX_DATA_NONZERO", 16, "EIP-2028"),
    ("STANDARD_TOKEN_COST", 4, "EIP-7623"),
    ("TOTAL_COST_FLOOR_PER_TOKEN", 10, "EIP-7623"),
    ("COLD_SLOAD", 2100, "EIP-2929"),
    ("WARM_STORAGE_READ", 100, "EIP-2929"),
    ("COLD_ACCOUNT_ACCESS", 2600, "EIP-2929"),
    ("SSTORE_SET", 20000, "EIP-2200"),
    ("SSTORE_RESET", 2900, "EIP-2929"),
    ("SSTORE_CLEARS_REFUND", 4800, "EIP-3529"),
    ("MAX_REFUND_QUOTIENT", 5, "EIP-3529"),
    ("ECRECOVER", 3000, "Yellow Paper"),
    ("KECCAK_BASE", 30, "Yellow Paper"),
    ("KECCAK_WORD", 6, "Yellow Paper"),
    ("SHA256_BASE", 60, "Yellow Paper"),
    ("SHA256_WORD", 12, "Yellow Paper"),
    ("LOG_BASE", 375, "Yellow Paper"),
    ("LOG_TOPIC", 375, "Yellow Paper"),
    ("LOG_DATA_BYTE", 8, "Yellow Paper"),
    ("CALL_VALUE_TRANSFER", 9000, "Yellow Paper"),
    ("CALL_NEW_ACCOUNT", 25000, "Yellow Paper"),
    ("BLOB_HASH", 3, "EIP-4844"),
    ("INITIAL_BASE_FEE", 10**9, "EIP-1559"),
    ("ELASTICITY_MULTIPLIER", 2, "EIP-1559"),
    ("BASE_FEE_MAX_CHANGE_DENOMINATOR", 8, "EIP-1559"),
    ("BYTES_PER_BLOB", 131072, "EIP-4844"),
    ("GAS_PER_BLOB", 2**17, "EIP-4844"),
    ("TARGET_BLOBS_PER_BLOCK", 6, "EIP-7691"),
    ("MAX_BLOBS_PER_BLOCK", 9, "EIP-7691"),
    ("BLOB_BASE_FEE_UPDATE_FRACTION", 5007716, "EIP-7691"),
    ("MIN_BASE_FEE_PER_BLOB_GAS", 1, "EIP-4844"),
    ("VERSIONED_HASH_VERSION_KZG", 1, "EIP-4844"),
]


def test_constants_match_the_eips() -> None:
    for name, value, source in EIP_CONSTANTS:
        assert getattr(gas, name) == value, f"{name} ({source})"


def test_gas_table_rows_name_their_source() -> None:
    rows = l1.gas_table()
    assert len(rows) >= 25
    by_name = {name: (g, src) for name, g, src in rows}
    assert by_name["SLOAD (cold)"] == (2100, "EIP-2929")
    assert by_name["calldata non-zero byte"] == (16, "EIP-2028")
    assert all(isinstance(g, int) and src for _, g, src in rows)


def test_known_calldata_figures() -> None:
    assert gas.intrinsic_gas(b"") == 21000
    assert gas.intrinsic_gas(b"\xff" * 100) == 22600
    assert gas.calldata_floor_gas(b"\xff" * 100) == 25000  # the EIP-7623 floor binds
    assert gas.intrinsic_gas(bytes(100)) == 21400
    assert gas.calldata_floor_gas(bytes(100)) == 22000
    assert gas.calldata_tokens(b"\x00\x01") == 5


@given(st.binary(max_size=2000))
def test_intrinsic_gas_matches_eip_formulas(data: bytes) -> None:
    zeros = data.count(0)
    nonzero = len(data) - zeros
    assert gas.intrinsic_gas(data) == 21000 + 4 * zeros + 16 * nonzero
    assert gas.calldata_floor_gas(data) == 21000 + 10 * (zeros + 4 * nonzero)


def _fake_exponential(factor: int, numerator: int, denominator: int) -> int:
    # EIP-4844 pseudocode, transcribed in Python.
    i = 1
    output = 0
    acc = factor * denominator
    while acc > 0:
        output += acc
        acc = (acc * numerator) // (denominator * i)
        i += 1
    return output // denominator


@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=1, max_value=10**7),
    st.data(),
)
def test_fake_exponential_matches_pseudocode(
    factor: int, denominator: int, data: st.DataObject
) -> None:
    # numerator/denominator up to 300 reaches past 2**256 (e**177.4), where the C++ side must
    # raise ArithmeticOverflow instead of wrapping.
    numerator = data.draw(st.integers(min_value=0, max_value=300 * denominator))
    expected = _fake_exponential(factor, numerator, denominator)
    if expected < 2**256:
        assert gas.fake_exponential(factor, numerator, denominator) == expected
    else:
        with pytest.raises(l2lab.ArithmeticOverflow):
            gas.fake_exponential(factor, numerator, denominator)


def test_fake_exponential_huge_exponent_fails_fast() -> None:
    with pytest.raises(OverflowError):
        gas.fake_exponential(1, 10**12, 1)


@given(st.integers(min_value=0, max_value=300_000_000))
def test_blob_base_fee_matches_pseudocode(excess: int) -> None:
    assert gas.blob_base_fee(excess) == _fake_exponential(1, excess, 5007716)


def _next_base_fee(base: int, used: int, target: int) -> int:
    # EIP-1559 pseudocode, transcribed in Python.
    if used == target:
        return base
    if used > target:
        return base + max(base * (used - target) // target // 8, 1)
    return base - base * (target - used) // target // 8


@given(
    st.integers(min_value=0, max_value=10**15),
    st.integers(min_value=1, max_value=10**8),
    st.data(),
)
def test_next_base_fee_matches_pseudocode(base: int, target: int, data: st.DataObject) -> None:
    used = data.draw(st.integers(min_value=0, max_value=2 * target))
    assert gas.next_base_fee(base, used, target) == _next_base_fee(base, used, target)
