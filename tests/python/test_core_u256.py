"""u256 crosses into Python as int; bad values raise typed errors naming the problem."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import l2lab
from l2lab import _core

MAX = 2**256 - 1
u256s = st.integers(min_value=0, max_value=MAX)


@given(u256s)
def test_round_trip_through_bytes(v: int) -> None:
    b = _core.core.u256_to_bytes(v)
    assert b == v.to_bytes(32, "big")
    assert _core.core.u256_from_bytes(b) == v


@given(u256s, u256s)
def test_checked_add_matches_python_or_raises(a: int, b: int) -> None:
    if a + b > MAX:
        with pytest.raises(OverflowError):
            _core.core.u256_add(a, b)
    else:
        assert _core.core.u256_add(a, b) == a + b


@given(u256s, u256s)
def test_checked_sub_matches_python_or_raises(a: int, b: int) -> None:
    if a < b:
        with pytest.raises(l2lab.ArithmeticOverflow):
            _core.core.u256_sub(a, b)
    else:
        assert _core.core.u256_sub(a, b) == a - b


@given(u256s, u256s)
def test_checked_mul_matches_python_or_raises(a: int, b: int) -> None:
    if a * b > MAX:
        with pytest.raises(OverflowError):
            _core.core.u256_mul(a, b)
    else:
        assert _core.core.u256_mul(a, b) == a * b


def test_max_constant() -> None:
    assert _core.core.U256_MAX == MAX


def test_negative_is_value_error() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        _core.core.u256_to_bytes(-1)


def test_too_large_is_overflow_error() -> None:
    with pytest.raises(OverflowError, match="2\\*\\*256"):
        _core.core.u256_to_bytes(2**256)


@pytest.mark.parametrize("bad", [1.0, "1", None, b"\x01"])
def test_non_int_is_type_error(bad: object) -> None:
    with pytest.raises(TypeError):
        _core.core.u256_to_bytes(bad)


def test_bool_is_type_error() -> None:
    with pytest.raises(TypeError, match="bool"):
        _core.core.u256_to_bytes(True)


def test_oversized_bytes_rejected() -> None:
    with pytest.raises(l2lab.InvalidArgumentError, match="33 bytes"):
        _core.core.u256_from_bytes(b"\x00" * 33)


def test_decode_error_carries_kind_and_offset() -> None:
    from l2lab.core import rlp_decode

    with pytest.raises(l2lab.DecodeError) as info:
        rlp_decode(b"\x81\x05")  # a single byte < 0x80 must not be wrapped
    assert info.value.kind == "non_canonical"
    assert info.value.offset == 0
    assert isinstance(info.value, ValueError)
    with pytest.raises(l2lab.DecodeError) as info:
        rlp_decode(b"\xc2\x01\x02\x03")
    assert info.value.kind == "trailing_bytes" and info.value.offset == 3
