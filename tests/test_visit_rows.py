"""One visit's row by its id: what today's list reads after a save, a sync or a withdrawal
(instead of the whole day)."""

from __future__ import annotations

from mpp_counter.domain.records import Outcome, SyncState


def test_rows_by_visit_id(store) -> None:  # type: ignore[no-untyped-def]
    agreed = store.record("DUK-KTP", Outcome.AGREED, phone="0812-0000-1234")
    declined = store.record("DUK-KTP", Outcome.DECLINED)
    rows = store.visit_rows([agreed.visit_id])
    assert [(r.visit_id, r.outcome, r.receipt, r.phone_masked, r.sync_state) for r in rows] == [
        (agreed.visit_id, Outcome.AGREED, agreed.receipt, "08xx-xxxx-1234", SyncState.PENDING)
    ]
    assert store.visit_rows([]) == []
    assert store.visit_rows(["no-such-visit"]) == []
    store.withdraw(agreed.receipt)
    (row,) = store.visit_rows([agreed.visit_id])
    assert row.withdrawn_at is not None
    # More ids than SQLite takes in one statement: read in parts, none lost.
    many = [f"unknown-{i}" for i in range(1200)] + [declined.visit_id, agreed.visit_id]
    assert {r.visit_id for r in store.visit_rows(many)} == {agreed.visit_id, declined.visit_id}
    assert store.visit_rows([declined.visit_id]) == [
        r for r in store.today() if r.visit_id == declined.visit_id
    ]
