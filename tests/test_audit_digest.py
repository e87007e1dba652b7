"""The audit chain's digest is SHA-256 of the previous hash and the entry as
``json.dumps(..., ensure_ascii=False)``; the store builds that text itself (every save
makes one), so here it is checked against json.dumps on random entries."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from mpp_counter.domain import receipt, record_ids
from mpp_counter.store import audit


def _reference(prev: str, seq: int, at: str, actor: str, action: str, detail: str) -> str:
    body = json.dumps([seq, at, actor, action, detail], ensure_ascii=False)
    return hashlib.sha256((prev + body).encode("utf-8")).hexdigest()


hashes = st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)
seqs = st.integers(min_value=1, max_value=2**62)
names = st.text(max_size=40)  # a clerk's name: any text, quotes and controls included
times = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
).map(datetime.isoformat)


@settings(max_examples=500)
@given(prev=hashes, seq=seqs, at=times, actor=names, action=names, detail=names)
def test_the_digest_is_the_json_of_the_entry(
    prev: str, seq: int, at: str, actor: str, action: str, detail: str
) -> None:
    assert audit.digest(prev, seq, at, actor, action, detail) == _reference(
        prev, seq, at, actor, action, detail
    )


@settings(max_examples=500)
@given(
    prev=hashes,
    seq=st.integers(min_value=1, max_value=2**32 - 1),
    at=times,
    actor=names,
    outcome=st.sampled_from(["agreed", "declined", "not_asked"]),
    bits=st.integers(min_value=0, max_value=2**40 - 1),
)
def test_a_save_digest_is_the_same_as_the_general_one(
    prev: str, seq: int, at: str, actor: str, outcome: str, bits: int
) -> None:
    visit_id = record_ids.new_id(None, seq)
    code = receipt.from_bits(bits)
    detail = f"visit {visit_id} {outcome}" + (f" receipt {code}" if code else "")
    assert audit.save_digest(prev, seq, at, actor, detail) == _reference(
        prev, seq, at, actor, "save", detail
    )
