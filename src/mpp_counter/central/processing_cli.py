"""``mpp-central agreement add|list``, ``mpp-central processing`` and ``campaign keygen``,
and who the command line records as the actor of what it does.

The actor is the operating-system user running the command, or ``--actor`` when given
(the OS user is then kept in the record's detail, so a name typed there never hides who
ran it).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from ..domain.key_fingerprint import fingerprint
from . import campaign_keys, processing, processing_report


def add_parsers(sub: Any) -> None:
    """The sub-commands of this module, on ``mpp-central``'s sub-parsers."""
    ag = sub.add_parser("agreement", help="data-sharing agreements: add, list")
    agsub = ag.add_subparsers(dest="agreement_cmd", required=True, parser_class=type(ag))
    add = agsub.add_parser("add", help="enter a data-sharing agreement")
    add.add_argument("--parties", required=True, help="who shares with whom")
    add.add_argument("--signed-on", required=True, help="YYYY-MM-DD")
    add.add_argument("--purpose", required=True)
    add.add_argument("--reference", required=True, help="the agreement's number or reference")
    ls = agsub.add_parser("list")
    ls.add_argument("--json", action="store_true")
    pr = sub.add_parser("processing", help="the record of processing (UU PDP Pasal 31)")
    pr.add_argument("--json", action="store_true")
    pr.add_argument("--campaign")
    pr.add_argument("--action")


def add_keygen(csub: Any) -> None:
    kg = csub.add_parser(
        "keygen",
        help="make a campaign key pair on this machine (the survey team's): private half "
        "into -o FILE, public half printed for the console",
    )
    kg.add_argument("-o", "--output", required=True, type=Path)
    kg.add_argument("--id", default=None, help="the campaign the key is for (optional)")


def os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def by(
    args: argparse.Namespace,
    *,
    recipient: str | None = None,
    agreement_id: int | None = None,
    note: str = "",
) -> processing.By:
    """Who this command is recorded as; refuses a bad ``--actor`` before anything runs."""
    user = os_user()
    actor = getattr(args, "actor", None) or user
    notes = [note] if note else []
    if actor != user:
        notes.append(f"OS user {user}")
    return processing.By(actor, recipient, agreement_id, "; ".join(notes))


def export_by(args: argparse.Namespace, engine: Any) -> processing.By:
    """For ``export``: the agreement named by ``--agreement`` must exist (else nothing is
    opened, exported or recorded); the recipient defaults to its parties."""
    recipient = args.recipient
    if args.agreement is not None:
        with engine.connect() as conn:
            agreement = processing.require_agreement(conn, args.agreement)
        recipient = recipient or agreement.parties
    where = "stdout" if args.output in (None, "-") else f"file {args.output}"
    return by(args, recipient=recipient, agreement_id=args.agreement, note=f"to {where}")


def cmd_keygen(args: argparse.Namespace) -> int:
    public = campaign_keys.keygen(args.output, args.id)
    print(f"private key written to {args.output} (keep it offline; never send it anywhere)")
    print(f"fingerprint: {fingerprint(public)}")
    print(f"public key: {public}")
    return 0


def cmd_agreement(args: argparse.Namespace, engine: Any) -> int:
    if args.agreement_cmd == "add":
        who = by(args)
        with engine.begin() as conn:
            a = processing.add_agreement(
                conn,
                parties=args.parties,
                signed_on=args.signed_on,
                purpose=args.purpose,
                reference=args.reference,
                by=who,
            )
        print(f"agreement {a.id} entered: {a.parties}, signed {a.signed_on}, {a.reference}")
        print(a.id)
        return 0
    with engine.connect() as conn:
        found = processing.list_agreements(conn)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": a.id,
                        "parties": a.parties,
                        "signed_on": a.signed_on.isoformat(),
                        "purpose": a.purpose,
                        "reference": a.reference,
                        "created_at": a.created_at,
                        "created_by": a.created_by,
                    }
                    for a in found
                ],
                ensure_ascii=False,
            )
        )
    else:
        for a in found:
            print(f"{a.id}\t{a.signed_on}\t{a.reference}\t{a.parties}")
    return 0


def cmd_processing(args: argparse.Namespace, engine: Any) -> int:
    with engine.connect() as conn:
        rows = processing_report.list_records(conn, campaign_id=args.campaign, action=args.action)
    if args.json:
        print(json.dumps([processing_report.as_json(r) for r in rows], ensure_ascii=False))
    else:
        sys.stdout.write(processing_report.records_csv(rows))
    return 0
