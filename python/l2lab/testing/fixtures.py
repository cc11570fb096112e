"""Ready-made worlds for tests and notebooks (the pytest plugin's fixtures use these).

>>> import l2lab
>>> from l2lab.testing.fixtures import funded_rollup
>>> fr = funded_rollup(l2lab.World(seed=1), users=2)
>>> [fr.balance(k.address) for k in fr.keys] == [10**19, 10**19]
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import PrivateKey, World
from ..rollup import ETH, L2Tx, Rollup, RollupConfig


@dataclass
class FundedRollup:
    """A rollup on ``world`` with ``keys`` (L2 users, funded on L2) and ``accounts`` (their L1
    accounts, which made the deposits). Attributes not found here are read from ``rollup``, so
    ``fr.balance(addr)``, ``fr.submit(tx)``, ``fr.batch_records()`` work directly."""

    world: World
    rollup: Rollup
    keys: list[Any] = field(default_factory=list)
    accounts: list[Any] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        if name in ("world", "rollup", "keys", "accounts"):  # not set yet: no recursion
            raise AttributeError(name)
        return getattr(self.rollup, name)

    def pay(self, sender: int, recipient: int, value: int, fee: int = 1) -> L2Tx:
        """Sign a transfer between users ``sender`` -> ``recipient`` (indices) and submit it to
        the sequencer; the tx is returned (its nonce comes from the sequencer's view)."""
        tx = self.rollup.transfer(self.keys[sender], self.keys[recipient].address, value, fee)
        self.rollup.submit(tx)
        return tx


def funded_rollup(world: World, *, users: int = 4, amount: int = 10 * ETH,
                  config: RollupConfig | None = None, key_base: int = 0xA11CE) -> FundedRollup:
    """Deploy a :class:`Rollup` on ``world`` (``config`` or the defaults), create ``users`` L2
    keys (``PrivateKey.from_int(key_base + i)``) and L1 accounts, deposit ``amount`` wei for each
    and run the world until every deposit is in the sequencer's L2 state. Raises RuntimeError if
    the deposits are not derived within 20 blocks."""
    if users < 1:
        raise ValueError(f"users must be >= 1, got {users}")
    r = Rollup(world, config)
    keys = [PrivateKey.from_int(key_base + i) for i in range(users)]
    accounts = [world.new_account(balance=amount + 10 * ETH) for _ in range(users)]
    for acct, key in zip(accounts, keys):
        out = r.deposit(acct, key.address, amount)
        if not out.accepted:
            raise RuntimeError(f"deposit from {acct.address} refused: {out}")
    for _ in range(20):
        world.run(1)
        if all(r.balance(k.address) >= amount for k in keys):
            return FundedRollup(world, r, keys, accounts)
    raise RuntimeError("deposits were not derived on L2 within 20 blocks")
