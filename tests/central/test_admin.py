"""The central's administration: enrolment codes (once, expiring, typed by a person),
revocation, `stats --json`, and the command line's refusals."""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from pathlib import Path

import requests

from mpp_counter.central import db, enrolment

from ._support import Central, Device, cli, phone


def enrol(central: Central, code: str, **names: str) -> requests.Response:
    return requests.post(
        central.url + "/api/v1/enrol",
        json={"code": code, "client_version": "test", **names},
        timeout=10,
    )


def new_code(central: Central, *extra: str) -> str:
    p = central.cli("enrol-code", "--mpp", "BKL01", "--counter", "Loket 1", *extra)
    return p.stdout.splitlines()[-1]


def test_enrolment_code_is_used_once_and_expires(central: Central) -> None:
    code = new_code(central)
    assert len(code) == 14 and code.count("-") == 2
    # as a person types it: lower case, spaces, O for 0 and I/L for 1 are read as meant
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    r = enrol(central, typed)
    assert r.status_code == 200, r.text
    answer = r.json()
    assert (answer["mpp"], answer["counter"]) == ("BKL01", "Loket 1")
    assert answer["campaign"]["id"] == "SPI-2026" and answer["campaign"]["public_key"]
    assert answer["token"] not in central.log_text()
    assert r.headers["Cache-Control"] == "no-store"  # the token: no cache keeps a copy
    again = enrol(central, code)
    assert again.status_code == 403

    # Issued in the past by an injected clock, checked by the live central's own clock:
    # valid one day, issued 25 hours ago (expired) and 23 hours ago (still valid).
    engine = db.make_engine(central.db_url)
    try:
        issued = [
            enrolment.new_code(
                engine, "BKL01", "Loket 2", days=1, clock=lambda h=h: db.now() - timedelta(hours=h)
            )
            for h in (25, 23)
        ]
    finally:
        engine.dispose()
    expired = enrol(central, issued[0])
    assert expired.status_code == 403
    assert enrol(central, issued[1]).status_code == 200
    unknown = enrol(central, "AAAA-BBBB-CCCC")
    assert unknown.status_code == 403
    # one answer for used, expired and unknown: no oracle for codes
    assert again.json() == expired.json() == unknown.json()
    assert json.loads(central.cli("stats", "--json").stdout)["devices"] == 2


def test_enrolment_without_campaign_keeps_the_code(sqlite_url: str, tmp_path: Path) -> None:
    central = Central(sqlite_url, tmp_path).start()
    try:
        code = new_code(central)
        r = enrol(central, code)
        assert r.status_code == 409 and "campaign" in r.json()["error"]
        assert r.json()["reason"] == "no_campaign"
        central.cli(
            "campaign",
            "create",
            "--id",
            "SPI-2026",
            "--name",
            "Survei SPI 2026",
            "--private-key-out",
            str(tmp_path / "k.json"),
        )
        assert enrol(central, code).status_code == 200  # the same code, now spent
        assert enrol(central, code).status_code == 403
    finally:
        central.stop()


def test_code_for_another_counter_is_refused_and_not_spent(central: Central) -> None:
    code = new_code(central)  # BKL01 / Loket 1
    said = (
        "This enrolment code is for MPP BKL01 / Loket 1, but this counter is set up as "
        "{} / {}. Ask the central office for a code for this counter."
    )
    for mpp, counter in (("BKL01", "Loket 3"), ("BKL02", "Loket 1"), ("BKL01", "Loket 10")):
        r = enrol(central, code, mpp=mpp, counter=counter)
        assert r.status_code == 409, r.text
        assert r.json() == {
            "error": said.format(mpp, counter),
            "reason": "counter_mismatch",
            "code_mpp": "BKL01",
            "code_counter": "Loket 1",
        }
    r = enrol(central, code, mpp="BKL02")  # one name alone is checked too
    assert r.status_code == 409 and r.json()["error"] == said.format("BKL02", "Loket 1")
    assert json.loads(central.cli("stats", "--json").stdout)["devices"] == 0
    # nothing was spent: the counter the code is for enrols with it, case and spaces aside
    r = enrol(central, code, mpp=" bkl01", counter="LOKET 1 ")
    assert r.status_code == 200, r.text
    a = r.json()
    assert (a["mpp"], a["counter"]) == (" bkl01", "LOKET 1 ")  # as its records spell them
    assert enrol(central, code, mpp="BKL01", counter="Loket 1").status_code == 403  # spent
    # its records, named as the counter is set up, are the device's own
    dev = Device(
        central,
        a["device_id"],
        a["token"],
        " bkl01",
        "LOKET 1 ",
        base64.b64decode(a["campaign"]["public_key"]),
        a["campaign"],
    )
    v, c, _ = dev.agreed(phone(71))
    answer = dev.post(dev.batch([v, c])).json()
    assert answer["rejected"] == [] and len(answer["accepted"]) == 2
    # a wrong code with wrong names: the one refusal for unknown codes, no names said
    r = enrol(central, "AAAA-BBBB-CCCC", mpp="X", counter="Y")
    assert r.status_code == 403 and "BKL01" not in r.text
    # an older client names nothing and enrols as before
    r = enrol(central, new_code(central))
    assert r.status_code == 200 and (r.json()["mpp"], r.json()["counter"]) == ("BKL01", "Loket 1")


def test_enrolment_names_are_checked_like_any_field(sqlite_central: Central) -> None:
    code = new_code(sqlite_central)
    for bad in (
        {"mpp": ""},
        {"mpp": "  "},
        {"mpp": "B" * 33},
        {"counter": "L" * 65},
        {"counter": 7},
        {"mpp": "BKL01\x00"},
        {"counter": ["Loket 1"]},
    ):
        r = requests.post(
            sqlite_central.url + "/api/v1/enrol",
            json={"code": code, "client_version": "test", **bad},
            timeout=10,
        )
        assert r.status_code == 400 and "malformed" in r.json()["error"], (bad, r.text)
    assert enrol(sqlite_central, code, mpp="BKL01", counter="Loket 1").status_code == 200


def test_enrolment_attempts_are_rate_limited(sqlite_central: Central) -> None:
    codes = [enrol(sqlite_central, f"AAAA-BBBB-{n:04d}").status_code for n in range(35)]
    assert codes[:30] == [403] * 30 and set(codes[30:]) == {429}
    r = enrol(sqlite_central, "AAAA-BBBB-0000")
    assert r.headers["Retry-After"] == "60" and r.json()["error"]


def test_stats_json_and_revocation(sqlite_central: Central) -> None:
    central = sqlite_central
    a, b = central.enrol("BKL01", "Loket 1"), central.enrol("BKL01", "Loket 2")
    v1, c1, _ = a.agreed(phone(61))
    v2, c2, _ = b.agreed(phone(62))
    records_a = [v1, c1, a.visit("declined"), a.withdrawal(receipt=c1["receipt"])]
    assert a.post(a.batch(records_a)).status_code == 200
    assert b.post(b.batch([v2, c2])).status_code == 200
    p = central.cli("stats", "--json", process=True)
    s = json.loads(p.stdout)
    assert {k: s[k] for k in ("visits", "consents", "withdrawn", "devices")} == {
        "visits": 3,
        "consents": 2,
        "withdrawn": 1,
        "devices": 2,
    }
    assert all(isinstance(v, int) for v in s.values())

    p = central.cli("revoke", b.id, process=True)
    assert p.returncode == 0
    assert b.post(b.batch([b.visit()])).status_code == 401
    r = requests.get(central.url + "/api/v1/catalog", headers=b.auth, timeout=10)
    assert r.status_code == 401 and r.headers["WWW-Authenticate"] == "Bearer"
    assert a.post(a.batch([a.visit()])).status_code == 200  # the others go on
    s = json.loads(central.cli("stats", "--json").stdout)
    assert (s["devices"], s["devices_revoked"], s["visits"]) == (1, 1, 4)
    # the counter is enrolled again with a new code: a new device, a working token
    c = central.enrol("BKL01", "Loket 2")
    assert c.id != b.id and c.post(c.batch([c.visit()])).status_code == 200
    text = central.cli("stats").stdout
    assert "visits\t5" in text.splitlines()


def test_command_line_refusals(sqlite_url: str, tmp_path: Path) -> None:
    cases = [
        (["revoke", "00000000-0000-0000-0000-000000000000"], 2, "no device"),
        (["enrol-code", "--mpp", "BKL01", "--counter", "Loket 1", "--days", "0"], 2, "--days"),
        (["enrol-code", "--mpp", " ", "--counter", "Loket 1"], 2, "--mpp"),
        (
            [
                "campaign",
                "create",
                "--id",
                "X",
                "--name",
                "X",
                "--private-key-out",
                str(tmp_path / "missing-dir" / "k.json"),
            ],
            1,
            "Cannot write",
        ),
        (["stats", "--bogus"], 2, "unrecognized"),
    ]
    for args, code, says in cases:
        p = cli(sqlite_url, *args, check=False)
        assert p.returncode == code, (args, p.stderr)
        assert says in p.stderr and "Traceback" not in p.stderr, (args, p.stderr)
    key = tmp_path / "k.json"
    cli(sqlite_url, "campaign", "create", "--id", "A", "--name", "A", "--private-key-out", str(key))
    p = cli(
        sqlite_url,
        "campaign",
        "create",
        "--id",
        "B",
        "--name",
        "B",
        "--private-key-out",
        str(key),
        check=False,
    )
    assert p.returncode == 2 and "already exists" in p.stderr  # never overwrites a key
    listed = cli(sqlite_url, "campaign", "list").stdout.splitlines()
    assert [line.split("\t")[0] for line in listed] == ["A"]
    # no database, or one never initialised
    p = cli("", "stats", check=False, process=True)
    assert p.returncode == 2 and "No database" in p.stderr
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    p = cli(fresh, "serve", "--port", "1", check=False, process=True)
    assert p.returncode == 1 and "mpp-central init" in p.stderr
    assert cli(fresh, "init").returncode == 0 and cli(fresh, "init").returncode == 0
