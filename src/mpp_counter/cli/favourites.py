"""The administrator's choice of this counter's own services (shown first to the clerk)."""

from __future__ import annotations

import argparse

from .common import open_store


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "favourites", help="show or set the services listed first at this counter, and its agency"
    )
    p.add_argument(
        "--set",
        nargs="*",
        metavar="CODE",
        dest="codes",
        help="service codes in the order wanted (none: no favourites)",
    )
    p.add_argument("--agency", help='agency code whose services come next ("": none)')
    p.set_defaults(func=cmd_favourites)


def cmd_favourites(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        if args.codes is not None or args.agency is not None:
            codes = list(store.favourites()) if args.codes is None else args.codes
            store.set_favourites(codes, agency=args.agency)
        for code in store.favourites():
            print(code)
        print(f"agency: {store.counter_agency() or '-'}")
    finally:
        store.close()
    return 0
