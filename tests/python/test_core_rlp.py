"""Strict canonical RLP through the bindings, against an independent pure-Python oracle.

The oracle below (encoder + strict decoder, Yellow Paper appendix B) is written from the spec and
shares no code with the C++ codec. Hypothesis drives random trees, random bytes and mutations of
valid encodings through both and checks they agree on every byte, every acceptance and every
rejection kind.
"""

from __future__ import annotations

import re
from typing import Union

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import l2lab
from l2lab import _core

core = _core.core
rlp_encode = core.rlp_encode
rlp_decode = core.rlp_decode

Tree = Union[bytes, list["Tree"]]


# ---- independent oracle --------------------------------------------------------------------


def _header(base: int, n: int) -> bytes:
    if n < 56:
        return bytes([base + n])
    length = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([base + 55 + len(length)]) + length


def oracle_encode(x: object) -> bytes:
    if isinstance(x, int):
        x = x.to_bytes((x.bit_length() + 7) // 8, "big")
    if isinstance(x, bytes):
        if len(x) == 1 and x[0] < 0x80:
            return x
        return _header(0x80, len(x)) + x
    assert isinstance(x, (list, tuple))
    payload = b"".join(oracle_encode(c) for c in x)
    return _header(0xC0, len(payload)) + payload


class OracleReject(Exception):
    def __init__(self, kind: str, offset: int) -> None:
        super().__init__(f"{kind} at byte {offset}")
        self.kind, self.offset = kind, offset


def _oracle_item(data: bytes, pos: int, end: int) -> tuple[Tree, int]:
    """Strict decode of the item at pos that must end by end; returns (value, next position)."""
    if pos >= end:
        raise OracleReject("truncated", pos)
    b = data[pos]
    if b < 0x80:
        return data[pos : pos + 1], pos + 1
    base = 0x80 if b < 0xC0 else 0xC0
    code = b - base
    if code < 56:
        start, size = pos + 1, code
    else:
        n = code - 55
        if pos + 1 + n > end:
            raise OracleReject("truncated", pos)
        if data[pos + 1] == 0:
            raise OracleReject("leading_zeros", pos + 1)
        size = int.from_bytes(data[pos + 1 : pos + 1 + n], "big")
        if size < 56:
            raise OracleReject("non_canonical", pos)
        start = pos + 1 + n
    if start + size > end:
        raise OracleReject("truncated", pos)
    if base == 0x80:
        if size == 1 and code == 1 and data[start] < 0x80:
            raise OracleReject("non_canonical", pos)
        return data[start : start + size], start + size
    items: list[Tree] = []
    cur = start
    while cur < start + size:
        child, cur = _oracle_item(data, cur, start + size)
        items.append(child)
    return items, cur


def oracle_decode(data: bytes) -> Tree:
    value, end = _oracle_item(data, 0, len(data))
    if end != len(data):
        raise OracleReject("trailing_bytes", end)
    return value


def normalise(x: object) -> Tree:
    """What rlp_decode returns for an encoded value: ints as minimal bytes, tuples as lists."""
    if isinstance(x, int):
        return x.to_bytes((x.bit_length() + 7) // 8, "big")
    if isinstance(x, bytes):
        return x
    assert isinstance(x, (list, tuple))
    return [normalise(c) for c in x]


def rejection(data: bytes, **limits: int) -> tuple[str, int]:
    """(kind, offset) parsed from the DecodeError message, which must name both."""
    with pytest.raises(l2lab.DecodeError) as info:
        rlp_decode(data, **limits)
    assert isinstance(info.value, ValueError)
    m = re.match(r"^(\w+) at byte (\d+): ", str(info.value))
    assert m, str(info.value)
    assert m.group(1) in core.DecodeErrorKind.__members__
    return m.group(1), int(m.group(2))


# ---- strategies ----------------------------------------------------------------------------

payloads = st.one_of(
    st.binary(max_size=3),
    st.binary(min_size=50, max_size=62),
    st.binary(min_size=250, max_size=262),
    st.binary(max_size=300),
)
u256s = st.one_of(st.integers(0, 300), st.integers(0, 2**64), st.integers(0, 2**256 - 1))
values = st.recursive(
    payloads | u256s,
    lambda children: st.lists(children, max_size=6) | st.lists(children, max_size=4).map(tuple),
    max_leaves=40,
)
encodings = values.map(oracle_encode)


# ---- vectors (ethereum/tests RLPTests) -----------------------------------------------------

VALID = [
    (b"", "80"),
    (b"\x00", "00"),
    (b"\x7f", "7f"),
    (b"dog", "83646f67"),
    ([], "c0"),
    ([b"dog", b"god", b"cat"], "cc83646f6783676f6483636174"),
    ([b"zw", [4], 1], "c6827a77c10401"),
    ([[], [[]], [[], [[]]]], "c7c0c1c0c3c0c1c0"),  # set-theoretic three
    (b"Lorem ipsum dolor sit amet, consectetur adipisicing elit",
     "b8384c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e73656374657475722061"
     "64697069736963696e6720656c6974"),
    (0, "80"),
    (15, "0f"),
    (127, "7f"),
    (128, "8180"),
    (1024, "820400"),
    (100000, "830186a0"),
    (2**256 - 1, "a0" + "ff" * 32),
]


@pytest.mark.parametrize(("value", "hex_out"), VALID)
def test_ethereum_vectors(value: object, hex_out: str) -> None:
    encoded = bytes.fromhex(hex_out)
    assert rlp_encode(value) == encoded
    assert rlp_decode(encoded) == normalise(value)


INVALID = [
    ("bf0f000000000000021111", "truncated", 0),  # int32Overflow
    ("ff0f000000000000021111", "truncated", 0),  # int32Overflow2
    ("f80180", "non_canonical", 0),  # wrongSizeList
    ("8100", "non_canonical", 0),  # bytesShouldBeSingleByte00
    ("817f", "non_canonical", 0),  # bytesShouldBeSingleByte7F
    ("b800", "leading_zeros", 1),  # leadingZerosInLongLengthArray2
    ("f800", "leading_zeros", 1),  # leadingZerosInLongLengthList2
    ("b801ff", "non_canonical", 0),  # nonOptimalLongLengthArray2
    ("f803112233", "non_canonical", 0),  # nonOptimalLongLengthList2
    ("", "truncated", 0),
    ("8000", "trailing_bytes", 1),
    ("c183646f67", "truncated", 1),
    ("bfffffffffffffffff00", "truncated", 0),
]


@pytest.mark.parametrize(("hex_in", "kind", "offset"), INVALID)
def test_ethereum_invalid_vectors(hex_in: str, kind: str, offset: int) -> None:
    assert rejection(bytes.fromhex(hex_in)) == (kind, offset)


# ---- properties ----------------------------------------------------------------------------


@given(values)
def test_encoding_matches_oracle_and_round_trips(value: object) -> None:
    encoded = rlp_encode(value)
    assert encoded == oracle_encode(value)
    assert rlp_decode(encoded) == normalise(value)


def _mutate(data: bytes, edits: list[tuple[int, int, int]]) -> bytes:
    out = bytearray(data)
    for op, at, byte in edits:
        if not out:
            break
        at %= len(out)
        if op == 0:
            out[at] = byte
        elif op == 1:
            out.insert(at, byte)
        elif op == 2:
            del out[at]
        else:
            del out[at:]
    return bytes(out)


edit_lists = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2**16), st.integers(0, 255)),
                      min_size=1, max_size=3)


def _agrees_with_oracle(data: bytes) -> None:
    try:
        expected = oracle_decode(data)
    except OracleReject as e:
        assert rejection(data) == (e.kind, e.offset)
        return
    decoded = rlp_decode(data)
    assert decoded == expected
    assert rlp_encode(decoded) == data  # accepted input re-encodes to exactly itself


@given(st.binary(max_size=80))
def test_random_bytes_accepted_only_when_canonical(data: bytes) -> None:
    _agrees_with_oracle(data)


@given(encodings, edit_lists)
def test_mutated_encodings_agree_with_oracle(encoded: bytes, edits: list[tuple[int, int, int]]) -> None:
    _agrees_with_oracle(_mutate(encoded, edits))


def _embed(item: bytes, before: list[bytes], after: list[bytes]) -> tuple[bytes, int]:
    """item among siblings inside a list; returns the input and the offset of item."""
    payload = b"".join(before) + item + b"".join(after)
    head = _header(0xC0, len(payload))
    return head + payload, len(head) + len(b"".join(before))


siblings = st.lists(encodings, max_size=2)


@given(st.integers(0, 0x7F), siblings, siblings, st.booleans())
def test_wrapped_single_byte_rejected(b: int, before: list[bytes], after: list[bytes],
                                      alone: bool) -> None:
    item = bytes([0x81, b])
    data, offset = (item, 0) if alone else _embed(item, before, after)
    assert rejection(data) == ("non_canonical", offset)


@given(st.binary(min_size=1, max_size=55), st.booleans(), siblings, siblings, st.booleans())
def test_long_form_for_short_payload_rejected(payload: bytes, as_list: bool, before: list[bytes],
                                              after: list[bytes], alone: bool) -> None:
    if as_list:  # a list of single-byte strings, each encoding as itself
        payload = bytes(c & 0x7F for c in payload)
    item = bytes([0xF8 if as_list else 0xB8, len(payload)]) + payload
    data, offset = (item, 0) if alone else _embed(item, before, after)
    assert rejection(data) == ("non_canonical", offset)


@given(values, st.integers(1, 3), siblings, siblings, st.booleans())
def test_leading_zero_in_length_rejected(value: object, zeros: int, before: list[bytes],
                                         after: list[bytes], alone: bool) -> None:
    encoded = oracle_encode(value)
    is_list = encoded[0] >= 0xC0
    if is_list:
        payload = b"".join(oracle_encode(c) for c in value)  # type: ignore[union-attr]
    else:
        payload = normalise(value)  # type: ignore[assignment]
    assert isinstance(payload, bytes)
    n = len(payload)
    length = b"\x00" * zeros + (n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b"")
    assume(len(length) <= 8)
    item = bytes([(0xC0 if is_list else 0x80) + 55 + len(length)]) + length + payload
    data, offset = (item, 0) if alone else _embed(item, before, after)
    assert rejection(data) == ("leading_zeros", offset + 1)


# ---- limits and bad arguments --------------------------------------------------------------


def test_limits() -> None:
    nested = b"\xc0"
    for _ in range(64):
        nested = oracle_encode([oracle_decode(nested)])
    # 65 levels: default max_depth=64 refuses; allowing one more accepts.
    assert rejection(nested)[0] == "oversized"
    assert rlp_encode(rlp_decode(nested, max_depth=65)) == nested
    assert rejection(b"\x83dog", max_input_bytes=3) == ("oversized", 3)
    assert rejection(oracle_encode([b"a", b"b"]), max_items=2) == ("oversized", 2)
    with pytest.raises(l2lab.InvalidArgumentError):
        rlp_decode(b"\xc0", max_depth=core.RLP_MAX_DEPTH_CAP + 1)


def test_bytes_like_inputs() -> None:
    assert rlp_decode(bytearray(b"\x83dog")) == b"dog"
    assert rlp_decode(memoryview(b"\xc0")) == []
    assert rlp_encode([bytearray(b"dog"), memoryview(b"cat")]) == oracle_encode([b"dog", b"cat"])


@pytest.mark.parametrize("bad", ["dog", 1.0, None, True, {b"a": 1}, [b"ok", "no"], object()])
def test_unsupported_types_raise_type_error(bad: object) -> None:
    with pytest.raises(TypeError):
        rlp_encode(bad)


def test_out_of_range_ints() -> None:
    with pytest.raises(ValueError):
        rlp_encode(-1)
    with pytest.raises(OverflowError):
        rlp_encode(2**256)
    with pytest.raises(OverflowError):
        rlp_encode([1, [2**300]])


def test_self_referencing_list_is_refused_not_a_crash() -> None:
    loop: list[object] = []
    loop.append(loop)
    with pytest.raises(l2lab.InvalidArgumentError, match="nested deeper"):
        rlp_encode(loop)


def test_decode_error_kind_names() -> None:
    assert set(core.DecodeErrorKind.__members__) == {
        "truncated", "trailing_bytes", "non_canonical", "leading_zeros", "oversized",
        "unexpected_type", "invalid_value", "decompression",
    }
