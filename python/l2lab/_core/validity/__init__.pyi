"""
validity proofs: statements, pluggable proof systems, the zk rollup mode
"""
from __future__ import annotations
import collections.abc
import l2lab._core.crypto
import l2lab._core.l1
import l2lab._core.rollup
import l2lab._core.sim
from l2lab.validity import ProofRefusedError
from l2lab.validity import UnknownProofSystemError
import typing
from . import stark
__all__: list = ['ProofRefusedError', 'UnknownProofSystemError', 'Statement', 'queue_digest', 'ProofProperties', 'Verdict', 'BatchWitness', 'ProofSystem', 'WitnessProofSystem', 'witness_proof_summary', 'CostModel', 'ModelledProofSystem', 'proof_system_names', 'make_proof_system', 'failure_names', 'DiffBatch', 'encode_diff_batch', 'encode_diff_batch_payload', 'decode_diff_batch', 'PreparedBatch', 'prepare_batch', 'make_statement', 'data_commitment', 'BatchRecord', 'QueueRecord', 'VerifierStatus', 'verifier_status', 'verifier_batch_root', 'verifier_root_batch', 'topic_batch_proven', 'SubmitProof', 'verifier_submit_proof', 'verifier_root_proven', 'ZkVerifier', 'ProvenFinality', 'ProofJob', 'make_proof_job', 'ProofRecord', 'ProverActor', 'ZkRollupConfig', 'ZkDeployment', 'deploy_zk_rollup', 'RebuildCheck', 'check_rebuilt_roots', 'batch_format', 'state_after_batch', 'batch_queue_range', 'applied_diff', 'posted_diff_batches', 'posted_diff_batch', 'stark']
class Statement:
    """
    Public inputs of one batch proof (see statement.hpp); the verifier contract builds it from L1 data.
    """
    __hash__: typing.ClassVar[None] = None
    data_commitment: bytes
    fee_recipient: l2lab._core.crypto.Address
    post_root: bytes
    pre_root: bytes
    queue_digest: bytes
    @staticmethod
    def decode(data: bytes) -> Statement:
        """
        Strict inverse of encode(); DecodeError (ValueError) otherwise.
        """
    def __eq__(self, arg0: Statement) -> bool:
        ...
    def __init__(self, chain_id: typing.SupportsInt | typing.SupportsIndex, fee_recipient: l2lab._core.crypto.Address, batch_index: typing.SupportsInt | typing.SupportsIndex, pre_root: bytes, post_root: bytes, da: str, data_commitment: bytes, queue_start: typing.SupportsInt | typing.SupportsIndex, queue_end: typing.SupportsInt | typing.SupportsIndex, queue_digest: bytes) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def copy(self) -> Statement:
        ...
    def encode(self) -> bytes:
        """
        Canonical RLP.
        """
    def hash(self) -> bytes:
        """
        keccak256(encode()).
        """
    @property
    def batch_index(self) -> int:
        ...
    @batch_index.setter
    def batch_index(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def chain_id(self) -> int:
        ...
    @chain_id.setter
    def chain_id(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def da(self) -> str:
        """
        'calldata' or 'blob'
        """
    @da.setter
    def da(self, arg1: str) -> None:
        ...
    @property
    def queue_end(self) -> int:
        ...
    @queue_end.setter
    def queue_end(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def queue_start(self) -> int:
        ...
    @queue_start.setter
    def queue_start(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class ProofProperties:
    """
    What a proof system declares about itself.
    """
    def __init__(self, succinct: bool, zero_knowledge: bool, soundness: str, modelled: bool = False) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def modelled(self) -> bool:
        ...
    @property
    def soundness(self) -> str:
        ...
    @property
    def succinct(self) -> bool:
        ...
    @property
    def zero_knowledge(self) -> bool:
        ...
class Verdict:
    """
    Accepted or the first failing check, and the L1 execution gas.
    """
    def __init__(self, ok: bool, failure: str = '', gas: typing.SupportsInt | typing.SupportsIndex = 0) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def failure(self) -> str:
        ...
    @property
    def gas(self) -> int:
        ...
    @property
    def ok(self) -> bool:
        ...
class BatchWitness:
    """
    What a prover is handed for one batch.
    """
    def __init__(self, pre_state: l2lab._core.rollup.L2State, queue_ops: collections.abc.Sequence[l2lab._core.rollup.L2Tx | l2lab._core.rollup.Deposit | l2lab._core.rollup.UndecodableOp], txs: collections.abc.Sequence[l2lab._core.rollup.L2Tx], frame: bytes) -> None:
        """
        pre_state is copied.
        """
    @property
    def frame(self) -> bytes:
        ...
    @property
    def pre_state(self) -> l2lab._core.rollup.L2State:
        ...
    @property
    def queue_ops(self) -> list[l2lab._core.rollup.L2Tx | l2lab._core.rollup.Deposit | l2lab._core.rollup.UndecodableOp]:
        ...
    @property
    def txs(self) -> list[l2lab._core.rollup.L2Tx]:
        ...
class ProofSystem:
    """
    A proof system. Subclass it in Python: call super().__init__() and define name() -> str, properties() -> ProofProperties, prove(statement, witness) -> bytes (raise ProofRefusedError to refuse), verify(statement, proof) -> bool, verify_gas(statement, proof) -> int; optionally prove_seconds(statement, witness) -> float, check(statement, proof) -> Verdict and state_root(state) -> bytes. Plug it into a zk rollup with RollupConfig(mode='zk', proof_system=obj).
    """
    def __init__(self) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def check(self, statement: Statement, proof: bytes) -> Verdict:
        """
        verify + verify_gas in one pass, with the failure's name.
        """
    def name(self) -> str:
        ...
    def properties(self) -> ProofProperties:
        ...
    def prove(self, statement: Statement, witness: BatchWitness) -> bytes:
        """
        Proof bytes; ProofRefusedError when the witness does not show the statement.
        """
    def prove_seconds(self, statement: Statement, witness: BatchWitness) -> float:
        """
        Modelled proving time (s) the prover actor waits before submitting.
        """
    def state_root(self, state: l2lab._core.rollup.L2State) -> bytes:
        """
        The root this system's statements use for a state (default: state.state_root(); `stark`: its Keccak tree over the Rescue account-tree root, registry and withdrawals). Optional to override.
        """
    def verify(self, statement: Statement, proof: bytes) -> bool:
        ...
    def verify_gas(self, statement: Statement, proof: bytes) -> int:
        """
        L1 execution gas of verifying `proof`.
        """
    def withdrawal_proof(self, state: l2lab._core.rollup.L2State, sender: l2lab._core.crypto.Address, nonce: typing.SupportsInt | typing.SupportsIndex) -> l2lab._core.crypto.SmtProof:
        """
        The Keccak SMT proof of withdrawal (sender, nonce) under state_root(state), what the inbox's finalize_withdrawal checks (default: state.prove_withdrawal(); `stark`: in its Keccak tree, StateError when absent). Optional to override.
        """
class WitnessProofSystem(ProofSystem):
    """
    `witness`: the proof carries the batch and a Merkle multiproof; the verifier re-executes it with the rollup's STF. Sound, not succinct, not zero-knowledge.
    """
    def __init__(self, max_decompressed: typing.SupportsInt | typing.SupportsIndex = 16777216) -> None:
        ...
    def forge(self, statement: Statement, witness: BatchWitness) -> bytes:
        """
        The proof prove() would build, without checking it: a cheating prover for soundness experiments (verify() rejects it unless the statement is true).
        """
class CostModel:
    """
    Cost model of the modelled prover (defaults: Groth16 over BN254; see modelled.hpp).
    """
    def __init__(self, label: str = 'groth16-bn254', proof_bytes: typing.SupportsInt | typing.SupportsIndex = 256, verify_gas_base: typing.SupportsInt | typing.SupportsIndex = 181000, verify_gas_per_public_input: typing.SupportsInt | typing.SupportsIndex = 6150, public_inputs: typing.SupportsInt | typing.SupportsIndex = 1, prove_seconds_base: typing.SupportsFloat | typing.SupportsIndex = 240.0, prove_seconds_per_tx: typing.SupportsFloat | typing.SupportsIndex = 0.0, key_seed: typing.SupportsInt | typing.SupportsIndex = 0) -> None:
        ...
    @property
    def label(self) -> str:
        ...
    @property
    def proof_bytes(self) -> int:
        ...
    @property
    def prove_seconds_base(self) -> float:
        ...
    @property
    def prove_seconds_per_tx(self) -> float:
        ...
    @property
    def public_inputs(self) -> int:
        ...
    @property
    def verify_gas_base(self) -> int:
        ...
    @property
    def verify_gas_per_public_input(self) -> int:
        ...
class ModelledProofSystem(ProofSystem):
    """
    `modelled`: a MODEL of a succinct prover. Refuses exactly what `witness` refuses; size, proving time and verify gas follow its CostModel.
    """
    def __init__(self, model: CostModel = ...) -> None:
        ...
    @property
    def model(self) -> CostModel:
        ...
class DiffBatch:
    """
    A zk-mode batch as posted: queue range and state diff.
    """
    __hash__: typing.ClassVar[None] = None
    diff: l2lab._core.rollup.StateDiff
    def __eq__(self, arg0: DiffBatch) -> bool:
        ...
    def __init__(self, queue_start: typing.SupportsInt | typing.SupportsIndex, queue_end: typing.SupportsInt | typing.SupportsIndex, diff: l2lab._core.rollup.StateDiff) -> None:
        ...
    @property
    def queue_end(self) -> int:
        ...
    @queue_end.setter
    def queue_end(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def queue_start(self) -> int:
        ...
    @queue_start.setter
    def queue_start(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class PreparedBatch:
    """
    A batch ready to post and prove.
    """
    @property
    def data(self) -> DiffBatch:
        ...
    @property
    def outcomes(self) -> list[l2lab._core.rollup.StepOutcome]:
        ...
    @property
    def post_state(self) -> l2lab._core.rollup.L2State:
        ...
    @property
    def statement(self) -> Statement:
        ...
    @property
    def witness(self) -> BatchWitness:
        ...
class BatchRecord:
    """
    What the inbox records for a batch (its slot holds keccak256(encode())).
    """
    __hash__: typing.ClassVar[None] = None
    commitment: bytes
    def __eq__(self, arg0: BatchRecord) -> bool:
        ...
    def __init__(self, da: str, commitment: bytes, l1_block: typing.SupportsInt | typing.SupportsIndex, queue_count: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def encode(self) -> bytes:
        ...
    def hash(self) -> bytes:
        ...
    @property
    def da(self) -> str:
        ...
    @property
    def l1_block(self) -> int:
        ...
    @l1_block.setter
    def l1_block(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def queue_count(self) -> int:
        ...
    @queue_count.setter
    def queue_count(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class QueueRecord:
    """
    What the inbox records for a queue item (op hash, enqueue block).
    """
    __hash__: typing.ClassVar[None] = None
    op_hash: bytes
    def __eq__(self, arg0: QueueRecord) -> bool:
        ...
    def __init__(self, op_hash: bytes, enqueue_block: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def encode(self) -> bytes:
        ...
    def hash(self) -> bytes:
        ...
    @property
    def enqueue_block(self) -> int:
        ...
    @enqueue_block.setter
    def enqueue_block(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class VerifierStatus:
    """
    The verifier contract's progress.
    """
    def __repr__(self) -> str:
        ...
    @property
    def proven(self) -> int:
        """
        Proven batches (the next batch index to prove).
        """
    @property
    def queue_cursor(self) -> int:
        """
        Queue items consumed by proven batches.
        """
    @property
    def root(self) -> bytes:
        """
        Post-root of the last proven batch.
        """
    @property
    def roots(self) -> int:
        """
        Roots registered in the inbox.
        """
class SubmitProof:
    """
    Arguments of the verifier's submit_proof (records as the inbox stores them).
    """
    next_queue_record: QueueRecord | None
    post_root: bytes
    proof: bytes
    record: BatchRecord
    def __init__(self, batch_index: typing.SupportsInt | typing.SupportsIndex, record: BatchRecord, queue_records: collections.abc.Sequence[QueueRecord], next_queue_record: QueueRecord | None, post_root: bytes, queue_end: typing.SupportsInt | typing.SupportsIndex, proof: bytes) -> None:
        ...
    @property
    def batch_index(self) -> int:
        ...
    @batch_index.setter
    def batch_index(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def queue_end(self) -> int:
        ...
    @queue_end.setter
    def queue_end(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def queue_records(self) -> list[QueueRecord]:
        ...
    @queue_records.setter
    def queue_records(self, arg0: collections.abc.Sequence[QueueRecord]) -> None:
        ...
class ZkVerifier(l2lab._core.l1.NativeContract):
    """
    The zk rollup's L1 verifier contract (see verifier_contract.hpp).
    """
    def __init__(self, inbox: l2lab._core.crypto.Address, stf: l2lab._core.rollup.StfConfig, forced_window: typing.SupportsInt | typing.SupportsIndex, proof_system: ProofSystem) -> None:
        ...
class ProvenFinality(l2lab._core.rollup.FinalityRule):
    """
    Finality rule `proven`: a root is final once the verifier registered it.
    """
    def __init__(self, verifier: l2lab._core.crypto.Address) -> None:
        ...
    @property
    def verifier(self) -> l2lab._core.crypto.Address:
        ...
class ProofJob:
    """
    What proving one batch takes: statement, witness, submit_proof args.
    """
    @property
    def args(self) -> SubmitProof:
        ...
    @property
    def post_state(self) -> l2lab._core.rollup.L2State:
        ...
    @property
    def statement(self) -> Statement:
        ...
    @property
    def witness(self) -> BatchWitness:
        ...
class ProofRecord:
    """
    One proving attempt of the prover actor.
    """
    @property
    def accepted(self) -> bool:
        ...
    @property
    def batch_index(self) -> int:
        ...
    @property
    def failure(self) -> str:
        ...
    @property
    def included_block(self) -> int | None:
        ...
    @property
    def l1_gas_used(self) -> int:
        ...
    @property
    def l1_tx_hash(self) -> bytes | None:
        ...
    @property
    def proof_bytes(self) -> int:
        ...
    @property
    def prove_seconds(self) -> float:
        ...
    @property
    def ready_block(self) -> int:
        ...
    @property
    def started_block(self) -> int:
        ...
    @property
    def verify_gas(self) -> int:
        ...
class ProverActor(l2lab._core.sim.Actor):
    """
    Proves each posted diff batch in order and submits it (see prover_actor.hpp).
    """
    @property
    def in_flight(self) -> int:
        """
        Batches being proven or awaiting inclusion.
        """
    @property
    def node(self) -> l2lab._core.rollup.Derivation:
        ...
    @property
    def proven(self) -> int:
        ...
    @property
    def records(self) -> list[ProofRecord]:
        ...
    @property
    def stall_reason(self) -> str:
        ...
    @property
    def state(self) -> l2lab._core.rollup.L2State:
        ...
class ZkRollupConfig:
    """
    What deploy_zk_rollup deploys (see zk_rollup.hpp).
    """
    def __init__(self, chain_id: typing.SupportsInt | typing.SupportsIndex = 901, codec: str = 'zstd', level: typing.SupportsInt | typing.SupportsIndex = 3, da: str = 'calldata', ordering: str = 'fifo', forced_window: typing.SupportsInt | typing.SupportsIndex = 10, max_batch_txs: typing.SupportsInt | typing.SupportsIndex = 1000, max_batch_bytes: typing.SupportsInt | typing.SupportsIndex = 120000, post_every_blocks: typing.SupportsInt | typing.SupportsIndex = 1, max_wait_blocks: typing.SupportsInt | typing.SupportsIndex = 64, max_delay_blocks: typing.SupportsInt | typing.SupportsIndex = 0, max_decompressed: typing.SupportsInt | typing.SupportsIndex = 16777216, sequencer_balance: int = 1000000000000000000000, prover_balance: int = 1000000000000000000000, proof_system: ProofSystem = None, with_prover: bool = True) -> None:
        ...
class ZkDeployment:
    """
    A deployed zk rollup: addresses, accounts and actors.
    """
    @property
    def derivation(self) -> l2lab._core.rollup.DerivationConfig:
        """
        A DerivationConfig in the state_diff format.
        """
    @property
    def inbox(self) -> l2lab._core.crypto.Address:
        ...
    @property
    def proof_system(self) -> ProofSystem:
        ...
    @property
    def prover(self) -> ProverActor:
        ...
    @property
    def prover_account(self) -> l2lab._core.sim.Account:
        ...
    @property
    def sequencer(self) -> l2lab._core.rollup.Sequencer:
        ...
    @property
    def sequencer_account(self) -> l2lab._core.sim.Account:
        ...
    @property
    def stf(self) -> l2lab._core.rollup.StfConfig:
        ...
    @property
    def verifier(self) -> l2lab._core.crypto.Address:
        ...
class RebuildCheck:
    """
    A node's rebuilt states against the verifier's proven roots (check_rebuilt_roots).
    """
    def __repr__(self) -> str:
        ...
    @property
    def checked(self) -> int:
        """
        Proven batches the node derived and matched.
        """
    @property
    def detail(self) -> str:
        ...
    @property
    def mismatch(self) -> int | None:
        """
        First batch not at its proven root, or None.
        """
    @property
    def ok(self) -> bool:
        ...
    @property
    def proven(self) -> int:
        """
        Batches the verifier has proven.
        """
def applied_diff(node: l2lab._core.rollup.Derivation, batch_index: typing.SupportsInt | typing.SupportsIndex) -> l2lab._core.rollup.StateDiff | None:
    """
    The StateDiff a diff-format node applied for a batch, or None.
    """
def batch_format(config: l2lab._core.rollup.DerivationConfig) -> str:
    """
    'txs' or 'state_diff'.
    """
def batch_queue_range(node: l2lab._core.rollup.Derivation, batch_index: typing.SupportsInt | typing.SupportsIndex) -> tuple[int, int]:
    """
    (queue_start, queue_end) of a diff batch.
    """
def check_rebuilt_roots(node: l2lab._core.rollup.Derivation, chain: l2lab._core.l1.Chain, verifier: l2lab._core.crypto.Address, proof_system: ProofSystem) -> RebuildCheck:
    """
    Compare the state a state_diff node rebuilt after each proven batch (as proof_system commits to it) with the root the verifier proved; the frames carry no root.
    """
def data_commitment(da: str, frame: bytes) -> bytes:
    """
    keccak256(frame) or the blob's versioned hash.
    """
def decode_diff_batch(frame: bytes, max_decompressed: typing.SupportsInt | typing.SupportsIndex = 16777216) -> DiffBatch:
    """
    Strict inverse of encode_diff_batch; DecodeError (ValueError) otherwise.
    """
def deploy_zk_rollup(world: l2lab._core.sim.World, config: ZkRollupConfig) -> ZkDeployment:
    """
    Deploy inbox (proposer: the verifier, finality: proven), verifier, diff-posting sequencer and prover on `world`.
    """
def encode_diff_batch(batch: DiffBatch, codec: str = 'zstd', level: typing.SupportsInt | typing.SupportsIndex = 3) -> bytes:
    """
    The frame (version 4; raw, codec byte none, when the codec would not make it smaller).
    """
def encode_diff_batch_payload(batch: DiffBatch) -> bytes:
    ...
def failure_names() -> list[str]:
    """
    Stable names of proof refusals and rejections.
    """
def make_proof_job(node: l2lab._core.rollup.Derivation, sequencer: l2lab._core.rollup.Sequencer, pre_state: l2lab._core.rollup.L2State, queue_start: typing.SupportsInt | typing.SupportsIndex, batch_index: typing.SupportsInt | typing.SupportsIndex, proof_system: ProofSystem | None = None) -> ProofJob:
    """
    The proof job of a derived batch, built as the verifier builds its statement; its roots are proof_system.state_root() of the two states when given (e.g. the stark commitment), else the states' own roots. StateError when the sequencer did not post it, its queue range does not follow, or the proof system cannot commit to the state.
    """
def make_proof_system(name: str) -> ProofSystem:
    """
    A built-in system by name; UnknownProofSystemError (ValueError) otherwise.
    """
def make_statement(stf: l2lab._core.rollup.StfConfig, batch_index: typing.SupportsInt | typing.SupportsIndex, pre_root: bytes, post_root: bytes, data: DiffBatch, da: str, frame: bytes, queue_ops: collections.abc.Sequence[l2lab._core.rollup.L2Tx | l2lab._core.rollup.Deposit | l2lab._core.rollup.UndecodableOp]) -> Statement:
    """
    The statement claiming post_root for a frame applied on pre_root (e.g. after tampering with it).
    """
def posted_diff_batch(sequencer: l2lab._core.rollup.Sequencer, commitment: bytes, l1_block: typing.SupportsInt | typing.SupportsIndex) -> typing.Any:
    """
    The diff batch (dict) the sequencer posted with this data commitment that landed in L1 block l1_block, or None (frames carry no root: equal diffs post equal frames).
    """
def posted_diff_batches(sequencer: l2lab._core.rollup.Sequencer) -> list:
    """
    Every diff batch a zk-mode sequencer posted (dicts).
    """
def prepare_batch(pre_state: l2lab._core.rollup.L2State, stf: l2lab._core.rollup.StfConfig, batch_index: typing.SupportsInt | typing.SupportsIndex, queue_start: typing.SupportsInt | typing.SupportsIndex, queue_ops: collections.abc.Sequence[l2lab._core.rollup.L2Tx | l2lab._core.rollup.Deposit | l2lab._core.rollup.UndecodableOp], txs: collections.abc.Sequence[l2lab._core.rollup.L2Tx], da: str = 'calldata', codec: str = 'zstd', level: typing.SupportsInt | typing.SupportsIndex = 3) -> PreparedBatch:
    """
    Apply queue ops then txs to a copy of pre_state; frame, commitment, statement, witness.
    """
def proof_system_names() -> list[str]:
    """
    Names of the built-in proof systems.
    """
def queue_digest(op_hashes: collections.abc.Sequence[bytes]) -> bytes:
    """
    Hash chain over consumed queue items' op hashes (statement.hpp).
    """
def state_after_batch(node: l2lab._core.rollup.Derivation, batch_index: typing.SupportsInt | typing.SupportsIndex) -> l2lab._core.rollup.L2State:
    """
    The L2State right after a derived batch (replayed).
    """
def topic_batch_proven() -> bytes:
    ...
def verifier_batch_root(chain: l2lab._core.l1.Chain, verifier: l2lab._core.crypto.Address, batch_index: typing.SupportsInt | typing.SupportsIndex) -> bytes | None:
    """
    Post-root of a proven batch, None when unproven.
    """
def verifier_root_batch(chain: l2lab._core.l1.Chain, verifier: l2lab._core.crypto.Address, root_index: typing.SupportsInt | typing.SupportsIndex) -> int | None:
    """
    The batch whose post-root is inbox root `root_index`, or None.
    """
def verifier_root_proven(root_index: typing.SupportsInt | typing.SupportsIndex) -> bytes:
    ...
def verifier_status(chain: l2lab._core.l1.Chain, verifier: l2lab._core.crypto.Address) -> VerifierStatus:
    ...
def verifier_submit_proof(args: SubmitProof) -> bytes:
    """
    Calldata of submit_proof.
    """
def witness_proof_summary(proof: bytes) -> dict:
    """
    What a witness proof carries (sizes and counts). DecodeError (ValueError) for a truncated, oversized (> 32 MiB) or otherwise malformed proof.
    """
