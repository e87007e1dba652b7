"""The survey hand-off (`mpp-central export`) and its aggregate counterpart, on SQLite
and on PostgreSQL: consented, not withdrawn (by receipt, on the QR page, or by sealed
number), one row per number; a wrong key writes nothing; the aggregate has no number."""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from nacl.public import PrivateKey

from mpp_counter.central.atomic_file import PREFIX

from ._support import Central, cli, phone, withdraw_on_page

T0 = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # 08.30 WIB


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))


def export(
    central: Central, out: Path, key: Path, *, process: bool = False, check: bool = True
) -> list[dict[str, str]]:
    p = central.cli(
        "export",
        "--campaign",
        "SPI-2026",
        "--private-key",
        str(key),
        "-o",
        str(out),
        process=process,
        check=check,
    )
    assert p.returncode == 0, p.stderr
    return read_csv(out)


def test_export_keeps_consented_not_withdrawn_one_row_per_number(
    central: Central, tmp_path: Path
) -> None:
    key = tmp_path / "campaign-key.json"
    a = central.enrol("BKL01", "Loket 1")
    b = central.enrol("SBY02", "Loket 3")
    # +62812000000001 agrees at two MPPs: one row, the earlier visit (the one surveyed)
    va1, ca1, _ = a.agreed(phone(1), service="DUK-KTP", at=T0)
    vb1, cb1, _ = b.agreed(phone(1), service="DUK-KK", at=T0 + timedelta(days=1))
    # withdrawn at a counter by receipt, on the QR page, and by sealed number (slip lost)
    v2, c2, _ = a.agreed(phone(2), at=T0 + timedelta(minutes=5))
    v3, c3, s3 = b.agreed(phone(3), at=T0 + timedelta(minutes=6))
    v4, c4, s4 = a.agreed(phone(4), at=T0 + timedelta(minutes=7))
    v6, c6, _ = b.agreed(phone(6), service="DUK-KK", at=T0 + timedelta(minutes=8))
    declined = a.visit("declined", at=T0)
    # 7's visit has not arrived yet: no service, no date, not exported until it does
    v7, c7, _ = a.agreed(phone(7), at=T0 + timedelta(minutes=1))
    assert a.post(a.batch([va1, ca1, v2, c2, v4, c4, declined, c7])).status_code == 200
    assert b.post(b.batch([vb1, cb1, v3, c3, v6, c6])).status_code == 200
    w_receipt = a.withdrawal(receipt=c2["receipt"], at=T0 + timedelta(hours=1))
    w_number = b.withdrawal(phone=phone(4), at=T0 + timedelta(hours=2))  # at another MPP
    assert a.post(a.batch([w_receipt])).status_code == 200
    assert b.post(b.batch([w_number])).status_code == 200
    assert withdraw_on_page(central, c3["receipt"], s3).status_code == 303

    out = tmp_path / "survey.csv"
    p = central.cli(
        "export", "--campaign", "SPI-2026", "--private-key", str(key), "-o", str(out), process=True
    )
    rows = read_csv(out)
    header = out.read_text("utf-8").splitlines()[0].split(",")
    assert {"phone", "receipt", "mpp", "service", "visit_date"} <= set(header)
    assert [r["phone"] for r in rows] == [phone(1), phone(6)]
    first = rows[0]
    assert (first["receipt"], first["mpp"], first["service"], first["visit_date"]) == (
        ca1["receipt"],
        "BKL01",
        "DUK-KTP",
        "2026-03-02",
    )
    assert rows[1]["receipt"] == c6["receipt"] and rows[1]["mpp"] == "SBY02"
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600  # it holds numbers
    assert "3 withdrawn" in p.stderr and "1 repeated" in p.stderr and "1 awaiting" in p.stderr
    assert phone(1) not in p.stdout + p.stderr  # the numbers go to the file only
    s = json.loads(central.cli("stats", "--json").stdout)
    assert s["withdrawn"] == 3 and s["withdrawals_by_number"] == 1  # matched, now marked
    cr = requests.get(f"{central.url}/r/{c4['receipt']}/{s4}.json", timeout=10).json()
    assert cr["iso27560"]["state"] == "withdrawn"
    assert cr["iso27560"]["events"][-1]["method"] == "number"

    # the visit of 7 arrives, and a second export: withdrawn numbers stay out for good
    assert a.post(a.batch([v7])).status_code == 200
    again = export(central, tmp_path / "again.csv", key)
    assert [r["phone"] for r in again] == [phone(1), phone(7), phone(6)]
    # the number withdrawn after its slip was lost agrees again later, freely: a new consent
    v4b, c4b, _ = a.agreed(phone(4), at=T0 + timedelta(days=3))
    assert a.post(a.batch([v4b, c4b])).status_code == 200
    third = export(central, tmp_path / "third.csv", key)
    assert {r["phone"] for r in third} == {phone(1), phone(7), phone(6), phone(4)}
    assert [r["receipt"] for r in third if r["phone"] == phone(4)] == [c4b["receipt"]]
    s = json.loads(central.cli("stats", "--json").stdout)
    assert s["withdrawn"] == 3 and s["withdrawals_by_number"] == 1


def test_wrong_private_key_is_refused_and_writes_nothing(central: Central, tmp_path: Path) -> None:
    dev = central.enrol()
    v, c, _ = dev.agreed(phone(11))
    assert dev.post(dev.batch([v, c])).status_code == 200
    other = tmp_path / "other-key.json"
    central.cli(
        "campaign",
        "create",
        "--id",
        "SPI-2027",
        "--name",
        "Survei 2027",
        "--private-key-out",
        str(other),
    )
    forged = tmp_path / "forged-key.json"  # right campaign id, someone else's key
    forged.write_text(
        json.dumps(
            {
                "campaign_id": "SPI-2026",
                "private_key": base64.b64encode(bytes(PrivateKey.generate())).decode(),
            }
        )
    )
    junk = tmp_path / "junk.json"
    junk.write_text("not a key")
    out = tmp_path / "survey.csv"
    for key, says in (
        (other, "belongs to campaign SPI-2027"),
        (forged, "does not match"),
        (junk, "not a campaign private key"),
        (tmp_path / "none", "does not exist"),
    ):
        p = central.cli(
            "export",
            "--campaign",
            "SPI-2026",
            "--private-key",
            str(key),
            "-o",
            str(out),
            process=True,
            check=False,
        )
        assert p.returncode == 2, p.stderr
        assert says in p.stderr and "Traceback" not in p.stderr
        assert len(p.stderr.strip().splitlines()) == 1
        assert not out.exists()
        assert [f.name for f in tmp_path.iterdir() if f.name.startswith(PREFIX)] == []
    p = central.cli(
        "export", "--campaign", "NOPE", "--private-key", str(other), "-o", str(out), check=False
    )
    assert p.returncode != 0 and not out.exists()


def test_aggregate_export_has_counts_and_no_number(central: Central, tmp_path: Path) -> None:
    a = central.enrol("BKL01", "Loket 1")
    records = []
    for n in range(3):
        v, c, _ = a.agreed(phone(20 + n), clerk="Sari")
        records += [v, c]
    records += [a.visit("declined", clerk="Sari"), a.visit("not_asked", clerk="Budi")]
    assert a.post(a.batch(records)).status_code == 200
    out = tmp_path / "aggregate.csv"
    cli(central.db_url, "export-aggregate", "-o", str(out))
    text = out.read_text("utf-8")
    rows = read_csv(out)
    assert text.splitlines()[0] == "mpp,agency,counter,clerk,visits,asked,agreed"
    by_clerk = {r["clerk"]: (r["visits"], r["asked"], r["agreed"]) for r in rows}
    assert by_clerk == {"Sari": ("4", "4", "3"), "Budi": ("1", "0", "0")}
    for n in range(3):
        for form in (phone(20 + n), phone(20 + n)[3:], "0" + phone(20 + n)[3:]):
            assert form not in text
    # and from stdout when no file is given
    p = cli(central.db_url, "export-aggregate", process=True)
    assert p.stdout == text


def test_exports_are_inert_in_a_spreadsheet(sqlite_central: Central, tmp_path: Path) -> None:
    """A counter's texts that start like a formula are written with a leading apostrophe
    (CSV injection), in both exports; the phone column stays plain E.164."""
    central = sqlite_central
    dev = central.enrol()
    v, c, _ = dev.agreed(
        phone(71), service='=HYPERLINK("https://x.invalid")', agency="+AGENCY", clerk="@SUM(1)"
    )
    assert dev.post(dev.batch([v, c])).status_code == 200
    rows = export(central, tmp_path / "survey.csv", tmp_path / "campaign-key.json")
    assert rows[0]["phone"] == phone(71)
    assert rows[0]["service"] == '\'=HYPERLINK("https://x.invalid")'
    assert rows[0]["agency"] == "'+AGENCY"
    out = tmp_path / "aggregate.csv"
    cli(central.db_url, "export-aggregate", "-o", str(out))
    (row,) = read_csv(out)
    assert (row["agency"], row["clerk"], row["mpp"]) == ("'+AGENCY", "'@SUM(1)", "BKL01")
