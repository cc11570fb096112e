"""The adversary kit's action vocabulary (l2lab.testing.adversary) keeps its documented
assumption: a victim_offline step ends with the victim online for a block, so back-to-back
outages never add up to a silence of a whole challenge period."""

from __future__ import annotations

import l2lab
import l2lab.channel as ch
from l2lab.testing.adversary import apply_step, run_schedule, settle
from l2lab.testing.channel import build_channel
from l2lab.testing.strategies import ScheduleStep


def test_victim_offline_step_ends_with_an_online_block():
    c = build_channel(l2lab.World(seed=5), kinds=[ch.StaleRegistrar, ch.Party], durable=True,
                      challenge_period=6)
    victim = c.parties[1]
    start = c.world.block_number
    apply_step(c, "victim_offline", 3)  # 3 % (6 - 2) = 3 blocks offline, then one online
    assert c.world.block_number == start + 4
    assert victim.scanned_to == c.world.block_number + 1  # it saw the block after its outage


def test_back_to_back_outages_leave_the_victim_time_to_challenge():
    c = build_channel(l2lab.World(seed=6), kinds=[ch.StaleRegistrar, ch.Party], durable=True,
                      challenge_period=6)
    schedule = [ScheduleStep(0, "pay", 40), ScheduleStep(3, "register_stale"),
                ScheduleStep(3, "victim_offline", 3), ScheduleStep(3, "victim_offline", 3)]
    log = run_schedule(c, schedule)
    assert settle(c) == [], log
    assert c.parties[1].stats.challenges_submitted >= 1
