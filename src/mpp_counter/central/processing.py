"""The record of processing (UU PDP Pasal 31) and the data-sharing agreements it cites.

Every processing event the central performs on the consented numbers or on a campaign —
an export (hand-off), an aggregate export, a purge, a campaign created, closed or its key
erased, an agreement entered — leaves one row here: who, when, what, how many, to whom,
and under which agreement. The row is written in the same transaction as the event where
the event has one, so an event cannot happen unrecorded nor a record claim one that
rolled back. Rows are only ever added: nothing here updates or deletes them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from ..domain.errors import BadInput
from . import db

# What a record says happened (the console translates these names; the handoff adds its own).
EXPORT = "export"
EXPORT_AGGREGATE = "export-aggregate"
PURGE = "purge"
CAMPAIGN_CREATE = "campaign-create"
CAMPAIGN_CLOSE = "campaign-close"
CAMPAIGN_ERASE_KEY = "campaign-erase-key"
AGREEMENT_ADD = "agreement-add"
HANDOFF_PREFIX = "handoff"  # handoff-prepare, handoff-open, handoff-suppression (handoff/)
ACTIONS = (EXPORT, EXPORT_AGGREGATE, PURGE, CAMPAIGN_CREATE, CAMPAIGN_CLOSE, CAMPAIGN_ERASE_KEY)
ACTIONS += (AGREEMENT_ADD, "handoff-prepare", "handoff-open", "handoff-suppression")

MAX_ACTOR, MAX_ACTION, MAX_RECIPIENT, MAX_DETAIL = 64, 32, 500, 2000
MAX_PARTIES, MAX_PURPOSE, MAX_REFERENCE = 500, 2000, 200

agreements = Table(
    "agreements",
    db.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("parties", String(MAX_PARTIES), nullable=False),
    Column("signed_on", Date, nullable=False),
    Column("purpose", Text, nullable=False),
    Column("reference", String(MAX_REFERENCE), nullable=False),
    Column("created_at", db.T, nullable=False),
    Column("created_by", String(MAX_ACTOR), nullable=False),
)

processing_records = Table(
    "processing_records",
    db.metadata,
    Column(
        "id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    ),
    Column("at", db.T, nullable=False),
    Column("actor", String(MAX_ACTOR), nullable=False),
    Column("action", String(MAX_ACTION), nullable=False),
    Column("campaign_id", String(64)),
    Column("count", Integer),
    Column("recipient", String(MAX_RECIPIENT)),
    Column("agreement_id", Integer, ForeignKey("agreements.id")),
    Column("detail", Text, nullable=False, server_default=""),
)

Index("processing_at", processing_records.c.at)
Index("processing_campaign", processing_records.c.campaign_id, processing_records.c.at)


class UnknownAgreement(BadInput):
    """An agreement id that no agreement has."""


@dataclass(frozen=True)
class Agreement:
    id: int
    parties: str
    signed_on: date
    purpose: str
    reference: str
    created_at: str
    created_by: str


@dataclass(frozen=True)
class Record:
    id: int
    at: str
    actor: str
    action: str
    campaign_id: str | None
    count: int | None
    recipient: str | None
    agreement_id: int | None
    detail: str


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _text(value: object, what: str, limit: int, *, required: bool = True) -> str:
    """One field as a person typed it: trimmed, no control characters, not too long."""
    text_ = value.strip() if isinstance(value, str) else ""
    if required and not text_:
        raise BadInput("The {what} is empty: fill it in.", what=what)
    if len(text_) > limit:
        raise BadInput(
            "The {what} is too long: at most {limit} characters.", what=what, limit=limit
        )
    if _CONTROL.search(text_):
        raise BadInput("The {what} contains control characters.", what=what)
    return text_


def parse_date(value: object, what: str = "date") -> date:
    """A calendar date written YYYY-MM-DD, else a clear refusal."""
    try:
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError(value)
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise BadInput(
            "The {what} is not a date: write it as YYYY-MM-DD, for example 2026-03-01.",
            what=what,
        ) from exc


@dataclass(frozen=True)
class By:
    """Who an event is recorded for, and for an export to whom and under which agreement;
    checked when made, so a bad actor name never fails an event half-way."""

    actor: str
    recipient: str | None = None
    agreement_id: int | None = None
    note: str = ""  # added to every record's detail (for example the OS user behind --actor)
    # run in the same transaction after the record (the console's audit row)
    also: Callable[[Any], None] | None = None

    def __post_init__(self) -> None:
        _text(self.actor, "actor", MAX_ACTOR)
        _text(self.recipient or "", "recipient", MAX_RECIPIENT, required=False)

    def record(
        self, conn: Any, action: str, campaign_id: str | None, count: int | None, detail: str = ""
    ) -> None:
        note = "; ".join(x for x in (detail, self.note) if x)
        record(
            conn,
            actor=self.actor,
            action=action,
            campaign_id=campaign_id,
            count=count,
            recipient=self.recipient,
            agreement_id=self.agreement_id,
            detail=note,
        )
        if self.also is not None:
            self.also(conn)


def record(
    conn: Any,
    *,
    actor: str,
    action: str,
    campaign_id: str | None,
    count: int | None,
    recipient: str | None,
    agreement_id: int | None,
    detail: str = "",
) -> None:
    """Add one row to the record of processing, in the caller's transaction."""
    if agreement_id is not None:
        require_agreement(conn, agreement_id)
    conn.execute(
        processing_records.insert().values(
            at=db.iso(db.now()),
            actor=_text(actor, "actor", MAX_ACTOR),
            action=_text(action, "action", MAX_ACTION),
            campaign_id=campaign_id,
            count=count,
            recipient=_text(recipient or "", "recipient", MAX_RECIPIENT, required=False) or None,
            agreement_id=agreement_id,
            detail=detail[:MAX_DETAIL],
        )
    )


# --- agreements ------------------------------------------------------------------------


def _agreement(row: Any) -> Agreement:
    signed = row.signed_on if isinstance(row.signed_on, date) else parse_date(row.signed_on)
    return Agreement(
        row.id, row.parties, signed, row.purpose, row.reference, row.created_at, row.created_by
    )


def require_agreement(conn: Any, agreement_id: object) -> Agreement:
    """The agreement with this id, or a refusal that says how to find the right one."""
    ok = isinstance(agreement_id, int) and not isinstance(agreement_id, bool)
    row = (
        conn.execute(agreements.select().where(agreements.c.id == agreement_id)).first()
        if ok and 0 < agreement_id < 2**31  # type: ignore[operator]
        else None
    )
    if row is None:
        raise UnknownAgreement(
            "There is no data-sharing agreement {id}: see 'mpp-central agreement list', "
            "or enter it first with 'mpp-central agreement add'.",
            id=str(agreement_id)[:20],
        )
    return _agreement(row)


def add_agreement(
    conn: Any, *, parties: object, signed_on: object, purpose: object, reference: object, by: By
) -> Agreement:
    """Enter an agreement (checked field by field) and record that it was entered."""
    signed = signed_on if isinstance(signed_on, date) else parse_date(signed_on, "signing date")
    if signed > db.now().date() + timedelta(days=1):
        raise BadInput("The signing date {d} is in the future.", d=signed.isoformat())
    if signed < date(1990, 1, 1):
        raise BadInput("The signing date {d} is too far in the past.", d=signed.isoformat())
    values = {
        "parties": _text(parties, "parties", MAX_PARTIES),
        "signed_on": signed,
        "purpose": _text(purpose, "purpose", MAX_PURPOSE),
        "reference": _text(reference, "reference", MAX_REFERENCE),
        "created_at": db.iso(db.now()),
        "created_by": by.actor,
    }
    new_id = conn.execute(agreements.insert().values(**values)).inserted_primary_key[0]
    agreement = Agreement(id=int(new_id), **values)
    record(
        conn,
        actor=by.actor,
        action=AGREEMENT_ADD,
        campaign_id=None,
        count=None,
        recipient=agreement.parties,
        agreement_id=agreement.id,
        detail="; ".join(x for x in (f"reference {agreement.reference}", by.note) if x),
    )
    return agreement


def list_agreements(conn: Any) -> list[Agreement]:
    return [_agreement(r) for r in conn.execute(agreements.select().order_by(agreements.c.id))]
