"""The stolen folder: a full day's work (records, enrolment and sync with a real central,
reprints, withdrawals, DEBUG logs), then the data folder copied to another account.

With the administrator's passphrase it opens, yet no number can be listed: no command and
no table gives one, and the sealed numbers need the campaign's private key, which the
counter never had. Without the passphrase nothing opens (the clerk's right PIN included,
its slot being bound to the first PC's keyring). No file holds a number in any spelling.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mpp_counter.store.counter import CounterStore
from secret_service import NO_SECRET_SERVICE, SecretService, missing_tools
from sync._client_support import CAMPAIGN, enrol_code, running_central

from support import FAKE_NUMBERS, PASSPHRASE, number_forms, scan_for_numbers

pytestmark = pytest.mark.skipif(bool(missing_tools()), reason=f"needs {', '.join(missing_tools())}")

PIN = "246813"
MORE = ("081200001111", "081200002222", "081200003333")  # after enrolment
ALL = FAKE_NUMBERS + MORE


@pytest.fixture
def central(tmp_path: Path):  # type: ignore[no-untyped-def]
    (tmp_path / "central").mkdir()
    yield from running_central(tmp_path / "central")


@pytest.fixture
def other_pc(tmp_path: Path):  # type: ignore[no-untyped-def]
    service = SecretService(tmp_path / "other-pc").start()
    yield service
    service.stop()


def _no_number(text: str) -> bool:
    return not any(f.decode("utf-8", "ignore") in text for n in ALL for f in number_forms(n)[::3])


def _day(cli, data: Path, central, tmp: Path) -> None:  # type: ignore[no-untyped-def]
    base = ("--data-dir", str(data), "--log-level", "DEBUG")
    clerk = {"MPP_COUNTER_PIN": PIN, "MPP_COUNTER_PASSPHRASE": None, "MPP_COUNTER_LOG": "DEBUG"}

    def ok(*args: str, env: dict | None = None) -> str:  # type: ignore[type-arg]
        r = cli(*base, *args, env=env)
        assert r.returncode == 0, (args, r.stderr)
        return r.stdout

    ok("init", "--mpp", "BKL01", "--counter", "Loket 1", "--mpp-name", "MPP Kota Bengkulu")
    ok("clerk", "add", "Siti", env={"MPP_COUNTER_PIN": PIN})
    rec = ("record", "--service", "DUK-KTP", "--clerk", "Siti")
    receipts = [ok(*rec, "--consent", "--phone", n, env=clerk).split()[-1] for n in FAKE_NUMBERS]
    ok(*rec, "--declined", env=clerk)
    ok(*rec, "--reason", "no_phone", env=clerk)
    ok("withdraw", "--phone", FAKE_NUMBERS[0], "--clerk", "Siti", env=clerk)  # sealed to escrow
    ok("enrol", central.url, enrol_code(central))  # re-seals to the campaign, escrow destroyed
    receipts += [ok(*rec, "--consent", "--phone", n, env=clerk).split()[-1] for n in MORE]
    ok("slip", receipts[1], "--pdf", str(tmp / "reprint.pdf"), "--clerk", "Siti", env=clerk)
    ok("withdraw", receipts[2], "--clerk", "Siti", env=clerk)
    ok("withdraw", "--phone", MORE[0], "--clerk", "Siti", env=clerk)
    assert ok("sync").startswith("sent ")
    ok("export", "-o", str(data / "visits.csv"))


def test_stolen_folder(cli, tmp_path, central, other_pc):
    data = tmp_path / "data"
    _day(cli, data, central, cli.tmp)  # type: ignore[attr-defined]
    assert "DEBUG" in (data / "logs" / "mpp-counter.log").read_text("utf-8")

    stolen = other_pc.home / "mpp-counter"
    shutil.copytree(data, stolen)
    elsewhere = {**other_pc.env, "HOME": str(other_pc.home)}
    base = ("--data-dir", str(stolen))

    # without the passphrase nothing opens: not the clerk's right PIN, not a wrong passphrase
    for env in (elsewhere, NO_SECRET_SERVICE):
        r = cli(
            *base,
            "record",
            "--service",
            "DUK-KTP",
            "--clerk",
            "Siti",
            env={**env, "MPP_COUNTER_PIN": PIN, "MPP_COUNTER_PASSPHRASE": None},
        )
        assert r.returncode == 1 and "only works on the computer" in r.stderr
    r = cli(*base, "status", env={**elsewhere, "MPP_COUNTER_PASSPHRASE": "tebakan yang salah"})
    assert r.returncode == 1 and "Wrong passphrase" in r.stderr

    # with it, the store opens, and no command lists a number
    outputs = []
    for args in (
        ("status", "--json"),
        ("export",),
        ("audit", "show"),
        ("audit", "verify"),
        ("services",),
    ):
        r = cli(*base, *args, env=elsewhere)
        assert r.returncode == 0, (args, r.stderr)
        outputs.append(r.stdout + r.stderr)
    st = json.loads(outputs[0])
    assert st["consents"] == 6 and st["enrolled"] and st["pending"] == 0
    assert all(_no_number(o) for o in outputs)

    # nor does any table, read with the database key; and nothing here unseals a number
    s = CounterStore.open_admin(stolen, PASSPHRASE)
    try:
        assert s._unlocked.escrow_private is None  # noqa: SLF001 - destroyed at enrolment
        assert not s.setting("escrow_public_key")
        for table in ("consents", "withdrawals"):
            targets = {
                r[0]
                for r in s.con.execute(
                    f"SELECT sealed_to FROM {table} WHERE phone_sealed IS NOT NULL"
                )
            }  # noqa: S608
            assert targets == {CAMPAIGN}, table  # only the campaign's private key opens them
        tables = [r[0] for r in s.con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in s.con.execute(f"SELECT * FROM {table}"):  # noqa: S608
                for value in row:
                    raw = value if isinstance(value, bytes) else str(value).encode()
                    assert not any(f in raw for n in ALL for f in number_forms(n)), table
    finally:
        s.close()

    # and no file, here or on the first PC, holds a number in any spelling
    for root in (stolen, data, cli.home, cli.tmp):  # type: ignore[attr-defined]
        assert scan_for_numbers(root, ALL) == [], root
