"""What one save of a visit does on the store worker, and what it hands back.

One job, so one trip to the worker per save: the record itself, the slip's content when
the citizen agreed, and the row for today's list (the list then adds that row instead of
reading the day again). The flow (gui/visit_flow.py) runs it and the window
(gui/window.py) prints the slip and shows the row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.catalog import Service
from ..domain.phone import MobileNumber
from ..domain.records import Outcome, RecordResult, VisitRow
from ..domain.slip_content import SlipContent

if TYPE_CHECKING:
    from ..store.counter import CounterStore


@dataclass(frozen=True)
class Saved:
    result: RecordResult
    service: Service
    outcome: Outcome
    slip: SlipContent | None
    row: VisitRow | None  # for today's list: read with the save, on the worker


def save_visit(
    svc: Service, outcome: Outcome, phone: MobileNumber | None, reason: str | None
) -> Callable[[CounterStore], Saved]:
    """The worker's job for one visit (the number goes no further than the store)."""

    def work(s: CounterStore) -> Saved:
        r = s.record(svc.code, outcome, phone=phone, not_asked_reason=reason)
        slip = s.slip_content(r.receipt) if r.receipt else None
        rows = s.visit_rows([r.visit_id])
        return Saved(r, svc, outcome, slip, rows[0] if rows else None)

    return work
