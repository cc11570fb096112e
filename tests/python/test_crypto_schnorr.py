"""BIP340 Schnorr through the bindings: BIP-340 test vectors and coincurve as a second oracle."""

from __future__ import annotations

import coincurve
import pytest
from hypothesis import given
from hypothesis import strategies as st

import l2lab
from l2lab import crypto

N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141

# Rows 0, 1 and 5 (public key not on the curve) and 8 (negated s) of BIP-340's test-vectors.csv.
SIGN_ROWS = [
    ("0000000000000000000000000000000000000000000000000000000000000003",
     "F9308A019258C31049344F85F89D5229B531C845836F99B08601F113BCE036F9",
     "0000000000000000000000000000000000000000000000000000000000000000",
     "0000000000000000000000000000000000000000000000000000000000000000",
     "E907831F80848D1069A5371B402410364BDF1C5F8307B0084C55F1CE2DCA821525F66A4A85EA8B71E482A74F382D2CE5EBEEE8FDB2172F477DF4900D310536C0"),
    ("B7E151628AED2A6ABF7158809CF4F3C762E7160F38B4DA56A784D9045190CFEF",
     "DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659",
     "0000000000000000000000000000000000000000000000000000000000000001",
     "243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89",
     "6896BD60EEAE296DB48A229FF71DFE071BDE413E6D43F917DC8DCF8C78DE33418906D11AC976ABCCB20B091292BFF4EA897EFCB639EA871CFA95F6DE339E4B0A"),
]
FAIL_ROWS = [
    ("EEFDEA4CDB677750A420FEE807EACF21EB9898AE79B9768766E4FAA04A2D4A34",
     "243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89",
     "6CFF5C3BA86C69EA4B7376F31A9BCB4F74C1976089B2D9963DA2E5543E17776969E89B4C5564D00349106B8497785DD7D1D713A8AE82B32FA79D5F7FC407D39B"),
    ("DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659",
     "243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89",
     "6CFF5C3BA86C69EA4B7376F31A9BCB4F74C1976089B2D9963DA2E5543E177769961764B3AA9B2FFCB6EF947B6887A226E8D7C93E00C5ED0C1834FF0D0C2E6DA6"),
]


@pytest.mark.parametrize(("secret", "pub", "aux", "msg", "sig"), SIGN_ROWS)
def test_bip340_signing_rows(secret: str, pub: str, aux: str, msg: str, sig: str) -> None:
    k = l2lab.PrivateKey.from_bytes(bytes.fromhex(secret))
    assert crypto.schnorr_public_key(k) == bytes.fromhex(pub)
    got = crypto.schnorr_sign(k, bytes.fromhex(msg), bytes.fromhex(aux))
    assert got == bytes.fromhex(sig)
    assert crypto.schnorr_verify(bytes.fromhex(pub), bytes.fromhex(msg), got)


@pytest.mark.parametrize(("pub", "msg", "sig"), FAIL_ROWS)
def test_bip340_failing_rows(pub: str, msg: str, sig: str) -> None:
    assert not crypto.schnorr_verify(bytes.fromhex(pub), bytes.fromhex(msg), bytes.fromhex(sig))


def test_wrong_lengths_raise() -> None:
    with pytest.raises(l2lab.InvalidArgumentError, match="32 bytes"):
        crypto.schnorr_verify(b"\x01" * 33, b"\x00" * 32, b"\x00" * 64)
    with pytest.raises(l2lab.InvalidArgumentError, match="64 bytes"):
        crypto.schnorr_verify(bytes.fromhex(SIGN_ROWS[1][1]), b"\x00" * 32, b"\x00" * 63)


@given(st.integers(min_value=1, max_value=N - 1), st.binary(min_size=32, max_size=32),
       st.binary(min_size=32, max_size=32))
def test_agrees_with_coincurve(d: int, msg: bytes, aux: bytes) -> None:
    k = l2lab.PrivateKey.from_int(d)
    ck = coincurve.PrivateKey(d.to_bytes(32, "big"))
    sig = crypto.schnorr_sign(k, msg, aux)
    assert sig == ck.sign_schnorr(msg, aux)
    xonly = crypto.schnorr_public_key(k)
    assert coincurve.PublicKeyXOnly(xonly).verify(sig, msg)
    bad = bytes([sig[0] ^ 1]) + sig[1:]
    assert not crypto.schnorr_verify(xonly, msg, bad)
