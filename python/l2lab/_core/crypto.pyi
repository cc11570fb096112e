"""
hashes, secp256k1 keys and signatures, Merkle trees
"""
from __future__ import annotations
import collections.abc
import typing
__all__: list = ['keccak256', 'sha256', 'hash_bytes', 'Address', 'to_checksum_address', 'PublicKey', 'Signature', 'PrivateKey', 'recover', 'recover_address', 'recover_many', 'verify', 'schnorr_public_key', 'schnorr_sign', 'schnorr_verify', 'MerkleProof', 'MerkleTree', 'merkle_verify', 'SmtProof', 'SmtCheckpoint', 'SparseMerkleTree', 'smt_verify', 'smt_root_after_update']
class Address:
    """
    20-byte Ethereum address. Address('0x...') checks the EIP-55 checksum when the text is mixed-case (all-lower/all-upper text is accepted as is); Address(b'...20 bytes...') takes raw bytes. str() is the EIP-55 checksummed form.
    """
    @staticmethod
    def zero() -> Address:
        """
        The all-zero address.
        """
    def __bytes__(self) -> bytes:
        ...
    @typing.overload
    def __eq__(self, arg0: Address) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> bool:
        ...
    def __getstate__(self) -> bytes:
        ...
    def __hash__(self) -> int:
        ...
    def __init__(self, value: typing.Any) -> None:
        ...
    def __lt__(self, arg0: Address) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: bytes) -> None:
        ...
    def __str__(self) -> str:
        ...
    def hex(self) -> str:
        """
        Lower-case '0x' hex text.
        """
    @property
    def checksum(self) -> str:
        """
        EIP-55 checksummed text (same as str()).
        """
class PublicKey:
    """
    secp256k1 public key (a curve point).
    """
    def __bytes__(self) -> bytes:
        ...
    @typing.overload
    def __eq__(self, arg0: PublicKey) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> bool:
        ...
    def __getstate__(self) -> bytes:
        ...
    def __hash__(self) -> int:
        ...
    def __init__(self, data: bytes) -> None:
        """
        From 33-byte compressed, 65-byte uncompressed (0x04 prefix) or 64-byte x||y. InvalidArgumentError on another length, CryptoError when not on the curve.
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: bytes) -> None:
        ...
    def verify(self, digest: bytes, signature: ...) -> bool:
        """
        True when `signature` is a valid low-s ECDSA signature of the 32-byte digest by this key.
        """
    @property
    def address(self) -> Address:
        """
        Ethereum address (keccak256(x||y)[12:]).
        """
    @property
    def compressed(self) -> bytes:
        """
        33-byte SEC1 compressed form.
        """
    @property
    def uncompressed(self) -> bytes:
        """
        65-byte SEC1 uncompressed form.
        """
class Signature:
    """
    65-byte recoverable ECDSA signature r || s || v, v in {0, 1}, low-s.
    """
    @staticmethod
    def from_rsv(r: int, s: int, v: typing.SupportsInt | typing.SupportsIndex) -> Signature:
        """
        Build from integers; same checks as Signature(bytes).
        """
    def __bytes__(self) -> bytes:
        ...
    @typing.overload
    def __eq__(self, arg0: Signature) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> bool:
        ...
    def __getstate__(self) -> bytes:
        ...
    def __hash__(self) -> int:
        ...
    def __init__(self, data: bytes) -> None:
        """
        Parse 65 bytes. CryptoError naming the problem: length, v not in {0, 1}, r or s outside [1, n-1], or high s (s > n/2).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: bytes) -> None:
        ...
    @property
    def r(self) -> int:
        ...
    @property
    def s(self) -> int:
        ...
    @property
    def v(self) -> int:
        ...
class PrivateKey:
    """
    secp256k1 secret key in [1, n-1]. Its repr shows the address only.
    """
    @staticmethod
    def from_bytes(secret: bytes) -> PrivateKey:
        """
        From 32 big-endian bytes (InvalidArgumentError on another length; CryptoError out of range).
        """
    @staticmethod
    def from_int(secret: int) -> PrivateKey:
        """
        From an int. CryptoError for 0 or >= n; ValueError for negative, OverflowError for >= 2**256, TypeError for non-int.
        """
    @staticmethod
    @typing.overload
    def from_seed(seed: bytes) -> PrivateKey:
        """
        Deterministic key: first valid keccak256(seed || counter_be4).
        """
    @staticmethod
    @typing.overload
    def from_seed(seed: str) -> PrivateKey:
        """
        Deterministic key from the UTF-8 bytes of a str seed.
        """
    @staticmethod
    def random() -> PrivateKey:
        """
        Fresh key from OpenSSL's CSPRNG. Not deterministic: never use inside a World.
        """
    @typing.overload
    def __eq__(self, arg0: PrivateKey) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> bool:
        ...
    def __hash__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def sign(self, digest: bytes) -> Signature:
        """
        Recoverable ECDSA signature (RFC 6979 nonce, low-s) of a 32-byte digest.
        """
    def sign_many(self, digests: collections.abc.Sequence[bytes]) -> list[Signature]:
        """
        sign() over a list of digests in one call (GIL released).
        """
    def to_bytes(self) -> bytes:
        """
        The secret as 32 big-endian bytes.
        """
    def to_int(self) -> int:
        """
        The secret scalar as an int.
        """
    @property
    def address(self) -> Address:
        ...
    @property
    def public_key(self) -> PublicKey:
        ...
class MerkleProof:
    """
    Inclusion proof of one leaf in a MerkleTree.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: MerkleProof) -> bool:
        ...
    def __init__(self, leaf_index: typing.SupportsInt | typing.SupportsIndex, leaf_count: typing.SupportsInt | typing.SupportsIndex, siblings: collections.abc.Sequence[bytes]) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def leaf_count(self) -> int:
        ...
    @property
    def leaf_index(self) -> int:
        ...
    @property
    def siblings(self) -> list[bytes]:
        ...
class MerkleTree:
    """
    Binary Merkle tree (RFC 6962 hashing: leaf H(0x00||data), node H(0x01||l||r), odd node promoted) with a selectable hash.
    """
    def __init__(self, leaves: collections.abc.Sequence[bytes], hash: str = 'keccak256') -> None:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def leaf_hash(self, index: typing.SupportsInt | typing.SupportsIndex) -> bytes:
        ...
    def prove(self, index: typing.SupportsInt | typing.SupportsIndex) -> MerkleProof:
        """
        Inclusion proof of leaf `index` (InvalidArgumentError if out of range).
        """
    @property
    def hash(self) -> str:
        ...
    @property
    def root(self) -> bytes:
        ...
class SmtProof:
    """
    Inclusion or non-inclusion proof of one key in a SparseMerkleTree; bytes(proof) is its compact canonical encoding.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def decode(data: bytes) -> SmtProof:
        """
        Strict decode; DecodeError naming the kind and offset on malformed input.
        """
    def __bytes__(self) -> bytes:
        ...
    def __eq__(self, arg0: SmtProof) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def encode(self) -> bytes:
        ...
    @property
    def depth(self) -> int:
        ...
    @property
    def last_sibling(self) -> typing.Any:
        """
        ('leaf', key, value) or ('node', left, right) opening of the deepest sibling, or None.
        """
    @property
    def siblings(self) -> list[bytes]:
        """
        Sibling hash per depth from the root down (32 zero bytes = empty).
        """
    @property
    def terminal(self) -> typing.Any:
        """
        (key, value) of the lone leaf ending the path, or None (empty subtree).
        """
class SmtCheckpoint:
    """
    Opaque journal position from SparseMerkleTree.checkpoint().
    """
    def __repr__(self) -> str:
        ...
class SparseMerkleTree:
    """
    Sparse Merkle tree: 32-byte keys -> 32-byte values, inclusion and non-inclusion proofs, batch updates, checkpoint/rollback. Not safe to share between threads.
    """
    def __contains__(self, key: bytes) -> bool:
        ...
    def __delitem__(self, arg0: bytes) -> None:
        ...
    def __getitem__(self, arg0: bytes) -> bytes:
        ...
    def __init__(self, hash: str = 'keccak256') -> None:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def __setitem__(self, arg0: bytes, arg1: bytes) -> None:
        ...
    def checkpoint(self) -> SmtCheckpoint:
        ...
    def clear_journal(self) -> None:
        ...
    def copy(self) -> SparseMerkleTree:
        """
        Independent deep copy.
        """
    def erase(self, key: bytes) -> bool:
        """
        Remove `key`; True if it was present.
        """
    def get(self, key: bytes) -> bytes | None:
        """
        Value of `key`, or None.
        """
    def items(self) -> list:
        """
        (key, value) pairs in ascending key order.
        """
    def prove(self, key: bytes) -> SmtProof:
        """
        Inclusion proof if `key` is present, non-inclusion proof otherwise.
        """
    def rollback(self, checkpoint: SmtCheckpoint) -> None:
        """
        Undo every change since `checkpoint` (StateError if it is not from the current journal).
        """
    def set(self, key: bytes, value: bytes) -> None:
        ...
    def update(self, items: typing.Any) -> None:
        """
        Apply (key, value-or-None) pairs in order (None deletes; later entries win), then rehash once (GIL released).
        """
    @property
    def hash(self) -> str:
        ...
    @property
    def root(self) -> bytes:
        ...
def hash_bytes(hash: str, data: bytes) -> bytes:
    """
    Hash `data` with the named function ('keccak256' or 'sha256'); InvalidArgumentError for another name.
    """
def keccak256(data: bytes) -> bytes:
    """
    Keccak-256 (Ethereum's variant, not FIPS-202 SHA3-256) of bytes -> 32 bytes.
    """
def merkle_verify(root: bytes, leaf: bytes, proof: MerkleProof, hash: str = 'keccak256') -> bool:
    """
    True when `proof` shows `leaf` (its bytes) at proof.leaf_index under `root`.
    """
def recover(digest: bytes, signature: Signature) -> PublicKey | None:
    """
    PublicKey that signed the 32-byte digest, or None when recovery fails.
    """
def recover_address(digest: bytes, signature: Signature) -> Address | None:
    """
    Address that signed the 32-byte digest (ecrecover), or None when recovery fails.
    """
def recover_many(digests: collections.abc.Sequence[bytes], signatures: collections.abc.Sequence[Signature]) -> list[Address | None]:
    """
    recover_address() pairwise over two equal-length lists (GIL released); None where it fails.
    """
def schnorr_public_key(key: PrivateKey) -> bytes:
    """
    BIP340 32-byte x-only public key of a PrivateKey.
    """
def schnorr_sign(key: PrivateKey, message: bytes, aux_rand: bytes = ...) -> bytes:
    """
    BIP340 signature (64 bytes) of a 32-byte message; aux_rand (32 bytes) feeds the nonce.
    """
def schnorr_verify(public_key: bytes, message: bytes, signature: bytes) -> bool:
    """
    BIP340 verification with a 32-byte x-only key and a 64-byte signature (InvalidArgumentError on other lengths; an invalid key just fails).
    """
def sha256(data: bytes) -> bytes:
    """
    SHA-256 (FIPS 180-4, through OpenSSL) of bytes -> 32 bytes.
    """
def smt_root_after_update(pre_root: bytes, key: bytes, old_value: bytes | None, new_value: bytes | None, proof: SmtProof, hash: str = 'keccak256') -> bytes | None:
    """
    Stateless update: the root after key: old_value -> new_value (None = absent), or None when the proof does not verify against pre_root.
    """
def smt_verify(root: bytes, key: bytes, value: bytes | None, proof: SmtProof, hash: str = 'keccak256') -> bool:
    """
    True when `proof` shows key -> value under `root` (value None: key absent).
    """
def to_checksum_address(address: Address) -> str:
    """
    EIP-55 checksummed text of an address.
    """
def verify(public_key: PublicKey, digest: bytes, signature: Signature) -> bool:
    """
    True when `signature` is a valid low-s signature of the digest by `public_key`.
    """
