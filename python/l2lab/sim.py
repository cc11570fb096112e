"""The World: a deterministic universe of one simulated L1 chain, a clock, seeded randomness, an
off-chain message network, actors and invariant checkers.

>>> import l2lab
>>> w = l2lab.World(seed=7)
>>> a = w.new_account(balance=10**20)
>>> w.mine(10); w.block_number
10

Actors subclass :class:`Actor` and override any of ``on_start(world)``,
``on_block(world, block)``, ``on_message(world, sender, payload)``, ``on_event(world, log)``,
``on_timer(world, tag)``. ``World.run(blocks=N)`` drives them; ``World.mine(n)`` only advances
the chain. Snapshots capture C++ state only; a Python actor's attributes are captured when it
overrides ``save_state()``/``load_state(state)``.
"""

from __future__ import annotations

from ._core.sim import (
    Account,
    Actor,
    Invariant,
    LinkConfig,
    Network,
    NetworkConfig,
    NetworkStats,
    OfflinePolicy,
    SendResult,
    TraceCounts,
    Violation,
    World,
    WorldConfig,
    WorldSnapshot,
    WorldStats,
)

__all__ = [
    "Account",
    "Actor",
    "Invariant",
    "LinkConfig",
    "Network",
    "NetworkConfig",
    "NetworkStats",
    "OfflinePolicy",
    "SendResult",
    "TraceCounts",
    "Violation",
    "World",
    "WorldConfig",
    "WorldSnapshot",
    "WorldStats",
]
