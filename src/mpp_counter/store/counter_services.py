"""What the counter's own screen needs beyond a visit: the services this counter offers
first (the administrator's favourites and its agency, today's recent ones) and whether a
number was already given here today. A part of ``CounterStore``, kept apart so that file
stays about opening, recording and reading."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Protocol

from ..domain import phone as phone_rules
from ..domain.errors import UnknownRecord
from . import visits

if TYPE_CHECKING:
    from ..domain.catalog import Service
    from .db import Connection
    from .seen import SeenNumbers


class _Store(Protocol):
    con: Connection
    seen: SeenNumbers

    @property
    def zone(self) -> str: ...
    def setting(self, key: str, default: str = "") -> str: ...
    def set_settings(self, values: dict[str, str]) -> None: ...
    def services(self) -> tuple[Service, ...]: ...
    def service(self, code: str) -> Service: ...
    def _require_admin(self) -> None: ...
    def _local_day(self) -> date: ...


class CounterServices:
    def seen_today(self: _Store, phone: str) -> bool:
        """Was this number consented at this counter today? (keyed tags: store/seen.py)"""
        return self.seen.seen(self._local_day(), phone_rules.normalize(phone))

    def favourites(self: _Store) -> tuple[str, ...]:
        return tuple(c for c in self.setting("favourites").split("|") if c)

    def counter_agency(self: _Store) -> str:
        return self.setting("counter_agency")

    def set_favourites(self: _Store, codes: list[str], agency: str | None = None) -> None:
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

    def recent_services(self: _Store, n: int = 5) -> list[str]:
        """Codes of the last ``n`` services used at this counter today, newest first."""
        return visits.recent_codes(
            self.con, self._local_day(), self.zone, self.setting("counter"), n
        )
