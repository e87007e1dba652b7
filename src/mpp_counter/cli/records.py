"""Sub-commands about visits: services, record, export, withdraw."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ..domain.errors import BadInput
from ..domain.records import NOT_ASKED_REASONS, Outcome
from .common import masked_receipt, open_store, print_after_commit

PHONE_HELP = (
    "the citizen's mobile number: '-' reads it from standard input (or asks on a "
    "terminal); a number given here is visible to other users and is refused "
    "in a later version"
)


def read_phone(value: str | None) -> str | None:
    """The number behind ``--phone``: ``-`` takes it from standard input, or from a prompt
    without echo on a terminal, so it never sits in /proc/PID/cmdline or the shell's
    history. A number on the command line still works, with a warning."""
    if value is None:
        return None
    if value != "-":
        print(
            "mpp-counter: warning: a phone number on the command line can be read by "
            "every user of this computer; give '--phone -' and type it on standard input.",
            file=sys.stderr,
        )
        return value
    if sys.stdin is None:
        raise BadInput("--phone - reads the number from standard input, but there is none.")
    if sys.stdin.isatty():
        import getpass

        text = getpass.getpass("nomor ponsel / mobile number: ")
    else:
        text = sys.stdin.readline(200)
    text = text.strip()
    if not text:
        raise BadInput("--phone - reads the number from standard input, but it was empty.")
    return text


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("services", help="list the services: CODE<TAB>agency<TAB>service")
    p.set_defaults(func=cmd_services)

    p = sub.add_parser("record", help="record a visit; prints the receipt code last")
    p.add_argument("--service", required=True)
    p.add_argument("--phone", help=PHONE_HELP + " (needs --consent)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--consent", action="store_true", help="the citizen agreed")
    g.add_argument("--declined", action="store_true", help="asked, and refused")
    p.add_argument("--reason", choices=NOT_ASKED_REASONS, help="why consent was not asked")
    p.add_argument("--clerk", help="record as this clerk (PIN from MPP_COUNTER_PIN)")
    p.add_argument("--slip-pdf", type=Path, help="also write the consent slip to this PDF")
    p.add_argument("--paper", type=int, choices=(58, 80), default=58)
    p.set_defaults(func=cmd_record)

    p = sub.add_parser("export", help="CSV of visits, never a phone number")
    p.add_argument("--from", dest="date_from", type=_date)
    p.add_argument("--to", dest="date_to", type=_date)
    p.add_argument("-o", "--output", type=Path)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "withdraw",
        help="withdraw a consent by its receipt code, or by the number when the slip is lost",
    )
    p.add_argument("receipt", nargs="?")
    p.add_argument(
        "--last4",
        help="last four digits of the citizen's number: needed when "
        "the code was given at another counter (asked for when missing)",
    )
    p.add_argument("--phone", help=PHONE_HELP + " (sealed; matched by the central)")
    p.add_argument("--clerk")
    p.set_defaults(func=cmd_withdraw)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text[:20]!r}") from exc


def cmd_services(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        for s in store.services():
            print(f"{s.code}\t{s.agency_name}\t{s.name}")
    finally:
        store.close()
    return 0


def cmd_record(args: argparse.Namespace) -> int:
    args.phone = read_phone(args.phone)
    if args.consent:
        if not args.phone:
            raise BadInput("--consent needs --phone.")
        outcome = Outcome.AGREED
    elif args.phone:
        raise BadInput("--phone is only recorded with --consent.")
    else:
        outcome = Outcome.DECLINED if args.declined else Outcome.NOT_ASKED
    if args.reason and outcome is not Outcome.NOT_ASKED:
        raise BadInput("--reason is only for a visit where consent was not asked.")
    if args.slip_pdf and outcome is not Outcome.AGREED:
        raise BadInput("A slip is only printed for a consent.")
    if outcome is Outcome.AGREED:
        from ..domain.phone import normalize

        normalize(args.phone)  # refuse a bad number before asking for any secret
    store = open_store(args)
    try:
        result = store.record(args.service, outcome, phone=args.phone, not_asked_reason=args.reason)
        slip_error = None
        if args.slip_pdf and result.receipt:
            from ..domain.errors import MppError

            try:
                _slip_pdf(store.slip_content(result.receipt), args.slip_pdf, args.paper)
            except (MppError, OSError) as exc:  # the visit is saved: say so, and fail
                slip_error = getattr(exc, "message", None) or str(exc)
    finally:
        store.close()
    if slip_error:
        print(f"mpp-counter: saved, but the slip was not written: {slip_error}", file=sys.stderr)
    saved = f"the visit {result.visit_id[:8]}" + (
        f" (receipt {masked_receipt(result.receipt)})" if result.receipt else ""
    )
    printed = print_after_commit(result.reference, saved)  # last line, after the commit
    return printed or (1 if slip_error else 0)


def _slip_pdf(content: object, path: Path, width: int) -> None:
    from ..slip.render import ensure_app, render_pdf

    ensure_app()
    render_pdf(content, path, width)  # type: ignore[arg-type]


def cmd_export(args: argparse.Namespace) -> int:
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise BadInput("--from is after --to.")
    store = open_store(args)
    try:
        if args.output:
            tmp = args.output.with_name(args.output.name + ".part")
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                n = store.export_csv(f, args.date_from, args.date_to)
            tmp.replace(args.output)
            print(f"{n} visits written to {args.output}", file=sys.stderr)
        else:
            store.export_csv(sys.stdout, args.date_from, args.date_to)
    finally:
        store.close()
    return 0


def cmd_withdraw(args: argparse.Namespace) -> int:
    if (args.receipt is None) == (args.phone is None):
        raise BadInput("Give either the receipt code or --phone, not both.")
    args.phone = read_phone(args.phone)
    if args.phone is not None:
        if args.last4 is not None:
            raise BadInput("--last4 goes with a receipt code, not with --phone.")
        from ..domain.phone import normalize

        normalize(args.phone)  # refuse a bad number before asking for any secret
        store = open_store(args)
        try:
            at = store.withdraw_number(args.phone)
        finally:
            store.close()
        return print_after_commit(
            f"withdrawn at {at.isoformat(timespec='seconds')}", "the withdrawal by number"
        )
    return _withdraw_code(args)


def _withdraw_code(args: argparse.Namespace) -> int:
    """By code at any counter: here at once, or queued for the central with last4."""
    from ..domain.errors import UnknownRecord
    from ..domain.receipt import parse
    from ..store.withdrawals import parse_last4

    code = parse(args.receipt)  # a bad code or last4 is refused before any secret
    last4 = parse_last4(args.last4)
    store = open_store(args)
    try:
        try:
            done = store.withdraw_code(code, last4)
        except UnknownRecord:
            if last4 is not None or not sys.stdin.isatty():
                raise
            last4 = parse_last4(
                input(
                    f"Receipt {code} was not given at this counter. "
                    "Last four digits of the citizen's number: "
                )
            )
            if last4 is None:
                raise
            done = store.withdraw_code(code, last4)
    finally:
        store.close()
    when = done.at.isoformat(timespec="seconds")
    return print_after_commit(
        {
            "withdrawn": f"withdrawn at {when}",
            "already": f"receipt {code} was already withdrawn at {when}",
            "queued": f"queued at {when}: the central withdraws receipt {code} at the next sync",
            "already_queued": f"receipt {code} was already queued at {when}; the central "
            "withdraws it at the next sync",
        }[done.state],
        f"the withdrawal of receipt {masked_receipt(code)}",
    )
