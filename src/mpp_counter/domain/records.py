"""Plain data of a visit and a consent, as the store keeps them and the GUI shows them."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class Outcome(enum.StrEnum):
    """What happened when the clerk asked (or did not ask) for consent."""

    AGREED = "agreed"
    DECLINED = "declined"
    NOT_ASKED = "not_asked"


class SyncState(enum.StrEnum):
    PENDING = "pending"
    IN_FLIGHT = "in_flight"
    ACKED = "acked"
    REJECTED = "rejected"


# Why a clerk did not ask: a closed list, so the rates per counter can be read.
NOT_ASKED_REASONS = ("no_phone", "minor", "representative", "language", "other")
# Why a clerk voids a saved visit: a closed list (the counts per reason show a counter that
# voids too often), with a short free text beside it.
VOID_REASONS = ("wrong_service", "wrong_outcome", "wrong_number", "duplicate", "other")


@dataclass(frozen=True)
class Visit:
    id: str
    seq: int
    at: datetime  # aware, UTC
    mpp_code: str
    counter: str
    clerk: str
    service_code: str
    outcome: Outcome
    not_asked_reason: str | None
    consent_id: str | None


@dataclass(frozen=True)
class Consent:
    id: str
    receipt: str
    visit_id: str
    at: datetime
    campaign_id: str
    notice_version: str
    notice_hash: str
    phone_masked: str
    withdrawn_at: datetime | None


@dataclass(frozen=True)
class VisitRow:
    """One line of today's list or the export: never the number, only its masked form."""

    visit_id: str
    at: datetime
    service_code: str
    service_name: str
    agency_name: str
    clerk: str
    outcome: Outcome
    not_asked_reason: str | None
    receipt: str | None
    phone_masked: str | None
    withdrawn_at: datetime | None
    sync_state: SyncState
    voided_at: datetime | None = None  # voided by the clerk: not counted, number erased


@dataclass(frozen=True)
class RecordResult:
    visit_id: str
    receipt: str | None

    @property
    def reference(self) -> str:
        """What ``record`` prints: the receipt code, or the visit id without consent."""
        return self.receipt or self.visit_id


@dataclass(frozen=True)
class StoreStatus:
    visits: int | None  # None: not counted (CounterStore.status(totals=False))
    consents: int | None
    withdrawn: int | None
    pending: int
    rejected: int
    schema_version: int
    store_path: str
    mpp_code: str
    mpp_name: str
    counter: str
    timezone: str
    enrolled: bool
    last_sync: datetime | None
    sealing_stopped: str | None = None  # when the campaign key in use was found not the central's
    pending_visits: int = 0  # visits and withdrawals waiting (a consent goes with its visit)
