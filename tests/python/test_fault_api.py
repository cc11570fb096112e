"""l2lab.fault bindings: configuration, machine states, traces and proofs, calldata and readers,
and bad input from Python (typed errors, or reverted receipts with the typed reason)."""

from __future__ import annotations

import copy

import pytest

import l2lab
from l2lab import fault as F
from l2lab.core import rlp_encode
from l2lab.rollup import RollupConfig

ETH = 10**18


@pytest.fixture(scope="module")
def busy() -> F.FaultRollup:
    """A fault-proof rollup with a small history and no players (module-wide: read only)."""
    r = F.FaultRollup(l2lab.World(seed=5))
    r.traffic()
    return r


def test_names_are_stable() -> None:
    assert F.game_status_names() == ["in_progress", "challenger_wins", "defender_wins"]
    errors = F.game_error_names()
    assert errors[0] == "malformed_calldata" and errors[-1] == "result_agrees"
    assert {"wrong_bond", "clock_expired", "bad_pre_state", "invalid_proof", "step_agrees",
            "children_unresolved", "game_over", "not_max_depth"} <= set(errors)
    assert F.step_kind_names() == ["done", "settle", "queue_op", "batch_tx", "open_batch"]
    assert F.cheat_kind_names() == ["apply_skipped", "wrong_fee", "mint"]
    assert "insufficient_balance" in F.skip_reason_names()


def test_game_config_defaults_validate_and_copy() -> None:
    c = F.GameConfig()
    assert (c.branching, c.max_depth, c.max_clock_duration, c.clock_extension) == (2, 63, 302_400, 10_800)
    assert (c.bond_base_gas, c.bond_multiplier_wad, c.bond_gas_price) == (
        400_000, 1_094_930_000_000_000_000, 200 * 10**9)
    c.validate()
    d = copy.copy(c)
    d.branching = 4
    assert c.branching == 2 and d != c and copy.deepcopy(d) == d
    for field, value in [("branching", 1), ("branching", 257), ("max_depth", 0),
                         ("max_depth", 64), ("max_clock_duration", 0),
                         ("bond_multiplier_wad", 10**18 - 1)]:
        bad = F.GameConfig(**{field: value})
        with pytest.raises(l2lab.InvalidArgumentError):
            bad.validate()
    with pytest.raises(l2lab.InvalidArgumentError, match="clock_extension"):
        F.GameConfig(max_clock_duration=10, clock_extension=11).validate()
    with pytest.raises(l2lab.InvalidArgumentError):
        F.DisputeGameContract(F.GameConfig(branching=1))
    with pytest.raises(TypeError):
        F.GameConfig(2)  # keyword-only
    with pytest.raises((TypeError, ValueError)):
        F.GameConfig(bond_gas_price=-1)


def test_bonds_and_depths() -> None:
    c = F.GameConfig(bond_gas_price=1)
    bonds = [F.required_bond(c, d) for d in range(10)]
    assert bonds[0] == 400_000 and all(b > a for a, b in zip(bonds, bonds[1:]))
    assert bonds[1] == 400_000 * 1_094_930_000_000_000_000 // 10**18  # floor per level
    assert [F.game_depth(c, n) for n in (1, 2, 3, 4, 5, 1024, 1025)] == [1, 1, 2, 2, 3, 10, 11]
    assert F.game_depth(c, 0) is None
    assert F.game_depth(F.GameConfig(branching=8), 4096) == 4
    assert F.game_depth(F.GameConfig(max_depth=3), 9) is None


def test_machine_states_round_trip_and_reject_non_canonical() -> None:
    g = F.genesis_state()
    assert g.cursor.block == 1 and F.is_end_of_block(g)
    assert F.MachineState.decode(g.encode()) == g
    assert g.commitment() == l2lab.keccak256(g.encode())
    e = F.end_of_block_state(b"\x11" * 32, 7, 3, 2)
    assert (e.cursor.block, e.cursor.queue_consumed, e.cursor.next_batch) == (8, 3, 2)
    assert e.state_root == b"\x11" * 32 and F.is_end_of_block(e)
    c = F.Cursor()
    c.block = 0
    with pytest.raises(l2lab.DecodeError):
        F.MachineState.decode(F.MachineState(bytes(32), c).encode())  # block 0
    c = F.Cursor()
    c.batch_tx_count = 3  # a closed batch with batch fields
    with pytest.raises(l2lab.DecodeError):
        F.MachineState.decode(F.MachineState(bytes(32), c).encode())
    with pytest.raises(l2lab.DecodeError):
        F.MachineState.decode(g.encode() + b"\x00")
    with pytest.raises(ValueError, match="32 bytes"):
        F.end_of_block_state(b"\x11" * 31, 1, 0, 0)


def test_trace_proofs_and_verification(busy: F.FaultRollup) -> None:
    r = busy
    block = r.world.block_number - 1
    t = r.trace(0, block)
    assert len(t) == t.length > 5 and t.target_block == block
    assert t.state(0) == F.genesis_state()
    assert t.final_state == t.state(t.length) == t.state(t.length + 100)
    assert F.is_end_of_block(t.final_state) and t.final_state.cursor.block == block + 1
    assert bytes(t.final_state.state_root) == bytes(r.verifier().state_at(block).state_root)
    kinds = [t.step_kind(i) for i in range(t.length)]
    assert kinds[-1] == "settle" and {"queue_op", "batch_tx", "open_batch"} <= set(kinds)
    assert t.step_kind(t.length) == "done"
    for pos in range(t.length + 1):
        proof = t.prove(pos)
        assert F.OneStepProof.decode(proof.encode()) == proof
        v = r.verify_step(proof, block)
        assert v.post == t.state(pos + 1) and v.kind == t.step_kind(pos)
        assert (v.outcome is not None) == (v.kind in ("queue_op", "batch_tx"))
    assert r.verify_step(t.prove(0).encode(), block).post == t.state(1)  # bytes accepted
    ni = F.make_noninteractive_proof(t)
    assert len(ni) == t.length and F.NonInteractiveProof.decode(ni.encode()).encode() == ni.encode()
    assert all(s.pre_state == b"" for s in ni.steps)


def test_malformed_proofs_are_typed_errors(busy: F.FaultRollup) -> None:
    r = busy
    block = r.world.block_number - 1
    t = r.trace(0, block)
    pos = next(i for i in range(t.length) if t.step_kind(i) == "batch_tx")
    proof = t.prove(pos)
    enc = proof.encode()
    with pytest.raises(l2lab.DecodeError):
        F.OneStepProof.decode(enc[:-1])
    with pytest.raises(l2lab.DecodeError):
        F.OneStepProof.decode(b"\xc0")
    with pytest.raises(l2lab.DecodeError):
        F.OneStepProof.decode(b"\x00" * (F.MAX_ONE_STEP_PROOF_BYTES + 1))
    with pytest.raises(l2lab.DecodeError):
        F.NonInteractiveProof.decode(b"\x01\x02")
    with pytest.raises(TypeError):
        F.OneStepProof.decode("not bytes")  # type: ignore[arg-type]
    # The same step without its witness cannot be re-executed: MissingDataError (an l2lab.Error).
    assert proof.witness is not None
    book = F.TraceBook(r.deployment)
    book.sync(r.world.chain)
    with pytest.raises(F.MissingDataError) as info:
        F.execute_step(t.state(pos), block, r.game_config.machine, r.game_config.stf, book.source)
    assert isinstance(info.value, l2lab.Error)


def test_readers_and_calldata_bad_input(busy: F.FaultRollup) -> None:
    r = busy
    chain = r.world.chain
    assert F.game_count(chain, r.game_contract) == 0
    with pytest.raises(l2lab.InvalidArgumentError):
        F.read_game(chain, r.game_contract, 0)
    with pytest.raises(l2lab.InvalidArgumentError):
        F.read_claim(chain, r.game_contract, 0, 0)
    assert F.game_credit(chain, r.game_contract, r.sequencer_account.address) == 0
    with pytest.raises(l2lab.InvalidArgumentError):
        F.game_propose(2**64 - 1, 1, F.genesis_state(), 1)
    with pytest.raises(TypeError):  # pybind11: a negative int is no uint64
        F.game_move(-1, 0, 0, [])
    with pytest.raises(ValueError):
        F.game_move(0, 0, 0, [b"short"])


def test_bad_calls_revert_with_typed_reasons() -> None:
    w = l2lab.World(seed=3)
    r = F.FaultRollup(w)
    r.traffic(skipped=False)
    eve = w.new_account(balance=10 * ETH)
    block = w.block_number - 1
    t = r.trace(0, block)

    def send(data: bytes, value: int = 0) -> str:
        out = w.call(eve, r.game_contract, data, value, gas_limit=5_000_000)
        assert out.accepted, out.detail
        w.mine(1)
        rc = w.chain.receipt(out.tx_hash)
        return "ok" if rc.success else rc.revert_reason.split(":")[0]

    propose = F.game_propose(None, block, t.final_state, len(t))
    assert send(propose, r.bond(0) + 1) == "wrong_bond"
    assert send(propose, 0) == "wrong_bond"
    assert send(F.game_propose(None, w.block_number + 5, t.final_state, len(t)), r.bond(0)) == "bad_block"
    assert send(F.game_propose(None, block, t.state(1), len(t)), r.bond(0)) == "bad_end_state"
    assert send(F.game_propose(None, block, t.final_state, 0), r.bond(0)) == "bad_trace_length"
    assert send(F.game_propose(7, block, t.final_state, len(t)), r.bond(0)) == "bad_parent"
    assert send(propose, r.bond(0)) == "ok"
    assert send(F.game_move(9, 0, 0, [t.commitment(1)]), r.bond(1)) == "unknown_game"
    assert send(F.game_move(0, 5, 0, [t.commitment(1)]), r.bond(1)) == "unknown_claim"
    assert send(F.game_move(0, 0, 0, [t.commitment(1)]), r.bond(2)) == "wrong_bond"
    assert send(F.game_step(0, 0, 0, t.prove(0))) == "not_max_depth"
    # Malformed proof bytes inside a well-formed step call.
    assert send(rlp_encode([2, 0, 0, 0, b"\x01\x02\x03"])) == "not_max_depth"
    assert send(b"\xde\xad") == "malformed_calldata"
    assert send(rlp_encode([99, 0])) == "malformed_calldata"
    assert send(F.game_claim_credit(eve.address)) == "no_credit"
    assert send(F.game_forward(0)) == "not_defender_win"
    assert send(F.game_resolve(0), 1) == "not_payable"
    # Nothing was lost: the game holds exactly the one accepted bond.
    assert r.games_balance() == r.bond(0) == r.unresolved_bonds()
    assert r.solvency_gap() == 0


def test_fault_rollup_config_checks() -> None:
    with pytest.raises(TypeError, match="GameConfig"):
        F.FaultRollupConfig(game={"branching": 2})
    with pytest.raises(ValueError, match="finality_delay_blocks"):
        F.FaultRollupConfig(finality_delay_blocks=-1)
    with pytest.raises(ValueError, match="optimistic"):
        F.FaultRollupConfig(rollup=RollupConfig(mode="zk"))
    r = F.FaultRollup(l2lab.World(seed=1))
    with pytest.raises(ValueError, match="unknown cheat"):
        r.add_player("x", believes="teleport")
    with pytest.raises(TypeError, match="unknown player option"):
        r.add_player("y", shout=True)
    r.add_player("z")
    with pytest.raises(ValueError, match="already exists"):
        r.add_player("z")
    with pytest.raises(KeyError, match="no player"):
        r.crash("nobody")
    with pytest.raises(l2lab.InvalidArgumentError, match="CheatSpec.kind"):
        F.CheatSpec(kind="teleport")
    with pytest.raises(l2lab.InvalidArgumentError, match="CheatSpec.reason"):
        F.CheatSpec(reason="bad_mood")
    with pytest.raises(ValueError, match="account"):
        F.make_cheat("tampered")


def test_undeployable_config_is_refused_before_the_world_changes() -> None:
    w = l2lab.World(seed=4)
    w.mine(1)
    before = w.trace_digest()
    big = F.FaultRollupConfig(rollup=F.fault_rollup_config(max_decompressed=8 * 1024 * 1024))
    with pytest.raises(l2lab.InvalidArgumentError, match="one L1 step"):
        F.FaultRollup(w, big)
    assert w.trace_digest() == before  # no sequencer account, no contract, nothing
    game = F.quick_game_config()
    game.machine = F.MachineConfig(3, F.FAULT_MAX_DECOMPRESSED)
    F.check_deployable(game, w.chain.config.block_gas_limit)
    with pytest.raises(l2lab.InvalidArgumentError, match="one L1 step"):
        F.check_deployable(game, 1_000_000)
    F.FaultRollup(w)  # the same World still takes a good one


def test_trace_book_game_trace_matches_trace_between() -> None:
    w = l2lab.World(seed=6)
    r = F.FaultRollup(w)
    r.traffic(skipped=False)
    block = w.block_number - 1
    t = r.trace(0, block)
    eve = w.new_account(balance=10 * ETH)
    out = w.call(eve, r.game_contract, F.game_propose(None, block, t.final_state, len(t)),
                 r.bond(0), gas_limit=5_000_000)
    assert out.accepted, out.detail
    w.mine(1)
    book = F.TraceBook(r.deployment)
    book.sync(w.chain)
    info = F.read_game(w.chain, r.game_contract, 0)
    gt = book.game_trace(info, w.chain)
    assert gt is not None
    assert len(gt) == len(t) and gt.final_state == t.final_state
    assert gt.commitment(len(t) // 2) == t.commitment(len(t) // 2)
    book.clear()  # the trace handed out stays valid after the cache is dropped
    assert gt.final_state == t.final_state
