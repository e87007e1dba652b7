"""Readable by other users: the data folder is 0700 and every file in it 0600 (database,
-wal, -shm, key files, logs, the unlock counter, temporary files), also for a folder a
former version left 0755/0644; and no slip PDF is kept in it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from mpp_counter.store.counter import CounterStore

from support import PASSPHRASE

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")

PIN = "135790"


def _loose(data: Path) -> list[str]:
    bad = []
    for p in [data, *data.rglob("*")]:
        mode = stat.S_IMODE(p.lstat().st_mode)
        want = 0o700 if p.is_dir() else 0o600
        if mode & ~want & 0o777 or (p.is_dir() and mode != 0o700):
            bad.append(f"{p.relative_to(data.parent)} {oct(mode)}")
    return bad


def test_a_day_by_the_command_line_leaves_nothing_readable_by_others(cli, tmp_path) -> None:
    data = tmp_path / "data"
    base = ("--data-dir", str(data), "--log-level", "DEBUG")
    assert (
        cli(
            *base,
            "init",
            "--mpp",
            "BKL01",
            "--counter",
            "Loket 1",
            "--mpp-name",
            "MPP Kota Bengkulu",
        ).returncode
        == 0
    )
    assert cli(*base, "clerk", "add", "Siti", env={"MPP_COUNTER_PIN": PIN}).returncode == 0
    clerk = {"MPP_COUNTER_PIN": PIN, "MPP_COUNTER_PASSPHRASE": None}
    r = cli(
        *base,
        "record",
        "--service",
        "DUK-KTP",
        "--consent",
        "--phone",
        "-",
        "--clerk",
        "Siti",
        env=clerk,
        input="0812-0000-1234\n",
    )
    assert r.returncode == 0, r.stderr
    cli(*base, "status", env={"MPP_COUNTER_PASSPHRASE": "wrong passphrase!"})
    assert (data / "keys.json.prev").exists() and (data / "unlock-failures.json").exists()
    assert list(data.glob("*.db-wal")) or list(data.glob("*.db"))
    assert _loose(data) == []
    assert not list(data.rglob("*.pdf"))


def test_a_folder_left_open_by_a_former_version_is_closed_at_open(
    store: CounterStore, data_dir: Path
) -> None:
    store.close()
    (data_dir / "logs").mkdir(exist_ok=True)
    (data_dir / "logs" / "mpp-counter.log").write_text("x")
    for p in [data_dir, *data_dir.rglob("*")]:
        os.chmod(p, 0o755 if p.is_dir() else 0o644)
    CounterStore.open_admin(data_dir, PASSPHRASE).close()
    assert _loose(data_dir) == []
