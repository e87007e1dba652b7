"""The integrity console in a real browser (Debian's Chromium): an operator signs in
with password and TOTP, sees the planted counter that records only consents flagged
with its sentence, follows the link to its rows; an MPP admin of another MPP gets 403.
The browser's console log stays free of CSP violations."""

from __future__ import annotations

from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from ._console import add_account, browser_sign_in
from ._integrity_support import send_day
from ._support import Central

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("browser", ["1366,768", "390,844"], indirect=True)
def test_planted_counter_flag_and_its_rows_in_the_browser(
    sqlite_central: Central, browser: Any
) -> None:
    c = sqlite_central
    for i, name in enumerate(("Loket 1", "Loket 2", "Loket 3", "Loket 4")):
        send_day(c.enrol("BKL01", name), (0.3, 0.4, 0.3), 40, seed=i)
    send_day(c.enrol("BKL01", "Loket 9"), (1.0, 0.0, 0.0), 40, seed=9)

    op = add_account(c, "op", "operator")
    browser_sign_in(browser, c, op, "/console/integrity?mpp=BKL01")
    flag = browser.find_element(By.CSS_SELECTOR, 'li.flag[data-kind="only_consents"]')
    assert flag.get_attribute("data-counter") == "Loket 9"
    assert "Loket 9" in flag.text and "hampir hanya mencatat" in flag.text
    assert "0 dari 40 kunjungan" in flag.text
    assert all(
        f.get_attribute("data-counter") == "Loket 9"
        for f in browser.find_elements(By.CSS_SELECTOR, "li.flag")
    )
    assert browser.find_element(By.ID, "rate-chart").is_displayed()
    # the page fits the window: nothing wider than the viewport but the scrolling tables
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= browser.execute_script("return window.innerWidth") + 1

    flag.find_element(By.CSS_SELECTOR, "a.rows-link").click()
    WebDriverWait(browser, 20).until(EC.url_contains("/console/integrity/rows"))
    visits = browser.find_elements(By.CSS_SELECTOR, "#rows tr.visit")
    assert len(visits) == 40
    assert {v.get_attribute("data-outcome") for v in visits} == {"agreed"}
    assert all("Loket 9" in v.text for v in visits)
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "+62" not in body and "0812" not in body
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], errors


def test_mpp_admin_of_another_mpp_gets_403_in_the_browser(
    sqlite_central: Central, browser: Any
) -> None:
    c = sqlite_central
    send_day(c.enrol("BKL01", "Loket 1"), (0.3, 0.4, 0.3), 10, seed=1)
    send_day(c.enrol("JKT02", "Loket 1"), (0.3, 0.4, 0.3), 10, seed=2)
    browser_sign_in(browser, c, add_account(c, "adm", "mpp-admin", "JKT02"), "/console/integrity")
    assert "JKT02" in browser.find_element(By.ID, "mpp").get_attribute("value")
    browser.get(c.url + "/console/integrity?mpp=BKL01")
    assert browser.find_element(By.ID, "message").text == (
        "Anda hanya boleh melihat data MPP Anda sendiri."
    )
    assert "BKL01" not in browser.find_element(By.TAG_NAME, "main").text
    browser.get(c.url + "/console/integrity?from=2026-02-30")
    assert "TTTT-BB-HH" in browser.find_element(By.ID, "message").text
