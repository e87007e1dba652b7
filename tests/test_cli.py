"""The administrator's command line, driven as a real subprocess in a throw-away HOME."""

from __future__ import annotations

import csv
import io
import json

import pytest

from support import FAKE_NUMBERS, scan_for_numbers


def init(cli, d: str = "d"):  # type: ignore[no-untyped-def]
    r = cli(
        "--data-dir",
        str(cli.home / d),
        "init",
        "--mpp",
        "BKL01",
        "--counter",
        "Loket 1",
        "--mpp-name",
        "MPP Kota Bengkulu",
        "--tz",
        "WIB",
    )
    assert r.returncode == 0, r.stderr
    return lambda *a, **kw: cli("--data-dir", str(cli.home / d), *a, **kw)


def test_whole_workflow_leaves_no_number_anywhere(cli) -> None:  # type: ignore[no-untyped-def]
    run = init(cli)
    services = run("services").stdout.splitlines()
    assert len(services) > 20
    assert all(len(line.split("\t")) == 3 for line in services)
    assert "POL-SKCK\tKepolisian Resor\t" in run("services").stdout

    receipts = []
    for i, number in enumerate(FAKE_NUMBERS):
        typed = [
            number,
            f"+62 {number[1:4]} {number[4:8]} {number[8:]}",
            f"{number[:4]}-{number[4:8]}-{number[8:]}",
        ][i]
        r = run(
            "--log-level",
            "DEBUG",
            "record",
            "--service",
            "DUK-KTP",
            "--phone",
            "-",
            "--consent",
            input=typed + "\n",
        )  # standard input: never on the command line
        assert r.returncode == 0, r.stderr
        receipts.append(r.stdout.strip().splitlines()[-1])
    r = run("record", "--service", "POL-SKCK", "--declined")
    assert r.returncode == 0
    declined_id = r.stdout.strip().splitlines()[-1]
    assert run("record", "--service", "SAM-PKB", "--reason", "minor").returncode == 0

    status = json.loads(run("status", "--json").stdout)
    assert status["visits"] == 5 and status["consents"] == 3
    assert status["pending"] >= 8 and status["schema_version"] >= 3
    assert status["store_path"].startswith(str(cli.home))

    r = run("withdraw", receipts[0].lower())
    assert r.returncode == 0, r.stderr

    out = cli.home / "export.csv"
    assert run("export", "-o", str(out)).returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert {r["receipt"] for r in rows if r["receipt"]} == set(receipts)
    assert declined_id in {r["visit_id"] for r in rows}
    assert [r["withdrawn"] for r in rows if r["receipt"] == receipts[0]] == ["yes"]
    assert "phone" not in rows[0]

    assert run("--log-level", "DEBUG", "rekey").returncode == 0
    assert json.loads(run("status", "--json").stdout)["visits"] == 5
    assert run("audit", "verify").returncode == 0

    hits = scan_for_numbers(cli.home) + scan_for_numbers(cli.tmp)
    assert hits == []


def test_exit_codes_and_one_line_errors(cli) -> None:  # type: ignore[no-untyped-def]
    run = init(cli)
    phone = ("record", "--service", "DUK-KTP", "--phone", "-")
    cases = [
        ((*phone, "--consent"), 2, "landline", "021 2345678\n"),
        ((*phone, "--consent"), 2, "letters", "0812abc\n"),
        ((*phone, "--consent"), 2, "standard input", ""),
        (("record", "--service", "DUK-KTP", "--consent"), 2, "--phone"),
        (phone, 2, "--consent", "081200001234\n"),
        (("record", "--service", "NOPE"), 2, "Unknown service"),
        (("record", "--service", "DUK-KTP", "--declined", "--slip-pdf", "x.pdf"), 2, "slip"),
        (("withdraw", "ABCD-EFGH-1"), 2, "receipt"),
        (("withdraw", "not a code"), 2, "receipt"),
        (("export", "--from", "2026-13-01"), 2, "date"),
        (("init", "--mpp", "X", "--counter", "Y", "--mpp-name", "Z"), 1, "already exists"),
        (("clerk", "remove", "Nobody"), 2, "no clerk"),
    ]
    for args, code, words, *stdin in cases:
        r = run(*args, input=stdin[0] if stdin else None)
        assert r.returncode == code, (args, r.stderr)
        err = r.stderr.strip()
        assert words.lower() in err.lower(), (args, err)
        assert "Traceback" not in r.stderr
        if code != 2 or not args[0] == "export":
            assert len(err.splitlines()) == 1, err
    r = run("status", env={"MPP_COUNTER_PASSPHRASE": "salah salah salah"})
    assert r.returncode == 12 and "Wrong passphrase" in r.stderr
    r = run("status", env={"MPP_COUNTER_PASSPHRASE": None})  # no TTY: never hangs
    assert r.returncode == 2 and "MPP_COUNTER_PASSPHRASE" in r.stderr


def test_passphrase_file_and_clerks(cli) -> None:  # type: ignore[no-untyped-def]
    pf = cli.home / "pass.txt"
    pf.write_text("kata sandi dari berkas\n")
    base = ("--data-dir", str(cli.home / "p"), "--passphrase-file", str(pf))
    r = cli(
        *base,
        "init",
        "--mpp",
        "X1",
        "--counter",
        "L2",
        "--mpp-name",
        "MPP X",
        env={"MPP_COUNTER_PASSPHRASE": None},
    )
    assert r.returncode == 0, r.stderr
    assert cli(*base, "clerk", "add", "Siti", env={"MPP_COUNTER_PIN": "135790"}).returncode == 0
    assert cli(*base, "clerk", "add", "Budi", env={"MPP_COUNTER_PIN": "111111"}).returncode == 2
    assert cli(*base, "clerk", "list").stdout.split() == ["Siti"]
    r = cli(
        "--data-dir",
        str(cli.home / "p"),
        "record",
        "--service",
        "DUK-KK",
        "--clerk",
        "Siti",
        env={"MPP_COUNTER_PIN": "135790", "MPP_COUNTER_PASSPHRASE": None},
    )
    assert r.returncode == 0, r.stderr
    r = cli(
        "--data-dir",
        str(cli.home / "p"),
        "record",
        "--service",
        "DUK-KK",
        "--clerk",
        "Siti",
        env={"MPP_COUNTER_PIN": "135791"},
    )
    assert r.returncode == 12 and "PIN" in r.stderr
    assert cli(*base, "clerk", "remove", "siti").returncode == 0
    assert cli(*base, "clerk", "list").stdout.split() == []
    (cli.home / "empty.txt").write_text("")
    r = cli(
        "--data-dir",
        str(cli.home / "p"),
        "--passphrase-file",
        str(cli.home / "empty.txt"),
        "status",
    )
    assert r.returncode == 2


@pytest.mark.parametrize("garbage", [b"", b"{", b"\xff\xfe\x00", b'{"format": "x"}', b"[1, 2, 3]"])
def test_garbage_key_file_is_one_line(cli, garbage: bytes) -> None:  # type: ignore[no-untyped-def]
    run = init(cli)
    (cli.home / "d" / "keys.json").write_bytes(garbage)
    r = run("status")
    assert r.returncode == 1
    assert "key file" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_version_and_no_store(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("--version")
    assert r.returncode == 0 and r.stdout.startswith("mpp-counter ")
    r = cli("--data-dir", str(cli.home / "none"), "status")
    assert r.returncode == 10 and "init" in r.stderr


def test_the_byte_scan_can_find_a_leak(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "leak.txt").write_bytes("nomor +62 812 0000 1234".encode("utf-16-le"))
    assert scan_for_numbers(tmp_path)


def test_favourites_set_shown_and_refused(cli) -> None:  # type: ignore[no-untyped-def]
    run = init(cli)
    r = run("favourites", "--set", "pol-skck", "DUK-KK", "--agency", "dukcapil")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["POL-SKCK", "DUK-KK", "agency: DUKCAPIL"]
    r = run("favourites", "--set", "DUK-KTP", "NO-SUCH")
    assert r.returncode != 0 and "NO-SUCH" in r.stderr and "Traceback" not in r.stderr
    assert run("favourites").stdout.splitlines() == ["POL-SKCK", "DUK-KK", "agency: DUKCAPIL"]


def test_help_says_where_the_data_folder_is(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("--help", env={"MPP_COUNTER_DATA_DIR": None})
    assert r.returncode == 0, r.stderr
    default = cli.home / ".local" / "share" / "mpp-counter"  # XDG_DATA_HOME of the fixture
    assert f"data folder: {default}\n" in r.stdout
    elsewhere = cli.home / "elsewhere"
    r = cli("--help", env={"MPP_COUNTER_DATA_DIR": str(elsewhere)})
    assert f"data folder: {elsewhere}\n" in r.stdout and "--data-dir DIR" in r.stdout


def test_restic_exit_codes_tell_no_store_lock_out_and_wrong_secret_apart(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("--help")
    for line in ("10   no store", "11   locked out", "12   wrong passphrase or PIN"):
        assert line in r.stdout, r.stdout
    r = cli("--data-dir", str(cli.home / "none"), "export")
    assert (r.returncode, r.stderr.count("\n")) == (10, 1) and "init" in r.stderr
    run = init(cli)
    wrong = {"MPP_COUNTER_PASSPHRASE": "bukan kata sandinya"}
    codes = []
    for _ in range(8):  # free tries, then growing waits (store/unlock_failures.py): 12s, then 11
        r = run("status", env=wrong)
        codes.append(r.returncode)
        assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
        if r.returncode == 11:
            assert "Wait" in r.stderr
            break
        assert "Wrong passphrase" in r.stderr
    assert codes[:3] == [12, 12, 12] and codes[-1] == 11, codes
    assert not (cli.home / "none").exists()
