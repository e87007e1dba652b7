"""What the counter's own screen needs beyond a visit: the services this counter offers
first (the administrator's favourites and its agency, today's recent ones) and whether a
number was already given here today. A part of ``CounterStore`` (parts.py), kept apart so
that counter.py stays about opening, locking and wiring."""

from __future__ import annotations

from ..domain import phone as phone_rules
from ..domain.errors import UnknownRecord
from . import visit_rows
from .parts import StoreParts


class CounterServices:
    def seen_today(self: StoreParts, phone: str | phone_rules.MobileNumber) -> bool:
        """Was this number consented at this counter today? (keyed tags: store/seen.py)"""
        return self.seen.seen(self._local_day(), phone_rules.e164_of(phone))

    def favourites(self: StoreParts) -> tuple[str, ...]:
        return tuple(c for c in self.setting("favourites").split("|") if c)

    def counter_agency(self: StoreParts) -> str:
        return self.setting("counter_agency")

    def set_favourites(self: StoreParts, codes: list[str], agency: str | None = None) -> None:
        """The administrator's choice for this counter; unknown codes are refused."""
        self._require_admin()
        known = [self.service(c).code for c in codes]  # UnknownRecord names a bad one
        values = {"favourites": "|".join(dict.fromkeys(known))}
        if agency is not None:
            agency = agency.strip().upper()
            if agency and agency not in {s.agency_code for s in self.services()}:
                raise UnknownRecord("Unknown agency code '{code}'.", code=agency[:30])
            values["counter_agency"] = agency
        self.set_settings(values)

    def recent_services(self: StoreParts, n: int = 5) -> list[str]:
        """Codes of the last ``n`` services used at this counter today, newest first."""
        return visit_rows.recent_codes(
            self.con, self._local_day(), self.zone, self.setting("counter"), n
        )
