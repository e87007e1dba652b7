"""The flag rules: an outlier planted among peers is flagged, a uniform group is not,
a small sample never is; the time rules on a real central database."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mpp_counter.central import db
from mpp_counter.central.integrity import aggregates
from mpp_counter.central.integrity import flags as fl
from mpp_counter.central.integrity.report import Filters
from mpp_counter.central.integrity.timing import clerk_flags, closing_flags

from ._support import cli

F = Filters()


def line(i: int, visits: int, asked: int, agreed: int, service: str = "DUK-KTP") -> fl.Line:
    declined = asked - agreed
    return fl.Line(
        "BKL01", f"Loket {i}", "DUKCAPIL", service, visits, agreed, declined, visits - asked
    )


@st.composite
def peer_group(draw: Any, spread: float = 0.05) -> list[fl.Line]:
    """MIN_PEERS..20 lines whose asked and consent rates sit within ``spread`` of a
    common rate."""
    n = draw(st.integers(fl.MIN_PEERS, 20))
    p_ask = draw(st.floats(0.55, 0.9))
    p_agree = draw(st.floats(0.2, 0.6))
    out = []
    for i in range(n):
        visits = draw(st.integers(60, 400))
        asked = round(visits * (p_ask + draw(st.floats(-spread, spread))))
        agreed = round(asked * (p_agree + draw(st.floats(-spread, spread))))
        out.append(line(i, visits, asked, agreed))
    return out


def kinds(found: list[fl.Flag]) -> set[tuple[str, str]]:
    return {(x.kind, x.counter) for x in found}


@settings(max_examples=200, deadline=None)
@given(peer_group())
def test_a_uniform_group_is_not_flagged(group: list[fl.Line]) -> None:
    assert fl.line_flags(group, F) == []


@settings(max_examples=200, deadline=None)
@given(peer_group(), st.integers(80, 400), st.floats(0.0, 0.15))
def test_a_counter_that_rarely_asks_is_flagged(
    group: list[fl.Line], visits: int, rate: float
) -> None:
    asked = round(visits * rate)
    found = fl.line_flags([*group, line(99, visits, asked, asked // 2)], F)
    assert kinds(found) >= {("asked_low", "Loket 99")}
    assert {c for _, c in kinds(found)} == {"Loket 99"}
    x = next(x for x in found if x.kind == "asked_low")
    assert f"{asked} dari {visits}" in x.text_id and f"{asked} of {visits}" in x.text_en
    assert dict(x.rows)["counter"] == "Loket 99"


@settings(max_examples=200, deadline=None)
@given(peer_group(), st.integers(80, 400))
def test_a_counter_that_records_only_consents_is_flagged(group: list[fl.Line], visits: int) -> None:
    found = fl.line_flags([*group, line(99, visits, visits, visits)], F)
    assert ("only_consents", "Loket 99") in kinds(found)
    assert ("consent_high", "Loket 99") in kinds(found)
    assert {c for _, c in kinds(found)} == {"Loket 99"}


@settings(max_examples=200, deadline=None)
@given(peer_group(), st.integers(1, fl.MIN_VISITS - 1))
def test_a_small_counter_is_never_flagged(group: list[fl.Line], visits: int) -> None:
    for extreme in (line(99, visits, 0, 0), line(99, visits, visits, visits)):
        assert all(x.counter != "Loket 99" for x in fl.line_flags([*group, extreme], F))


@given(st.lists(st.integers(80, 400), min_size=1, max_size=fl.MIN_PEERS - 2))
def test_too_few_peers_flag_nothing(sizes: list[int]) -> None:
    group = [line(i, v, round(0.7 * v), round(0.3 * v)) for i, v in enumerate(sizes)]
    assert fl.line_flags([*group, line(99, 200, 0, 0)], F) == []


@given(st.integers(0, 40), st.integers(0, 40), st.floats(0.01, 0.99))
def test_binomial_tail_matches_the_sum(k: int, n: int, p: float) -> None:
    k = min(k, n)
    pmf = [math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(n + 1)]
    assert math.isclose(fl.binom_tail(k, n, p, True), min(1.0, sum(pmf[k:])), rel_tol=1e-6)
    assert math.isclose(fl.binom_tail(k, n, p, False), min(1.0, sum(pmf[: k + 1])), rel_tol=1e-6)


# --- the time rules, on the counts table of a real central database --------------------


def _counts(tmp_path: Path, rows: list[dict[str, Any]]) -> Any:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    cli(url, "init")
    engine = db.make_engine(url)
    base = {c: 0 for c in aggregates.COUNTS}
    with engine.begin() as conn:
        conn.execute(
            aggregates.integrity_counts.insert(),
            [
                {"agency": "DUKCAPIL", "service": "DUK-KTP", "mpp": "BKL01", **base, **r}
                for r in rows
            ],
        )
    return engine


def _day(counter: str, day: str, per_hour: dict[int, tuple[int, int]], clerk: str = "Sari"):
    return [
        {
            "counter": counter,
            "clerk": clerk,
            "local_date": day,
            "hour": h,
            "visits": v,
            "agreed": a,
            "declined": v - a,
        }
        for h, (v, a) in per_hour.items()
    ]


def test_consents_bunched_at_closing_time_are_flagged(tmp_path: Path) -> None:
    even = {h: (12, 4) for h in range(8, 16)}  # 32 consents spread like the visits
    bunched = {**{h: (10, 0) for h in range(8, 15)}, 15: (30, 24)}  # 24 of 24 at 15.00
    engine = _counts(
        tmp_path, _day("Loket 1", "2026-03-02", even) + _day("Loket 2", "2026-03-02", bunched)
    )
    with engine.connect() as conn:
        found = closing_flags(conn, F)
    engine.dispose()
    assert [(x.kind, x.counter, x.day) for x in found] == [
        ("closing_bunch", "Loket 2", "2026-03-02")
    ]
    assert "100% persetujuan" in found[0].text_id and "15.00" in found[0].text_id
    assert dict(found[0].rows)["hour"] == "15"


def test_few_consents_at_closing_are_not_judged(tmp_path: Path) -> None:
    few = {**{h: (10, 0) for h in range(8, 15)}, 15: (10, fl.CLOSE_MIN_CONSENTS - 1)}
    engine = _counts(tmp_path, _day("Loket 1", "2026-03-02", few))
    with engine.connect() as conn:
        assert closing_flags(conn, F) == []
    engine.dispose()


def test_a_clerk_whose_visits_stop_while_the_counter_goes_on(tmp_path: Path) -> None:
    rows = []
    for d in range(2, 8):
        day = f"2026-03-0{d}"
        rows += _day("Loket 1", day, {9: (10, 3)}, clerk="Budi")  # every day
        if d <= 4:
            rows += _day("Loket 1", day, {10: (15, 5)}, clerk="Sari")  # stops after the 4th
        rows += _day("Loket 2", day, {9: (20, 5)}, clerk="Ani")
    engine = _counts(tmp_path, rows)
    with engine.connect() as conn:
        found = clerk_flags(conn, F)
    engine.dispose()
    assert [(x.kind, x.counter, x.clerk, x.day) for x in found] == [
        ("clerk_stopped", "Loket 1", "Sari", "2026-03-04")
    ]
    assert "sejak 2026-03-04" in found[0].text_id and "30 visits on 3 days" in found[0].text_en


def test_the_national_baseline_is_cached_for_a_minute(tmp_path: Path) -> None:
    """The clock is injected: a counter planted after the baseline was computed shows
    its flag once CACHE_SECONDS have passed (and the background refresh ran), not before."""
    from mpp_counter.central.integrity import service

    rows = []
    for i in range(1, 6):
        rows += _day(f"Loket {i}", "2026-03-02", {9: (30, 9), 10: (30, 9)})  # 60% asked
    engine = _counts(tmp_path, rows)
    try:
        now = [1000.0]
        first = service.run(engine, Filters(), clock=lambda: now[0])
        assert first.flags == ()
        with engine.begin() as conn:
            conn.execute(
                aggregates.integrity_counts.insert(),
                [
                    {
                        "mpp": "BKL01",
                        "counter": "Loket 9",
                        "agency": "DUKCAPIL",
                        "service": "DUK-KTP",
                        "clerk": "Sari",
                        "local_date": "2026-03-02",
                        "hour": 9,
                        **{c: 0 for c in aggregates.COUNTS},
                        "visits": 60,
                        "not_asked": 60,
                        "na_other": 60,
                    }
                ],
            )
        now[0] += service.CACHE_SECONDS - 1
        assert service.run(engine, Filters(), clock=lambda: now[0]).flags == ()
        now[0] += 2
        stale = service.run(engine, Filters(), clock=lambda: now[0])
        assert stale.flags == ()  # answered at once from the old baseline …
        service.settle()  # … while the next one was computed in the background
        later = service.run(engine, Filters(), clock=lambda: now[0])
        assert [(x.kind, x.counter) for x in later.flags] == [("asked_low", "Loket 9")]
    finally:
        engine.dispose()


def test_every_text_the_integrity_templates_build_is_registered() -> None:
    """Keys the templates build as "iq_kind_" ~ kind, "iq_reason_" ~ reason and so on."""
    from mpp_counter.central.console import texts
    from mpp_counter.central.console.routes import build_router
    from mpp_counter.domain.records import NOT_ASKED_REASONS, Outcome

    build_router(None)  # type: ignore[arg-type]
    catalogue = texts.catalogue()
    built = (
        [f"iq_kind_{k}" for k in fl.KINDS]
        + [f"iq_reason_{r}" for r in NOT_ASKED_REASONS]
        + [f"iq_outcome_{o.value}" for o in Outcome]
        + [f"iq_col_{c}" for c in ("mpp", "agency", "counter", "clerk", "day")]
    )
    assert [k for k in built if k not in catalogue] == []
    for key in ("iq_bad_date", "iq_unknown_mpp", "iq_bad_number"):
        assert catalogue[key][0] != catalogue[key][1]  # really Indonesian


def test_csv_cells_a_counter_typed_are_inert(tmp_path: Path) -> None:
    """A clerk or counter name that starts like a spreadsheet formula gets an apostrophe."""
    import csv
    import io

    from mpp_counter.central.integrity import output, service

    engine = _counts(
        tmp_path,
        _day("@SUM(A1)", "2026-03-02", {9: (5, 1)}, clerk='=HYPERLINK("x")')
        + _day("Loket 1", "2026-03-02", {9: (5, 1)}, clerk="-1+2"),
    )
    try:
        got = list(csv.reader(io.StringIO(output.to_csv(service.run(engine, Filters())))))
    finally:
        engine.dispose()
    cells = {c for row in got for c in row}
    assert "'@SUM(A1)" in cells and '\'=HYPERLINK("x")' in cells and "'-1+2" in cells
    assert not any(c and c[0] in "=+-@" for row in got[1:] for c in row[:6])
