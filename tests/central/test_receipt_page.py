"""The page behind the slip's QR code: in a real headless Chromium (consent shown in
Indonesian with the masked number only, withdraw, confirm, withdrawn for good), and over
plain HTTP for what a browser cannot show (no oracle for receipts, rate limiting, the
consent receipt JSON, forged or cross-site withdrawals)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import requests

from mpp_counter.domain.receipt import new_code, new_secret

from ._support import Central, cli, phone

T0 = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # 08.30 WIB


def consented(central: Central, n: int, at: datetime = T0) -> tuple[dict[str, Any], str]:
    dev = central.enrol()
    v, c, secret = dev.agreed(phone(n), at=at)
    assert dev.post(dev.batch([v, c])).status_code == 200
    return c, secret


def exported(central: Central, tmp_path: Path) -> list[str]:
    out = tmp_path / "survey.csv"
    central.cli(
        "export",
        "--campaign",
        "SPI-2026",
        "--private-key",
        str(tmp_path / "campaign-key.json"),
        "-o",
        str(out),
    )
    return [line.split(",")[0] for line in out.read_text("utf-8").splitlines()[1:]]


@pytest.mark.browser
def test_citizen_withdraws_on_the_qr_page(
    sqlite_central: Central, browser: Any, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    central = sqlite_central
    c, secret = consented(central, 31)
    kept, kept_secret = consented(central, 32)
    assert sorted(exported(central, tmp_path)) == [phone(31), phone(32)]
    url = f"{central.url}/r/{c['receipt']}/{secret}"

    def text(css: str) -> str:
        return browser.find_element(By.CSS_SELECTOR, css).text

    def click_and_wait(element_id: str, heading: str) -> None:
        """Click, then wait until the next page (by its heading) has loaded: a click
        does not wait for the navigation it starts."""
        old = browser.find_element(By.TAG_NAME, "html")
        browser.find_element(By.ID, element_id).click()
        WebDriverWait(browser, 15).until(EC.staleness_of(old))
        WebDriverWait(browser, 15).until(
            EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), heading)
        )

    browser.get(url)
    assert browser.title == "Bukti Persetujuan Survei"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "id"
    assert text("#status") == "Persetujuan aktif"
    assert text("#phone") == "08xx-xxxx-0031"
    assert text("#receipt") == c["receipt"]
    assert text("#date") == "2 Maret 2026, 08.30 WIB"
    assert "Survei SPI 2026" in text("#campaign")
    assert "akun WhatsApp resmi terverifikasi" in text("#sender")
    html = browser.page_source
    for form in (phone(31), phone(31)[1:], "0" + phone(31)[3:], "0812-0000-0031"):
        assert form not in html
    # the nonce'd stylesheet applies under the page's CSP: the status is green
    assert (
        browser.execute_script("return getComputedStyle(document.getElementById('status')).color")
        == "rgb(17, 99, 41)"
    )

    # mobile first: at a phone's width nothing scrolls sideways
    assert browser.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth"
    )

    # cancel first: nothing changes
    click_and_wait("withdraw", "Tarik persetujuan?")
    assert "0031" in browser.page_source and phone(31) not in browser.page_source
    click_and_wait("cancel", "Bukti Persetujuan Survei")
    assert text("#status") == "Persetujuan aktif"

    # withdraw, confirm: back on the receipt, withdrawn, with the time, no button left
    click_and_wait("withdraw", "Tarik persetujuan?")
    click_and_wait("confirm", "Bukti Persetujuan Survei")
    assert browser.current_url == url
    status = text("#status")
    m = re.fullmatch(r"Persetujuan ditarik pada (\d{1,2} \w+ \d{4}, \d\d\.\d\d) WIB", status)
    assert m is not None, status
    months = (
        "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
    ).split()
    day, month, rest = m.group(1).split(" ", 2)
    shown = datetime.strptime(f"{day} {months.index(month) + 1} {rest}", "%d %m %Y, %H.%M")
    now_wib = datetime.now(UTC).astimezone(_wib()).replace(tzinfo=None)
    assert abs((now_wib - shown).total_seconds()) < 180  # the time of the withdrawal, in WIB
    assert browser.find_elements(By.ID, "withdraw") == []
    assert text("#outcome").startswith("Anda tidak akan dihubungi untuk survei ini.")
    assert "akan mengirim" not in browser.page_source  # the old purpose is no promise now
    browser.refresh()
    assert text("#status") == status
    browser.get(url + "/withdraw")  # the old confirmation address: sent back, still withdrawn
    assert browser.current_url == url and text("#status") == status
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []  # no CSP violation, no failed resource

    # a mistyped address: the not-found page, in Indonesian, that names no receipt
    browser.get(f"{central.url}/r/{c['receipt']}/{new_secret()}")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Struk tidak ditemukan"
    assert c["receipt"] not in browser.page_source

    assert exported(central, tmp_path) == [phone(32)]
    r = requests.get(f"{central.url}/r/{kept['receipt']}/{kept_secret}.json", timeout=10)
    assert r.json()["iso27560"]["state"] == "active"
    assert secret not in central.log_text()  # the address holds a secret: never logged


def _wib() -> timezone:
    return timezone(timedelta(hours=7))


def _strip_nonce(html: str) -> str:
    return re.sub(r'nonce="[^"]+"', "", html)


def test_wrong_secret_is_indistinguishable_from_no_receipt(sqlite_central: Central) -> None:
    central = sqlite_central
    c, secret = consented(central, 41)
    base = central.url + "/r/"
    right_receipt_wrong_secret = f"{base}{c['receipt']}/{new_secret()}"
    unknown_receipt = f"{base}{new_code()}/{secret}"
    not_a_receipt = f"{base}HELLO/{secret}"
    pages = [
        requests.get(u, timeout=10)
        for u in (right_receipt_wrong_secret, unknown_receipt, not_a_receipt)
    ]
    assert {p.status_code for p in pages} == {404}
    assert len({_strip_nonce(p.text) for p in pages}) == 1
    assert "Struk tidak ditemukan" in pages[0].text and c["receipt"] not in pages[0].text
    jsons = [
        requests.get(u + ".json", timeout=10)
        for u in (right_receipt_wrong_secret, unknown_receipt, not_a_receipt)
    ]
    assert {j.status_code for j in jsons} == {404}
    assert len({j.content for j in jsons}) == 1
    for u in (right_receipt_wrong_secret, unknown_receipt):
        r = requests.post(
            u + "/withdraw", data={"csrf": "x"}, timeout=10, headers={"Origin": central.url}
        )
        assert r.status_code == 404
    # the right secret in upper case (a QR scanner may shout) still finds it
    ok = requests.get(f"{base}{c['receipt']}/{secret.upper()}", timeout=10)
    assert ok.status_code == 200 and "Persetujuan aktif" in ok.text


def test_many_wrong_secrets_are_rate_limited(sqlite_central: Central) -> None:
    central = sqlite_central
    c, secret = consented(central, 42)
    codes = [
        requests.get(f"{central.url}/r/{c['receipt']}/{new_secret()}", timeout=10).status_code
        for _ in range(40)
    ]
    assert codes[:30] == [404] * 30 and set(codes[30:]) == {429}
    r = requests.get(f"{central.url}/r/{c['receipt']}/{secret}", timeout=10)
    assert r.status_code == 429 and r.headers["Retry-After"] == "60"
    assert "Terlalu banyak permintaan" in r.text  # a page in Indonesian, not a JSON blob
    j = requests.get(f"{central.url}/r/{c['receipt']}/{secret}.json", timeout=10)
    assert j.status_code == 429 and j.json()["error"]
    # the devices' API is not behind the pages' limit
    assert requests.get(central.url + "/api/v1/health", timeout=10).status_code == 200


def test_consent_receipt_json(sqlite_central: Central, tmp_path: Path) -> None:
    central = sqlite_central
    c, secret = consented(central, 43)
    r = requests.get(f"{central.url}/r/{c['receipt']}/{secret}.json", timeout=10)
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert r.headers["Cache-Control"] == "no-store"
    assert r.headers["Referrer-Policy"] == "same-origin"
    cr = r.json()
    assert cr["version"] == "KI-CR-v1.1.0" and cr["jurisdiction"] == "ID"
    assert cr["consentTimestamp"] == int(T0.timestamp())
    assert cr["consentReceiptID"] == c["receipt"] and cr["language"] == "id"
    assert cr["collectionMethod"] == c["collection_method"]
    assert cr["piiPrincipalId"] == "08xx-xxxx-0043"
    assert cr["piiControllers"] == [
        {"piiController": c["controller"], "onBehalf": False, "contact": c["controller_contact"]}
    ]
    assert cr["policyUrl"] == "https://spi.invalid"
    (service,) = cr["services"]
    assert service["service"] == "Survei SPI 2026"
    (purpose,) = service["purposes"]
    assert purpose["purpose"] == c["purpose"] and purpose["consentType"] == "EXPLICIT"
    assert purpose["thirdPartyDisclosure"] is False
    assert cr["sensitive"] is False and cr["spiCat"] == []
    iso = cr["iso27560"]
    assert iso["record_id"] == c["id"] and iso["state"] == "active"
    assert iso["notice"] == {
        "id": "SPI-2026",
        "version": c["notice_version"],
        "sha256": c["notice_hash"],
        "language": "id",
    }
    assert iso["channel"] == "WhatsApp" and iso["retention_days"] == c["retention_days"]
    assert [e["event"] for e in iso["events"]] == ["given"]
    assert cr["x-mpp"]["service"] == "DUK-KTP" and cr["x-mpp"]["withdrawn_at"] is None
    assert phone(43)[3:] not in r.text  # the full number is never in the receipt
    # after a withdrawal by code at another counter, the receipt says so
    dev = central.enrol("BKL01", "Loket 2")
    w = dev.withdrawal(receipt=c["receipt"], last4=phone(43)[-4:], at=T0 + timedelta(days=1))
    assert dev.post(dev.batch([w])).status_code == 200
    cr = requests.get(f"{central.url}/r/{c['receipt']}/{secret}.json", timeout=10).json()
    assert cr["iso27560"]["state"] == "withdrawn"
    assert cr["iso27560"]["events"][-1] == {"event": "withdrawn", "time": w["at"], "method": "code"}


def test_forged_or_cross_site_withdrawal_is_refused(sqlite_central: Central) -> None:
    central = sqlite_central
    c, secret = consented(central, 44)
    url = f"{central.url}/r/{c['receipt']}/{secret}/withdraw"
    page = requests.get(url, timeout=10).text
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    attempts = [
        ({}, {"Origin": central.url}),  # no token
        ({"csrf": "1.deadbeef"}, {"Origin": central.url}),  # a made-up token
        ({"csrf": token}, {"Origin": "https://evil.invalid"}),  # another site's form
        ({"csrf": token}, {"Origin": "null"}),
        ({"csrf": token}, {"Sec-Fetch-Site": "cross-site"}),
        ({"csrf": token}, {"Sec-Fetch-Site": "same-site", "Origin": central.url}),
    ]
    for data, headers in attempts:
        r = requests.post(url, data=data, headers=headers, timeout=10, allow_redirects=False)
        assert r.status_code == 403, (data, headers)
        assert "Permintaan ditolak" in r.text
    assert (
        requests.get(url[: -len("/withdraw")] + ".json", timeout=10).json()["iso27560"]["state"]
        == "active"
    )
    r = requests.post(
        url,
        data={"csrf": token},
        headers={"Origin": central.url},
        timeout=10,
        allow_redirects=False,
    )
    assert r.status_code == 303
    assert cli(central.db_url, "stats", "--json").stdout.count('"withdrawn": 1') == 1


def test_page_names_the_sender_without_a_colour_and_says_withdrawn_means_no_contact(
    sqlite_central: Central,
) -> None:
    """Before: the campaign's sender by name and number, no badge colour. After a
    withdrawal on the page: the citizen will not be contacted, and the page no
    longer says that KPK will send a message."""
    central = sqlite_central
    c, secret = consented(central, 45)
    url = f"{central.url}/r/{c['receipt']}/{secret}"
    before = requests.get(url, timeout=10).text
    sender = re.search(r'<p class="note" id="sender">(.*?)</p>', before, re.S)
    assert sender is not None
    plain = re.sub(r"<[^>]+>", "", " ".join(sender.group(1).split()))
    assert "akun WhatsApp resmi terverifikasi Survei Integritas KPK (+62 812-0000-0001)" in plain
    assert "akan mengirim pesan WhatsApp" in before  # the purpose, while it holds
    for colour in ("hijau", "biru", "green", "blue", "centang"):
        assert colour not in before.lower()
    assert "tidak akan dihubungi" not in before

    confirm = requests.get(url + "/withdraw", timeout=10).text
    token = re.search(r'name="csrf" value="([^"]+)"', confirm).group(1)  # type: ignore[union-attr]
    r = requests.post(
        url + "/withdraw", data={"csrf": token}, timeout=10, headers={"Origin": central.url}
    )
    assert r.status_code == 200 and r.url == url  # sent back to the receipt
    after = r.text
    assert '<p id="outcome"><strong>Anda tidak akan dihubungi untuk survei ini.</strong>' in after
    assert "akan mengirim" not in after and 'id="withdraw"' not in after
    for colour in ("hijau", "biru", "green", "blue", "centang"):
        assert colour not in after.lower()
