"""Signing in to the console in a real Chromium: password and TOTP together, one
message whatever was wrong, lock-out after five failures (kept in the database and
audited), sessions that expire back to the sign-in page, and sign-out."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pyotp
import pytest
from selenium.webdriver.common.by import By

from mpp_counter.central import db
from mpp_counter.central.console.tables import console_sessions, console_users

from ._console import add_account, audit_rows, browser_sign_in, execute, fill_login, submit
from ._support import Central

pytestmark = pytest.mark.browser
FAILED_ID = "Nama pengguna, kata sandi, atau kode salah"


def error_text(browser: Any) -> str:
    return browser.find_element(By.ID, "error").text


def test_sign_in_wrong_parts_and_lock_out(central: Central, browser: Any) -> None:
    ops = add_account(central, "ops", "operator")
    browser.get(central.url + "/console/counters")
    assert "/console/login?next=%2Fconsole%2Fcounters" in browser.current_url

    fill_login(browser, "ops", "salah-sandi-panjang", ops.peek())  # wrong password
    assert error_text(browser).startswith(FAILED_ID)
    wrong = f"{(int(pyotp.TOTP(ops.secret).now()) + 1) % 1000000:06d}"
    fill_login(browser, "ops", ops.password, wrong)  # wrong code
    wrong_code_message = error_text(browser)
    assert wrong_code_message.startswith(FAILED_ID)
    fill_login(browser, "nobody", ops.password, ops.peek())  # unknown user: same words
    assert error_text(browser) == wrong_code_message
    for _ in range(3):
        fill_login(browser, "ops", "salah-sandi-panjang", "000000")
    # five failures of ops: now even the right password and code are refused
    fill_login(browser, "ops", ops.password, ops.peek())
    assert error_text(browser) == wrong_code_message
    assert "/console/login" in browser.current_url

    failed = [
        (r.actor, json.loads(r.detail)["outcome"])
        for r in audit_rows(central)
        if r.action == "sign-in-failed"
    ]
    assert failed == [
        ("ops", "password"),
        ("ops", "totp"),
        ("nobody", "unknown"),
        ("ops", "password"),
        ("ops", "password"),
        ("ops", "password+locked"),
        ("ops", "locked"),
    ]
    # the lock is in the database; 15 minutes later (moved, not waited) it is lifted
    past = db.iso(datetime.now(UTC) - timedelta(seconds=1))
    execute(central, console_users.update().values(locked_until=past))
    fill_login(browser, "ops", ops.password, ops.code())
    assert browser.current_url == central.url + "/console/counters"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Perangkat loket"
    assert [r.action for r in audit_rows(central)][-1] == "sign-in"

    # the code just used is refused a second time, even with the right password
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form[action='/console/logout'] button"))
    assert browser.find_element(By.ID, "notice").text == "Anda sudah keluar."
    reused = pyotp.TOTP(ops.secret).at(ops.last_step * 30)
    fill_login(browser, "ops", ops.password, reused)
    assert error_text(browser).startswith(FAILED_ID)
    actions = [(r.action, json.loads(r.detail).get("outcome")) for r in audit_rows(central)]
    assert actions[-2:] == [("sign-out", None), ("sign-in-failed", "replay")]


def test_expired_session_goes_back_to_sign_in(central: Central, browser: Any) -> None:
    ops = add_account(central, "ops", "operator")
    browser_sign_in(browser, central, ops, "/console/counters")
    browser.get(central.url + "/console/audit")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Jejak audit"

    # 31 minutes without a request: idle timeout
    idle = db.iso(datetime.now(UTC) - timedelta(minutes=31))
    execute(central, console_sessions.update().values(seen_at=idle))
    browser.get(central.url + "/console/audit")
    assert "/console/login?next=%2Fconsole%2Faudit" in browser.current_url
    fill_login(browser, ops.username, ops.password, ops.code())
    assert browser.current_url == central.url + "/console/audit"

    # busy all the time, but signed in 12 hours ago: absolute timeout
    old = db.iso(datetime.now(UTC) - timedelta(hours=12, seconds=1))
    execute(central, console_sessions.update().values(created_at=old))
    browser.get(central.url + "/console/counters")
    assert "/console/login" in browser.current_url
    assert not browser.find_elements(By.CSS_SELECTOR, "form[action='/console/logout']")


def test_language_switch_is_kept(sqlite_central: Central, browser: Any) -> None:
    central = sqlite_central
    ops = add_account(central, "ops", "operator")
    browser_sign_in(browser, central, ops, "/console/counters")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "id"
    submit(browser, browser.find_element(By.CSS_SELECTOR, "a[hreflang='en']"))
    assert browser.current_url == central.url + "/console/counters"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Counter devices"
    browser.get(central.url + "/console/audit")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Audit trail"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
