"""``/console/users``: operators see the accounts and can disable one (its sessions end
at once); nobody else may open it, and an operator cannot disable themself."""

from __future__ import annotations

import re

from ._console import add_account, audit_rows, csrf_of, http_sign_in
from ._support import Central


def test_operator_disables_an_account(central: Central) -> None:
    ops = add_account(central, "ops", "operator")
    bkl = add_account(central, "bkl", "mpp-admin", "BKL01")
    s_ops = http_sign_in(central, ops)
    s_bkl = http_sign_in(central, bkl)
    same = {"Origin": central.url}

    r = s_bkl.get(central.url + "/console/users", allow_redirects=False, timeout=10)
    assert r.status_code == 403
    assert "/console/users" not in s_bkl.get(central.url + "/console/", timeout=10).text

    page = s_ops.get(central.url + "/console/users", timeout=10).text
    assert 'id="user-ops"' in page and 'id="user-bkl"' in page and "BKL01" in page
    forms = re.findall(r'<tr id="user-(\w+)">.*?(?:/console/users/(\d+)/disable|</tr>)', page, re.S)
    ids = {name: uid for name, uid in forms if uid}
    assert list(ids) == ["bkl"]  # no button to disable oneself
    token = csrf_of(page)

    r = s_bkl.post(  # an mpp-admin with their own good token: refused by role
        f"{central.url}/console/users/{ids['bkl']}/disable",
        data={"csrf": csrf_of(s_bkl.get(central.url + "/console/", timeout=10).text)},
        headers=same,
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 403
    own_id = int(ids["bkl"]) - 1  # ops was added first
    for target, status in ((str(own_id), 403), ("999999", 404), ("abc", 404)):
        r = s_ops.post(
            f"{central.url}/console/users/{target}/disable",
            data={"csrf": token},
            headers=same,
            allow_redirects=False,
            timeout=10,
        )
        assert r.status_code == status, target
    assert s_bkl.get(central.url + "/console/", timeout=10).status_code == 200  # untouched

    r = s_ops.post(
        f"{central.url}/console/users/{ids['bkl']}/disable",
        data={"csrf": token},
        headers=same,
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 303
    r = s_bkl.get(central.url + "/console/", allow_redirects=False, timeout=10)
    assert r.status_code == 303 and r.headers["location"].startswith("/console/login")
    page = s_ops.get(central.url + "/console/users", timeout=10).text
    assert "dinonaktifkan" in page
    assert [(r.actor, r.target) for r in audit_rows(central) if r.action == "user-disable"] == [
        ("ops", "bkl")
    ]
