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
        return lockout.guarded_unlock(d, clerk, lambda: CounterStore.open_clerk(d, clerk, pin),
                                      admin=False)
    if not CounterStore.exists(d):  # say "no store" before asking a secret
        CounterStore.clerk_names(d)
    phrase = secrets.passphrase(args.passphrase_file)
    return lockout.guarded_unlock(d, "admin", lambda: CounterStore.open_admin(d, phrase),
                                  admin=True)
