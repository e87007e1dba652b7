"""Administrator sub-commands about personal data: how long sealed numbers are kept."""

from __future__ import annotations

import argparse
import sys

from ..domain.errors import StoreWriteFailed
from ..store import retention
from .common import open_store, print_after_commit


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "retention",
        help="show or set how many days a sealed number is kept after the central acknowledged it",
    )
    p.add_argument(
        "--days",
        type=str,
        default=None,
        help=f"0 to {retention.MAX_DAYS} (default {retention.DEFAULT_DAYS})",
    )
    p.set_defaults(func=cmd_retention)


def cmd_retention(args: argparse.Namespace) -> int:
    days = retention.parse_days(args.days) if args.days is not None else None
    store = open_store(args)  # refuse bad input before asking for the passphrase
    try:
        if days is not None:
            store.set_settings({retention.SETTING: str(days)})
            try:
                purged = store.retention.purge()
            except StoreWriteFailed as exc:  # the new period is saved; the purge is not
                print(
                    f"mpp-counter: the retention period of {days} days is saved, but the "
                    f"numbers now due were not deleted yet (the next unlock does it): "
                    f"{exc.message}",
                    file=sys.stderr,
                )
                return 1
            return print_after_commit(
                f"sealed numbers are kept {days} days after the central acknowledged them"
                + (f"; {purged} deleted now" if purged else ""),
                f"the retention period of {days} days",
            )
        else:
            print(
                f"sealed numbers are kept {store.retention.days()} days after "
                "the central acknowledged them"
            )
    finally:
        store.close()
    return 0
