"""An output file that appears whole or not at all, even if the writer is killed with -9.

Used by the survey export and the hand-off's sample and suppression files. The export
writes numbers as it reads them, so its file grows for minutes. A
named temporary file beside the target would survive a kill -9 half-written, numbers in
it. On Linux the file is first an unnamed inode (O_TMPFILE) in the target's directory:
the kernel frees it when the process dies, and it gets a name only once complete
(linkat, then rename over the target). Where O_TMPFILE or linkat is refused, the same
stream goes to a named 0600 temporary file, removed on any error the process survives.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

PREFIX = ".export-"
_AT_FDCWD, _AT_EMPTY_PATH = -100, 0x1000


@contextmanager
def atomic_output(path: Path) -> Iterator[TextIO]:
    """A text stream (UTF-8, no newline translation) that replaces ``path`` on a clean
    exit of the ``with`` block, fsync'ed, mode 0600 (it holds numbers)."""
    target = Path(path)
    parent = target.parent
    fd, name = _open_unnamed(parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="", closefd=False) as f:
            yield f
            f.flush()
            os.fsync(fd)
        if name is None:
            name = _give_name(fd, parent)
        os.replace(name, target)
        name = None
        fsync_dir(parent)
    finally:
        os.close(fd)
        if name is not None:
            Path(name).unlink(missing_ok=True)


def write_atomic(path: Path, text_: str) -> tuple[int, int]:
    """Write ``text_`` to ``path`` whole or not at all; returns the file's (device, inode),
    so a caller can later remove exactly this file and not one written over it since."""
    with atomic_output(path) as f:
        f.write(text_)
    return _identity(path)


def remove_if_same(path: Path, identity: tuple[int, int]) -> None:
    """Remove the file we wrote, unless another writer has replaced it since."""
    with contextlib.suppress(OSError):
        if _identity(path) == identity:
            path.unlink()


def _identity(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_dev, st.st_ino


def _open_unnamed(parent: Path) -> tuple[int, str | None]:
    """(fd, None) for an unnamed inode, else (fd, path) of a named temporary file."""
    flag = getattr(os, "O_TMPFILE", 0)
    if flag:
        try:
            fd = os.open(parent, flag | os.O_RDWR | os.O_CLOEXEC, 0o600)
            os.fchmod(fd, 0o600)
            return fd, None
        except OSError:
            pass  # a file system without O_TMPFILE: a named file then
    fd, name = tempfile.mkstemp(dir=parent, prefix=PREFIX)
    os.fchmod(fd, 0o600)
    return fd, name


def _give_name(fd: int, parent: Path) -> str:
    """Link the finished unnamed file under a temporary name (then renamed over the
    target). /proc/self/fd is the unprivileged way; AT_EMPTY_PATH needs a capability some
    sandboxes grant instead; failing both, copy into a named file."""
    base = f"{PREFIX}{secrets.token_hex(8)}"
    name = str(parent / base)
    try:
        dfd = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
        try:  # a dir fd makes CPython call linkat(AT_SYMLINK_FOLLOW); plain link() fails
            os.link(f"/proc/self/fd/{fd}", base, dst_dir_fd=dfd)
            return name
        finally:
            os.close(dfd)
    except OSError:
        pass
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.linkat(fd, b"", _AT_FDCWD, os.fsencode(name), _AT_EMPTY_PATH) == 0:
            return name
    except (OSError, AttributeError):
        pass
    out, name = tempfile.mkstemp(dir=parent, prefix=PREFIX)
    try:
        os.fchmod(out, 0o600)
        os.lseek(fd, 0, os.SEEK_SET)
        with os.fdopen(os.dup(fd), "rb") as src, os.fdopen(out, "wb") as dst:
            shutil.copyfileobj(src, dst)
            dst.flush()
            os.fsync(dst.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return name


def fsync_dir(parent: Path) -> None:
    """Make a rename or unlink in ``parent`` durable (where a directory can be opened)."""
    try:
        dfd = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)
