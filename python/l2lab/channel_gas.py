"""L1 gas of the adjudicator's operations, measured from real receipts (``l2lab.channel_gas``).

Each figure is the ``gas_used`` of an included, successful transaction on a fresh simulated L1
(default Prague schedule: ecrecover per signature checked, storage writes, calldata, EIP-7623
floor), for a channel of n parties::

    >>> from l2lab.channel_gas import gas_table, format_gas_table
    >>> rows = gas_table(parties=(2,))
    >>> sorted({r.operation for r in rows}) == sorted(OPERATIONS)
    True

``open`` creates the channel, ``deposit`` is the average of the n deposits, ``cooperative_close``
pays out a final state signed by all, ``unilateral_close`` registers a fully signed state (the
challenge period starts), ``challenge`` replaces it with a higher version (``latest_state_wins``,
and ``penalty`` with more than 2 parties, whose forfeit is applied at finalize) or punishes the
registrar and pays out at once (``penalty``, 2 parties), ``finalize`` pays out after the period.
Nothing here is a constant: change the gas schedule and the table follows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from . import channel as ch
from .sim import World

OPERATIONS = ("open", "deposit", "cooperative_close", "unilateral_close", "challenge", "finalize")
_TX_GAS_LIMIT = 5_000_000
_SHORT = {"latest_state_wins": "lsw", "penalty": "penalty"}


@dataclass(frozen=True)
class GasRow:
    """One measured operation: ``gas`` units used by its transaction."""

    parties: int
    policy: str
    operation: str
    gas: int


class _Bench:
    """A fresh world with one adjudicator and n funded accounts; every call is mined at once."""

    def __init__(self, n: int, policy: str, seed: int) -> None:
        self.world = World(seed=seed)
        self.adj = ch.deploy_adjudicator(self.world)
        self.accounts = [self.world.new_account(balance=10**24) for _ in range(n)]
        self.policy = policy
        self.chain_id = self.world.chain.config.chain_id

    def params(self, nonce: int) -> ch.ChannelParams:
        n = len(self.accounts)
        return ch.ChannelParams([a.address for a in self.accounts], [10**18 + i for i in range(n)],
                                challenge_period=3, funding_timeout=10, policy=self.policy,
                                nonce=nonce)

    def gas(self, who: int, data: bytes, value: int = 0) -> int:
        out = self.world.call(self.accounts[who], self.adj, data, value, gas_limit=_TX_GAS_LIMIT)
        if not out.accepted:
            raise RuntimeError(f"channel gas table: transaction dropped: {out}")
        self.world.mine(1)
        r = self.world.chain.receipt(out.tx_hash)
        if r is None or not r.success:
            reason = "not included" if r is None else r.revert_reason
            raise RuntimeError(f"channel gas table: transaction failed: {reason}")
        return int(r.gas_used)

    def signed(self, params: ch.ChannelParams, version: int, balances: list[int],
               final: bool = False) -> ch.SignedState:
        s = ch.State(params.channel_id(self.chain_id, self.adj), version, balances, final)
        d = ch.state_digest(self.chain_id, self.adj, s)
        return ch.SignedState(s, [bytes(a.key.sign(d)) for a in self.accounts])

    def funded(self, nonce: int) -> tuple[ch.ChannelParams, int, int]:
        """Open and fund a channel; (params, open gas, average deposit gas)."""
        p = self.params(nonce)
        g_open = self.gas(0, ch.open_calldata(p))
        deps = [self.gas(i, ch.deposit_calldata(p, i), p.deposits[i]) for i in range(len(p.deposits))]
        return p, g_open, sum(deps) // len(deps)


def _measure(n: int, policy: str, seed: int) -> dict[str, int]:
    b = _Bench(n, policy, seed)
    p, g_open, g_dep = b.funded(0)
    moved = list(p.deposits)
    moved[0], moved[1] = moved[0] - 1000, moved[1] + 1000
    out = {"open": g_open, "deposit": g_dep}
    out["unilateral_close"] = b.gas(0, ch.register_calldata(p, b.signed(p, 1, list(p.deposits))))
    newer = b.signed(p, 2, moved)
    out["challenge"] = b.gas(1, ch.challenge_calldata(p, newer))
    if policy == "latest_state_wins":  # the newer state is now registered; pay out after T
        b.world.mine(p.challenge_period + 1)
        out["finalize"] = b.gas(1, ch.finalize_calldata(p, newer.state))
    else:  # measure finalize on an unchallenged registration (2-party penalty closed above)
        q, _, _ = b.funded(1)
        reg = b.signed(q, 1, moved)
        b.gas(0, ch.register_calldata(q, reg))
        b.world.mine(q.challenge_period + 1)
        out["finalize"] = b.gas(1, ch.finalize_calldata(q, reg.state))
    c, _, _ = b.funded(2)
    out["cooperative_close"] = b.gas(0, ch.cooperative_close_calldata(c, b.signed(c, 5, moved, True)))
    return out


def gas_table(parties: Iterable[int] = (2, 5),
              policies: Iterable[str] = ("latest_state_wins", "penalty"),
              seed: int = 1) -> list[GasRow]:
    """Gas of every operation in OPERATIONS for each channel size and dispute policy."""
    rows = []
    for n in parties:
        for policy in policies:
            measured = _measure(int(n), policy, seed)
            rows.extend(GasRow(int(n), policy, op, measured[op]) for op in OPERATIONS)
    return rows


def format_gas_table(rows: list[GasRow]) -> str:
    """One line per operation, one column per (parties, policy)."""
    cols = sorted({(r.parties, r.policy) for r in rows})
    cell = {(r.parties, r.policy, r.operation): r.gas for r in rows}
    head = f"{'operation':<18}" + "".join(f"{f'{n}p {_SHORT.get(pol, pol)}':>14}" for n, pol in cols)
    lines = [head, "-" * len(head)]
    for op in OPERATIONS:
        lines.append(f"{op:<18}" + "".join(f"{cell.get((n, pol, op), 0):>14,}" for n, pol in cols))
    return "\n".join(lines)


__all__ = ["OPERATIONS", "GasRow", "format_gas_table", "gas_table"]
