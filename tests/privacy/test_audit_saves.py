"""A save's audit row is part of the save's own row (schema 9: ``saves.audit_seq``,
``audit_prev``, ``audit_hash``): a save writes no row of its own to the log. Its entry cut
off the end of the log still shows, before and after later saves continue the chain, and
a save changed after it was written shows in its entry."""

from __future__ import annotations

from mpp_counter.domain.records import Outcome
from mpp_counter.store.counter import CounterStore


def _saves(store: CounterStore, n: int, first: int = 0) -> list[str]:
    return [
        store.record("DUK-KTP", Outcome.AGREED, phone=f"0812-0000-{i:04d}").visit_id
        for i in range(first, first + n)
    ]


def _cut_last_two(store: CounterStore) -> int:
    """Delete the log entries of the last two saves (the saves stay); the last number."""
    last = int(store.con.execute("SELECT max(audit_seq) FROM saves").fetchone()[0])
    store.con.execute(
        "UPDATE saves SET audit_prev = NULL, audit_hash = NULL WHERE audit_seq > ?", (last - 2,)
    )
    return last


def test_saves_cut_off_the_end_of_the_log_show(store: CounterStore) -> None:
    _saves(store, 3)
    assert store.audit_verify()[1] == []
    last = _cut_last_two(store)
    _n, problems = store.audit_verify()
    assert [(p.seq, p.reason) for p in problems] == [
        (last - 1, f"rows {last - 1}..{last} at the end are missing")
    ]


def test_saves_after_a_cut_off_tail_do_not_hide_it(store: CounterStore) -> None:
    _saves(store, 3)
    last = _cut_last_two(store)
    _saves(store, 2, first=3)  # the chain goes on after the cut, from a hash it cannot find
    _n, problems = store.audit_verify()
    assert (last + 1, f"rows {last - 1}..{last} are missing") in [
        (p.seq, p.reason) for p in problems
    ]
    assert all(p.seq <= last + 1 for p in problems)  # the saves after it chain as they should


def test_a_save_changed_after_it_was_written_shows(store: CounterStore) -> None:
    a, _b = _saves(store, 2)
    seq = store.con.execute("SELECT audit_seq FROM saves WHERE id = ?", (a,)).fetchone()[0]
    store.con.execute("UPDATE saves SET receipt = 'AAAA-BBBB-C' WHERE id = ?", (a,))
    _n, problems = store.audit_verify()
    assert [(p.seq, p.reason) for p in problems] == [(seq, "was changed after it was written")]
