"""Whole batches at the central (issue 14), on SQLite and PostgreSQL: the statements a batch
costs do not grow with its records (no query per consent, no statement text per batch
size), every waiting withdrawal and void meets its late consent when many arrive in one
batch, the ambiguity rule holds inside a batch, and newly stored visits are counted
exactly once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, event, select

from mpp_counter.central import db, enrolment, ingest
from mpp_counter.protocol import messages as m

from ._support import Central, Device, phone
from .test_integrity_aggregates import kept, recount
from .test_voids import void


@pytest.fixture
def engine(central: Central) -> Iterator[Engine]:
    """The live central's own database, for calls in this process beside its server."""
    e = db.make_engine(central.db_url)
    yield e
    e.dispose()


def device_row(engine: Engine, dev: Device) -> Any:
    with engine.connect() as conn:
        return enrolment.authenticate(conn, dev.token)


def mixed(dev: Device, n_agreed: int, n_declined: int, first_phone: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i in range(n_agreed):
        v, c, _ = dev.agreed(phone(first_phone + i))
        out += [v, c]
    return out + [dev.visit("declined") for _ in range(n_declined)]


def statements(engine: Engine, dev: Device, records: list[dict[str, Any]]) -> list[str]:
    """The SQL texts one fresh batch sends, in order, and its answer's check."""
    seen: list[str] = []

    def spy(_conn: Any, _cur: Any, statement: str, *_a: Any) -> None:
        seen.append(statement)

    device = device_row(engine, dev)
    event.listen(engine, "before_cursor_execute", spy)
    try:
        answer = ingest.ingest(engine, device, m.parse_batch(dev.batch(records)))
    finally:
        event.remove(engine, "before_cursor_execute", spy)
    assert len(answer["accepted"]) == len(records), answer
    return seen


def test_a_batch_costs_the_same_statements_whatever_its_size(
    central: Central, engine: Engine
) -> None:
    dev = central.enrol()
    other = central.enrol("MDN03", "Loket 7")
    wait = other.withdrawal(receipt="ZZZZ-ZZZZ", last4="0001")  # pending, never met here
    assert other.post(other.batch([wait])).status_code == 200
    small = statements(engine, dev, mixed(dev, 2, 3, 0))
    big = statements(engine, dev, mixed(dev, 150, 190, 100))
    bigger = statements(engine, dev, mixed(dev, 10, 400, 300))
    assert small == big == bigger  # same texts, same count: nothing per record
    assert len(small) < 20


def consent_of(central: Central, cid: str) -> Any:
    e = db.make_engine(central.db_url)
    try:
        with e.connect() as conn:
            return conn.execute(select(db.consents).where(db.consents.c.id == cid)).one()
    finally:
        e.dispose()


def withdrawal_state(central: Central, wid: str) -> tuple[str | None, str | None]:
    e = db.make_engine(central.db_url)
    try:
        with e.connect() as conn:
            w = db.withdrawals.c
            r = conn.execute(select(w.state, w.applied_to).where(w.id == wid)).one()
            return r.state, r.applied_to
    finally:
        e.dispose()


def test_one_batch_of_late_consents_meets_every_waiting_withdrawal(central: Central) -> None:
    a = central.enrol("BKL01", "Loket 1")
    c = central.enrol("MDN03", "Loket 7")
    pairs = [a.agreed(phone(903 if i == 6 else 900 + i)) for i in range(8)]
    v = [p[0] for p in pairs]
    k = [p[1] for p in pairs]
    k[6]["receipt"] = k[3]["receipt"]  # the same code and last digits twice in one batch
    waiting = [
        a.withdrawal(consent_id=k[0]["id"]),  # its own counter, by id
        a.withdrawal(receipt=k[1]["receipt"]),  # its own counter, by receipt
        c.withdrawal(receipt=k[2]["receipt"], last4=phone(902)[-4:]),  # by code elsewhere
        c.withdrawal(receipt=k[3]["receipt"], last4=phone(903)[-4:]),  # two match: none
        c.withdrawal(receipt=k[4]["receipt"], last4="0000"),  # wrong digits: keeps waiting
    ]
    for w in waiting:
        dev = a if w["mpp"] == a.mpp else c
        assert dev.post(dev.batch([w])).json()["accepted"] == [w["id"]]
    vd = void(a, v[5]["id"])
    assert a.post(a.batch([vd])).status_code == 200
    body = a.batch(v + k)
    first = a.post(body).json()
    assert len(first["accepted"]) == 16 and first["duplicate"] == []
    withdrawn = {i for i in range(8) if consent_of(central, k[i]["id"]).withdrawn_at}
    assert withdrawn == {0, 1, 2, 5}
    for i in range(8):
        row = consent_of(central, k[i]["id"])
        assert (row.phone_sealed is None) == (i in withdrawn)
    assert consent_of(central, k[2]["id"]).withdrawn_via == "code"
    assert withdrawal_state(central, waiting[2]["id"]) == ("applied", k[2]["id"])
    assert withdrawal_state(central, waiting[3]["id"]) == ("ambiguous", None)
    assert withdrawal_state(central, waiting[4]["id"]) == ("pending", None)
    feed = json.loads(central.cli("stats", "--json").stdout)
    again = a.post(body).json()  # the replay: same answer, nothing withdrawn twice
    assert again == first
    assert json.loads(central.cli("stats", "--json").stdout) == feed


def test_a_batch_of_withdrawals_for_consents_already_held(central: Central) -> None:
    a = central.enrol("BKL01", "Loket 1")
    c = central.enrol("MDN03", "Loket 7")
    pairs = [a.agreed(phone(950 + i)) for i in range(4)]
    assert a.post(a.batch([r for p in pairs for r in p[:2]])).status_code == 200
    k = [p[1] for p in pairs]
    own = [a.withdrawal(consent_id=k[0]["id"]), a.withdrawal(receipt=k[1]["receipt"])]
    twice = a.withdrawal(consent_id=k[0]["id"])  # the same consent again: one notice
    code = c.withdrawal(receipt=k[2]["receipt"], last4=phone(952)[-4:])
    assert len(a.post(a.batch([*own, twice])).json()["accepted"]) == 3
    assert c.post(c.batch([code])).json()["accepted"] == [code["id"]]
    assert {i for i in range(4) if consent_of(central, k[i]["id"]).withdrawn_at} == {0, 1, 2}
    s = json.loads(central.cli("stats", "--json").stdout)
    assert s["withdrawn"] == 3


def test_new_rows_are_counted_once(central: Central, engine: Engine) -> None:
    """The integrity counts are kept by the statement that stores the visits: a replay, an
    overlapping batch and a duplicate add nothing (the counts equal a recount)."""
    dev = central.enrol()
    device = device_row(engine, dev)
    recs = mixed(dev, 3, 4, 600)
    first = m.parse_batch(dev.batch(recs[:6]))
    answers = [
        ingest.ingest(engine, device, first),
        ingest.ingest(engine, device, first),  # a replay: the stored answer
        ingest.ingest(engine, device, m.parse_batch(dev.batch(recs[3:]))),  # overlapping
        ingest.ingest(engine, device, m.parse_batch(dev.batch([recs[0], {"kind": "?"}]))),
    ]
    assert answers[1] == answers[0]
    assert sorted(answers[0]["accepted"] + answers[2]["accepted"]) == sorted(r["id"] for r in recs)
    assert answers[3]["accepted"] == [] and answers[3]["duplicate"] == [recs[0]["id"]]
    with engine.connect() as conn:
        counted = kept(conn)
        assert counted == recount(conn)
    assert sum(c[0] for c in counted.values()) == 7  # 3 agreed + 4 declined visits
