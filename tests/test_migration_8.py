"""Schema 8 moves each record's sync state and sequence number out of the outbox table into
the record's own row, and schema 9 a visit with its consent into one row of ``saves``: an
existing store with records in every state, batches in flight, withdrawals and voids
keeps every one of them, as the outbox showed it before, and its audit chain."""

from __future__ import annotations

import uuid
from pathlib import Path

from mpp_counter.domain import receipt
from mpp_counter.domain.catalog import Service, parse_campaign
from mpp_counter.domain.records import Outcome
from mpp_counter.protocol.sealed import new_keypair, seal
from mpp_counter.store import (
    audit,
    outbox,
    receipt_codes,
    retention,
    save_ids,
    schema,
    visit_rows,
    visits,
)
from mpp_counter.store.counter import default_text
from mpp_counter.store.db import Connection, open_db

KEY = bytes(range(32))
OUTBOX = (
    "SELECT record_id, kind, seq, state, batch_id, attempts, last_error, acked_at"
    " FROM outbox ORDER BY record_id"
)
STATES = ("acked", "acked", "in_flight", "in_flight", "pending", "rejected", "pending")


def _code(i: int) -> str:
    """A well-formed code as the old store drew them (at random)."""
    return receipt.format_code(f"AAAABBB{i}" + receipt.check_symbol(f"AAAABBB{i}"))


def _schema7(path: Path) -> tuple[Connection, dict[str, str]]:
    """A store at schema 7 as that version's code left it: 7 visits (4 with a consent)
    in every outbox state, one batch in flight, a withdrawal and a void after them."""
    con = open_db(path, KEY, create=True)
    schema.migrate(con, target=7)
    _pk = new_keypair()[1]
    con.execute("INSERT INTO services VALUES ('DUK-KTP', 'DUKCAPIL', 'Dukcapil', 'KTP-el', '', 1)")
    ids: dict[str, str] = {}
    con.execute("BEGIN")
    for i, state in enumerate(STATES):
        seq = i + 1
        vid, cid = str(uuid.uuid4()), str(uuid.uuid4()) if i % 2 == 0 else None
        ids[f"visit{seq}"] = vid
        con.execute(
            "INSERT INTO visits VALUES (?, ?, ?, 'BKL01', 'Loket 1', 'admin', 'DUK-KTP',"
            " 'DUKCAPIL', ?, NULL, ?)",
            (vid, seq, f"2026-11-01T03:0{i}:00+00:00", "agreed" if cid else "declined", cid),
        )
        batch = "b-1" if state == "in_flight" else None
        acked = "2026-11-01T04:00:00+00:00" if state == "acked" else None
        error = "central: no" if state == "rejected" else None
        rows = [(vid, "visit")]
        if cid:
            ids[f"consent{seq}"] = cid
            con.execute(
                "INSERT INTO consents(id, visit_id, receipt, receipt_secret, at, campaign_id,"
                " notice_version, notice_hash, phone_masked, phone_sealed, sealed_to,"
                " sealed_key) VALUES (?, ?, ?, 's', ?, 'SPI-2026', 'v1', 'h', '08xx-xxxx-0001',"
                " ?, 'escrow', 'k')",
                (
                    cid,
                    vid,
                    _code(i),
                    f"2026-11-01T03:0{i}:00+00:00",
                    seal(_pk, "+6281200000001"),
                ),
            )
            rows.append((cid, "consent"))
        for rid, kind in rows:
            con.execute(
                "INSERT INTO outbox VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (rid, kind, seq, state, batch, 1 if batch or acked else 0, error, acked),
            )
    wid, void_id = str(uuid.uuid4()), str(uuid.uuid4())
    con.execute(
        "INSERT INTO withdrawals(id, at, consent_id, receipt, mpp_code, counter, clerk)"
        " VALUES (?, '2026-11-01T05:00:00+00:00', ?, ?, 'BKL01', 'Loket 1', 'admin')",
        (wid, ids["consent1"], _code(0)),
    )
    con.execute("INSERT INTO outbox(record_id, kind, seq) VALUES (?, 'withdrawal', 8)", (wid,))
    con.execute(
        "INSERT INTO voids VALUES (?, ?, '2026-11-01T05:01:00+00:00', 'duplicate', 'BKL01',"
        " 'Loket 1', 'admin')",
        (void_id, ids["visit2"]),
    )
    con.execute(
        "INSERT INTO outbox(record_id, kind, seq, state) VALUES (?, 'void', 9, 'acked')",
        (void_id,),
    )
    con.execute("INSERT INTO settings VALUES ('next_seq', '10')")
    at = "2026-11-01T02:00:00+00:00"  # the audit row as schema 7's code wrote it
    con.execute(
        "INSERT INTO audit VALUES (1, ?, 'admin', 'init', 'old store', ?, ?)",
        (at, audit.GENESIS, audit.digest(audit.GENESIS, 1, at, "admin", "init", "old store")),
    )
    con.execute("COMMIT")
    ids["withdrawal"], ids["void"] = wid, void_id
    return con, ids


def test_every_record_keeps_its_outbox_state_and_sequence(tmp_path: Path) -> None:
    con, ids = _schema7(tmp_path / "old.db")
    before = con.execute(OUTBOX).fetchall()
    assert len(before) == 13
    con.close()

    con = open_db(tmp_path / "old.db", KEY)
    try:
        assert schema.migrate(con) == 7
        assert schema.version(con) == schema.LATEST
        assert (tmp_path / "old.db.schema7.bak").exists()  # the backup before upgrading
        assert con.execute(OUTBOX).fetchall() == before  # the view shows what the table held
        assert (
            con.execute("SELECT name FROM sqlite_master WHERE name = 'outbox'").fetchone()[0]
            == "outbox"
        )
        assert con.execute("SELECT value FROM settings WHERE key = 'next_seq'").fetchone() is None
        # a consent keeps its visit's number; the next record continues after the last one
        for seq in (1, 3, 5, 7):
            assert con.execute(
                "SELECT seq FROM consents WHERE id = ?", (ids[f"consent{seq}"],)
            ).fetchone() == (seq,)
        assert visits.next_seq(con) == 10
        # the batch in flight is resent first, verbatim; then the pending ones
        batch = outbox.claim_batch(con, 25)
        assert batch is not None and batch.resent and batch.batch_id == "b-1"
        assert {e.record_id for e in batch.entries} == {
            ids["visit3"],
            ids["visit4"],
            ids["consent3"],
        }
        fresh = outbox.claim_batch(con, 25, frozenset({"b-1"}))
        assert fresh is not None and not fresh.resent
        assert [e.record_id for e in fresh.entries if e.kind == "visit"] == [
            ids["visit5"],
            ids["visit7"],
        ]
        assert {e.kind for e in fresh.entries} == {"visit", "consent", "withdrawal"}
        # the acknowledged consent's number is purged like before (the new partial index)
        assert retention.purge_expired(con) == 1
        assert con.execute(
            "SELECT phone_sealed FROM consents WHERE id = ?", (ids["consent1"],)
        ).fetchone() == (None,)
        # an UPDATE of the view reaches the record (a repair, the tests' own shortcut)
        con.execute("UPDATE outbox SET state = 'pending' WHERE record_id = ?", (ids["void"],))
        assert con.execute("SELECT sync_state FROM voids").fetchone() == ("pending",)
        n, problems = audit.verify(con)
        assert problems == []
        # schema 9: every visit and consent is a row of saves, found by its old id; the
        # chain goes on from the old log, through an action and a new save
        assert con.execute("SELECT count(*), count(consent_id) FROM saves").fetchone() == (7, 4)
        for name, rid in ids.items():
            if name.startswith(("visit", "consent")):
                column = "id" if name.startswith("visit") else "consent_id"
                assert con.execute(
                    f"SELECT count(*) FROM saves WHERE {save_ids.one(column, '?1')}", (rid,)
                ).fetchone() == (1,)
        audit.append(con, "admin", "check", "after the upgrade")
        new = visits.record(
            con,
            visits.SaveTarget.of(
                parse_campaign(default_text("campaign.json")),
                new_keypair()[1],
                "escrow",
                may_seal=True,
                mpp_code="BKL01",
                counter="Loket 1",
                codes=receipt_codes.of_store(con),
            ),
            service=Service("DUK-KTP", "DUKCAPIL", "Dukcapil", "KTP-el"),
            outcome=Outcome.AGREED,
            phone="0812-0000-0001",
            not_asked_reason=None,
            clerk="admin",
        )
        assert audit.verify(con) == (n + 2, [])
        # a code drawn before the upgrade and one made after are both found
        old_codes = [r[0] for r in con.execute("SELECT receipt FROM legacy_receipts")]
        assert old_codes and new.receipt not in old_codes
        for code in (*old_codes, new.receipt):
            assert code is not None
            consent_id, _visit, _withdrawn = visit_rows.find_consent(con, code)
            assert con.execute(
                f"SELECT receipt FROM saves WHERE {save_ids.one('consent_id', '?1')}",
                (consent_id,),
            ).fetchone() == (code,)
    finally:
        con.close()
