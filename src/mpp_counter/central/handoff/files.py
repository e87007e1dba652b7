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


def write_private(path: Path, text: str) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not Path("/proc/self/fd").is_dir():
        write_atomic(path, text)
        return
    try:
        fd = os.open(directory, flag | os.O_WRONLY, 0o600)
    except OSError:  # a file system without unnamed files
        write_atomic(path, text)
        return
    named = directory / f".handoff-{secrets.token_hex(6)}"
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
            dir_fd = os.open(directory, os.O_RDONLY)
            try:  # a dir fd makes Python call linkat(AT_SYMLINK_FOLLOW), not link()
                os.link(f"/proc/self/fd/{f.fileno()}", named.name, dst_dir_fd=dir_fd)
            finally:
                os.close(dir_fd)
        os.replace(named, path)
    except BaseException:
        named.unlink(missing_ok=True)
        raise
    _fsync_dir(directory)


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
