"""Opening the store the way every sub-command does."""

from __future__ import annotations

import argparse

from ..store.counter import CounterStore
from . import secrets


def open_store(args: argparse.Namespace) -> CounterStore:
    """Clerk when ``--clerk`` is given (PIN), the administrator otherwise (passphrase)."""
    clerk = getattr(args, "clerk", None)
    if clerk:
        return CounterStore.open_clerk(args.data_dir, clerk, secrets.pin())
    if not CounterStore.exists(args.data_dir):  # say "no store" before asking a secret
        CounterStore.clerk_names(args.data_dir)
    return CounterStore.open_admin(args.data_dir, secrets.passphrase(args.passphrase_file))
