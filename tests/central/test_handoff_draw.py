"""Properties of the draw (handoff/draw.py), for any candidates, seed and quotas: the
result depends on the seed and the data only (not on the order rows come in), each
stratum gets its quota or everything it could give, no number twice, nothing excluded."""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from mpp_counter.central.handoff import draw
from mpp_counter.central.handoff.spec import Quotas
from mpp_counter.central.number_index import NumberIndex

STRATA = [("DUKCAPIL", "BKL01"), ("DUKCAPIL", "SBY02"), ("IMIGRASI", "BKL01")]


@st.composite
def cases(draw_: st.DrawFn) -> dict:
    n = draw_(st.integers(0, 40))
    rows = [
        (
            f"c{i:03d}",
            draw_(st.sampled_from(STRATA)),
            draw_(st.one_of(st.none(), st.integers(0, 25).map(lambda k: f"+6281200000{k:04d}"))),
        )
        for i in range(n)
    ]
    return {
        "rows": rows,
        "seed": draw_(st.binary(min_size=16, max_size=16)).hex(),
        "default": draw_(st.integers(0, 6)),
        "per": draw_(st.dictionaries(st.sampled_from(STRATA), st.integers(0, 6), max_size=2)),
        "k": draw_(st.integers(2, 4)),
        "earlier": draw_(st.sets(st.integers(0, 25).map(lambda k: f"+6281200000{k:04d}"))),
        "shuffle": draw_(st.randoms(use_true_random=False)),
    }


def _run(case: dict, rows: list) -> draw.Walk:
    numbers = {cid: num for cid, _, num in rows}
    counts = Counter(num for _, _, num in rows if num is not None)

    def reason(number: str) -> str | None:
        if number in case["earlier"]:
            return "earlier"
        return "suspicious" if counts[number] >= case["k"] else None

    def opener(ids: list[str]) -> list[tuple[str, str | None]]:
        return [(cid, numbers[cid]) for cid in ids]

    quotas = Quotas(case["default"], tuple(sorted(case["per"].items())))
    order = draw.ordered(case["seed"], ((cid, s) for cid, s, _ in rows))
    with NumberIndex() as taken:
        return draw.walk(order, quotas, opener, reason, taken)


@settings(max_examples=300, deadline=None)
@given(cases())
def test_the_draw_is_determined_by_seed_and_data_and_meets_its_quotas(case: dict) -> None:
    rows = case["rows"]
    first = _run(case, rows)
    shuffled = list(rows)
    random.Random(case["shuffle"].random()).shuffle(shuffled)
    assert _run(case, shuffled) == first  # the rows' order in the database does not matter

    stratum_of = {cid: s for cid, s, _ in rows}
    numbers = {cid: num for cid, _, num in rows}
    counts = Counter(num for _, _, num in rows if num is not None)
    taken = [num for s in first.strata for _, num in s.taken]
    assert len(taken) == len(set(taken))  # no number twice, across strata too
    for s in first.strata:
        assert len(s.taken) <= s.quota
        assert all(stratum_of[cid] == s.stratum for cid, _ in s.taken)
        assert all(
            num not in case["earlier"] and counts[num] < case["k"] for _, num in s.taken
        )  # nothing excluded slips in
        keys = [draw.order_key(case["seed"], cid) for cid, _ in s.taken]
        assert keys == sorted(keys)  # taken in the seed's order
        if s.short:  # every candidate left behind could not be taken
            got = {cid for cid, _ in s.taken}
            for cid in (c for c, st_, _ in rows if st_ == s.stratum and c not in got):
                num = numbers[cid]
                assert (
                    num is None
                    or num in case["earlier"]
                    or counts[num] >= case["k"]
                    or (num in taken)
                )
    assert sum(len(s.taken) for s in first.strata) + sum(first.skipped.values()) <= len(rows)
