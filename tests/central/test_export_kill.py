"""`mpp-central export` killed with -9 half-way through writing numbers leaves no output
file, partial or named temporary, no file anywhere with a readable number, and no worker
process; the next export runs as if nothing happened."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from mpp_counter.protocol.sealed import new_keypair

from ._export_data import CAMPAIGN, fill, make_central, seal_many
from ._support import env, phone

# any written form of the test numbers 0812-0000-xxxx: E.164, without +, local
NUMBER = re.compile(rb"(?:\+?62|0)8120000\d{4}")
NUMBER_16 = re.compile("(?:\\+?62|0)8120000\\d{4}".encode("utf-16-le"))


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def unnamed_output_size(pid: int, where: Path) -> int:
    """Bytes written so far to the export's file that has no name yet (O_TMPFILE)."""
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
            if target.startswith(str(where)) and target.endswith("(deleted)"):
                return os.stat(fd).st_size
        except OSError:
            continue
    return 0


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_kill_9_mid_export_leaves_nothing_behind(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    key_file = tmp_path / "campaign-key.json"
    private, public = new_keypair()
    make_central(url, private, key_file)
    fill(url, seal_many(public, [phone(i % 10_000) for i in range(40_000)]))
    out_dir, scratch = tmp_path / "out", tmp_path / "scratch"
    out_dir.mkdir()
    scratch.mkdir()
    out = out_dir / "survey.csv"
    argv = [sys.executable, "-m", "mpp_counter.central.cli", "--db", url, "export",
            "--campaign", CAMPAIGN, "--private-key", str(key_file), "-o", str(out)]  # fmt: skip
    proc = subprocess.Popen(
        argv,
        env=env(TMPDIR=str(scratch), SQLITE_TMPDIR=str(scratch)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    workers: list[int] = []
    written = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        workers = children(proc.pid)
        written = unnamed_output_size(proc.pid, out_dir)
        if workers and written > 10_000:  # numbers are being opened and written
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    assert proc.wait(30) == -signal.SIGKILL, "the export ended before it could be killed"
    assert written > 10_000 and len(workers) >= 1
    deadline = time.monotonic() + 10
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(w) for w in workers)  # the pool died with its parent

    assert list(out_dir.iterdir()) == []  # neither the file nor a named part of it
    for f in tmp_path.rglob("*"):
        if f.is_file():
            data = f.read_bytes()
            assert not NUMBER.search(data) and not NUMBER_16.search(data), f

    p = subprocess.run(argv, env=env(), capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "10000 numbers exported" in p.stderr
    assert out.read_text("utf-8").count("\n") == 10_001
