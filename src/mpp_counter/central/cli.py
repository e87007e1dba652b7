"""``mpp-central``: the central office's command line.

Like the counter's CLI: exit 0 done, 1 failed, 2 bad input; an error is one line on
stderr, never a traceback; what a script needs (an enrolment code) is the last line of
stdout. The database comes from ``--db`` or ``MPP_CENTRAL_DB``.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from ..domain.errors import BadInput, MppError
from . import campaign_keys, campaigns, db, enrolment, export, keycheck, processing_cli, voids
from .console import users_cli
from .handoff import cli as handoff_cli


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"mpp-central: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="mpp-central", description="Reference central endpoint of mpp-counter.")
    p.add_argument(
        "--db",
        default=os.environ.get("MPP_CENTRAL_DB"),
        help="sqlite:///file.db or postgresql+psycopg://… (env MPP_CENTRAL_DB)",
    )
    p.add_argument("--actor", help="who the record of processing names (default: the OS user)")
    sub = p.add_subparsers(dest="cmd", required=True, parser_class=_Parser)
    sub.add_parser("init", help="create or migrate the database")
    s = sub.add_parser("serve", help="serve protocol v1 and the receipt pages")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8080)
    s.add_argument("--workers", type=int, default=1)
    s.add_argument(
        "--proxy-headers",
        action="store_true",
        help="trust X-Forwarded-For from --forwarded-allow-ips (behind nginx)",
    )
    s.add_argument("--forwarded-allow-ips", default="127.0.0.1")
    e = sub.add_parser("enrol-code", help="make a one-time enrolment code")
    e.add_argument("--mpp", required=True)
    e.add_argument("--counter", required=True)
    e.add_argument("--days", type=float, default=7.0)
    r = sub.add_parser("revoke", help="revoke a device: its token gets 401 from now on")
    r.add_argument("device")
    st = sub.add_parser("stats", help="counts")
    st.add_argument("--json", action="store_true")
    c = sub.add_parser("campaign", help="campaigns: create, close, list")
    csub = c.add_subparsers(dest="campaign_cmd", required=True, parser_class=_Parser)
    cc = csub.add_parser("create")
    cc.add_argument("--id", required=True)
    cc.add_argument("--name", required=True)
    cc.add_argument("--private-key-out", required=True, type=Path)
    cc.add_argument(
        "--verify-base-url",
        default=None,
        help="public address of this central, printed in the slips' QR codes",
    )
    cl = csub.add_parser("close")
    cl.add_argument("--id", required=True)
    csub.add_parser("list")
    ek = csub.add_parser(
        "erase-key",
        help="destroy a closed campaign's private key file (crypto-erasure: completes a purge)",
    )
    ek.add_argument("--id", required=True)
    ek.add_argument("--private-key", required=True, type=Path)
    processing_cli.add_keygen(csub)
    x = sub.add_parser("export", help="the survey hand-off: consented, not withdrawn numbers")
    x.add_argument("--campaign")
    x.add_argument("--sample", help="open a prepared hand-off (mpp-central handoff prepare)")
    x.add_argument("--private-key", required=True, type=Path)
    x.add_argument("-o", "--output")
    x.add_argument("--agreement", type=int, help="the data-sharing agreement it is made under")
    x.add_argument("--recipient", help="to whom (default: the agreement's parties)")
    a = sub.add_parser("export-aggregate", help="visits, asked, agreed per counter; no number")
    a.add_argument("-o", "--output")
    _integrity_parser(sub)
    pu = sub.add_parser("purge", help="delete the numbers of campaigns closed long enough ago")
    pu.add_argument("--grace-days", type=int, default=None)
    handoff_cli.add_parsers(sub)
    processing_cli.add_parsers(sub)
    users_cli.add_parser(sub)
    return p


def _integrity_parser(sub: Any) -> None:
    i = sub.add_parser("integrity", help="sampling integrity: rates per counter, flags")
    i.add_argument("--json", action="store_true")
    i.add_argument("--csv", metavar="FILE", help="write the report as CSV to FILE")
    i.add_argument("--mpp")
    i.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    i.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")


_ENGINES: list[Any] = []


def _engine(args: argparse.Namespace, *, ready: bool = True) -> Any:
    engine = db.make_engine(args.db or "")
    _ENGINES.append(engine)
    if ready:
        db.require_schema(engine)
    return engine


def cmd_init(args: argparse.Namespace) -> int:
    from .pages import ensure_csrf_key

    engine = _engine(args, ready=False)
    db.migrate(engine)
    ensure_csrf_key(engine)
    print(f"database ready (schema {db.HEAD})")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from . import server

    _engine(args)  # refuse to start on a database that is not initialised
    os.environ["MPP_CENTRAL_DB"] = db.normalize_url(args.db)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    server.run(
        server.ServeOptions(
            args.host, args.port, args.workers, args.proxy_headers, args.forwarded_allow_ips
        )
    )
    return 0


def stats(engine: Any) -> dict[str, int]:
    def count(table: Any, *where: Any) -> int:
        return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())

    with engine.connect() as conn:
        return {
            "visits": count(db.visits, voids.not_voided()),  # a voided visit is not counted
            "voided": count(db.visits) - count(db.visits, voids.not_voided()),
            "consents": count(db.consents),
            "withdrawn": count(db.consents, db.consents.c.withdrawn_at.is_not(None)),
            "withdrawals": count(db.withdrawals),
            # by sealed_to, which purge keeps: the count must not drop when numbers go
            "withdrawals_by_number": count(db.withdrawals, db.withdrawals.c.sealed_to.is_not(None)),
            # by code at another counter: waiting for their consent, or left to the
            # operator because two consents share the code and the last four digits
            "withdrawals_by_code_pending": count(
                db.withdrawals, db.withdrawals.c.state == "pending"
            ),
            "withdrawals_ambiguous": count(db.withdrawals, db.withdrawals.c.state == "ambiguous"),
            "devices": count(db.devices, db.devices.c.revoked_at.is_(None)),
            "devices_revoked": count(db.devices, db.devices.c.revoked_at.is_not(None)),
            "batches": count(db.batches),
            "campaigns": count(db.campaigns),
            "consents_sealed_to_another_key": keycheck.count_foreign_keys(conn),
            "skew_flagged": sum(
                count(t, t.c.skew_flagged.is_(True))
                for t in (db.visits, db.consents, db.withdrawals)
            ),
        }


def cmd_stats(args: argparse.Namespace) -> int:
    result = stats(_engine(args))
    if args.json:
        print(json.dumps(result, sort_keys=True))
    else:
        for k, v in result.items():
            print(f"{k}\t{v}")
    return 0


def cmd_campaign(args: argparse.Namespace) -> int:
    if args.campaign_cmd == "keygen":  # on the survey team's machine: no database
        return processing_cli.cmd_keygen(args)
    by = processing_cli.by(args)
    engine = _engine(args)
    if args.campaign_cmd == "create":
        c = campaigns.create(
            engine, args.id, args.name, args.private_key_out, args.verify_base_url, by
        )
        print(
            f"campaign {c.id} created; its private key is in {args.private_key_out} "
            "(keep it offline)"
        )
        print(c.id)
    elif args.campaign_cmd == "erase-key":
        _print_erasure(campaign_keys.erase_key(engine, args.id, args.private_key, by), engine)
    elif args.campaign_cmd == "close":
        campaigns.close(engine, args.id, by)
        print(f"campaign {args.id} closed")
    else:
        with engine.connect() as conn:
            for row in conn.execute(db.campaigns.select().order_by(db.campaigns.c.created_at)):
                state = "purged" if row.purged_at else "closed" if row.closed_at else "open"
                print(f"{row.id}\t{state}\t{row.name}")
    return 0


def _print_erasure(e: campaign_keys.Erasure, engine: Any) -> None:
    wal = (
        " and in PostgreSQL's WAL segments and base backups until they age out"
        if engine.dialect.name == "postgresql"
        else " and in any backup of the database file"
    )
    print(
        f"overwrote {e.path} ({e.size} bytes) with random bytes, flushed it to disk and "
        f"deleted it; campaign {e.campaign_id} recorded as key-erased at {e.at}"
    )
    print(
        f"what remains: {e.sealed_left} sealed numbers of {e.campaign_id} in the database "
        f"rows{'' if e.purged else ' (run purge to delete them)'}{wal}: none of them can "
        "be opened any more. Any other copy of the key file (the survey team's offline "
        "copy, a backup, an old block kept by an SSD or a journaling file system) is not "
        "reached by this command: destroy it by hand."
    )


def cmd_export(args: argparse.Namespace) -> int:
    if args.sample is not None:
        return handoff_cli.cmd_export_sample(args, _engine(args))
    if not args.campaign:
        raise BadInput("Give --campaign ID (every number) or --sample HANDOFF_ID (a hand-off).")
    engine = _engine(args)
    by = processing_cli.export_by(args, engine)  # an unknown agreement: nothing opened
    key = campaign_keys.read_private_key(engine, args.campaign, args.private_key)
    res = export.export_to(
        args.output, lambda out: export.export_numbers(engine, args.campaign, key, out, by=by)
    )
    print(
        f"{res.rows} numbers exported; left out: {res.withdrawn} withdrawn, "
        f"{res.duplicates} repeated, {res.awaiting_visit} awaiting their visit record, "
        f"{res.unreadable} unreadable",
        file=sys.stderr,
    )
    for mpp, counter, device, n in res.unreadable_by_device:
        print(
            f"UNREADABLE {mpp} / {counter}: {n} numbers this export cannot open (device "
            f"{device}): sealed to another key; check that counter",
            file=sys.stderr,
        )
    return 0


def cmd_export_aggregate(args: argparse.Namespace) -> int:
    by = processing_cli.by(args, note="to " + (f"file {args.output}" if args.output else "stdout"))
    engine = _engine(args)
    n = export.export_to(args.output, lambda out: export.export_aggregate(engine, out, by))
    print(f"{n} rows exported", file=sys.stderr)
    return 0


def cmd_integrity(args: argparse.Namespace) -> int:
    from .integrity import output, report, service

    f = report.parse_filters(args.mpp, args.date_from, args.date_to)
    res = service.run(_engine(args), f)
    if args.csv:
        export.write_atomic(Path(args.csv), output.to_csv(res))
    print(json.dumps(output.to_json(res), ensure_ascii=False) if args.json else output.to_text(res))
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    if args.grace_days is not None and args.grace_days < 0:
        raise BadInput("--grace-days cannot be negative.")
    by = processing_cli.by(args)
    engine = _engine(args)
    res = export.purge(engine, args.grace_days, by)
    names = ", ".join(res.campaigns) or "none"
    print(f"purged campaigns: {names}; {res.numbers} sealed numbers deleted")
    for cid in res.campaigns:
        print(
            f"to complete the purge of {cid}, destroy its private key: mpp-central campaign "
            f"erase-key --id {cid} --private-key FILE (database backups"
            + (" and PostgreSQL WAL segments" if engine.dialect.name == "postgresql" else "")
            + " still hold sealed numbers until then)",
            file=sys.stderr,
        )
    return 0


def cmd_enrol_code(args: argparse.Namespace) -> int:
    code = enrolment.new_code(_engine(args), args.mpp, args.counter, args.days)
    print(f"one-time enrolment code for {args.mpp} / {args.counter}, valid {args.days:g} days:")
    print(code)
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    enrolment.revoke(_engine(args), args.device)
    print(f"device {args.device} revoked")
    return 0


COMMANDS = {
    "init": cmd_init,
    "serve": cmd_serve,
    "stats": cmd_stats,
    "campaign": cmd_campaign,
    "export": cmd_export,
    "export-aggregate": cmd_export_aggregate,
    "integrity": cmd_integrity,
    "purge": cmd_purge,
    "enrol-code": cmd_enrol_code,
    "revoke": cmd_revoke,
    "handoff": lambda args: handoff_cli.cmd_handoff(args, _engine(args)),
    "agreement": lambda a: processing_cli.cmd_agreement(a, _engine(a)),
    "processing": lambda a: processing_cli.cmd_processing(a, _engine(a)),
    "user": lambda args: users_cli.cmd_user(args, _engine(args)),
}


def main(argv: list[str] | None = None) -> int:
    if argv is None:  # this process is the command, not a caller (a test) passing its own
        # the objects the imports made live as long as the process: the collector stops
        # walking them on each full pass (a long export makes many), and a forked worker
        # stops copying the pages it would have touched doing so
        gc.freeze()
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.cmd](args)
    except MppError as exc:
        print(f"mpp-central: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except SQLAlchemyError as exc:
        print(f"mpp-central: database error ({type(exc).__name__})", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"mpp-central: {exc.strerror or type(exc).__name__}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 1
    finally:
        while _ENGINES:
            _ENGINES.pop().dispose()


if __name__ == "__main__":
    sys.exit(main())
