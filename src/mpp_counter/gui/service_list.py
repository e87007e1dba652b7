"""The service list in the counter's own order: its favourites, today's recent ones, its
agency's services, then everything else.

A Dukcapil counter should not scroll past bank and BPJS services: the administrator's
favourites for this counter come first (★), then the services used at this counter today
(↻, newest first), then the rest of the counter's agency, then the other agencies. The
order is the same while filtering, so the top match is the likeliest one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..domain.catalog import Service

RECENT = 5  # how many of today's services are lifted to the top


@dataclass(frozen=True)
class CounterServices:
    """What this counter prefers; read once at unlock, ``recent`` updated by each save."""

    favourites: tuple[str, ...] = ()
    recent: tuple[str, ...] = ()
    agency: str = ""  # "" : guessed from the favourites, then from today's services
    by_code: dict[str, Service] = field(default_factory=dict, compare=False)

    def used(self, code: str) -> CounterServices:
        """After a save: ``code`` is the newest recent service."""
        recent = (code, *(c for c in self.recent if c != code))[:RECENT]
        return CounterServices(self.favourites, recent, self.agency, self.by_code)

    def home_agency(self) -> str:
        if self.agency:
            return self.agency
        for code in self.favourites:
            if code in self.by_code:
                return self.by_code[code].agency_code
        counts = Counter(self.by_code[c].agency_code for c in self.recent if c in self.by_code)
        return counts.most_common(1)[0][0] if counts else ""


def ordered(
    services: tuple[Service, ...], query: str, prefs: CounterServices
) -> list[tuple[Service, str]]:
    """The services matching ``query`` (all when it is blank), each with its mark."""
    fav = {c: i for i, c in enumerate(prefs.favourites)}
    rec = {c: i for i, c in enumerate(prefs.recent)}
    home = prefs.home_agency()
    q = query.strip()

    def rank(item: tuple[int, Service]) -> tuple[int, int, int]:
        i, s = item
        if s.code in fav:
            return 0, fav[s.code], i
        if s.code in rec:
            return 1, rec[s.code], i
        return (2 if home and s.agency_code == home else 3), 0, i

    hits = sorted(((i, s) for i, s in enumerate(services) if not q or s.matches(q)), key=rank)
    return [(s, "★" if s.code in fav else "↻" if s.code in rec else "") for _i, s in hits]
