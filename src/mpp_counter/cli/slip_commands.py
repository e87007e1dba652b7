"""``mpp-counter slip RECEIPT (--pdf FILE | --print [PRINTER])``: reprint a consent slip.

The record is already saved; a printer problem fails this command (exit 1) with the
printer's reason and changes nothing. The paper width and printer default to what the
administrator chose for the window (``prefs.json``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..domain import receipt as receipt_codes
from ..store import prefs
from .common import open_store


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("slip", help="write or print the consent slip of a receipt code")
    p.add_argument("receipt")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--pdf", type=Path, metavar="FILE", help="write the slip to this PDF")
    where.add_argument("--print", dest="printer", nargs="?", const="", metavar="PRINTER",
                       help="print on this queue (default: the configured or system printer)")
    p.add_argument("--paper", type=int, choices=(58, 80), default=None,
                   help="paper width in mm (default: the window's setting)")
    p.add_argument("--clerk", help="as this clerk (PIN from MPP_COUNTER_PIN)")
    p.set_defaults(func=cmd_slip)


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
