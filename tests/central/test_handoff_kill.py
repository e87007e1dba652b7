"""kill -9 of ``export --sample`` at every flush, rename, link and database write it makes
(strace's fault injection, deterministic): afterwards the hand-off is either still
prepared with nothing recorded, or opened with exactly the rows of a complete sample
file; never a partial file of numbers under any name. Opened again, it succeeds."""

from __future__ import annotations

import csv
import io
import re
import shutil
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from faults.strace_inject import strace_missing

from ._handoff_support import post_consents, prepared_id
from ._support import Central, env

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(strace_missing()), reason=strace_missing() or ""),
]
CALLS = ("fsync", "fdatasync", "pwrite64", "write", "linkat", "rename", "renameat2")
_CALL = re.compile(r"^\d+\s+([a-z0-9_]+)\(")


def _export_cmd(work: Path, hid: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "mpp_counter.central.cli",
        "--db",
        f"sqlite:///{work / 'central.db'}",
        "export",
        "--sample",
        hid,
        "--private-key",
        str(work / "campaign-key.json"),
        "-o",
        str(work / "out" / "sample.csv"),
    ]


def _state(work: Path) -> tuple[str, int]:
    with sqlite3.connect(work / "central.db") as conn:
        state = conn.execute("SELECT state FROM handoffs").fetchone()[0]
        items = conn.execute("SELECT count(*) FROM handoff_items").fetchone()[0]
    return state, items


def _complete(path: Path, rows: int) -> bool:
    text = path.read_text("utf-8")
    found = list(csv.DictReader(io.StringIO(text)))
    return text.startswith("ref,phone,") and len(found) == rows and text.endswith("\n")


def test_kill_9_at_every_write_leaves_no_record_or_a_whole_one(
    sqlite_central: Central, tmp_path: Path
) -> None:
    central = sqlite_central
    post_consents(central.enrol(), list(range(1, 31)))
    hid = prepared_id(central, "--quota", "12", "--strata", "mpp")
    central.stop()
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    shutil.copy(tmp_path / "campaign-key.json", tpl / "campaign-key.json")
    with sqlite3.connect(tmp_path / "central.db") as a, sqlite3.connect(tpl / "central.db") as b:
        a.backup(b)  # the WAL's pages included
    (tpl / "out").mkdir()
    work = tmp_path / "work"

    def fresh() -> None:
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(tpl, work)

    # a clean traced run: which of the calls it makes, and how often (-P: only those on
    # the output folder and the database; the sample is 12 numbers)
    fresh()
    trace = tmp_path / "trace"
    filters = [
        "-P",
        str(work / "out"),
        "-P",
        str(work / "central.db"),
        "-P",
        str(work / "central.db-wal"),
    ]
    clean = subprocess.run(
        [
            "strace",
            "-f",
            "-qq",
            "-o",
            str(trace),
            "-e",
            "trace=" + ",".join(CALLS),
            *filters,
            *_export_cmd(work, hid),
        ],
        capture_output=True,
        env=env(),
        timeout=120,
    )
    assert clean.returncode == 0, clean.stderr
    counts = Counter(
        m.group(1) for line in trace.read_text().splitlines() if (m := _CALL.match(line))
    )
    assert counts["fsync"] + counts["fdatasync"] >= 2 and counts["linkat"] + counts["rename"] >= 1
    outcomes: Counter[str] = Counter()
    for call, n in sorted(counts.items()):
        # every flush and link; of SQLite's page writes, the first, middle and last ones
        whens = sorted({1, n // 2, n - 1, n} - {0}) if call == "pwrite64" else range(1, n + 1)
        for when in whens:
            fresh()
            p = subprocess.run(
                [
                    "strace",
                    "-f",
                    "-qq",
                    "-o",
                    "/dev/null",
                    *filters,
                    "-e",
                    f"inject={call}:signal=KILL:when={when}",
                    *_export_cmd(work, hid),
                ],
                capture_output=True,
                env=env(),
                timeout=120,
            )
            state, items = _state(work)
            files = [f for f in (work / "out").iterdir() if not f.name.endswith("suppression.csv")]
            assert all(_complete(f, 12) for f in files), (call, when, [f.name for f in files])
            if state == "prepared":
                assert items == 0, (call, when)
                outcomes["nothing recorded"] += 1
            else:
                assert p.returncode in (0, -9, 137) and items == 12, (call, when)
                assert _complete(work / "out" / "sample.csv", 12), (call, when)
                outcomes["recorded"] += 1
            if state == "prepared":  # opened again, it succeeds
                again = subprocess.run(
                    _export_cmd(work, hid), capture_output=True, env=env(), timeout=120
                )
                assert again.returncode == 0, again.stderr
                assert _state(work) == ("opened", 12)
                assert _complete(work / "out" / "sample.csv", 12)
    assert outcomes["nothing recorded"] >= 3, outcomes
