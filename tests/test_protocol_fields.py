"""The protocol's field checks keep their answers with the fast paths taken for the common
case (one scan for unstorable characters, canonical UUIDs passed through)."""

from __future__ import annotations

import pytest

from mpp_counter.protocol.fields import RecordInvalid, text, uuid_field

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
