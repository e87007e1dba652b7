"""The survey hand-off on a real central (SQLite and PostgreSQL): a seeded stratified
draw prepared without any number, opened with the private key by ``export --sample``;
the same seed on the same data gives the same rows, quotas are met or reported short,
duplicates across MPPs and suspicious numbers stay out, a later withdrawal reaches the
next version's suppression list, and a wrong key records nothing."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from mpp_counter.central.atomic_file import PREFIX

from ._handoff_support import (
    APRIL,
    MARCH,
    clone_db,
    open_sample,
    post_consents,
    prepare,
    prepared_id,
    read_rows,
    state_of,
    without_ref,
)
from ._support import Central, phone, withdraw_on_page

SEED = "00112233445566778899aabbccddeeff"


def _population(central: Central) -> None:
    bkl = central.enrol("BKL01", "Loket 1")
    sby = central.enrol("SBY02", "Loket 3")
    post_consents(bkl, list(range(1, 21)))  # DUKCAPIL / BKL01 / 2026-03: 20
    post_consents(sby, list(range(101, 106)))  # DUKCAPIL / SBY02 / 2026-03: 5
    post_consents(bkl, list(range(201, 211)), agency="IMIGRASI", at=APRIL)  # 10


def test_same_seed_same_rows_other_seed_other_rows_quotas_short(
    central: Central, tmp_path: Path
) -> None:
    key = tmp_path / "campaign-key.json"
    _population(central)
    p = prepare(central, "--quota", "8", "--seed", SEED, "--recipient", "KPK (sender)")
    hid = p.stdout.splitlines()[-1]
    assert f"seed {SEED}" in p.stdout
    assert "DUKCAPIL / BKL01 / 2026-03\t20\t8\t8" in p.stdout
    assert "SHORT DUKCAPIL / SBY02 / 2026-03: quota 8, only 5 available" in p.stdout
    same, other = clone_db(central), clone_db(central)
    p2 = prepare_on(other, "--quota", "8", "--seed", "ffeeddccbbaa99887766554433221100")

    a = open_sample(central.db_url, hid, key, tmp_path / "a.csv", process=True)
    b = open_sample(same, hid, key, tmp_path / "b.csv")
    open_sample(other, p2, key, tmp_path / "c.csv")
    rows_a, rows_b, rows_c = (read_rows(tmp_path / f"{n}.csv") for n in "abc")
    assert len(rows_a) == 8 + 5 + 8
    assert without_ref(rows_a) == without_ref(rows_b)  # same seed, same data: same rows
    assert {r["ref"] for r in rows_a}.isdisjoint({r["ref"] for r in rows_b})  # refs are random
    assert len(rows_c) == 21 and without_ref(rows_c) != without_ref(rows_a)
    by_stratum: dict[str, int] = {}
    for r in rows_a:
        by_stratum[r["stratum"]] = by_stratum.get(r["stratum"], 0) + 1
    assert by_stratum == {
        "DUKCAPIL / BKL01 / 2026-03": 8,
        "DUKCAPIL / SBY02 / 2026-03": 5,
        "IMIGRASI / BKL01 / 2026-04": 8,
    }
    assert "SHORT DUKCAPIL / SBY02 / 2026-03: quota 8, drew 5" in a.stderr
    assert b.stderr.count("SHORT") == 1  # only the small stratum
    assert stat.S_IMODE(os.stat(tmp_path / "a.csv").st_mode) == 0o600
    assert phone(1) not in a.stdout + a.stderr
    assert (
        tmp_path / "a.suppression.csv"
    ).read_text() == "ref,receipt,withdrawn_at,handoff_version\n"


def prepare_on(db_url: str, *args: str) -> str:
    from ._support import cli

    return cli(db_url, "handoff", "prepare", "--campaign", "SPI-2026", *args).stdout.splitlines()[
        -1
    ]


def test_duplicates_across_mpps_and_suspicious_numbers_stay_out(
    central: Central, tmp_path: Path
) -> None:
    key = tmp_path / "campaign-key.json"
    bkl = central.enrol("BKL01", "Loket 1")
    sby = central.enrol("SBY02", "Loket 3")
    post_consents(bkl, [1, 2, 3, 7, 7])  # 7: a broker, three consents in all
    post_consents(sby, [1, 4, 7], at=MARCH)  # 1: the same citizen at two MPPs
    hid = prepared_id(central, "--quota", "100", "--seed", SEED)
    p = open_sample(central.db_url, hid, key, tmp_path / "s.csv")
    phones = sorted(r["phone"] for r in read_rows(tmp_path / "s.csv"))
    assert phones == [phone(1), phone(2), phone(3), phone(4)]
    assert "1 repeated, 3 suspicious (in 3+ consents)" in p.stderr
    # K is the survey team's to set, and recorded: at 4, the broker's number is drawn once
    hid2 = prepared_id(central, "--quota", "100", "--seed", SEED, "--suspicious-at", "4")
    open_sample(central.db_url, hid2, key, tmp_path / "s2.csv")
    assert [r["phone"] for r in read_rows(tmp_path / "s2.csv")] == [phone(7)]
    listing = central.cli("handoff", "list", "--campaign", "SPI-2026").stdout.splitlines()
    assert [line.split("\t")[2:4] for line in listing] == [["v2", "opened"], ["v1", "opened"]]


def test_withdrawal_after_v1_is_in_v2_suppression_list(central: Central, tmp_path: Path) -> None:
    key = tmp_path / "campaign-key.json"
    bkl = central.enrol("BKL01", "Loket 1")
    sby = central.enrol("SBY02", "Loket 3")
    a = []
    for n in range(1, 5):
        v, c, secret = bkl.agreed(phone(n), at=MARCH)
        assert bkl.post(bkl.batch([v, c])).status_code == 200
        a.append((c, secret))
    v1 = prepared_id(central, "--quota", "100")
    open_sample(central.db_url, v1, key, tmp_path / "v1.csv")
    refs = {r["receipt"]: r["ref"] for r in read_rows(tmp_path / "v1.csv")}
    assert len(refs) == 4
    # withdrawn since: on the receipt page, at a counter by code, at another MPP by number
    (c1, s1), (c2, _), (c3, _), _ = a
    assert withdraw_on_page(central, c1["receipt"], s1).status_code == 303
    assert bkl.post(bkl.batch([bkl.withdrawal(receipt=c2["receipt"])])).status_code == 200
    assert sby.post(sby.batch([sby.withdrawal(phone=phone(3))])).status_code == 200
    post_consents(sby, [8, 9])  # new for v2; 8 is then withdrawn by number, slip lost
    assert bkl.post(bkl.batch([bkl.withdrawal(phone=phone(8))])).status_code == 200
    before = central.cli("handoff", "suppression", "--campaign", "SPI-2026").stdout
    assert {line.split(",")[0] for line in before.splitlines()[1:]} == {
        refs[c1["receipt"]],
        refs[c2["receipt"]],
    }  # a number's withdrawal is matched only where the key is: at the next export
    v2 = prepared_id(central, "--quota", "100")
    p = open_sample(central.db_url, v2, key, tmp_path / "v2.csv")
    assert [r["phone"] for r in read_rows(tmp_path / "v2.csv")] == [phone(9)]
    listed = read_rows(tmp_path / "v2.suppression.csv")
    assert {r["ref"] for r in listed} == {refs[c["receipt"]] for c, _ in a[:3]}
    assert {r["handoff_version"] for r in listed} == {"1"}
    assert all(r["withdrawn_at"] for r in listed)
    text = (tmp_path / "v2.suppression.csv").read_text()
    assert all(phone(n) not in text and phone(n)[-4:] not in text for n in range(1, 5))
    assert "3 withdrawn since handed off" in p.stderr and "1 withdrawn by number" in p.stderr
    out = tmp_path / "supp.csv"
    central.cli(
        "--actor", "tim-survei", "handoff", "suppression", "--campaign", "SPI-2026", "-o", str(out)
    )
    assert out.read_text() == text
    record = [line for line in central.cli("processing").stdout.splitlines() if "handoff-" in line]
    assert len(record) == 6  # prepare ×2, open ×2, the suppression list fetched twice
    assert [r for r in record if "tim-survei" in r and "OS user" in r]  # newest first


def test_wrong_key_opens_nothing_and_records_nothing(central: Central, tmp_path: Path) -> None:
    post_consents(central.enrol(), [1, 2, 3])
    hid = prepared_id(central, "--quota", "5")
    other = tmp_path / "other.json"
    central.cli(
        "campaign", "create", "--id", "SPI-2027", "--name", "x", "--private-key-out", str(other)
    )
    before = state_of(central.db_url)
    out = tmp_path / "s.csv"
    p = open_sample(central.db_url, hid, other, out, check=False, process=True)
    assert p.returncode == 2 and "belongs to campaign SPI-2027" in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1 and "Traceback" not in p.stderr
    assert not out.exists() and state_of(central.db_url) == before
    assert sorted(f.name for f in tmp_path.iterdir() if f.name.startswith(PREFIX)) == []


PREPARE_GARBAGE = [
    (["--strata", "agency,foo", "--quota", "3"], "Strata must be"),
    (["--strata", "", "--quota", "3"], "Strata must be"),
    (["--strata", "mpp,mpp", "--quota", "3"], "Strata must be"),
    (["--period", "fortnight", "--quota", "3"], "month or week"),
    (["--quota", "-1"], "The quota must be a whole number from 1 to 1000000"),
    (["--quota", "abc"], "The quota must be"),
    (["--quota", "0"], "The quota must be"),
    (["--quota", "10000001"], "The quota must be"),
    ([], "Give a quota"),
    (["--quota-file", "/nonexistent/q.csv"], "cannot be read"),
    (["--quota-file", "BINARY"], "not a UTF-8 CSV"),
    (["--quota-file", "HEADER"], "first line must be: agency,mpp,period,quota"),
    (["--quota", "3", "--seed", "xyz"], "The seed must be hexadecimal"),
    (["--quota", "3", "--seed", "abc"], "The seed must be hexadecimal"),
    (["--quota", "3", "--seed", "a" * 66], "The seed must be hexadecimal"),
    (["--quota", "3", "--suspicious-at", "1"], "threshold must be a whole number from 2"),
    (["--quota", "3", "--suspicious-at", "x"], "threshold must be"),
    (["--quota", "3", "--agreement", "9"], "There is no data-sharing agreement 9"),
    (["--quota", "3", "--agreement", "abc"], "The agreement must be"),
    (["--quota", "3", "--recipient", "a\nb"], "The recipient must be"),
    (["--quota", "3", "--recipient", "x" * 201], "The recipient must be"),
]


def test_garbage_in_every_prepare_and_open_parameter_changes_nothing(
    central: Central, tmp_path: Path
) -> None:
    post_consents(central.enrol(), [1, 2, 3])
    p = prepare(central, "--quota", "2")
    assert re.search(r"^seed [0-9a-f]{32} \(random", p.stdout, re.M)  # made, shown, kept
    hid = p.stdout.splitlines()[-1]
    before = state_of(central.db_url)
    binary, header = tmp_path / "binary.csv", tmp_path / "header.csv"
    binary.write_bytes(b"\xff\xfe\x00garbage\x81")
    header.write_text("mpp,quota\nBKL01,3\n")
    for args, says in PREPARE_GARBAGE:
        args = [str(binary) if a == "BINARY" else str(header) if a == "HEADER" else a for a in args]
        p = prepare(central, *args, check=False)
        assert p.returncode == 2, (args, p.stderr)
        assert says in p.stderr and len(p.stderr.strip().splitlines()) == 1, (args, p.stderr)
        assert state_of(central.db_url) == before, args
    p = central.cli("handoff", "prepare", "--campaign", "NOPE", "--quota", "3", check=False)
    assert p.returncode == 2 and "There is no campaign NOPE." in p.stderr
    key = str(tmp_path / "campaign-key.json")
    out = tmp_path / "s.csv"
    for args, says in [
        (["--sample", "abc", "-o", str(out)], "hand-off id must be a whole number"),
        (["--sample", "999", "-o", str(out)], "There is no hand-off 999."),
        (["--sample", hid], "A sample goes to a file"),
        (["--sample", hid, "-o", str(tmp_path)], "is a folder"),
        (["--sample", hid, "-o", str(tmp_path / "no" / "s.csv")], "does not exist"),
        (["--sample", hid, "-o", str(out), "--agreement", "1"], "recorded when it is prepared"),
        ([], "Give --campaign ID"),
    ]:
        p = central.cli("export", "--private-key", key, *args, check=False)
        assert p.returncode in (1, 2) and says in p.stderr, (args, p.stderr)
        assert len(p.stderr.strip().splitlines()) == 1, p.stderr
        assert state_of(central.db_url) == before and not out.exists()
    open_sample(central.db_url, hid, tmp_path / "campaign-key.json", out)
    again = open_sample(central.db_url, hid, tmp_path / "campaign-key.json", out, check=False)
    assert again.returncode == 1 and "already opened" in again.stderr
    v2 = prepared_id(central, "--quota", "2")
    central.cli("campaign", "close", "--id", "SPI-2026")
    central.cli("purge", "--grace-days", "0")
    before = state_of(central.db_url)
    gone = open_sample(
        central.db_url, v2, tmp_path / "campaign-key.json", tmp_path / "v2.csv", check=False
    )
    assert gone.returncode == 1 and "was purged" in gone.stderr
    assert state_of(central.db_url) == before and not (tmp_path / "v2.csv").exists()


def test_two_exports_of_one_hand_off_at_once_record_one(central: Central, tmp_path: Path) -> None:
    """Two survey machines open the same hand-off at the same moment: one is recorded, the
    other is refused and leaves no file of numbers behind."""
    import subprocess
    import sys

    from ._support import env

    post_consents(central.enrol(), list(range(1, 41)))
    hid = prepared_id(central, "--quota", "30")
    key = str(tmp_path / "campaign-key.json")
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mpp_counter.central.cli",
                "--db",
                central.db_url,
                "export",
                "--sample",
                hid,
                "--private-key",
                key,
                "-o",
                str(tmp_path / f"{n}.csv"),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env(),
        )
        for n in "ab"
    ]
    results = [(p.wait(120), p.stderr.read()) for p in procs]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 1], results
    loser = next(err for code, err in results if code == 1)
    assert "opened meanwhile" in loser or "already opened" in loser
    files = [f for f in tmp_path.glob("?.csv")]
    assert len(files) == 1 and len(read_rows(files[0])) == 30
    refs = {r["ref"] for r in read_rows(files[0])}
    state = state_of(central.db_url)
    assert sum(1 for row in state if len(row) == 4 and row[2] in refs) == 30  # its items
