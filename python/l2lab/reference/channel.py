"""Pure-Python reference of the channel state machine (deliberately slow, independent code).

It re-implements, from the specification in ``cpp/l2lab/channel/*.hpp`` and with independent
libraries (pycryptodome Keccak, coincurve ECDSA), the state digest, the strict message codec
(canonical RLP, exact shapes) and the engine of one participant of an n-party channel:
propose -> validate -> countersign -> ack, reject, sync, resend after silence, and a record
persisted before anything is countersigned or sent, with crashes at each persistence boundary
(``before_persist``, ``after_persist``, ``after_send``) and recovery from a durable record.
:meth:`RefEngine.handle_bytes` takes the same message bytes as the C++ engine and answers with
the same bytes, so the C++ engine is tested against it differentially, message for message, with
honest, lost, duplicated, reordered, malformed and forged (Byzantine) messages
(``tests/python/test_channel_reference.py``); the benchmark reports the speed ratio.
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


class DecodeError(ValueError):
    """Bytes that are not exactly a canonical encoding of the expected shape."""


def rlp_decode(data: bytes) -> object:
    """Strict inverse of :func:`rlp`: bytes or nested lists of bytes; DecodeError for anything
    non-canonical (single bytes below 0x80 wrapped, lengths with leading zeros or in long form
    below 56), truncated or followed by trailing bytes."""
    item, end = _decode_at(data, 0, 0)
    if end != len(data):
        raise DecodeError("trailing bytes")
    return item


def _decode_at(data: bytes, pos: int, depth: int) -> tuple[object, int]:
    if depth > 16:
        raise DecodeError("nested too deep")
    if pos >= len(data):
        raise DecodeError("truncated")
    b = data[pos]
    if b < 0x80:
        return data[pos:pos + 1], pos + 1
    is_list = b >= 0xC0
    short = b - (0xC0 if is_list else 0x80)
    if short <= 55:
        n, start = short, pos + 1
    else:
        ll = short - 55
        raw = data[pos + 1:pos + 1 + ll]
        if len(raw) != ll:
            raise DecodeError("truncated length")
        if raw[0] == 0:
            raise DecodeError("length with a leading zero")
        n, start = int.from_bytes(raw, "big"), pos + 1 + ll
        if n < 56:
            raise DecodeError("long length form for a short item")
    end = start + n
    if end > len(data):
        raise DecodeError("truncated payload")
    if not is_list:
        if n == 1 and data[start] < 0x80:
            raise DecodeError("single byte below 0x80 must encode itself")
        return data[start:end], end
    items, p = [], start
    while p < end:
        it, p = _decode_at(data, p, depth + 1)
        if p > end:
            raise DecodeError("item overruns its list")
        items.append(it)
    return items, end


def _uint(x: object, limit_bits: int = 64) -> int:
    if not isinstance(x, bytes):
        raise DecodeError("expected an integer, got a list")
    if x[:1] == b"\x00":
        raise DecodeError("integer with a leading zero")
    if len(x) * 8 > limit_bits:
        raise DecodeError("integer too large")
    return int.from_bytes(x, "big")


def _bytes(x: object, size: int | None = None) -> bytes:
    if not isinstance(x, bytes):
        raise DecodeError("expected bytes, got a list")
    if size is not None and len(x) != size:
        raise DecodeError(f"expected {size} bytes, got {len(x)}")
    return x


def _list(x: object, size: int | None = None) -> list:
    if not isinstance(x, list):
        raise DecodeError("expected a list")
    if size is not None and len(x) != size:
        raise DecodeError(f"expected {size} fields, got {len(x)}")
    return x


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


# Stable reason names of ChannelError, in enum order (state.hpp); Reject carries one of them.
REASONS = (
    "malformed_input", "unknown_channel", "channel_exists", "wrong_channel",
    "wrong_participant_count", "invalid_signature", "version_not_higher", "balance_sum_mismatch",
    "not_participant", "not_funding", "not_open", "not_disputed", "already_deposited",
    "wrong_deposit_amount", "funding_deadline_passed", "funding_deadline_not_passed",
    "challenge_period_over", "challenge_period_not_over", "not_final", "state_mismatch",
    "payment_not_allowed", "update_pending", "channel_final", "insufficient_balance",
    "not_payable", "period_too_long", "peer_not_synced",
)
MAX_PARTICIPANTS = 64
MAX_MESSAGE_BYTES = 64 * 1024
_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141  # secp256k1 group order
CRASH_POINTS = ("before_persist", "after_persist", "after_send")


def _sig(x: object) -> bytes:
    b = _bytes(x, 65)
    r, s_ = int.from_bytes(b[:32], "big"), int.from_bytes(b[32:64], "big")
    if b[64] > 1 or not 0 < r < _N or not 0 < s_ <= _N // 2:
        raise DecodeError("signature: v, r or s out of range (or high s)")
    return b


def _depth(item: object) -> int:
    return 1 + max((_depth(x) for x in item), default=0) if isinstance(item, list) else 0


def _state_items(s: RefState) -> list[object]:
    return [s.channel_id, s.version, list(s.balances), int(s.is_final)]


def _decode_state(x: object) -> RefState:
    f = _list(x, 4)
    balances = _list(f[2])
    if len(balances) > MAX_PARTICIPANTS:
        raise DecodeError("more balances than participants allowed")
    final = _uint(f[3])
    if final > 1:
        raise DecodeError("final flag must be 0 or 1")
    return RefState(_bytes(f[0], 32), _uint(f[1]), tuple(_uint(b, 256) for b in balances),
                    final == 1)


def _decode_signed(x: object) -> tuple[RefState, list[bytes]]:
    f = _list(x, 2)
    sigs = _list(f[1])
    if len(sigs) > MAX_PARTICIPANTS:
        raise DecodeError("more signatures than participants allowed")
    return _decode_state(f[0]), [_sig(g) for g in sigs]


def encode_message(msg: tuple) -> bytes:
    """Wire bytes of a message tuple: ("propose", state, sig), ("countersign", channel_id,
    version, digest, sig), ("ack", state, sigs), ("reject", channel_id, version, reason),
    ("sync", channel_id, version) or ("sync_reply", state, sigs) (see message.hpp)."""
    kind = msg[0]
    if kind == "propose":
        return rlp([1, msg[1].channel_id, _state_items(msg[1]), msg[2]])
    if kind == "countersign":
        return rlp([2, msg[1], msg[2], msg[3], msg[4]])
    if kind in ("ack", "sync_reply"):
        return rlp([3 if kind == "ack" else 6, msg[1].channel_id,
                    [_state_items(msg[1]), list(msg[2])]])
    if kind == "reject":
        return rlp([4, msg[1], msg[2], msg[3].encode()])
    if kind == "sync":
        return rlp([5, msg[1], msg[2]])
    raise ValueError(f"unknown message kind {kind!r}")


def decode_message(data: bytes) -> tuple:
    """Strict inverse of :func:`encode_message`; DecodeError for anything else (non-canonical
    RLP, wrong field counts, bad signatures, unknown types and reasons, over 64 KiB)."""
    if len(data) > MAX_MESSAGE_BYTES:
        raise DecodeError("message too large")
    root = rlp_decode(data)
    if _depth(root) > 4:
        raise DecodeError("nested too deep")
    items = _list(root)
    if not items:
        raise DecodeError("empty message")
    kind = _uint(items[0])
    if kind == 1:
        f = _list(root, 4)
        state = _decode_state(f[2])
        sig = _sig(f[3])
        if _bytes(f[1], 32) != state.channel_id:
            raise DecodeError("channel id differs from the embedded state's")
        return ("propose", state, sig)
    if kind == 2:
        f = _list(root, 5)
        return ("countersign", _bytes(f[1], 32), _uint(f[2]), _bytes(f[3], 32), _sig(f[4]))
    if kind in (3, 6):
        f = _list(root, 3)
        state, sigs = _decode_signed(f[2])
        if _bytes(f[1], 32) != state.channel_id:
            raise DecodeError("channel id differs from the embedded state's")
        return ("ack" if kind == 3 else "sync_reply", state, sigs)
    if kind == 4:
        f = _list(root, 4)
        reason = _bytes(f[3]).decode("latin-1")
        if reason not in REASONS:
            raise DecodeError("unknown reject reason")
        return ("reject", _bytes(f[1], 32), _uint(f[2]), reason)
    if kind == 5:
        f = _list(root, 3)
        return ("sync", _bytes(f[1], 32), _uint(f[2]))
    raise DecodeError(f"unknown message type {kind}")


class _Crash(Exception):
    """Raised inside the engine when an armed crash point is reached."""


@dataclass
class Record:
    """What the engine persists (its durable record)."""

    latest: RefState
    latest_sigs: list[bytes]
    highest_signed: int
    countersigned: RefState | None
    proof: tuple[int, bytes, bytes] | None  # (proposer index, proposer's sig, own sig)
    proposed: RefState | None


@dataclass
class RefEngine:
    """One participant of an n-party channel. Byte-level API (:meth:`handle_bytes`, ...) returns
    the same outgoing bytes as the C++ engine; the tuple-level :meth:`handle` is kept for the
    benchmark's round loop. ``durable``: the record survives :meth:`crash` (DurableStore)."""

    params: Params
    index: int
    key: coincurve.PrivateKey
    chain_id: int
    adjudicator: bytes
    durable: bool = True
    latest: RefState | None = None
    latest_sigs: list[bytes] = field(default_factory=list)
    highest_signed: int = 0
    countersigned: RefState | None = None
    proof: tuple[int, bytes, bytes] | None = None
    proposed: RefState | None = None
    proposed_sigs: dict[int, bytes] = field(default_factory=dict)
    record: Record | None = None
    armed: str | None = None
    armed_skip: int = 0
    crashed: bool = False

    @property
    def channel_id(self) -> bytes:
        return self.params.channel_id(self.chain_id, self.adjudicator)

    @property
    def n(self) -> int:
        return len(self.params.participants)

    def d(self, s: RefState) -> bytes:
        return digest(self.chain_id, self.adjudicator, s)

    def install(self, s: RefState, sigs: list[bytes]) -> None:
        self.latest, self.latest_sigs = s, list(sigs)
        self.crashed = False
        self._write()

    # ---- persistence and crashes ----
    def _write(self) -> None:
        assert self.latest is not None
        self.record = Record(self.latest, list(self.latest_sigs), self.highest_signed,
                             self.countersigned, self.proof if self.countersigned else None,
                             self.proposed)

    def _persist(self) -> None:
        self._maybe_crash("before_persist")
        self._write()
        self._maybe_crash("after_persist")

    def _fire(self, point: str) -> bool:
        if self.armed != point:
            return False
        if self.armed_skip > 0:
            self.armed_skip -= 1
            return False
        self.armed = None
        return True

    def _maybe_crash(self, point: str) -> None:
        if self._fire(point):
            self.crash()
            raise _Crash

    def arm_crash(self, point: str, occurrence: int = 0) -> None:
        """Crash the (occurrence + 1)-th time `point` is reached."""
        if point not in CRASH_POINTS:
            raise ValueError(f"crash point must be one of {CRASH_POINTS}")
        self.armed, self.armed_skip = point, occurrence

    def after_send(self) -> bool:
        if not self.crashed and self._fire("after_send"):
            self.crash()
            return True
        return False

    def crash(self) -> None:
        self.crashed = True
        self.latest, self.latest_sigs = None, []
        self.countersigned = self.proof = self.proposed = None
        self.proposed_sigs = {}
        self.highest_signed = 0
        if not self.durable:
            self.record = None

    def recover(self) -> bool:
        r = self.record
        if r is None:
            return False
        self.latest, self.latest_sigs = r.latest, list(r.latest_sigs)
        self.highest_signed = r.highest_signed
        self.countersigned, self.proof = r.countersigned, r.proof
        self.proposed, self.proposed_sigs = r.proposed, {}
        if r.proposed is not None:  # the same state: RFC 6979 gives the same signature again
            self.proposed_sigs = {self.index: sign(self.key, self.d(r.proposed))}
        self.crashed = False
        return True

    @property
    def ready(self) -> bool:
        return self.latest is not None and not self.crashed

    @property
    def awaiting_completion(self) -> bool:
        return (self.latest is not None and self.countersigned is not None
                and self.countersigned.version > self.latest.version)

    def completed_countersigned(self) -> tuple[RefState, list[bytes]] | None:
        if not self.awaiting_completion or self.proof is None or self.n != 2:
            return None
        assert self.countersigned is not None
        proposer, proposer_sig, own_sig = self.proof
        sigs = [own_sig, own_sig]
        sigs[proposer] = proposer_sig
        return self.countersigned, sigs

    # ---- validation ----
    def shape_error(self, s: RefState) -> str | None:
        if s.channel_id != self.channel_id:
            return "wrong_channel"
        if len(s.balances) != self.n:
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

    # ---- commands: (reason or None, [(to, message tuple)], crashed) ----
    def pay(self, to: int, amount: int) -> tuple[str | None, list]:
        """Tuple-level command (benchmark loop): (reason or None, outgoing)."""
        err, out, _ = self.pay_ex(to, amount)
        return err, out

    def pay_ex(self, to: int, amount: int) -> tuple[str | None, list, bool]:
        if not 0 <= to < self.n or to == self.index:
            raise ValueError("payment recipient must be another participant index")
        assert self.ready
        assert self.latest is not None
        if amount > self.latest.balances[self.index]:
            return "insufficient_balance", [], False
        b = list(self.latest.balances)
        b[self.index] -= amount
        b[to] += amount
        return self._propose(RefState(self.channel_id, 0, tuple(b), False))

    def propose_close(self) -> tuple[str | None, list]:
        err, out, _ = self.propose_close_ex()
        return err, out

    def propose_close_ex(self) -> tuple[str | None, list, bool]:
        assert self.ready and self.latest is not None
        return self._propose(RefState(self.channel_id, 0, self.latest.balances, True))

    def _propose(self, s: RefState) -> tuple[str | None, list, bool]:
        assert self.latest is not None
        if self.proposed is not None:
            return "update_pending", [], False
        if self.latest.is_final:
            return "channel_final", [], False
        s = RefState(s.channel_id, max(self.latest.version, self.highest_signed) + 1, s.balances,
                     s.is_final)
        err = self.proposal_error(self.index, s)
        if err:
            return err, [], False
        sig = sign(self.key, self.d(s))
        self.proposed, self.proposed_sigs = s, {self.index: sig}
        self.highest_signed = s.version
        try:
            self._persist()
        except _Crash:
            return None, [], True
        return None, [(i, ("propose", s, sig)) for i in range(self.n) if i != self.index], False

    def resend(self) -> list:
        if not self.ready:
            return []
        assert self.latest is not None
        if self.proposed is not None:
            msg = ("propose", self.proposed, self.proposed_sigs[self.index])
            return [(i, msg) for i in range(self.n)
                    if i != self.index and i not in self.proposed_sigs]
        if self.awaiting_completion:
            return [(i, ("sync", self.channel_id, self.latest.version))
                    for i in range(self.n) if i != self.index]
        return []

    # ---- messages ----
    def handle_bytes(self, sender: int, payload: bytes) -> dict:
        """Handle wire bytes from participant `sender`; a dict like the C++ binding's Engine.handle
        (``out`` as (to, bytes), ``rejected``, ``peer_rejected``, ``updated``, ``crashed``)."""
        if not 0 <= sender < self.n:
            raise ValueError("sender index out of range")
        h: dict = {"out": [], "rejected": None, "peer_rejected": None, "updated": False,
                   "crashed": False}
        if not self.ready:
            return h
        try:
            msg = decode_message(payload)
        except DecodeError:
            h["rejected"] = "malformed_input"
            return h
        try:
            self._dispatch(sender, msg, h)
        except _Crash:
            h["out"], h["crashed"] = [], True
        h["out"] = [(to, encode_message(m)) for to, m in h["out"]]
        return h

    def handle(self, sender: int, msg: tuple) -> tuple[str | None, list, bool]:
        """Tuple-level handling (no codec): (rejection reason or None, outgoing, updated)."""
        h: dict = {"out": [], "rejected": None, "peer_rejected": None, "updated": False,
                   "crashed": False}
        try:
            self._dispatch(sender, msg, h)
        except _Crash:
            h["out"], h["crashed"] = [], True
        return h["rejected"], h["out"], h["updated"]

    def _dispatch(self, sender: int, msg: tuple, h: dict) -> None:
        assert self.latest is not None
        kind = msg[0]
        if kind == "propose":
            self._on_propose(sender, msg[1], msg[2], h)
        elif kind == "countersign":
            self._on_countersign(sender, msg, h)
        elif kind in ("ack", "sync_reply"):
            self._on_full_state(msg[1], msg[2], h)
        elif kind == "reject":
            _, cid, version, reason = msg
            # peer_not_synced is "not yet", not a refusal: the proposal stays and is re-sent.
            if cid == self.channel_id and self.proposed is not None \
                    and self.proposed.version == version and reason != "peer_not_synced":
                self.proposed, self.proposed_sigs = None, {}
                h["peer_rejected"] = reason
                self._persist()
        elif kind == "sync":
            if msg[1] == self.channel_id:  # answered even when ours is older
                h["out"].append((sender, ("sync_reply", self.latest, list(self.latest_sigs))))
        else:
            raise ValueError(f"unknown message kind {kind!r}")

    def _on_propose(self, sender: int, s: RefState, sig: bytes, h: dict) -> None:
        assert self.latest is not None

        def refuse(e: str) -> None:
            h["rejected"] = e
            h["out"].append((sender, ("reject", self.channel_id, s.version, e)))

        if s.channel_id != self.channel_id:
            return refuse("wrong_channel")
        d = self.d(s)
        if recover(d, sig) != self.params.participants[sender]:
            return refuse("invalid_signature")
        if self.countersigned == s:  # a re-sent proposal: answer again
            h["out"].append((sender, ("countersign", self.channel_id, s.version, d,
                                      sign(self.key, d))))
            return None
        if s.version <= max(self.latest.version, self.highest_signed):
            return refuse("update_pending" if self.proposed else "version_not_higher")
        err = self.proposal_error(sender, s)
        if err:
            return refuse(err)
        own = sign(self.key, d)
        self.countersigned, self.highest_signed, self.proof = s, s.version, (sender, sig, own)
        self._persist()
        h["out"].append((sender, ("countersign", self.channel_id, s.version, d, own)))
        return None

    def _on_countersign(self, sender: int, msg: tuple, h: dict) -> None:
        _, cid, version, d, sig = msg
        p = self.proposed
        if p is None or cid != self.channel_id or version != p.version or d != self.d(p):
            return
        if recover(d, sig) != self.params.participants[sender]:
            h["rejected"] = "invalid_signature"
            return
        self.proposed_sigs[sender] = sig
        if len(self.proposed_sigs) < self.n:
            return
        sigs = [self.proposed_sigs[i] for i in range(self.n)]
        self.proposed, self.proposed_sigs = None, {}
        self._adopt(p, sigs, h)
        h["out"] += [(i, ("ack", p, sigs)) for i in range(self.n) if i != self.index]

    def _on_full_state(self, s: RefState, sigs: list[bytes], h: dict) -> None:
        assert self.latest is not None
        if s.channel_id != self.channel_id or s.version <= self.latest.version:
            return
        if self.shape_error(s) or len(sigs) != self.n:
            h["rejected"] = "wrong_participant_count"
            return
        d = self.d(s)  # every slot must recover to its own participant
        if any(recover(d, g) != self.params.participants[i] for i, g in enumerate(sigs)):
            h["rejected"] = "invalid_signature"
            return
        self._adopt(s, sigs, h)

    def _adopt(self, s: RefState, sigs: list[bytes], h: dict) -> None:
        self.latest, self.latest_sigs = s, list(sigs)
        if self.countersigned is not None and self.countersigned.version <= s.version:
            self.countersigned = self.proof = None
        if self.proposed is not None and self.proposed.version <= s.version:
            self.proposed, self.proposed_sigs = None, {}
        self.highest_signed = max(self.highest_signed, s.version)
        h["updated"] = True
        self._persist()

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
