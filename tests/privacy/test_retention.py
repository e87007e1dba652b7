"""Retention: a sealed number leaves the file N days after the central acknowledged it.

Shown on the decrypted raw pages (free space included) of the database and its WAL, not
on a logical copy, which could never show bytes a deleted row left behind.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mpp_counter.domain.records import Outcome
from mpp_counter.store import retention
from mpp_counter.store.counter import CounterStore

from .pages import first_page_is_sqlite, plaintext_pages
from support import FAKE_NUMBERS

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def _ack(store, record_id: str, at: datetime) -> None:  # type: ignore[no-untyped-def]
    store.con.execute(
        "UPDATE outbox SET state = 'acked', acked_at = ? WHERE record_id = ?",
        (at.isoformat(), record_id),
    )


def _consent(store, phone: str) -> tuple[str, bytes]:  # type: ignore[no-untyped-def]
    code = store.record("DUK-KTP", Outcome.AGREED, phone=phone).receipt
    cid, blob = store.con.execute(
        "SELECT id, phone_sealed FROM consents WHERE receipt = ?", (code,)
    ).fetchone()
    return cid, bytes(blob)


def _found(store, blob: bytes) -> bool:  # type: ignore[no-untyped-def]
    f = store.data_dir / store.keyfile.db_file
    return any(blob in p for p in plaintext_pages(bytes(store._unlocked.db_key), f))


def _setup(store):  # type: ignore[no-untyped-def]
    old, old_blob = _consent(store, FAKE_NUMBERS[0])
    young, young_blob = _consent(store, FAKE_NUMBERS[1])
    pending, pending_blob = _consent(store, FAKE_NUMBERS[2])
    store.withdraw_number(FAKE_NUMBERS[0])
    wid, w_blob = store.con.execute("SELECT id, phone_sealed FROM withdrawals").fetchone()
    _ack(store, old, NOW - timedelta(days=8))
    _ack(store, young, NOW - timedelta(days=6))
    _ack(store, wid, NOW - timedelta(days=7, seconds=1))
    return {
        "old": old_blob,
        "young": young_blob,
        "pending": pending_blob,
        "withdrawal": bytes(w_blob),
    }


def test_purge_removes_expired_numbers_from_every_page(store):
    blobs = _setup(store)
    assert first_page_is_sqlite(
        bytes(store._unlocked.db_key), store.data_dir / store.keyfile.db_file
    )
    assert all(_found(store, b) for b in blobs.values())  # the scan sees them before

    assert retention.purge_expired(store.con, NOW) == 2
    assert not _found(store, blobs["old"]) and not _found(store, blobs["withdrawal"])
    assert _found(store, blobs["young"]) and _found(store, blobs["pending"])
    # the consent itself stays: counted, reprintable from the masked form
    assert store.status().consents == 3
    slip = store.slip_content(
        store.con.execute("SELECT receipt FROM consents WHERE phone_sealed IS NULL").fetchone()[0],
        reprint=True,
    )
    assert slip.phone_masked.endswith(FAKE_NUMBERS[0][-4:])
    assert retention.purge_expired(store.con, NOW) == 0  # harmless to repeat
    assert retention.purge_expired(store.con, NOW + timedelta(days=2)) == 1  # "young" now
    assert not _found(store, blobs["young"]) and _found(store, blobs["pending"])
    actions = [r[2] for r in store.con.execute("SELECT at, actor, action FROM audit")]
    assert actions.count("retention") == 2


def test_a_plain_update_would_leave_the_bytes_behind(store):
    """The control: nulling the column without the truncating checkpoint leaves the old
    page image (with the blob) in the file, and the scan finds it."""
    blobs = _setup(store)
    store.con.execute(
        "UPDATE consents SET phone_sealed = NULL WHERE phone_sealed = ?", (blobs["old"],)
    )
    assert (
        store.con.execute(
            "SELECT count(*) FROM consents WHERE phone_sealed = ?", (blobs["old"],)
        ).fetchone()[0]
        == 0
    )
    assert _found(store, blobs["old"])


def test_retention_days_setting(store, data_dir, cli):
    _setup(store)
    store.close()
    base = ("--data-dir", str(data_dir))
    r = cli(*base, "retention")
    assert r.returncode == 0 and "kept 7 days" in r.stdout, r.stderr
    for bad in ("-1", "seven", "99999"):
        r = cli(*base, "retention", "--days", bad)
        assert r.returncode == 2 and "whole number of days" in r.stderr
    r = cli(*base, "retention", "--days", "0")  # acked long ago: all three go at once
    assert r.returncode == 0 and "kept 0 days" in r.stdout, r.stderr
    s = CounterStore.open_admin(data_dir, "kata sandi admin uji 2026")
    try:
        assert retention.retention_days(s.con) == 0
        left = s.con.execute(
            "SELECT count(*) FROM consents WHERE phone_sealed IS NOT NULL"
        ).fetchone()[0]
        assert left == 1  # only the consent the central has not acknowledged
        assert any(
            a == "settings" and "retention_days" in d
            for _, _, a, d in s.con.execute("SELECT at, actor, action, detail FROM audit")
        )
    finally:
        s.close()


@pytest.mark.parametrize("value", ["", "x"])
def test_a_damaged_setting_falls_back_to_the_default(store, value):
    store.con.execute("UPDATE settings SET value = ? WHERE key = 'retention_days'", (value,))
    assert retention.retention_days(store.con) == retention.DEFAULT_DAYS
