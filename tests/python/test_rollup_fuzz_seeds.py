"""Seed corpus of fuzz/fuzz_rollup_state_diff.cpp: state diffs against its fixed state of four
registered accounts, one that applies with every kind of entry (update by index, new account by
address, withdrawal), the empty diff, and one at the format's limits that decodes but is refused
on application. This test checks the committed seeds are what the encoder produces today (and
that they decode and apply as described); L2LAB_WRITE_FUZZ_SEEDS=1 rewrites them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import l2lab
from l2lab import rollup as R

CORPUS = Path(__file__).resolve().parents[2] / "fuzz" / "corpus" / "fuzz_rollup_state_diff"


def addr(tag: int) -> l2lab.Address:
    return l2lab.Address("0x" + f"{tag:02x}" * 20)


def fixture() -> R.L2State:
    # Must match fixture() in fuzz/fuzz_rollup_state_diff.cpp.
    s = R.L2State()
    for i in range(1, 5):
        s.set_account(addr(i), R.L2Account(1, 10**6))
        s.register_account(addr(i))
    return s


def seeds() -> dict[str, bytes]:
    pre = fixture()
    post = pre.clone()
    post.set_account(addr(2), R.L2Account(2, 10**6 - 1000 - 10 - 500))  # sends, pays, withdraws
    post.set_account(addr(3), R.L2Account(1, 10**6 + 1000))
    post.set_account(addr(0x77), R.L2Account(0, 10))                      # a new account
    post.add_withdrawal(R.WithdrawalRecord(addr(2), 1, addr(0xBB), 500))
    R.register_accounts(pre, post)
    full = R.make_state_diff(pre, post)
    limits = R.StateDiff(4, [R.IndexedChange(0, R.AccountChange(2**64 - 1, 2**256 - 1)),
                                        R.IndexedChange(3, R.AccountChange(0, 1, True))],
                    [R.NewAccountChange(addr(0xFF), R.AccountChange(1, 0))],
                    [R.DiffWithdrawal(4, 2**64 - 1, addr(0), 2**256 - 1)])
    return {
        "empty": R.StateDiff(4).encode(),
        "withdrawal_and_two_accounts": full.encode(),
        "limits": limits.encode(),
    }


def test_fuzz_seed_corpus_is_current() -> None:
    fresh = seeds()
    for name in ("empty", "withdrawal_and_two_accounts"):
        s = fixture()
        R.apply_state_diff(s, R.StateDiff.decode(fresh[name]))
    expect = fixture()
    for a, v in ((addr(2), R.L2Account(2, 10**6 - 1510)), (addr(3), R.L2Account(1, 10**6 + 1000)),
                 (addr(0x77), R.L2Account(0, 10))):
        expect.set_account(a, v)
    expect.add_withdrawal(R.WithdrawalRecord(addr(2), 1, addr(0xBB), 500))
    R.register_accounts(fixture(), expect)
    s = fixture()
    R.apply_state_diff(s, R.StateDiff.decode(fresh["withdrawal_and_two_accounts"]), expected_root=expect.state_root)
    with pytest.raises(l2lab.StateError):
        R.apply_state_diff(fixture(), R.StateDiff.decode(fresh["limits"]))
    if os.environ.get("L2LAB_WRITE_FUZZ_SEEDS") == "1":
        CORPUS.mkdir(parents=True, exist_ok=True)
        for name, data in fresh.items():
            (CORPUS / name).write_bytes(data)
    for name, data in fresh.items():
        assert (CORPUS / name).read_bytes() == data, f"seed {name} is stale"
