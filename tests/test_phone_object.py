"""A number checked where it was typed (``phone.parse``) goes to the store as it is, not
parsed again; nothing else can pass for one, and it never shows the full number."""

from __future__ import annotations

import dataclasses
import logging

import pytest

from mpp_counter.domain import phone
from mpp_counter.domain.errors import BadInput, InvalidPhone
from mpp_counter.domain.records import Outcome
from mpp_counter.store.counter import CounterStore


def test_only_parse_makes_one_and_it_shows_the_masked_form_only(caplog) -> None:  # type: ignore[no-untyped-def]
    n = phone.parse("0812-0000-1234")
    assert n.e164 == "+6281200001234" and phone.e164_of(n) == n.e164
    with pytest.raises(TypeError):
        phone.MobileNumber("+6281200001234", object())  # type: ignore[arg-type]
    with pytest.raises(InvalidPhone):
        dataclasses.replace(n, e164="+1 555 0100")  # the token travels, the shape does not
    with pytest.raises(InvalidPhone):
        phone.parse("0812-345")
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("t").warning("saving %s / %r / %s", n, n, [n])
    for shown in (str(n), repr(n), f"{n}", caplog.text):
        assert "1200001234" not in shown.replace("-", "")
        assert "08xx-xxxx-1234" in shown


def test_the_store_takes_a_checked_number_and_still_checks_typed_text(
    store: CounterStore,
) -> None:
    r = store.record("DUK-KTP", Outcome.AGREED, phone=phone.parse("0812-0000-1234"))
    assert r.receipt and store.today()[-1].phone_masked == "08xx-xxxx-1234"
    assert store.seen_today(phone.parse("0812 0000 1234"))  # the day's hint learnt it
    store.prepare_seal()
    r2 = store.record("DUK-KTP", Outcome.AGREED, phone="+62 812-0000-1235")  # typed text
    assert r2.receipt
    for garbage in ("0812-345", "021 555 1234", "0812; DROP TABLE visits", "x" * 500):
        with pytest.raises(InvalidPhone):
            store.record("DUK-KTP", Outcome.AGREED, phone=garbage)
    with pytest.raises(BadInput):
        store.record("DUK-KTP", Outcome.DECLINED, phone=phone.parse("0812-0000-1236"))
    assert len(store.today()) == 2  # nothing half-saved by the refusals
