"""Durable small-file writes (a crash leaves either the old or the new file, never half),
and a data folder only its owner can read: folder 0700, every file in it 0600."""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from ..domain.errors import StoreWriteFailed


def fsync_dir(path: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory; NTFS renames are journaled
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(
    path: Path, data: bytes, *, keep_previous: bool = False, mode: int = 0o600
) -> None:
    tmp = path.with_name(path.name + ".tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        try:
            _chmod_fd(fd, mode)  # a stale temp file keeps its old mode otherwise
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if keep_previous and path.exists():
            prev = path.with_name(path.name + ".prev")
            fd = os.open(prev, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                _chmod_fd(fd, 0o600)
                view = memoryview(path.read_bytes())
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        from .diskerrors import disk_error

        raise disk_error(exc) or StoreWriteFailed(
            "Could not write {name}: {reason}", name=path.name, reason=exc.strerror or str(exc)
        ) from exc
    try:
        fsync_dir(path.parent)
    except OSError as exc:  # the new file is in place: the change happened, say so and go on
        logging.getLogger(__name__).warning(
            "%s is written, but the disk reported an error making the folder durable (%s); "
            "check the disk",
            path.name,
            exc.strerror or type(exc).__name__,
        )


def _chmod_fd(fd: int, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)


PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def make_private_dir(path: Path) -> None:
    """Create the data folder (and parents) for its owner only."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    with contextlib.suppress(OSError):
        os.chmod(path, PRIVATE_DIR)


def secure_folder(data_dir: Path) -> None:
    """Folder and sub-folders 0700, every file 0600: a folder made by a former version,
    or files another program created (SQLite's -wal and -shm, logs), are fixed at open.
    Best effort: a file system without POSIX modes (Windows, FAT) keeps its own."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        os.chmod(data_dir, PRIVATE_DIR)
        for root, dirs, names in os.walk(data_dir):
            for d in dirs:
                p = os.path.join(root, d)
                if not os.path.islink(p):
                    os.chmod(p, PRIVATE_DIR)
            for n in names:
                p = os.path.join(root, n)
                if not os.path.islink(p) and os.stat(p).st_mode & 0o077:
                    os.chmod(p, PRIVATE_FILE)
