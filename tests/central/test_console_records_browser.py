"""In a real Chromium (phone-sized and 1366×768): the operator creates a campaign from a
public key that `mpp-central campaign keygen` made off the server, compares the
fingerprint, closes the campaign, and finds both in the record of processing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By

from ._console import add_account, browser_sign_in, submit
from ._support import Central, cli


def no_overflow(browser: Any) -> None:
    width = browser.execute_script("return document.documentElement.scrollWidth")
    inner = browser.execute_script("return window.innerWidth")
    assert width <= inner, f"{browser.current_url}: {width}px wide in a {inner}px window"


def keygen(central: Central, out: Path) -> tuple[str, str]:
    p = cli(central.db_url, "campaign", "keygen", "-o", str(out), process=True)
    said = dict(line.split(": ", 1) for line in p.stdout.splitlines() if ": " in line)
    return said["public key"], said["fingerprint"]


@pytest.mark.browser
@pytest.mark.parametrize("browser", ["390,844", "1366,768"], indirect=True)
def test_operator_creates_from_keygen_and_closes_both_recorded(
    browser: Any, sqlite_central: Central, tmp_path: Path
) -> None:
    central = sqlite_central
    public, fp = keygen(central, tmp_path / "team-key.json")
    browser_sign_in(
        browser, central, add_account(central, "operator-1", "operator"), "/console/campaigns"
    )
    no_overflow(browser)

    # a wrong key first: the message, the fields kept, nothing created
    for name, value in (
        ("id", "SPI-2027"),
        ("name", "Survei SPI 2027"),
        ("public_key", public[:-2]),
    ):
        browser.find_element(By.ID, name).send_keys(value)
    submit(browser, browser.find_element(By.ID, "check"))
    assert "Kunci publik tidak sah" in browser.find_element(By.ID, "error").text
    assert browser.find_element(By.ID, "id").get_attribute("value") == "SPI-2027"
    assert not browser.find_elements(By.ID, "campaign-SPI-2027")

    box = browser.find_element(By.ID, "public_key")
    box.clear()
    box.send_keys(public)
    submit(browser, browser.find_element(By.ID, "check"))
    assert browser.find_element(By.ID, "fingerprint").text == fp  # compared with keygen's
    no_overflow(browser)
    submit(browser, browser.find_element(By.ID, "create"))
    assert browser.current_url.endswith("/console/campaigns/SPI-2027?done=created")
    assert browser.find_element(By.ID, "c-fingerprint").text == fp
    assert browser.find_element(By.ID, "c-status").text == "terbuka"
    no_overflow(browser)

    submit(browser, browser.find_element(By.ID, "close"))
    submit(browser, browser.find_element(By.ID, "confirm-close"))
    assert browser.find_element(By.ID, "c-status").text == "ditutup"
    assert browser.find_element(By.ID, "done").text == "Kampanye ditutup."
    assert not browser.find_elements(By.ID, "close")

    browser.get(central.url + "/console/processing?campaign=SPI-2027")
    rows = browser.find_elements(By.CSS_SELECTOR, "#records tbody tr[data-action]")
    assert [r.get_attribute("data-action") for r in rows] == ["campaign-close", "campaign-create"]
    assert all("operator-1" in r.text for r in rows)
    assert fp in rows[1].text
    no_overflow(browser)

    listed = json.loads(central.cli("processing", "--json", "--campaign", "SPI-2027").stdout)
    assert [r["actor"] for r in listed] == ["operator-1", "operator-1"]
    assert central.cli("campaign", "list").stdout.count("\tclosed\t") == 1


@pytest.mark.browser
def test_browser_refusals_change_nothing(
    browser: Any, sqlite_central: Central, tmp_path: Path
) -> None:
    """An mpp-admin is refused the campaigns; a close whose CSRF token was tampered with
    in the page is refused and the campaign stays open; a 10 kB name is refused."""
    central = sqlite_central
    admin = add_account(central, "admin-bkl", "mpp-admin", "BKL01")
    browser_sign_in(browser, central, admin, "/console/")
    assert not browser.find_elements(By.CSS_SELECTOR, "nav a[href='/console/campaigns']")
    for path in ("/console/campaigns", "/console/campaigns/SPI-2026", "/console/processing"):
        browser.get(central.url + path)
        said = browser.find_element(By.ID, "message").text
        assert said == "Peran Anda tidak boleh membuka halaman ini.", path
        assert "SPI-2026" not in browser.find_element(By.TAG_NAME, "main").text
    browser.delete_all_cookies()

    op = add_account(central, "operator-1", "operator")
    browser_sign_in(browser, central, op, "/console/campaigns/SPI-2026/close")
    browser.execute_script(
        "document.querySelector('form[action$=\"/close\"] input[name=csrf]').value = arguments[0]",
        "A" * 43,
    )
    submit(browser, browser.find_element(By.ID, "confirm-close"))
    assert "Formulir ini kedaluwarsa" in browser.find_element(By.ID, "message").text
    assert "\topen\t" in central.cli("campaign", "list").stdout
    browser.get(central.url + "/console/campaigns/SPI-2026")
    assert browser.find_element(By.ID, "c-status").text == "terbuka"

    public, _ = keygen(central, tmp_path / "k.json")
    browser.get(central.url + "/console/campaigns")
    browser.find_element(By.ID, "id").send_keys("SPI-2027")
    browser.execute_script("document.getElementById('name').value = 'n'.repeat(10240)")
    browser.find_element(By.ID, "public_key").send_keys(public)
    submit(browser, browser.find_element(By.ID, "check"))
    assert "paling banyak 200" in browser.find_element(By.ID, "error").text
    no_overflow(browser)
    assert central.cli("campaign", "list").stdout.count("\n") == 1
    listed = json.loads(central.cli("processing", "--json").stdout)
    assert [r["action"] for r in listed] == ["campaign-create"]  # the fixture's only
