"""Channel bindings: typed errors from Python, codec strictness, adjudicator reverts, gas."""

from __future__ import annotations

import pytest

import l2lab
import l2lab.channel as ch
from l2lab.testing.channel import ETHER, build_channel


def test_params_validation_raises_typed_errors():
    w = l2lab.World(seed=1)
    a, b = w.new_account(), w.new_account()
    with pytest.raises(l2lab.InvalidArgumentError, match="2.."):
        ch.ChannelParams([a.address], [1])
    with pytest.raises(l2lab.InvalidArgumentError, match="distinct"):
        ch.ChannelParams([a.address, a.address], [1, 1])
    with pytest.raises(l2lab.InvalidArgumentError, match="policy"):
        ch.ChannelParams([a.address, b.address], [1, 1], policy="nope")
    with pytest.raises(OverflowError):
        ch.ChannelParams([a.address, b.address], [2**256, 1])
    with pytest.raises(l2lab.InvalidArgumentError):
        ch.ChannelParams([a.address, b.address], [2**256 - 1, 1])


def test_decoders_reject_malformed_bytes_with_decode_error():
    with pytest.raises(l2lab.DecodeError):
        ch.decode_message(b"\xc1\x09")
    with pytest.raises(l2lab.DecodeError):
        ch.State.decode(b"\x00")
    with pytest.raises(l2lab.DecodeError):
        ch.SignedState.decode(b"")
    c = build_channel(l2lab.World(seed=2), 2)
    s = c.parties[0].engine.latest
    assert ch.SignedState.decode(s.encode()) == s
    msg = ch.encode_ack(s)
    assert ch.decode_message(msg)["type"] == "ack"
    with pytest.raises(l2lab.DecodeError):
        ch.decode_message(msg + b"\x00")
    with pytest.raises(l2lab.CryptoError):
        ch.SignedState(s.state, [b"\x01" * 64, b"\x01" * 65])


def test_engine_rejections_are_reason_names_and_change_nothing():
    c = build_channel(l2lab.World(seed=3), 2)
    e = c.parties[0].engine
    assert e.pay(1, 10**30) == "insufficient_balance"
    assert e.highest_signed == 0
    h = c.parties[1].engine.handle(0, b"junk")
    assert h["rejected"] == "malformed_input" and h["out"] == []
    with pytest.raises(l2lab.InvalidArgumentError):
        e.pay(0, 1)
    with pytest.raises(l2lab.InvalidArgumentError):
        e.arm_crash("sometime")


def test_adjudicator_reverts_with_typed_reason_and_charges_ecrecover():
    w = l2lab.World(seed=4)
    c = build_channel(w, 2)
    s = c.parties[0].engine.latest
    bad = ch.SignedState(s.state, list(reversed(s.signatures)))
    tx = w.call(c.accounts[0], c.adjudicator, ch.register_calldata(c.params, bad))
    w.mine(1)
    r = w.chain.receipt(tx.tx_hash)
    assert r.status == "reverted" if isinstance(r.status, str) else True
    assert r.revert_reason == "invalid_signature"
    tx = w.call(c.accounts[0], c.adjudicator, ch.register_calldata(c.params, s))
    w.mine(1)
    r = w.chain.receipt(tx.tx_hash)
    assert r.revert_reason == ""
    assert r.gas_used > 21000 + 2 * 3000  # two ecrecovers at 3000 (precompile cost)
    assert ch.read_channel(w.chain, c.adjudicator, s.state.channel_id, 2).status == "disputed"
    assert set(ch.channel_error_names()) >= {"invalid_signature", "version_not_higher",
                                             "balance_sum_mismatch", "wrong_channel"}


def test_payments_and_cooperative_close_conserve_value():
    w = l2lab.World(seed=5)
    c = build_channel(w, 3)
    c.parties[0].pay(w, 2, ETHER // 2)
    c.parties[1].pay(w, 0, ETHER // 4)
    w.run(8)
    assert c.balances(0) == c.balances(2)
    assert sum(c.balances(0)) == c.params.total_deposit
    c.parties[2].close(w)
    c.run_until("closed", 10)
    assert ch.check_conservation(w, c.adjudicator, c.parties) is None
    assert w.violation_count == 0


def test_python_subclass_adversary_chooses_state_to_register():
    class Sneaky(ch.Party):
        def __init__(self, *a):
            super().__init__(*a)
            self.calls = 0

        def state_to_register(self, world):
            self.calls += 1
            return self.engine.latest

        def respond_to(self, sender, payload):
            return True

    w = l2lab.World(seed=6)
    c = build_channel(w, 2, kinds=[Sneaky, ch.Party])
    c.parties[0].force_close(w)
    c.run_until("closed", 20)
    assert c.parties[0].calls == 1
    assert c.record().status == "closed"


def test_bench_helper_counts_rounds():
    assert ch.bench_update_rounds(10) == 10
