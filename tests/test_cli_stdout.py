"""When standard output refuses the result of a committed change (closed, a broken pipe, a
full disk under a redirection) the command tells the truth: the change IS saved, stderr
says which, and the exit code is 3 (issue 16, item 8)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kdf_hook import fast_kdf
from mpp_counter.cli.common import EXIT_SAVED_NOT_PRINTED
from mpp_counter.store.counter import CounterStore

from support import PASSPHRASE, fill_disk

RECORD = ("record", "--service", "DUK-KTP", "--phone", "0812-0000-2468", "--consent")


def _env(tmp_path: Path) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith("MPP_COUNTER_")}
    e.update(HOME=str(tmp_path), MPP_COUNTER_PASSPHRASE=PASSPHRASE)
    return fast_kdf.child_env(e)


def _receipts(data_dir: Path) -> list[str]:
    s = CounterStore.open_admin(data_dir, PASSPHRASE)
    try:
        return [r.receipt for r in s.today() if r.receipt]
    finally:
        s.close()


@pytest.fixture
def made(cli, data_dir: Path) -> Path:  # type: ignore[no-untyped-def]
    assert (
        cli(
            "--data-dir",
            str(data_dir),
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
    return data_dir


def _run(
    tmp_path: Path, data_dir: Path, stdout: int | None, **kw: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mpp_counter", "--data-dir", str(data_dir), *RECORD],
        env=_env(tmp_path),
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        **kw,
    )  # type: ignore[call-overload]


def _says_saved(r: subprocess.CompletedProcess[str], receipts: list[str]) -> None:
    assert r.returncode == EXIT_SAVED_NOT_PRINTED, r.stderr
    assert "Traceback" not in r.stderr and "Exception ignored" not in r.stderr, r.stderr
    line = r.stderr.strip().splitlines()[-1]
    assert line.startswith("mpp-counter: the visit ") and "IS saved" in line, line
    assert len(receipts) == 1
    assert receipts[0][:4] in line and receipts[0] not in line  # findable, not usable
    assert "2468" not in line


def test_a_broken_pipe_after_the_commit(made: Path, tmp_path: Path) -> None:
    r_fd, w_fd = os.pipe()
    os.close(r_fd)  # nobody reads: the write gets EPIPE
    try:
        r = _run(tmp_path, made, w_fd)
    finally:
        os.close(w_fd)
    _says_saved(r, _receipts(made))


def test_a_closed_stdout_after_the_commit(made: Path, tmp_path: Path) -> None:
    r = _run(tmp_path, made, None, preexec_fn=lambda: os.close(1))
    _says_saved(r, _receipts(made))


def test_a_full_disk_under_the_redirection(made: Path, tmp_path: Path, tiny_disk: Path) -> None:
    fill_disk(tiny_disk)
    with open(tiny_disk / "receipt.txt", "w") as out:
        r = _run(tmp_path, made, out.fileno())
    _says_saved(r, _receipts(made))


def test_help_documents_the_exit_codes(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("--help").stdout
    assert "exit codes:" in out
    assert re.search(rf"^\s+{EXIT_SAVED_NOT_PRINTED}\s+the change IS saved", out, re.M), out
