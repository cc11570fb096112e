"""
core types: u256 helpers, codec, deterministic RNG
"""
from __future__ import annotations
import typing
__all__: list = ['U256_MAX', 'u256_to_bytes', 'u256_from_bytes', 'u256_add', 'u256_sub', 'u256_mul', 'Rng', 'DecodeErrorKind', 'RLP_MAX_DEPTH_CAP', 'rlp_encode', 'rlp_decode']
class Rng:
    """
    Seeded deterministic RNG (xoshiro256**); same seed, same stream.
    """
    def __init__(self, seed: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def bernoulli(self, p: typing.SupportsFloat | typing.SupportsIndex) -> bool:
        ...
    def bytes(self, n: typing.SupportsInt | typing.SupportsIndex) -> bytes:
        ...
    def fork(self, label: str) -> Rng:
        """
        Independent child stream named by label.
        """
    def next_u256(self) -> int:
        ...
    def next_u64(self) -> int:
        ...
    def range(self, lo: typing.SupportsInt | typing.SupportsIndex, hi: typing.SupportsInt | typing.SupportsIndex) -> int:
        """
        Uniform int in [lo, hi].
        """
    def uniform(self, bound: typing.SupportsInt | typing.SupportsIndex) -> int:
        """
        Uniform int in [0, bound).
        """
    def unit(self) -> float:
        """
        Uniform float in [0, 1).
        """
    @property
    def seed(self) -> int:
        ...
class DecodeErrorKind:
    """
    Why a strict decoder refused its input; DecodeError messages start with the name.
    
    Members:
    
      truncated
    
      trailing_bytes
    
      non_canonical
    
      leading_zeros
    
      oversized
    
      unexpected_type
    
      invalid_value
    
      decompression
    """
    __members__: typing.ClassVar[dict[str, DecodeErrorKind]]
    decompression: typing.ClassVar[DecodeErrorKind]
    invalid_value: typing.ClassVar[DecodeErrorKind]
    leading_zeros: typing.ClassVar[DecodeErrorKind]
    non_canonical: typing.ClassVar[DecodeErrorKind]
    oversized: typing.ClassVar[DecodeErrorKind]
    trailing_bytes: typing.ClassVar[DecodeErrorKind]
    truncated: typing.ClassVar[DecodeErrorKind]
    unexpected_type: typing.ClassVar[DecodeErrorKind]
    @typing.overload
    def __eq__(self, other: DecodeErrorKind) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: DecodeErrorKind) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
def rlp_decode(data: bytes, max_depth: typing.SupportsInt | typing.SupportsIndex = 64, max_input_bytes: typing.SupportsInt | typing.SupportsIndex = 16777216, max_items: typing.SupportsInt | typing.SupportsIndex = 1048576) -> typing.Any:
    """
    Decode exactly one canonical RLP item spanning all of data: strings come back as bytes, lists as (nested) lists; integers are the caller's interpretation of the bytes. Raises DecodeError (a ValueError) whose message names the DecodeErrorKind and byte offset, e.g. 'non_canonical at byte 0: ...', for truncated input, trailing bytes, non-canonical or leading-zero lengths, and input beyond max_input_bytes / max_depth list nesting / max_items items. max_depth above RLP_MAX_DEPTH_CAP raises InvalidArgumentError.
    """
def rlp_encode(obj: typing.Any) -> bytes:
    """
    Canonical RLP of obj: bytes-like -> string, int (0 <= v < 2**256) -> minimal big-endian string (0 -> b'\\x80'), list/tuple -> list of the encoded items (nested). Other types (str, bool, float, None, ...) raise TypeError; negative ints ValueError; ints >= 2**256 OverflowError; nesting deeper than RLP_MAX_DEPTH_CAP InvalidArgumentError.
    """
def u256_add(arg0: int, arg1: int) -> int:
    """
    Checked u256 addition; raises ArithmeticOverflow past 2**256-1.
    """
def u256_from_bytes(data: bytes) -> int:
    """
    Parse at most 32 big-endian bytes as a u256.
    """
def u256_mul(arg0: int, arg1: int) -> int:
    """
    Checked u256 multiplication; raises ArithmeticOverflow past 2**256-1.
    """
def u256_sub(arg0: int, arg1: int) -> int:
    """
    Checked u256 subtraction; raises ArithmeticOverflow below 0.
    """
def u256_to_bytes(value: int) -> bytes:
    """
    32-byte big-endian encoding of a u256 (0 <= value < 2**256).
    """
RLP_MAX_DEPTH_CAP: int = 1024
U256_MAX: int = 115792089237316195423570985008687907853269984665640564039457584007913129639935
