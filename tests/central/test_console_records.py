"""The console's campaigns and record-of-processing pages over real HTTP, on SQLite and
PostgreSQL: who may open what, garbage in every form field refused with a clear message
and nothing changed, a forged CSRF token refused, and every change recorded and audited
in one transaction."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import func, select

from mpp_counter.central import db, processing
from mpp_counter.central.console.audit import console_audit
from mpp_counter.domain.key_fingerprint import fingerprint
from mpp_counter.protocol.sealed import key_to_b64, new_keypair

from ._console import add_account, csrf_of, http_sign_in, post
from ._support import Central


def counts(central: Central) -> dict[str, int]:
    engine = db.make_engine(central.db_url)
    tables = {
        "campaigns": db.campaigns,
        "records": processing.processing_records,
        "agreements": processing.agreements,
        "audit": console_audit,
    }
    try:
        with engine.connect() as conn:
            out = {
                k: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
                for k, t in tables.items()
            }
            out["closed"] = int(
                conn.execute(
                    select(func.count())
                    .select_from(db.campaigns)
                    .where(db.campaigns.c.closed_at.is_not(None))
                ).scalar_one()
            )
            return out
    finally:
        engine.dispose()


def audit_actions(central: Central) -> list[tuple[str, str, str]]:
    engine = db.make_engine(central.db_url)
    try:
        with engine.connect() as conn:
            q = select(console_audit.c.actor, console_audit.c.action, console_audit.c.target)
            return [tuple(r) for r in conn.execute(q.order_by(console_audit.c.id))]
    finally:
        engine.dispose()


def get(s: requests.Session, central: Central, path: str) -> requests.Response:
    return s.get(central.url + path, allow_redirects=False, timeout=10)


def test_roles_mpp_admin_refused_survey_sees_handoffs_only(
    central: Central, tmp_path: Path
) -> None:
    admin = http_sign_in(central, add_account(central, "admin-bkl", "mpp-admin", "BKL01"))
    for path in (
        "/console/campaigns",
        "/console/campaigns/SPI-2026",
        "/console/campaigns/SPI-2026/close",
        "/console/processing",
        "/console/processing.csv",
    ):
        r = get(admin, central, path)
        assert r.status_code == 403, (path, r.status_code)
        assert "Peran Anda tidak boleh membuka halaman ini." in r.text
    page = get(admin, central, "/console/").text
    assert 'href="/console/campaigns"' not in page and 'href="/console/processing"' not in page
    before = counts(central)
    r = post(admin, central, "/console/campaigns/SPI-2026/close", {"csrf": csrf_of(page)})
    assert r.status_code == 403 and counts(central)["closed"] == before["closed"] == 0

    # an export (a hand-off) and other entries; the survey team sees only the hand-off
    central.cli(
        "export",
        "--campaign",
        "SPI-2026",
        "--private-key",
        str(tmp_path / "campaign-key.json"),
        "-o",
        str(tmp_path / "out.csv"),
    )
    central.cli("export-aggregate", "-o", str(tmp_path / "agg.csv"))
    engine = db.make_engine(central.db_url)
    try:
        with engine.begin() as conn:  # what the hand-off (handoff/) records, through record()
            processing.record(
                conn,
                actor="tim-survei",
                action="handoff-prepare",
                campaign_id="SPI-2026",
                count=7,
                recipient=None,
                agreement_id=None,
                detail="hand-off 1 version 1",
            )
    finally:
        engine.dispose()
    survey = http_sign_in(central, add_account(central, "tim-survei", "survey"))
    r = get(survey, central, "/console/processing")
    assert r.status_code == 200
    assert 'data-action="export"' in r.text and "Serah terima disiapkan" in r.text
    assert 'data-action="campaign-create"' not in r.text
    assert 'data-action="export-aggregate"' not in r.text
    assert 'id="add-agreement"' not in r.text  # no form for the survey team
    rows = list(csv.DictReader(io.StringIO(get(survey, central, "/console/processing.csv").text)))
    assert [x["action"] for x in rows] == ["handoff-prepare", "export"]
    r = post(survey, central, "/console/processing/agreements", {"csrf": csrf_of(r.text)})
    assert r.status_code == 403
    assert get(survey, central, "/console/campaigns/SPI-2026/close").status_code == 403
    detail = get(survey, central, "/console/campaigns/SPI-2026")
    assert detail.status_code == 200 and 'id="close"' not in detail.text
    assert counts(central)["agreements"] == 0


def test_operator_enters_an_agreement_recorded_and_audited(central: Central) -> None:
    op = http_sign_in(central, add_account(central, "operator-1", "operator"))
    page = get(op, central, "/console/processing")
    assert page.status_code == 200 and "Catatan pemrosesan" in page.text  # Indonesian first
    forged = {"csrf": "x" * 43, "parties": "P", "signed_on": "2026-01-15"}
    forged |= {"purpose": "P", "reference": "R"}
    assert post(op, central, "/console/processing/agreements", forged).status_code == 403
    assert counts(central)["agreements"] == 0
    r = post(
        op,
        central,
        "/console/processing/agreements",
        {
            "csrf": csrf_of(page.text),
            "parties": "KPK dan PT Survei <Contoh> & Rekan",
            "signed_on": "2026-01-15",
            "purpose": "Pengiriman survei SPI 2026",
            "reference": "PKS-01/KPK/2026",
        },
    )
    assert r.status_code == 303, r.text[:500]
    page = get(op, central, r.headers["Location"]).text
    assert "Perjanjian 1 dicatat." in page
    assert "KPK dan PT Survei &lt;Contoh&gt; &amp; Rekan" in page  # escaped, never markup
    listed = json.loads(central.cli("processing", "--json").stdout)[0]
    assert (listed["action"], listed["actor"], listed["agreement"]) == (
        "agreement-add",
        "operator-1",
        1,
    )
    assert ("operator-1", "agreement-add", "1") in audit_actions(central)
    rows = list(csv.DictReader(io.StringIO(get(op, central, "/console/processing.csv").text)))
    assert [x["action"] for x in rows] == ["agreement-add", "campaign-create"]
    filtered = get(op, central, "/console/processing?action=campaign-create&since=2026-01-01")
    assert 'data-action="campaign-create"' in filtered.text
    assert 'data-action="agreement-add"' not in filtered.text


def test_garbage_in_every_field_is_refused_and_changes_nothing(central: Central) -> None:
    op = http_sign_in(central, add_account(central, "operator-2", "operator"))
    csrf = csrf_of(get(op, central, "/console/campaigns").text)
    good_key = key_to_b64(new_keypair()[1])
    good = {"id": "SPI-2027", "name": "Survei 2027", "public_key": good_key, "verify_base_url": ""}
    hex_key = new_keypair()[1].hex()
    campaign_cases: list[tuple[str, str, str]] = [
        ("id", "", "perlu kode"),
        ("id", "x" * 10_000, "paling banyak 64"),
        ("id", "SPI 2027/<b>", "hanya boleh berisi"),
        ("id", "SPI-2026", "sudah ada"),
        ("name", "n" * 10_000, "paling banyak 200"),
        ("name", "   ", "perlu kode"),
        ("name", "Survei\n2027\x1b[2J", "satu baris"),
        ("public_key", hex_key, "Kunci publik tidak sah"),  # hex, not base64
        ("public_key", key_to_b64(b"\x01" * 31), "Kunci publik tidak sah"),  # 31 bytes
        ("public_key", good_key + "AAAA", "Kunci publik tidak sah"),
        ("public_key", '{"private_key": "' + good_key + '"}', "Kunci publik tidak sah"),
        ("public_key", "k" * 10_000, "Kunci publik tidak sah"),
        ("verify_base_url", "http://spi.invalid", "https://"),
        ("verify_base_url", "https://x y", "https://"),
    ]
    before = counts(central)
    for field, value, says in campaign_cases:
        for step in ("check", "create"):
            data = {**good, field: value, "csrf": csrf, "fingerprint": fingerprint(good_key)}
            r = post(op, central, f"/console/campaigns/{step}", data)
            assert r.status_code == 400, (field, value[:20], step, r.status_code)
            assert says in r.text, (field, value[:20], step)
            assert "Tidak ada yang diubah" in r.text or "sudah" in r.text
    # the key swapped between the check and the create: refused, nothing stored
    data = {**good, "csrf": csrf, "fingerprint": "0" * 64}
    r = post(op, central, "/console/campaigns/create", data)
    assert r.status_code == 400 and "berubah setelah diperiksa" in r.text
    assert counts(central) == before

    page = get(op, central, "/console/processing")
    good_agreement = {
        "csrf": csrf_of(page.text),
        "parties": "KPK dan PT Survei",
        "signed_on": "2026-01-15",
        "purpose": "Survei",
        "reference": "PKS-01",
    }
    agreement_cases = [
        ("signed_on", "2026-02-30", "bukan tanggal"),
        ("signed_on", "15-01-2026", "TTTT-BB-HH"),
        ("signed_on", "2999-01-01", "belum tiba"),
        ("signed_on", "'; DROP TABLE agreements; --", "bukan tanggal"),
        ("parties", "p" * 10_000, "terlalu panjang"),
        ("purpose", "", "kosong"),
        ("reference", "PKS\x00-01", "karakter kendali"),
    ]
    for field, value, says in agreement_cases:
        r = post(op, central, "/console/processing/agreements", {**good_agreement, field: value})
        assert r.status_code == 400 and says in r.text, (field, r.status_code, r.text[-3000:])
    for query in ("since=2026-13-01", "until=yesterday", "since=2026-03-02&until=2026-03-01"):
        r = get(op, central, "/console/processing?" + query)
        assert r.status_code == 400 and 'id="filter-error"' in r.text, query
        assert get(op, central, "/console/processing.csv?" + query).status_code == 400
    assert counts(central) == before


def test_forged_csrf_on_close_is_refused_and_the_campaign_stays_open(central: Central) -> None:
    op = http_sign_in(central, add_account(central, "operator-3", "operator"))
    page = get(op, central, "/console/campaigns/SPI-2026/close")
    assert page.status_code == 200 and 'id="confirm-close"' in page.text
    real = csrf_of(page.text)
    before = counts(central)
    forged: list[dict[str, Any]] = [
        {"data": {"csrf": "A" * len(real)}, "headers": {"Origin": central.url}},
        {"data": {}, "headers": {"Origin": central.url}},
        {"data": {"csrf": real}, "headers": {"Origin": "https://evil.invalid"}},
        {"data": {"csrf": real}, "headers": {"Sec-Fetch-Site": "cross-site"}},
    ]
    for f in forged:
        r = op.post(
            central.url + "/console/campaigns/SPI-2026/close",
            data=f["data"],
            headers=f["headers"],
            allow_redirects=False,
            timeout=10,
        )
        assert r.status_code == 403, f
    after = counts(central)
    assert after["closed"] == 0 and after["records"] == before["records"]
    assert [a for a in audit_actions(central) if a[1] == "csrf-refused"] == [
        ("operator-3", "csrf-refused", "/console/campaigns/SPI-2026/close")
    ] * len(forged)
    assert "\topen\t" in central.cli("campaign", "list").stdout

    # the real form closes it, once; a second close says so and records nothing
    r = post(op, central, "/console/campaigns/SPI-2026/close", {"csrf": real})
    assert r.status_code == 303
    assert "Kampanye ditutup." in get(op, central, r.headers["Location"]).text
    again = post(op, central, "/console/campaigns/SPI-2026/close", {"csrf": real})
    assert again.status_code == 409 and "sudah ditutup" in again.text
    closes = [
        r
        for r in json.loads(central.cli("processing", "--json").stdout)
        if r["action"] == "campaign-close"
    ]
    assert [(r["actor"], r["campaign"]) for r in closes] == [("operator-3", "SPI-2026")]
    assert ("operator-3", "campaign-close", "SPI-2026") in audit_actions(central)
    assert get(op, central, "/console/campaigns/NOPE/close").status_code == 404


def test_pages_in_english_when_asked(central: Central) -> None:
    op = http_sign_in(central, add_account(central, "operator-4", "operator"))
    op.cookies.set("mpp_console_lang", "en", path="/console")
    page = get(op, central, "/console/processing").text
    assert "Record of processing" in page and "Campaign created" in page
    assert "Catatan pemrosesan" not in page
    detail = get(op, central, "/console/campaigns/SPI-2026").text
    assert "Public key fingerprint" in detail and "180 days after the campaign closes" in detail
    csrf = csrf_of(detail)
    r = post(
        op, central, "/console/processing/agreements", {"csrf": csrf, "signed_on": "2026-01-15"}
    )
    assert r.status_code == 400 and "The parties field is empty" in r.text
