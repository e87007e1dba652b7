"""The outbox as sync/ uses it, on the connection in force: the repository ``CounterStore``
wires (``store.outbox``); the rules are outbox.py's, the counts outbox_counts.py's."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from . import outbox_rows
from .db import Connection
from .outbox import (
    Batch,
    OutboxEntry,
    by_kind,
    claim_batch,
    note_error,
    reject_locally,
    release,
    settle,
    settle_and_claim,
)
from .outbox_counts import counts, pending_items, rejected_rows, unsent


class Outbox:
    """The outbox as sync/ uses it, on the connection in force (``con`` returns it)."""

    def __init__(self, con: Callable[[], Connection]) -> None:
        self._con = con

    def claim(self, limit: int, busy: frozenset[str] = frozenset()) -> Batch | None:
        return claim_batch(self._con(), limit, busy)

    def rows(self, entries: Iterable[OutboxEntry]) -> dict[str, dict[str, Any]]:
        """The stored rows the entries' wire records are built from, by record id."""
        by = by_kind(entries)
        con = self._con()

        def seqs(kind: str) -> list[int]:
            return [e.seq for e in by.get(kind, ())]

        def ids(kind: str) -> list[str]:
            return [e.record_id for e in by.get(kind, ())]

        return {
            **outbox_rows.visit_rows(con, seqs("visit")),
            **outbox_rows.consent_rows(con, seqs("consent")),
            **outbox_rows.withdrawal_rows(con, ids("withdrawal")),
            **outbox_rows.void_rows(con, ids("void")),
        }

    def settle(self, batch: Batch, acked: Iterable[str], rejected: dict[str, str]) -> None:
        settle(self._con(), batch, acked, rejected)

    def settle_and_claim(
        self,
        batch: Batch,
        acked: Iterable[str],
        rejected: dict[str, str],
        limit: int,
        busy: frozenset[str] = frozenset(),
    ) -> Batch | None:
        return settle_and_claim(self._con(), batch, acked, rejected, limit, busy)

    def reject_locally(self, record_id: str, reason: str) -> None:
        reject_locally(self._con(), record_id, reason)

    def note_error(self, batch: Batch, message: str) -> None:
        note_error(self._con(), batch, message)

    def release(self, batch: Batch, message: str) -> None:
        release(self._con(), batch, message)

    def counts(self) -> dict[str, int]:
        return counts(self._con())

    def pending_items(self) -> int:
        return pending_items(self._con())

    def unsent(self) -> int:
        return unsent(self._con())

    def rejected(self) -> list[tuple[str, str, str]]:
        return rejected_rows(self._con())
