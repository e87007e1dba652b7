"""The counters page in a real Chromium: what each device last said of itself (from real
batches), a planted silent device standing out, an enrolment code as text and as a QR
that decodes and enrols, revocation behind a confirmation and a CSRF token, and pages
that never overflow sideways at 1366×768 or on a phone."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from selenium.webdriver.common.by import By

from mpp_counter.central import db

from ._console import add_account, audit_rows, browser_sign_in, execute, no_overflow, submit
from ._support import Central, iso, phone

pytestmark = pytest.mark.browser
DESKTOP = "1366,768"


def plant(central: Central) -> dict[str, Any]:
    """A busy device with a real batch (client info, a fast clock, one number sealed to a
    foreign key), a silent one, an old client's device at another MPP."""
    busy = central.enrol("BKL01", "Loket 1")
    v1, c1, _ = busy.agreed(phone(1))
    v2, c2, _ = busy.agreed(phone(2))
    c1["sealed_key"] = "ab" * 32  # not the campaign key's fingerprint: unreadable
    c2["sealed_key"] = hashlib.sha256(busy.public_key).hexdigest()
    body = busy.batch([v1, c1, v2, c2])
    body["sent_at"] = iso(datetime.now(UTC) + timedelta(minutes=15))
    body["client"] = {"version": "1.4.2", "backlog": 37}
    r = busy.post(body)
    assert r.status_code == 200 and len(r.json()["accepted"]) == 4, r.text
    silent = central.enrol("BKL01", "Loket 2")
    week_ago = db.iso(datetime.now(UTC) - timedelta(days=8))
    execute(
        central,
        db.devices.update()
        .where(db.devices.c.id == silent.id)
        .values(created_at=week_ago, last_seen_at=week_ago, last_batch_at=week_ago),
    )
    old = central.enrol("JKT02", "Loket 9")
    r = old.post(old.batch([old.visit()]))  # an older client: no "client" object
    assert r.status_code == 200 and len(r.json()["accepted"]) == 1
    return {"busy": busy, "silent": silent, "old": old}


def row(browser: Any, device_id: str) -> Any:
    return browser.find_element(By.ID, f"device-{device_id}")


def cell(browser: Any, device_id: str, css: str) -> str:
    return row(browser, device_id).find_element(By.CSS_SELECTOR, css).text


@pytest.mark.parametrize("browser", [DESKTOP], indirect=True)
def test_counters_page_shows_devices_and_issues_a_code(central: Central, browser: Any) -> None:
    devs = plant(central)
    ops = add_account(central, "ops", "operator")
    browser_sign_in(browser, central, ops, "/console/counters")
    busy, silent, old = devs["busy"].id, devs["silent"].id, devs["old"].id

    assert len(browser.find_elements(By.CSS_SELECTOR, "#devices tbody tr")) == 3
    assert cell(browser, busy, ".version") == "1.4.2"
    assert cell(browser, busy, ".backlog") == "37"
    assert cell(browser, busy, ".unreadable").startswith("1 ")
    assert "+15 min" in row(browser, busy).text and "jam perangkat salah" in row(browser, busy).text
    assert "silent" not in row(browser, busy).get_attribute("class")
    assert "silent" in row(browser, silent).get_attribute("class")
    assert "Diam lebih dari satu hari kerja" in row(browser, silent).text
    assert cell(browser, old, ".version") == "test" and cell(browser, old, ".backlog") == (
        "tidak diketahui"
    )
    assert browser.find_element(By.ID, "silent-summary").text == (
        "1 perangkat tidak mengirim data lebih dari satu hari kerja."
    )
    no_overflow(browser)

    # a new enrolment code: text and QR, and it enrols that counter
    browser.find_element(By.ID, "code-mpp").send_keys("BKL01")
    browser.find_element(By.ID, "code-counter").send_keys("Loket 3")
    submit(browser, browser.find_element(By.ID, "issue-code"))
    code = browser.find_element(By.ID, "code").text
    assert len(code) == 14 and code.count("-") == 2
    assert decode_qr(browser.find_element(By.ID, "qr").screenshot_as_png) == [code]
    no_overflow(browser)
    r = requests.post(
        central.url + "/api/v1/enrol",
        json={"code": code, "client_version": "t", "mpp": "BKL01", "counter": "Loket 3"},
        timeout=10,
    )
    assert r.status_code == 200, r.text
    issued = [r for r in audit_rows(central) if r.action == "enrol-code"]
    assert [(r.actor, r.target) for r in issued] == [("ops", "BKL01 / Loket 3")]
    assert code not in json.dumps([tuple(r) for r in audit_rows(central)])

    # revoke: the link asks first, the confirmation revokes; the token stops working
    browser.get(central.url + "/console/counters")
    submit(browser, row(browser, busy).find_element(By.CSS_SELECTOR, "a.revoke"))
    assert "Cabut perangkat BKL01 / Loket 1?" in browser.find_element(By.TAG_NAME, "main").text
    no_overflow(browser)
    submit(browser, browser.find_element(By.ID, "confirm-revoke"))
    assert browser.find_element(By.ID, "done").text == "Perangkat sudah dicabut."
    assert "dicabut" in row(browser, busy).text
    assert devs["busy"].post(devs["busy"].batch([devs["busy"].visit()])).status_code == 401
    assert [r.target for r in audit_rows(central) if r.action == "device-revoke"] == [busy]


def decode_qr(png: bytes) -> list[str]:
    import zxingcpp
    from PySide6.QtGui import QImage

    image = QImage.fromData(png, "PNG").convertToFormat(QImage.Format.Format_Grayscale8)
    return [b.text for b in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def test_forged_or_missing_csrf_revokes_nothing(central: Central, browser: Any) -> None:
    dev = central.enrol("BKL01", "Loket 1")
    ops = add_account(central, "ops", "operator")
    browser_sign_in(browser, central, ops, f"/console/counters/{dev.id}/revoke")
    token = browser.find_element(By.CSS_SELECTOR, "input[name=csrf]").get_attribute("value")
    cookie = browser.get_cookie("mpp_console")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    s = requests.Session()
    s.cookies.set("mpp_console", cookie["value"])
    url = f"{central.url}/console/counters/{dev.id}/revoke"
    same = {"Origin": central.url, "Sec-Fetch-Site": "same-origin"}
    attempts = [
        ({}, same),  # no token
        ({"csrf": "x" * len(token)}, same),  # forged token
        ({"csrf": token}, {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}),
        ({"csrf": token}, {"Origin": "https://evil.example"}),  # an older browser
    ]
    for form, headers in attempts:
        r = s.post(url, data=form, headers=headers, allow_redirects=False, timeout=10)
        assert r.status_code == 403, (form, headers, r.status_code)
        assert "Formulir ini kedaluwarsa" in r.text
    assert dev.post(dev.batch([dev.visit()])).status_code == 200  # still enrolled
    assert [r.action for r in audit_rows(central)].count("csrf-refused") == 4
    assert "device-revoke" not in [r.action for r in audit_rows(central)]
    # another session's token is no good either: tokens belong to their session
    other = add_account(central, "ops2", "operator")
    s2 = requests.Session()
    r = s2.post(
        central.url + "/console/login",
        data={"username": "ops2", "password": other.password, "code": other.code()},
        headers={"Origin": central.url},
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 303
    r = s2.post(url, data={"csrf": token}, headers=same, allow_redirects=False, timeout=10)
    assert r.status_code == 403
    assert dev.post(dev.batch([dev.visit()])).status_code == 200


def test_roles_see_only_what_they_may(central: Central, browser: Any) -> None:
    devs = plant(central)
    admin = add_account(central, "bkl", "mpp-admin", "BKL01")
    survey = add_account(central, "svy", "survey")
    forbidden = "Peran Anda tidak boleh membuka halaman ini."
    other_mpp = "Anda hanya boleh melihat data MPP Anda sendiri."

    browser_sign_in(browser, central, survey)
    nav = browser.find_element(By.TAG_NAME, "nav").text
    assert "Loket" not in nav and "Jejak audit" not in nav
    for path in (
        "/console/counters",
        "/console/audit",
        f"/console/counters/{devs['old'].id}/revoke",
    ):
        browser.get(central.url + path)
        assert browser.find_element(By.ID, "message").text == forbidden
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form[action='/console/logout'] button"))

    browser_sign_in(browser, central, admin, "/console/counters")
    assert "Loket" in browser.find_element(By.TAG_NAME, "nav").text
    shown = {
        e.get_attribute("id") for e in browser.find_elements(By.CSS_SELECTOR, "#devices tbody tr")
    }
    assert shown == {f"device-{devs['busy'].id}", f"device-{devs['silent'].id}"}
    no_overflow(browser)  # phone size
    assert browser.find_element(By.ID, "code-mpp").get_attribute("readonly")
    for path in (
        "/console/counters?mpp=JKT02",
        f"/console/counters/{devs['old'].id}/revoke",
    ):
        browser.get(central.url + path)
        assert browser.find_element(By.ID, "message").text == other_mpp
    browser.get(central.url + "/console/audit")
    assert browser.find_element(By.ID, "message").text == forbidden

    # a hand-made POST with a good token still cannot touch another MPP
    browser.get(central.url + "/console/counters")
    token = browser.find_element(By.CSS_SELECTOR, "input[name=csrf]").get_attribute("value")
    s = requests.Session()
    s.cookies.set("mpp_console", browser.get_cookie("mpp_console")["value"])
    same = {"Origin": central.url, "Sec-Fetch-Site": "same-origin"}
    r = s.post(
        f"{central.url}/console/counters/{devs['old'].id}/revoke",
        data={"csrf": token},
        headers=same,
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 403
    r = s.post(
        f"{central.url}/console/counters/code",
        data={"csrf": token, "mpp": "JKT02", "counter": "Loket 1", "days": "7"},
        headers=same,
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 403
    old = devs["old"]
    assert old.post(old.batch([old.visit()])).status_code == 200
    engine = db.make_engine(central.db_url)
    try:
        with engine.connect() as conn:
            codes = conn.execute(db.enrol_codes.select().where(db.enrol_codes.c.mpp == "JKT02"))
            assert [c.counter for c in codes] == ["Loket 9"]  # plant()'s own, nothing new
    finally:
        engine.dispose()


@pytest.mark.parametrize("browser", [DESKTOP, "390,844"], indirect=True)
def test_no_page_overflows(sqlite_central: Central, browser: Any) -> None:
    central = sqlite_central
    for i in range(3):
        central.enrol("MPP-KABUPATEN-PANJANG-NAMANYA-01", f"Loket pelayanan terpadu nomor {i}")
    ops = add_account(central, "ops", "operator")
    browser.get(central.url + "/console/login")
    no_overflow(browser)
    browser_sign_in(browser, central, ops, "/console/counters")
    for path in (
        "/console/",
        "/console/counters",
        "/console/audit",
        "/console/users",
        "/console/counters?mpp=X",
    ):
        browser.get(central.url + path)
        no_overflow(browser)
