"""Administrator sub-commands: init, status, clerks, rekey, audit."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys

from ..domain.errors import BadInput
from ..domain.slip_content import receipt_base
from ..store.counter import CounterStore
from . import secrets
from .common import open_store, print_after_commit


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("init", help="create the encrypted store of this counter")
    p.add_argument("--mpp", required=True, help="MPP code, e.g. BKL01")
    p.add_argument("--counter", required=True, help='counter name, e.g. "Loket 1"')
    p.add_argument("--mpp-name", required=True, help='e.g. "MPP Kota Bengkulu"')
    p.add_argument("--tz", default="Asia/Jakarta", help="WIB, WITA, WIT or an IANA name")
    p.add_argument(
        "--central",
        metavar="URL",
        default=None,
        help="the central's https:// address, so that slips printed before "
        "enrolment already carry a QR that opens the receipt page",
    )
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("status", help="counts, pending records, schema version")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("clerk", help="add, remove or list clerks")
    csub = p.add_subparsers(dest="clerk_command", required=True)
    for name in ("add", "remove", "reset-pin"):
        c = csub.add_parser(name)
        c.add_argument("name")
        c.set_defaults(func=cmd_clerk)
    csub.add_parser("list").set_defaults(func=cmd_clerk, name=None)

    sub.add_parser("rekey", help="rotate the database key").set_defaults(func=cmd_rekey)

    p = sub.add_parser("audit", help="check the audit log")
    asub = p.add_subparsers(dest="audit_command", required=True)
    asub.add_parser("verify").set_defaults(func=cmd_audit_verify)
    asub.add_parser("show").set_defaults(func=cmd_audit_show)


def cmd_init(args: argparse.Namespace) -> int:
    for value, what in (
        (args.mpp, "MPP code"),
        (args.counter, "counter name"),
        (args.mpp_name, "MPP name"),
    ):
        if not value.strip() or len(value) > 80:
            raise BadInput("The {what} must be 1 to 80 characters.", what=what)
    central = _central_address(args.central)
    if CounterStore.exists(args.data_dir):
        CounterStore.create(
            args.data_dir,
            mpp_code="x",
            mpp_name="x",
            counter="x",
            zone=args.tz,
            passphrase="x" * 10,
        )  # raises StoreExists
    store = CounterStore.create(
        args.data_dir,
        mpp_code=args.mpp,
        mpp_name=args.mpp_name,
        counter=args.counter,
        zone=args.tz,
        passphrase=secrets.passphrase(args.passphrase_file, confirm=True),
    )
    try:
        if central:
            store.set_settings({"central_url": central})
        path = store.status().store_path
    finally:
        store.close()
    return print_after_commit(f"store created: {path}", "the new store")


def _central_address(url: str | None) -> str | None:
    """Checked before anything is created: a slip's QR must open a page on any phone."""
    if url is None:
        return None
    base = receipt_base(url.strip())
    if base is None:
        raise BadInput(
            "The central's address must start with https:// and name a host, "
            "e.g. https://spi.example.go.id (a slip's QR must open on any phone)."
        )
    return base


def cmd_status(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        st = store.status()
    finally:
        store.close()
    if args.json:
        d = dataclasses.asdict(st)
        d["last_sync"] = st.last_sync.isoformat() if st.last_sync else None
        print(json.dumps(d, ensure_ascii=False, indent=1))
    else:
        print(f"{st.mpp_name} ({st.mpp_code}) - {st.counter}, {st.timezone}")
        print(f"visits {st.visits}, consents {st.consents}, withdrawn {st.withdrawn}")
        print(
            f"pending {st.pending}, rejected {st.rejected}, enrolled {st.enrolled}, "
            f"last sync {st.last_sync or 'never'}"
        )
        print(f"schema {st.schema_version}, store {st.store_path}")
        if st.sealing_stopped:
            print(
                f"SEALING STOPPED since {st.sealing_stopped}: the survey key in use is not "
                "the central's; no number is saved until this counter is enrolled again"
            )
    return 0


def cmd_clerk(args: argparse.Namespace) -> int:
    if args.clerk_command == "list":
        for name in CounterStore.clerk_names(args.data_dir):
            print(name)
        return 0
    store = open_store(args)
    try:
        if args.clerk_command == "add":
            store.add_clerk(args.name, secrets.pin(confirm=True))
        elif args.clerk_command == "reset-pin":
            store.reset_pin(args.name, secrets.pin(confirm=True))
        else:
            store.remove_clerk(args.name)
    finally:
        store.close()
    return print_after_commit(
        f"clerk {args.clerk_command}: {args.name.strip()}",
        f"clerk {args.clerk_command} of {args.name.strip()[:60]}",
    )


def cmd_rekey(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        store.rekey()
        generation = store.keyfile.generation
    finally:
        store.close()
    return print_after_commit(
        f"new database key, generation {generation}",
        f"the new database key (generation {generation})",
    )


def cmd_audit_verify(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        n, problems = store.audit_verify()
    finally:
        store.close()
    for p in problems:
        print(f"audit row {p.seq}: {p.reason}", file=sys.stderr)
    print(f"{n} audit rows checked, {len(problems)} problems")
    return 1 if problems else 0


def cmd_audit_show(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        for at, actor, action, detail in store.audit_rows():
            print(f"{at}\t{actor}\t{action}\t{detail}")
    finally:
        store.close()
    return 0
