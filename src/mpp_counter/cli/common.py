"""Opening the store the way every sub-command does."""

from __future__ import annotations

import argparse

from ..store import lockout
from ..store.counter import CounterStore
from . import secrets


def open_store(args: argparse.Namespace) -> CounterStore:
    """Clerk when ``--clerk`` is given (PIN), the administrator otherwise (passphrase).

    Through the same failure count as the window: a wrong secret is counted, delayed and
    noted in the audit log at the next successful unlock.
    """
    d = args.data_dir
    clerk = getattr(args, "clerk", None)
    if clerk:
        pin = secrets.pin()
        return lockout.guarded_unlock(
            d, clerk, lambda: CounterStore.open_clerk(d, clerk, pin), admin=False
        )
    if not CounterStore.exists(d):  # say "no store" before asking a secret
        CounterStore.clerk_names(d)
    phrase = secrets.passphrase(args.passphrase_file)
    return lockout.guarded_unlock(
        d, "admin", lambda: CounterStore.open_admin(d, phrase), admin=True
    )


EXIT_SAVED_NOT_PRINTED = 3  # documented in ``mpp-counter --help``


def print_after_commit(line: str, saved: str) -> int:
    """Print the result of a change that is already committed; 0 when it reached stdout.

    When stdout refuses it (closed, a broken pipe, a full disk under a redirection) the
    change is still saved: stderr says so, naming ``saved`` (never a full receipt code or
    number), and the exit is EXIT_SAVED_NOT_PRINTED so a script does not record it again.
    """
    import errno
    import sys

    try:
        if sys.stdout is None:
            raise OSError(errno.EBADF, "standard output is closed")
        print(line, file=sys.stdout)
        sys.stdout.flush()
        return 0
    except OSError as exc:
        _drop_stdout()
        why = exc.strerror or type(exc).__name__
        try:
            print(
                f"mpp-counter: {saved} IS saved, but its result could not be written to "
                f"standard output ({why}); do not repeat the command (exit "
                f"{EXIT_SAVED_NOT_PRINTED}).",
                file=sys.stderr,
            )
        except (OSError, AttributeError):
            pass
        return EXIT_SAVED_NOT_PRINTED


def _drop_stdout() -> None:
    """Point fd 1 at the null device so the interpreter's final flush cannot fail too."""
    import os
    import sys

    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.close(fd)
    except OSError:
        pass
    if sys.stdout is not None:
        try:
            sys.stdout.flush()
        except (OSError, ValueError):
            pass


def masked_receipt(code: str) -> str:
    """Enough of a receipt code to find it in an export, not enough to use it."""
    return code[:4] + "-…" if len(code) > 4 else "…"
