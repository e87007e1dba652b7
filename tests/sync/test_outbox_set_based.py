"""Claiming and settling a batch are set-based: the same few statements whatever the
batch's size, each finding its rows by primary key (never by walking the backlog)."""

from __future__ import annotations

from mpp_counter.domain.records import Outcome
from mpp_counter.store import outbox
from mpp_counter.store.counter import CounterStore


def _statements(store: CounterStore, n: int) -> tuple[list[str], outbox.Batch]:
    for i in range(n):
        store.record("DUK-KTP", Outcome.AGREED, phone=f"0812-0000-{i:04d}")
    seen: list[str] = []
    store.con.set_trace_callback(seen.append)
    try:
        batch = store.outbox.claim(500)
        assert batch is not None and len(batch.entries) == 2 * n
        visits = [e.record_id for e in batch.entries if e.kind == "visit"]
        consents = [e.record_id for e in batch.entries if e.kind == "consent"]
        acked = visits[: n // 2] + consents[: n // 2]  # the rest is not mentioned
        store.outbox.settle(batch, acked, {consents[-1]: "central: no"})
    finally:
        store.con.set_trace_callback(None)
    return seen, batch


def test_claim_and_settle_cost_the_same_statements_for_3_or_240_visits(
    store: CounterStore,
) -> None:
    small, _ = _statements(store, 3)
    store.con.execute("UPDATE outbox SET state = 'acked'")  # the small batch is done
    big, _batch = _statements(store, 240)

    def shape(statements: list[str]) -> list[str]:
        """Each statement once: sqlcipher3 reports a statement again for every row that
        runs a trigger (saves_pending: a row back to pending lowers UNSENT_FROM)."""
        out = [" ".join(s.split()[:3]) for i, s in enumerate(statements) if s != statements[i - 1]]
        return out

    assert shape(big) == shape(small), (shape(big), shape(small))
    assert sum(s.startswith("UPDATE") for s in shape(big)) <= 7, big
    states = store.outbox.counts()
    # the first batch's 6 were set acked; of the second, 2 x 120 acked, 1 rejected
    assert states["acked"] == 6 + 240 and states["rejected"] == 1
    assert states["pending"] == 480 - 240 - 1 and states["in_flight"] == 0


def test_each_update_finds_its_rows_by_primary_key(store: CounterStore) -> None:
    for i in range(5):
        store.record("DUK-KTP", Outcome.AGREED, phone=f"0812-0000-{i:04d}")
    seen: list[str] = []
    store.con.set_trace_callback(seen.append)
    try:
        batch = store.outbox.claim(500)
        assert batch is not None
        store.outbox.settle(batch, sorted(batch.ids)[:3], {sorted(batch.ids)[-1]: "no"})
    finally:
        store.con.set_trace_callback(None)
    by_id = [s for s in seen if s.startswith("UPDATE") and "json_each" in s]
    assert len(by_id) >= 4  # claim: visits, consents; settle: acked and rejected ones
    for sql in by_id:
        plan = " ".join(r[3] for r in store.con.execute("EXPLAIN QUERY PLAN " + sql))
        assert "PRIMARY KEY" in plan and "_sync" not in plan, (sql, plan)


def test_pending_items_counts_what_the_outbox_view_counts(store: CounterStore) -> None:
    """Visits with their consents under one number, withdrawals and voids apart; pending
    and in flight, not acknowledged or flagged: as the outbox view says, from the indexes."""

    def by_view() -> int:
        return int(
            store.con.execute(
                "SELECT count(DISTINCT seq) FROM outbox WHERE state IN ('pending', 'in_flight')"
            ).fetchone()[0]
        )

    receipts = []
    for i in range(12):
        r = store.record("DUK-KTP", Outcome.AGREED, phone=f"0812-0000-{i:04d}")
        receipts.append(r.receipt)
        store.record("DUK-KK", Outcome.DECLINED)
    assert store.outbox.pending_items() == by_view() == 24
    first = store.outbox.claim(10)
    assert first is not None
    store.outbox.settle(first, [e.record_id for e in first.entries][:7], {})
    store.withdraw(receipts[-1])
    second = store.outbox.claim(6)  # in flight, unanswered
    assert second is not None
    store.con.execute("UPDATE outbox SET state = 'rejected' WHERE seq = 20")
    assert store.outbox.pending_items() == by_view()
    assert 0 < by_view() < 25
