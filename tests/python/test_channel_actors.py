"""Python subclasses of channel actors (their on_block / on_message / on_event overrides are
dispatched by the C++ World), automatic unilateral close, the private watchtower, party/tower
save_state/load_state, and bad input seen from Python."""

from __future__ import annotations

import pytest

import l2lab
import l2lab.channel as ch
from l2lab.testing.channel import ETHER, build_channel


class RefusesToCountersign(ch.Party):
    """Adversary: drops every proposal in its Python on_message, answers everything else."""

    def __init__(self, *a):
        super().__init__(*a)
        self.dropped = 0
        self.blocks = 0

    def on_message(self, world, sender, payload):
        if ch.decode_message(payload)["type"] == "propose":
            self.dropped += 1
            return
        super().on_message(world, sender, payload)

    def on_block(self, world, block):
        self.blocks += 1
        super().on_block(world, block)


class RegistersStaleFromOnBlock(ch.StaleRegistrar):
    """Adversary: registers version 0 from its Python on_block once the channel moved on."""

    def __init__(self, *a):
        super().__init__(*a)
        self.cheated_at = None
        self.events = 0

    def on_block(self, world, block):
        super().on_block(world, block)
        if self.cheated_at is None and self.engine.latest.state.version >= 2:
            self.cheat(world, 0)
            self.cheated_at = block.header.number

    def on_event(self, world, log):
        self.events += 1
        super().on_event(world, log)


def test_python_on_message_override_refuses_to_countersign_and_honest_side_force_closes():
    w = l2lab.World(seed=11)
    c = build_channel(w, 2, kinds=[ch.Party, RefusesToCountersign], challenge_period=6)
    honest, adversary = c.parties
    honest.set_force_close_after(4)
    honest.pay(w, 1, ETHER // 10)
    w.run(3)
    assert adversary.dropped >= 1 and adversary.blocks >= 3  # the Python hooks ran
    assert honest.engine.has_pending_proposal
    w.run(4)
    assert honest.stats.auto_force_closes == 1
    c.run_until("closed", 20)
    assert c.record().status == "closed"
    assert honest.received(w) == ETHER  # its latest (funding) balance
    assert ch.check_honest_safety(w, honest) is None
    assert ch.check_no_honest_penalised(w, honest) is None
    assert ch.check_conservation(w, c.adjudicator, c.parties) is None


def test_python_on_block_override_registers_stale_state_and_victim_challenges():
    for policy in ("penalty", "latest_state_wins"):
        w = l2lab.World(seed=12)
        c = build_channel(w, 2, kinds=[RegistersStaleFromOnBlock, ch.Party], policy=policy,
                          challenge_period=6)
        cheater, victim = c.parties
        cheater.pay(w, 1, ETHER // 10)
        w.run(3)
        victim.pay(w, 0, ETHER // 20)
        c.run_until("closed", 30)
        assert cheater.cheated_at is not None and cheater.events >= 1
        assert victim.stats.challenges_submitted >= 1
        assert ch.check_honest_safety(w, victim) is None
        assert ch.check_no_honest_penalised(w, victim) is None
        if policy == "penalty":
            assert cheater.received(w) == 0
            assert ch.check_no_honest_penalised(w, cheater) is not None


def test_watchtower_subclass_hooks_are_dispatched():
    class CountingTower(ch.Watchtower):
        def __init__(self, *a):
            super().__init__(*a)
            self.messages = 0

        def on_message(self, world, sender, payload):
            self.messages += 1
            super().on_message(world, sender, payload)

    w = l2lab.World(seed=13)
    c = build_channel(w, 2, kinds=[ch.StaleRegistrar, ch.Party])
    tower = CountingTower("tower", w.new_account(balance=10 * ETHER), c.adjudicator, 7)
    c.parties[1].set_watchtower(w.add_actor(tower), 7)
    for _ in range(2):
        c.parties[0].pay(w, 1, ETHER // 10)
        w.run(3)
    assert tower.messages == 2 == tower.blobs_held
    assert tower.fees_earned == 14 == c.parties[1].stats.tower_fees_owed


def test_tower_sees_no_state_and_still_challenges_for_an_offline_victim():
    w = l2lab.World(seed=14)
    c = build_channel(w, 2, kinds=[ch.StaleRegistrar, ch.Party], tower=True, tower_fee=5,
                      challenge_period=6)
    cheater, victim = c.parties
    for _ in range(3):
        cheater.pay(w, 1, ETHER // 10)
        w.run(3)
    tower = c.tower
    assert tower.blobs_held == 3 and tower.channels_known == 0
    cid = victim.engine.channel_id
    assert tower.justice_version(cid) is None
    # The saved tower state holds neither the channel id nor any state or signature in clear.
    image = tower.save_state()
    latest = victim.engine.latest
    assert cid not in image and latest.state.encode() not in image
    assert all(sig not in image for sig in latest.signatures)
    w.set_online(victim.id, False)
    cheater.cheat(w, 1)
    w.run(10)
    w.set_online(victim.id, True)
    c.run_until("closed", 10)
    assert tower.breaches_detected == 1 and tower.challenges_submitted == 1
    assert tower.justice_version(cid) == 3
    assert ch.check_honest_safety(w, victim) is None
    assert victim.stats.tower_fees_owed == tower.fees_earned == 15


def test_tower_blob_needs_the_signature_on_the_superseded_state():
    c = build_channel(l2lab.World(seed=15), 2)
    s0 = c.parties[0].engine.latest
    c.parties[0].pay(c.world, 1, 5)
    c.world.run(2)
    s1 = c.parties[0].engine.latest
    assert s0.state.version == 0 and s1.state.version == 1  # `latest` is a copy, not a view
    blob = ch.make_tower_blob(s0.signatures[1], c.params, s1)
    assert blob.hint == ch.tower_hint(s0.signatures[1])
    assert ch.open_tower_blob(s1.signatures[1], blob.ciphertext) is None
    assert ch.open_tower_blob(s0.signatures[0], blob.ciphertext) is None
    params, newer = ch.open_tower_blob(s0.signatures[1], blob.ciphertext)
    assert params == c.params and newer == s1
    assert ch.TowerBlob.decode(blob.encode()).hint == blob.hint
    with pytest.raises(l2lab.DecodeError):
        ch.TowerBlob.decode(blob.encode()[:-1])


def test_party_and_tower_save_load_round_trip_and_reject_garbage():
    w = l2lab.World(seed=16)
    c = build_channel(w, 2, durable=True, tower=True)
    c.parties[0].pay(w, 1, 123)
    w.run(3)
    p = c.parties[0]
    image = p.save_state()
    twin = ch.Party("twin", c.accounts[0])
    twin.attach(w, c.params, 0, c.adjudicator)
    twin.load_state(image)
    assert twin.save_state() == image
    assert twin.engine.latest == p.engine.latest
    for bad in (b"", image[:-1], image + b"\x00", b"\xc0", bytes(range(256))):
        with pytest.raises(l2lab.DecodeError):
            twin.load_state(bad)
    assert twin.save_state() == image  # unchanged after refused images
    with pytest.raises(l2lab.DecodeError):
        c.parties[1].load_state(image)  # another participant's image
    t_image = c.tower.save_state()
    t2 = ch.Watchtower("t2", w.new_account(), c.adjudicator)
    t2.load_state(t_image)
    assert t2.save_state() == t_image and t2.blobs_held == c.tower.blobs_held
    with pytest.raises(l2lab.DecodeError):
        t2.load_state(t_image[:10])
    with pytest.raises(l2lab.StateError):
        ch.Party("loose", c.accounts[1]).save_state()


def test_bad_input_from_python_is_a_clear_exception_and_changes_nothing():
    w = l2lab.World(seed=17)
    c = build_channel(w, 2)
    e = c.parties[0].engine
    before = e.latest
    # Amount overflowing u256, amount above the deposits, unknown recipient.
    with pytest.raises(OverflowError):
        e.pay(1, 2**256)
    assert e.pay(1, c.params.total_deposit + 1) == "insufficient_balance"
    with pytest.raises(l2lab.InvalidArgumentError):
        e.pay(7, 1)
    # Wrong-length signatures.
    with pytest.raises(l2lab.CryptoError):
        ch.encode_propose(before.state, b"\x01" * 64)
    with pytest.raises(l2lab.CryptoError):
        ch.tower_hint(b"\x00" * 66)
    # A message for an unknown channel id: typed refusal.
    other = ch.State(b"\x11" * 32, 1, list(before.state.balances))
    sig = before.signatures[1]
    h = c.parties[1].engine.handle(0, ch.encode_propose(other, sig))
    assert h["rejected"] == "wrong_channel"
    # Truncated / malformed bytes.
    h = c.parties[1].engine.handle(0, ch.encode_ack(before)[:-3])
    assert h["rejected"] == "malformed_input" and h["out"] == []
    with pytest.raises(l2lab.DecodeError):
        ch.decode_message(ch.encode_sync(before.state.channel_id, 1) + b"\x00")
    # Adjudicator: unknown channel id reverts with a reason.
    a, b = w.new_account(balance=ETHER), w.new_account(balance=ETHER)
    stranger = ch.ChannelParams([a.address, b.address], [1, 1])
    tx = w.call(a, c.adjudicator, ch.deposit_calldata(stranger, 0), value=1)
    w.mine(1)
    assert w.chain.receipt(tx.tx_hash).revert_reason == "unknown_channel"
    assert e.latest == before and c.parties[1].engine.latest == before


def test_n_party_penalty_trap_countersigners_do_not_register_and_are_never_penalised():
    # 3 parties under `penalty`: p0 proposes and withholds the Ack (silent), p1 and p2 countersign.
    # p0 then holds the new state fully signed; a countersigner registering its previous state
    # would forfeit its balance, so neither registers; p0 can only register the new state.
    w = l2lab.World(seed=5)
    c = build_channel(w, 3, kinds=[ch.SilentParty, ch.Party, ch.Party], policy="penalty",
                      challenge_period=6)
    p0, p1, p2 = c.parties
    p0.silent = True
    for p in (p1, p2):
        p.set_force_close_after(3)
    p0.pay(w, 1, ETHER // 10)
    w.run(2)
    for p in (p1, p2):
        assert p.engine.awaiting_completion and p.engine.countersigned_unprovable
        assert p.penalty_trap
    with pytest.raises(l2lab.StateError):
        p1.force_close(w)
    w.run(10)
    assert c.record().status == "open"
    assert p1.stats.auto_force_closes == 0 and p2.stats.auto_force_closes == 0
    # The withholder registers what it holds (its own proposal, completed): nobody honest loses.
    p0.silent = False
    p0.force_close(w)
    c.run_until("closed", 30)
    for p in (p1, p2):
        assert ch.check_no_honest_penalised(w, p) is None
        assert ch.check_honest_safety(w, p) is None
    assert ch.check_conservation(w, c.adjudicator, c.parties) is None


def test_retired_tower_update_message_type_is_rejected():
    with pytest.raises(l2lab.DecodeError, match="type 7"):
        ch.decode_message(b"\xc3\x07\xc0\xc0")
