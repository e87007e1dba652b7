"""Recording and reading visits: a part of ``CounterStore`` (parts.py), kept apart so that
counter.py stays about opening, locking and wiring. The SQL is in visits.py (saving) and
visit_rows.py (reading)."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime
from typing import IO

from ..domain import catalog as catalog_rules
from ..domain import phone as phone_rules
from ..domain.catalog import Campaign
from ..domain.errors import SealingStopped, StoreWriteFailed
from ..domain.records import Outcome, RecordResult, StoreStatus, VisitRow
from ..domain.slip_content import SlipContent, build_slip
from ..protocol.seal_pad import SealPad
from ..protocol.sealed import public_from_b64
from . import audit, key_pin, receipt_codes, schema, visit_rows, visits
from .db import transaction
from .parts import StoreParts
from .visits import SaveTarget


@functools.lru_cache(maxsize=8)
def _public_key(text: str) -> bytes:
    """A sealing key (public: the campaign's or the escrow's), decoded once per key."""
    return public_from_b64(text)


class CounterVisits:
    _pad: SealPad | None  # set by CounterStore; made by prepare_seal, taken by record
    _drawn: visits.Drawn | None  # the next consent's receipt, the same
    _target: tuple[tuple[int, int], SaveTarget] | None  # the last one, with its generations

    def _seal_target(self: StoreParts, campaign: Campaign) -> tuple[bytes, str]:
        if campaign.public_key:
            return _public_key(campaign.public_key), campaign.id
        return _public_key(self.setting("escrow_public_key")), "escrow"

    def _save_target(self: StoreParts) -> SaveTarget:
        generations = (self.settings.generation, self.catalog.generation)
        if self._target is not None and self._target[0] == generations:
            return self._target[1]
        campaign = self.campaign()
        seal_key, sealed_to = self._seal_target(campaign)
        target = SaveTarget.of(
            campaign,
            seal_key,
            sealed_to,
            may_seal=key_pin.may_seal(self.setting(key_pin.CENTRAL_KEY), campaign),
            mpp_code=self.setting("mpp_code"),
            counter=self.setting("counter"),
            codes=receipt_codes.for_key(self.setting(receipt_codes.KEY)),
        )
        self._target = (generations, target)
        return target

    def record(
        self: StoreParts,
        service_code: str,
        outcome: Outcome,
        phone: str | phone_rules.MobileNumber | None = None,
        not_asked_reason: str | None = None,
        clerk: str | None = None,
    ) -> RecordResult:
        """Save a visit durably. ``phone`` is what the clerk typed (checked here) or a number
        ``phone.parse`` already checked where it was typed (not parsed again)."""
        if isinstance(phone, str) and outcome is Outcome.AGREED:
            phone = phone_rules.parse(phone)  # once, for the record and the day's hint
        pad, self._pad = self._pad, None  # used once, or dropped
        drawn, self._drawn = self._drawn, None
        now = datetime.now(UTC)
        for _ in range(10):  # again only after another process changed the store meanwhile
            target = self._save_target()
            if outcome is Outcome.AGREED and not target.may_seal:  # no number, no key needed
                raise SealingStopped()
            if pad is not None and (pad.used or pad.recipient != target.seal_key):
                pad = None  # made for a key no longer in force (an enrolment meanwhile)
            try:
                result = visits.record(
                    self.con,
                    target,
                    service=self.service(service_code),
                    outcome=outcome,
                    phone=phone,
                    not_asked_reason=not_asked_reason,
                    clerk=clerk or self.session.user,
                    pad=pad if outcome is Outcome.AGREED else None,
                    drawn=drawn if outcome is Outcome.AGREED else None,
                    data_version=self._data_version,
                    now=now,
                )
            except visits.Stale:
                self.notice_changes()  # read the settings again, then save with them
                continue
            break
        else:
            raise StoreWriteFailed(
                "The store kept changing during the save; nothing was saved. Save again."
            )
        if isinstance(phone, phone_rules.MobileNumber) and outcome is Outcome.AGREED:
            self.seen.add(self._local_day(now), phone.e164)
        return result

    def prepare_seal(self: StoreParts) -> None:
        """Do the costly half of sealing the next number now (the window calls it when the
        number step opens, while the clerk types): the save after it only encrypts.
        Holds no number; dropped at lock, and unused if the key changes meanwhile. The
        receipt is made now too: its secret, and the code of the sequence number the
        save should take (made again in the save if another record takes it first)."""
        self.notice_changes()
        target = self._save_target()
        secret = self._drawn.secret if self._drawn is not None else None
        self._drawn = visits.draw(self.con, target.codes, secret)
        if self._pad is None or self._pad.used or self._pad.recipient != target.seal_key:
            self._pad = SealPad(target.seal_key)

    def _local_day(self: StoreParts, now: datetime | None = None) -> date:
        return self._days.of(now or datetime.now(UTC), self.zone)

    @property
    def zone(self: StoreParts) -> str:
        return self.setting("timezone", "Asia/Jakarta")

    def rows_between(self: StoreParts, d1: date, d2: date) -> list[VisitRow]:
        return visit_rows.rows_between(self.con, d1, d2, self.zone)

    def visit_rows(self: StoreParts, visit_ids: list[str]) -> list[VisitRow]:
        """Only these visits' rows: what a save, a sync or a withdrawal changed."""
        return visit_rows.rows_by_id(self.con, visit_ids)

    def today(self: StoreParts) -> list[VisitRow]:
        d = self._local_day()
        return visit_rows.rows_between(self.con, d, d, self.zone)

    def export_csv(
        self: StoreParts, out: IO[str], d1: date | None = None, d2: date | None = None
    ) -> int:
        rows = visit_rows.rows_between(
            self.con, d1 or date(2000, 1, 1), d2 or date(2999, 12, 31), self.zone
        )
        n = visit_rows.write_csv(
            out,
            rows,
            mpp_code=self.setting("mpp_code"),
            counter=self.setting("counter"),
            zone=self.zone,
        )
        audit.append_or_defer(self.con, self.session.user, "export", f"{n} rows")
        return n

    def status(self: StoreParts, *, totals: bool = True) -> StoreStatus:
        """``totals=False``: without the counts of every visit, consent and withdrawal
        ever saved (None), which read the whole store: the window's status bar, refreshed
        after each save, shows none of them."""
        self.notice_changes()
        counted = visit_rows.totals(self.con) if totals else (None, None, None)
        last = self.setting("last_sync")
        return StoreStatus(
            visits=counted[0],
            consents=counted[1],
            withdrawn=counted[2],
            pending=self.outbox.unsent(),
            pending_visits=self.outbox.pending_items(),
            rejected=len(self.outbox.rejected()),
            schema_version=schema.version(self.con),
            store_path=str(self.data_dir / self.keyfile.db_file),
            mpp_code=self.setting("mpp_code"),
            mpp_name=self.setting("mpp_name"),
            counter=self.setting("counter"),
            timezone=self.zone,
            enrolled=bool(self.setting("device_id")),
            last_sync=datetime.fromisoformat(last) if last else None,
            sealing_stopped=self.setting(key_pin.MISMATCH) or None,
        )

    def slip_content(self: StoreParts, code: str, *, reprint: bool = False) -> SlipContent:
        consent_id, _visit_id, withdrawn = visit_rows.find_consent(self.con, code)
        row = visit_rows.slip_row(self.con, consent_id)
        svc = self.service(row[4])
        if reprint:
            with transaction(self.con):
                audit.append(self.con, self.session.user, "reprint", f"receipt {row[0]}")
        return build_slip(
            mpp_name=self.setting("mpp_name"),
            counter=self.setting("counter"),
            at=datetime.fromisoformat(row[2]),
            zone=self.zone,
            service=svc.name,
            agency=svc.agency_name,
            phone_masked=row[3],
            campaign=catalog_rules.parse_campaign(row[5]),
            receipt=row[0],
            secret=row[1],
            base_url=self.setting("central_url") or None,
            withdrawn_at=datetime.fromisoformat(withdrawn) if withdrawn else None,
            reprint=reprint,
        )
