"""kill -9 of the central mid-batch, restarted on the same database: exactly once.

A poster sends batches (raw protocol requests, records built as a counter builds them)
and retries each, byte for byte, until it gets an answer; meanwhile the server is
killed while a batch is in flight and restarted. Whatever moment the kill hit (before
COMMIT: nothing stored; after COMMIT, before the answer: the replay returns the stored
answer), every record must end up stored exactly once and acknowledged exactly once.
"""

from __future__ import annotations

import json
import random
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from central._support import Central, Device, phone
from central.conftest import _central, db_url, pg_admin_url  # noqa: F401 - fixtures
from mpp_counter.central import db as central_db

BATCHES = 24
PER_BATCH = 150  # 1/3 consents: big enough that a kill lands inside the transaction
KILLS = 6


def make_batches(dev: Device, rnd: random.Random) -> list[bytes]:
    out = []
    n = 0
    for _ in range(BATCHES):
        records: list[dict[str, Any]] = []
        while len(records) < PER_BATCH:
            if len(records) < PER_BATCH - 1 and rnd.random() < 0.5:
                v, c, _ = dev.agreed(phone(n % 10000))
                records += [v, c]
                n += 1
            else:
                records.append(dev.visit(rnd.choice(["declined", "not_asked"])))
        out.append(json.dumps(dev.batch(records)).encode())
    return out


class Poster(threading.Thread):
    """Posts every batch until answered, then replays them (answered: the stored answer)
    until told to stop, so a request is in flight for every kill however fast the
    central stores and restarts; tells the killer when a request is in flight."""

    def __init__(self, dev: Device, bodies: list[bytes]) -> None:
        super().__init__(daemon=True)
        self.dev, self.bodies = dev, bodies
        self.answers: list[dict[str, Any]] = []
        self.replays_differing = 0  # a replayed batch answered otherwise than the first time
        self.in_flight = threading.Event()
        self.done = threading.Event()
        self.failures = 0
        self.error: BaseException | None = None
        self._deadline = time.monotonic() + 150

    def _post(self, body: bytes) -> dict[str, Any] | None:
        assert time.monotonic() < self._deadline, "the poster never got through"
        self.in_flight.set()
        try:
            r = self.dev.post(body, timeout=20)
        except requests.RequestException:
            r = None
        finally:
            self.in_flight.clear()
        if r is not None and r.status_code == 200:
            answer: dict[str, Any] = r.json()
            return answer
        assert r is None or r.status_code >= 500, r.text
        self.failures += 1
        time.sleep(0.05)
        return None

    def run(self) -> None:
        try:
            for body in self.bodies:
                while (answer := self._post(body)) is None:
                    pass
                self.answers.append(answer)
            i = 0
            while not self.done.is_set():
                again = self._post(self.bodies[i % len(self.bodies)])
                if again is not None and again != self.answers[i % len(self.bodies)]:
                    self.replays_differing += 1
                i += 1
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test thread
            self.error = exc


def stored_ids(url: str) -> dict[str, list[str]]:
    engine = central_db.make_engine(url)
    try:
        with engine.connect() as conn:
            out = {}
            for name, table in (("visit", central_db.visits), ("consent", central_db.consents)):
                ids = [r[0] for r in conn.execute(select(table.c.id))]
                total = conn.execute(select(func.count()).select_from(table)).scalar_one()
                assert total == len(ids)
                out[name] = ids
            return out
    finally:
        engine.dispose()


@pytest.fixture
def live(db_url: str, tmp_path: Path) -> Central:  # noqa: F811 - imported fixture
    c = _central(db_url, tmp_path)
    yield c
    c.stop()


def test_kill9_mid_batch_stores_every_record_once(live: Central) -> None:
    rnd = random.Random(20261125)
    dev = live.enrol()
    bodies = make_batches(dev, rnd)
    sent = [json.loads(b)["records"] for b in bodies]
    poster = Poster(dev, bodies)
    poster.start()
    kills = 0
    while poster.is_alive() and kills < KILLS:  # the poster replays until the last kill
        if not poster.in_flight.wait(timeout=1):
            continue
        time.sleep(rnd.uniform(0.0, 0.15))  # somewhere inside the request
        live.kill9()
        kills += 1
        time.sleep(rnd.uniform(0.0, 0.3))  # the poster meets a dead port meanwhile
        live.start()
    poster.done.set()
    poster.join(180)
    assert poster.error is None, poster.error
    assert not poster.is_alive()
    assert kills == KILLS and poster.failures >= KILLS
    assert poster.replays_differing == 0  # a replay gets the answer the batch first got

    assert len(poster.answers) == BATCHES
    accepted: list[str] = []
    for records, answer in zip(sent, poster.answers, strict=True):
        ids = [r["id"] for r in records]
        # a replay after a kill returns the stored answer: nothing reported twice
        assert answer["duplicate"] == [] and answer["rejected"] == []
        assert sorted(answer["accepted"]) == sorted(ids)
        accepted += answer["accepted"]
    assert len(accepted) == len(set(accepted)) == BATCHES * PER_BATCH

    stored = stored_ids(live.db_url)
    visits = {r["id"] for rs in sent for r in rs if r["kind"] == "visit"}
    consents = {r["id"] for rs in sent for r in rs if r["kind"] == "consent"}
    assert sorted(stored["visit"]) == sorted(visits)
    assert sorted(stored["consent"]) == sorted(consents)
    s = json.loads(live.cli("stats", "--json").stdout)
    assert (s["visits"], s["consents"], s["batches"]) == (len(visits), len(consents), BATCHES)
