"""A save keeps its audit row's number in the visit row instead of writing the log's head
to settings (schema 8): cutting the saves off the end of the log still shows, before and
after later rows are appended over the gap, and a save's row is what its visit says."""

from __future__ import annotations

from mpp_counter.domain.records import Outcome
from mpp_counter.store.counter import CounterStore


def _saves(store: CounterStore, n: int) -> list[str]:
    return [
        store.record("DUK-KTP", Outcome.AGREED, phone=f"0812-0000-{i:04d}").visit_id
        for i in range(n)
    ]


def test_saves_cut_off_the_end_of_the_log_show(store: CounterStore) -> None:
    _saves(store, 3)
    assert store.audit_verify()[1] == []
    last = store.con.execute("SELECT max(seq) FROM audit").fetchone()[0]
    store.con.execute("DELETE FROM audit WHERE seq > ?", (last - 2,))  # the last two saves
    n, problems = store.audit_verify()
    assert [(p.seq, p.reason) for p in problems] == [
        (last - 1, f"rows {last - 1}..{last} at the end are missing")
    ]


def test_rows_written_over_a_cut_off_tail_do_not_hide_it(store: CounterStore) -> None:
    visits = _saves(store, 3)
    last = store.con.execute("SELECT max(seq) FROM audit").fetchone()[0]
    store.con.execute("DELETE FROM audit WHERE seq > ?", (last - 2,))
    later = _saves(store, 2)  # their rows take the numbers the deleted rows had
    _n, problems = store.audit_verify()
    assert [(p.seq, p.reason) for p in problems] == [
        (last - 1, f"should be the save of visit {visits[1]}"),
        (last, f"should be the save of visit {visits[2]}"),
    ]
    assert later[0] not in " ".join(p.reason for p in problems)


def test_a_save_row_swapped_for_another_shows(store: CounterStore) -> None:
    a, b = _saves(store, 2)
    store.con.execute("UPDATE visits SET audit_seq = audit_seq - 1 WHERE id = ?", (b,))
    _n, problems = store.audit_verify()
    assert [p.reason for p in problems] == [f"should be the save of visit {b}"]
