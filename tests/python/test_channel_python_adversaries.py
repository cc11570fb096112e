"""Adversaries written in Python against the C++ protocol: a StaleRegistrar that picks its
version from engine.history (choose_stale_version), Byzantine messages built with the encoders of
every message type (a forged Ack among them), a targeted message reorderer built from on_message,
the watchtower hint squatting attack, and the n-party penalty colluders' race."""

from __future__ import annotations

import l2lab
import l2lab.channel as ch
from l2lab.testing.channel import ETHER, build_channel


class PicksTheRichestStaleState(ch.StaleRegistrar):
    """Chooses, among the versions it held below its latest, the one paying it the most."""

    def __init__(self, *a):
        super().__init__(*a)
        self.asked = 0

    def choose_stale_version(self, world):
        self.asked += 1
        hist = self.engine.history
        latest = self.engine.latest.state.version
        older = [s for s in hist if s.state.version < latest]
        return max(older, key=lambda s: s.state.balances[0]).state.version


def test_python_stale_registrar_chooses_from_engine_history():
    w = l2lab.World(seed=21)
    c = build_channel(w, 2, kinds=[PicksTheRichestStaleState, ch.Party], challenge_period=6)
    cheater, victim = c.parties
    for amount in (ETHER // 10, ETHER // 5, ETHER // 10):
        cheater.pay(w, 1, amount)
        w.run(2)
    versions = [s.state.version for s in cheater.engine.history]
    assert versions == [0, 1, 2, 3]
    assert cheater.cheat_version is None
    cheater.cheat(w)  # no version given: the Python override decides
    assert cheater.asked == 1 and cheater.cheat_version == 0  # version 0 paid it the most
    c.run_until("closed", 30)
    assert ch.check_honest_safety(w, victim) is None
    assert victim.stats.challenges_submitted >= 1


def test_encoders_cover_every_message_type_and_round_trip():
    c = build_channel(l2lab.World(seed=22), 2)
    s = c.parties[0].engine.latest
    cid = s.state.channel_id
    sig = s.signatures[0]
    digest = ch.state_digest(c.world.chain.config.chain_id, c.adjudicator, s.state)
    msgs = {
        "propose": ch.encode_propose(s.state, sig),
        "countersign": ch.encode_countersign(cid, 3, digest, sig),
        "ack": ch.encode_ack(s),
        "reject": ch.encode_reject(cid, 2, "version_not_higher"),
        "sync": ch.encode_sync(cid, 7),
        "sync_reply": ch.encode_sync_reply(s),
    }
    for kind, wire in msgs.items():
        d = ch.decode_message(wire)
        assert d["type"] == kind
    assert ch.decode_message(msgs["countersign"])["signature"] == sig
    assert ch.decode_message(msgs["reject"])["reason"] == "version_not_higher"
    try:
        ch.encode_reject(cid, 2, "nope")
    except l2lab.InvalidArgumentError:
        pass
    else:
        raise AssertionError("unknown reason accepted")


class ForgesItsAck(ch.SilentParty):
    """Proposes, ignores the countersignature, sends an Ack with its own signature twice."""


def test_forged_ack_from_python_is_refused_and_the_victim_challenges_with_the_real_state():
    w = l2lab.World(seed=23)
    c = build_channel(w, 2, kinds=[ForgesItsAck, ch.Party], challenge_period=6)
    cheat, victim = c.parties
    cheat.silent = False
    cheat.pay(w, 1, ETHER // 10)
    w.run(3)
    cheat.silent = True
    latest = cheat.engine.latest.state
    nxt = ch.State(latest.channel_id, 2, [latest.balances[0] - 50, latest.balances[1] + 50])
    d = ch.state_digest(w.chain.config.chain_id, c.adjudicator, nxt)
    sig0 = bytes(c.accounts[0].key.sign(d))
    w.send(cheat.id, victim.account.address, ch.encode_propose(nxt, sig0))
    w.run(1)
    assert victim.engine.awaiting_completion
    w.send(cheat.id, victim.account.address, ch.encode_ack(ch.SignedState(nxt, [sig0, sig0])))
    w.run(1)
    assert victim.engine.latest.state.version == 1  # the forged Ack was refused
    assert victim.state_to_challenge_with().state.version == 2
    cheat.force_close(w)  # registers version 1
    c.run_until("closed", 30)
    assert ch.check_honest_safety(w, victim) is None
    assert victim.received(w) == 2 * ETHER + ETHER // 10 + 50


class Reorderer(ch.Party):
    """A targeted network adversary: holds every Propose it receives for one block and hands
    them to the protocol in reverse order (drops nothing)."""

    def __init__(self, *a):
        super().__init__(*a)
        self.held = []
        self.reordered = 0

    def on_message(self, world, sender, payload):
        if ch.decode_message(payload)["type"] == "propose":
            self.held.append((sender, payload))
            return
        super().on_message(world, sender, payload)

    def on_block(self, world, block):
        held, self.held = self.held, []
        self.reordered += len(held)
        for sender, payload in reversed(held):
            super().on_message(world, sender, payload)
        super().on_block(world, block)


def test_on_message_override_is_a_targeted_reorderer_and_honest_runs_still_settle():
    w = l2lab.World(seed=24)
    c = build_channel(w, 2, kinds=[ch.Party, Reorderer], challenge_period=8)
    honest, reorder = c.parties
    for _ in range(4):
        honest.pay(w, 1, ETHER // 20)
    w.run(20)
    assert reorder.reordered >= 4
    assert honest.stats.payments_completed == 4
    assert honest.engine.latest == reorder.engine.latest
    assert c.record().status == "open"


def test_tower_keeps_the_victims_blob_next_to_a_squatters_junk():
    w = l2lab.World(seed=25)
    c = build_channel(w, 2, kinds=[ch.StaleRegistrar, ch.Party], challenge_period=6, tower=True,
                      tower_fee=10, policy="penalty")
    cheater, victim = c.parties
    s0 = cheater.engine.latest
    junk = ch.make_tower_blob(s0.signatures[1], c.params, s0)  # decrypts, names no newer state
    w.send(cheater.id, c.tower.account.address, junk.encode())
    w.run(1)
    assert c.tower.blobs_from(cheater.id) == 1
    for _ in range(3):
        cheater.pay(w, 1, ETHER // 10)
        w.run(2)
    assert c.tower.blobs_from(victim.id) == 3 and c.tower.hints_held == 3
    w.set_online(victim.id, False)
    cheater.cheat(w, 0)
    w.run(10)
    w.set_online(victim.id, True)
    c.run_until("closed", 20)
    assert c.tower.challenges_submitted >= 1
    assert ch.check_honest_safety(w, victim) is None
    assert cheater.received(w) == 0


def test_n_party_penalty_colluders_racing_a_stale_challenge_do_not_shortchange_the_honest():
    w = l2lab.World(seed=26)
    c = build_channel(w, 3, kinds=[ch.StaleRegistrar, ch.StaleRegistrar, ch.Party],
                      challenge_period=6, policy="penalty")
    p0, p1, honest = c.parties
    for payer in (p0, p1, p0):
        payer.pay(w, 2, ETHER // 4)
        w.run(3)
    assert honest.engine.latest.state.version == 3
    p0.cheat(w, 0)
    p1.challenge_with(w, 2)  # same block as the registration: first in line
    c.run_until("closed", 40)
    assert ch.check_honest_safety(w, honest) is None
    assert ch.check_no_honest_penalised(w, honest) is None
    assert ch.check_conservation(w, c.adjudicator, c.parties) is None
