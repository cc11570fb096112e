"""The fault-proof figures of the README: a wrong root over a ~2^10-step trace against one honest
challenger (bisection and 4-ary dissection), one-step proof gas, non-interactive re-execution
gas vs proposal size, and the time to finality of an unchallenged proposal under the OP preset.

Run: PYTHONPATH=python python3 examples/fault_dispute_figures.py
"""

from __future__ import annotations

import l2lab
from l2lab import fault as F
from l2lab import presets


def rollup_with_transfers(n_tx: int, config: F.FaultRollupConfig | None = None) -> F.FaultRollup:
    """A fault-proof rollup whose history holds ``n_tx`` signed transfers among 20 users."""
    w = l2lab.World(seed=1)
    r = F.FaultRollup(w, config)
    keys = [l2lab.PrivateKey.from_int(0x5000 + i) for i in range(20)]
    payer = w.new_account(balance=10**22)
    for k in keys:
        r.deposit(payer, k.address, 10**18)
    w.run(4)
    r.submit_many([r.transfer(keys[i % 20], keys[(i + 1) % 20].address, 1 + i, fee=1,
                              nonce=i // 20) for i in range(n_tx)])
    w.run(4)
    return r


def interactive(branching: int, preset: object = None) -> None:
    game = (presets.optimism().game_config(branching=branching) if preset
            else F.quick_game_config(branching=branching))
    r = rollup_with_transfers(900, F.FaultRollupConfig(game=game))
    steps = len(r.trace(0, r.world.block_number - 1))
    r.wrong_root_proposer(F.CheatSpec(kind="mint", step=steps // 3, amount=10**6),
                          every_blocks=10**9)  # one proposal
    r.honest_challenger()
    r.world.run(2)
    r.settle(60_000)
    g, p = r.games_table(), r.players_table()
    label = "OP preset" if preset else "quick clocks"
    print(f"k={branching} ({label}): trace {g['trace_length'][0]} steps, depth {g['depth'][0]}, "
          f"{g['claims'][0]} claims, {g['rounds'][0]} rounds, resolved after "
          f"{g['resolved_blocks'][0]} blocks ({g['resolved_seconds'][0]} s), {g['status'][0]}")
    for i, name in enumerate(p["player"]):
        print(f"  {name:10} L1 gas {p['gas_used'][i]:>9,}  bonds {p['bonds_posted'][i] / 1e18:.4f} ETH"
              f"  net {p['bond_net'][i] / 1e18:+.4f} ETH  by kind {p['gas_by_kind'][i]}"
              f"  reverted {p['reverts'][i]}")


def non_interactive() -> None:
    for n_tx in (100, 200, 400):
        r = rollup_with_transfers(n_tx)
        steps = len(r.trace(0, r.world.block_number - 1))
        r.wrong_root_proposer(F.CheatSpec(kind="mint", step=5, amount=10**6))
        v = r.honest_challenger(challenge=False)
        r.world.run(2)
        tx = v.prove_invalid(r.world, 0)
        r.world.run(1)
        rc = r.world.chain.receipt(tx)
        share = rc.gas_used / r.world.chain.config.block_gas_limit
        print(f"prove_invalid over {steps} steps: {rc.gas_used:,} gas ({share:.0%} of a block)")


def op_finality() -> None:
    r = rollup_with_transfers(100, F.FaultRollupConfig.from_preset(presets.optimism()))
    r.honest_proposer(every_blocks=10**9)
    r.world.run(25_300)
    r.settle(200)
    r.world.run(r.fault_config.finality_delay_blocks)
    g = r.games_table()
    print(f"OP preset, unchallenged: resolved after {g['resolved_seconds'][0]:,} s, final for "
          f"withdrawals {g['finality_blocks'][0]:,} blocks ({g['finality_s'][0] / 86_400:.2f} "
          "days) after the proposal")


if __name__ == "__main__":
    interactive(2)
    interactive(4)
    interactive(2, preset=True)
    non_interactive()
    op_finality()
