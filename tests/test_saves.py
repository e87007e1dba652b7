"""Schema 9 finds saves without the indexes a save used to write (store/saves_schema.py):
by the sequence number an id holds, from the day's first number, and from the first save
still to send (``saves_unsent_from``). Each is checked where it could lose something: a
record back to pending below the mark, a day listed after the clock went back, an id
that is not ours."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpp_counter.domain import record_ids
from mpp_counter.domain.records import Outcome
from mpp_counter.store import outbox, receipt_codes, visit_rows, visits
from mpp_counter.store.counter import CounterStore
from mpp_counter.store.db import transaction

from support import PASSPHRASE


def _consents(store: CounterStore, n: int, first: int = 0) -> list[str]:
    return [
        store.record("DUK-KTP", Outcome.AGREED, phone=f"0812-0000-{i:04d}").visit_id
        for i in range(first, first + n)
    ]


def _all_claimed(store: CounterStore) -> outbox.Batch:
    batch = store.outbox.claim(500)
    assert batch is not None and store.outbox.claim(500, frozenset({batch.batch_id})) is None
    return batch


def _back_to_pending(store: CounterStore, how: str, batch: outbox.Batch) -> set[str]:
    """Send ``batch``'s records (or one) back to pending ``how``; the ids sent back."""
    if how == "409":
        store.outbox.release(batch, "central: batch id refused")
        return set(batch.ids)
    if how == "unmentioned":
        store.outbox.settle(batch, [], {})
        return set(batch.ids)
    if how == "new enrolment":
        with transaction(store.con):
            outbox.requeue_in_flight(store.con)
        return set(batch.ids)
    first = batch.entries[0].record_id  # a repair through the view
    store.con.execute("UPDATE outbox SET state = 'pending' WHERE record_id = ?", (first,))
    return {first}


@pytest.mark.parametrize("how", ["409", "unmentioned", "new enrolment", "repair"])
def test_a_record_back_to_pending_is_sent_again(store: CounterStore, how: str) -> None:
    _consents(store, 4)
    first = _all_claimed(store)
    if how == "repair":
        store.outbox.settle(first, first.ids, {})  # acked, then set back by hand
    back = _back_to_pending(store, how, first)
    assert store.outbox.pending_items() >= 1
    again = store.outbox.claim(500)
    assert again is not None and not again.resent
    assert {e.record_id for e in again.entries} == back


def test_a_claim_moves_the_mark_only_past_what_it_took(store: CounterStore) -> None:
    _consents(store, 3)
    one = store.outbox.claim(2)  # the first visit and its consent
    assert one is not None and {e.seq for e in one.entries} == {one.entries[0].seq}
    _consents(store, 2, first=3)
    rest = store.outbox.claim(500, frozenset({one.batch_id}))
    assert rest is not None
    assert len(rest.entries) == 8 and min(e.seq for e in rest.entries) > one.entries[0].seq
    assert store.outbox.claim(500, frozenset({one.batch_id, rest.batch_id})) is None
    assert store.outbox.unsent() == 10 and store.outbox.pending_items() == 5


def test_an_id_finds_its_save_and_nothing_else(store: CounterStore) -> None:
    ids = _consents(store, 3)
    assert [r.visit_id for r in store.visit_rows([ids[1]])] == [ids[1]]
    seq = record_ids.seq_in(ids[1])
    forged = record_ids.new_id(seq=seq)  # the right number, not our id
    for other in (forged, str(uuid.uuid4()), "not an id", ""):
        assert store.visit_rows([other]) == []
    consent = store.con.execute("SELECT consent_id FROM saves WHERE id = ?", (ids[2],))
    assert visit_rows.slip_row(store.con, consent.fetchone()[0])[0] is not None


def test_a_day_lists_the_saves_made_after_the_clock_went_back(store: CounterStore) -> None:
    jakarta = "Asia/Jakarta"
    d1 = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)  # 10:00 WIB on 2 November
    times = [d1 + timedelta(days=1), d1, d1 + timedelta(days=1, hours=1), d1 - timedelta(days=3)]
    saved = [_save_at(store, t) for t in times]  # the clock went back twice
    by_day = {
        d: [r.visit_id for r in visit_rows.rows_between(store.con, d, d, jakarta)]
        for d in (date(2026, 10, 30), date(2026, 11, 2), date(2026, 11, 3))
    }
    assert by_day == {
        date(2026, 10, 30): [saved[3]],
        date(2026, 11, 2): [saved[1]],
        date(2026, 11, 3): [saved[0], saved[2]],
    }
    week = visit_rows.rows_between(store.con, date(2026, 10, 30), date(2026, 11, 3), jakarta)
    assert [r.visit_id for r in week] == saved


def _save_at(store: CounterStore, when: datetime) -> str:
    return visits.record(
        store.con,
        visits.SaveTarget.of(
            store.campaign(),
            bytes(32),
            "escrow",
            may_seal=True,
            mpp_code="BKL01",
            counter="Loket 1",
            codes=receipt_codes.of_store(store.con),
        ),
        service=store.service("DUK-KTP"),
        outcome=Outcome.DECLINED,
        phone=None,
        not_asked_reason=None,
        clerk="admin",
        now=when,
    ).visit_id


@given(st.integers(1, 2**32 - 1), st.integers(0, 2**48 - 1))
def test_an_id_holds_its_number_and_stays_a_version_7_uuid(seq: int, ms: int) -> None:
    rid = record_ids.new_id(ms * 1_000_000, seq)
    u = uuid.UUID(rid)
    assert str(u) == rid and u.version == 7 and u.variant == uuid.RFC_4122
    assert record_ids.seq_in(rid) == seq and int(rid[:8] + rid[9:13], 16) == ms


def test_a_save_sees_what_another_process_committed_before_it(
    store: CounterStore, data_dir: Path
) -> None:
    """The window's cached settings (here the counter's name; in the field the key an
    enrolment replaced) are checked inside the save's transaction, under the write lock:
    a save after another process's commit is made with what that process wrote."""
    store.record("DUK-KTP", Outcome.DECLINED)  # the settings are cached now
    other = CounterStore.open_admin(data_dir, PASSPHRASE)
    try:
        other.set_settings({"counter": "Loket 9"})
    finally:
        other.close()
    vid = store.record("DUK-KTP", Outcome.DECLINED).visit_id
    row = store.con.execute("SELECT counter FROM saves WHERE id = ?", (vid,)).fetchone()
    assert row == ("Loket 9",)


def test_numbers_stay_unique_and_the_chain_whole_whoever_writes_between_saves(
    store: CounterStore, data_dir: Path
) -> None:
    """A save continues from where this connection's last one ended only while nothing
    was written since: another process's save, a withdrawal or a void on this connection,
    or a statement run by hand each make the next save look again."""
    store.record("DUK-KTP", Outcome.DECLINED)
    other = CounterStore.open_admin(data_dir, PASSPHRASE)
    try:
        other.record("DUK-KTP", Outcome.DECLINED)
    finally:
        other.close()
    code = store.record("DUK-KTP", Outcome.AGREED, phone="0812-0000-0001").receipt
    assert code
    store.withdraw(code)
    voided = store.record("DUK-KTP", Outcome.DECLINED).visit_id
    store.void(voided, "duplicate")
    store.con.execute("UPDATE settings SET value = value WHERE key = 'counter'")
    store.record("DUK-KTP", Outcome.DECLINED)
    seqs = [
        r[0]
        for r in store.con.execute(
            "SELECT seq FROM saves UNION ALL SELECT seq FROM withdrawals"
            " UNION ALL SELECT seq FROM voids ORDER BY 1"
        )
    ]
    assert seqs == list(range(1, len(seqs) + 1)) and len(seqs) == 7
    assert store.audit_verify()[1] == []


def test_the_window_status_counts_what_is_unsent_without_reading_every_save(
    store: CounterStore,
) -> None:
    _consents(store, 3)
    batch = store.outbox.claim(500)
    assert batch is not None
    store.outbox.settle(batch, sorted(batch.ids)[:-1], {sorted(batch.ids)[-1]: "central: no"})
    store.record("DUK-KTP", Outcome.DECLINED)
    full, light = store.status(), store.status(totals=False)
    assert (full.visits, full.consents, full.withdrawn) == (4, 3, 0)
    assert (light.visits, light.consents, light.withdrawn) == (None, None, None)
    assert (light.pending, light.pending_visits, light.rejected) == (1, 1, 1)
    assert (full.pending, full.pending_visits, full.rejected) == (1, 1, 1)
