"""Pure-Python reference of the rollup STF and its state commitment (an independent oracle).

Written from the rules in ``cpp/l2lab/rollup/stf.hpp`` and ``state.hpp`` only, with independent
primitives: Keccak-256 from pycryptodome, ECDSA recovery from coincurve, a minimal RLP encoder,
and the sparse Merkle root computed straight from its recursive definition (no tree structure).
Slow on purpose: clarity over speed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import coincurve
from Crypto.Hash import keccak as _keccak

U256_MAX = 2**256 - 1
U64_MAX = 2**64 - 1
SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141


def keccak(data: bytes) -> bytes:
    h = _keccak.new(digest_bits=256)
    h.update(data)
    return h.digest()


# ---- RLP (encoding only) --------------------------------------------------------------------
def _len_prefix(n: int, short: int) -> bytes:
    if n < 56:
        return bytes([short + n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([short + 55 + len(b)]) + b


def rlp(item: object) -> bytes:
    if isinstance(item, int):
        item = item.to_bytes((item.bit_length() + 7) // 8, "big") if item else b""
    if isinstance(item, (bytes, bytearray)):
        b = bytes(item)
        if len(b) == 1 and b[0] < 0x80:
            return b
        return _len_prefix(len(b), 0x80) + b
    assert isinstance(item, list)
    payload = b"".join(rlp(x) for x in item)
    return _len_prefix(len(payload), 0xC0) + payload


# ---- commitment -----------------------------------------------------------------------------
def account_key(address: bytes) -> bytes:
    return keccak(b"l2lab/rollup/account" + address)


def account_leaf(nonce: int, balance: int) -> bytes | None:
    if nonce == 0 and balance == 0:
        return None
    return keccak(rlp([nonce, balance]))


def withdrawal_key(sender: bytes, nonce: int) -> bytes:
    return keccak(b"l2lab/rollup/withdrawal" + sender + nonce.to_bytes(8, "big"))


def withdrawal_leaf(recipient: bytes, amount: int) -> bytes:
    return keccak(rlp([recipient, amount]))


def _bit(key: bytes, depth: int) -> int:
    return (key[depth // 8] >> (7 - depth % 8)) & 1


def smt_root(leaves: dict[bytes, bytes], depth: int = 0) -> bytes:
    """Root by the definition: empty = 0^32; one leaf = H(0||k||v); else H(1||left||right)."""
    if not leaves:
        return bytes(32)
    if len(leaves) == 1:
        ((k, v),) = leaves.items()
        return keccak(b"\x00" + k + v)
    left = {k: v for k, v in leaves.items() if _bit(k, depth) == 0}
    right = {k: v for k, v in leaves.items() if _bit(k, depth) == 1}
    return keccak(b"\x01" + smt_root(left, depth + 1) + smt_root(right, depth + 1))


# ---- ops --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RefTx:
    kind: int  # 0 transfer, 1 withdrawal
    chain_id: int
    nonce: int
    fee: int
    to: bytes
    value: int
    signature: bytes

    def signing_hash(self) -> bytes:
        return keccak(rlp([b"l2lab/rollup/tx", self.kind, self.chain_id, self.nonce, self.fee,
                           self.to, self.value]))

    def sender(self) -> bytes | None:
        sig = self.signature
        if len(sig) != 65 or sig[64] > 1:
            return None
        r, s = int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:64], "big")
        if not (1 <= r < SECP256K1_N and 1 <= s <= SECP256K1_N // 2):
            return None
        try:
            pub = coincurve.PublicKey.from_signature_and_message(sig, self.signing_hash(), hasher=None)
        except Exception:  # not recoverable
            return None
        return keccak(pub.format(compressed=False)[1:])[12:]


@dataclass(frozen=True)
class RefDeposit:
    to: bytes
    amount: int


@dataclass(frozen=True)
class RefUndecodable:
    data: bytes


@dataclass
class RefState:
    accounts: dict[bytes, tuple[int, int]] = field(default_factory=dict)  # address -> (nonce, bal)
    withdrawals: dict[tuple[bytes, int], tuple[bytes, int]] = field(default_factory=dict)

    def get(self, a: bytes) -> tuple[int, int]:
        return self.accounts.get(a, (0, 0))

    def put(self, a: bytes, nonce: int, balance: int) -> None:
        if nonce == 0 and balance == 0:
            self.accounts.pop(a, None)
        else:
            self.accounts[a] = (nonce, balance)

    def root(self) -> bytes:
        leaves: dict[bytes, bytes] = {}
        for a, (n, b) in self.accounts.items():
            leaf = account_leaf(n, b)
            assert leaf is not None
            leaves[account_key(a)] = leaf
        for (s, n), (r, amt) in self.withdrawals.items():
            leaves[withdrawal_key(s, n)] = withdrawal_leaf(r, amt)
        return smt_root(leaves)

    def supply(self) -> int:
        return sum(b for _, b in self.accounts.values())


def apply(state: RefState, op: object, chain_id: int, fee_recipient: bytes) -> str | None:
    """Apply one op; None when applied, else the skip reason name. Skips change nothing."""
    if isinstance(op, RefUndecodable):
        return "undecodable"
    if isinstance(op, RefDeposit):
        if op.amount == 0:
            return "zero_amount"
        n, b = state.get(op.to)
        if b + op.amount > U256_MAX:
            return "overflow"
        state.put(op.to, n, b + op.amount)
        return None
    assert isinstance(op, RefTx)
    sender = op.sender()
    if sender is None:
        return "bad_signature"
    if op.chain_id != chain_id:
        return "wrong_chain_id"
    n, b = state.get(sender)
    if op.nonce != n:
        return "wrong_nonce"
    if n == U64_MAX:
        return "overflow"
    if op.kind == 1 and op.value == 0:
        return "zero_amount"
    total = op.value + op.fee
    if total > U256_MAX:
        return "overflow"
    if b < total:
        return "insufficient_balance"
    # Work on a copy so an overflowing credit leaves nothing behind.
    trial = RefState(dict(state.accounts), dict(state.withdrawals))
    trial.put(sender, n + 1, b - total)
    if op.kind == 0:
        tn, tb = trial.get(op.to)
        if tb + op.value > U256_MAX:
            return "overflow"
        trial.put(op.to, tn, tb + op.value)
    fn, fb = trial.get(fee_recipient)
    if fb + op.fee > U256_MAX:
        return "overflow"
    trial.put(fee_recipient, fn, fb + op.fee)
    if op.kind == 1:
        trial.withdrawals[(sender, op.nonce)] = (op.to, op.value)
    state.accounts, state.withdrawals = trial.accounts, trial.withdrawals
    return None
