"""Two ``mpp-central serve`` processes on one PostgreSQL share one rate limit and one
set of enrolment codes: an attacker who alternates between them gets no more tries, and
a code raced at both is spent once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from mpp_counter.central import db
from mpp_counter.central.limits import SharedRateLimiter
from mpp_counter.domain.receipt import new_code, new_secret

from ._support import Central, cli, new_pg_database

RATE = 6


@pytest.fixture
def two_centrals(pg_admin_url: str, tmp_path: Path) -> Iterator[tuple[Central, Central]]:
    url = new_pg_database(pg_admin_url)
    cli(url, "init")
    cli(
        url,
        "campaign",
        "create",
        "--id",
        "SPI-2026",
        "--name",
        "Survei SPI 2026",
        "--private-key-out",
        str(tmp_path / "campaign-key.json"),
    )
    limits = {"MPP_CENTRAL_ENROL_RATE": str(RATE), "MPP_CENTRAL_RECEIPT_RATE": str(RATE)}
    a = Central(url, tmp_path, extra_env=limits).start()
    b = Central(url, tmp_path, extra_env=limits)
    try:
        b.start()
        yield a, b
    finally:
        a.stop()
        b.stop()


def test_enrolment_guesses_alternated_between_two_processes_share_one_limit(
    two_centrals: tuple[Central, Central],
) -> None:
    statuses = []
    for i in range(4 * RATE):
        central = two_centrals[i % 2]
        r = requests.post(
            central.url + "/api/v1/enrol",
            timeout=10,
            json={"code": "ABCD-EFGH-JKMN", "client_version": "guess"},
        )
        statuses.append(r.status_code)
    assert set(statuses) == {403, 429}
    tried = statuses.count(403)
    assert tried <= RATE + 1, statuses  # per-process limiters would allow 2 × RATE
    assert 429 in statuses[0::2] and 429 in statuses[1::2]  # both processes refuse


def test_receipt_guesses_alternated_between_two_processes_share_one_limit(
    two_centrals: tuple[Central, Central],
) -> None:
    statuses = [
        requests.get(
            f"{two_centrals[i % 2].url}/r/{new_code()}/{new_secret()}", timeout=10
        ).status_code
        for i in range(4 * RATE)
    ]
    assert set(statuses) == {404, 429}
    assert statuses.count(404) <= RATE + 1, statuses


def test_one_code_raced_at_two_processes_enrols_one_device(
    two_centrals: tuple[Central, Central],
) -> None:
    a, b = two_centrals
    for round_ in range(3):
        code = a.cli(
            "enrol-code", "--mpp", "BKL01", "--counter", f"Loket {round_}"
        ).stdout.splitlines()[-1]
        start = threading.Barrier(2)
        answers: list[int] = []
        threads = [threading.Thread(target=_enrol, args=(c, code, start, answers)) for c in (a, b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(answers) == [200, 403]
    engine = db.make_engine(a.db_url)
    try:
        with engine.connect() as conn:
            assert len(conn.execute(db.devices.select()).all()) == 3
    finally:
        engine.dispose()


def _enrol(central: Central, code: str, start: threading.Barrier, answers: list[int]) -> None:
    start.wait()
    r = requests.post(
        central.url + "/api/v1/enrol", timeout=30, json={"code": code, "client_version": "race"}
    )
    answers.append(r.status_code)


def test_the_window_slides_across_the_minute(sqlite_url: str) -> None:
    engine = db.make_engine(sqlite_url)
    now = [6000.0 + 50]  # 50 s into a minute
    limiter = SharedRateLimiter(engine, "t", 4, clock=lambda: now[0])
    try:
        assert [limiter.allow("1.2.3.4") for _ in range(5)] == [True] * 4 + [False]
        assert limiter.allow("5.6.7.8")  # another client has its own count
        now[0] += 15  # 5 s into the next minute: last minute's 5 hits still count ~92 %
        assert not limiter.allow("1.2.3.4")
        now[0] += 60 + 50  # long after: a fresh start
        assert limiter.allow("1.2.3.4")
    finally:
        engine.dispose()
