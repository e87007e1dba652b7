"""Figures for the administrator's report, computed from visit rows (no SQL, no numbers).

The survey organisers read two rates per counter, service and clerk: how often the clerk
*asked* (agreed + declined, over all visits) and how often the citizen *agreed*. A low ask
rate or a perfect one both hint at hand-picked respondents, so both are shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..domain.records import Outcome, VisitRow


@dataclass(frozen=True)
class Tally:
    label: str
    visits: int
    asked: int
    agreed: int

    @property
    def ask_rate(self) -> float:
        return self.asked / self.visits if self.visits else 0.0

    @property
    def agree_rate(self) -> float:
        """Agreed over asked: what the citizen said when actually asked."""
        return self.agreed / self.asked if self.asked else 0.0


def tally(rows: Iterable[VisitRow], label: str = "") -> Tally:
    visits = asked = agreed = 0
    for r in rows:
        visits += 1
        if r.outcome is not Outcome.NOT_ASKED:
            asked += 1
        if r.outcome is Outcome.AGREED:
            agreed += 1
    return Tally(label, visits, asked, agreed)


def _group(rows: Iterable[VisitRow], key: Callable[[VisitRow], str]) -> list[Tally]:
    groups: dict[str, list[VisitRow]] = {}
    for r in rows:
        groups.setdefault(key(r), []).append(r)
    out = [tally(rs, label) for label, rs in groups.items()]
    return sorted(out, key=lambda t: (-t.visits, t.label))


def by_service(rows: Iterable[VisitRow]) -> list[Tally]:
    return _group(rows, lambda r: f"{r.service_code} · {r.service_name}")


def by_clerk(rows: Iterable[VisitRow]) -> list[Tally]:
    return _group(rows, lambda r: r.clerk)
