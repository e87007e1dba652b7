"""Opening a prepared hand-off on the survey team's machine (``export --sample``).

Two passes over the campaign's sealed numbers, both through the export's parallel
unsealing: the first counts every number (a number in K or more consents is suspicious)
and learns which numbers earlier versions handed off and which were withdrawn by number;
the second walks the draw order (draw.py) until each quota is met. The sample is
written first (whole, 0600); only then, in one transaction, is the hand-off marked
opened with what it gave away, the matched withdrawals by number applied, and the
suppression list written beside the sample. A failure before that commit leaves the
hand-off prepared, to be opened again with the same result.
"""

from __future__ import annotations

import csv
import io
import json
import secrets
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from .. import campaign_keys, db
from ..atomic_file import remove_if_same, write_atomic
from ..export import cell
from ..number_index import NumberIndex
from ..unseal_pool import open_numbers
from ..withdrawals import apply_withdrawal
from . import draw, records, suppression
from .prepare import Handoff, HandoffError, campaign_row, candidates, earlier_items, load
from .spec import check_target
from .tables import handoff_items, handoffs

HEADER = ("ref", "phone", "receipt", "mpp", "agency", "service", "visit_date", "stratum")
FETCH = 500


@dataclass(frozen=True)
class Opened:
    handoff: Handoff
    strata: tuple[draw.StratumResult, ...]
    skipped: dict[str, int]
    rows: int
    suppressed: int
    sample: Path
    suppression: Path


def suppression_path(out: Path) -> Path:
    return out.with_name(out.stem + ".suppression.csv")


def open_handoff(
    engine: Engine, handoff_id: int, key_file: Path, out: Path, who: records.Who
) -> Opened:
    with engine.connect() as conn:
        h = load(conn, handoff_id)
        campaign_row(conn, h.campaign_id)  # purged since: nothing left to open
    if h.state != "prepared":
        raise HandoffError(
            "Hand-off {id} was already opened ({at}): prepare a new version.",
            id=h.id,
            at=h.opened_at,
        )
    key = campaign_keys.read_private_key(engine, h.campaign_id, key_file)
    check_target(out)
    with NumberIndex() as counts, NumberIndex() as earlier, NumberIndex() as taken:
        pass1 = _first_pass(engine, h, key, _Pass1(h.suspicious_k, counts, earlier, [], set()))
        order, withdrawn = _order(engine, h, pass1.withdrawn_ids)
        opener = lambda ids: _open(engine, key, ids)  # noqa: E731
        result = draw.walk(order, h.quotas, opener, pass1.reason, taken)
    result.skipped["withdrawn"] += withdrawn
    chosen = [(cid, num, s.stratum) for s in result.strata for cid, num in s.taken]
    items = [
        {
            "handoff_id": h.id,
            "consent_id": cid,
            "ref": secrets.token_hex(8),
            "stratum": json.dumps(s),
        }
        for cid, _, s in chosen
    ]
    written = write_atomic(out, _sample_csv(engine, chosen, items))
    side = suppression_path(out)
    try:
        suppressed = _record(engine, h, result, pass1, items, side, who)
    except BaseException:  # not recorded: the numbers must not stay in a file
        remove_if_same(out, written)
        raise
    return Opened(h, tuple(result.strata), result.skipped, len(items), suppressed, out, side)


@dataclass
class _Pass1:
    k: int
    counts: NumberIndex  # every number of the campaign, how many consents hold it
    earlier: NumberIndex  # the numbers other opened versions handed off
    by_number: list[tuple[str, str]]  # (consent id, withdrawal time)
    matched: set[str]  # withdrawals whose sealed number found its consent

    @property
    def withdrawn_ids(self) -> set[str]:
        return {cid for cid, _ in self.by_number}

    def reason(self, number: str) -> str | None:
        if self.earlier.count(number):
            return "earlier"
        if self.counts.count(number) >= self.k:
            return "suspicious"
        return None


def _first_pass(engine: Engine, h: Handoff, key: bytes, p: _Pass1) -> _Pass1:
    c, w = db.consents.c, db.withdrawals.c
    with engine.connect() as conn:
        handed = earlier_items(conn, h.campaign_id, h.id)
        wd_rows = conn.execute(
            select(w.id, w.at, w.phone_sealed).where(
                w.sealed_to == h.campaign_id, w.phone_sealed.is_not(None)
            )
        ).all()
        withdrawn: dict[str, str] = {}
        blobs: dict[str, list[str]] = {}
        ats = {r.id: r.at for r in wd_rows}
        for wid, number in open_numbers(key, ((r.id, r.phone_sealed) for r in wd_rows)):
            if number is not None:
                blobs.setdefault(number, []).append(wid)
                withdrawn[number] = max(withdrawn.get(number, ""), ats[wid])
        stream = conn.execution_options(yield_per=2000).execute(
            select(c.id, c.at, c.phone_sealed).where(
                c.campaign_id == h.campaign_id, c.phone_sealed.is_not(None)
            )
        )
        at_of: dict[str, str] = {}

        def pairs() -> Iterator[tuple[str, bytes]]:
            for r in stream:
                if withdrawn:
                    at_of[r.id] = r.at
                yield r.id, r.phone_sealed

        for cid, number in open_numbers(key, pairs()):
            if number is None:
                continue
            p.counts.add(number)
            if cid in handed:
                p.earlier.add(number)
            if withdrawn.get(number, "") >= at_of.pop(cid, "~"):
                p.by_number.append((cid, withdrawn[number]))
                p.matched.update(blobs[number])
    return p


def _order(engine: Engine, h: Handoff, out: set[str]) -> tuple[dict[draw.Stratum, list[str]], int]:
    """The draw order, and how many candidates a withdrawal by number took out."""
    left_out = 0

    def kept(rows: Any) -> Iterator[tuple[str, draw.Stratum]]:
        nonlocal left_out
        for r in rows:
            if r.id in out:
                left_out += 1
                continue
            yield r.id, h.strata.key(r.agency, r.mpp, r.local_date)

    with engine.connect() as conn:
        rows = conn.execution_options(yield_per=5000).execute(candidates(h.campaign_id))
        order = draw.ordered(h.seed, kept(rows))
    return order, left_out


def _open(engine: Engine, key: bytes, ids: Sequence[str]) -> list[tuple[str, str | None]]:
    """Open these consents' numbers, in this order, over every core."""
    c = db.consents.c

    def sealed() -> Iterator[tuple[str, bytes | None]]:
        with engine.connect() as conn:
            for i in range(0, len(ids), FETCH):
                part = list(ids[i : i + FETCH])
                q = select(c.id, c.phone_sealed).where(c.id.in_(part))
                blobs = dict(conn.execute(q).all())
                yield from ((cid, blobs.get(cid)) for cid in part)

    return list(open_numbers(key, sealed()))


def _sample_csv(engine: Engine, chosen: list[Any], items: list[dict[str, Any]]) -> str:
    c, v = db.consents.c, db.visits.c
    details: dict[str, Any] = {}
    ids = [cid for cid, _, _ in chosen]
    with engine.connect() as conn:
        for i in range(0, len(ids), FETCH):
            q = (
                select(c.id, c.receipt, v.mpp, v.agency, v.service, v.local_date)
                .select_from(db.consents.join(db.visits, v.id == c.visit_id))
                .where(c.id.in_(ids[i : i + FETCH]))
            )
            details.update({r.id: r for r in conn.execute(q)})
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(HEADER)
    for (cid, number, stratum), item in zip(chosen, items, strict=True):
        d = details[cid]
        out.writerow(
            (
                item["ref"],
                number,
                d.receipt,
                *map(cell, (d.mpp, d.agency, d.service)),
                d.local_date,
                cell(" / ".join(stratum)),
            )
        )
    return buf.getvalue()


def _record(
    engine: Engine,
    h: Handoff,
    result: draw.Walk,
    p: _Pass1,
    items: list[dict[str, Any]],
    side: Path,
    who: records.Who,
) -> int:
    counts = {
        "strata": [
            {
                "stratum": list(s.stratum),
                "quota": s.quota,
                "available": s.available,
                "drawn": len(s.taken),
            }
            for s in result.strata
        ],
        "skipped": result.skipped,
        "rows": len(items),
    }
    with engine.begin() as conn:
        done = conn.execute(
            handoffs.update()
            .where(handoffs.c.id == h.id, handoffs.c.state == "prepared")
            .values(state="opened", opened_at=db.iso(db.now()), counts=json.dumps(counts))
        )
        if done.rowcount != 1:
            raise HandoffError("Hand-off {id} was opened meanwhile by another export.", id=h.id)
        for consent_id, at in p.by_number:  # the receipt page and the counts show it now
            apply_withdrawal(conn, consent_id, None, at, "number")
        if p.matched:
            conn.execute(
                db.withdrawals.update()
                .where(db.withdrawals.c.id.in_(sorted(p.matched)))
                .values(phone_sealed=None)
            )
        if items:
            conn.execute(handoff_items.insert(), items)
        found = suppression.rows(conn, h.campaign_id)
        records.record(
            conn,
            who,
            action=records.OPEN,
            campaign_id=h.campaign_id,
            count=len(items),
            recipient=h.recipient or None,
            agreement_id=h.agreement_id,
            detail=f"hand-off {h.id} version {h.version}; suppression list {len(found)}",
        )
        write_atomic(side, suppression.to_csv(found))
    return len(found)
