"""What other local users can see of a running counter: no number on its command line
(/proc/PID/cmdline is world-readable) and no core dump with keys in it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kdf_hook import fast_kdf

from support import PASSPHRASE

NUMBER = "081200001234"


@pytest.fixture
def data(cli, tmp_path: Path) -> Path:
    d = tmp_path / "data"
    assert (
        cli(
            "--data-dir",
            str(d),
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
    return d


def test_record_and_withdraw_take_the_number_from_standard_input(cli, data: Path) -> None:
    r = cli(
        "--data-dir",
        str(data),
        "record",
        "--service",
        "DUK-KTP",
        "--consent",
        "--phone",
        "-",
        input="0812-0000-1234\n",
    )
    assert r.returncode == 0 and r.stderr == "", r.stderr
    assert r.stdout.strip().splitlines()[-1]
    r = cli("--data-dir", str(data), "withdraw", "--phone", "-", input=NUMBER + "\n")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    r = cli(
        "--data-dir",
        str(data),
        "record",
        "--service",
        "DUK-KTP",
        "--consent",
        "--phone",
        "-",
        input="\n",
    )
    assert r.returncode == 2 and "standard input" in r.stderr


def test_a_number_on_the_command_line_still_works_with_a_warning(cli, data: Path) -> None:
    r = cli(
        "--data-dir", str(data), "record", "--service", "DUK-KTP", "--consent", "--phone", NUMBER
    )
    assert r.returncode == 0
    assert "warning" in r.stderr and "--phone -" in r.stderr and NUMBER not in r.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_waiting_counter_shows_no_number_and_dumps_no_core(cli, data: Path) -> None:
    env = fast_kdf.child_env(
        {**os.environ, "MPP_COUNTER_PASSPHRASE": PASSPHRASE, "HOME": str(cli.home)}
    )  # type: ignore[attr-defined]
    p = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mpp_counter",
            "--data-dir",
            str(data),
            "record",
            "--service",
            "DUK-KTP",
            "--consent",
            "--phone",
            "-",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        limits = ""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # until the program has set its limits
            limits = Path(f"/proc/{p.pid}/limits").read_text()
            core = next(line for line in limits.splitlines() if "core file" in line)
            if core.split()[-3:-1] == ["0", "0"]:
                break
            time.sleep(0.02)
        assert core.split()[-3:-1] == ["0", "0"], core
        cmdline = Path(f"/proc/{p.pid}/cmdline").read_bytes()
        out, err = p.communicate(NUMBER + "\n", timeout=60)
    finally:
        p.kill()
    assert p.returncode == 0, err
    assert NUMBER.encode() not in cmdline and b"--phone\x00-" in cmdline
