"""The seen-numbers index (central/number_index.py) counts like a plain Counter, in
memory and once spilled to disk, and nothing readable of a number reaches its files."""

from __future__ import annotations

import os
import stat
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mpp_counter.central.number_index import NumberIndex

from ._support import phone

NUMBERS = st.integers(0, 60).map(phone)  # a small range: many repeats


@settings(max_examples=80, deadline=None)
@given(ops=st.lists(st.tuples(st.booleans(), NUMBERS), max_size=120), limit=st.integers(1, 12))
def test_counts_like_a_counter(ops: list[tuple[bool, str]], limit: int) -> None:
    plain: Counter[str] = Counter()
    with NumberIndex(limit=limit) as ix:
        for adding, number in ops:
            if adding:
                plain[number] += 1
                assert ix.add(number) == plain[number]
            else:
                assert ix.count(number) == plain[number]
        for n in range(61):
            assert ix.count(phone(n)) == plain[phone(n)]


def forms(number: str) -> list[bytes]:
    """Every way a number could be written down: E.164, without +, local, its tail."""
    digits = number.removeprefix("+")
    texts = [number, digits, "0" + digits[2:], digits[-8:]]
    return [t.encode(enc) for t in texts for enc in ("ascii", "utf-16-le")]


def test_spills_to_a_private_file_that_holds_no_number(tmp_path: Path) -> None:
    numbers = [phone(n) for n in range(2_000)]
    with NumberIndex(limit=100, temp_dir=tmp_path) as ix:
        for number in numbers + numbers[:700]:
            ix.add(number)
        where = ix.spilled
        assert where is not None and where.parent == tmp_path
        assert stat.S_IMODE(os.stat(where).st_mode) == 0o700
        files = [p for p in where.rglob("*") if p.is_file()]
        data = b"".join(p.read_bytes() for p in files)
        assert len(data) > 2_000 * 16  # the digests really are on disk
        for number in numbers:
            for form in forms(number):
                assert form not in data, number
        assert ix.count(phone(5)) == 2 and ix.count(phone(1_500)) == 1
        assert ix.count(phone(9_999)) == 0
    assert not where.exists()  # gone with the index
    assert list(tmp_path.iterdir()) == []


def test_two_runs_digest_differently() -> None:
    """The key is per run: a digest from one run says nothing in another."""
    with NumberIndex() as a, NumberIndex() as b:
        assert a.digest(phone(1)) != b.digest(phone(1))
        assert a.digest(phone(1)) == a.digest(phone(1))


def test_below_the_limit_nothing_touches_the_disk(tmp_path: Path) -> None:
    with NumberIndex(limit=1_000, temp_dir=tmp_path) as ix:
        for n in range(999):
            assert ix.add(phone(n)) == 1
        assert ix.spilled is None
        assert list(tmp_path.iterdir()) == []
