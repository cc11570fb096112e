"""
STARK over Goldilocks (cubic extension): field, NTT, AIR, FRI prover/verifier
"""
from __future__ import annotations
import collections.abc
import l2lab._core.crypto
import l2lab._core.rollup
import l2lab._core.validity
from l2lab.validity.stark import InsecureParametersError
from l2lab.validity.stark import TraceShapeError
from l2lab.validity.stark import UnsatisfiedTraceError
from l2lab.validity.stark import UnsupportedAccountError
import typing
__all__: list = ['TraceShapeError', 'UnsatisfiedTraceError', 'InsecureParametersError', 'UnsupportedAccountError', 'MODULUS', 'GENERATOR', 'EXTENSION_DEGREE', 'fp_add', 'fp_sub', 'fp_mul', 'fp_pow', 'fp_inv', 'fp_batch_inverse', 'two_adic_root', 'fp3_mul', 'fp3_inv', 'ntt', 'intt', 'low_degree_extend', 'ProofOptions', 'VerifyResult', 'Air', 'FibonacciAir', 'fibonacci_trace', 'fibonacci_result', 'prove', 'prove_unchecked', 'prove_fibonacci', 'verify', 'proof_summary', 'RESCUE_STATE_WIDTH', 'RESCUE_NUM_ROUNDS', 'rescue_permute', 'rescue_hash_elements', 'rescue_merge', 'rescue_hash_chain', 'rescue_merkle_root', 'rescue_merkle_path', 'rescue_root_from_path', 'HashChainAir', 'build_hash_chain_trace', 'prove_hash_chain', 'MerkleUpdateAir', 'build_merkle_update_trace', 'ExprAir', 'StarkSystemOptions', 'StarkStateCommitment', 'stark_state_commitment', 'account_leaf_digest', 'StarkProofSystem']
class ProofOptions:
    """
    STARK parameters. conjectured_security_bits(n) applies the ethSTARK/Winterfell formula min(191 - log2(n*blowup), queries*log2(blowup) + grinding) - 1, capped at 128 (hash collision resistance).
    """
    __hash__: typing.ClassVar[None] = None
    allow_insecure: bool
    hash: str
    @staticmethod
    def default_96() -> ProofOptions:
        """
        Default: >= 96 bits (blowup 8, 28 queries, 16 grinding bits).
        """
    @staticmethod
    def preset_128() -> ProofOptions:
        """
        128-bit preset (blowup 16, 29 queries, 17 grinding bits).
        """
    def __eq__(self, arg0: ProofOptions) -> bool:
        ...
    def __init__(self, blowup: typing.SupportsInt | typing.SupportsIndex = 8, num_queries: typing.SupportsInt | typing.SupportsIndex = 28, grinding_bits: typing.SupportsInt | typing.SupportsIndex = 16, folding_factor: typing.SupportsInt | typing.SupportsIndex = 4, remainder_max_degree: typing.SupportsInt | typing.SupportsIndex = 7, hash: str = 'sha256', allow_insecure: bool = False) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def conjectured_security_bits(self, trace_length: typing.SupportsInt | typing.SupportsIndex) -> int:
        """
        Conjectured security (bits) for a trace of trace_length rows.
        """
    def describe(self) -> str:
        ...
    def query_security_bits(self) -> int:
        """
        num_queries*log2(blowup) + grinding_bits.
        """
    def validate(self, trace_length: typing.SupportsInt | typing.SupportsIndex) -> None:
        """
        Raise InvalidArgumentError / InsecureParametersError for unusable options.
        """
    @property
    def blowup(self) -> int:
        ...
    @blowup.setter
    def blowup(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def folding_factor(self) -> int:
        ...
    @folding_factor.setter
    def folding_factor(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def grinding_bits(self) -> int:
        ...
    @grinding_bits.setter
    def grinding_bits(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def num_queries(self) -> int:
        ...
    @num_queries.setter
    def num_queries(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def remainder_max_degree(self) -> int:
        ...
    @remainder_max_degree.setter
    def remainder_max_degree(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class VerifyResult:
    """
    Outcome of a verification: ok, failure (stable name), detail.
    """
    def __bool__(self) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def detail(self) -> str:
        ...
    @property
    def failure(self) -> str:
        ...
    @property
    def ok(self) -> bool:
        ...
class Air:
    """
    A STARK statement (abstract; defined in C++).
    """
    @property
    def name(self) -> str:
        ...
    @property
    def public_inputs(self) -> list[int]:
        ...
    @property
    def trace_length(self) -> int:
        ...
    @property
    def trace_width(self) -> int:
        ...
    @property
    def transition_degrees(self) -> list[int]:
        ...
class FibonacciAir(Air):
    """
    Fibonacci in two columns; public input: the last b (b_(n-1) = F(2n) mod p).
    """
    def __init__(self, trace_length: typing.SupportsInt | typing.SupportsIndex, result: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class HashChainAir(Air):
    """
    Statement 'hashing the digest seed num_hashes times with Rp64_256 gives result' (Winterfell/ethSTARK benchmark). Trace: 12 columns, 8 rows per hash.
    """
    def __init__(self, seed: typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(4)"], result: typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(4)"], num_hashes: typing.SupportsInt | typing.SupportsIndex) -> None:
        """
        ValueError unless num_hashes is a power of two in [1, 2**21].
        """
    @property
    def num_hashes(self) -> int:
        ...
    @property
    def result(self) -> tuple:
        ...
    @property
    def seed(self) -> tuple:
        ...
class MerkleUpdateAir(Air):
    """
    Statement 'replacing old_leaf by new_leaf at index (depth-`depth` tree, same private path) turns old_root into new_root' over Rp64_256. Trace: 25 columns, 8 rows per level.
    """
    @staticmethod
    def for_update(index: typing.SupportsInt | typing.SupportsIndex, old_leaf: typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(4)"], new_leaf: typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(4)"], path: collections.abc.Sequence[typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(4)"]]) -> MerkleUpdateAir:
        """
        The statement an honest update proves (roots recomputed from the path).
        """
    def __init__(self, index: typing.SupportsInt | typing.SupportsIndex, depth: typing.SupportsInt | typing.SupportsIndex, old_leaf: typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(4)"], new_leaf: typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(4)"], old_root: typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(4)"], new_root: typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(4)"]) -> None:
        """
        ValueError unless 1 <= depth <= 32 and index < 2**depth.
        """
    @property
    def depth(self) -> int:
        ...
    @property
    def index(self) -> int:
        ...
    @property
    def new_root(self) -> tuple:
        ...
    @property
    def old_root(self) -> tuple:
        ...
class ExprAir(Air):
    """
    An AIR given as data: transition constraints are straight-line programs over the current/next row, periodic columns and constants, evaluated in C++. Build it with l2lab.validity.stark_expr.AirBuilder.
    """
    def __init__(self, name: str, trace_width: typing.SupportsInt | typing.SupportsIndex, trace_length: typing.SupportsInt | typing.SupportsIndex, nodes: collections.abc.Sequence[tuple[str, typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex]], constraints: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], assertions: collections.abc.Sequence[tuple[typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex]], public_inputs: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], periodic_columns: collections.abc.Sequence[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]]) -> None:
        """
        nodes: (op, a, b) with op in constant/current/next/periodic/add/sub/mul; constraints: node indices; assertions: (column, row, value). ValueError for a malformed program, a constant or degree > 16 constraint, or a bad shape.
        """
class StarkSystemOptions:
    """
    Options of the `stark` proof system: account tree depth (15 or 31), STARK parameters (default: default_96() with Keccak-256), decompression cap.
    """
    proof: ProofOptions
    def __init__(self, depth: typing.SupportsInt | typing.SupportsIndex = 15, proof: ProofOptions | None = None, max_decompressed: typing.SupportsInt | typing.SupportsIndex = 16777216) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def depth(self) -> int:
        ...
    @depth.setter
    def depth(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def max_decompressed(self) -> int:
        ...
    @max_decompressed.setter
    def max_decompressed(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class StarkStateCommitment:
    """
    The stark state commitment: Rescue account-tree root (4 field elements), number of registered accounts, and the root of the Keccak tree holding them (header), the registry and the withdrawal records; root() (= tree_root) is the 32-byte state root the stark system's statements use.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def decode(encoding: bytes) -> StarkStateCommitment:
        ...
    def __eq__(self, arg0: StarkStateCommitment) -> bool:
        ...
    def encode(self) -> bytes:
        ...
    def header_leaf(self) -> bytes:
        ...
    def root(self) -> bytes:
        ...
    @property
    def account_root(self) -> tuple:
        ...
    @property
    def registered(self) -> int:
        ...
    @property
    def tree_root(self) -> bytes:
        ...
class StarkProofSystem(l2lab._core.validity.ProofSystem):
    """
    `stark`: a succinct STARK that a batch of deposits, transfers and withdrawals takes the stark state commitment from pre_root to post_root (Rescue account tree updates with range-checked balance arithmetic); signatures, data, registry and withdrawal records are checked by the verifier outside the AIR. Not zero-knowledge.
    """
    def __init__(self, options: StarkSystemOptions = ...) -> None:
        ...
    def summary(self, proof: bytes) -> dict:
        """
        Sizes and counts of a stark batch proof (DecodeError when malformed).
        """
    @property
    def options(self) -> StarkSystemOptions:
        ...
def account_leaf_digest(address: l2lab._core.crypto.Address, nonce: typing.SupportsInt | typing.SupportsIndex, balance: int) -> tuple:
    """
    Rescue digest of an account leaf: hash of [address in 56/56/48-bit limbs, nonce, balance in four 32-bit limbs].
    """
def build_hash_chain_trace(seed: typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(4)"], num_hashes: typing.SupportsInt | typing.SupportsIndex) -> list[list[int]]:
    """
    The honest trace for HashChainAir, as 12 columns of ints (8 rows per hash).
    """
def build_merkle_update_trace(index: typing.SupportsInt | typing.SupportsIndex, old_leaf: typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(4)"], new_leaf: typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(4)"], path: collections.abc.Sequence[typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(4)"]]) -> list[list[int]]:
    """
    The honest trace for MerkleUpdateAir.for_update(index, old_leaf, new_leaf, path), as 25 columns of ints.
    """
def fibonacci_result(trace_length: typing.SupportsInt | typing.SupportsIndex) -> int:
    """
    b_(n-1) of the Fibonacci trace.
    """
def fibonacci_trace(trace_length: typing.SupportsInt | typing.SupportsIndex) -> list[list[int]]:
    """
    The honest Fibonacci trace as columns of ints.
    """
def fp3_inv(a: typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(3)"]) -> typing.Annotated[list[int], "FixedSize(3)"]:
    """
    Inverse in F_p^3; InvalidArgumentError for zero.
    """
def fp3_mul(a: typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(3)"], b: typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(3)"]) -> typing.Annotated[list[int], "FixedSize(3)"]:
    """
    Product in F_p[x]/(x^3 - x - 1); elements are (c0, c1, c2).
    """
def fp_add(a: typing.SupportsInt | typing.SupportsIndex, b: typing.SupportsInt | typing.SupportsIndex) -> int:
    """
    a + b mod p (inputs must be canonical: < p, else InvalidArgumentError).
    """
def fp_batch_inverse(values: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]) -> list[int]:
    """
    Inverses of all values with one inversion; InvalidArgumentError on a zero.
    """
def fp_inv(a: typing.SupportsInt | typing.SupportsIndex) -> int:
    """
    a^-1 mod p; InvalidArgumentError for 0.
    """
def fp_mul(a: typing.SupportsInt | typing.SupportsIndex, b: typing.SupportsInt | typing.SupportsIndex) -> int:
    """
    a * b mod p (fast Goldilocks reduction).
    """
def fp_pow(a: typing.SupportsInt | typing.SupportsIndex, exponent: typing.SupportsInt | typing.SupportsIndex) -> int:
    """
    a^exponent mod p.
    """
def fp_sub(a: typing.SupportsInt | typing.SupportsIndex, b: typing.SupportsInt | typing.SupportsIndex) -> int:
    """
    a - b mod p.
    """
def intt(evaluations: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]) -> list[int]:
    """
    Inverse of ntt().
    """
def low_degree_extend(values: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], blowup: typing.SupportsInt | typing.SupportsIndex, offset: typing.SupportsInt | typing.SupportsIndex = 7) -> list[int]:
    """
    Interpolate values on the order-n subgroup and evaluate on offset * <w_(n*blowup)>.
    """
def ntt(coefficients: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]) -> list[int]:
    """
    Evaluations at w^0..w^(n-1) (n a power of two).
    """
def proof_summary(proof: bytes) -> dict:
    """
    Decode proof bytes (DecodeError if malformed) and summarise their parts.
    """
def prove(air: Air, trace: collections.abc.Sequence[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]], options: ProofOptions) -> bytes:
    """
    Prove that trace (columns of canonical ints) satisfies air; returns the encoded proof. Raises TraceShapeError, UnsatisfiedTraceError, InsecureParametersError, InvalidArgumentError.
    """
def prove_fibonacci(trace_length: typing.SupportsInt | typing.SupportsIndex, options: ProofOptions) -> bytes:
    """
    Build the Fibonacci trace of trace_length rows and prove it.
    """
def prove_hash_chain(seed: typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(4)"], num_hashes: typing.SupportsInt | typing.SupportsIndex, options: ProofOptions) -> bytes:
    """
    Build the hash-chain trace in C++ and prove HashChainAir(seed, rescue_hash_chain(seed, num_hashes), num_hashes); returns the encoded proof.
    """
def prove_unchecked(air: Air, trace: collections.abc.Sequence[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]], options: ProofOptions) -> bytes:
    """
    A cheating prover for soundness experiments: runs the protocol on any trace of the right shape without checking the constraints (a valid trace gives the same proof as prove()).
    """
def rescue_hash_chain(seed: typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(4)"], num_hashes: typing.SupportsInt | typing.SupportsIndex) -> tuple:
    """
    The digest `seed` hashed num_hashes times with rescue_hash_elements.
    """
def rescue_hash_elements(elements: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]) -> tuple:
    """
    Rp64_256 sponge hash of field elements -> digest (4 ints). Winterfell's conventions: state[0] = length, zero padding; the empty list hashes to (0, 0, 0, 0).
    """
def rescue_merge(left: typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(4)"], right: typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(4)"]) -> tuple:
    """
    2-to-1 compression of two digests (= rescue_hash_elements(left + right)).
    """
def rescue_merkle_path(leaves: collections.abc.Sequence[typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(4)"]], index: typing.SupportsInt | typing.SupportsIndex) -> list:
    """
    Authentication path (sibling digests, bottom-up) of leaf `index`.
    """
def rescue_merkle_root(leaves: collections.abc.Sequence[typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(4)"]]) -> tuple:
    """
    Root of a Merkle tree of digests (power-of-two count, else ValueError) with rescue_merge as node hash.
    """
def rescue_permute(state: typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(12)"]) -> list[int]:
    """
    Rescue-Prime Rp64_256 permutation of 12 canonical Goldilocks elements (ints < p); ValueError for a non-canonical element.
    """
def rescue_root_from_path(leaf: typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(4)"], index: typing.SupportsInt | typing.SupportsIndex, path: collections.abc.Sequence[typing.Annotated[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], "FixedSize(4)"]]) -> tuple:
    """
    Root recomputed from a leaf, its index and its path (ValueError if the index does not fit the path).
    """
def stark_state_commitment(state: l2lab._core.rollup.L2State, depth: typing.SupportsInt | typing.SupportsIndex = 15) -> StarkStateCommitment:
    """
    The stark commitment of an L2State (UnsupportedAccountError when an account does not fit a leaf: nonce >= 2^63, balance >= 2^128, more registered accounts than 2^depth).
    """
def two_adic_root(log_order: typing.SupportsInt | typing.SupportsIndex) -> int:
    """
    Primitive root of unity of order 2^log_order (<= 32): 7^((p-1)/2^log_order).
    """
def verify(air: Air, proof: bytes, options: ProofOptions) -> VerifyResult:
    """
    Verify encoded proof bytes for air under the verifier's options; a bad proof is a VerifyResult, never an exception.
    """
EXTENSION_DEGREE: int = 3
GENERATOR: int = 7
MODULUS: int = 18446744069414584321
RESCUE_NUM_ROUNDS: int = 7
RESCUE_STATE_WIDTH: int = 12
