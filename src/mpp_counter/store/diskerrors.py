"""What a failing disk looks like from SQLite and the OS, and how to still read from it.

SQLite reports ENOSPC on a write as SQLITE_FULL, most other failures of the disk (EIO,
ENOSPC on fsync or on the shared-memory index) as SQLITE_IOERR, a read-only file system as
SQLITE_READONLY or SQLITE_CANTOPEN. None of them is damage or a wrong key. A disk that is
full or read-only must still let the administrator read (status, export): SQLite then
needs no ``-shm`` file when it holds an exclusive lock (the WAL index lives in memory),
and on a read-only file system with no write-ahead log left the file is opened immutable.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from ..domain.errors import DiskError, DiskFull, DiskIOError, DiskReadOnly

_SQLITE_KIND = {8: "read-only", 10: "io", 13: "full", 14: "cantopen"}
_OS_KIND = {errno.ENOSPC: "full", errno.EDQUOT: "full", errno.EROFS: "read-only", errno.EIO: "io"}
_SQLITE_TEXT = (
    ("disk is full", "full"),
    ("disk i/o error", "io"),
    ("readonly database", "read-only"),
    ("read-only", "read-only"),
)
LOW_SPACE = 64 * 1024  # below this, a failing write at open is the disk being full


def disk_kind(exc: BaseException | None) -> str | None:
    """ "full", "read-only", "io", "cantopen" or None (not the disk's doing)."""
    if isinstance(exc, OSError):
        return _OS_KIND.get(exc.errno or 0)
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _SQLITE_KIND:
        return _SQLITE_KIND[code & 0xFF]
    if code is not None:  # sqlcipher_export() and ATTACH pass an inner error on as text
        text = str(exc).lower()
        for words, kind in _SQLITE_TEXT:
            if words in text:
                return kind
    return None


def folder_state(folder: Path) -> str | None:
    """ "read-only" or "full" when the folder's file system is so now, else None."""
    try:
        st = os.statvfs(folder)
    except (OSError, AttributeError):  # Windows has no statvfs
        try:
            return "full" if shutil.disk_usage(folder).free < LOW_SPACE else None
        except OSError:
            return None
    if st.f_flag & os.ST_RDONLY:
        return "read-only"
    if st.f_bavail * st.f_frsize < LOW_SPACE:
        return "full"
    return None


def disk_error(
    exc: BaseException | None, *, opening: bool = False, kind: str | None = None
) -> DiskError | None:
    """Our error for a disk failure, or None when ``exc`` is not one."""
    kind = kind or disk_kind(exc)
    if kind == "cantopen":
        kind = "read-only" if opening else None
    if kind is None:
        return None
    return error_for(kind, opening=opening)


def error_for(kind: str, *, opening: bool = False) -> DiskError:
    """The error for a disk known to be "full", "read-only" or failing ("io")."""
    if opening:
        return {
            "full": DiskFull(
                "The disk is full: the store cannot be opened. Free some "
                "space on the disk and try again."
            ),
            "read-only": DiskReadOnly(
                "The disk is read-only and the store cannot be opened from it."
            ),
        }.get(kind) or DiskIOError(
            "The disk reported an I/O error while opening "
            "the store. The disk may be failing: copy the "
            "data folder to a healthy disk."
        )
    return {"full": DiskFull(), "read-only": DiskReadOnly()}.get(kind) or DiskIOError()


def reading_fallbacks(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """Ways to open ``path`` for reading when the normal open failed, safest first."""
    ways: list[tuple[str, tuple[str, ...]]] = [
        ("mode=rw", ("PRAGMA locking_mode = EXCLUSIVE",))
    ]  # no -shm; the WAL is read
    wal = path.with_name(path.name + "-wal")
    try:
        wal_empty = not wal.exists() or wal.stat().st_size == 0
    except OSError:
        wal_empty = False
    if wal_empty:  # nothing committed outside the main file: immutable is exact
        ways.append(("mode=ro&immutable=1", ()))
    return ways


def unreadable(folder: Path, pattern: str = "counter-*.db*") -> bool:
    """Whether the disk fails to read a store file back (EIO and the like).

    SQLCipher reports a page the disk could not read as a malformed database; reading the
    same bytes again with the same call (pread) tells a failing disk from a damaged file."""
    for path in sorted(folder.glob(pattern)):
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError as exc:
            if disk_kind(exc) == "io":
                return True
            continue
        try:
            offset = 0
            while chunk := os.pread(fd, 1 << 16, offset):
                offset += len(chunk)
        except OSError as exc:
            if disk_kind(exc) == "io":
                return True
        finally:
            os.close(fd)
    return False
