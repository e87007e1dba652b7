"""Who may withdraw what, over real HTTP on SQLite and PostgreSQL (issues 10, 11).

Receipt codes are unique per counter only: a withdrawal by code at another counter names
the code and the last four digits of the number and touches exactly one consent, never
a guess. A device changes only its own records. A withdrawal deletes the sealed number.
Device times are capped at the central's receive time. Each counter learns the
withdrawals of its own consents from ``GET /api/v1/withdrawn``.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from sqlalchemy import create_engine, select

from mpp_counter.central import db

from ._support import Central, Device, phone, withdraw_on_page


def stats(central: Central) -> dict[str, int]:
    return json.loads(central.cli("stats", "--json").stdout)


def rows(central: Central, table: Any, ids: list[str]) -> dict[str, Any]:
    engine = create_engine(db.normalize_url(central.db_url))
    try:
        with engine.connect() as conn:
            return {r.id: r for r in conn.execute(select(table).where(table.c.id.in_(ids)))}
    finally:
        engine.dispose()


def consented(
    dev: Device, n: int, receipt: str | None = None, at: datetime | None = None
) -> dict[str, Any]:
    v, c, _ = dev.agreed(phone(n), at=at)
    if receipt is not None:
        c["receipt"] = receipt  # two counters drew the same code: it happens, 40 bits
    a = dev.post(dev.batch([v, c])).json()
    assert set(a["accepted"]) == {v["id"], c["id"]}, a
    return c


def feed(dev: Device, after: int | str = 0) -> requests.Response:
    return requests.get(
        f"{dev.central.url}/api/v1/withdrawn", params={"after": after}, headers=dev.auth, timeout=10
    )


def test_code_and_last4_withdraw_exactly_the_citizens_consent(central: Central) -> None:
    a = central.enrol("BKL01", "Loket 1")
    b = central.enrol("SBY02", "Loket 3")
    c = central.enrol("MDN03", "Loket 7")
    ca = consented(a, 11)
    cb = consented(b, 12, receipt=ca["receipt"])
    w = c.withdrawal(receipt=ca["receipt"], last4=phone(12)[-4:])
    assert c.post(c.batch([w])).json()["accepted"] == [w["id"]]
    got = rows(central, db.consents, [ca["id"], cb["id"]])
    assert got[cb["id"]].withdrawn_at is not None and got[cb["id"]].phone_sealed is None
    assert got[ca["id"]].withdrawn_at is None and got[ca["id"]].phone_sealed is not None
    wrow = rows(central, db.withdrawals, [w["id"]])[w["id"]]
    assert (wrow.state, wrow.applied_to) == ("applied", cb["id"])
    s = stats(central)
    assert (s["withdrawn"], s["withdrawals_ambiguous"]) == (1, 0)


def test_same_code_and_same_last4_withdraws_none(central: Central) -> None:
    a = central.enrol("BKL01", "Loket 1")
    b = central.enrol("SBY02", "Loket 3")
    c = central.enrol("MDN03", "Loket 7")
    ca = consented(a, 21)
    cb = consented(b, 21, receipt=ca["receipt"])
    w = c.withdrawal(receipt=ca["receipt"], last4=phone(21)[-4:])
    assert c.post(c.batch([w])).json()["accepted"] == [w["id"]]
    got = rows(central, db.consents, [ca["id"], cb["id"]])
    assert all(r.withdrawn_at is None and r.phone_sealed is not None for r in got.values())
    s = stats(central)
    assert (s["withdrawn"], s["withdrawals_ambiguous"]) == (0, 1)
    # the one to whom the code and digits were read cannot be told apart: still none
    late = c.withdrawal(receipt=ca["receipt"], last4=phone(21)[-4:])
    c.post(c.batch([late]))
    assert stats(central)["withdrawn"] == 0


def test_code_before_its_consent_waits_then_applies(central: Central) -> None:
    a = central.enrol("BKL01", "Loket 1")
    c = central.enrol("MDN03", "Loket 7")
    v, ca, _ = a.agreed(phone(31))
    w = c.withdrawal(receipt=ca["receipt"], last4=phone(31)[-4:])
    wrong = c.withdrawal(receipt=ca["receipt"], last4="9999")  # a wrong digit: no match
    c.post(c.batch([w, wrong]))
    assert stats(central)["withdrawals_by_code_pending"] == 2
    assert a.post(a.batch([v, ca])).status_code == 200
    got = rows(central, db.consents, [ca["id"]])[ca["id"]]
    assert got.withdrawn_at is not None and got.phone_sealed is None
    assert got.withdrawn_via == "code"
    assert stats(central)["withdrawals_by_code_pending"] == 1  # the wrong one still waits
    assert [n["consent_id"] for n in feed(a).json()["withdrawn"]] == [ca["id"]]


def test_a_device_cannot_withdraw_or_write_for_another(central: Central) -> None:
    a = central.enrol("BKL01", "Loket 1")
    b = central.enrol("BKL01", "Loket 2")
    ca = consented(a, 41)
    by_id = b.withdrawal(consent_id=ca["id"], receipt=ca["receipt"])
    by_receipt = b.withdrawal(receipt=ca["receipt"])  # no digits: only B's own consents
    as_a = {**b.visit(), "counter": "Loket 1"}
    v, c, _ = b.agreed(phone(42))
    c_as_a = {**c, "counter": "Loket 1"}
    answer = b.post(b.batch([by_id, by_receipt, as_a, v, c_as_a])).json()
    reasons = {r["id"]: r["reason"] for r in answer["rejected"]}
    assert set(reasons) == {by_id["id"], as_a["id"], c_as_a["id"]}
    assert "another counter" in reasons[by_id["id"]]
    assert "counter" in reasons[as_a["id"]] and "enrolled" in reasons[as_a["id"]]
    assert answer["accepted"] == [by_receipt["id"], v["id"]]
    got = rows(central, db.consents, [ca["id"]])[ca["id"]]
    assert got.withdrawn_at is None and got.phone_sealed is not None
    assert stats(central)["withdrawn"] == 0
    # its own withdrawal by id works, and deletes the number
    own = a.withdrawal(consent_id=ca["id"], receipt=ca["receipt"])
    assert a.post(a.batch([own])).json()["accepted"] == [own["id"]]
    got = rows(central, db.consents, [ca["id"]])[ca["id"]]
    assert got.withdrawn_at is not None and got.phone_sealed is None


def test_consent_with_a_notice_the_campaign_does_not_know_is_refused(central: Central) -> None:
    dev = central.enrol()
    v, c, _ = dev.agreed(phone(51))
    forged = {**c, "notice_hash": "0" * 64}
    other = {**dev.agreed(phone(52))[1], "campaign_id": "SPI-1999"}
    answer = dev.post(dev.batch([v, forged, other])).json()
    assert answer["accepted"] == [v["id"]]
    reasons = {r["id"]: r["reason"] for r in answer["rejected"]}
    assert set(reasons) == {forged["id"], other["id"]}
    assert all("notice" in r for r in reasons.values())


def test_times_from_the_future_are_capped(central: Central, tmp_path: Any) -> None:
    dev = central.enrol()
    future = datetime(2199, 1, 1, tzinfo=UTC)
    w = dev.withdrawal(phone=phone(61), at=future)
    before = datetime.now(UTC)
    assert dev.post(dev.batch([w])).json()["accepted"] == [w["id"]]
    after = datetime.now(UTC) + timedelta(seconds=1)
    stored = rows(central, db.withdrawals, [w["id"]])[w["id"]]
    at = datetime.fromisoformat(stored.at.replace("Z", "+00:00"))
    assert before - timedelta(seconds=1) <= at <= after and stored.skew_flagged
    # the citizen agrees again later: the 2199 withdrawal does not suppress it
    c = consented(dev, 61, at=after + timedelta(seconds=2))
    out = central.cli(
        "export",
        "--campaign",
        "SPI-2026",
        "--private-key",
        str(central.workdir / "campaign-key.json"),
    ).stdout
    assert [r["receipt"] for r in csv.DictReader(io.StringIO(out))] == [c["receipt"]]


def test_every_withdrawal_deletes_the_sealed_number(central: Central) -> None:
    a = central.enrol("BKL01", "Loket 1")
    c = central.enrol("MDN03", "Loket 7")
    v1, c1, s1 = a.agreed(phone(71))
    c2, c3 = consented(a, 72), consented(a, 73)
    assert a.post(a.batch([v1, c1])).status_code == 200
    assert withdraw_on_page(central, c1["receipt"], s1).status_code == 303
    a.post(a.batch([a.withdrawal(consent_id=c2["id"], receipt=c2["receipt"])]))
    c.post(c.batch([c.withdrawal(receipt=c3["receipt"], last4=phone(73)[-4:])]))
    got = rows(central, db.consents, [c1["id"], c2["id"], c3["id"]])
    assert [
        (r.withdrawn_via, r.phone_sealed) for r in (got[c1["id"]], got[c2["id"]], got[c3["id"]])
    ] == [("web", None), ("counter", None), ("code", None)]


def test_each_device_learns_only_its_own_withdrawals(central: Central) -> None:
    a = central.enrol("BKL01", "Loket 1")
    c = central.enrol("MDN03", "Loket 7")
    v1, c1, s1 = a.agreed(phone(81))
    assert a.post(a.batch([v1, c1])).status_code == 200
    c2 = consented(a, 82)
    first = feed(a).json()
    assert first == {"withdrawn": [], "next": 0, "more": False}
    assert withdraw_on_page(central, c1["receipt"], s1).status_code == 303
    c.post(c.batch([c.withdrawal(receipt=c2["receipt"], last4=phone(82)[-4:])]))
    got = feed(a).json()
    assert [(n["consent_id"], n["via"]) for n in got["withdrawn"]] == [
        (c1["id"], "web"),
        (c2["id"], "code"),
    ]
    assert got["more"] is False and got["next"] > 0
    assert feed(a, got["next"]).json()["withdrawn"] == []  # the cursor moves on
    assert feed(c).json()["withdrawn"] == []  # C made one, but it is not C's consent
    for bad in ("-1", "abc", "1e3", "9" * 40):
        r = feed(a, bad)
        assert r.status_code == 400 and "after" in r.json()["error"], bad
    r = requests.get(f"{central.url}/api/v1/withdrawn", timeout=10)
    assert r.status_code == 401


def test_a_counter_enrolled_again_keeps_its_own_consents(central: Central) -> None:
    """Revoked and enrolled again (a new device id for the same MPP and counter), the
    counter still withdraws the consents it sent before and learns their withdrawals."""
    old = central.enrol("BKL01", "Loket 1")
    c1, c2 = consented(old, 91), consented(old, 92)
    central.cli("revoke", old.id)
    new = central.enrol("BKL01", "Loket 1")
    w = new.withdrawal(consent_id=c1["id"], receipt=c1["receipt"])
    assert new.post(new.batch([w])).json()["accepted"] == [w["id"]]
    other = central.enrol("MDN03", "Loket 7")
    other.post(other.batch([other.withdrawal(receipt=c2["receipt"], last4=phone(92)[-4:])]))
    got = rows(central, db.consents, [c1["id"], c2["id"]])
    assert all(r.withdrawn_at is not None and r.phone_sealed is None for r in got.values())
    assert [n["consent_id"] for n in feed(new).json()["withdrawn"]] == [c1["id"], c2["id"]]


def test_a_withdrawal_by_number_keeps_its_sealed_number_only_until_matched(
    central: Central,
) -> None:
    dev = central.enrol()
    c = consented(dev, 95)
    matched = dev.withdrawal(phone=phone(95))
    waiting = dev.withdrawal(phone=phone(96))  # no consent of that number (yet)
    dev.post(dev.batch([matched, waiting]))
    held = rows(central, db.withdrawals, [matched["id"], waiting["id"]])
    assert all(r.phone_sealed is not None for r in held.values())  # the central cannot open them
    out = central.cli(
        "export",
        "--campaign",
        "SPI-2026",
        "--private-key",
        str(central.workdir / "campaign-key.json"),
    ).stdout
    assert out.splitlines() == ["phone,receipt,mpp,agency,service,visit_date"]
    held = rows(central, db.withdrawals, [matched["id"], waiting["id"]])
    assert held[matched["id"]].phone_sealed is None  # matched: both numbers deleted
    assert held[waiting["id"]].phone_sealed is not None
    got = rows(central, db.consents, [c["id"]])[c["id"]]
    assert (got.withdrawn_via, got.phone_sealed) == ("number", None)
