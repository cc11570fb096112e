"""L2 state from Python: account inclusion and non-inclusion proofs against the state root (keys,
leaves and roots recomputed by the independent pure-Python reference; tampered proofs rejected),
the checkpoint/rollback/commit journal (an inner rollback under an open outer checkpoint; a
checkpoint of another state is a StateError that changes nothing), and the nonce-overflow skip."""

from __future__ import annotations

import pytest

import l2lab
from l2lab import crypto
from l2lab import rollup as R
from l2lab.reference import rollup as ref

KEYS = [l2lab.PrivateKey.from_int(i) for i in range(21, 25)]
FEE_TO = l2lab.Address("0x" + "fe" * 20)
CFG = R.StfConfig(chain_id=901, fee_recipient=FEE_TO)
U64_MAX = 2**64 - 1


def addr(i: int) -> l2lab.Address:
    return l2lab.Address("0x" + f"{i:02x}" * 20)


def populated() -> tuple[R.L2State, ref.RefState]:
    """The same accounts in the C++ state and in the reference."""
    s, r = R.L2State(), ref.RefState()
    for i in range(1, 7):
        s.set_account(addr(i), R.L2Account(nonce=i, balance=1000 * i))
        r.put(bytes(addr(i)), i, 1000 * i)
    return s, r


def test_account_proofs_against_the_reference_root() -> None:
    s, r = populated()
    root = s.state_root
    assert bytes(root) == r.root()  # the independent commitment agrees
    for i in range(1, 7):
        a = addr(i)
        proof = s.prove_account(a)
        key, leaf = R.account_key(a), R.account_leaf(s.account(a))
        assert bytes(key) == ref.account_key(bytes(a))
        assert bytes(leaf) == ref.account_leaf(i, 1000 * i)
        assert crypto.smt_verify(root, key, leaf, proof)
        assert crypto.smt_verify(root, key, leaf, crypto.SmtProof.decode(proof.encode()))
        assert not crypto.smt_verify(root, key, None, proof)  # not a proof of absence
        assert not crypto.smt_verify(root, key, R.account_leaf(R.L2Account(i, 1000 * i + 1)),
                                    proof)
        assert not crypto.smt_verify(root, R.account_key(addr(i % 6 + 1)), leaf, proof)
        # From the proof alone, the root after changing the account is the reference's root of
        # the changed state.
        after = crypto.smt_root_after_update(root, key, leaf,
                                            R.account_leaf(R.L2Account(i + 1, 7)), proof)
        changed = ref.RefState(dict(r.accounts), dict(r.withdrawals))
        changed.put(bytes(a), i + 1, 7)
        assert after is not None and bytes(after) == changed.root()


def test_non_inclusion_proofs_for_absent_and_emptied_accounts() -> None:
    s, r = populated()
    s.set_account(addr(6), R.L2Account())  # emptied: leaves the tree
    r.put(bytes(addr(6)), 0, 0)
    root = s.state_root
    assert bytes(root) == r.root()
    assert R.account_leaf(R.L2Account()) is None
    for a in (addr(6), addr(0x42)):
        proof = s.prove_account(a)
        assert crypto.smt_verify(root, R.account_key(a), None, proof)
        assert not crypto.smt_verify(root, R.account_key(a), R.account_leaf(R.L2Account(0, 1)),
                                    proof)
        # Creating the account from the non-inclusion proof reaches the reference's root.
        after = crypto.smt_root_after_update(root, R.account_key(a), None,
                                            R.account_leaf(R.L2Account(0, 3)), proof)
        created = ref.RefState(dict(r.accounts), dict(r.withdrawals))
        created.put(bytes(a), 0, 3)
        assert after is not None and bytes(after) == created.root()
    # An old inclusion proof of account 6 fails under the new root.
    old_state, _ = populated()
    old_proof = old_state.prove_account(addr(6))
    assert not crypto.smt_verify(root, R.account_key(addr(6)),
                                R.account_leaf(R.L2Account(6, 6000)), old_proof)


def test_tampered_account_proofs_are_rejected() -> None:
    s, _ = populated()
    root, a = s.state_root, addr(3)
    key, leaf = R.account_key(a), R.account_leaf(s.account(a))
    enc = bytes(s.prove_account(a).encode())
    decodable = 0
    for i in range(len(enc)):
        bad = bytearray(enc)
        bad[i] ^= 0x01
        try:
            proof = crypto.SmtProof.decode(bytes(bad))
        except ValueError:  # DecodeError: malformed or non-canonical
            continue
        decodable += 1
        assert not crypto.smt_verify(root, key, leaf, proof), f"byte {i} flipped still verifies"
    assert decodable > len(enc) // 2  # most flips hit hashes and reach the verifier
    other = bytearray(bytes(root))
    other[0] ^= 1
    assert not crypto.smt_verify(bytes(other), key, leaf, s.prove_account(a))


def test_inner_rollback_keeps_the_outer_checkpoint_open() -> None:
    s, _ = populated()
    base = s.state_root
    outer = s.checkpoint()
    s.set_account(addr(1), R.L2Account(9, 9))
    after_outer = s.state_root
    inner = s.checkpoint()
    s.set_account(addr(2), R.L2Account())
    s.set_account(addr(0x50), R.L2Account(0, 3))
    assert s.journal_depth == 3
    s.rollback(inner)
    assert s.state_root == after_outer
    assert s.account(addr(1)) == R.L2Account(9, 9) and s.balance(addr(2)) == 2000
    assert s.journaling and s.journal_depth == 1
    s.commit(inner)
    assert s.journaling  # the outer checkpoint is still open and undoes the rest
    s.rollback(outer)
    assert s.state_root == base
    s.commit(outer)
    assert not s.journaling and s.journal_depth == 0
    with pytest.raises(l2lab.StateError, match="not open"):
        s.rollback(outer)  # closed


def test_a_checkpoint_of_another_state_is_refused_without_effect() -> None:
    a, _ = populated()
    b, _ = populated()
    from_a = a.checkpoint()
    a.set_account(addr(1), R.L2Account())
    from_b = b.checkpoint()
    b.set_account(addr(2), R.L2Account())
    root_b = b.state_root
    for op in (b.commit, b.rollback):
        with pytest.raises(l2lab.StateError, match="another state"):
            op(from_a)
        assert b.state_root == root_b and b.journaling and b.journal_depth == 1
    b.rollback(from_b)
    b.commit(from_b)
    assert b.state_root == populated()[0].state_root
    a.commit(from_a)


def test_nonce_overflow_is_skipped_like_the_reference() -> None:
    sender, to = KEYS[0], KEYS[1].address
    s, r = R.L2State(), ref.RefState()
    s.set_account(sender.address, R.L2Account(U64_MAX - 1, 1000))
    r.put(bytes(sender.address), U64_MAX - 1, 1000)
    for nonce, kind, expect in ((U64_MAX - 1, R.TxKind.TRANSFER, None),
                                (U64_MAX, R.TxKind.TRANSFER, "overflow"),
                                (U64_MAX, R.TxKind.WITHDRAWAL, "overflow"),
                                (0, R.TxKind.TRANSFER, "wrong_nonce")):
        tx = R.L2Tx(kind=kind, chain_id=901, nonce=nonce, fee=1, to=to, value=10)
        tx.sign(sender)
        pre = s.state_root
        out, w = R.apply_op(s, CFG, tx, witness=True)
        assert out.reason == expect
        assert ref.apply(r, ref.RefTx(int(kind), 901, nonce, 1, bytes(to), 10,
                                      bytes(tx.signature)), 901, bytes(FEE_TO)) == expect
        assert bytes(s.state_root) == r.root()
        v = R.verify_step(CFG, pre, tx, w)
        assert v is not None and v.post_root == s.state_root and v.outcome.reason == expect
    assert s.account(sender.address) == R.L2Account(U64_MAX, 989)
