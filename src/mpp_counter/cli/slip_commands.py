"""``mpp-counter slip RECEIPT (--pdf FILE | --print [PRINTER])``: reprint a consent slip,
marked CETAK ULANG. ``mpp-counter poster --pdf FILE``: the A4 counter poster with the
campaign's full privacy notice.

The record is already saved; a printer problem fails this command (exit 1) with the
printer's reason and changes nothing. The paper width and printer default to what the
administrator chose for the window (``prefs.json``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..domain import receipt as receipt_codes
from ..domain.errors import StoreWriteFailed
from ..store import prefs
from .common import open_store


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("slip", help="write or print the consent slip of a receipt code")
    p.add_argument("receipt")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--pdf", type=Path, metavar="FILE", help="write the slip to this PDF")
    where.add_argument(
        "--print",
        dest="printer",
        nargs="?",
        const="",
        metavar="PRINTER",
        help="print on this queue (default: the configured or system printer)",
    )
    p.add_argument(
        "--paper",
        type=int,
        choices=(58, 80),
        default=None,
        help="paper width in mm (default: the window's setting)",
    )
    p.add_argument("--clerk", help="as this clerk (PIN from MPP_COUNTER_PIN)")
    p.set_defaults(func=cmd_slip)

    p = sub.add_parser("poster", help="write the A4 counter poster with the full privacy notice")
    p.add_argument(
        "--pdf", type=Path, metavar="FILE", required=True, help="write the poster to this PDF"
    )
    p.add_argument("--clerk", help="as this clerk (PIN from MPP_COUNTER_PIN)")
    p.set_defaults(func=cmd_poster)


def cmd_slip(args: argparse.Namespace) -> int:
    code = receipt_codes.parse(args.receipt)  # a mistyped code: exit 2 before any secret
    chosen, _problem = prefs.load(args.data_dir)
    width = args.paper or chosen.paper_mm
    store = open_store(args)
    try:
        content = store.slip_content(code, reprint=True)
    finally:
        store.close()
    from ..slip.render import ensure_app

    ensure_app()
    if args.pdf is not None:
        from ..slip.render import render_pdf

        tmp = args.pdf.with_name(args.pdf.name + ".part")
        render_pdf(content, tmp, width)
        tmp.replace(args.pdf)
        print(f"slip {code} written to {args.pdf}", file=sys.stderr)
    else:
        from ..slip.printing import print_slip

        print_slip(content, args.printer or chosen.printer or None, width)
        print(f"slip {code} sent to the printer", file=sys.stderr)
    return 0


def cmd_poster(args: argparse.Namespace) -> int:
    """The store's campaign and central: the poster says what this counter's slips say."""
    from ..domain.notice import build_notice

    store = open_store(args)
    try:
        notice = build_notice(store.campaign(), store.setting("central_url") or None)
    finally:
        store.close()
    from ..slip.poster import render_poster_pdf
    from ..slip.render import ensure_app

    ensure_app()
    tmp = args.pdf.with_name(args.pdf.name + ".part")
    try:
        tmp.open("wb").close()  # the disk's own reason (no folder, read-only), not Qt's "no"
    except OSError as exc:
        raise StoreWriteFailed(
            "Could not write {name}: {reason}",
            name=str(args.pdf),
            reason=exc.strerror or type(exc).__name__,
        ) from exc
    try:
        render_poster_pdf(notice, tmp)
        tmp.replace(args.pdf)
    finally:
        tmp.unlink(missing_ok=True)
    print(
        f"poster written to {args.pdf}"
        + ("" if notice.url else " (no QR: the counter knows no https central)"),
        file=sys.stderr,
    )
    return 0
