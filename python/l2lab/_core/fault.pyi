"""
optimistic fault proofs: derivation machine, dispute game contract, one-step proofs, players
"""
from __future__ import annotations
import collections.abc
from l2lab import MissingDataError
import l2lab._core.crypto
import l2lab._core.l1
import l2lab._core.rollup
import l2lab._core.sim
import typing
__all__: list = ['MissingDataError', 'MachineConfig', 'Cursor', 'MachineState', 'genesis_state', 'end_of_block_state', 'is_end_of_block', 'step_kind_names', 'frame_from_blob_bytes', 'batch_txs_root', 'blob_versioned_hash_of', 'ChainSource', 'RecordCaps', 'StfVariant', 'cheat_kind_names', 'skip_reason_names', 'CheatSpec', 'Cheat', 'MAX_ONE_STEP_PROOF_BYTES', 'OneStepProof', 'VerifiedMachineStep', 'execute_step', 'verify_one_step', 'NonInteractiveProof', 'Trace', 'make_noninteractive_proof', 'GameConfig', 'required_bond', 'game_depth', 'DisputeGameContract', 'FaultProofFinality', 'game_propose', 'game_move', 'game_step', 'game_resolve_claim', 'game_resolve', 'game_forward', 'game_claim_credit', 'game_prove_invalid', 'topic_game_created', 'topic_claim_moved', 'topic_claim_stepped', 'topic_claim_resolved', 'topic_game_resolved', 'topic_root_forwarded', 'topic_credit_claimed', 'game_error_names', 'game_status_names', 'GameInfo', 'ClaimInfo', 'game_count', 'read_game', 'read_claim', 'game_credit', 'proposal_invalid', 'PlayerOptions', 'PlayerStats', 'Deployment', 'deploy_fault_proofs', 'check_deployable', 'TraceBook', 'TracePlayer', 'ExhaustivePlayer']
class MachineConfig:
    """
    Derivation parameters the machine needs; must equal the rollup's (forced_window W in L1 blocks, decompression cap in bytes).
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: MachineConfig) -> bool:
        ...
    def __init__(self, forced_window: typing.SupportsInt | typing.SupportsIndex = 10, max_decompressed: typing.SupportsInt | typing.SupportsIndex = 16777216) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def forced_window(self) -> int:
        ...
    @forced_window.setter
    def forced_window(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def max_decompressed(self) -> int:
        ...
    @max_decompressed.setter
    def max_decompressed(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class Cursor:
    """
    Where derivation stands (see fault/machine.hpp).
    """
    __hash__: typing.ClassVar[None] = None
    batch_txs_root: bytes
    forced_done: bool
    in_batch: bool
    def __eq__(self, arg0: Cursor) -> bool:
        ...
    def __init__(self) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def batch_queue_end(self) -> int:
        ...
    @batch_queue_end.setter
    def batch_queue_end(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def batch_tx_count(self) -> int:
        ...
    @batch_tx_count.setter
    def batch_tx_count(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def block(self) -> int:
        """
        L1 block being derived.
        """
    @block.setter
    def block(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def next_batch(self) -> int:
        ...
    @next_batch.setter
    def next_batch(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def queue_consumed(self) -> int:
        ...
    @queue_consumed.setter
    def queue_consumed(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def tx_index(self) -> int:
        ...
    @tx_index.setter
    def tx_index(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class MachineState:
    """
    The machine's state (L2 state root, cursor): what every claim of a dispute commits to (commitment() = keccak256(encode())).
    """
    __hash__: typing.ClassVar[None] = None
    cursor: Cursor
    state_root: bytes
    @staticmethod
    def decode(data: bytes) -> MachineState:
        """
        Strict inverse of encode(); DecodeError for malformed or non-canonical states (block 0, an open batch with nothing left, stray batch fields).
        """
    def __eq__(self, arg0: MachineState) -> bool:
        ...
    def __init__(self, state_root: bytes, cursor: Cursor) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def commitment(self) -> bytes:
        ...
    def encode(self) -> bytes:
        ...
class ChainSource:
    """
    What an honest node reads from L1 for the machine: the inbox's records, batch calldata and blobs. Call sync(chain) to read new blocks.
    """
    def __init__(self, inbox: l2lab._core.crypto.Address, machine: MachineConfig) -> None:
        ...
    def batch_data(self, index: typing.SupportsInt | typing.SupportsIndex) -> bytes:
        """
        Raw data a one-step proof carries for batch `index` (calldata frame, or blob bytes without trailing zeros). MissingDataError for a withheld blob.
        """
    def batch_txs(self, index: typing.SupportsInt | typing.SupportsIndex) -> list[l2lab._core.rollup.L2Tx]:
        """
        Decoded txs of batch `index` (empty when undecodable). MissingDataError as batch_data.
        """
    def sync(self, chain: l2lab._core.l1.Chain) -> None:
        """
        Read the inbox's logs up to the chain's head (incrementally; the source keeps a reference to the chain).
        """
    @property
    def batch_count(self) -> int:
        ...
    @property
    def queue_length(self) -> int:
        ...
    @property
    def synced_block(self) -> int:
        ...
class RecordCaps:
    """
    The inbox's queue and batch counts a dispute is limited to (records appended later cannot change a step).
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: RecordCaps) -> bool:
        ...
    def __init__(self, queue_count: typing.SupportsInt | typing.SupportsIndex = 18446744073709551615, batch_count: typing.SupportsInt | typing.SupportsIndex = 18446744073709551615) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def batch_count(self) -> int:
        ...
    @batch_count.setter
    def batch_count(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def queue_count(self) -> int:
        ...
    @queue_count.setter
    def queue_count(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class StfVariant:
    """
    What a player believes: the honest STF (this base class), or a deviant one. Subclass it in Python (call super().__init__()) and override name() -> str and after_step(state, config, step, op, outcome), called after every machine step of a trace (`op` and `outcome` are None for steps that apply no op); mutate `state` (an L2State) in place to cheat, and do not keep it after returning. The one-step proof on L1 always runs the real STF, so such a trace loses its disputes.
    """
    def __init__(self) -> None:
        ...
    def after_step(self, state: l2lab._core.rollup.L2State, config: l2lab._core.rollup.StfConfig, step: typing.SupportsInt | typing.SupportsIndex, op: l2lab._core.rollup.L2Tx | l2lab._core.rollup.Deposit | l2lab._core.rollup.UndecodableOp | None = None, outcome: l2lab._core.rollup.StepOutcome | None = None) -> None:
        ...
    def name(self) -> str:
        ...
class CheatSpec:
    """
    A concrete cheat. kind 'apply_skipped': a tx the STF skips with `reason` is applied anyway (its `to` credited its value); 'wrong_fee': the fee recipient is credited twice the fee; 'mint': `amount` wei appear in `account` after machine step `step`.
    """
    account: l2lab._core.crypto.Address
    amount: int
    kind: str
    reason: str
    def __init__(self, kind: str = 'apply_skipped', reason: str = 'insufficient_balance', step: typing.SupportsInt | typing.SupportsIndex = 0, account: l2lab._core.crypto.Address = ..., amount: int = 1) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def step(self) -> int:
        ...
    @step.setter
    def step(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class Cheat(StfVariant):
    """
    An StfVariant applying one CheatSpec.
    """
    def __init__(self, spec: CheatSpec) -> None:
        ...
    @property
    def spec(self) -> CheatSpec:
        ...
class OneStepProof:
    """
    Everything the L1 verifier needs to re-execute one machine step (fault/proof.hpp). Records cross as (index, encoded QueueRecord / BatchRecord) pairs.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def decode(data: bytes) -> OneStepProof:
        """
        Strict inverse of encode(); DecodeError for malformed, non-canonical or oversized input, unsorted or duplicate indices, a tx without its path.
        """
    def __eq__(self, arg0: OneStepProof) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def encode(self) -> bytes:
        ...
    @property
    def batch_data(self) -> bytes | None:
        ...
    @property
    def batch_records(self) -> list:
        ...
    @property
    def pre_state(self) -> bytes:
        """
        MachineState encoding (empty inside a NonInteractiveProof).
        """
    @property
    def queue_op(self) -> bytes | None:
        ...
    @property
    def queue_records(self) -> list:
        ...
    @property
    def tx(self) -> l2lab._core.rollup.L2Tx | None:
        ...
    @property
    def tx_proof(self) -> l2lab._core.crypto.MerkleProof | None:
        ...
    @property
    def witness(self) -> l2lab._core.rollup.StepWitness | None:
        ...
class VerifiedMachineStep:
    """
    Outcome of re-executing one step.
    """
    def __repr__(self) -> str:
        ...
    @property
    def kind(self) -> str:
        ...
    @property
    def outcome(self) -> l2lab._core.rollup.StepOutcome | None:
        """
        StepOutcome for a step that applies an op, else None.
        """
    @property
    def post(self) -> MachineState:
        """
        The MachineState after the step.
        """
class NonInteractiveProof:
    """
    A whole-trace proof for prove_invalid: the anchor state's encoding and one OneStepProof per step (each with an empty pre_state).
    """
    @staticmethod
    def decode(data: bytes) -> NonInteractiveProof:
        """
        Strict inverse of encode(); DecodeError otherwise.
        """
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def encode(self) -> bytes:
        ...
    @property
    def anchor_state(self) -> bytes:
        ...
    @property
    def steps(self) -> list[OneStepProof]:
        ...
class Trace:
    """
    The derivation machine run off-chain from an end-of-block state to the end of an L1 block: every state, its commitment, one-step proofs. Position 0 is the start; every position >= len(trace) is the final state.
    """
    def __init__(self, machine: MachineConfig, stf: l2lab._core.rollup.StfConfig, source: ChainSource, caps: RecordCaps, start: MachineState, state: l2lab._core.rollup.L2State, target_block: typing.SupportsInt | typing.SupportsIndex, variant: StfVariant = None) -> None:
        """
        Run from `start` (end-of-block, L2 state `state`, copied) to the end of `target_block`, believing `variant` (None: honest). InvalidArgumentError when state's root is not start's or start is not end-of-block; MissingDataError when the machine cannot get data (a withheld blob).
        """
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def commitment(self, position: typing.SupportsInt | typing.SupportsIndex) -> bytes:
        ...
    def final_l2_state(self) -> l2lab._core.rollup.L2State:
        """
        A copy of the L2 state at the end.
        """
    def prove(self, position: typing.SupportsInt | typing.SupportsIndex) -> OneStepProof:
        """
        OneStepProof of the step position -> position + 1 (replays the trace up to it).
        """
    def state(self, position: typing.SupportsInt | typing.SupportsIndex) -> MachineState:
        ...
    def step_kind(self, step: typing.SupportsInt | typing.SupportsIndex) -> str:
        """
        Kind of the step from position `step` ('done' beyond the end).
        """
    @property
    def final_state(self) -> MachineState:
        ...
    @property
    def length(self) -> int:
        """
        Steps until the machine is done.
        """
    @property
    def target_block(self) -> int:
        ...
class GameConfig:
    """
    Immutable parameters of the dispute game contract. Times in seconds, bonds in bond gas priced at bond_gas_price wei; bond_multiplier_wad is 18-decimal fixed point. inbox, machine and stf must be the rollup's (deploy_fault_proofs sets inbox).
    """
    __hash__: typing.ClassVar[None] = None
    inbox: l2lab._core.crypto.Address
    machine: MachineConfig
    stf: l2lab._core.rollup.StfConfig
    def __copy__(self) -> GameConfig:
        ...
    def __deepcopy__(self, memo: dict) -> GameConfig:
        ...
    def __eq__(self, arg0: GameConfig) -> bool:
        ...
    def __init__(self, *, inbox: l2lab._core.crypto.Address = ..., machine: MachineConfig = ..., stf: l2lab._core.rollup.StfConfig = ..., branching: typing.SupportsInt | typing.SupportsIndex = 2, max_depth: typing.SupportsInt | typing.SupportsIndex = 63, max_clock_duration: typing.SupportsInt | typing.SupportsIndex = 302400, clock_extension: typing.SupportsInt | typing.SupportsIndex = 10800, bond_base_gas: typing.SupportsInt | typing.SupportsIndex = 400000, bond_multiplier_wad: typing.SupportsInt | typing.SupportsIndex = 1094930000000000000, bond_gas_price: int = 200000000000, decode_gas_per_byte: typing.SupportsInt | typing.SupportsIndex = 16) -> None:
        """
        Keyword-only; defaults are OP's except max_depth (63: l2lab also caps k^D at 2^63).
        """
    def __repr__(self) -> str:
        ...
    def validate(self) -> None:
        """
        InvalidArgumentError for branching outside 2..256, max_depth outside 1..63, max_clock_duration 0 or >= 2^40, clock_extension > max_clock_duration, a multiplier below 1.0, max_decompressed 0.
        """
    @property
    def bond_base_gas(self) -> int:
        ...
    @bond_base_gas.setter
    def bond_base_gas(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def bond_gas_price(self) -> int:
        """
        Wei per bond gas.
        """
    @bond_gas_price.setter
    def bond_gas_price(self, arg0: int) -> None:
        ...
    @property
    def bond_multiplier_wad(self) -> int:
        ...
    @bond_multiplier_wad.setter
    def bond_multiplier_wad(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def branching(self) -> int:
        """
        k >= 2: a move posts k - 1 values.
        """
    @branching.setter
    def branching(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def clock_extension(self) -> int:
        """
        Seconds.
        """
    @clock_extension.setter
    def clock_extension(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def decode_gas_per_byte(self) -> int:
        """
        MODELLED L1 gas per decoded batch payload byte of an OpenBatch step.
        """
    @decode_gas_per_byte.setter
    def decode_gas_per_byte(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def max_clock_duration(self) -> int:
        """
        Seconds per team.
        """
    @max_clock_duration.setter
    def max_clock_duration(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def max_depth(self) -> int:
        ...
    @max_depth.setter
    def max_depth(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class DisputeGameContract(l2lab._core.l1.NativeContract):
    """
    The fault-proof contract (fault/game.hpp). Usually deployed with deploy_fault_proofs, which makes it the inbox's only root proposer.
    """
    def __init__(self, config: GameConfig) -> None:
        ...
    @property
    def config(self) -> GameConfig:
        ...
class FaultProofFinality(l2lab._core.rollup.FinalityRule):
    """
    Inbox finality of a fault-proof rollup: a root forwarded by the game contract is final delay_blocks L1 blocks later (OP's finality delay; 0 = at once).
    """
    def __init__(self, delay_blocks: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def delay_blocks(self) -> int:
        ...
class GameInfo:
    """
    A game as stored (times in seconds).
    """
    def __repr__(self) -> str:
        ...
    @property
    def caps(self) -> RecordCaps:
        ...
    @property
    def claim_count(self) -> int:
        ...
    @property
    def created_block(self) -> int:
        ...
    @property
    def created_time(self) -> int:
        ...
    @property
    def depth(self) -> int:
        """
        Game depth D.
        """
    @property
    def forwarded(self) -> bool:
        ...
    @property
    def index(self) -> int:
        ...
    @property
    def l1_block(self) -> int:
        ...
    @property
    def parent(self) -> int | None:
        """
        Parent game index, None: anchored at genesis.
        """
    @property
    def positions(self) -> int:
        """
        k^D.
        """
    @property
    def resolved_time(self) -> int:
        ...
    @property
    def root_value(self) -> bytes:
        """
        The root claim (end state commitment).
        """
    @property
    def state_root(self) -> bytes:
        """
        The proposal's L2 state root.
        """
    @property
    def status(self) -> str:
        """
        'in_progress', 'challenger_wins' or 'defender_wins'.
        """
    @property
    def trace_length(self) -> int:
        ...
class ClaimInfo:
    """
    A claim as stored, with its interval [start, start + length].
    """
    def __repr__(self) -> str:
        ...
    @property
    def bond(self) -> int:
        """
        Wei.
        """
    @property
    def children(self) -> list[int]:
        ...
    @property
    def choice(self) -> int:
        ...
    @property
    def claimant(self) -> l2lab._core.crypto.Address:
        ...
    @property
    def clock_duration(self) -> int:
        """
        Seconds used by its team.
        """
    @property
    def clock_timestamp(self) -> int:
        """
        When it was posted.
        """
    @property
    def countered_by(self) -> l2lab._core.crypto.Address | None:
        ...
    @property
    def depth(self) -> int:
        ...
    @property
    def index(self) -> int:
        ...
    @property
    def length(self) -> int:
        ...
    @property
    def parent(self) -> int | None:
        ...
    @property
    def resolved(self) -> bool:
        ...
    @property
    def start(self) -> int:
        ...
    @property
    def values(self) -> list[bytes]:
        ...
class PlayerOptions:
    """
    Options of a TracePlayer (fault/agents.hpp).
    """
    resolve_everything: bool
    def __copy__(self) -> PlayerOptions:
        ...
    def __deepcopy__(self, memo: dict) -> PlayerOptions:
        ...
    def __init__(self, *, propose_every_blocks: typing.SupportsInt | typing.SupportsIndex = 0, propose_lag_blocks: typing.SupportsInt | typing.SupportsIndex = 1, challenge: bool = True, resolve: bool = True, resolve_everything: bool = False, resolve_grace_blocks: typing.SupportsInt | typing.SupportsIndex = 2, respond_when_left_seconds: typing.SupportsInt | typing.SupportsIndex = 0, step_gas_limit: typing.SupportsInt | typing.SupportsIndex = 12000000) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def challenge(self) -> bool:
        """
        Counter wrong claims.
        """
    @challenge.setter
    def challenge(self, arg0: bool) -> None:
        ...
    @property
    def propose_every_blocks(self) -> int:
        """
        Propose its believed end state every this many L1 blocks (0 = never).
        """
    @propose_every_blocks.setter
    def propose_every_blocks(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def propose_lag_blocks(self) -> int:
        """
        Propose for L1 block head - lag (>= 1).
        """
    @propose_lag_blocks.setter
    def propose_lag_blocks(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def resolve(self) -> bool:
        """
        Resolve claims and games, forward, claim credits.
        """
    @resolve.setter
    def resolve(self, arg0: bool) -> None:
        ...
    @property
    def resolve_grace_blocks(self) -> int:
        ...
    @resolve_grace_blocks.setter
    def resolve_grace_blocks(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def respond_when_left_seconds(self) -> int:
        """
        Respond only with at most this many seconds left on its clock (0 = at once): a clock burner.
        """
    @respond_when_left_seconds.setter
    def respond_when_left_seconds(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def step_gas_limit(self) -> int:
        ...
    @step_gas_limit.setter
    def step_gas_limit(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class PlayerStats:
    """
    What a player did: counts, L1 gas, wei.
    """
    def __repr__(self) -> str:
        ...
    @property
    def bonds_posted(self) -> int:
        """
        Wei, accepted bonds only.
        """
    @property
    def credit_claims(self) -> int:
        ...
    @property
    def credits_received(self) -> int:
        """
        Wei.
        """
    @property
    def fees_paid(self) -> int:
        """
        Wei (burned + tip).
        """
    @property
    def forwards(self) -> int:
        ...
    @property
    def gas_by_kind(self) -> dict[str, int]:
        """
        L1 gas by transaction kind ('propose', 'move', 'step', 'resolve_claim', 'resolve', 'forward', 'claim_credit', 'prove_invalid'), reverts included.
        """
    @property
    def gas_used(self) -> int:
        """
        L1 gas of its included transactions.
        """
    @property
    def moves(self) -> int:
        ...
    @property
    def proposals(self) -> int:
        ...
    @property
    def resolutions(self) -> int:
        ...
    @property
    def reverted(self) -> int:
        ...
    @property
    def reverts(self) -> dict[str, int]:
        """
        Reverted transactions by '<kind>: <revert reason>'.
        """
    @property
    def steps(self) -> int:
        ...
class Deployment:
    """
    Where a fault-proof rollup lives on L1.
    """
    def __init__(self, inbox: l2lab._core.crypto.Address, games: l2lab._core.crypto.Address, config: GameConfig) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def config(self) -> GameConfig:
        ...
    @property
    def games(self) -> l2lab._core.crypto.Address:
        """
        The DisputeGameContract.
        """
    @property
    def inbox(self) -> l2lab._core.crypto.Address:
        ...
class TraceBook:
    """
    Traces a player believes, computed from the chain and cached. A game's trace is trace_between(its anchor's block, its l1_block).
    """
    def __init__(self, deployment: Deployment, variant: StfVariant = None) -> None:
        ...
    def clear(self) -> None:
        """
        Forget every cached trace.
        """
    def end_state(self, block: typing.SupportsInt | typing.SupportsIndex) -> MachineState:
        """
        The believed end state of L1 block `block` (0: genesis). MissingDataError when data is withheld.
        """
    def game_trace(self, game: GameInfo, chain: l2lab._core.l1.Chain) -> Trace | None:
        """
        The believed trace of a game (anchored at its parent proposal's block end), or None when its anchor is not what this book believes or data is withheld.
        """
    def sync(self, chain: l2lab._core.l1.Chain) -> None:
        """
        Read new chain data.
        """
    def trace_between(self, from_block: typing.SupportsInt | typing.SupportsIndex, to_block: typing.SupportsInt | typing.SupportsIndex) -> Trace:
        """
        A Trace from the believed end of from_block (0: genesis) to the end of to_block.
        """
    @property
    def source(self) -> ChainSource:
        ...
class TracePlayer(l2lab._core.sim.Actor):
    """
    A proposer/challenger actor believing one trace (the honest STF, or an StfVariant) and playing honestly relative to it (fault/agents.hpp). Subclass it and override plays(game) -> bool, dissection(game, start, length) -> list[bytes], should_propose(world) -> bool, or the actor hooks (call super() to keep its play).
    """
    def __init__(self, name: str, account: l2lab._core.sim.Account, deployment: Deployment, options: PlayerOptions = ..., variant: StfVariant = None) -> None:
        ...
    def crash(self) -> None:
        """
        Forget everything computed and every transaction in flight (it rebuilds from the chain at its next block; take it offline with World.set_online for an outage).
        """
    def dissection(self, game: GameInfo, start: typing.SupportsInt | typing.SupportsIndex, length: typing.SupportsInt | typing.SupportsIndex) -> list[bytes]:
        """
        Policy: the k - 1 values it posts for interval [start, start + length] (default: its trace's commitments). StateError without a trace of the game.
        """
    def on_block(self, world: l2lab._core.sim.World, block: l2lab._core.l1.Block) -> None:
        """
        Its play: read the chain, settle receipts, propose, move/step, resolve, forward, claim.
        """
    def on_event(self, world: l2lab._core.sim.World, log: l2lab._core.l1.Log) -> None:
        ...
    def on_message(self, world: l2lab._core.sim.World, sender: typing.SupportsInt | typing.SupportsIndex, payload: bytes) -> None:
        ...
    def on_start(self, world: l2lab._core.sim.World) -> None:
        ...
    def on_timer(self, world: l2lab._core.sim.World, tag: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def plays(self, game: GameInfo) -> bool:
        """
        Policy: whether to play this game (default: every game).
        """
    def prove_invalid(self, world: l2lab._core.sim.World, game: typing.SupportsInt | typing.SupportsIndex) -> bytes:
        """
        Submit prove_invalid (the whole trace re-executed on L1) against `game`; the tx hash. StateError when it has no trace of the game.
        """
    def send(self, world: l2lab._core.sim.World, calldata: bytes, value: int, gas_limit: typing.SupportsInt | typing.SupportsIndex, kind: str, key: str = '') -> bool:
        """
        Submit a call to the game contract (accounted in stats once included) unless an action with the same non-empty key is in flight; whether it was sent.
        """
    def should_propose(self, world: l2lab._core.sim.World) -> bool:
        """
        Policy: whether to propose now (default: yes).
        """
    @property
    def account(self) -> l2lab._core.sim.Account:
        ...
    @property
    def book(self) -> TraceBook:
        ...
    @property
    def deployment(self) -> Deployment:
        ...
    @property
    def options(self) -> PlayerOptions:
        """
        Its PlayerOptions, live: `player.options.challenge = False` takes effect at its next block.
        """
    @options.setter
    def options(self, arg1: PlayerOptions) -> None:
        ...
    @property
    def proposed_games(self) -> list[int]:
        """
        Game indices it proposed.
        """
    @property
    def stats(self) -> PlayerStats:
        ...
    @property
    def variant_name(self) -> str:
        """
        Name of the StfVariant it believes ('honest' without one).
        """
class ExhaustivePlayer(TracePlayer):
    """
    Dishonest player for small games (SCENARIOS F3): every block, every legal move it has not made yet against every open claim (each choice, with honest and wrong values) and every countering step, up to max_claims_per_game claims per game; it plays both sides.
    """
    def __init__(self, name: str, account: l2lab._core.sim.Account, deployment: Deployment, max_claims_per_game: typing.SupportsInt | typing.SupportsIndex = 200) -> None:
        ...
    def on_block(self, world: l2lab._core.sim.World, block: l2lab._core.l1.Block) -> None:
        ...
    @property
    def attempted(self) -> int:
        """
        Moves and steps it tried to send.
        """
def batch_txs_root(txs: collections.abc.Sequence[l2lab._core.rollup.L2Tx]) -> bytes:
    """
    Merkle root (RFC 6962, keccak) of a batch's tx encodings.
    """
def blob_versioned_hash_of(trimmed_blob: bytes) -> bytes:
    """
    Versioned hash of the blob holding these bytes followed by zeros (modelled EIP-4844); InvalidArgumentError when longer than a blob.
    """
def cheat_kind_names() -> list[str]:
    ...
def check_deployable(config: GameConfig, block_gas_limit: typing.SupportsInt | typing.SupportsIndex) -> None:
    """
    The checks deploy_fault_proofs makes before changing anything (config.validate() and a decompression cap openable in one L1 step). InvalidArgumentError when they fail.
    """
def deploy_fault_proofs(world: l2lab._core.sim.World, sequencer: l2lab._core.crypto.Address, config: GameConfig, finality_delay_blocks: typing.SupportsInt | typing.SupportsIndex, deployer: l2lab._core.crypto.Address) -> Deployment:
    """
    Deploy an inbox (sequencer `sequencer`, root proposer: the game contract, FaultProofFinality(finality_delay_blocks)) and the game contract; config.inbox is set. InvalidArgumentError for a bad config.
    """
def end_of_block_state(root: bytes, block: typing.SupportsInt | typing.SupportsIndex, queue_consumed: typing.SupportsInt | typing.SupportsIndex, next_batch: typing.SupportsInt | typing.SupportsIndex) -> MachineState:
    """
    The state after deriving L1 blocks 0..block: `root`, cursor at the start of block + 1.
    """
def execute_step(pre: MachineState, target_block: typing.SupportsInt | typing.SupportsIndex, machine: MachineConfig, stf: l2lab._core.rollup.StfConfig, source: ChainSource, witness: l2lab._core.rollup.StepWitness | None = None) -> VerifiedMachineStep:
    """
    Re-execute one step from `pre` reading L1 through a ChainSource (off-chain). A step that applies an op needs its StepWitness; MissingDataError when data or witness is missing or inconsistent with pre.state_root.
    """
def frame_from_blob_bytes(blob_bytes: bytes) -> bytes:
    """
    The batch frame derivation reads from a blob's bytes (4-byte length prefix); empty when the prefix is out of range.
    """
def game_claim_credit(recipient: l2lab._core.crypto.Address) -> bytes:
    ...
def game_count(chain: l2lab._core.l1.Chain, contract: l2lab._core.crypto.Address) -> int:
    ...
def game_credit(chain: l2lab._core.l1.Chain, contract: l2lab._core.crypto.Address, who: l2lab._core.crypto.Address) -> int:
    """
    Unclaimed credit of `who` (wei).
    """
def game_depth(config: GameConfig, trace_length: typing.SupportsInt | typing.SupportsIndex) -> int | None:
    """
    Least D >= 1 with k^D >= trace_length; None when k^D would exceed 2^63, D > max_depth or trace_length is 0.
    """
def game_error_names() -> list[str]:
    """
    Every revert reason of the game contract, in enum order.
    """
def game_forward(game: typing.SupportsInt | typing.SupportsIndex) -> bytes:
    ...
def game_move(game: typing.SupportsInt | typing.SupportsIndex, claim: typing.SupportsInt | typing.SupportsIndex, choice: typing.SupportsInt | typing.SupportsIndex, values: collections.abc.Sequence[bytes]) -> bytes:
    """
    Calldata: move against a claim (payable: the bond of the new depth).
    """
def game_propose(parent: typing.SupportsInt | typing.SupportsIndex | None, l1_block: typing.SupportsInt | typing.SupportsIndex, end_state: MachineState, trace_length: typing.SupportsInt | typing.SupportsIndex) -> bytes:
    """
    Calldata: propose (payable: the depth-0 bond). parent: a game index or None (genesis).
    """
def game_prove_invalid(game: typing.SupportsInt | typing.SupportsIndex, proof: NonInteractiveProof) -> bytes:
    ...
def game_resolve(game: typing.SupportsInt | typing.SupportsIndex) -> bytes:
    ...
def game_resolve_claim(game: typing.SupportsInt | typing.SupportsIndex, claim: typing.SupportsInt | typing.SupportsIndex) -> bytes:
    ...
def game_status_names() -> list[str]:
    ...
def game_step(game: typing.SupportsInt | typing.SupportsIndex, claim: typing.SupportsInt | typing.SupportsIndex, choice: typing.SupportsInt | typing.SupportsIndex, proof: OneStepProof) -> bytes:
    ...
def genesis_state() -> MachineState:
    """
    The machine state at genesis (empty L2 state, L1 block 1, nothing consumed).
    """
def is_end_of_block(state: MachineState) -> bool:
    """
    Whether the state is an end-of-block state (cursor at a block start, no open batch).
    """
def make_noninteractive_proof(trace: Trace) -> NonInteractiveProof:
    """
    The NonInteractiveProof of a trace (every step's data).
    """
def proposal_invalid(chain: l2lab._core.l1.Chain, contract: l2lab._core.crypto.Address, game: typing.SupportsInt | typing.SupportsIndex) -> bool:
    """
    Whether the game's proposal is known invalid (lost by its defender, or built on one that is).
    """
def read_claim(chain: l2lab._core.l1.Chain, contract: l2lab._core.crypto.Address, game: typing.SupportsInt | typing.SupportsIndex, claim: typing.SupportsInt | typing.SupportsIndex) -> ClaimInfo:
    """
    InvalidArgumentError for an unknown game or claim.
    """
def read_game(chain: l2lab._core.l1.Chain, contract: l2lab._core.crypto.Address, game: typing.SupportsInt | typing.SupportsIndex) -> GameInfo:
    """
    InvalidArgumentError for an unknown game.
    """
def required_bond(config: GameConfig, depth: typing.SupportsInt | typing.SupportsIndex) -> int:
    """
    Bond in wei for a claim at `depth`: floor(bond_base_gas * multiplier^depth) * bond_gas_price (multiplier applied level by level with a floor).
    """
def skip_reason_names() -> list[str]:
    """
    The STF's skip reasons (CheatSpec.reason), in enum order.
    """
def step_kind_names() -> list[str]:
    """
    Names of the machine's step kinds, in enum order.
    """
def topic_claim_moved() -> bytes:
    ...
def topic_claim_resolved() -> bytes:
    ...
def topic_claim_stepped() -> bytes:
    ...
def topic_credit_claimed() -> bytes:
    ...
def topic_game_created() -> bytes:
    ...
def topic_game_resolved() -> bytes:
    ...
def topic_root_forwarded() -> bytes:
    ...
def verify_one_step(chain: l2lab._core.l1.Chain, inbox: l2lab._core.crypto.Address, proof: OneStepProof, target_block: typing.SupportsInt | typing.SupportsIndex, machine: MachineConfig, stf: l2lab._core.rollup.StfConfig) -> VerifiedMachineStep:
    """
    Check a OneStepProof as the game contract does (same stateless re-execution, preimages checked against the inbox's stored record hashes), without gas. DecodeError for a bad pre_state, MissingDataError when the proof lacks or mislabels data.
    """
MAX_ONE_STEP_PROOF_BYTES: int = 1048576
