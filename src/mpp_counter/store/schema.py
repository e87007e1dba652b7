"""Schema migrations keyed on ``PRAGMA user_version``, each in one transaction.

Never edit a migration that has shipped: add the next one. ``tests/test_migrations.py``
builds a store at every older version with data and migrates it forward.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from . import receipt_codes, saves_schema
from .db import Connection, DatabaseError, complete_statement

MIGRATIONS: tuple[str, ...] = (
    # 1: the visit and its consent; numbers only sealed and masked, never in clear
    """
    CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE services(code TEXT PRIMARY KEY, agency_code TEXT NOT NULL,
        agency_name TEXT NOT NULL, name TEXT NOT NULL, keywords TEXT NOT NULL DEFAULT '',
        active INTEGER NOT NULL DEFAULT 1);
    CREATE TABLE campaigns(id TEXT PRIMARY KEY, json TEXT NOT NULL, notice_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE visits(id TEXT PRIMARY KEY, seq INTEGER NOT NULL, at TEXT NOT NULL,
        mpp_code TEXT NOT NULL, counter TEXT NOT NULL, clerk TEXT NOT NULL,
        service_code TEXT NOT NULL, agency_code TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('agreed', 'declined', 'not_asked')),
        not_asked_reason TEXT, consent_id TEXT) WITHOUT ROWID;
    CREATE INDEX visits_at ON visits(at);
    CREATE TABLE consents(id TEXT PRIMARY KEY, visit_id TEXT NOT NULL REFERENCES visits(id),
        receipt TEXT NOT NULL UNIQUE, receipt_secret TEXT NOT NULL, at TEXT NOT NULL,
        campaign_id TEXT NOT NULL, notice_version TEXT NOT NULL, notice_hash TEXT NOT NULL,
        phone_masked TEXT NOT NULL, phone_sealed BLOB, sealed_to TEXT, withdrawn_at TEXT)
        WITHOUT ROWID;
    """,
    # 2: the outbox; every record already saved becomes pending
    """
    CREATE TABLE outbox(record_id TEXT PRIMARY KEY, kind TEXT NOT NULL
            CHECK (kind IN ('visit', 'consent', 'withdrawal')),
        seq INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'pending'
            CHECK (state IN ('pending', 'in_flight', 'acked', 'rejected')),
        batch_id TEXT, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, acked_at TEXT)
        WITHOUT ROWID;
    CREATE INDEX outbox_state ON outbox(state, seq);
    INSERT INTO outbox(record_id, kind, seq) SELECT id, 'visit', seq FROM visits;
    INSERT INTO outbox(record_id, kind, seq)
        SELECT c.id, 'consent', v.seq FROM consents c JOIN visits v ON v.id = c.visit_id;
    """,
    # 3: withdrawals as records of their own, and the hash-chained audit log
    """
    CREATE TABLE withdrawals(id TEXT PRIMARY KEY, at TEXT NOT NULL, consent_id TEXT,
        receipt TEXT, phone_sealed BLOB, sealed_to TEXT, mpp_code TEXT NOT NULL,
        counter TEXT NOT NULL, clerk TEXT NOT NULL);
    CREATE TABLE audit(seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,
        action TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL);
    """,
    # 4: the fingerprint of the key each number was sealed to, sent with the consent so
    # the central can flag one sealed to a key that is not its campaign's (key_pin.py)
    """
    ALTER TABLE consents ADD COLUMN sealed_key TEXT;
    ALTER TABLE withdrawals ADD COLUMN sealed_key TEXT;
    """,
    # 5: a withdrawal by code at a counter that never saw the consent carries the last four
    # digits of the citizen's number; the central matches it to exactly one consent
    """
    ALTER TABLE withdrawals ADD COLUMN phone_last4 TEXT;
    """,
    # 6: the retention purge reads only the rows whose number is still sealed
    """
    CREATE INDEX consents_sealed ON consents(id) WHERE phone_sealed IS NOT NULL;
    CREATE INDEX withdrawals_sealed ON withdrawals(id) WHERE phone_sealed IS NOT NULL;
    """,
    # 7: a visit voided by the clerk on the day it was saved, sent as a record of its own
    # (the outbox's kinds are a CHECK: SQLite rebuilds the table to widen it)
    """
    CREATE TABLE voids(id TEXT PRIMARY KEY, visit_id TEXT NOT NULL UNIQUE
        REFERENCES visits(id), at TEXT NOT NULL, reason TEXT NOT NULL,
        mpp_code TEXT NOT NULL, counter TEXT NOT NULL, clerk TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE outbox_new(record_id TEXT PRIMARY KEY, kind TEXT NOT NULL
            CHECK (kind IN ('visit', 'consent', 'withdrawal', 'void')),
        seq INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'pending'
            CHECK (state IN ('pending', 'in_flight', 'acked', 'rejected')),
        batch_id TEXT, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, acked_at TEXT)
        WITHOUT ROWID;
    INSERT INTO outbox_new(record_id, kind, seq, state, batch_id, attempts, last_error,
        acked_at) SELECT record_id, kind, seq, state, batch_id, attempts, last_error, acked_at
        FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_new RENAME TO outbox;
    CREATE INDEX outbox_state ON outbox(state, seq);
    """,
    # 8: each record carries its own sync state and sequence number, and a save the number
    # of its audit row: a save writes its own rows and one audit row, nothing else (no
    # outbox row, no counter in settings). The outbox is now a view of the four kinds of
    # record; updating it (a repair, a test) updates the record. The sealed-number indexes
    # hold only acknowledged rows, the only ones the retention purge may empty.
    """
    ALTER TABLE visits ADD COLUMN sync_state TEXT NOT NULL DEFAULT 'pending'
        CHECK (sync_state IN ('pending', 'in_flight', 'acked', 'rejected'));
    ALTER TABLE visits ADD COLUMN batch_id TEXT;
    ALTER TABLE visits ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE visits ADD COLUMN last_error TEXT;
    ALTER TABLE visits ADD COLUMN acked_at TEXT;
    ALTER TABLE consents ADD COLUMN sync_state TEXT NOT NULL DEFAULT 'pending'
        CHECK (sync_state IN ('pending', 'in_flight', 'acked', 'rejected'));
    ALTER TABLE consents ADD COLUMN batch_id TEXT;
    ALTER TABLE consents ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE consents ADD COLUMN last_error TEXT;
    ALTER TABLE consents ADD COLUMN acked_at TEXT;
    ALTER TABLE withdrawals ADD COLUMN sync_state TEXT NOT NULL DEFAULT 'pending'
        CHECK (sync_state IN ('pending', 'in_flight', 'acked', 'rejected'));
    ALTER TABLE withdrawals ADD COLUMN batch_id TEXT;
    ALTER TABLE withdrawals ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE withdrawals ADD COLUMN last_error TEXT;
    ALTER TABLE withdrawals ADD COLUMN acked_at TEXT;
    ALTER TABLE voids ADD COLUMN sync_state TEXT NOT NULL DEFAULT 'pending'
        CHECK (sync_state IN ('pending', 'in_flight', 'acked', 'rejected'));
    ALTER TABLE voids ADD COLUMN batch_id TEXT;
    ALTER TABLE voids ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE voids ADD COLUMN last_error TEXT;
    ALTER TABLE voids ADD COLUMN acked_at TEXT;
    ALTER TABLE visits ADD COLUMN audit_seq INTEGER;
    ALTER TABLE consents ADD COLUMN seq INTEGER;
    ALTER TABLE withdrawals ADD COLUMN seq INTEGER;
    ALTER TABLE voids ADD COLUMN seq INTEGER;
    UPDATE consents SET seq = v.seq FROM visits v WHERE v.id = consents.visit_id;
    UPDATE visits SET sync_state = o.state, batch_id = o.batch_id, attempts = o.attempts,
        last_error = o.last_error, acked_at = o.acked_at
        FROM outbox o WHERE o.record_id = visits.id AND o.kind = 'visit';
    UPDATE consents SET sync_state = o.state, batch_id = o.batch_id, attempts = o.attempts,
        last_error = o.last_error, acked_at = o.acked_at
        FROM outbox o WHERE o.record_id = consents.id AND o.kind = 'consent';
    UPDATE withdrawals SET sync_state = o.state, batch_id = o.batch_id, attempts = o.attempts,
        last_error = o.last_error, acked_at = o.acked_at, seq = o.seq
        FROM outbox o WHERE o.record_id = withdrawals.id AND o.kind = 'withdrawal';
    UPDATE voids SET sync_state = o.state, batch_id = o.batch_id, attempts = o.attempts,
        last_error = o.last_error, acked_at = o.acked_at, seq = o.seq
        FROM outbox o WHERE o.record_id = voids.id AND o.kind = 'void';
    DROP TABLE outbox;
    DELETE FROM settings WHERE key = 'next_seq';
    CREATE INDEX visits_sync ON visits(sync_state, seq);
    CREATE INDEX consents_sync ON consents(sync_state, seq);
    CREATE INDEX withdrawals_sync ON withdrawals(sync_state, seq);
    CREATE INDEX voids_sync ON voids(sync_state, seq);
    CREATE INDEX withdrawals_seq ON withdrawals(seq);
    CREATE INDEX voids_seq ON voids(seq);
    DROP INDEX consents_sealed;
    DROP INDEX withdrawals_sealed;
    CREATE INDEX consents_sealed ON consents(acked_at)
        WHERE phone_sealed IS NOT NULL AND sync_state = 'acked';
    CREATE INDEX withdrawals_sealed ON withdrawals(acked_at)
        WHERE phone_sealed IS NOT NULL AND sync_state = 'acked';
    CREATE VIEW outbox(record_id, kind, seq, state, batch_id, attempts, last_error, acked_at)
    AS SELECT id, 'visit', seq, sync_state, batch_id, attempts, last_error, acked_at
        FROM visits
    UNION ALL SELECT id, 'consent', seq, sync_state, batch_id, attempts, last_error, acked_at
        FROM consents
    UNION ALL SELECT id, 'withdrawal', seq, sync_state, batch_id, attempts, last_error,
        acked_at FROM withdrawals
    UNION ALL SELECT id, 'void', seq, sync_state, batch_id, attempts, last_error, acked_at
        FROM voids;
    CREATE TRIGGER outbox_update INSTEAD OF UPDATE ON outbox BEGIN
        UPDATE visits SET sync_state = NEW.state, batch_id = NEW.batch_id,
            attempts = NEW.attempts, last_error = NEW.last_error, acked_at = NEW.acked_at
            WHERE OLD.kind = 'visit' AND id = OLD.record_id;
        UPDATE consents SET sync_state = NEW.state, batch_id = NEW.batch_id,
            attempts = NEW.attempts, last_error = NEW.last_error, acked_at = NEW.acked_at
            WHERE OLD.kind = 'consent' AND id = OLD.record_id;
        UPDATE withdrawals SET sync_state = NEW.state, batch_id = NEW.batch_id,
            attempts = NEW.attempts, last_error = NEW.last_error, acked_at = NEW.acked_at
            WHERE OLD.kind = 'withdrawal' AND id = OLD.record_id;
        UPDATE voids SET sync_state = NEW.state, batch_id = NEW.batch_id,
            attempts = NEW.attempts, last_error = NEW.last_error, acked_at = NEW.acked_at
            WHERE OLD.kind = 'void' AND id = OLD.record_id;
    END;
    """,
    # 9: a save is one row of ``saves`` (visit, consent and the save's audit row): see
    # saves_schema.py
    saves_schema.MIGRATION,
    # 10: receipt codes made from the sequence number (receipt_codes.py)
    saves_schema.RECEIPTS,
)

LATEST = len(MIGRATIONS)
# Python steps of a migration, run after its SQL in the same transaction
_STEPS: dict[int, Callable[[Connection], None]] = {10: receipt_codes.create_key}


def version(con: Connection) -> int:
    return int(con.execute("PRAGMA user_version").fetchone()[0])


def statements(script: str) -> list[str]:
    """The script's statements, cut where SQLite says one is complete (a trigger's body
    holds semicolons of its own)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if complete_statement(buf):
            if buf.strip().rstrip(";").strip():
                out.append(buf)
            buf = ""
    if buf.strip():
        out.append(buf)
    return out


def migrate(con: Connection, target: int = LATEST) -> int:
    """Bring the schema to ``target``; returns the version it started from."""
    start = version(con)
    if start > LATEST:
        from ..domain.errors import StoreDamaged

        raise StoreDamaged("This store was made by a newer mpp-counter (schema {v}).", v=start)
    if 0 < start < target and getattr(con, "degraded", None):
        return start  # a full or read-only disk: read the store as it is, upgrade later
    if 0 < start < target:
        backup_before_migration(con, start)
    for v in range(start, target):
        try:
            con.execute("BEGIN IMMEDIATE")
            for stmt in statements(MIGRATIONS[v]):
                con.execute(stmt)
            if v + 1 in _STEPS:
                _STEPS[v + 1](con)
            con.execute(f"PRAGMA user_version = {v + 1}")
            con.execute("COMMIT")
        except BaseException as exc:
            if con.in_transaction:  # SQLite already rolled back after some I/O errors
                con.execute("ROLLBACK")
            from .diskerrors import disk_error

            if isinstance(exc, DatabaseError) and (err := disk_error(exc)) is not None:
                raise err from exc
            raise
    return start


def backup_before_migration(con: Connection, start: int) -> Path | None:
    """Copy the store, still encrypted with its key, to ``<db>.schema<N>.bak`` before an
    upgrade migrates it, so a migration that goes wrong after an upgrade loses nothing.

    ``sqlcipher_export`` takes one consistent snapshot (WAL included); the copy is written
    next to the database under a temporary name and renamed into place. An in-memory
    database has nothing to back up.
    """
    row = con.execute("PRAGMA database_list").fetchone()
    if not row or not row[2]:
        return None
    db = Path(row[2])
    bak = db.with_name(f"{db.name}.schema{start}.bak")
    tmp = bak.with_name(bak.name + ".tmp")
    try:
        tmp.unlink(missing_ok=True)
        con.execute("ATTACH DATABASE ? AS premigration", (str(tmp),))
        try:
            con.execute("SELECT sqlcipher_export('premigration')")
            con.execute(f"PRAGMA premigration.user_version = {int(start)}")
        finally:
            con.execute("DETACH DATABASE premigration")
        os.chmod(tmp, 0o600)
        os.replace(tmp, bak)
    except (DatabaseError, OSError) as exc:
        from ..domain.errors import StoreWriteFailed
        from .diskerrors import disk_error

        raise disk_error(exc) or StoreWriteFailed(
            "Could not back up the store before upgrading it: {reason}",
            reason=getattr(exc, "strerror", None) or str(exc),
        ) from exc
    return bak
