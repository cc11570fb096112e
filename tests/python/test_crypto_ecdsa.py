"""secp256k1 keys, recoverable ECDSA and EIP-55 addresses through the bindings.

Oracles: python-ecdsa (pure Python) and coincurve (its own libsecp256k1 build). Signatures made
by l2lab verify there and theirs (normalised to low-s) verify and recover here; every malformed
input raises a typed l2lab error that names the problem.
"""

from __future__ import annotations

import hashlib

import coincurve
import ecdsa
import pytest
from ecdsa.util import sigdecode_string, sigencode_string
from hypothesis import given
from hypothesis import strategies as st

import l2lab

N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141

# The four mixed-case test vectors of EIP-55's specification.
EIP55_VECTORS = [
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
]

secrets = st.integers(min_value=1, max_value=N - 1)
digests = st.binary(min_size=32, max_size=32)


def ecdsa_key(d: int) -> ecdsa.SigningKey:
    return ecdsa.SigningKey.from_secret_exponent(d, curve=ecdsa.SECP256k1)


def low_s(r: int, s: int) -> tuple[int, int]:
    return r, (N - s if s > N // 2 else s)


# ---- addresses ---------------------------------------------------------------------------------


def test_private_key_one_address() -> None:
    k = l2lab.PrivateKey.from_int(1)
    assert str(k.address) == "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"
    assert repr(k.address) == "Address('0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf')"


@pytest.mark.parametrize("text", EIP55_VECTORS)
def test_eip55_vectors(text: str) -> None:
    a = l2lab.Address(text)
    assert str(a) == text
    assert bytes(a) == bytes.fromhex(text[2:])
    assert l2lab.Address(bytes.fromhex(text[2:])) == a
    assert l2lab.Address(text.lower()) == a
    assert l2lab.Address("0x" + text[2:].upper()) == a
    assert hash(l2lab.Address(text.lower())) == hash(a)


def test_address_equality_and_use_as_dict_key() -> None:
    a = l2lab.Address(EIP55_VECTORS[0])
    b = l2lab.Address(EIP55_VECTORS[1])
    assert a != b and a == l2lab.Address(EIP55_VECTORS[0])
    assert a != EIP55_VECTORS[0]  # an Address is not its text
    assert {a: 1, b: 2}[l2lab.Address(EIP55_VECTORS[1])] == 2
    assert sorted([b, a]) == sorted([a, b])


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x"),
        ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe", "40 hex digits"),
        ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00", "40 hex digits"),
        ("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeZ", "non-hex"),
        ("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "checksum"),  # one letter's case flipped
        ("", "0x"),
    ],
)
def test_malformed_addresses_name_the_problem(text: str, problem: str) -> None:
    with pytest.raises(l2lab.InvalidArgumentError, match=problem):
        l2lab.Address(text)
    with pytest.raises(ValueError):
        l2lab.Address(text)


def test_address_from_wrong_types_and_lengths() -> None:
    with pytest.raises(l2lab.InvalidArgumentError):
        l2lab.Address(b"\x01" * 19)
    with pytest.raises(TypeError):
        l2lab.Address(123)  # type: ignore[arg-type]


# ---- keys --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "error"), [
    (0, l2lab.CryptoError),
    (N, l2lab.CryptoError),
    (N + 1, l2lab.CryptoError),
    (2**256 - 1, l2lab.CryptoError),
    (2**256, OverflowError),
    (-1, ValueError),
])
def test_out_of_range_private_keys(value: int, error: type[Exception]) -> None:
    with pytest.raises(error) as info:
        l2lab.PrivateKey.from_int(value)
    assert str(info.value)


def test_private_key_type_errors() -> None:
    with pytest.raises(TypeError):
        l2lab.PrivateKey.from_int(1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        l2lab.PrivateKey.from_int(True)
    with pytest.raises(l2lab.InvalidArgumentError, match="32 bytes"):
        l2lab.PrivateKey.from_bytes(b"\x01" * 31)
    with pytest.raises(l2lab.CryptoError, match="got 0"):
        l2lab.PrivateKey.from_bytes(bytes(32))


def test_repr_does_not_print_the_secret() -> None:
    d = 0x1234567890ABCDEF1234567890ABCDEF
    k = l2lab.PrivateKey.from_int(d)
    text = repr(k) + str(k)
    assert f"{d:x}" not in text.lower() and str(d) not in text
    assert str(k.address) in repr(k)


def test_from_seed_is_keccak_of_seed_and_counter() -> None:
    k = l2lab.PrivateKey.from_seed(b"alice")
    assert k.to_bytes() == l2lab.keccak256(b"alice" + b"\x00\x00\x00\x00")
    assert l2lab.PrivateKey.from_seed("alice") == k
    assert l2lab.PrivateKey.from_seed(b"bob") != k


def test_random_keys_are_fresh() -> None:
    assert l2lab.PrivateKey.random() != l2lab.PrivateKey.random()


@given(secrets)
def test_public_key_and_address_match_ecdsa(d: int) -> None:
    k = l2lab.PrivateKey.from_int(d)
    assert k.to_int() == d
    xy = ecdsa_key(d).get_verifying_key().to_string()
    assert k.public_key.uncompressed == b"\x04" + xy
    assert bytes(k.address) == l2lab.keccak256(xy)[12:]
    assert k.public_key.compressed == coincurve.PrivateKey(d.to_bytes(32, "big")).public_key.format()
    assert l2lab.PublicKey(k.public_key.compressed) == k.public_key
    assert l2lab.PublicKey(xy) == k.public_key


# ---- signatures --------------------------------------------------------------------------------


@given(secrets, digests)
def test_l2lab_signatures_verify_in_python_ecdsa_and_coincurve(d: int, digest: bytes) -> None:
    k = l2lab.PrivateKey.from_int(d)
    sig = k.sign(digest)
    raw = bytes(sig)
    assert len(raw) == 65 and sig.v in (0, 1) and 1 <= sig.s <= N // 2
    vk = ecdsa_key(d).get_verifying_key()
    assert vk.verify_digest(raw[:64], digest, sigdecode=sigdecode_string)
    # coincurve's recoverable format is r || s || recid, exactly ours.
    assert coincurve.PublicKey.from_signature_and_message(raw, digest, hasher=None) == (
        coincurve.PublicKey(k.public_key.compressed)
    )
    # RFC 6979: same nonce as python-ecdsa's deterministic signer, after low-s normalisation.
    theirs = ecdsa_key(d).sign_digest_deterministic(digest, hashfunc=hashlib.sha256, sigencode=sigencode_string)
    r, s = low_s(int.from_bytes(theirs[:32], "big"), int.from_bytes(theirs[32:], "big"))
    assert (sig.r, sig.s) == (r, s)


@given(secrets, digests)
def test_python_ecdsa_signatures_recover_here(d: int, digest: bytes) -> None:
    raw = ecdsa_key(d).sign_digest(digest, sigencode=sigencode_string)  # random nonce
    r, s = low_s(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    k = l2lab.PrivateKey.from_int(d)
    candidates = [l2lab.Signature.from_rsv(r, s, v) for v in (0, 1)]
    recovered = [l2lab.recover_address(digest, c) for c in candidates]
    assert k.address in recovered
    assert all(l2lab.crypto.verify(k.public_key, digest, c) for c in candidates)


@given(secrets, digests)
def test_coincurve_signatures_recover_here(d: int, digest: bytes) -> None:
    raw = coincurve.PrivateKey(d.to_bytes(32, "big")).sign_recoverable(digest, hasher=None)
    sig = l2lab.Signature(raw)
    k = l2lab.PrivateKey.from_int(d)
    assert l2lab.recover(digest, sig) == k.public_key
    assert k.public_key.verify(digest, sig)


@given(secrets, digests)
def test_high_s_variant_is_rejected(d: int, digest: bytes) -> None:
    k = l2lab.PrivateKey.from_int(d)
    sig = k.sign(digest)
    raw = bytes(sig)
    high = raw[:32] + (N - sig.s).to_bytes(32, "big") + bytes([sig.v ^ 1])
    # The high-s twin is a valid ECDSA signature for python-ecdsa ...
    assert ecdsa_key(d).get_verifying_key().verify_digest(high[:64], digest, sigdecode=sigdecode_string)
    # ... but not for l2lab (Ethereum's low-s rule, EIP-2).
    with pytest.raises(l2lab.CryptoError, match="high"):
        l2lab.Signature(high)


def test_signature_parse_names_each_problem() -> None:
    sig = bytes(l2lab.PrivateKey.from_int(5).sign(b"\x07" * 32))
    cases = [
        (sig[:64], "65 bytes"),
        (sig + b"\x00", "65 bytes"),
        (b"", "65 bytes"),
        (sig[:64] + b"\x1b", "recovery id"),
        (bytes(32) + sig[32:], "r is out of range"),
        (N.to_bytes(32, "big") + sig[32:], "r is out of range"),
        (sig[:32] + bytes(32) + sig[64:], "s is out of range"),
        (sig[:32] + N.to_bytes(32, "big") + sig[64:], "s is out of range"),
    ]
    for raw, problem in cases:
        with pytest.raises(l2lab.CryptoError, match=problem):
            l2lab.Signature(raw)
    with pytest.raises(l2lab.CryptoError, match="recovery id"):
        l2lab.Signature.from_rsv(1, 1, 2)


def test_recover_fails_as_a_value_not_an_exception() -> None:
    sig = l2lab.PrivateKey.from_int(9).sign(b"\x01" * 32)
    other = l2lab.recover_address(b"\x02" * 32, sig)
    assert other is None or other != l2lab.PrivateKey.from_int(9).address


def test_digest_must_be_32_bytes() -> None:
    k = l2lab.PrivateKey.from_int(3)
    with pytest.raises(ValueError, match="32 bytes"):
        k.sign(b"\x01" * 31)


def test_bulk_sign_and_recover() -> None:
    k = l2lab.PrivateKey.from_seed(b"bulk")
    ds = [l2lab.keccak256(i.to_bytes(4, "big")) for i in range(200)]
    sigs = k.sign_many(ds)
    assert sigs == [k.sign(d) for d in ds]
    assert l2lab.crypto.recover_many(ds, sigs) == [k.address] * 200
    with pytest.raises(l2lab.InvalidArgumentError, match="200 digests but 199"):
        l2lab.crypto.recover_many(ds, sigs[:-1])


def test_signature_round_trip_and_repr() -> None:
    sig = l2lab.PrivateKey.from_int(11).sign(b"\x05" * 32)
    assert l2lab.Signature(bytes(sig)) == sig
    assert l2lab.Signature.from_rsv(sig.r, sig.s, sig.v) == sig
    assert repr(sig).startswith("Signature(r=0x")
    assert hash(l2lab.Signature(bytes(sig))) == hash(sig)


def test_public_key_rejects_garbage() -> None:
    with pytest.raises(l2lab.InvalidArgumentError, match="33, 64 or 65"):
        l2lab.PublicKey(b"\x02" * 10)
    bad = bytearray(l2lab.PrivateKey.from_int(2).public_key.uncompressed)
    bad[-1] ^= 1
    with pytest.raises(l2lab.CryptoError, match="not a point"):
        l2lab.PublicKey(bytes(bad))


def test_values_pickle_and_copy() -> None:
    import copy
    import pickle

    k = l2lab.PrivateKey.from_int(12)
    sig = k.sign(b"\x03" * 32)
    for value in (k.address, k.public_key, sig):
        assert pickle.loads(pickle.dumps(value)) == value
        assert copy.deepcopy(value) == value
