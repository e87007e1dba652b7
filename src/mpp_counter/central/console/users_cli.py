"""``mpp-central user …``: console accounts from the command line.

The password is read from a prompt (twice) or, when stdin is not a terminal, from its
first line: never from argv, where ``ps`` and shell history would show it. The TOTP
secret is shown once, as a provisioning URI and a text QR code to scan with an
authenticator app; it cannot be shown again (``user reset`` makes a new one).
"""

from __future__ import annotations

import argparse
import getpass
import io
import sys
from typing import TYPE_CHECKING, Any

from ...domain.errors import BadInput

if TYPE_CHECKING:  # loaded by the command, not by every mpp-central command's start
    from . import accounts


def add_parser(sub: Any) -> None:
    u = sub.add_parser("user", help="console accounts: add, list, disable, reset")
    usub = u.add_subparsers(dest="user_cmd", required=True, parser_class=type(u))
    a = usub.add_parser("add", help="a new account; password from the prompt or stdin")
    a.add_argument("username")
    a.add_argument("--role", required=True, help="operator | mpp-admin | survey")
    a.add_argument("--mpp", default=None, help="the MPP of an mpp-admin")
    usub.add_parser("list")
    d = usub.add_parser("disable", help="refuse the account's sign-in and end its sessions")
    d.add_argument("username")
    r = usub.add_parser("reset", help="new password and TOTP secret; lifts a lock-out")
    r.add_argument("username")


def read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Password again: ") != first:
            raise BadInput("The two passwords differ; nothing was changed.")
        return first
    line = sys.stdin.readline()
    if not line:
        raise BadInput("No password on stdin; nothing was changed.")
    return line.rstrip("\r\n")


def _show_totp(enrolled: accounts.Enrolled) -> None:
    import qrcode  # here, not at the top: every mpp-central command would pay its import

    qr = qrcode.QRCode(border=2)
    qr.add_data(enrolled.provisioning_uri)
    out = io.StringIO()
    qr.print_ascii(out=out, invert=True)
    print("Scan this with an authenticator app (shown only now):")
    print(out.getvalue(), end="")
    print(enrolled.provisioning_uri)


def _audit(engine: Any, action: str, target: str, detail: dict[str, Any] | None = None) -> None:
    from . import audit

    with engine.begin() as conn:
        audit.record(conn, None, action, target, detail, ip="cli", actor="cli")


def cmd_user(args: argparse.Namespace, engine: Any) -> int:
    from . import accounts

    if args.user_cmd == "add":
        accounts.check_username(args.username)  # before asking for a password
        accounts.check_role(args.role, args.mpp)
        enrolled = accounts.add_user(engine, args.username, args.role, args.mpp, read_password())
        _audit(engine, "user-add", args.username, {"role": args.role, "mpp": args.mpp})
        print(f"user {args.username} added ({args.role}{' ' + args.mpp if args.mpp else ''})")
        _show_totp(enrolled)
    elif args.user_cmd == "reset":
        enrolled = accounts.reset_user(engine, args.username, read_password())
        _audit(engine, "user-reset", args.username)
        print(f"user {args.username}: new password and TOTP secret; sessions ended")
        _show_totp(enrolled)
    elif args.user_cmd == "disable":
        accounts.disable_user(engine, args.username)
        _audit(engine, "user-disable", args.username)
        print(f"user {args.username} disabled; sessions ended")
    else:
        for row in accounts.list_users(engine):
            state = "disabled" if row.disabled_at else "locked" if row.locked_until else "active"
            print(f"{row.username}\t{row.role}\t{row.mpp or '-'}\t{state}")
    return 0
