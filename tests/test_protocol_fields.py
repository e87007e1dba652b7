"""The protocol's field checks keep their answers with the fast paths taken for the common
case (one scan for unstorable characters, canonical UUIDs and receipt codes passed
through)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mpp_counter.domain import receipt
from mpp_counter.domain.errors import InvalidReceipt
from mpp_counter.protocol.fields import RecordInvalid, receipt_field, text, uuid_field

U = "0f8b1a52-3c4d-4e5f-8a9b-0c1d2e3f4a5b"


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("Sari\x00", "control characters"),
        ("Sa\x1fri", "control characters"),
        ("Sari\x7f", "control characters"),
        ("Sari\ud800", "not valid Unicode"),
        ("\ud800\x01", "control characters"),
    ],
)
def test_unstorable_text_is_named_for_what_it_is(value: str, why: str) -> None:
    with pytest.raises(RecordInvalid) as exc:
        text({"clerk": value}, "clerk")
    assert why in exc.value.message and value not in exc.value.message


def test_ordinary_text_passes_unchanged() -> None:
    assert text({"clerk": "Sari Dewi — loket ①"}, "clerk") == "Sari Dewi — loket ①"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (U, U),
        (U.upper(), U),  # the canonical lowercase form is what is stored
        ("0f8b1a523c4d-4e5f-8a9b-0c1d2e3f4a5b-", U),  # uuid.UUID's looser reading, kept
    ],
)
def test_uuids_come_out_canonical(value: str, expected: str) -> None:
    assert uuid_field({"id": value}, "id") == expected


@pytest.mark.parametrize("value", ["", U[:-1] + "g", U + "0", "x" * 36, 36])
def test_malformed_uuids_are_refused(value: object) -> None:
    with pytest.raises(RecordInvalid):
        uuid_field({"id": value}, "id")


def _receipt_the_long_way(value: object) -> str | None:
    """What receipt_field answered before its fast path: the canonical form or None."""
    try:
        canonical = receipt.parse(value)
    except InvalidReceipt:
        return None
    return canonical if canonical == value else None


_RECEIPTISH = receipt.CHECK_ALPHABET + "oil -.\t"


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.builds(lambda n: receipt.new_code(random.Random(n)), st.integers(0, 2**32)),
        st.text(alphabet=_RECEIPTISH, max_size=14),
        st.builds(
            lambda n, i, c: (lambda s: s[:i] + c + s[i + 1 :])(receipt.new_code(random.Random(n))),
            st.integers(0, 2**32),
            st.integers(0, 10),
            st.sampled_from(_RECEIPTISH),
        ),
    )
)
def test_receipt_field_fast_path_answers_as_the_full_parse(value: str) -> None:
    expected = _receipt_the_long_way(value)
    if expected is None:
        with pytest.raises(RecordInvalid):
            receipt_field({"receipt": value}, "receipt")
    else:
        assert receipt_field({"receipt": value}, "receipt") == expected


@pytest.mark.parametrize("value", ["", " ", "\t\n", "\u2003", " \u00a0 "])
def test_blank_text_is_refused(value: str) -> None:
    with pytest.raises(RecordInvalid):
        text({"clerk": value}, "clerk")
