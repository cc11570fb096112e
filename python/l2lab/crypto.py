"""Hashes, secp256k1 keys and signatures, EIP-55 addresses, BIP340 Schnorr, Merkle trees.

Everything here is implemented in C++ (``l2lab._core.crypto``); this module gives it stable names.

- ``keccak256(data)`` / ``sha256(data)`` -> 32 bytes; ``hash_bytes("sha256"|"keccak256", data)``.
- ``PrivateKey.from_int / from_bytes / from_seed / random``; ``key.sign(digest)`` -> ``Signature``
  (65 bytes r||s||v, RFC 6979, low-s); ``key.sign_many(digests)``.
- ``recover(digest, sig)`` -> ``PublicKey | None``; ``recover_address`` -> ``Address | None``;
  ``recover_many(digests, sigs)``; ``verify(public_key, digest, sig)``.
- ``Address("0x...")`` (EIP-55 checked) or ``Address(20 bytes)``; ``str()`` is checksummed.
- ``schnorr_public_key / schnorr_sign / schnorr_verify``: BIP340.
- ``MerkleTree(leaves, hash=...)`` + ``merkle_verify``: RFC 6962-style binary tree.
- ``SparseMerkleTree(hash=...)`` + ``SmtProof`` + ``smt_verify`` + ``smt_root_after_update``.
"""

from __future__ import annotations

from ._core.crypto import (
    Address,
    MerkleProof,
    MerkleTree,
    PrivateKey,
    PublicKey,
    Signature,
    SmtCheckpoint,
    SmtProof,
    SparseMerkleTree,
    hash_bytes,
    keccak256,
    merkle_verify,
    recover,
    recover_address,
    recover_many,
    schnorr_public_key,
    schnorr_sign,
    schnorr_verify,
    sha256,
    smt_root_after_update,
    smt_verify,
    to_checksum_address,
    verify,
)

__all__ = [
    "Address",
    "MerkleProof",
    "MerkleTree",
    "PrivateKey",
    "PublicKey",
    "Signature",
    "SmtCheckpoint",
    "SmtProof",
    "SparseMerkleTree",
    "hash_bytes",
    "keccak256",
    "merkle_verify",
    "recover",
    "recover_address",
    "recover_many",
    "schnorr_public_key",
    "schnorr_sign",
    "schnorr_verify",
    "sha256",
    "smt_root_after_update",
    "smt_verify",
    "to_checksum_address",
    "verify",
]
