"""The services and the survey campaign this counter offers, cached after the first read.

The catalog changes only by an update or an enrolment (catalog_update.py, enrolment.py),
which write through :func:`load_services` and :func:`put_campaign` and then drop the
cache; every save reads the cached copy.
"""

from __future__ import annotations

from collections.abc import Callable

from ..domain import catalog as catalog_rules
from ..domain.catalog import Campaign, Service
from ..domain.errors import StoreDamaged, UnknownRecord
from .db import Connection


class Catalog:
    """``con`` returns the connection in force (a generation switch replaces it)."""

    def __init__(self, con: Callable[[], Connection]) -> None:
        self._con = con
        self._services: tuple[Service, ...] | None = None
        self._by_code: dict[str, Service] | None = None
        self._campaign: Campaign | None = None
        self.generation = 0  # moves on whenever the cache is dropped (settings_repo's too)

    def services(self) -> tuple[Service, ...]:
        if self._services is None:
            self._services = tuple(
                Service(r[0], r[1], r[2], r[3], tuple(k for k in r[4].split("|") if k))
                for r in self._con().execute(
                    "SELECT code, agency_code, agency_name, name,"
                    " keywords FROM services WHERE active = 1"
                    " ORDER BY code"
                )
            )
        return self._services

    def service(self, code: str) -> Service:
        services = self.services()
        if self._by_code is None:  # built with the cache, dropped with it (forget)
            self._by_code = {s.code.casefold(): s for s in services}
        found = self._by_code.get(code.strip().casefold())
        if found is None:
            raise UnknownRecord("Unknown service code '{code}'.", code=code.strip()[:30])
        return found

    def campaign(self) -> Campaign:
        if self._campaign is None:
            row = self._con().execute("SELECT json FROM campaigns WHERE active = 1").fetchone()
            if not row:
                raise StoreDamaged("The store has no active survey campaign.")
            self._campaign = catalog_rules.parse_campaign(row[0])
        return self._campaign

    def forget(self) -> None:
        self._services = None
        self._by_code = None
        self._campaign = None
        self.generation += 1


def load_services(con: Connection, services: tuple[Service, ...]) -> None:
    """Replace the active services (inside the caller's transaction)."""
    con.execute("UPDATE services SET active = 0")
    con.executemany(
        "INSERT OR REPLACE INTO services(code, agency_code, agency_name, name, keywords, active)"
        " VALUES (?, ?, ?, ?, ?, 1)",
        [(s.code, s.agency_code, s.agency_name, s.name, "|".join(s.keywords)) for s in services],
    )


def put_campaign(con: Connection, campaign: Campaign) -> None:
    """Make ``campaign`` the active one (inside the caller's transaction)."""
    con.execute("UPDATE campaigns SET active = 0")
    con.execute(
        "INSERT OR REPLACE INTO campaigns(id, json, notice_hash, active) VALUES (?, ?, ?, 1)",
        (campaign.id, catalog_rules.campaign_to_json(campaign), campaign.notice_hash),
    )
