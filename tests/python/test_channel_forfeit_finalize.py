"""n-party penalty: an honest party owed only a share of the cheater's forfeit still finalizes
(it holds nothing in the registered state, and before the fix waited for someone else)."""

from __future__ import annotations

import l2lab
import l2lab.channel as ch
from l2lab.testing.channel import build_channel

ETHER = 10**18


def test_party_owed_only_a_forfeit_share_finalizes() -> None:
    w = l2lab.World(seed=4)
    c = build_channel(w, 3, policy="penalty", challenge_period=6,
                      kinds=[ch.StaleRegistrar, ch.Party, ch.Party])
    p0, p1, p2 = c.parties
    p2.pay(w, 1, 3 * ETHER)  # p2 now holds nothing
    w.run(4)
    assert c.balances(2) == [ETHER, 5 * ETHER, 0]
    w.set_online(p1.id, False)  # the other honest party is away for good
    p0.cheat(w, 0)  # the funding state, where p2 held 3 ether
    w.run(1)
    w.set_online(p0.id, False)  # a penalised cheater has no reason to finalize
    closed_after = c.run_until("closed", 40)
    assert closed_after < 40, "nobody finalized: the forfeit stayed locked"
    assert w.chain.balance(c.adjudicator) == 0
    assert ch.check_conservation(w, c.adjudicator, c.parties) is None
