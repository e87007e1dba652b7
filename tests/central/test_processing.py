"""The record of processing (UU PDP Pasal 31) from the command line, on SQLite and
PostgreSQL against a live central: every processing event leaves exactly one row naming
who, what, how many, to whom and under which agreement; an unknown agreement or a bad
field refuses before anything is opened, exported or recorded."""

from __future__ import annotations

import csv
import getpass
import io
import json
import os
import stat
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from mpp_counter.central import campaigns, db, processing, processing_report
from mpp_counter.domain.key_fingerprint import fingerprint

from ._support import Central, cli, phone

ME = getpass.getuser()


def records(central: Central, *args: str) -> list[dict[str, Any]]:
    return json.loads(central.cli("processing", "--json", *args).stdout)


def one_new(central: Central, before: list[dict[str, Any]]) -> dict[str, Any]:
    """The single record an action added (newest first), checked to be the only one."""
    after = records(central)
    assert len(after) == len(before) + 1, after[: len(after) - len(before)]
    assert after[1:] == before
    return after[0]


def add_agreement(central: Central, reference: str = "PKS-01/KPK/2026") -> int:
    p = central.cli(
        "agreement",
        "add",
        "--parties",
        "KPK dan PT Survei Contoh",
        "--signed-on",
        "2026-01-15",
        "--purpose",
        "Pengiriman survei SPI 2026 lewat WhatsApp",
        "--reference",
        reference,
    )
    return int(p.stdout.splitlines()[-1])


def post_consents(central: Central, numbers: range) -> None:
    dev = central.enrol()
    batch: list[dict[str, Any]] = []
    for n in numbers:
        v, c, _ = dev.agreed(phone(n))
        batch += [v, c]
    assert dev.post(dev.batch(batch)).status_code == 200


def test_every_cli_action_leaves_exactly_one_record(central: Central, tmp_path: Path) -> None:
    created = records(central)
    assert [(r["action"], r["campaign"], r["actor"]) for r in created] == [
        ("campaign-create", "SPI-2026", ME)  # the fixture's own campaign create
    ]
    post_consents(central, range(1, 4))

    before = records(central)
    agreement = add_agreement(central)
    r = one_new(central, before)
    assert (r["action"], r["actor"], r["agreement"]) == ("agreement-add", ME, agreement)
    assert r["recipient"] == "KPK dan PT Survei Contoh" and "PKS-01/KPK/2026" in r["detail"]

    before = records(central)
    out = tmp_path / "handoff.csv"
    central.cli(
        "--actor",
        "tim-survei",
        "export",
        "--campaign",
        "SPI-2026",
        "--private-key",
        str(tmp_path / "campaign-key.json"),
        "--agreement",
        str(agreement),
        "-o",
        str(out),
        process=True,  # the real command's OS user
    )
    r = one_new(central, before)
    assert len(out.read_text().splitlines()) == 1 + 3
    assert (r["action"], r["actor"], r["campaign"], r["count"]) == (
        "export",
        "tim-survei",
        "SPI-2026",
        3,
    )
    assert (r["recipient"], r["agreement"]) == ("KPK dan PT Survei Contoh", agreement)
    assert f"OS user {ME}" in r["detail"] and str(out) in r["detail"]
    assert "+62" not in json.dumps(records(central))  # never a number in the record

    before = records(central)
    central.cli("export-aggregate", "-o", str(tmp_path / "agg.csv"))
    r = one_new(central, before)
    assert (r["action"], r["actor"], r["campaign"], r["count"]) == ("export-aggregate", ME, None, 1)

    before = records(central)
    key27 = tmp_path / "key-2027.json"
    central.cli(
        "campaign", "create", "--id", "SPI-2027", "--name", "S", "--private-key-out", str(key27)
    )
    r = one_new(central, before)
    pk = json.loads(central.cli("processing", "--json", "--campaign", "SPI-2027").stdout)
    assert pk == [r] and (r["action"], r["actor"]) == ("campaign-create", ME)
    with db.make_engine(central.db_url).connect() as conn:
        public = campaigns.load(conn, "SPI-2027").public_key  # type: ignore[union-attr]
    assert fingerprint(public) in r["detail"]

    before = records(central)
    central.cli("--actor", "operator-1", "campaign", "close", "--id", "SPI-2026")
    r = one_new(central, before)
    assert (r["action"], r["actor"], r["campaign"]) == ("campaign-close", "operator-1", "SPI-2026")

    before = records(central)
    purged = central.cli("purge", "--grace-days", "0").stdout
    r = one_new(central, before)
    assert "3 sealed numbers deleted" in purged
    assert (r["action"], r["campaign"], r["count"]) == ("purge", "SPI-2026", 3)

    before = records(central)
    central.cli(
        "campaign",
        "erase-key",
        "--id",
        "SPI-2026",
        "--private-key",
        str(tmp_path / "campaign-key.json"),
    )
    r = one_new(central, before)
    assert (r["action"], r["campaign"], r["actor"]) == ("campaign-erase-key", "SPI-2026", ME)

    # the CSV form and the campaign filter say the same
    rows = list(csv.DictReader(io.StringIO(central.cli("processing").stdout)))
    assert [x["action"] for x in rows] == [x["action"] for x in records(central)]
    assert {x["campaign"] for x in records(central, "--campaign", "SPI-2026")} == {"SPI-2026"}


def _counts(central: Central) -> tuple[int, int]:
    engine = db.make_engine(central.db_url)
    try:
        with engine.connect() as conn:
            n = conn.execute(select(func.count()).select_from(processing.processing_records))
            e = conn.execute(select(func.count()).select_from(db.exports))
            return int(n.scalar_one()), int(e.scalar_one())
    finally:
        engine.dispose()


def test_unknown_agreement_exports_and_records_nothing(central: Central, tmp_path: Path) -> None:
    post_consents(central, range(10, 12))
    agreement = add_agreement(central)
    before = _counts(central)
    out = tmp_path / "handoff.csv"
    for bad in (str(agreement + 1), "0", "-3", "99999999999999999999"):
        p = central.cli(
            "export",
            "--campaign",
            "SPI-2026",
            "--private-key",
            str(tmp_path / "campaign-key.json"),
            "--agreement",
            bad,
            "-o",
            str(out),
            check=False,
            process=bad == "0",
        )
        assert p.returncode == 2, p.stderr
        assert "no data-sharing agreement" in p.stderr and "agreement list" in p.stderr
        assert "Traceback" not in p.stderr and p.stdout == ""
    p = central.cli(
        "export", "--campaign", "SPI-2026", "--private-key", "k", "--agreement", "x", check=False
    )
    assert p.returncode == 2 and "--agreement" in p.stderr
    assert not out.exists() and _counts(central) == before


def test_garbage_fields_are_refused_and_change_nothing(central: Central, tmp_path: Path) -> None:
    good = {
        "--parties": "KPK dan PT Survei Contoh",
        "--signed-on": "2026-01-15",
        "--purpose": "Survei",
        "--reference": "PKS-01",
    }
    cases = [
        ("--signed-on", "2026-13-01", "not a date"),
        ("--signed-on", "15/01/2026", "YYYY-MM-DD"),
        ("--signed-on", "2999-01-01", "in the future"),
        ("--signed-on", "1900-01-01", "too far in the past"),
        ("--parties", "x" * 10_000, "too long"),
        ("--purpose", " ", "empty"),
        ("--reference", "PKS\x1b[2J", "control characters"),
    ]
    before = _counts(central)
    for field, value, says in cases:
        argv = [x for k, v in {**good, field: value}.items() for x in (k, v)]
        p = central.cli("agreement", "add", *argv, check=False)
        assert p.returncode == 2 and says in p.stderr, (field, p.stderr)
    p = central.cli("--actor", "a" * 10_000, "campaign", "close", "--id", "SPI-2026", check=False)
    assert p.returncode == 2 and "actor is too long" in p.stderr
    p = central.cli(
        "campaign",
        "create",
        "--id",
        "x" * 10_000,
        "--name",
        "n",
        "--private-key-out",
        str(tmp_path / "k.json"),
        check=False,
    )
    assert p.returncode == 2 and "at most 64" in p.stderr and not (tmp_path / "k.json").exists()
    p = central.cli(
        "campaign",
        "create",
        "--id",
        "SPI 2027/<b>",
        "--name",
        "n",
        "--private-key-out",
        str(tmp_path / "k.json"),
        check=False,
    )
    assert p.returncode == 2 and "only letters" in p.stderr
    assert _counts(central) == before
    assert json.loads(central.cli("agreement", "list", "--json").stdout) == []
    assert "\topen\t" in central.cli("campaign", "list").stdout


def test_keygen_key_pair_made_off_the_server_opens_the_export(
    sqlite_url: str, tmp_path: Path
) -> None:
    """The survey team's own key pair: the file is 0600, only the public half is given to
    the central, and export opens the numbers sealed to it."""
    key = tmp_path / "team-key.json"
    p = cli(sqlite_url, "campaign", "keygen", "-o", str(key), process=True)
    lines = dict(line.split(": ", 1) for line in p.stdout.splitlines() if ": " in line)
    public = lines["public key"]
    assert lines["fingerprint"] == fingerprint(public)
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    assert json.loads(key.read_text())["private_key"] not in p.stdout + p.stderr
    again = cli(sqlite_url, "campaign", "keygen", "-o", str(key), check=False)
    assert again.returncode == 2 and "already exists" in again.stderr  # never overwritten
    engine = db.make_engine(sqlite_url)
    try:
        by = processing.By("operator-1")
        campaigns.create_from_public_key(engine, "SPI-2027", "Survei", f" {public}\n", None, by)
        c = Central(sqlite_url, tmp_path).start()
        try:
            post_consents(c, range(20, 22))
            out = tmp_path / "out.csv"
            c.cli("export", "--campaign", "SPI-2027", "--private-key", str(key), "-o", str(out))
            assert out.read_text().count("+6281200000") == 2
        finally:
            c.stop()
        with engine.connect() as conn:
            rs = processing_report.list_records(conn, campaign_id="SPI-2027")
        assert [(r.action, r.actor) for r in rs] == [
            ("export", ME),
            ("campaign-create", "operator-1"),
        ]
    finally:
        engine.dispose()


def test_record_and_event_share_one_transaction(sqlite_url: str, tmp_path: Path) -> None:
    """A record that cannot be written (it names an agreement that does not exist) undoes
    the event it describes: nothing happens unrecorded."""
    cli(
        sqlite_url,
        "campaign",
        "create",
        "--id",
        "A",
        "--name",
        "A",
        "--private-key-out",
        str(tmp_path / "k"),
    )
    engine = db.make_engine(sqlite_url)
    try:
        by = processing.By("operator-1", agreement_id=41)
        try:
            campaigns.close(engine, "A", by)
        except processing.UnknownAgreement as exc:
            assert "no data-sharing agreement 41" in exc.message
        else:
            raise AssertionError("closed without its record")
        with engine.connect() as conn:
            assert conn.execute(db.campaigns.select()).one().closed_at is None
            assert [r.action for r in processing_report.list_records(conn)] == ["campaign-create"]
    finally:
        engine.dispose()


def test_csv_cells_are_inert_in_a_spreadsheet(sqlite_url: str) -> None:
    formula = '=HYPERLINK("https://evil.invalid","klik")'
    cli(
        sqlite_url,
        "--actor",
        "@op",
        "agreement",
        "add",
        "--parties",
        formula,
        "--signed-on",
        "2026-01-15",
        "--purpose=-1+1",
        "--reference",
        "+62 ref",
    )
    row = next(csv.DictReader(io.StringIO(cli(sqlite_url, "processing").stdout)))
    assert row["recipient"] == "'" + formula and row["actor"] == "'@op"
    assert json.loads(cli(sqlite_url, "processing", "--json").stdout)[0]["recipient"] == formula
