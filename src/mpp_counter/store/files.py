"""Durable small-file writes: a crash leaves either the old or the new file, never half."""

from __future__ import annotations

import logging
import os
import shutil
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


def atomic_write(path: Path, data: bytes, *, keep_previous: bool = False,
                 mode: int = 0o600) -> None:
    tmp = path.with_name(path.name + ".tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        if keep_previous and path.exists():
            prev = path.with_name(path.name + ".prev")
            shutil.copyfile(path, prev)
            with open(prev, "rb+") as f:
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        from .diskerrors import disk_error

        raise disk_error(exc) or StoreWriteFailed(
            "Could not write {name}: {reason}", name=path.name,
            reason=exc.strerror or str(exc)) from exc
    try:
        fsync_dir(path.parent)
    except OSError as exc:  # the new file is in place: the change happened, say so and go on
        logging.getLogger(__name__).warning(
            "%s is written, but the disk reported an error making the folder durable (%s); "
            "check the disk", path.name, exc.strerror or type(exc).__name__)
