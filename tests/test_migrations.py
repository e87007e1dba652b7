"""Every older schema, with data in it, migrates forward to the newest."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from mpp_counter.store import receipt_codes, schema
from mpp_counter.store.db import open_db

KEY = bytes(range(32))


def _fill(con, version: int) -> None:  # type: ignore[no-untyped-def]
    """Rows as that version's code would have written them."""
    con.execute("INSERT INTO services VALUES ('DUK-KTP', 'DUKCAPIL', 'Dukcapil', 'KTP-el', '', 1)")
    if version >= 9:  # one row a save (saves_schema.py)
        for i in range(3):
            con.execute(
                "INSERT INTO saves(seq, id, at, mpp_code, counter, clerk, service_code,"
                " agency_code, outcome, sync_state, consent_id, receipt, receipt_secret,"
                " consent_at, campaign_id, notice_version, notice_hash, phone_masked,"
                " phone_sealed, sealed_to, consent_state) VALUES (?, ?,"
                " '2026-11-01T03:00:00+00:00', 'BKL01', 'Loket 1', 'admin', 'DUK-KTP',"
                " 'DUKCAPIL', 'agreed', 'acked', ?, ?, 's', '2026-11-01T03:00:00+00:00',"
                " 'SPI-2026', 'v1', 'h', '08xx-xxxx-1234', x'00', 'escrow', 'pending')",
                (i + 1, str(uuid.uuid4()), str(uuid.uuid4()), f"AAAA-BBB{i}-X"),
            )
        return
    for i in range(3):
        vid, cid = str(uuid.uuid4()), str(uuid.uuid4())
        con.execute(
            "INSERT INTO visits(id, seq, at, mpp_code, counter, clerk, service_code,"
            " agency_code, outcome, not_asked_reason, consent_id) VALUES (?, ?,"
            " '2026-11-01T03:00:00+00:00', 'BKL01', 'Loket 1', 'admin', 'DUK-KTP', 'DUKCAPIL',"
            " 'agreed', NULL, ?)",
            (vid, i + 1, cid),
        )
        con.execute(
            "INSERT INTO consents(id, visit_id, receipt, receipt_secret, at, campaign_id,"
            " notice_version, notice_hash, phone_masked, phone_sealed, sealed_to,"
            " withdrawn_at) VALUES (?, ?, ?, 's', '2026-11-01T03:00:00+00:00',"
            " 'SPI-2026', 'v1', 'h', '08xx-xxxx-1234', x'00', 'escrow', NULL)",
            (cid, vid, f"AAAA-BBB{i}-X"),
        )
        if version >= 8:  # each record keeps its own state; the consent its visit's number
            con.execute("UPDATE consents SET seq = ? WHERE id = ?", (i + 1, cid))
        elif version >= 2:
            con.execute(
                "INSERT INTO outbox(record_id, kind, seq) VALUES (?, 'visit', ?)", (vid, i + 1)
            )
            con.execute(
                "INSERT INTO outbox(record_id, kind, seq) VALUES (?, 'consent', ?)", (cid, i + 1)
            )
    if version >= 2:
        con.execute("UPDATE outbox SET state = 'acked' WHERE kind = 'visit'")


@pytest.mark.parametrize("old", range(1, schema.LATEST))
def test_migrates_forward_with_data(tmp_path: Path, old: int) -> None:
    path = tmp_path / "old.db"
    con = open_db(path, KEY, create=True)
    schema.migrate(con, target=old)
    assert schema.version(con) == old
    _fill(con, old)
    con.close()

    con = open_db(path, KEY)
    assert schema.migrate(con) == old
    assert schema.version(con) == schema.LATEST
    assert con.execute("SELECT count(*) FROM visits").fetchone()[0] == 3
    assert con.execute("SELECT count(*) FROM consents").fetchone()[0] == 3
    states = dict(con.execute("SELECT kind, min(state) FROM outbox GROUP BY kind").fetchall())
    # records saved before the outbox existed are queued, never lost; acked stays acked
    assert states == {"visit": "acked" if old >= 2 else "pending", "consent": "pending"}
    assert con.execute("SELECT count(*) FROM audit").fetchone()[0] == 0
    # the codes given so far are kept apart, and the store has its key for new ones
    assert con.execute("SELECT count(*) FROM legacy_receipts").fetchone()[0] == 3
    assert len(receipt_codes.of_store(con).code_for(4, lambda _c: False)) == 11
    con.close()


def test_a_failing_migration_changes_nothing(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "old.db"
    con = open_db(path, KEY, create=True)
    schema.migrate(con, target=1)
    _fill(con, 1)
    broken = (
        *schema.MIGRATIONS[:1],
        schema.MIGRATIONS[1] + ";\nSELECT * FROM no_such_table",
        *schema.MIGRATIONS[2:],
    )
    monkeypatch.setattr(schema, "MIGRATIONS", broken)
    with pytest.raises(Exception, match="no_such_table"):
        schema.migrate(con)
    assert schema.version(con) == 1
    assert con.execute("SELECT name FROM sqlite_master WHERE name = 'outbox'").fetchone() is None
    con.close()


def test_newer_store_is_refused(tmp_path: Path) -> None:
    from mpp_counter.domain.errors import StoreDamaged

    con = open_db(tmp_path / "new.db", KEY, create=True)
    con.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    with pytest.raises(StoreDamaged, match="newer"):
        schema.migrate(con)
