"""Voided visits at the central, over real HTTP (issue 13: a correction so counts stay
true). A voided visit is not counted; a voided consent is withdrawn and its sealed number
deleted as a withdrawal deletes it; the same void twice changes nothing; a device cannot
void another counter's visit."""

from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import UTC, datetime
from typing import Any

import requests
from sqlalchemy import create_engine, select

from mpp_counter.central import db

from ._support import Central, Device, iso, phone


def stats(central: Central) -> dict[str, int]:
    return json.loads(central.cli("stats", "--json").stdout)


def consent_row(central: Central, consent_id: str) -> Any:
    engine = create_engine(db.normalize_url(central.db_url))
    try:
        with engine.connect() as conn:
            return conn.execute(select(db.consents).where(db.consents.c.id == consent_id)).one()
    finally:
        engine.dispose()


def void(dev: Device, visit_id: str, reason: str = "wrong_number") -> dict[str, Any]:
    return {
        "kind": "void",
        "id": str(uuid.uuid4()),
        "seq": dev.next_seq(),
        "at": iso(datetime.now(UTC)),
        "visit_id": visit_id,
        "reason": reason,
        "mpp": dev.mpp,
        "counter": dev.counter,
        "clerk": "Sari",
    }


def aggregate(central: Central) -> dict[str, tuple[str, str, str]]:
    out = central.cli("export-aggregate").stdout
    return {
        r["clerk"]: (r["visits"], r["asked"], r["agreed"]) for r in csv.DictReader(io.StringIO(out))
    }


def test_a_voided_consent_is_withdrawn_its_number_deleted_and_not_counted(central: Central) -> None:
    dev = central.enrol()
    v, c, _ = dev.agreed(phone(21))
    declined = dev.visit("declined")
    assert set(dev.post(dev.batch([v, c, declined])).json()["accepted"]) == {
        v["id"],
        c["id"],
        declined["id"],
    }
    assert stats(central)["visits"] == 2 and aggregate(central)["Sari"] == ("2", "2", "1")
    assert consent_row(central, c["id"]).phone_sealed is not None

    vd = void(dev, v["id"])
    answer = dev.post(dev.batch([vd])).json()
    assert answer["accepted"] == [vd["id"]] and answer["rejected"] == []
    row = consent_row(central, c["id"])
    assert row.phone_sealed is None and row.withdrawn_at is not None
    s = stats(central)
    assert (s["visits"], s["voided"], s["withdrawn"]) == (1, 1, 1)
    assert aggregate(central)["Sari"] == ("1", "1", "0")  # the declined visit alone
    # its counter learns it from the withdrawal feed, like any withdrawal
    feed = requests.get(
        f"{central.url}/api/v1/withdrawn", params={"after": 0}, headers=dev.auth, timeout=10
    ).json()
    assert [n["consent_id"] for n in feed["withdrawn"]] == [c["id"]]

    # the same void again, in a new batch and replayed verbatim: nothing changes
    again = dev.post(dev.batch([vd])).json()
    assert again["duplicate"] == [vd["id"]] and again["accepted"] == []
    second = void(dev, v["id"])  # a second void record of the same visit
    assert dev.post(dev.batch([second])).json()["accepted"] == [second["id"]]
    s2 = stats(central)
    assert (s2["visits"], s2["voided"], s2["withdrawn"]) == (1, 1, 1)
    assert consent_row(central, c["id"]).withdrawn_at == row.withdrawn_at


def test_a_device_cannot_void_another_counters_visit(central: Central) -> None:
    a = central.enrol("BKL01", "Loket 1")
    b = central.enrol("SBY02", "Loket 3")
    v, c, _ = a.agreed(phone(22))
    assert len(a.post(a.batch([v, c])).json()["accepted"]) == 2
    attack = void(b, v["id"])
    answer = b.post(b.batch([attack])).json()
    assert answer["accepted"] == [] and [r["id"] for r in answer["rejected"]] == [attack["id"]]
    assert "another counter" in answer["rejected"][0]["reason"]
    row = consent_row(central, c["id"])
    assert row.phone_sealed is not None and row.withdrawn_at is None
    assert stats(central)["visits"] == 1 and stats(central)["voided"] == 0


def test_a_void_before_its_visit_arrives_applies_on_arrival(central: Central) -> None:
    dev = central.enrol()
    v, c, _ = dev.agreed(phone(23))
    vd = void(dev, v["id"], "duplicate: entered twice")
    assert dev.post(dev.batch([vd])).json()["accepted"] == [vd["id"]]
    assert len(dev.post(dev.batch([v, c])).json()["accepted"]) == 2
    row = consent_row(central, c["id"])
    assert row.phone_sealed is None and row.withdrawn_at is not None
    assert stats(central)["visits"] == 0


def test_a_malformed_void_is_rejected_alone(central: Central) -> None:
    dev = central.enrol()
    ok = dev.visit("declined")
    bad = {**void(dev, ok["id"]), "reason": "because"}
    no_visit = {**void(dev, ok["id"]), "visit_id": "not-a-uuid"}
    answer = dev.post(dev.batch([ok, bad, no_visit])).json()
    assert answer["accepted"] == [ok["id"]]
    assert {r["id"] for r in answer["rejected"]} == {bad["id"], no_visit["id"]}
    assert stats(central)["visits"] == 1
