"""Differential tests: the C++ engine against the pure-Python reference (independent Keccak,
RLP and ECDSA), message for message. n parties exchange wire bytes through a shared in-flight
pool: a step delivers any message (reordering), drops or duplicates one, injects a malformed or
forged (Byzantine) one, crashes a party at a persistence boundary, recovers it or re-sends after
silence. After every step both implementations must have made the same decision (rejection
reason, update, crash, the exact outgoing bytes) and hold the same state."""

from __future__ import annotations

import random

import coincurve
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import l2lab
import l2lab.channel as ch
from l2lab.reference import channel as ref

ADJ = b"\x00" * 19 + b"\x01"
CHAIN_ID = 1337


class Twin:
    """n C++ engines and n reference engines of the same channel, durable stores, funded."""

    def __init__(self, n: int) -> None:
        self.n = n
        keys = [l2lab.PrivateKey.from_int(11 + i) for i in range(n)]
        self.ref_keys = [coincurve.PrivateKey.from_int(11 + i) for i in range(n)]
        deposits = [(i + 1) << 40 for i in range(n)]
        params = ch.ChannelParams([k.address for k in keys], deposits)
        self.cpp = [ch.Engine(params, i, k, CHAIN_ID, l2lab.Address(ADJ), ch.DurableStore())
                    for i, k in enumerate(keys)]
        s0 = ch.initial_state(params, self.cpp[0].channel_id)
        signed = ch.SignedState(s0, [e.sign_initial() for e in self.cpp])
        for e in self.cpp:
            assert e.install_initial(signed) is None
        rparams = ref.Params(tuple(ref.address_of(k) for k in self.ref_keys), tuple(deposits))
        self.ref = [ref.RefEngine(rparams, i, k, CHAIN_ID, ADJ)
                    for i, k in enumerate(self.ref_keys)]
        rs0 = ref.RefState(self.ref[0].channel_id, 0, tuple(deposits), False)
        for e in self.ref:
            e.install(rs0, list(signed.signatures))
        self.pool: list[tuple[int, int, bytes]] = []  # (from, to, payload) in flight
        self.steps: list[str] = []

    # ---- comparisons ----
    def same_state(self) -> None:
        for i, (c, r) in enumerate(zip(self.cpp, self.ref)):
            assert c.crashed == r.crashed, (i, self.steps)
            if c.crashed:
                continue
            assert r.latest is not None
            latest = c.latest
            got = (latest.state.version, list(latest.state.balances), latest.state.is_final,
                   list(latest.signatures))
            want = (r.latest.version, list(r.latest.balances), r.latest.is_final, r.latest_sigs)
            assert got == want, (i, self.steps)
            assert c.highest_signed == r.highest_signed, (i, self.steps)
            assert c.has_pending_proposal == (r.proposed is not None), (i, self.steps)
            assert c.awaiting_completion == r.awaiting_completion, (i, self.steps)
            done, rdone = c.completed_countersigned(), r.completed_countersigned()
            assert (done is None) == (rdone is None), (i, self.steps)
            if done is not None and rdone is not None:
                assert done.state.version == rdone[0].version
                assert list(done.signatures) == rdone[1]

    def deliver(self, src: int, to: int, payload: bytes) -> None:
        got = self.cpp[to].handle(src, payload)
        want = self.ref[to].handle_bytes(src, payload)
        self.steps.append(f"deliver {src}->{to} {payload[:6].hex()}.. -> {want['rejected']}")
        for key in ("rejected", "peer_rejected", "updated", "crashed"):
            assert got[key] == want[key], (key, got[key], want[key], self.steps)
        assert [(t, bytes(p)) for t, p in got["out"]] == want["out"], self.steps
        self._sent(to, want["out"])

    def _sent(self, src: int, out: list[tuple[int, bytes]]) -> None:
        self.pool += [(src, t, p) for t, p in out]
        crashed = self.cpp[src].after_send()
        assert crashed == self.ref[src].after_send(), self.steps

    def command(self, who: int, op: str, to: int = 0, amount: int = 0) -> None:
        c, r = self.cpp[who], self.ref[who]
        if c.crashed:
            return
        if op == "close":
            got, (err, out, crashed) = c.propose_close(), r.propose_close_ex()
        else:
            got, (err, out, crashed) = c.pay(to, amount), r.pay_ex(to, amount)
        self.steps.append(f"{op} {who}->{to} {amount} -> {err}")
        if err is not None:
            assert got == err, self.steps
            return
        assert isinstance(got, dict), (got, self.steps)
        assert got["crashed"] == crashed
        wire = [(t, ref.encode_message(m)) for t, m in out]
        assert [(t, bytes(p)) for t, p in got["out"]] == wire, self.steps
        self._sent(who, wire)

    def resend(self, who: int) -> None:
        got = [(t, bytes(p)) for t, p in self.cpp[who].resend()]
        want = [(t, ref.encode_message(m)) for t, m in self.ref[who].resend()]
        self.steps.append(f"resend {who}")
        assert got == want, self.steps
        self.pool += [(who, t, p) for t, p in want]

    def crash_now(self, who: int) -> None:
        self.steps.append(f"crash {who}")
        self.cpp[who].crash()
        self.ref[who].crash()

    def recover(self, who: int) -> None:
        self.steps.append(f"recover {who}")
        if self.cpp[who].crashed:
            assert self.cpp[who].recover() == self.ref[who].recover(), self.steps

    def arm(self, who: int, point: str, occurrence: int = 0) -> None:
        self.steps.append(f"arm {who} {point} #{occurrence}")
        self.cpp[who].arm_crash(point, occurrence)
        self.ref[who].arm_crash(point, occurrence)

    # ---- Byzantine messages (built with the reference codec and the participants' keys) ----
    def forge(self, kind: str, src: int, to: int, signers: list[int], rng: random.Random) -> bytes:
        """A message participant `src` could send `to`: states signed in slot j by the key of
        participant signers[j] (the identity list gives an honest signature set)."""
        r = self.ref[to]
        base = r.countersigned or r.proposed or r.latest or self.ref[src].latest
        if base is None:  # both crashed: nothing to build on, send bytes
            kind = "garbage"
        elif kind in ("ack", "sync_reply"):
            d = r.d(base)
            sigs = [ref.sign(self.ref_keys[signers[j % len(signers)]], d) for j in range(self.n)]
            return ref.encode_message((kind, base, sigs))
        elif kind == "propose":  # a next state paying from src, signed by signers[0]
            latest = r.latest or base
            b = list(latest.balances)
            amount = rng.randrange(0, b[src] + 1)
            b[src] -= amount
            b[to] += amount
            s = ref.RefState(r.channel_id, latest.version + rng.randrange(0, 3), tuple(b), False)
            return ref.encode_message(("propose", s, ref.sign(self.ref_keys[signers[0]], r.d(s))))
        elif kind == "countersign":
            p = r.proposed or base
            d = r.d(p)
            return ref.encode_message(("countersign", r.channel_id, p.version, d,
                                       ref.sign(self.ref_keys[signers[0]], d)))
        elif kind == "reject":
            v = (r.proposed or base).version
            return ref.encode_message(("reject", r.channel_id, v, rng.choice(ref.REASONS)))
        elif kind == "sync":
            return ref.encode_message(("sync", r.channel_id, rng.randrange(0, 4)))
        if kind == "mutated" and self.pool:
            _, _, p = self.pool[rng.randrange(len(self.pool))]
            i = rng.randrange(len(p))
            return p[:i] + bytes([p[i] ^ (1 << rng.randrange(8))]) + p[i + 1:]
        if kind == "truncated" and self.pool:
            _, _, p = self.pool[rng.randrange(len(self.pool))]
            return p[: rng.randrange(len(p))]
        return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 40)))


STEP = st.one_of(
    st.tuples(st.just("pay"), st.integers(0, 7), st.integers(0, 7), st.integers(0, 5 << 40)),
    st.tuples(st.just("close"), st.integers(0, 7), st.just(0), st.just(0)),
    st.tuples(st.just("deliver"), st.integers(0, 63), st.just(0), st.just(0)),
    st.tuples(st.just("deliver"), st.integers(0, 63), st.just(0), st.just(0)),
    st.tuples(st.just("drop"), st.integers(0, 63), st.just(0), st.just(0)),
    st.tuples(st.just("duplicate"), st.integers(0, 63), st.just(0), st.just(0)),
    st.tuples(st.just("resend"), st.integers(0, 7), st.just(0), st.just(0)),
    st.tuples(st.just("arm"), st.integers(0, 7), st.integers(0, 2), st.integers(0, 2)),
    st.tuples(st.just("crash"), st.integers(0, 7), st.just(0), st.just(0)),
    st.tuples(st.just("recover"), st.integers(0, 7), st.just(0), st.just(0)),
    st.tuples(st.just("byzantine"), st.integers(0, 7), st.integers(0, 7), st.integers(0, 2**32)),
    st.tuples(st.just("byzantine"), st.integers(0, 7), st.integers(0, 7), st.integers(0, 2**32)),
)
FORGERIES = ("ack", "sync_reply", "propose", "countersign", "reject", "sync", "mutated",
             "truncated", "garbage")


def run_steps(n: int, steps: list[tuple[str, int, int, int]]) -> Twin:
    t = Twin(n)
    for op, a, b, c in steps:
        if op in ("pay", "close"):
            who = a % n
            to = (who + 1 + b % (n - 1)) % n
            t.command(who, op, to, c)
        elif op in ("deliver", "drop", "duplicate") and t.pool:
            i = a % len(t.pool)
            src, to, payload = t.pool[i] if op == "duplicate" else t.pool.pop(i)
            if op == "drop":
                t.steps.append(f"drop {src}->{to}")
            else:
                t.deliver(src, to, payload)
        elif op == "resend":
            t.resend(a % n)
        elif op == "arm":
            t.arm(a % n, ref.CRASH_POINTS[b], c)
        elif op == "crash":
            t.crash_now(a % n)
        elif op == "recover":
            t.recover(a % n)
        elif op == "byzantine":
            rng = random.Random(c)
            src, to = a % n, (a % n + 1 + b % (n - 1)) % n
            kind = FORGERIES[c % len(FORGERIES)]
            waiting = [i for i in range(n) if t.ref[i].proof is not None and not t.ref[i].crashed]
            if waiting and rng.random() < 0.7:  # aim at a countersigner awaiting completion:
                to = rng.choice(waiting)  # its proposer forges the completed state
                src = t.ref[to].proof[0]
                if rng.random() < 0.6:
                    kind = rng.choice(("ack", "sync_reply"))
            signers = list(range(n))  # honest signatures: must be accepted alike
            roll = rng.random()
            if roll < 0.4:  # one slot signed by the sender instead (an Ack [sig_A, sig_A])
                signers[rng.choice([i for i in range(n) if i != src])] = src
            elif roll < 0.7:
                signers = [rng.randrange(n) for _ in range(n)]
            payload = t.forge(kind, src, to, signers, rng)
            t.steps.append(f"byzantine {kind} {src}->{to} signers={signers}")
            t.deliver(src, to, payload)
        t.same_state()
    # Heal: recover everyone, then resend and deliver until quiet; both still agree.
    for i in range(n):
        t.recover(i)
    for _ in range(6):
        for i in range(n):
            t.resend(i)
        while t.pool:
            t.deliver(*t.pool.pop(0))
        t.same_state()
    return t


@settings(max_examples=120, deadline=None)
@given(st.integers(2, 4), st.lists(STEP, max_size=40))
def test_engine_matches_reference_with_loss_crashes_and_byzantine_messages(n, steps):
    run_steps(n, steps)


def test_forged_ack_with_the_proposers_signature_twice_is_refused_by_both():
    # The regression of issue 3 item 1, as a fixed differential case: the proposer collects the
    # countersignature and sends the peer an Ack [sig_0, sig_0].
    t = Twin(2)
    t.command(0, "pay", 1, 5)
    t.deliver(*t.pool.pop(0))  # Propose to 1; its Countersign stays in flight
    forged = t.forge("ack", 0, 1, [0, 0], random.Random(1))
    got = t.cpp[1].handle(0, forged)
    assert got["rejected"] == "invalid_signature" and not got["updated"]
    assert t.ref[1].handle_bytes(0, forged)["rejected"] == "invalid_signature"
    t.same_state()
    assert t.cpp[1].latest.state.version == 0 and t.cpp[1].completed_countersigned() is not None


@pytest.mark.parametrize("n", [2, 3, 5])
def test_honest_rounds_agree_byte_for_byte(n):
    steps = []
    for i in range(3 * n):
        steps.append(("pay", i % n, i, (i + 1) << 30))
        steps += [("deliver", 0, 0, 0)] * (3 * n)
    t = run_steps(n, steps)
    assert t.cpp[0].latest.state.version == 3 * n


def test_reference_codec_round_trips_and_is_strict():
    t = Twin(2)
    s = t.ref[0].latest
    assert s is not None
    msgs = [("propose", s, t.ref[0].latest_sigs[0]),
            ("countersign", s.channel_id, 3, s.channel_id, t.ref[0].latest_sigs[1]),
            ("ack", s, t.ref[0].latest_sigs), ("reject", s.channel_id, 2, "version_not_higher"),
            ("sync", s.channel_id, 7), ("sync_reply", s, t.ref[0].latest_sigs)]
    for m in msgs:
        wire = ref.encode_message(m)
        assert ref.decode_message(wire) == m
        assert ch.decode_message(wire)["type"] == m[0]  # the C++ codec reads the same bytes
        for bad in (wire + b"\x00", wire[:-1]):
            with pytest.raises(ref.DecodeError):
                ref.decode_message(bad)
            with pytest.raises(l2lab.DecodeError):
                ch.decode_message(bad)
    with pytest.raises(ref.DecodeError):
        ref.decode_message(ref.rlp([7, b"x"]))


def test_reference_rejects_foreign_signature():
    r = ref.make_pair(2)
    s = ref.RefState(r[0].channel_id, 1, (0, 2 << 64), False)
    bad_sig = ref.sign(coincurve.PrivateKey.from_int(99), r[0].d(s))
    err, out, _ = r[1].handle(0, ("propose", s, bad_sig))
    assert err == "invalid_signature" and out[0][1][0] == "reject"


def test_digest_and_signature_agree_with_reference():
    t = Twin(2)
    s = t.cpp[0].latest.state
    rs = t.ref[0].latest
    assert t.cpp[0].channel_id == t.ref[0].channel_id
    assert ch.state_digest(CHAIN_ID, l2lab.Address(ADJ), s) == ref.digest(CHAIN_ID, ADJ, rs)
    assert list(t.cpp[0].latest.signatures) == t.ref[0].latest_sigs
