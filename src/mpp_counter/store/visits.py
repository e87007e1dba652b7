"""Saving a visit (and its consent) durably, and reading them back without the number."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import IO
from zoneinfo import ZoneInfo

from ..domain import phone as phone_rules
from ..domain import receipt as receipts
from ..domain import record_ids
from ..domain.catalog import Campaign, Service
from ..domain.errors import BadInput, UnknownRecord
from ..domain.records import NOT_ASKED_REASONS, Outcome, RecordResult, SyncState, VisitRow
from ..protocol.seal_pad import SealPad
from ..protocol.sealed import seal
from . import audit
from .db import Connection, IntegrityError, transaction

STATES = ("pending", "in_flight", "acked", "rejected")

# The next per-device sequence number (the central spots gaps with it): one more than any
# record's. Each kind keeps its number in its own rows (a consent shares its visit's) and
# rows are never deleted, so no number is handed out twice. Each term is one look into an
# index: a visit's (sync_state, seq), one per state, so that a save writes no seq index of
# its own; the rare withdrawals and voids have a plain one.
NEXT_SEQ = "1 + max({}, {}, {})".format(
    ", ".join(
        f"coalesce((SELECT max(seq) FROM visits WHERE sync_state = '{state}'), 0)"
        for state in STATES
    ),
    "coalesce((SELECT max(seq) FROM withdrawals), 0)",
    "coalesce((SELECT max(seq) FROM voids), 0)",
)


def next_seq(con: Connection) -> int:
    """The sequence number of a record about to be written, inside its transaction."""
    return int(con.execute(f"SELECT {NEXT_SEQ}").fetchone()[0])


def _check(
    outcome: Outcome, phone: str | phone_rules.MobileNumber | None, reason: str | None
) -> str | None:
    if outcome is Outcome.AGREED:
        if phone is None:
            raise BadInput("A consent needs the citizen's mobile number.")
        return phone_rules.e164_of(phone)  # typed text is checked here, at the front door
    if phone is not None:
        raise BadInput("A number is only recorded when the citizen agrees.")
    if outcome is Outcome.NOT_ASKED and reason not in NOT_ASKED_REASONS:
        raise BadInput("Unknown reason '{reason}' for not asking.", reason=str(reason)[:30])
    return None


_VISIT = f"""
INSERT INTO visits(id, seq, at, mpp_code, counter, clerk, service_code, agency_code,
    outcome, not_asked_reason, consent_id, audit_seq)
VALUES (?, ({NEXT_SEQ}), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq
"""
_CONSENT = """
INSERT INTO consents(id, visit_id, receipt_secret, at, campaign_id, notice_version,
    notice_hash, phone_masked, phone_sealed, sealed_to, sealed_key, receipt, seq)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""


class _ReceiptTaken(Exception):
    """The drawn receipt code is already used here: the save is made again with another."""


def record(
    con: Connection,
    *,
    service: Service,
    outcome: Outcome,
    phone: str | phone_rules.MobileNumber | None,
    not_asked_reason: str | None,
    clerk: str,
    mpp_code: str,
    counter: str,
    campaign: Campaign,
    seal_key: bytes,
    sealed_to: str,
    pad: SealPad | None = None,
) -> RecordResult:
    """One visit, its consent and an audit row, each record born pending with its sequence
    number in its own row (the outbox is a view of them): all or nothing.

    Three statements: the audit row (its number goes into the visit row, so that a log cut
    short after the last save still shows: audit.verify), the visit (which takes the next
    sequence number) and the consent. ``pad``, when given for ``seal_key``, seals the
    number without the key agreement (made ahead, used once)."""
    if outcome is Outcome.NOT_ASKED and not_asked_reason is None:
        not_asked_reason = "other"  # the CLI's bare `record`: counted, reason unknown
    e164 = _check(outcome, phone, not_asked_reason)
    if e164 and pad is not None and pad.recipient == seal_key:
        sealed: bytes | None = pad.seal(e164)  # made ahead: CounterStore.prepare_seal
    else:
        sealed = seal(seal_key, e164) if e164 else None
    sealed_key = hashlib.sha256(seal_key).hexdigest() if e164 else None  # key_fingerprint
    masked = phone_rules.mask(e164) if e164 else None
    del e164
    now = datetime.now(UTC).isoformat()
    visit_id = record_ids.new_id()  # time-ordered: the row lands next to the last one
    consent_id = record_ids.new_id() if sealed else None
    reason = not_asked_reason if outcome is Outcome.NOT_ASKED else None
    secret = receipts.new_secret() if consent_id else None
    for _ in range(20):  # a receipt code already used here: 40 bits, so never in practice
        code = receipts.new_code() if consent_id else None
        detail = f"visit {visit_id} {outcome.value}" + (f" receipt {code}" if code else "")
        try:
            with transaction(con):
                audit_seq = audit.append(con, clerk, "save", detail, head=False)
                seq = con.execute(
                    _VISIT,
                    (
                        visit_id,
                        now,
                        mpp_code,
                        counter,
                        clerk,
                        service.code,
                        service.agency_code,
                        outcome.value,
                        reason,
                        consent_id,
                        audit_seq,
                    ),
                ).fetchone()[0]
                if consent_id:
                    _insert_consent(
                        con,
                        (
                            consent_id,
                            visit_id,
                            secret,
                            now,
                            campaign.id,
                            campaign.notice_version,
                            campaign.notice_hash,
                            masked,
                            sealed,
                            sealed_to,
                            sealed_key,
                            code,
                            seq,
                        ),
                    )
        except _ReceiptTaken:
            continue
        return RecordResult(visit_id, code)
    raise RuntimeError("no free receipt code after 20 draws")


def _insert_consent(con: Connection, values: tuple[object, ...]) -> None:
    try:
        con.execute(_CONSENT, values)
    except IntegrityError as exc:
        if "receipt" in str(exc):
            raise _ReceiptTaken from exc
        raise


def day_bounds(d1: date, d2: date, zone: str) -> tuple[str, str]:
    """UTC ISO bounds [start of d1, start of d2+1) in the MPP's zone."""
    tz = ZoneInfo(zone)
    start = datetime(d1.year, d1.month, d1.day, tzinfo=tz).astimezone(UTC)
    end_day = d2 + timedelta(days=1)
    end = datetime(end_day.year, end_day.month, end_day.day, tzinfo=tz).astimezone(UTC)
    return start.isoformat(), end.isoformat()


_ROWS = """
SELECT v.id, v.at, v.service_code, coalesce(s.name, v.service_code),
       coalesce(s.agency_name, v.agency_code), v.clerk, v.outcome, v.not_asked_reason,
       c.receipt, c.phone_masked, c.withdrawn_at, v.sync_state, vd.at
FROM visits v
LEFT JOIN services s ON s.code = v.service_code
LEFT JOIN consents c ON c.id = v.consent_id
LEFT JOIN voids vd ON vd.visit_id = v.id
"""


def _row(r: tuple) -> VisitRow:  # type: ignore[type-arg]
    return VisitRow(
        visit_id=r[0],
        at=datetime.fromisoformat(r[1]),
        service_code=r[2],
        service_name=r[3],
        agency_name=r[4],
        clerk=r[5],
        outcome=Outcome(r[6]),
        not_asked_reason=r[7],
        receipt=r[8],
        phone_masked=r[9],
        withdrawn_at=datetime.fromisoformat(r[10]) if r[10] else None,
        sync_state=SyncState(r[11] or "pending"),
        voided_at=datetime.fromisoformat(r[12]) if r[12] else None,
    )


def rows_between(con: Connection, d1: date, d2: date, zone: str) -> list[VisitRow]:
    lo, hi = day_bounds(d1, d2, zone)
    return [
        _row(r)
        for r in con.execute(_ROWS + " WHERE v.at >= ? AND v.at < ? ORDER BY v.seq", (lo, hi))
    ]


def recent_codes(con: Connection, day: date, zone: str, counter: str, n: int) -> list[str]:
    """The last ``n`` distinct services recorded at ``counter`` on ``day``, newest first."""
    lo, hi = day_bounds(day, day, zone)
    return [
        r[0]
        for r in con.execute(
            "SELECT service_code FROM visits WHERE at >= ? AND at < ? AND counter = ?"
            " GROUP BY service_code ORDER BY max(seq) DESC LIMIT ?",
            (lo, hi, counter, n),
        )
    ]


def rows_by_id(con: Connection, ids: Iterable[str]) -> list[VisitRow]:
    """The rows of these visits: a list updated in place, one row per save or per change,
    costs the same however long the day has been."""
    ids = list(ids)
    out: list[VisitRow] = []
    for i in range(0, len(ids), 500):  # below SQLite's bound-parameter limit
        chunk = ids[i : i + 500]
        out += [
            _row(r)
            for r in con.execute(_ROWS + f" WHERE v.id IN ({', '.join('?' * len(chunk))})", chunk)
        ]
    return out


EXPORT_HEADER = (
    "visit_id",
    "date",
    "time",
    "mpp",
    "counter",
    "clerk",
    "agency",
    "service_code",
    "service",
    "consent",
    "not_asked_reason",
    "receipt",
    "withdrawn",
    "sync_state",
)


def write_csv(
    out: IO[str], rows: Iterable[VisitRow], *, mpp_code: str, counter: str, zone: str
) -> int:
    """The export an administrator may hand on: no number in any form, not even masked."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(EXPORT_HEADER)
    n = 0
    for r in rows:
        t = r.at.astimezone(ZoneInfo(zone))
        w.writerow(
            (
                r.visit_id,
                t.date().isoformat(),
                t.strftime("%H:%M:%S"),
                mpp_code,
                counter,
                r.clerk,
                r.agency_name,
                r.service_code,
                r.service_name,
                r.outcome.value,
                r.not_asked_reason or "",
                r.receipt or "",
                "yes" if r.withdrawn_at else "",
                r.sync_state.value,
            )
        )
        n += 1
    return n


def find_consent(con: Connection, code: str) -> tuple[str, str, str | None]:
    """(consent id, visit id, withdrawn_at) of a receipt code, or UnknownRecord."""
    canonical = receipts.parse(code)
    row = con.execute(
        "SELECT id, visit_id, withdrawn_at FROM consents WHERE receipt = ?", (canonical,)
    ).fetchone()
    if not row:
        raise UnknownRecord("No consent with receipt code {code} at this counter.", code=canonical)
    return row[0], row[1], row[2]


def slip_row(con: Connection, consent_id: str) -> tuple:  # type: ignore[type-arg]
    """(receipt, receipt secret, at, masked number, service code, campaign json)."""
    return tuple(
        con.execute(
            "SELECT c.receipt, c.receipt_secret, c.at, c.phone_masked, v.service_code,"
            " cp.json FROM consents c JOIN visits v ON v.id = c.visit_id"
            " JOIN campaigns cp ON cp.id = c.campaign_id WHERE c.id = ?",
            (consent_id,),
        ).fetchone()
    )


def tallies(con: Connection) -> dict[str, int]:
    """The counts the status screen shows."""

    def one(sql: str) -> int:
        return int(con.execute(sql).fetchone()[0])

    return {
        "visits": one("SELECT count(*) FROM visits"),
        "consents": one("SELECT count(*) FROM consents"),
        "withdrawn": one("SELECT count(*) FROM consents WHERE withdrawn_at IS NOT NULL"),
        "pending": one(
            "SELECT count(*) FROM outbox WHERE state = 'pending' OR state = 'in_flight'"
        ),
        "rejected": one("SELECT count(*) FROM outbox WHERE state = 'rejected'"),
    }
