"""``make demo`` / ``l2lab demo``: a short tour of the simulated L1.

Opens accounts in a seeded World, sends signed transfers and contract calls (one of which
reverts), explores a "what if" branch with snapshot/restore, shows that the same seed gives the
same trace digest, and prints the gas schedule with the EIP each figure comes from.
"""

from __future__ import annotations

from . import World, keccak256
from .l1 import NativeContract, gas_table

GWEI = 10**9
ETH = 10**18
DEPOSITED = keccak256(b"Deposited(address,uint256)")


class Vault(NativeContract):
    """A tiny escrow written in Python: ``deposit`` credits the sender's slot with the value
    sent; ``withdraw`` pays the sender's whole balance back, reverting when it is zero. All state
    lives in storage slots, so reverts and snapshots cover it."""

    def call(self, ctx, data):  # type: ignore[no-untyped-def]
        slot = bytes(12) + bytes(ctx.caller)
        if data == b"deposit":
            ctx.sstore(slot, ctx.sload(slot) + ctx.value)
            ctx.emit_log([DEPOSITED, slot], ctx.value.to_bytes(32, "big"))
            return None
        if data == b"withdraw":
            owed = ctx.sload(slot)
            if owed == 0:
                ctx.revert("nothing to withdraw")
            ctx.sstore(slot, 0)
            ctx.transfer(ctx.caller, owed)
            return owed.to_bytes(32, "big")
        ctx.revert("unknown method")
        return None


def _eth(wei: int) -> str:
    return f"{wei / ETH:,.6f} ETH"


def _receipt_line(label: str, r: object) -> str:
    status = getattr(r, "status")
    reason = getattr(r, "revert_reason", "")
    used = getattr(r, "gas_used")
    extra = f" ({reason})" if reason else ""
    return f"  {label:<28} {str(status):<22} gas {used:>7,}{extra}"


def tour(seed: int) -> str:
    """Run the tour and return its trace digest (hex)."""
    w = World(seed=seed)
    alice, bob, carol = (w.new_account(balance=10 * ETH) for _ in range(3))
    print(f"World(seed={seed}): 3 accounts with 10 ETH each, block time 12 s")
    for name, acc in (("alice", alice), ("bob", bob), ("carol", carol)):
        print(f"  {name:<6} {acc.address}")

    vault = w.chain.deploy(Vault(), alice.address)
    print(f"\nVault contract deployed at {vault}")

    outcomes = {
        "alice -> bob 1 ETH": w.transfer(alice, bob, 1 * ETH),
        "bob -> carol 0.25 ETH": w.transfer(bob, carol, ETH // 4),
        "carol deposits 2 ETH": w.call(carol, vault, b"deposit", 2 * ETH),
        "bob withdraws (empty)": w.call(bob, vault, b"withdraw"),
    }
    w.mine(1)
    print(f"\nBlock {w.block_number} at t={w.timestamp}s:")
    for label, out in outcomes.items():
        r = w.chain.receipt(out.tx_hash)
        print(_receipt_line(label, r))

    snap = w.snapshot()
    print(f"\nSnapshot at block {w.block_number}; what if carol withdraws?")
    out = w.call(carol, vault, b"withdraw")
    w.mine(1)
    print(_receipt_line("carol withdraws", w.chain.receipt(out.tx_hash)))
    print(f"  carol now holds {_eth(w.chain.balance(carol.address))}")
    w.restore(snap)
    print(f"Restored to block {w.block_number}: carol holds {_eth(w.chain.balance(carol.address))}"
          f", vault holds {_eth(w.chain.balance(vault))}")

    w.mine(5)
    digest = w.trace_digest().hex()
    again = World(seed=seed)
    print(f"\nTrace digest after {w.block_number} blocks: 0x{digest[:16]}...")
    print(f"A second world with seed {seed} starts from the same keys: "
          f"{again.new_account(balance=10 * ETH).address == alice.address}")

    print("\nGas schedule (units of gas; source)")
    for name, amount, source in gas_table():
        print(f"  {name:<34} {amount:>13,}  {source}")
    return digest


def main(seed: int = 7) -> None:
    tour(seed)


if __name__ == "__main__":
    main()
