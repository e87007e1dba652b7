"""In Debian's Chromium: the survey team prepares a draw in the console (preview, then
prepare), it is opened on their machine, a citizen withdraws, and the suppression list
downloaded from the console names that ref; an operator sees the hand-offs but has no
form, and a forged prepare from their session is refused and stores nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from ._console import add_account, browser_sign_in, no_overflow, submit
from ._handoff_support import open_sample, read_rows, state_of
from ._support import Central, phone, withdraw_on_page

SEED = "feedfacecafebeef0011223344556677"


def _download(browser: Any, folder: Path, link: Any) -> str:
    browser.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)}
    )
    link.click()
    WebDriverWait(browser, 20, poll_frequency=0.05).until(lambda _: list(folder.glob("*.csv")))
    return next(folder.glob("*.csv")).read_text("utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("browser", ["390,844", "1366,768"], indirect=True)
def test_survey_prepares_in_the_console_and_downloads_the_suppression_list(
    browser: Any, sqlite_central: Central, tmp_path: Path
) -> None:
    central = sqlite_central
    dev = central.enrol("BKL01")
    consents = []
    for n in (1, 2, 3):
        v, c, secret = dev.agreed(phone(n))
        assert dev.post(dev.batch([v, c])).status_code == 200
        consents.append((c, secret))
    browser_sign_in(
        browser, central, add_account(central, "surveyor", "survey"), "/console/handoffs"
    )
    assert browser.find_element(By.TAG_NAME, "h1").text == "Serah terima sampel survei"
    no_overflow(browser)
    quota = browser.find_element(By.ID, "quota")
    quota.send_keys("5")
    browser.find_element(By.ID, "seed").send_keys(SEED)
    browser.find_element(By.ID, "recipient").send_keys("KPK (pengirim WhatsApp)")
    browser.find_element(By.ID, "by_period").click()  # strata: agency and MPP only
    submit(browser, browser.find_element(By.ID, "preview-btn"))
    sizes = browser.find_element(By.ID, "sizes").text
    assert "DUKCAPIL / BKL01" in sizes and "kurang" in sizes  # 3 of a quota of 5
    assert browser.find_element(By.ID, "quota").get_attribute("value") == "5"
    assert not browser.find_element(By.ID, "by_period").is_selected()
    no_overflow(browser)
    submit(browser, browser.find_element(By.ID, "prepare-btn"))
    assert browser.current_url.endswith("/console/handoffs/1?prepared=1")
    assert "versi 1" in browser.find_element(By.ID, "prepared").text
    assert browser.find_element(By.ID, "seed").text == SEED
    assert "export --sample 1" in browser.find_element(By.ID, "command").text
    no_overflow(browser)

    # on the survey team's machine; then a citizen withdraws on the slip's page
    open_sample(central.db_url, "1", tmp_path / "campaign-key.json", tmp_path / "s.csv")
    refs = {r["receipt"]: r["ref"] for r in read_rows(tmp_path / "s.csv")}
    c, secret = consents[1]
    assert withdraw_on_page(central, c["receipt"], secret).status_code == 303
    browser.get(central.url + "/console/handoffs")
    assert "dibuka" in browser.find_element(By.ID, "handoffs").text
    got = _download(browser, tmp_path / "dl", browser.find_element(By.ID, "suppression"))
    lines = got.splitlines()
    assert lines[0] == "ref,receipt,withdrawn_at,handoff_version"
    assert [line.split(",")[0] for line in lines[1:]] == [refs[c["receipt"]]]
    assert phone(2) not in got and phone(2)[-4:] not in got


@pytest.mark.browser
def test_operator_sees_the_hand_offs_but_cannot_prepare(
    browser: Any, sqlite_central: Central
) -> None:
    central = sqlite_central
    browser_sign_in(browser, central, add_account(central, "op", "operator"), "/console/handoffs")
    assert browser.find_element(By.ID, "read-only")
    assert not browser.find_elements(By.ID, "prepare-form")
    assert not browser.find_elements(By.ID, "suppression")
    before = state_of(central.db_url)
    csrf = browser.find_element(
        By.CSS_SELECTOR, "form[action='/console/logout'] input"
    ).get_attribute("value")
    browser.execute_script(  # the form the page does not offer, posted from this session
        """const f = document.createElement('form'); f.method = 'post';
        f.action = '/console/handoffs/prepare';
        for (const [k, v] of Object.entries(arguments[0])) {
          const i = document.createElement('input'); i.name = k; i.value = v; f.appendChild(i);
        }
        document.body.appendChild(f); f.submit();""",
        {"csrf": csrf, "campaign": "SPI-2026", "by_mpp": "1", "quota": "3", "period": "month"},
    )
    WebDriverWait(browser, 15).until(lambda b: b.current_url.endswith("/prepare"))
    assert "tidak boleh" in browser.find_element(By.ID, "message").text
    assert state_of(central.db_url) == before
