"""Saving a visit (and its consent) durably: checked, sealed, sequenced and audited in one
row of ``saves`` (schema 9). Reading them back, without the number, is visit_rows.py."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime

from ..domain import phone as phone_rules
from ..domain import receipt as receipts
from ..domain import record_ids
from ..domain.catalog import Campaign, Service
from ..domain.errors import BadInput
from ..domain.records import NOT_ASKED_REASONS, Outcome, RecordResult
from ..protocol.seal_pad import SealPad
from ..protocol.sealed import seal
from . import audit, receipt_codes
from .db import Connection, transaction
from .receipt_codes import ReceiptCodes

# The next per-device sequence number (the central spots gaps with it): one more than any
# record's. Saves, withdrawals and voids keep theirs in their own rows, each kind's
# highest found by key or index; rows are never deleted, so no number is handed out twice.
NEXT_SEQ = (
    "1 + max(coalesce((SELECT max(seq) FROM saves), 0),"
    " coalesce((SELECT max(seq) FROM withdrawals), 0),"
    " coalesce((SELECT max(seq) FROM voids), 0))"
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


# What a save continues from, read in its transaction: its sequence number and the audit
# chain's next number and last hash (audit.LAST).
_BEFORE = f"SELECT {NEXT_SEQ}, n, p FROM ({audit.LAST})"


def _head(con: Connection) -> tuple[int, int, str, int]:
    """(seq, audit number, last hash, data_version) for a save, in its transaction.

    The data version tells whether another connection has committed since the caller
    read its settings: holding the write lock, nobody can commit between this look and
    the save. After a save this connection keeps where the next one continues
    (``save_head``), with its count of changed rows and the data version then. While
    both are the same, no row was written since, by this connection (any statement it
    ran would have changed the count) or another (the data version), so the lookup
    (_BEFORE) is skipped."""
    version = int(con.execute("PRAGMA data_version").fetchone()[0])
    head = con.save_head
    if head is not None and head[0] == con.total_changes and head[1] == version:
        return head[2], head[3], head[4], version
    seq, audit_seq, prev = con.execute(_BEFORE).fetchone()
    return int(seq), int(audit_seq), str(prev), version


class Stale(Exception):
    """Another connection committed since ``data_version``: nothing was saved; the caller
    reads its settings again (an enrolment may have replaced the key) and saves again."""


# One row: the visit, its consent (NULLs without one) and the save's audit row.
_SAVE = """
INSERT INTO saves(seq, id, consent_id, receipt, audit_seq, audit_prev, audit_hash, at,
    mpp_code, counter, clerk, service_code, agency_code, outcome, not_asked_reason,
    receipt_secret, consent_at, phone_masked, phone_sealed, campaign_id, notice_version,
    notice_hash, sealed_to, sealed_key, consent_state)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""


@dataclass(frozen=True, slots=True)
class SaveTarget:
    """What a save takes from the settings and the catalog, gathered again only after
    either changed (CounterVisits), not at every save."""

    campaign: Campaign
    seal_key: bytes
    may_seal: bool  # key_pin: the key in use is the one the central named
    mpp_code: str
    counter: str
    codes: ReceiptCodes  # the store's receipt codes (its key)
    consent_fields: tuple[str, str, str, str, str]  # _SAVE's, the same for every consent

    @classmethod
    def of(
        cls,
        campaign: Campaign,
        seal_key: bytes,
        sealed_to: str,
        *,
        may_seal: bool,
        mpp_code: str,
        counter: str,
        codes: ReceiptCodes,
    ) -> SaveTarget:
        """``sealed_to``: the campaign's id or "escrow"; the key's fingerprint is key_pin's
        (a public key's SHA-256), sent with the consent."""
        fields = (
            campaign.id,
            campaign.notice_version,
            campaign.notice_hash,
            sealed_to,
            hashlib.sha256(seal_key).hexdigest(),
        )
        return cls(campaign, seal_key, may_seal, mpp_code, counter, codes, fields)


def record(
    con: Connection,
    target: SaveTarget,
    *,
    service: Service,
    outcome: Outcome,
    phone: str | phone_rules.MobileNumber | None,
    not_asked_reason: str | None,
    clerk: str,
    pad: SealPad | None = None,
    drawn: Drawn | None = None,
    now: datetime | None = None,
    data_version: int | None = None,
) -> RecordResult:
    """One visit, its consent and its audit row, born pending, in one row of ``saves``
    (schema 9): all or nothing, one table page written.

    The ids and the receipt code hold the save's sequence number (record_ids,
    receipt_codes), so the save is found by them. ``pad``, when made for the target's
    key, seals the number without the key agreement; ``drawn``, the receipt code made
    ahead for the number the save was expected to take, and the receipt's secret (used
    once); ``now``, the save's time (the clock's by default). With ``data_version`` (what
    the caller's cached settings were read at), a commit by another connection since
    then raises Stale."""
    if outcome is Outcome.NOT_ASKED and not_asked_reason is None:
        not_asked_reason = "other"  # the CLI's bare `record`: counted, reason unknown
    e164 = _check(outcome, phone, not_asked_reason)
    if e164 and pad is not None and pad.recipient == target.seal_key:
        sealed: bytes | None = pad.seal(e164)  # made ahead: CounterStore.prepare_seal
    else:
        sealed = seal(target.seal_key, e164) if e164 else None
    masked = phone_rules.mask(e164) if e164 else None
    del e164
    now = now or datetime.now(UTC)
    at = now.isoformat()
    now_ns = round(now.timestamp() * 1e6) * 1000
    consented = sealed is not None
    row = (  # _SAVE's columns from ``at`` on
        at,
        target.mpp_code,
        target.counter,
        clerk,
        service.code,
        service.agency_code,
        outcome.value,
        not_asked_reason if outcome is Outcome.NOT_ASKED else None,
        *(
            (
                drawn.secret if drawn else receipts.new_secret(),
                at,
                masked,
                sealed,
                *target.consent_fields,
                "pending",
            )
            if consented
            else (None,) * 10
        ),
    )
    with transaction(con):
        seq, audit_seq, prev, version = _head(con)
        if data_version is not None and version != data_version:
            raise Stale
        code = None
        if consented:  # made ahead unless another record took the number meanwhile
            if drawn is not None and drawn.seq == seq:
                code = drawn.code
            else:
                code = target.codes.code_for(seq, receipt_codes.legacy_taken(con))
        rand = os.urandom(20)  # both ids' random bits, one draw
        visit_id = record_ids.new_id(now_ns, seq, rand[:10])
        consent_id = record_ids.new_id(now_ns, seq, rand[10:]) if consented else None
        while consent_id == visit_id:  # the same 42 random bits: draw again
            consent_id = record_ids.new_id(now_ns, seq)
        detail = f"visit {visit_id} {outcome.value}" + (f" receipt {code}" if code else "")
        digest = audit.save_digest(prev, audit_seq, at, clerk, detail)
        con.execute(_SAVE, (seq, visit_id, consent_id, code, audit_seq, prev, digest, *row))
    con.save_head = (con.total_changes, version, seq + 1, audit_seq + 1, digest)
    return RecordResult(visit_id, code)


@dataclass(frozen=True, slots=True)
class Drawn:
    """A consent's receipt made ahead (CounterStore.prepare_seal): the code for the
    sequence number the next save is expected to take, and the receipt's secret."""

    seq: int
    code: str
    secret: str


def draw(con: Connection, codes: ReceiptCodes, secret: str | None = None) -> Drawn:
    """The receipt of the next consent, made before its save (outside its transaction)."""
    seq = next_seq(con)
    code = codes.code_for(seq, receipt_codes.legacy_taken(con))
    return Drawn(seq, code, secret or receipts.new_secret())
