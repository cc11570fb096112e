"""Pure-Python reference of the channel state machine (deliberately slow, independent code).

It re-implements, from the specification in ``cpp/l2lab/channel/*.hpp`` and with independent
libraries (pycryptodome Keccak, coincurve ECDSA), the state digest and the validation and
update rules of the off-chain engine: propose -> validate -> countersign -> ack. The C++ engine
is tested against it differentially (``tests/python/test_channel_reference.py``) and the
benchmark reports the speed ratio.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import coincurve
from Crypto.Hash import keccak

_STATE_TAG = b"l2lab/channel/state/v1"
_ID_TAG = b"l2lab/channel/id/v1"


def keccak256(data: bytes) -> bytes:
    h = keccak.new(digest_bits=256)
    h.update(data)
    return h.digest()


def rlp(item: object) -> bytes:
    """Canonical RLP of bytes / non-negative int / list (Yellow Paper appendix B)."""
    if isinstance(item, int):
        return rlp(item.to_bytes((item.bit_length() + 7) // 8, "big") if item else b"")
    if isinstance(item, (bytes, bytearray)):
        b = bytes(item)
        if len(b) == 1 and b[0] < 0x80:
            return b
        return _length(len(b), 0x80) + b
    payload = b"".join(rlp(x) for x in item)  # type: ignore[attr-defined]
    return _length(len(payload), 0xC0) + payload


def _length(n: int, offset: int) -> bytes:
    if n < 56:
        return bytes([offset + n])
    nb = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([offset + 55 + len(nb)]) + nb


POLICIES = {"penalty": 0, "latest_state_wins": 1}


@dataclass(frozen=True)
class Params:
    participants: tuple[bytes, ...]   # 20-byte addresses
    deposits: tuple[int, ...]
    challenge_period: int = 10
    funding_timeout: int = 10
    policy: str = "latest_state_wins"
    nonce: int = 0

    def encode_items(self) -> list[object]:
        return [list(self.participants), list(self.deposits), self.challenge_period,
                self.funding_timeout, POLICIES[self.policy], self.nonce]

    def channel_id(self, chain_id: int, adjudicator: bytes) -> bytes:
        return keccak256(rlp([_ID_TAG, chain_id, adjudicator, self.encode_items()]))


@dataclass(frozen=True)
class RefState:
    channel_id: bytes
    version: int
    balances: tuple[int, ...]
    is_final: bool = False


def digest(chain_id: int, adjudicator: bytes, s: RefState) -> bytes:
    return keccak256(rlp([_STATE_TAG, chain_id, adjudicator, s.channel_id, s.version,
                          list(s.balances), int(s.is_final)]))


def address_of(key: coincurve.PrivateKey) -> bytes:
    return keccak256(key.public_key.format(compressed=False)[1:])[12:]


def sign(key: coincurve.PrivateKey, d: bytes) -> bytes:
    return key.sign_recoverable(d, hasher=None)


def recover(d: bytes, sig: bytes) -> bytes | None:
    try:
        pub = coincurve.PublicKey.from_signature_and_message(sig, d, hasher=None)
    except Exception:  # noqa: BLE001 - any malformed signature recovers to nobody
        return None
    return keccak256(pub.format(compressed=False)[1:])[12:]


@dataclass
class RefEngine:
    """One participant. Methods return (reason or None, outgoing list of (to, message tuple))."""

    params: Params
    index: int
    key: coincurve.PrivateKey
    chain_id: int
    adjudicator: bytes
    latest: RefState | None = None
    latest_sigs: list[bytes] = field(default_factory=list)
    highest_signed: int = 0
    countersigned: RefState | None = None
    proposed: RefState | None = None
    proposed_sigs: dict[int, bytes] = field(default_factory=dict)

    @property
    def channel_id(self) -> bytes:
        return self.params.channel_id(self.chain_id, self.adjudicator)

    def d(self, s: RefState) -> bytes:
        return digest(self.chain_id, self.adjudicator, s)

    def install(self, s: RefState, sigs: list[bytes]) -> None:
        self.latest, self.latest_sigs = s, list(sigs)

    def shape_error(self, s: RefState) -> str | None:
        if s.channel_id != self.channel_id:
            return "wrong_channel"
        if len(s.balances) != len(self.params.participants):
            return "wrong_participant_count"
        if sum(s.balances) != sum(self.params.deposits):
            return "balance_sum_mismatch"
        return None

    def proposal_error(self, sender: int, s: RefState) -> str | None:
        assert self.latest is not None
        if self.latest.is_final:
            return "channel_final"
        err = self.shape_error(s)
        if err:
            return err
        cur = self.latest.balances
        if s.is_final:
            return None if s.balances == cur else "payment_not_allowed"
        if any(i != sender and s.balances[i] < cur[i] for i in range(len(cur))):
            return "payment_not_allowed"
        return None

    def pay(self, to: int, amount: int) -> tuple[str | None, list]:
        assert self.latest is not None
        if amount > self.latest.balances[self.index]:
            return "insufficient_balance", []
        b = list(self.latest.balances)
        b[self.index] -= amount
        b[to] += amount
        return self._propose(RefState(self.channel_id, 0, tuple(b), False))

    def propose_close(self) -> tuple[str | None, list]:
        assert self.latest is not None
        return self._propose(RefState(self.channel_id, 0, self.latest.balances, True))

    def _propose(self, s: RefState) -> tuple[str | None, list]:
        assert self.latest is not None
        if self.proposed is not None:
            return "update_pending", []
        if self.latest.is_final:
            return "channel_final", []
        s = RefState(s.channel_id, max(self.latest.version, self.highest_signed) + 1, s.balances,
                     s.is_final)
        err = self.proposal_error(self.index, s)
        if err:
            return err, []
        sig = sign(self.key, self.d(s))
        self.proposed, self.proposed_sigs = s, {self.index: sig}
        self.highest_signed = s.version
        n = len(self.params.participants)
        return None, [(i, ("propose", s, sig)) for i in range(n) if i != self.index]

    def handle(self, sender: int, msg: tuple) -> tuple[str | None, list, bool]:
        """Returns (rejection reason or None, outgoing, updated)."""
        assert self.latest is not None
        kind = msg[0]
        if kind == "propose":
            _, s, sig = msg
            def refuse(e: str) -> tuple[str | None, list, bool]:
                return e, [(sender, ("reject", s.version, e))], False
            if s.channel_id != self.channel_id:
                return refuse("wrong_channel")
            if recover(self.d(s), sig) != self.params.participants[sender]:
                return refuse("invalid_signature")
            if self.countersigned == s:
                return None, [(sender, ("countersign", s.version, self.d(s), sign(self.key, self.d(s))))], False
            if s.version <= max(self.latest.version, self.highest_signed):
                return refuse("update_pending" if self.proposed else "version_not_higher")
            err = self.proposal_error(sender, s)
            if err:
                return refuse(err)
            self.countersigned, self.highest_signed = s, s.version
            return None, [(sender, ("countersign", s.version, self.d(s), sign(self.key, self.d(s))))], False
        if kind == "countersign":
            _, version, d, sig = msg
            if self.proposed is None or version != self.proposed.version or d != self.d(self.proposed):
                return None, [], False
            if recover(d, sig) != self.params.participants[sender]:
                return "invalid_signature", [], False
            self.proposed_sigs[sender] = sig
            n = len(self.params.participants)
            if len(self.proposed_sigs) < n:
                return None, [], False
            full = (self.proposed, [self.proposed_sigs[i] for i in range(n)])
            self.proposed, self.proposed_sigs = None, {}
            self._adopt(*full)
            return None, [(i, ("ack", full[0], full[1])) for i in range(n) if i != self.index], True
        if kind == "ack":
            _, s, sigs = msg
            if s.channel_id != self.channel_id or s.version <= self.latest.version:
                return None, [], False
            if self.shape_error(s) or len(sigs) != len(self.params.participants):
                return "wrong_participant_count", [], False
            d = self.d(s)
            if any(recover(d, sig) != self.params.participants[i] for i, sig in enumerate(sigs)):
                return "invalid_signature", [], False
            self._adopt(s, sigs)
            return None, [], True
        if kind == "reject":
            _, version, _reason = msg
            if self.proposed is not None and self.proposed.version == version:
                self.proposed, self.proposed_sigs = None, {}
            return None, [], False
        raise ValueError(f"unknown message kind {kind!r}")

    def _adopt(self, s: RefState, sigs: list[bytes]) -> None:
        self.latest, self.latest_sigs = s, list(sigs)
        if self.countersigned is not None and self.countersigned.version <= s.version:
            self.countersigned = None
        if self.proposed is not None and self.proposed.version <= s.version:
            self.proposed, self.proposed_sigs = None, {}
        self.highest_signed = max(self.highest_signed, s.version)


def make_pair(n: int = 2, chain_id: int = 1337, adjudicator: bytes = b"\x00" * 19 + b"\x01",
              deposits: int = 1 << 64) -> list[RefEngine]:
    """n engines for keys 11, 12, ... with equal deposits, funding state installed."""
    keys = [coincurve.PrivateKey.from_int(11 + i) for i in range(n)]
    params = Params(tuple(address_of(k) for k in keys), tuple([deposits] * n))
    engines = [RefEngine(params, i, k, chain_id, adjudicator) for i, k in enumerate(keys)]
    s0 = RefState(engines[0].channel_id, 0, params.deposits, False)
    sigs = [sign(k, engines[0].d(s0)) for k in keys]
    for e in engines:
        e.install(s0, sigs)
    return engines


def _pure_sign(key: coincurve.PrivateKey, d: bytes) -> bytes:
    from . import ecdsa_pure

    return ecdsa_pure.sign(key.to_int(), d)


def update_rounds(rounds: int, ecdsa: str = "coincurve") -> int:
    """Full 2-party update rounds (propose, countersign, both verify), like the C++ benchmark.

    ``ecdsa`` picks the signature code: ``"coincurve"`` (libsecp256k1 through cffi, the default)
    or ``"python-ecdsa"`` (pure Python, :mod:`l2lab.reference.ecdsa_pure`). Like every Ack
    handler here, the reference re-recovers all signatures of the completed state.
    """
    global sign, recover
    saved = sign, recover
    if ecdsa == "python-ecdsa":
        from . import ecdsa_pure

        sign, recover = _pure_sign, ecdsa_pure.recover
    elif ecdsa != "coincurve":
        raise ValueError(f"ecdsa must be 'coincurve' or 'python-ecdsa', got {ecdsa!r}")
    try:
        a, b = make_pair(2)
        for _ in range(rounds):
            _, out = a.pay(1, 1)
            _, out2, _ = b.handle(0, out[0][1])
            _, out3, _ = a.handle(1, out2[0][1])
            b.handle(0, out3[0][1])
    finally:
        sign, recover = saved
    assert b.latest is not None
    return b.latest.version
