"""Sub-commands about visits: services, record, export, withdraw."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ..domain.errors import BadInput
from ..domain.records import NOT_ASKED_REASONS, Outcome
from .common import masked_receipt, open_store, print_after_commit


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("services", help="list the services: CODE<TAB>agency<TAB>service")
    p.set_defaults(func=cmd_services)

    p = sub.add_parser("record", help="record a visit; prints the receipt code last")
    p.add_argument("--service", required=True)
    p.add_argument("--phone", help="the citizen's mobile number (needs --consent)")
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

    p = sub.add_parser("withdraw", help="withdraw a consent by its receipt code, or by the "
                       "number when the slip is lost")
    p.add_argument("receipt", nargs="?")
    p.add_argument("--phone", help="the citizen's number (sealed; matched by the central)")
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
        result = store.record(args.service, outcome, phone=args.phone,
                              not_asked_reason=args.reason)
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
        print(f"mpp-counter: saved, but the slip was not written: {slip_error}",
              file=sys.stderr)
    saved = f"the visit {result.visit_id[:8]}" + (
        f" (receipt {masked_receipt(result.receipt)})" if result.receipt else "")
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
    if args.phone is not None:
        from ..domain.phone import normalize

        normalize(args.phone)  # refuse a bad number before asking for any secret
    store = open_store(args)
    try:
        at = store.withdraw(args.receipt) if args.receipt else store.withdraw_number(args.phone)
    finally:
        store.close()
    what = (f"the withdrawal of receipt {masked_receipt(args.receipt)}" if args.receipt
            else "the withdrawal by number")
    return print_after_commit(f"withdrawn at {at.isoformat(timespec='seconds')}", what)
