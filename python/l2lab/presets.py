"""Parameter presets from real deployments (``l2lab.presets``), each constant with its source.

>>> from l2lab import presets
>>> op = presets.optimism()
>>> op.max_game_depth, op.max_clock_duration      # OP Mainnet deploy config
(73, 302400)
>>> cfg = op.game_config()                         # an l2lab.fault.GameConfig   # doctest: +SKIP

How a preset maps onto l2lab
----------------------------
l2lab's dispute game is *single-level*: one bisection (or k-ary dissection) over the derivation
machine's trace of one proposal, from its parent proposal's end state to its own. OP's
FaultDisputeGame is two-level: output roots are bisected down to ``split_depth`` (30), then the
Cannon (MIPS) execution trace of one L2 block below it, down to ``max_game_depth`` (73). Arbitrum
BoLD has levels too (block, big step, small step). So:

* **depth.** ``GameConfig.max_depth`` is the deepest game l2lab allows; a game's depth is the
  least ``D`` with ``k**D >= trace length``, and l2lab also caps ``k**D`` at ``2**63`` positions
  (positions are 64-bit). ``optimism().game_config()`` therefore sets ``max_depth =
  min(73, 63) = 63``: with bisection the ``2**63`` cap is what binds, never OP's 73 — l2lab
  traces are derivation steps (one per tx, queue item or batch opening), far shorter than a MIPS
  trace, so real runs use depths of 5-25. ``split_depth`` has no l2lab counterpart (there is one
  level) and is kept for reference only.
* **bonds.** The OP curve is used as is: ``floor(400,000 * 1.09493**d)`` bond gas at depth ``d``,
  priced at 200 gwei. OP chose 1.09493 so that depth 73 costs about 300,000,000 gas
  (``(300e6 / 400e3) ** (1 / 73)``); l2lab's deepest game (63) therefore costs less at its
  bottom than OP's (~122M gas, 24 ETH at 200 gwei, against ~300M gas, 60 ETH).
* **clocks.** ``max_clock_duration`` (3.5 days per team) and ``clock_extension`` (3 hours) are
  OP's and mean the same in l2lab (chess clocks with an extension when less is left). OP also
  doubles the extension at the split depth and adds the VM step's oracle time at the bottom;
  l2lab has neither.
* **finality.** OP: a withdrawal is *proven* against a game, and finalised once the proof is
  7 days old (``proof_maturity_delay_seconds``) and the game has been resolved for 3.5 days
  (``dispute_game_finality_delay_seconds``, the "airgap"); bonds sit in DelayedWETH for 7 days
  (``fault_game_withdrawal_delay``). l2lab has one delay: a defender-won root is forwarded to the
  inbox, and becomes final for withdrawals ``finality_delay_blocks`` L1 blocks later
  (``FaultProofFinality``). ``finality_delay_blocks()`` converts the airgap (3.5 days = 25,200
  blocks of 12 s); bonds are credited at resolution, with no DelayedWETH delay. An unchallenged
  proposal therefore becomes final after one clock (its game resolves when the challenger's
  clock runs out) plus the airgap: 7 days, like OP's withdrawal maturity.
* **Arbitrum BoLD.** One challenge period of 45,818 L1 blocks (~6.4 days) is both the
  confirmation window of an unchallenged assertion and the time an edge must accumulate
  unrivalled. ``arbitrum().game_config()`` maps it onto the chess clock: ``max_clock_duration =
  45,818 * 12 s`` and no extension (BoLD has none), so an unchallenged proposal resolves after
  exactly one challenge period, and ``finality_delay_blocks() == 0``. BoLD's stakes are a fixed
  assertion stake plus per-level mini-stakes, not a per-depth curve: l2lab cannot express them,
  and the preset uses a flat curve whose amount is an l2lab placeholder, not an Arbitrum
  constant (``bond_note`` says so). BoLD's 2-day grace period for the Security Council
  (``challenge_grace_period_blocks``) is kept for reference; l2lab has no council.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

GWEI = 10**9
ETH = 10**18
WAD = 10**18
SECONDS_PER_DAY = 86_400
#: Ethereum's slot time since the Merge (the block time of l2lab's simulated L1).
ETHEREUM_BLOCK_TIME = 12

#: Where each constant comes from.
OPTIMISM_SOURCES = {
    "max_game_depth": "OP Mainnet deploy config faultGameMaxDepth = 73 "
                      "(packages/contracts-bedrock/deploy-config/mainnet.json)",
    "split_depth": "faultGameSplitDepth = 30 (same file)",
    "max_clock_duration": "faultGameMaxClockDuration = 302400 s = 3.5 days (same file)",
    "clock_extension": "faultGameClockExtension = 10800 s = 3 hours (same file)",
    "fault_game_withdrawal_delay": "faultGameWithdrawalDelay = 604800 s: DelayedWETH bond delay "
                                   "(same file)",
    "proof_maturity_delay_seconds": "proofMaturityDelaySeconds = 604800 s = 7 days (same file)",
    "dispute_game_finality_delay_seconds": "disputeGameFinalityDelaySeconds = 302400 s = "
                                           "3.5 days, the airgap (same file)",
    "bond_base_gas": "OP specs, fault proof bond incentives: 400,000 gas at depth 0 "
                     "(FaultDisputeGame.getRequiredBond)",
    "bond_multiplier_wad": "OP specs: per-level multiplier 1.09493 "
                           "(= (300,000,000 / 400,000) ** (1 / 73))",
    "bond_gas_price": "OP specs: bonds priced at an assumed base fee of 200 gwei",
}

ARBITRUM_SOURCES = {
    "challenge_period_blocks": "Arbitrum docs, customizable challenge period: the default "
                               "confirmPeriodBlocks is ~1 week, 45,818 L1 blocks (BoLD on "
                               "Arbitrum One: ~6.4 days)",
    "challenge_grace_period_blocks": "Arbitrum docs, BoLD configuration parameters: "
                                     "challengeGracePeriodBlocks = 48 hours of Ethereum blocks",
    "block_time": "Ethereum slot time, 12 s",
}


@dataclass(frozen=True)
class OptimismPreset:
    """OP Stack fault proofs (OP Mainnet). See the module docstring for the mapping."""

    max_game_depth: int = 73
    split_depth: int = 30
    max_clock_duration: int = 302_400  # s, per team
    clock_extension: int = 10_800  # s
    bond_base_gas: int = 400_000
    bond_multiplier_wad: int = 1_094_930_000_000_000_000  # 1.09493
    bond_gas_price: int = 200 * GWEI
    fault_game_withdrawal_delay: int = 604_800  # s (DelayedWETH)
    proof_maturity_delay_seconds: int = 604_800  # s, 7 days
    dispute_game_finality_delay_seconds: int = 302_400  # s, 3.5 days
    block_time: int = ETHEREUM_BLOCK_TIME
    sources: dict[str, str] = field(default_factory=lambda: dict(OPTIMISM_SOURCES))

    @property
    def withdrawal_delay_seconds(self) -> int:
        """OP's 7-day withdrawal delay (proof maturity)."""
        return self.proof_maturity_delay_seconds

    def finality_delay_blocks(self) -> int:
        """l2lab's FaultProofFinality delay: OP's airgap in L1 blocks (rounded up)."""
        return -(-self.dispute_game_finality_delay_seconds // self.block_time)

    def game_config(self, **overrides: Any) -> Any:
        """An ``l2lab.fault.GameConfig`` with these constants (``max_depth`` capped at 63, see
        the module docstring); keyword overrides (``branching=4``, ``inbox=...``) win."""
        from .fault import GameConfig

        values: dict[str, Any] = {
            "max_depth": min(self.max_game_depth, 63),
            "max_clock_duration": self.max_clock_duration,
            "clock_extension": self.clock_extension,
            "bond_base_gas": self.bond_base_gas,
            "bond_multiplier_wad": self.bond_multiplier_wad,
            "bond_gas_price": self.bond_gas_price,
        }
        values.update(overrides)
        return GameConfig(**values)


@dataclass(frozen=True)
class ArbitrumPreset:
    """Arbitrum BoLD (Arbitrum One). See the module docstring for the mapping."""

    challenge_period_blocks: int = 45_818
    challenge_grace_period_blocks: int = 14_400  # 48 h of 12 s blocks
    block_time: int = ETHEREUM_BLOCK_TIME
    # l2lab placeholder, NOT an Arbitrum constant: a flat bond of 400,000 bond gas at 200 gwei.
    bond_base_gas: int = 400_000
    bond_gas_price: int = 200 * GWEI
    bond_note: str = ("BoLD stakes (assertion stake + per-level mini-stakes) have no l2lab "
                      "equivalent; the flat 0.08 ETH bond is an l2lab placeholder")
    sources: dict[str, str] = field(default_factory=lambda: dict(ARBITRUM_SOURCES))

    @property
    def challenge_period_seconds(self) -> int:
        return self.challenge_period_blocks * self.block_time

    def finality_delay_blocks(self) -> int:
        """No extra delay: an unchallenged proposal resolves after one challenge period."""
        return 0

    def game_config(self, **overrides: Any) -> Any:
        """An ``l2lab.fault.GameConfig``: one challenge period per team, no extension, a flat
        placeholder bond (see ``bond_note``); keyword overrides win."""
        from .fault import GameConfig

        values: dict[str, Any] = {
            "max_depth": 63,
            "max_clock_duration": self.challenge_period_seconds,
            "clock_extension": 0,
            "bond_base_gas": self.bond_base_gas,
            "bond_multiplier_wad": WAD,
            "bond_gas_price": self.bond_gas_price,
        }
        values.update(overrides)
        return GameConfig(**values)


def optimism() -> OptimismPreset:
    """OP Stack fault proof constants (OP Mainnet)."""
    return OptimismPreset()


def arbitrum() -> ArbitrumPreset:
    """Arbitrum BoLD constants (Arbitrum One)."""
    return ArbitrumPreset()


__all__ = ["ArbitrumPreset", "OptimismPreset", "arbitrum", "optimism"]
