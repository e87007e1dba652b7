"""The whole-or-nothing output file shared by the export and the hand-off."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from mpp_counter.central import atomic_file
from mpp_counter.central.atomic_file import remove_if_same, write_atomic


def _refused(*_: Any, **__: Any) -> Any:
    raise OSError(errno.EPERM, "refused in this test")


def test_the_unnamed_file_is_linked_without_privilege_or_a_named_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/proc/self/fd/N must be linked with linkat(AT_SYMLINK_FOLLOW): a plain link() on
    it fails with EXDEV. The fallbacks (AT_EMPTY_PATH, which needs a capability; a named
    copy, which kill -9 can leave partial) are refused here, as for an ordinary user."""
    try:
        os.close(os.open(tmp_path, os.O_TMPFILE | os.O_RDWR, 0o600))
    except (AttributeError, OSError):
        pytest.skip("no unnamed files on this file system")
    monkeypatch.setattr(atomic_file.ctypes, "CDLL", _refused)
    monkeypatch.setattr(atomic_file.tempfile, "mkstemp", _refused)
    out = tmp_path / "sample.csv"
    identity = write_atomic(out, "ref,phone\n")
    assert out.read_text() == "ref,phone\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert identity == (out.stat().st_dev, out.stat().st_ino)
    assert [f.name for f in tmp_path.iterdir()] == ["sample.csv"]


def test_only_the_file_this_process_wrote_is_removed(tmp_path: Path) -> None:
    out = tmp_path / "sample.csv"
    first = write_atomic(out, "first\n")
    second = write_atomic(out, "second\n")  # another writer replaced it since
    remove_if_same(out, first)
    assert out.read_text() == "second\n"
    remove_if_same(out, second)
    assert not out.exists()
    remove_if_same(out, second)  # already gone: nothing to do, no error
