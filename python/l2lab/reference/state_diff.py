"""Pure-Python reference of the zk mode's account registry and state-diff format (an oracle).

Written from the rules in ``cpp/l2lab/rollup/state.hpp`` (registry keys and leaves) and
``cpp/l2lab/rollup/state_diff.hpp`` (registration order, the diff, its byte format) only, on the
independent primitives of :mod:`l2lab.reference.rollup` (pycryptodome Keccak, the sparse Merkle
root by its recursive definition) plus a strict reader of the format's varints and fields (frame
version 4: no RLP, no root). Slow on purpose: clarity over speed.

A state is ``(accounts, withdrawals, registry)``: ``accounts`` maps address -> (nonce, balance)
(non-empty only), ``withdrawals`` maps (sender, nonce) -> (l1_recipient, amount), ``registry`` is
the list of registered addresses (index = position). A diff is the tuple
``(registered_before, updates, new_accounts, withdrawals)`` with ``updates`` a list of
``(index, nonce_increase, balance_delta)``, ``new_accounts`` a list of ``(address,
nonce_increase, balance_delta)`` and ``withdrawals`` a list of ``(sender_index, nonce,
l1_recipient, amount)``; balance deltas are signed ints. A diff batch's payload (what the frame
holds after its version and codec bytes, uncompressed) is ``(queue_start, queue_end, diff)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .rollup import U64_MAX, U256_MAX, account_key, account_leaf, keccak, smt_root, withdrawal_key, withdrawal_leaf

Update = tuple[int, int, int]
NewAccount = tuple[bytes, int, int]
Withdrawal = tuple[int, int, bytes, int]
Diff = tuple[int, list[Update], list[NewAccount], list[Withdrawal]]
Payload = tuple[int, int, Diff]


class RefDecodeError(ValueError):
    """The bytes are not a canonical state diff."""


# ---- the state and its root -------------------------------------------------------------------
def account_index_key(address: bytes) -> bytes:
    return keccak(b"l2lab/rollup/account_index" + address)


def account_count_key() -> bytes:
    return keccak(b"l2lab/rollup/account_count")


@dataclass
class RefZkState:
    accounts: dict[bytes, tuple[int, int]] = field(default_factory=dict)
    withdrawals: dict[tuple[bytes, int], tuple[bytes, int]] = field(default_factory=dict)
    registry: list[bytes] = field(default_factory=list)

    def copy(self) -> RefZkState:
        return RefZkState(dict(self.accounts), dict(self.withdrawals), list(self.registry))

    def root(self) -> bytes:
        leaves: dict[bytes, bytes] = {}
        for a, (n, b) in self.accounts.items():
            leaf = account_leaf(n, b)
            assert leaf is not None
            leaves[account_key(a)] = leaf
        for (s, n), (r, amt) in self.withdrawals.items():
            leaves[withdrawal_key(s, n)] = withdrawal_leaf(r, amt)
        for i, a in enumerate(self.registry):
            leaves[account_index_key(a)] = i.to_bytes(32, "big")
        if self.registry:
            leaves[account_count_key()] = len(self.registry).to_bytes(32, "big")
        return smt_root(leaves)


def changed(pre: RefZkState, post: RefZkState) -> list[tuple[bytes, tuple[int, int], tuple[int, int]]]:
    """(address, before, after) of every account whose value differs, ascending address."""
    out = []
    for a in sorted(set(pre.accounts) | set(post.accounts)):
        before, after = pre.accounts.get(a, (0, 0)), post.accounts.get(a, (0, 0))
        if before != after:
            out.append((a, before, after))
    return out


def close_batch(pre: RefZkState, post: RefZkState) -> None:
    """register_accounts: the changed accounts without an index, ascending address."""
    for a, _, _ in changed(pre, post):
        if a not in post.registry:
            post.registry.append(a)


def make_diff(pre: RefZkState, post: RefZkState) -> Diff:
    """make_state_diff for a closed batch (post = pre + the batch's writes + close_batch)."""
    index = {a: i for i, a in enumerate(post.registry)}
    updates: list[Update] = []
    news: list[NewAccount] = []
    for a, (n0, b0), (n1, b1) in changed(pre, post):
        assert n1 >= n0, "a nonce decrease is not expressible"
        if index[a] < len(pre.registry):
            updates.append((index[a], n1 - n0, b1 - b0))
        else:
            news.append((a, n1 - n0, b1 - b0))
    wds = sorted((index[s], n, r, amt) for (s, n), (r, amt) in post.withdrawals.items()
                 if (s, n) not in pre.withdrawals)
    return len(pre.registry), sorted(updates), news, wds


# ---- the byte format --------------------------------------------------------------------------
def _varint(v: int) -> bytes:
    out = bytearray()
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def _minimal(v: int) -> bytes:
    return v.to_bytes((v.bit_length() + 7) // 8, "big")


def _change(nonce_increase: int, delta: int) -> bytes:
    mag = _minimal(abs(delta))
    flags = len(mag) | (0x80 if nonce_increase else 0) | (0x40 if delta < 0 else 0)
    return bytes([flags]) + (_varint(nonce_increase) if nonce_increase else b"") + mag


def encode(diff: Diff) -> bytes:
    registered, updates, news, wds = diff
    ups, prev = b"", -1
    for i, n, d in updates:
        ups += _varint(i - prev - 1) + _change(n, d)
        prev = i
    new = b"".join(a + _change(n, d) for a, n, d in news)
    w = b"".join(_varint(s) + _varint(n) + r + bytes([len(_minimal(amt))]) + _minimal(amt) for s, n, r, amt in wds)
    return (_varint(registered) + _varint(len(updates)) + ups + _varint(len(news)) + new
            + _varint(len(wds)) + w)


def encode_payload(payload: Payload) -> bytes:
    queue_start, queue_end, diff = payload
    assert queue_end >= queue_start
    return _varint(queue_start) + _varint(queue_end - queue_start) + encode(diff)


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def done(self) -> bool:
        return self.pos == len(self.data)

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise RefDecodeError("truncated")
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out

    def varint(self) -> int:
        v, shift, count = 0, 0, 0
        while True:
            (b,) = self.take(1)
            count += 1
            v |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                if b == 0 and count > 1:
                    raise RefDecodeError("over-long varint")
                if v > U64_MAX:
                    raise RefDecodeError("varint past 2^64 - 1")
                return v
            if count == 10:
                raise RefDecodeError("varint past 2^64 - 1")

    def magnitude(self, n: int) -> int:
        if n > 32:
            raise RefDecodeError("magnitude longer than 32 bytes")
        b = self.take(n)
        if b[:1] == b"\x00":
            raise RefDecodeError("leading zero")
        return int.from_bytes(b, "big")

    def change(self) -> tuple[int, int]:
        (flags,) = self.take(1)
        nonce = self.varint() if flags & 0x80 else 0
        if flags & 0x80 and nonce == 0:
            raise RefDecodeError("nonce increase of 0")
        mag = self.magnitude(flags & 0x3F)
        if flags & 0x40 and mag == 0:
            raise RefDecodeError("decrease of 0")
        if nonce == 0 and mag == 0:
            raise RefDecodeError("changes nothing")
        return nonce, -mag if flags & 0x40 else mag


def _read_diff(r: _Reader) -> Diff:
    registered = r.varint()
    updates: list[Update] = []
    for _ in range(r.varint()):
        i = r.varint() + (updates[-1][0] + 1 if updates else 0)
        if i >= registered:
            raise RefDecodeError("unknown account index")
        updates.append((i, *r.change()))
    news: list[NewAccount] = []
    n_new = r.varint()
    if registered + n_new > U64_MAX:
        raise RefDecodeError("registry past 2^64 - 1")
    for _ in range(n_new):
        a = r.take(20)
        if news and news[-1][0] >= a:
            raise RefDecodeError("new accounts not ascending")
        news.append((a, *r.change()))
    wds: list[Withdrawal] = []
    for _ in range(r.varint()):
        s = r.varint()
        if s >= registered + len(news):
            raise RefDecodeError("withdrawal sender has no index")
        n, rcpt = r.varint(), r.take(20)
        (length,) = r.take(1)
        w = (s, n, rcpt, r.magnitude(length))
        if wds and wds[-1][:2] >= w[:2]:
            raise RefDecodeError("withdrawals not ascending")
        wds.append(w)
    return registered, updates, news, wds


def decode(data: bytes) -> Diff:
    r = _Reader(data)
    diff = _read_diff(r)
    if not r.done():
        raise RefDecodeError("trailing bytes")
    return diff


def decode_payload(data: bytes) -> Payload:
    r = _Reader(data)
    start = r.varint()
    end = start + r.varint()
    if end > U64_MAX:
        raise RefDecodeError("queue_end past 2^64 - 1")
    diff = _read_diff(r)
    if not r.done():
        raise RefDecodeError("trailing bytes")
    return start, end, diff


def apply(state: RefZkState, diff: Diff, expected_root: bytes | None = None) -> RefZkState:
    """The state the diff leads to; ValueError when it does not apply (count, arithmetic,
    registration, duplicate withdrawal) or, given expected_root, does not reach it."""
    registered, updates, news, wds = diff
    if len(state.registry) != registered:
        raise ValueError("registry size differs")
    out = state.copy()

    def move(a: bytes, n: int, d: int) -> None:
        n0, b0 = out.accounts.get(a, (0, 0))
        n1, b1 = n0 + n, b0 + d
        if n1 > U64_MAX or not 0 <= b1 <= U256_MAX:
            raise ValueError("out of range")
        out.accounts.pop(a, None)
        if (n1, b1) != (0, 0):
            out.accounts[a] = (n1, b1)

    for i, n, d in updates:
        move(out.registry[i], n, d)
    for a, n, d in news:
        if a in out.registry:
            raise ValueError("already registered")
        out.registry.append(a)
        move(a, n, d)
    for s, n, rcpt, amt in wds:
        if (out.registry[s], n) in out.withdrawals:
            raise ValueError("withdrawal already recorded")
        out.withdrawals[(out.registry[s], n)] = (rcpt, amt)
    if expected_root is not None and out.root() != expected_root:
        raise ValueError("expected root not reached")
    return out
