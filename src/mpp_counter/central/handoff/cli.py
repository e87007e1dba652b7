"""``mpp-central handoff prepare|list|suppression`` and ``export --sample``.

Prepare and the suppression list run where the central's database is; ``export
--sample`` runs on the survey team's machine, the only place the private key is.
Output for people goes to stderr, except what a script needs: the hand-off id as the
last line of ``prepare``, the CSV of ``suppression`` without ``-o``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import processing_cli
from ..atomic_file import write_atomic
from .spec import K_DEFAULT, HandoffInput, build, check_target, parse_int

if TYPE_CHECKING:  # the modules that do the work load with their command, not with
    from .prepare import StratumSize  # every mpp-central command (an export's start)


def add_parsers(sub: Any) -> None:
    h = sub.add_parser("handoff", help="the survey hand-off: prepare a draw, list, suppression")
    hs = h.add_subparsers(dest="handoff_cmd", required=True, parser_class=type(h))
    p = hs.add_parser("prepare", help="record a stratified random draw (opens no number)")
    p.add_argument("--campaign", required=True)
    p.add_argument("--strata", default="agency,mpp,period", help="any of agency,mpp,period")
    p.add_argument("--period", default="month", help="month or week")
    p.add_argument("--quota", default=None, help="numbers per stratum")
    p.add_argument("--quota-file", type=Path, help="CSV: the strata's names and quota")
    p.add_argument("--seed", default=None, help="hex; none: a random 128-bit seed")
    p.add_argument("--suspicious-at", default=str(K_DEFAULT), help="K: a number in K+ consents")
    p.add_argument("--agreement", default=None, help="id of the data-sharing agreement")
    p.add_argument("--recipient", default=None)
    ls = hs.add_parser("list", help="hand-offs, their versions and state")
    ls.add_argument("--campaign", default=None)
    sp = hs.add_parser("suppression", help="refs handed off and withdrawn since (no number)")
    sp.add_argument("--campaign", required=True)
    sp.add_argument("-o", "--output", type=Path)


def who(args: argparse.Namespace) -> Any:
    """The OS user, or --actor (the OS user then in the record's detail)."""
    return processing_cli.by(args)


def _label(stratum: tuple[str, ...]) -> str:
    return " / ".join(stratum)


def _read_quota_file(path: Path | None) -> bytes | None:
    if path is None:
        return None
    try:
        return path.read_bytes()[:1_000_001]
    except OSError as exc:
        raise HandoffInput("The quota file {path} cannot be read.", path=str(path)) from exc


def cmd_handoff(args: argparse.Namespace, engine: Any) -> int:
    from . import suppression
    from .prepare import listed, prepare

    if args.handoff_cmd == "prepare":
        spec = build(
            args.campaign,
            strata=args.strata,
            period=args.period,
            quota=args.quota,
            quota_file=_read_quota_file(args.quota_file),
            seed=args.seed,
            k=args.suspicious_at,
            agreement=args.agreement,
            recipient=args.recipient,
        )
        done = prepare(engine, spec, who(args))
        h = done.handoff
        random_seed = "" if args.seed else " (random: it is recorded with the hand-off)"
        print(f"hand-off {h.id}: campaign {h.campaign_id} version {h.version}")
        print(f"seed {h.seed}{random_seed}")
        print_sizes(done.sizes)
        print(
            f"open it on the survey team's machine: mpp-central export --sample {h.id} "
            "--private-key KEY -o FILE"
        )
        print(h.id)
    elif args.handoff_cmd == "list":
        with engine.connect() as conn:
            for h in listed(conn, args.campaign):
                rows = (h.counts or {}).get("rows", "")
                print(f"{h.id}\t{h.campaign_id}\tv{h.version}\t{h.state}\t{h.created_at}\t{rows}")
    else:
        text = suppression.fetch(engine, args.campaign, who(args))
        n = text.count("\n") - 1
        if args.output is None:
            print(text, end="")
        else:
            check_target(args.output)
            write_atomic(args.output, text)
        print(f"{n} withdrawn since handed off", file=sys.stderr)
    return 0


def print_sizes(sizes: tuple[StratumSize, ...]) -> None:
    print("stratum\tavailable\tquota\tcan give")
    for s in sizes:
        print(f"{_label(s.stratum)}\t{s.available}\t{s.quota}\t{s.can_give}")
    for s in sizes:
        if s.short:
            print(
                f"SHORT {_label(s.stratum)}: quota {s.quota}, only {s.available} available; "
                "the draw gives what there is"
            )


def cmd_export_sample(args: argparse.Namespace, engine: Any) -> int:
    from .opening import open_handoff

    if args.agreement is not None or args.recipient is not None:
        raise HandoffInput(
            "A hand-off's agreement and recipient are recorded when it is prepared: "
            "leave --agreement and --recipient out with --sample."
        )
    if args.output in (None, "-"):
        raise HandoffInput(
            "A sample goes to a file: give -o FILE (its suppression list is written beside it)."
        )
    handoff_id = parse_int(
        args.sample, "The hand-off id must be a whole number from {low} to {high}.", 1, 2**31 - 1
    )
    res = open_handoff(engine, handoff_id, args.private_key, Path(args.output), who(args))
    h = res.handoff
    err = sys.stderr
    print(
        f"hand-off {h.id} (campaign {h.campaign_id} version {h.version}): {res.rows} numbers "
        f"in {res.sample}",
        file=err,
    )
    sk = res.skipped
    print(
        f"left out: {sk['repeated']} repeated, {sk['suspicious']} suspicious "
        f"(in {h.suspicious_k}+ consents), {sk['earlier']} handed off before, "
        f"{sk['withdrawn']} withdrawn by number, {sk['unreadable']} unreadable",
        file=err,
    )
    for s in res.strata:
        if s.short:
            print(
                f"SHORT {_label(s.stratum)}: quota {s.quota}, drew {len(s.taken)} (all there was)",
                file=err,
            )
    print(
        f"suppression list: {res.suppressed} withdrawn since handed off, in {res.suppression}",
        file=err,
    )
    return 0
