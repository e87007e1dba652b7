"""Schema 9: a save is one row. The visit, its consent and the save's audit row, once
three tables and seven B-trees, become one row of ``saves`` keyed by the record's
sequence number, so a durable save writes one table page (and the receipt code's index)
instead of ten pages (issue 14).

What the dropped indexes did is kept without an index written by each save:
- a visit or consent id holds its sequence number (record_ids.with_seq), so a lookup by
  id is a lookup by key; the ids of rows saved before schema 9 are in ``legacy_ids``;
- a day's rows start at the first sequence number saved that day (``save_days``, one row
  a day, written by the day's first save);
- the records still to send start at ``saves_unsent_from`` (settings), which only a
  claim moves forward and a trigger moves back whenever a row becomes pending again;
- a save's audit row is in its own row (``audit_seq``, ``audit_prev``, ``audit_hash``);
  ``audit_log`` is the whole chain, the ``audit`` table's rows and the saves'.
``visits``, ``consents`` and ``outbox`` stay as views of the same names (updatable through
triggers), so reading code and repairs keep working; the store's hot paths use ``saves``.
"""

from __future__ import annotations

STATES = "('pending', 'in_flight', 'acked', 'rejected')"
UNSENT_FROM = "saves_unsent_from"

_VISIT_COLS = (
    "id, seq, at, mpp_code, counter, clerk, service_code, agency_code, outcome,"
    " not_asked_reason, consent_id, sync_state, batch_id, attempts, last_error, acked_at,"
    " audit_seq"
)
_CONSENT_COLS = (
    "id, visit_id, receipt, receipt_secret, at, campaign_id, notice_version, notice_hash,"
    " phone_masked, phone_sealed, sealed_to, withdrawn_at, sealed_key, sync_state, batch_id,"
    " attempts, last_error, acked_at, seq"
)
_CONSENT_SRC = (
    "consent_id, id, receipt, receipt_secret, consent_at, campaign_id, notice_version,"
    " notice_hash, phone_masked, phone_sealed, sealed_to, withdrawn_at, sealed_key,"
    " consent_state, consent_batch, consent_attempts, consent_error, consent_acked_at, seq"
)


def _assign(view_cols: str, table_cols: str) -> str:
    return ", ".join(
        f"{t} = NEW.{v}"
        for v, t in zip(view_cols.split(", "), table_cols.split(", "), strict=True)
        if v.strip() != "seq"
    )


MIGRATION = f"""
CREATE TABLE saves(seq INTEGER PRIMARY KEY, id TEXT NOT NULL, at TEXT NOT NULL,
    mpp_code TEXT NOT NULL, counter TEXT NOT NULL, clerk TEXT NOT NULL,
    service_code TEXT NOT NULL, agency_code TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('agreed', 'declined', 'not_asked')),
    not_asked_reason TEXT,
    sync_state TEXT NOT NULL DEFAULT 'pending' CHECK (sync_state IN {STATES}),
    batch_id TEXT, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, acked_at TEXT,
    audit_seq INTEGER, audit_prev TEXT, audit_hash TEXT,
    consent_id TEXT, receipt TEXT, receipt_secret TEXT, consent_at TEXT, campaign_id TEXT,
    notice_version TEXT, notice_hash TEXT, phone_masked TEXT, phone_sealed BLOB,
    sealed_to TEXT, sealed_key TEXT, withdrawn_at TEXT,
    consent_state TEXT CHECK (consent_state IN {STATES}), consent_batch TEXT,
    consent_attempts INTEGER NOT NULL DEFAULT 0, consent_error TEXT, consent_acked_at TEXT,
    CHECK ((consent_id IS NULL) = (consent_state IS NULL)
        AND (consent_id IS NULL OR (receipt IS NOT NULL AND receipt_secret IS NOT NULL
            AND consent_at IS NOT NULL AND campaign_id IS NOT NULL
            AND notice_version IS NOT NULL AND notice_hash IS NOT NULL
            AND phone_masked IS NOT NULL))));
INSERT INTO saves(seq, id, at, mpp_code, counter, clerk, service_code, agency_code, outcome,
    not_asked_reason, sync_state, batch_id, attempts, last_error, acked_at, audit_seq,
    consent_id, receipt, receipt_secret, consent_at, campaign_id, notice_version,
    notice_hash, phone_masked, phone_sealed, sealed_to, sealed_key, withdrawn_at,
    consent_state, consent_batch, consent_attempts, consent_error, consent_acked_at)
SELECT v.seq, v.id, v.at, v.mpp_code, v.counter, v.clerk, v.service_code, v.agency_code,
    v.outcome, v.not_asked_reason, v.sync_state, v.batch_id, v.attempts, v.last_error,
    v.acked_at, v.audit_seq, c.id, c.receipt, c.receipt_secret, c.at, c.campaign_id,
    c.notice_version, c.notice_hash, c.phone_masked, c.phone_sealed, c.sealed_to,
    c.sealed_key, c.withdrawn_at, c.sync_state, c.batch_id, coalesce(c.attempts, 0),
    c.last_error, c.acked_at
FROM visits v LEFT JOIN consents c ON c.id = v.consent_id ORDER BY v.seq;
CREATE TABLE legacy_ids(id TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO legacy_ids(id, seq) SELECT id, seq FROM saves
    UNION ALL SELECT consent_id, seq FROM saves WHERE consent_id IS NOT NULL;
CREATE TABLE save_days(day TEXT PRIMARY KEY, first_seq INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO save_days(day, first_seq) SELECT substr(at, 1, 10), min(seq) FROM saves GROUP BY 1;
INSERT OR REPLACE INTO settings(key, value) SELECT '{UNSENT_FROM}', coalesce(
    (SELECT min(seq) FROM saves WHERE sync_state = 'pending' OR consent_state = 'pending'),
    (SELECT max(seq) + 1 FROM saves), 1);
DROP VIEW outbox;
CREATE TABLE voids_new(id TEXT PRIMARY KEY, visit_id TEXT NOT NULL UNIQUE, at TEXT NOT NULL,
    reason TEXT NOT NULL, mpp_code TEXT NOT NULL, counter TEXT NOT NULL, clerk TEXT NOT NULL,
    sync_state TEXT NOT NULL DEFAULT 'pending' CHECK (sync_state IN {STATES}),
    batch_id TEXT, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, acked_at TEXT,
    seq INTEGER) WITHOUT ROWID;
INSERT INTO voids_new SELECT id, visit_id, at, reason, mpp_code, counter, clerk, sync_state,
    batch_id, attempts, last_error, acked_at, seq FROM voids;
DROP TABLE voids;
ALTER TABLE voids_new RENAME TO voids;
CREATE INDEX voids_sync ON voids(sync_state, seq);
CREATE INDEX voids_seq ON voids(seq);
DROP TABLE consents;
DROP TABLE visits;
CREATE UNIQUE INDEX saves_receipt ON saves(receipt) WHERE receipt IS NOT NULL;
CREATE INDEX saves_in_flight ON saves(batch_id) WHERE sync_state = 'in_flight';
CREATE INDEX saves_consent_in_flight ON saves(consent_batch) WHERE consent_state = 'in_flight';
CREATE INDEX saves_rejected ON saves(seq) WHERE sync_state = 'rejected';
CREATE INDEX saves_consent_rejected ON saves(seq) WHERE consent_state = 'rejected';
CREATE INDEX saves_sealed ON saves(consent_acked_at)
    WHERE phone_sealed IS NOT NULL AND consent_state = 'acked';
CREATE INDEX saves_withdrawn ON saves(seq)
    WHERE withdrawn_at IS NOT NULL AND phone_sealed IS NOT NULL;
CREATE TRIGGER saves_day AFTER INSERT ON saves BEGIN
    INSERT OR IGNORE INTO save_days(day, first_seq) VALUES (substr(NEW.at, 1, 10), NEW.seq);
END;
CREATE TRIGGER saves_pending AFTER UPDATE OF sync_state, consent_state ON saves
WHEN (NEW.sync_state = 'pending' AND OLD.sync_state IS NOT 'pending')
    OR (NEW.consent_state = 'pending' AND OLD.consent_state IS NOT 'pending') BEGIN
    UPDATE settings SET value = min(CAST(value AS INTEGER), NEW.seq)
    WHERE key = '{UNSENT_FROM}';
END;
CREATE VIEW visits({_VISIT_COLS}) AS SELECT {_VISIT_COLS} FROM saves;
CREATE TRIGGER visits_update INSTEAD OF UPDATE ON visits BEGIN
    UPDATE saves SET {_assign(_VISIT_COLS, _VISIT_COLS)}, seq = NEW.seq WHERE seq = OLD.seq;
END;
CREATE VIEW consents({_CONSENT_COLS}) AS SELECT {_CONSENT_SRC} FROM saves
    WHERE consent_id IS NOT NULL;
CREATE TRIGGER consents_update INSTEAD OF UPDATE ON consents BEGIN
    UPDATE saves SET {_assign(_CONSENT_COLS, _CONSENT_SRC)} WHERE seq = OLD.seq;
END;
CREATE VIEW audit_log(seq, at, actor, action, detail, prev_hash, hash) AS
    SELECT seq, at, actor, action, detail, prev_hash, hash FROM audit
    UNION ALL SELECT audit_seq, at, clerk, 'save',
        'visit ' || id || ' ' || outcome || coalesce(' receipt ' || receipt, ''),
        audit_prev, audit_hash FROM saves WHERE audit_hash IS NOT NULL;
CREATE VIEW outbox(record_id, kind, seq, state, batch_id, attempts, last_error, acked_at)
AS SELECT id, 'visit', seq, sync_state, batch_id, attempts, last_error, acked_at FROM saves
UNION ALL SELECT consent_id, 'consent', seq, consent_state, consent_batch, consent_attempts,
    consent_error, consent_acked_at FROM saves WHERE consent_id IS NOT NULL
UNION ALL SELECT id, 'withdrawal', seq, sync_state, batch_id, attempts, last_error,
    acked_at FROM withdrawals
UNION ALL SELECT id, 'void', seq, sync_state, batch_id, attempts, last_error, acked_at
    FROM voids;
CREATE TRIGGER outbox_update INSTEAD OF UPDATE ON outbox BEGIN
    UPDATE saves SET sync_state = NEW.state, batch_id = NEW.batch_id,
        attempts = NEW.attempts, last_error = NEW.last_error, acked_at = NEW.acked_at
        WHERE OLD.kind = 'visit' AND seq = OLD.seq AND id = OLD.record_id;
    UPDATE saves SET consent_state = NEW.state, consent_batch = NEW.batch_id,
        consent_attempts = NEW.attempts, consent_error = NEW.last_error,
        consent_acked_at = NEW.acked_at
        WHERE OLD.kind = 'consent' AND seq = OLD.seq AND consent_id = OLD.record_id;
    UPDATE withdrawals SET sync_state = NEW.state, batch_id = NEW.batch_id,
        attempts = NEW.attempts, last_error = NEW.last_error, acked_at = NEW.acked_at
        WHERE OLD.kind = 'withdrawal' AND id = OLD.record_id;
    UPDATE voids SET sync_state = NEW.state, batch_id = NEW.batch_id,
        attempts = NEW.attempts, last_error = NEW.last_error, acked_at = NEW.acked_at
        WHERE OLD.kind = 'void' AND id = OLD.record_id;
END;
"""

# Schema 10: a receipt code holds its save's sequence number (receipt_codes.py), so no
# index on codes is written by each save. The codes given before were drawn at random:
# they are found, and never given again, through ``legacy_receipts``. The store's key for
# the codes is made in Python (receipt_codes.create_key), in the same transaction.
RECEIPTS = """
CREATE TABLE legacy_receipts(receipt TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO legacy_receipts(receipt, seq) SELECT receipt, seq FROM saves
    WHERE receipt IS NOT NULL;
DROP INDEX saves_receipt;
"""
