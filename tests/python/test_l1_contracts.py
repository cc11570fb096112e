"""Native contracts written in Python: metered storage and logs, revert and out-of-gas through
the journal, log queries, view calls."""

from __future__ import annotations

import pytest

import l2lab
from l2lab import l1
from l2lab.l1 import gas

GWEI = 10**9
INCREMENTED = l2lab.keccak256(b"Incremented(uint256)")


class Counter(l1.NativeContract):
    """Slot 0 holds the count. b'inc' increments, b'fail' writes then reverts, b'burn' runs out
    of gas after writing, b'boom' raises a plain Python error."""

    def call(self, ctx, data):  # type: ignore[no-untyped-def]
        if data == b"inc":
            v = ctx.sload(0) + 1
            ctx.sstore(0, v)
            ctx.emit_log([INCREMENTED], v.to_bytes(32, "big"))
            return v.to_bytes(32, "big")
        if data == b"fail":
            ctx.sstore(0, 999)
            ctx.revert("nope")
        if data == b"burn":
            ctx.sstore(0, 7)
            while True:
                ctx.charge(10_000)
        if data == b"boom":
            raise ZeroDivisionError("bad math")
        return None


def setup() -> tuple[l1.Chain, l2lab.PrivateKey, l2lab.Address]:
    chain = l1.Chain()
    alice = l2lab.PrivateKey.from_int(1)
    chain.mint(alice, 10**18)
    return chain, alice, chain.deploy(Counter(), alice)


def call(chain: l1.Chain, k: l2lab.PrivateKey, to: l2lab.Address, data: bytes,
         gas_limit: int = 200_000) -> l1.Receipt:
    tx = l1.Transaction(to, 0, data, nonce=chain.next_nonce(k), gas_limit=gas_limit,
                        max_fee_per_gas=10 * GWEI, max_priority_fee_per_gas=GWEI,
                        chain_id=chain.config.chain_id)
    tx.sign(k)
    assert chain.submit(tx)
    chain.produce_block()
    r = chain.receipt(tx.hash())
    assert r is not None
    return r


def base(data: bytes) -> int:
    return gas.intrinsic_gas(data) + gas.NATIVE_CALL_OVERHEAD + gas.NATIVE_CALLDATA_WORD * (
        (len(data) + 31) // 32)


def test_increment_gas_is_the_sum_of_ethereum_costs() -> None:
    chain, alice, counter = setup()
    r = call(chain, alice, counter, b"inc")
    assert r.status == l1.TxStatus.success
    log_gas = gas.LOG_BASE + gas.LOG_TOPIC + 32 * gas.LOG_DATA_BYTE
    assert r.gas_used == base(b"inc") + gas.COLD_SLOAD + gas.SSTORE_SET + log_gas
    assert int.from_bytes(r.return_data, "big") == 1
    r2 = call(chain, alice, counter, b"inc")
    assert r2.gas_used == base(b"inc") + gas.COLD_SLOAD + gas.SSTORE_RESET + log_gas
    assert chain.storage(counter, 0) == 2


def test_revert_restores_state_but_charges_gas() -> None:
    chain, alice, counter = setup()
    call(chain, alice, counter, b"inc")
    storage_before = chain.storage(counter, 0)
    balance_before = chain.balance(alice)
    r = call(chain, alice, counter, b"fail")
    assert r.status == l1.TxStatus.reverted and r.revert_reason == "nope"
    assert r.logs == []
    assert chain.storage(counter, 0) == storage_before
    assert chain.balance(alice) == balance_before - r.gas_used * r.effective_gas_price


def test_out_of_gas_charges_the_full_limit() -> None:
    chain, alice, counter = setup()
    r = call(chain, alice, counter, b"burn", gas_limit=120_000)
    assert r.status == l1.TxStatus.out_of_gas and r.gas_used == 120_000
    assert chain.storage(counter, 0) == 0


def test_python_exception_becomes_a_panic_revert() -> None:
    chain, alice, counter = setup()
    r = call(chain, alice, counter, b"boom")
    assert r.status == l1.TxStatus.reverted
    assert r.revert_reason.startswith("panic: ") and "bad math" in r.revert_reason


def test_logs_by_address_topic_and_range() -> None:
    chain, alice, counter = setup()
    other = chain.deploy(Counter(), alice)
    call(chain, alice, counter, b"inc")  # block 1
    call(chain, alice, other, b"inc")    # block 2
    call(chain, alice, counter, b"inc")  # block 3
    assert len(chain.logs()) == 3
    assert len(chain.logs(address=counter)) == 2
    assert len(chain.logs(address=[counter, other], topics=[INCREMENTED])) == 3
    assert len(chain.logs(topics=[[b"\x00" * 32]])) == 0
    logs = chain.logs(from_block=2, to_block=2)
    assert [(lg.address, lg.block_number) for lg in logs] == [(other, 2)]
    assert logs[0].topics == [INCREMENTED] and int.from_bytes(logs[0].data, "big") == 1


def test_view_call_changes_nothing() -> None:
    chain, alice, counter = setup()
    before = chain.state_digest()
    res = chain.view_call(alice, counter, b"inc")
    assert res.success and int.from_bytes(res.return_data, "big") == 1
    assert chain.view_call(alice, counter, b"fail").revert_reason == "nope"
    assert chain.state_digest() == before


def test_failed_constructor_is_a_state_error() -> None:
    class Picky(l1.NativeContract):
        def construct(self, ctx, args):  # type: ignore[no-untyped-def]
            if args != b"ok":
                ctx.revert("bad args")
            ctx.sstore(1, 5)

        def call(self, ctx, data):  # type: ignore[no-untyped-def]
            return ctx.sload(1).to_bytes(32, "big")

    chain = l1.Chain()
    deployer = l2lab.PrivateKey.from_int(3)
    before = chain.state_digest()
    with pytest.raises(l2lab.StateError, match="bad args"):
        chain.deploy(Picky(), deployer, b"no")
    assert chain.state_digest() == before
    addr = chain.deploy(Picky(), deployer, b"ok")
    assert chain.storage(addr, 1) == 5
