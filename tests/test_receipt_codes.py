"""Receipt codes hold their save's sequence number, encrypted with the store's key
(store/receipt_codes.py, schema 10): each is found by decrypting it, no two saves share
one, a code given before schema 10 is never given again, and a code that was not given
here finds nothing."""

from __future__ import annotations

import secrets

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mpp_counter.domain import receipt
from mpp_counter.domain.errors import UnknownRecord
from mpp_counter.domain.records import Outcome
from mpp_counter.store import receipt_codes, visit_rows
from mpp_counter.store.counter import CounterStore
from mpp_counter.store.receipt_codes import MAX_SEQ, ReceiptCodes

CODES = ReceiptCodes(bytes(range(32)))


def _free(_code: str) -> bool:
    return False


@settings(max_examples=300, deadline=None)
@given(seq=st.integers(min_value=1, max_value=MAX_SEQ))
def test_a_code_holds_its_number_and_reads_well(seq: int) -> None:
    code = CODES.code_for(seq, _free)
    assert receipt.parse(code) == code  # well formed, its check symbol right
    assert code[-1] in receipt.ALPHABET  # no '*', '~', '$', '=' or 'U' to misread
    assert CODES.seq_of(code) == seq


def test_consecutive_saves_get_different_codes_that_look_random() -> None:
    codes = [CODES.code_for(seq, _free) for seq in range(1, 20_001)]
    assert len(set(codes)) == len(codes)
    # no character position follows the number: each takes (nearly) every symbol
    for position in (0, 1, 2, 3, 5, 6, 7, 8):
        assert len({c[position] for c in codes[:2000]}) >= 30
    # and another store's key gives other codes for the same numbers
    other = ReceiptCodes(secrets.token_bytes(32))
    assert sum(a == other.code_for(i + 1, _free) for i, a in enumerate(codes[:2000])) == 0


def test_a_code_given_before_is_skipped() -> None:
    first = CODES.code_for(7, _free)
    second = CODES.code_for(7, lambda code: code == first)
    assert second != first and CODES.seq_of(second) == 7
    with pytest.raises(ValueError):
        CODES.code_for(MAX_SEQ + 1, _free)
    with pytest.raises(ValueError):
        CODES.code_for(0, _free)


def _consent(store: CounterStore, i: int) -> str:
    code = store.record("DUK-KTP", Outcome.AGREED, phone=f"0812-0000-{i:04d}").receipt
    assert code is not None
    return code


def test_each_consent_is_found_by_its_code_and_nothing_else(store: CounterStore) -> None:
    codes = []
    for i in range(6):
        store.prepare_seal()  # as the window: the code made ahead
        codes.append(_consent(store, i))
    codes.append(_consent(store, 6))  # as the CLI: made in the save
    assert len(set(codes)) == 7
    found = [visit_rows.find_consent(store.con, c)[0] for c in codes]
    assert len(set(found)) == 7
    assert not store.con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '%receipt%'"
    ).fetchall()  # found without an index on codes: no save writes one
    own = receipt_codes.of_store(store.con)
    unused = own.code_for(99, _free)  # well formed, never given: its number has no save
    another = ReceiptCodes(secrets.token_bytes(32)).code_for(3, _free)  # another store's
    for code in (unused, another):
        with pytest.raises(UnknownRecord):
            visit_rows.find_consent(store.con, code)


def test_a_code_made_ahead_for_a_number_taken_meanwhile_is_made_again(
    store: CounterStore,
) -> None:
    earlier = _consent(store, 1)
    store.prepare_seal()  # the number step opens: the code of the next number is made
    ahead = store._drawn
    assert ahead is not None
    store.withdraw(earlier)  # meanwhile a withdrawal takes that number
    code = _consent(store, 2)
    seq = store.con.execute("SELECT max(seq) FROM saves").fetchone()[0]
    assert seq == ahead.seq + 1 and code != ahead.code
    assert receipt_codes.of_store(store.con).seq_of(code) == seq
    assert visit_rows.find_consent(store.con, code)[0]


def test_a_code_given_before_schema_10_is_never_given_again(store: CounterStore) -> None:
    nxt = store.con.execute("SELECT max(seq) FROM saves").fetchone()[0] or 0
    own = receipt_codes.of_store(store.con)
    clash = own.code_for(nxt + 1, _free)  # what the next save would get, given long ago
    store.con.execute("INSERT INTO legacy_receipts(receipt, seq) VALUES (?, ?)", (clash, 10**6))
    store.prepare_seal()
    code = _consent(store, 5)
    assert code != clash and own.seq_of(code) == nxt + 1
    assert visit_rows.find_consent(store.con, code)[0]
