"""l2lab.presets: every constant pinned to its published value, and how it maps onto GameConfig."""

from __future__ import annotations

import dataclasses

import pytest

import l2lab
from l2lab import presets
from l2lab.fault import FaultRollup, FaultRollupConfig, GameConfig, game_depth, required_bond

GWEI = 10**9


def test_optimism_constants_match_the_op_mainnet_deploy_config() -> None:
    op = presets.optimism()
    # packages/contracts-bedrock/deploy-config/mainnet.json (OP Mainnet)
    assert op.max_game_depth == 73            # faultGameMaxDepth
    assert op.split_depth == 30               # faultGameSplitDepth
    assert op.max_clock_duration == 302_400   # faultGameMaxClockDuration: 3.5 days
    assert op.max_clock_duration == 3.5 * 86_400
    assert op.clock_extension == 10_800       # faultGameClockExtension: 3 hours
    assert op.fault_game_withdrawal_delay == 604_800        # DelayedWETH delay
    assert op.proof_maturity_delay_seconds == 604_800       # 7-day withdrawal delay
    assert op.withdrawal_delay_seconds == 7 * 86_400
    assert op.dispute_game_finality_delay_seconds == 302_400  # 3.5-day airgap
    # OP specs, bond incentives: 400,000 gas at depth 0, x1.09493 per level, at 200 gwei
    assert op.bond_base_gas == 400_000
    assert op.bond_multiplier_wad == 1_094_930_000_000_000_000
    assert op.bond_gas_price == 200 * GWEI
    assert op.block_time == 12
    assert set(op.sources) >= {"max_game_depth", "split_depth", "max_clock_duration",
                               "clock_extension", "bond_base_gas", "bond_multiplier_wad",
                               "bond_gas_price", "proof_maturity_delay_seconds",
                               "dispute_game_finality_delay_seconds"}
    assert all("=" in s or "OP" in s for s in op.sources.values())


def test_the_op_multiplier_reaches_about_300m_gas_at_depth_73() -> None:
    # OP picked 1.09493 = (300,000,000 / 400,000) ** (1 / 73).
    assert abs((300_000_000 / 400_000) ** (1 / 73) - 1.09493) < 1e-5
    c = presets.optimism().game_config(max_depth=63)
    assert required_bond(c, 0) == 400_000 * 200 * GWEI == 8 * 10**16  # 0.08 ETH
    top63 = required_bond(c, 63) // (200 * GWEI)
    assert 120_000_000 < top63 < 123_000_000  # ~24 ETH: l2lab's deepest game (see the docs)


def test_optimism_game_config_caps_the_depth_and_maps_the_delays() -> None:
    op = presets.optimism()
    c = op.game_config()
    assert isinstance(c, GameConfig)
    assert c.max_depth == 63  # min(73, 63): l2lab caps k^D at 2^63 positions
    assert (c.max_clock_duration, c.clock_extension) == (302_400, 10_800)
    assert (c.bond_base_gas, c.bond_multiplier_wad, c.bond_gas_price) == (
        400_000, 1_094_930_000_000_000_000, 200 * GWEI)
    c.validate()
    # With bisection the 2^63 cap binds before OP's 73 could.
    assert game_depth(c, 2**63) == 63
    assert game_depth(c, 2**63 + 1) is None
    assert op.finality_delay_blocks() == 25_200  # 3.5 days of 12 s blocks
    assert op.game_config(branching=4).branching == 4


def test_arbitrum_constants() -> None:
    arb = presets.arbitrum()
    # Arbitrum docs: default confirmPeriodBlocks ~1 week = 45,818 L1 blocks (BoLD: ~6.4 days)
    assert arb.challenge_period_blocks == 45_818
    assert arb.challenge_period_seconds == 45_818 * 12 == 549_816
    assert 6.3 < arb.challenge_period_seconds / 86_400 < 6.4
    # BoLD configuration: challengeGracePeriodBlocks = 48 hours of Ethereum blocks
    assert arb.challenge_grace_period_blocks == 48 * 3600 // 12
    assert "placeholder" in arb.bond_note
    c = arb.game_config()
    assert c.max_clock_duration == 549_816 and c.clock_extension == 0
    assert c.bond_multiplier_wad == 10**18  # flat: BoLD has no per-depth curve
    assert required_bond(c, 10) == required_bond(c, 0)
    assert arb.finality_delay_blocks() == 0
    c.validate()


def test_presets_are_frozen_and_deploy() -> None:
    op = presets.optimism()
    with pytest.raises(dataclasses.FrozenInstanceError):
        op.max_game_depth = 10  # type: ignore[misc]
    w = l2lab.World(seed=1)
    r = FaultRollup(w, FaultRollupConfig.from_preset(op))
    assert r.fault_config.finality_delay_blocks == 25_200
    assert r.game_config.max_clock_duration == 302_400
    assert r.bond(0) == 8 * 10**16
