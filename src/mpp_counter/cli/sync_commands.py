"""``mpp-counter enrol URL CODE`` and ``mpp-counter sync``: both as the administrator.

``sync`` exits 0 when nothing is left to send, 1 otherwise with one line on stderr
saying why (unreachable, revoked, refused, records flagged).
"""

from __future__ import annotations

import argparse
import logging
import sys

from .common import open_store, print_after_commit


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("enrol", help="enrol this counter at the central with a one-time code")
    p.add_argument("url", help="the central's address, e.g. https://spi.example.go.id")
    p.add_argument("code", help="the one-time enrolment code, e.g. ABCD-EFGH-JKMN")
    p.set_defaults(func=cmd_enrol)

    p = sub.add_parser("sync", help="send pending records to the central (one pass)")
    p.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        help="give up after this many seconds without progress (default 30)",
    )
    p.add_argument(
        "--rejected",
        action="store_true",
        help="list the records the central refused (kept, never sent again)",
    )
    p.set_defaults(func=cmd_sync)


def cmd_enrol(args: argparse.Namespace) -> int:
    from ..sync.enrolment import enrol

    store = open_store(args)
    try:
        result = enrol(store, args.url, args.code)
    finally:
        store.close()
    print(
        f"enrolled for campaign {result.campaign_id}; {result.resealed} numbers re-sealed "
        "to the campaign key",
        file=sys.stderr,
    )
    return print_after_commit(result.device_id, "the enrolment")  # last line: the device id


def cmd_sync(args: argparse.Namespace) -> int:
    from ..domain.errors import BadInput, StoreWriteFailed
    from ..store.enrolment import finish_escrow_removal
    from ..sync.client import sync_once

    if not 1 <= args.timeout <= 3600:
        raise BadInput("--timeout must be from 1 to 3600 seconds.")
    store = open_store(args)
    if args.rejected:
        try:
            for record_id, kind, reason in store.outbox.rejected():
                print(f"{record_id}\t{kind}\t{reason}")
        finally:
            store.close()
        return 0
    try:
        try:
            finish_escrow_removal(store)  # if a crash cut an enrolment short
        except StoreWriteFailed as exc:  # the next command tries again; sync regardless
            logging.getLogger(__name__).warning("escrow key not removed yet: %s", exc.message)
        before = store.status().pending
        try:
            report = sync_once(store, deadline_s=args.timeout)
        except StoreWriteFailed as exc:  # say what the central already has, if anything
            done = before - store.status().pending
            if done <= 0:
                raise
            print(
                f"mpp-counter: {done} records were sent and their acknowledgement is saved; "
                f"then: {exc.message}",
                file=sys.stderr,
            )
            return 1
        flagged = store.status().rejected
    finally:
        store.close()
    print(
        f"sent {report.sent}, acknowledged {report.acked}, rejected {report.rejected}, "
        f"pending {report.pending_after}, flagged {flagged}, "
        f"withdrawn elsewhere {report.withdrawn_elsewhere}"
    )
    if report.error:
        print(f"mpp-counter: {report.error}", file=sys.stderr)
        return 1
    if report.pending_after:
        print(
            f"mpp-counter: {report.pending_after} records are still pending; run sync again.",
            file=sys.stderr,
        )
        return 1
    return 0
