"""Two central processes on one PostgreSQL database share console sessions: a cookie
from one works on the other, and signing out on one ends it on both."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from ._console import add_account, csrf_of, http_sign_in
from ._support import Central, cli, new_pg_database

pytestmark = pytest.mark.postgresql


@pytest.fixture
def two_centrals(pg_admin_url: str, tmp_path: Path) -> Iterator[tuple[Central, Central]]:
    url = new_pg_database(pg_admin_url)
    cli(url, "init")
    a = Central(url, tmp_path).start()
    b = Central(url, tmp_path).start()
    try:
        yield a, b
    finally:
        a.stop()
        b.stop()


def test_sign_in_on_one_sign_out_on_the_other(two_centrals: tuple[Central, Central]) -> None:
    a, b = two_centrals
    ops = add_account(a, "ops", "operator")
    s = http_sign_in(a, ops)
    cookie = s.cookies.get("mpp_console")
    assert cookie
    r = s.get(b.url + "/console/audit", allow_redirects=False, timeout=10)
    assert r.status_code == 200 and "sign-in" in r.text  # b knows a's session
    r = s.post(
        b.url + "/console/logout",
        data={"csrf": csrf_of(r.text)},
        headers={"Origin": b.url},
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 303
    # the browser would drop the cookie; an attacker who kept it gets nothing on either
    for central in (a, b):
        r = requests.get(
            central.url + "/console/audit",
            cookies={"mpp_console": cookie},
            allow_redirects=False,
            timeout=10,
        )
        assert r.status_code == 303 and r.headers["location"].startswith("/console/login")
