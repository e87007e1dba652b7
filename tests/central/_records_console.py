"""Console helpers of the record-of-processing and campaign tests: an account made by the
console's own code (Argon2id, TOTP secret), signing in over plain HTTP or with a real
browser, and reading a form's CSRF token. (The console's shared test helpers can take
this file's place once both branches are merged.)"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyotp
import requests

from mpp_counter.central import db
from mpp_counter.central.console import accounts

from ._support import Central

PASSWORD = "kata-sandi-uji-yang-panjang"


@dataclass
class Account:
    username: str
    secret: str
    last_step: int = 0

    def code(self) -> str:
        """A code not used before: the central takes each TOTP step once."""
        now_step = int(time.time()) // 30
        step = max(now_step, self.last_step + 1)
        if step > now_step + 1:
            time.sleep((step - 1) * 30 - time.time() + 0.05)
        self.last_step = step
        return pyotp.TOTP(self.secret).at(step * 30)


def account(central: Central, username: str, role: str, mpp: str | None = None) -> Account:
    engine = db.make_engine(central.db_url)
    try:
        enrolled = accounts.add_user(engine, username, role, mpp, PASSWORD)
    finally:
        engine.dispose()
    secret = parse_qs(urlsplit(enrolled.provisioning_uri).query)["secret"][0]
    return Account(username, secret)


def http_session(central: Central, who: Account) -> requests.Session:
    s = requests.Session()
    r = s.post(
        central.url + "/console/login",
        data={"username": who.username, "password": PASSWORD, "code": who.code()},
        headers={"Origin": central.url},
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 303, r.text[:500]
    return s


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, "no csrf field on the page"
    return m.group(1)


def post(s: requests.Session, central: Central, path: str, data: dict[str, str]) -> Any:
    return s.post(
        central.url + path,
        data=data,
        headers={"Origin": central.url},
        allow_redirects=False,
        timeout=10,
    )


def browser_sign_in(browser: Any, central: Central, who: Account, path: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(central.url + path)
    assert "/console/login" in browser.current_url
    for name, value in (("username", who.username), ("password", PASSWORD), ("code", who.code())):
        browser.find_element(By.ID, name).send_keys(value)
    click(browser, browser.find_element(By.ID, "sign-in"))
    assert path in browser.current_url, browser.page_source[:1000]


def click(browser: Any, button: Any) -> None:
    """Click and wait until the next page has replaced this one and finished loading. A
    marker on this page's window tells the two apart; an element probed mid-navigation
    can raise anything, so the wait asks the window rather than the clicked element."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    browser.execute_script("window.__before_click = 1")
    button.click()
    WebDriverWait(browser, 20, ignored_exceptions=(WebDriverException,)).until(
        lambda b: b.execute_script(
            "return window.__before_click === undefined && document.readyState === 'complete'"
        )
    )
