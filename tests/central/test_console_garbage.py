"""Garbage at the console's forms: over-long fields, non-UTF-8 bodies, oversized bodies,
cross-site sign-in. Each gets a clear page and changes nothing."""

from __future__ import annotations

from typing import Any

import requests

from mpp_counter.central import db

from ._console import add_account, audit_rows, csrf_of, http_sign_in
from ._support import Central


def codes(central: Central) -> list[Any]:
    engine = db.make_engine(central.db_url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(db.enrol_codes.select()))
    finally:
        engine.dispose()


def test_garbage_at_sign_in(sqlite_central: Central) -> None:
    central = sqlite_central
    ops = add_account(central, "ops", "operator")
    url = central.url + "/console/login"
    same = {"Origin": central.url}
    r = requests.post(
        url,
        data={"username": "u" * 10000, "password": "p" * 10000, "code": "1" * 5000},
        headers=same,
        timeout=10,
    )
    assert r.status_code == 401 and "kata sandi, atau kode salah" in r.text
    assert "u" * 100 not in r.text  # not echoed back whole
    r = requests.post(
        url,
        data=b"username=ops&password=\xff\xfe&code=123456",
        headers={**same, "Content-Type": "application/x-www-form-urlencoded"},
        timeout=10,
    )
    assert r.status_code == 400 and "bukan UTF-8" in r.text
    r = requests.post(
        url,
        data=b"username=ops&password=%ff%fe&code=123456",
        headers={**same, "Content-Type": "application/x-www-form-urlencoded"},
        timeout=10,
    )
    assert r.status_code == 400 and "bukan UTF-8" in r.text
    r = requests.post(url, data={"x": "y" * 70000}, headers=same, timeout=10)
    assert r.status_code == 413 and "terlalu besar" in r.text
    r = requests.post(
        url,
        data={"username": "ops", "password": ops.password, "code": ops.peek()},
        headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 403 and "mpp_console" not in r.headers.get("set-cookie", "")
    # none of it counted as a failed sign-in of ops but the over-long one is audited cut
    failed = [r for r in audit_rows(central) if r.action == "sign-in-failed"]
    assert len(failed) == 1 and len(failed[0].actor) <= 64
    s = http_sign_in(central, ops)  # ops is not locked and signs in
    assert s.get(central.url + "/console/", timeout=10).status_code == 200


def test_garbage_at_the_code_form(sqlite_central: Central) -> None:
    central = sqlite_central
    s = http_sign_in(central, add_account(central, "ops", "operator"))
    token = csrf_of(s.get(central.url + "/console/counters", timeout=10).text)
    url = central.url + "/console/counters/code"
    same = {"Origin": central.url, "Sec-Fetch-Site": "same-origin"}
    for form in (
        {"mpp": "BKL01", "counter": "L" * 65, "days": "7"},
        {"mpp": "B" * 33, "counter": "Loket 1", "days": "7"},
        {"mpp": "BKL01", "counter": "   ", "days": "7"},
        {"mpp": "BKL01", "counter": "Loket 1", "days": "0"},
        {"mpp": "BKL01", "counter": "Loket 1", "days": "9999"},
        {"mpp": "BKL01", "counter": "Loket 1", "days": "tujuh"},
    ):
        r = s.post(url, data={"csrf": token, **form}, headers=same, timeout=10)
        assert r.status_code == 400, form
        assert "Tidak ada kode yang dibuat." in r.text
    r = s.post(
        url,
        data=b"csrf=" + token.encode() + b"&mpp=BKL01&counter=Loket\xff",
        headers={**same, "Content-Type": "application/x-www-form-urlencoded"},
        timeout=10,
    )
    assert r.status_code == 400 and "bukan UTF-8" in r.text
    assert codes(central) == []
    assert "enrol-code" not in [r.action for r in audit_rows(central)]


def test_forged_sign_out_signs_nobody_out(sqlite_central: Central) -> None:
    central = sqlite_central
    s = http_sign_in(central, add_account(central, "ops", "operator"))
    token = csrf_of(s.get(central.url + "/console/", timeout=10).text)
    for form, headers in (
        ({"csrf": "forged"}, {"Origin": central.url}),
        ({"csrf": token}, {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}),
    ):
        r = s.post(
            central.url + "/console/logout",
            data=form,
            headers=headers,
            allow_redirects=False,
            timeout=10,
        )
        assert r.status_code == 403
    r = s.get(central.url + "/console/", allow_redirects=False, timeout=10)
    assert r.status_code == 200  # still signed in
    assert [r.action for r in audit_rows(central)].count("csrf-refused") == 2


def test_pages_carry_the_security_headers_and_no_script(sqlite_central: Central) -> None:
    central = sqlite_central
    dev = central.enrol("BKL01", "Loket <b>1</b>")  # a name with markup is shown as text
    s = http_sign_in(central, add_account(central, "ops", "operator"))
    token = csrf_of(s.get(central.url + "/console/counters", timeout=10).text)
    pages = [
        requests.get(central.url + "/console/login", timeout=10),
        s.get(central.url + "/console/", timeout=10),
        s.get(central.url + "/console/counters", timeout=10),
        s.get(central.url + "/console/audit", timeout=10),
        s.get(f"{central.url}/console/counters/{dev.id}/revoke", timeout=10),
        s.post(
            central.url + "/console/counters/code",
            data={"csrf": token, "mpp": "BKL01", "counter": "Loket 2", "days": "7"},
            headers={"Origin": central.url},
            timeout=10,
        ),
    ]
    for r in pages:
        assert r.status_code == 200, r.url
        csp = r.headers["content-security-policy"]
        assert csp.startswith("default-src 'none'; style-src 'nonce-") and "script" not in csp
        nonce = csp.split("'nonce-")[1].split("'")[0]
        assert r.text.count(f'<style nonce="{nonce}">') == 1 and r.text.count("<style") == 1
        assert "<script" not in r.text and " style=" not in r.text
        assert r.headers["x-frame-options"] == "DENY" and r.headers["cache-control"] == "no-store"
    assert "Loket &lt;b&gt;1&lt;/b&gt;" in pages[2].text and "<b>1</b>" not in pages[2].text
    assert "<svg" in pages[5].text
