"""Console test helpers: accounts made through the real ``mpp-central user add`` (password
on stdin, the TOTP secret read back from the provisioning URI it prints), TOTP codes
that are never reused, and signing in with a real browser or plain HTTP."""

from __future__ import annotations

import contextlib
import io
import re
import sys
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyotp
import requests

from mpp_counter.central import cli as central_cli
from mpp_counter.central import db

from ._support import Central

PASSWORD = "kata-sandi-uji-panjang"


def user_cli(db_url: str, *args: str, stdin: str = "") -> tuple[int, str, str]:
    """``mpp-central user …`` in this process with ``stdin`` as its standard input."""
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = central_cli.main(["--db", db_url, "user", *args])
            except SystemExit as exc:
                code = int(exc.code or 0)
    finally:
        sys.stdin = old
    return code, out.getvalue(), err.getvalue()


@dataclass
class Account:
    username: str
    password: str
    secret: str
    last_step: int = 0

    def code(self) -> str:
        """A code the central takes: the current step, or the next one if the current was
        used already (the central accepts one step ahead and never the same step twice)."""
        now_step = int(time.time()) // 30
        step = max(now_step, self.last_step + 1)
        if step > now_step + 1:
            time.sleep((step - 1) * 30 - time.time() + 0.05)
        self.last_step = step
        return pyotp.TOTP(self.secret).at(step * 30)

    def peek(self) -> str:
        """The current code, for an attempt that fails anyway (it uses up no step)."""
        return pyotp.TOTP(self.secret).now()


def add_account(
    central: Central | str, username: str, role: str, mpp: str | None = None
) -> Account:
    url = central if isinstance(central, str) else central.db_url
    extra = ["--mpp", mpp] if mpp else []
    code, out, err = user_cli(url, "add", username, "--role", role, *extra, stdin=PASSWORD + "\n")
    assert code == 0, err
    uri = next(line for line in out.splitlines() if line.startswith("otpauth://"))
    secret = parse_qs(urlsplit(uri).query)["secret"][0]
    return Account(username, PASSWORD, secret)


def http_sign_in(central: Central, account: Account, url: str | None = None) -> requests.Session:
    s = requests.Session()
    base = url or central.url
    r = s.post(
        base + "/console/login",
        data={"username": account.username, "password": account.password, "code": account.code()},
        headers={"Origin": base},
        allow_redirects=False,
        timeout=30,
    )
    assert r.status_code == 303, r.text[:500]
    return s


def post(s: requests.Session, central: Central, path: str, data: dict[str, str]) -> Any:
    """A console form posted as the browser would (same-origin), the redirect not followed."""
    return s.post(
        central.url + path,
        data=data,
        headers={"Origin": central.url},
        allow_redirects=False,
        timeout=10,
    )


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, "no csrf field on the page"
    return m.group(1)


def browser_sign_in(
    browser: Any, central: Central, account: Account, path: str = "/console/"
) -> None:
    from selenium.webdriver.common.by import By

    browser.get(central.url + path)
    fill_login(browser, account.username, account.password, account.code())
    assert "/console/login" not in browser.current_url, browser.page_source[:2000]
    assert path.split("?")[0] in browser.current_url, browser.current_url  # sent back there
    assert browser.find_elements(By.CSS_SELECTOR, "form[action='/console/logout']")


def fill_login(browser: Any, username: str, password: str, code: str) -> None:
    from selenium.webdriver.common.by import By

    assert "/console/login" in browser.current_url
    for name, value in (("username", username), ("password", password), ("code", code)):
        box = browser.find_element(By.ID, name)
        box.clear()
        box.send_keys(value)
    submit(browser, browser.find_element(By.ID, "sign-in"))


def submit(browser: Any, button: Any) -> None:
    """Click and wait until the next page has replaced this one and finished loading
    (a click does not wait for the navigation). A marker on this page's window tells the
    two apart; an element probed mid-navigation can raise anything, so the wait asks the
    window, and then for the layout's last element (the footer: all parsed)."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.execute_script("window.__before_click = 1")
    button.click()
    WebDriverWait(browser, 20, ignored_exceptions=(WebDriverException,)).until(
        lambda b: (
            b.execute_script(
                "return window.__before_click === undefined && document.readyState === 'complete'"
            )
            and b.find_elements(By.TAG_NAME, "footer")
        )
    )


def no_overflow(browser: Any) -> None:
    width = browser.execute_script("return document.documentElement.scrollWidth")
    inner = browser.execute_script("return window.innerWidth")
    assert width <= inner, f"page is {width}px wide in a {inner}px window: {browser.current_url}"


def audit_rows(central: Central) -> list[Any]:
    from mpp_counter.central.console.audit import console_audit

    engine = db.make_engine(central.db_url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(console_audit.select().order_by(console_audit.c.id)))
    finally:
        engine.dispose()


def execute(central: Central, stmt: Any) -> None:
    engine = db.make_engine(central.db_url)
    try:
        with engine.begin() as conn:
            conn.execute(stmt)
    finally:
        engine.dispose()
