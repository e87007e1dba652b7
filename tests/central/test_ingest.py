"""Exactly-once ingest over real HTTP, on SQLite and on PostgreSQL."""

from __future__ import annotations

import gzip
import json
import uuid
from datetime import UTC, datetime, timedelta

import requests

from mpp_counter.domain.receipt import new_code

from ._support import Central, iso, phone


def stats(central: Central) -> dict[str, int]:
    return json.loads(central.cli("stats", "--json").stdout)


def test_same_batch_twice_gets_the_same_answer(central: Central) -> None:
    dev = central.enrol()
    v1, c1, _ = dev.agreed(phone(1))
    records = [v1, c1, dev.visit("declined"), dev.visit("not_asked")]
    body = dev.batch(records)
    first = dev.post(body)
    assert first.status_code == 200, first.text
    a1 = first.json()
    assert set(a1["accepted"]) == {r["id"] for r in records}
    assert a1["duplicate"] == [] and a1["rejected"] == []
    second = dev.post(body)
    assert second.status_code == 200
    assert second.json() == a1  # the stored answer, verbatim
    s = stats(central)
    assert (s["visits"], s["consents"], s["batches"]) == (3, 1, 1)


def test_overlapping_batches_store_each_record_once(central: Central) -> None:
    dev = central.enrol()
    recs = [dev.visit() for _ in range(6)]
    a = dev.post(dev.batch(recs[:4])).json()
    b = dev.post(dev.batch(recs[2:])).json()
    assert set(a["accepted"]) == {r["id"] for r in recs[:4]}
    assert set(b["accepted"]) == {r["id"] for r in recs[4:]}
    assert set(b["duplicate"]) == {r["id"] for r in recs[2:4]}
    acked = set(a["accepted"]) | set(a["duplicate"]) | set(b["accepted"]) | set(b["duplicate"])
    assert acked == {r["id"] for r in recs}
    assert stats(central)["visits"] == 6


def test_malformed_record_is_rejected_alone(central: Central) -> None:
    dev = central.enrol()
    good = [dev.visit(), dev.visit()]
    bad_time = {**dev.visit(), "at": "yesterday"}
    bad_kind = {**dev.visit(), "kind": "visitation"}
    no_id = {"kind": "visit", "seq": 9}
    v, c, _ = dev.agreed(phone(2))
    bad_seal = {**c, "phone_sealed": "bm90IHNlYWxlZA=="}
    other_mpp = {**dev.visit(), "mpp": "XXX99"}
    body = dev.batch([good[0], bad_time, bad_kind, no_id, "junk", good[1], bad_seal, v, other_mpp])
    r = dev.post(body)
    assert r.status_code == 200, r.text
    a = r.json()
    assert set(a["accepted"]) == {good[0]["id"], good[1]["id"], v["id"]}
    rejected = {x["id"]: x["reason"] for x in a["rejected"]}
    assert set(rejected) == {bad_time["id"], bad_kind["id"], None, bad_seal["id"], other_mpp["id"]}
    assert "at" in rejected[bad_time["id"]] and "mpp" in rejected[other_mpp["id"]]
    assert len(a["rejected"]) == 6  # "junk" and no_id both carry no usable id
    s = stats(central)
    assert (s["visits"], s["consents"]) == (3, 0)
    # the same batch again: the same answer, nothing more stored
    assert dev.post(body).json() == a
    assert stats(central)["visits"] == 3


def test_gzip_body_and_limits(central: Central) -> None:
    dev = central.enrol()
    body = dev.batch([dev.visit() for _ in range(50)])
    r = dev.post(gzip.compress(json.dumps(body).encode()), headers={"Content-Encoding": "gzip"})
    assert r.status_code == 200 and len(r.json()["accepted"]) == 50
    too_many = dev.batch([dev.visit() for _ in range(501)])
    assert dev.post(too_many).status_code == 400
    bomb = gzip.compress(b" " * (3 * 1024 * 1024))
    r = dev.post(bomb, headers={"Content-Encoding": "gzip"})
    assert r.status_code == 413 and "error" in r.json()
    r = dev.post(b"x" * (3 * 1024 * 1024))
    assert r.status_code == 413
    r = dev.post(b"\x1f\x8b garbage", headers={"Content-Encoding": "gzip"})
    assert r.status_code == 400
    r = dev.post(b"{}", headers={"Content-Encoding": "br"})
    assert r.status_code == 415
    assert stats(central)["visits"] == 50


def test_envelope_errors_store_nothing(central: Central) -> None:
    dev = central.enrol()
    good = dev.batch([dev.visit()])
    for broken in (
        {**good, "protocol": 2},
        {**good, "batch_id": "nope"},
        {**good, "records": {}},
        {**good, "sent_at": None},
        [],
        "text",
    ):
        r = dev.post(broken)
        assert r.status_code == 400, broken
        assert r.headers["content-type"].startswith("application/json")
    assert dev.post(b"{not json").status_code == 400
    other = {**good, "device_id": str(uuid.uuid4())}
    assert dev.post(other).status_code == 403
    assert stats(central)["visits"] == 0


def test_reused_batch_id_with_other_records_is_refused(central: Central) -> None:
    dev = central.enrol()
    bid = str(uuid.uuid4())
    assert dev.post(dev.batch([dev.visit()], bid)).status_code == 200
    r = dev.post(dev.batch([dev.visit()], bid))
    assert r.status_code == 409
    assert stats(central)["visits"] == 1


def test_clock_skew_is_flagged(central: Central) -> None:
    dev = central.enrol()
    body = dev.batch([dev.visit(), dev.visit()])
    body["sent_at"] = iso(datetime.now(UTC) - timedelta(minutes=45))  # the PC clock is late
    assert dev.post(body).status_code == 200
    future = dev.visit(at=datetime.now(UTC) + timedelta(days=2))
    assert dev.post(dev.batch([future, dev.visit()])).status_code == 200
    s = stats(central)
    assert s["visits"] == 4 and s["skew_flagged"] == 3


def test_auth_and_revocation(central: Central) -> None:
    dev = central.enrol()
    body = dev.batch([dev.visit()])
    r = requests.post(central.url + "/api/v1/batches", json=body, timeout=10)
    assert r.status_code == 401 and r.json()["error"]
    r = requests.post(
        central.url + "/api/v1/batches",
        json=body,
        timeout=10,
        headers={"Authorization": "Bearer not-a-token"},
    )
    assert r.status_code == 401
    assert dev.post(body).status_code == 200
    central.cli("revoke", dev.id)
    assert dev.post(body).status_code == 401
    r = requests.get(central.url + "/api/v1/catalog", headers=dev.auth, timeout=10)
    assert r.status_code == 401
    s = stats(central)
    assert (s["devices"], s["devices_revoked"]) == (0, 1)


def test_a_body_is_opened_only_for_a_known_device(central: Central) -> None:
    """The token is checked before the body is gunzipped or parsed: a bomb, corrupt gzip,
    broken JSON or an unknown encoding from an unknown or revoked sender gets 401 (the
    same as a good body); from the device itself each is refused for what it is."""
    dev = central.enrol()
    gz = {"Content-Encoding": "gzip"}
    bodies = [
        (gzip.compress(b" " * (3 * 1024 * 1024)), gz, 413),
        (b"\x1f\x8b garbage", gz, 400),
        (b"{not json", {}, 400),
        (b"{}", {"Content-Encoding": "br"}, 415),
    ]
    for body, extra, status in bodies:
        for auth in ({}, {"Authorization": "Bearer not-a-token"}):
            r = requests.post(
                central.url + "/api/v1/batches", data=body, timeout=10, headers={**extra, **auth}
            )
            assert r.status_code == 401 and r.headers["WWW-Authenticate"] == "Bearer", r.text
        assert dev.post(body, headers=extra).status_code == status
    central.cli("revoke", dev.id)
    for body, extra, _status in bodies:
        assert dev.post(body, headers=extra).status_code == 401
    assert stats(central)["visits"] == 0


def test_catalog_etag(central: Central) -> None:
    dev = central.enrol()
    r = requests.get(central.url + "/api/v1/catalog", headers=dev.auth, timeout=10)
    assert r.status_code == 200
    doc = r.json()
    assert doc["campaign"]["id"] == "SPI-2026" and doc["campaign"]["public_key"]
    assert any(s["code"] == "DUK-KTP" for a in doc["agencies"] for s in a["services"])
    etag = r.headers["ETag"]
    r2 = requests.get(
        central.url + "/api/v1/catalog", timeout=10, headers={**dev.auth, "If-None-Match": etag}
    )
    assert r2.status_code == 304 and r2.content == b""
    r3 = requests.get(
        central.url + "/api/v1/catalog",
        timeout=10,
        headers={**dev.auth, "If-None-Match": '"other"'},
    )
    assert r3.status_code == 200


def test_withdrawal_before_its_consent_still_withdraws(central: Central) -> None:
    dev = central.enrol()
    v, c, _ = dev.agreed(phone(3))
    w = dev.withdrawal(receipt=c["receipt"])
    assert dev.post(dev.batch([w])).json()["accepted"] == [w["id"]]
    assert dev.post(dev.batch([v, c])).status_code == 200
    assert stats(central)["withdrawn"] == 1


def test_withdrawal_names_exactly_one_thing(central: Central) -> None:
    dev = central.enrol()
    by_receipt = dev.withdrawal(receipt=new_code())
    by_number = dev.withdrawal(phone=phone(4))
    both = {**dev.withdrawal(phone=phone(5)), "receipt": new_code()}
    neither = {**dev.withdrawal(consent_id=str(uuid.uuid4())), "consent_id": None}
    a = dev.post(dev.batch([by_receipt, by_number, both, neither])).json()
    assert a["accepted"] == [by_receipt["id"], by_number["id"]]
    assert [x["id"] for x in a["rejected"]] == [both["id"], neither["id"]]


def test_values_the_protocol_allows_fit_every_backend(central: Central) -> None:
    """PostgreSQL enforces column types SQLite lets pass: a seq past 2^31 or a device time
    with offset seconds once failed the whole batch there (503, retried for ever)."""
    dev = central.enrol()
    big = {**dev.visit(), "seq": 2**53}
    odd_offset = {**dev.visit(), "device_time": "2026-03-02T08:30:00.1+07:00:30.5"}
    v, c, _ = dev.agreed(phone(6))
    c["seq"] = 2**40
    w = {**dev.withdrawal(receipt=new_code()), "seq": 2**45}
    r = dev.post(dev.batch([big, odd_offset, v, c, w]))
    assert r.status_code == 200, r.text
    assert len(r.json()["accepted"]) == 5
    assert dev.post(dev.batch([{**dev.visit(), "seq": 2**53 + 1}])).json()["rejected"]


def test_text_no_database_can_store_is_rejected_alone(central: Central) -> None:
    """JSON may carry a lone surrogate ("\\ud800"): no database encodes it. It once failed
    the whole batch with a 500 (retried for ever); now that one record is rejected."""
    dev = central.enrol()
    good, bad = dev.visit(), {**dev.visit(), "clerk": "Sa\ud800ri"}
    r = dev.post(json.dumps(dev.batch([good, bad])).encode())
    assert r.status_code == 200, r.text
    a = r.json()
    assert a["accepted"] == [good["id"]]
    assert [x["id"] for x in a["rejected"]] == [bad["id"]]
    assert "clerk" in a["rejected"][0]["reason"]
    r = requests.post(
        central.url + "/api/v1/enrol",
        timeout=10,
        data=json.dumps({"code": "AB\udc00", "client_version": "t"}),
    )
    assert r.status_code == 400
