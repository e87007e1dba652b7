"""Process-wide protections set once at start, before any secret is in memory.

- No core dumps: a crash must not write the database key, a PIN or a number to disk
  (RLIMIT_CORE 0, and on Linux PR_SET_DUMPABLE 0, which also stops other processes of
  the same user from reading this one's memory through ptrace or /proc/PID/mem).
- umask 077: every file and folder this process creates (the database's -wal and -shm,
  logs, temporary files, a PDF) is for its owner only.
Best effort and silent: where the OS offers neither, the program still runs.
"""

from __future__ import annotations

import contextlib
import os
import sys

PR_SET_DUMPABLE = 4


def harden() -> None:
    if os.name == "posix":
        os.umask(0o077)
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
