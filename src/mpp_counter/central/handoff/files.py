"""Writing the hand-off's files: whole or not at all, readable by their owner only.

On Linux the text is written into an unnamed file (O_TMPFILE, 0600), flushed to disk,
then given a name and renamed over the target: a process killed at any moment leaves
either no file or a complete one, never a partial file of numbers under any name.
Elsewhere a 0600 temporary file beside the target is renamed over it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from ..export import write_atomic


def write_private(path: Path, text: str) -> tuple[int, int]:
    """Write ``text`` to ``path`` whole or not at all; returns the file's (device, inode),
    so a caller can later remove exactly this file and not one written over it since."""
    directory = path.parent if str(path.parent) else Path(".")
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not Path("/proc/self/fd").is_dir():
        return _fallback(path, text)
    try:
        fd = os.open(directory, flag | os.O_WRONLY, 0o600)
    except OSError:  # a file system without unnamed files
        return _fallback(path, text)
    named = directory / f".handoff-{secrets.token_hex(6)}"
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
            if not _link(f.fileno(), directory, named.name):
                return _fallback(path, text)
        os.replace(named, path)
    except BaseException:
        named.unlink(missing_ok=True)
        raise
    _fsync_dir(directory)
    return _identity(path)


def _link(fd: int, directory: Path, name: str) -> bool:
    """Name the unnamed file; False where the system refuses (then a named temp file)."""
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
        try:  # a dir fd makes Python call linkat(AT_SYMLINK_FOLLOW), not link()
            os.link(f"/proc/self/fd/{fd}", name, dst_dir_fd=dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        return False
    return True


def _fallback(path: Path, text: str) -> tuple[int, int]:
    write_atomic(path, text)
    return _identity(path)


def _identity(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_dev, st.st_ino


def remove_if_same(path: Path, identity: tuple[int, int]) -> None:
    """Remove the file we wrote, unless another writer has replaced it since."""
    with contextlib.suppress(OSError):
        if _identity(path) == identity:
            path.unlink()


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def check_target(path: Path) -> None:
    """Refuse early (before any number is opened) a target that cannot be written."""
    from .spec import HandoffInput

    if path.is_dir():
        raise HandoffInput("{path} is a folder: give a file name for the sample.", path=str(path))
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise HandoffInput("The folder {path} does not exist.", path=str(parent))
    if not os.access(parent, os.W_OK):
        raise HandoffInput("The folder {path} cannot be written.", path=str(parent))
