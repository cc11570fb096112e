"""Binary and sparse Merkle trees through the bindings.

The binary tree is checked against RFC 6962's Merkle Tree Hash written here in plain Python; the
sparse tree against a naive recursive evaluation of its definition (l2lab/crypto/smt.hpp), with
Hypothesis driving membership, non-membership, tampering, batch-vs-sequential and rollback.
"""

from __future__ import annotations

import hashlib

import pytest
from Crypto.Hash import keccak as pycryptodome_keccak
from hypothesis import given, settings
from hypothesis import strategies as st

import l2lab
from l2lab import crypto


def H(kind: str, data: bytes) -> bytes:
    if kind == "sha256":
        return hashlib.sha256(data).digest()
    h = pycryptodome_keccak.new(digest_bits=256)
    h.update(data)
    return h.digest()


# ---- binary Merkle tree ------------------------------------------------------------------------


def rfc6962(kind: str, leaves: list[bytes]) -> bytes:
    if not leaves:
        return H(kind, b"")
    if len(leaves) == 1:
        return H(kind, b"\x00" + leaves[0])
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return H(kind, b"\x01" + rfc6962(kind, leaves[:k]) + rfc6962(kind, leaves[k:]))


def test_certificate_transparency_root() -> None:
    leaves = [bytes.fromhex(x) for x in
              ["", "00", "10", "2021", "3031", "40414243", "5051525354555657",
               "606162636465666768696a6b6c6d6e6f"]]
    tree = crypto.MerkleTree(leaves, hash="sha256")
    assert tree.root.hex() == "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    assert len(tree) == 8


@given(st.lists(st.binary(max_size=40), max_size=40), st.sampled_from(["sha256", "keccak256"]),
       st.data())
def test_merkle_tree_matches_rfc6962_and_proofs_verify(leaves: list[bytes], kind: str, data: st.DataObject) -> None:
    tree = crypto.MerkleTree(leaves, hash=kind)
    assert tree.root == rfc6962(kind, leaves)
    if not leaves:
        return
    i = data.draw(st.integers(min_value=0, max_value=len(leaves) - 1))
    proof = tree.prove(i)
    assert crypto.merkle_verify(tree.root, leaves[i], proof, hash=kind)
    assert not crypto.merkle_verify(tree.root, leaves[i] + b"!", proof, hash=kind)
    if proof.siblings:
        bad = list(proof.siblings)
        bad[0] = bytes([bad[0][0] ^ 1]) + bad[0][1:]
        tampered = crypto.MerkleProof(proof.leaf_index, proof.leaf_count, bad)
        assert not crypto.merkle_verify(tree.root, leaves[i], tampered, hash=kind)


def test_merkle_bad_index_and_hash_name() -> None:
    tree = crypto.MerkleTree([b"a", b"b"])
    with pytest.raises(l2lab.InvalidArgumentError, match="out of range"):
        tree.prove(2)
    with pytest.raises(l2lab.InvalidArgumentError, match="unknown hash kind"):
        crypto.MerkleTree([b"a"], hash="sha3")


# ---- sparse Merkle tree ------------------------------------------------------------------------


def bit(key: bytes, d: int) -> int:
    return (key[d // 8] >> (7 - d % 8)) & 1


def naive_smt_root(kind: str, kv: dict[bytes, bytes], depth: int = 0) -> bytes:
    if not kv:
        return bytes(32)
    if len(kv) == 1:
        ((k, v),) = kv.items()
        return H(kind, b"\x00" + k + v)
    left = {k: v for k, v in kv.items() if bit(k, depth) == 0}
    right = {k: v for k, v in kv.items() if bit(k, depth) == 1}
    return H(kind, b"\x01" + naive_smt_root(kind, left, depth + 1) + naive_smt_root(kind, right, depth + 1))


def family_key(code: int) -> bytes:
    """Keys from 5 bases with up to two bits flipped: long shared prefixes, frequent repeats."""
    k = bytearray(l2lab.keccak256(bytes([code % 5])))
    for shift in (3, 11)[: (code >> 19) % 3]:
        pos = (code >> shift) % 256
        k[pos // 8] ^= 0x80 >> (pos % 8)
    return bytes(k)


values = st.sampled_from([l2lab.keccak256(bytes([i])) for i in range(4)] + [bytes(32)])
ops = st.lists(st.tuples(st.integers(min_value=0, max_value=2**22), st.one_of(st.none(), values)),
               max_size=30)


def apply(tree: crypto.SparseMerkleTree, model: dict[bytes, bytes], seq: list) -> None:
    for code, value in seq:
        key = family_key(code)
        if value is None:
            assert tree.erase(key) == (key in model)
            model.pop(key, None)
        else:
            tree[key] = value
            model[key] = value


@settings(max_examples=60)
@given(ops, st.sampled_from(["keccak256", "sha256"]))
def test_smt_root_matches_naive_definition(seq: list, kind: str) -> None:
    tree = crypto.SparseMerkleTree(hash=kind)
    model: dict[bytes, bytes] = {}
    apply(tree, model, seq)
    assert tree.root == naive_smt_root(kind, model)
    assert len(tree) == len(model)
    assert tree.items() == sorted(model.items())


@given(ops, st.integers(min_value=0, max_value=2**22), st.integers(min_value=0))
def test_smt_membership_non_membership_and_tampering(seq: list, query: int, flip: int) -> None:
    tree = crypto.SparseMerkleTree()
    model: dict[bytes, bytes] = {}
    apply(tree, model, seq)
    root = tree.root
    key = family_key(query)
    value = model.get(key)
    proof = tree.prove(key)
    assert (key in tree) == (value is not None)
    assert crypto.smt_verify(root, key, value, proof)
    # Claiming the other outcome fails.
    assert not crypto.smt_verify(root, key, None if value is not None else b"\x01" * 32, proof)
    if value is not None:
        assert not crypto.smt_verify(root, key, bytes([value[0] ^ 1]) + value[1:], proof)
    # The encoding round-trips and any single flipped bit is refused.
    enc = bytes(proof)
    assert crypto.SmtProof.decode(enc) == proof
    pos = flip % (len(enc) * 8)
    bad = bytearray(enc)
    bad[pos // 8] ^= 1 << (pos % 8)
    try:
        tampered = crypto.SmtProof.decode(bytes(bad))
    except l2lab.DecodeError:
        return
    assert not crypto.smt_verify(root, key, value, tampered)


@given(ops, ops)
def test_smt_batch_equals_sequential_and_rollback_restores(base: list, batch: list) -> None:
    seq_tree = crypto.SparseMerkleTree()
    model: dict[bytes, bytes] = {}
    apply(seq_tree, model, base)
    before = seq_tree.root
    batch_tree = seq_tree.copy()
    cp = seq_tree.checkpoint()
    apply(seq_tree, dict(model), batch)
    batch_tree.update([(family_key(code), value) for code, value in batch])
    assert batch_tree.root == seq_tree.root
    seq_tree.rollback(cp)
    assert seq_tree.root == before


@given(ops, st.integers(min_value=0, max_value=2**22), st.one_of(st.none(), values))
def test_smt_stateless_update_matches_tree(seq: list, code: int, new: bytes | None) -> None:
    tree = crypto.SparseMerkleTree()
    apply(tree, {}, seq)
    key = family_key(code)
    pre, old, proof = tree.root, tree.get(key), tree.prove(key)
    computed = crypto.smt_root_after_update(pre, key, old, new, proof)
    if new is None:
        tree.erase(key)
    else:
        tree[key] = new
    assert computed == tree.root
    wrong_old = None if old is not None else b"\x05" * 32
    assert crypto.smt_root_after_update(pre, key, wrong_old, new, proof) is None


def test_smt_errors_are_typed() -> None:
    tree = crypto.SparseMerkleTree()
    with pytest.raises(ValueError, match="32 bytes"):
        tree.set(b"\x01" * 31, bytes(32))
    with pytest.raises(KeyError):
        del tree[b"\x01" * 32]
    with pytest.raises(l2lab.DecodeError, match="truncated"):
        crypto.SmtProof.decode(bytes(tree.prove(b"\x01" * 32))[:-1])
    with pytest.raises(l2lab.DecodeError):
        crypto.SmtProof.decode(b"")
    cp = tree.checkpoint()
    tree.clear_journal()
    with pytest.raises(l2lab.StateError, match="checkpoint"):
        tree.rollback(cp)


def test_smt_update_accepts_dicts_and_iterables() -> None:
    a, b, c = (l2lab.keccak256(bytes([i])) for i in range(3))
    t1 = crypto.SparseMerkleTree()
    t1.update({a: b, b: c})
    t2 = crypto.SparseMerkleTree()
    t2.update(iter([(a, b), (b, c), (c, a), (c, None)]))
    assert t1.root == t2.root and len(t2) == 2
    with pytest.raises(ValueError, match="32 bytes"):
        t1.update([(b"short", b)])
    with pytest.raises(TypeError):
        t1.update(5)
