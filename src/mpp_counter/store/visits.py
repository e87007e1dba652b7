"""Saving a visit (and its consent) durably: checked, sealed, sequenced and audited in one
transaction. Reading them back, without the number, is visit_rows.py."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from ..domain import phone as phone_rules
from ..domain import receipt as receipts
from ..domain import record_ids
from ..domain.catalog import Campaign, Service
from ..domain.errors import BadInput
from ..domain.records import NOT_ASKED_REASONS, Outcome, RecordResult
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
