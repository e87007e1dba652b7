"""Withdrawals at this counter and the central's notices of those made elsewhere: a part
of ``CounterStore`` (parts.py). The SQL is in withdrawals.py."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from . import key_pin, visit_rows
from .parts import StoreParts
from .voids import Voided, void_visit
from .withdrawals import (
    Withdrawal,
    apply_notices,
    notice_cursor,
    withdraw_by_code,
    withdraw_by_number,
    withdraw_by_receipt,
)


class CounterWithdrawals:
    def void(self: StoreParts, ref: str, reason: str, note: str | None = None) -> Voided:
        """Void today's visit ``ref`` (visit id or receipt code): store/voids.py."""
        d = self._local_day()
        return void_visit(
            self.con,
            ref,
            reason,
            note,
            today=visit_rows.day_bounds(d, d, self.zone),
            clerk=self.session.user,
            mpp_code=self.setting("mpp_code"),
            counter=self.setting("counter"),
        )

    def withdraw(self: StoreParts, code: str) -> datetime:
        return withdraw_by_receipt(
            self.con,
            code,
            clerk=self.session.user,
            mpp_code=self.setting("mpp_code"),
            counter=self.setting("counter"),
        )

    def withdraw_code(self: StoreParts, code: str, last4: str | None = None) -> Withdrawal:
        """By receipt code at any counter: here at once, or queued for the central."""
        return withdraw_by_code(
            self.con,
            code,
            last4,
            clerk=self.session.user,
            mpp_code=self.setting("mpp_code"),
            counter=self.setting("counter"),
        )

    def withdraw_number(self: StoreParts, phone: str) -> datetime:
        """The slip is lost: a withdrawal sealed like a consent, matched by the central."""
        self.notice_changes()
        campaign = self.campaign()
        key_pin.require_sealing(self.setting(key_pin.CENTRAL_KEY), campaign)
        seal_key, sealed_to = self._seal_target(campaign)
        return withdraw_by_number(
            self.con,
            phone,
            seal_key=seal_key,
            sealed_to=sealed_to,
            clerk=self.session.user,
            mpp_code=self.setting("mpp_code"),
            counter=self.setting("counter"),
        )

    def notice_cursor(self: StoreParts) -> int:
        """The last of the central's withdrawal notices applied here (0: none)."""
        return notice_cursor(self.con)

    def apply_notices(
        self: StoreParts, notices: Iterable[tuple[str, datetime, str]], cursor: int
    ) -> int:
        """Withdrawals made elsewhere, with the new cursor; how many were new here."""
        n = apply_notices(self.con, notices, cursor)
        self.settings.forget()  # the cursor is a setting
        return n
