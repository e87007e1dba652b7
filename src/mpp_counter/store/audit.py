"""The audit log: who did what when, never a number; hash-chained so a gap shows.

Each row carries the hash of the row before it, so an edited or deleted row breaks the
chain at the next one. The chain alone cannot see rows cut off its end, so the last
sequence number is also kept outside the log and the next row continues after it: a
truncated tail leaves a gap that ``verify`` names. A save's row is part of the save
itself (``saves.audit_seq``/``audit_prev``/``audit_hash``, schema 9: no row of its own),
every other action's is in ``audit`` with its number in ``settings`` (``audit_last_seq``);
``audit_log`` is the whole chain. Someone holding
the database key can rewrite everything consistently; the log makes tampering visible to
anyone who does not take that much care, it does not make it impossible.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from json.encoder import encode_basestring as _json_text

from ..domain import record_ids
from .db import Connection

GENESIS = "0" * 64


def digest(prev: str, seq: int, at: str, actor: str, action: str, detail: str) -> str:
    """SHA-256 of the previous hash and ``json.dumps([seq, at, actor, action, detail],
    ensure_ascii=False)``, the list's text built directly (the same bytes, a third of the
    time: this runs in every save)."""
    body = f"[{_text(seq)}, {_text(at)}, {_text(actor)}, {_text(action)}, {_text(detail)}]"
    return hashlib.sha256((prev + body).encode("utf-8")).hexdigest()


def save_digest(prev: str, seq: int, at: str, actor: str, detail: str) -> str:
    """``digest(prev, seq, at, actor, "save", detail)`` for a save, whose time (ISO 8601)
    and detail (ids, an outcome, a receipt code) hold nothing JSON escapes: the same bytes,
    with the actor's name the only text escaped."""
    body = f'[{seq}, "{at}", {_json_text(actor)}, "save", "{detail}"]'
    return hashlib.sha256((prev + body).encode("utf-8")).hexdigest()


def _text(value: object) -> str:
    if isinstance(value, str):
        return str(_json_text(value))
    if type(value) is int:
        return str(value)
    return json.dumps(value, ensure_ascii=False)


HEAD = "audit_last_seq"

# The chain's last row: the last action's (``audit``) or the last save's (``saves``, whose
# newest row holds the highest number of the saves' rows), whichever is later; and the
# number after it, never below the number kept in settings. A last hash someone deleted
# is taken as the genesis: the save goes on, and verify names the break.
LAST = f"""
SELECT max(a, s, h) + 1 AS n, coalesce(CASE WHEN s > a THEN sh ELSE ah END, '{GENESIS}') AS p
FROM (
    SELECT coalesce((SELECT max(seq) FROM audit), 0) AS a,
        coalesce((SELECT hash FROM audit ORDER BY seq DESC LIMIT 1), '{GENESIS}') AS ah,
        coalesce((SELECT audit_seq FROM saves ORDER BY seq DESC LIMIT 1), 0) AS s,
        (SELECT audit_hash FROM saves ORDER BY seq DESC LIMIT 1) AS sh,
        coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = '{HEAD}'), 0) AS h)
"""
_APPEND = f"""
INSERT INTO audit(seq, at, actor, action, detail, prev_hash, hash)
SELECT n, :at, :actor, :action, :detail, p, audit_digest(p, n, :at, :actor, :action, :detail)
FROM ({LAST})
RETURNING seq
"""
_HEAD = f"""
INSERT INTO settings(key, value) VALUES ('{HEAD}', :seq)
ON CONFLICT(key) DO UPDATE SET value = excluded.value
"""


# A save made before schema 9 keeps the number of its audit row (in ``audit``) in its
# row. A missing row shows as a gap, or past the end as a cut-off tail; a row holding
# something else (the tail cut off, then written again) is named here.
_SAVES_UNLOGGED = """
SELECT v.audit_seq, v.id FROM saves v JOIN audit a ON a.seq = v.audit_seq
WHERE a.action != 'save' OR substr(a.detail, 1, length(v.id) + 6) != 'visit ' || v.id
ORDER BY v.audit_seq
"""


def register(con: Connection) -> None:
    """The chain's hash as an SQL function, so appending is one statement; and the
    sequence number a record id holds (record_ids.seq_in), to find a save by its id."""
    con.create_function("audit_digest", 6, digest, deterministic=True)
    con.create_function("record_seq", 1, record_ids.seq_in, deterministic=True)


def append(con: Connection, actor: str, action: str, detail: str = "") -> int:
    """Add one row inside the caller's transaction; returns its number."""
    seq = int(
        con.execute(
            _APPEND,
            {
                "at": datetime.now(UTC).isoformat(),
                "actor": actor,
                "action": action,
                "detail": detail,
            },
        ).fetchone()[0]
    )
    con.execute(_HEAD, {"seq": str(seq)})
    return seq


def append_or_defer(con: Connection, actor: str, action: str, detail: str = "") -> bool:
    """One row in its own transaction; when the disk cannot take it (full, read-only,
    failing) the row is kept on the connection and written, marked late, at the start of
    the next transaction that succeeds. Returns whether it is in the log now.

    Used only for rows that record a read (unlock, export): reading must work on a full
    or read-only disk, and nothing is changed under a session whose unlock is not logged
    first (``db.transaction`` writes the deferred rows before anything else)."""
    import logging

    from ..domain.errors import DiskError
    from .db import transaction

    try:
        with transaction(con):
            append(con, actor, action, detail)
        return True
    except DiskError as exc:
        at = datetime.now(UTC).isoformat(timespec="seconds")
        con.deferred.append((actor, action, detail, at))
        logging.getLogger(__name__).warning(
            "the disk cannot take the audit row now (%s, %s): it is written at the next "
            "change this session saves, or not at all if none is",
            action,
            exc.kind,
        )
        return False


def append_late(con: Connection, rows: list[tuple[str, str, str, str]]) -> None:
    """Deferred rows, inside the caller's transaction, each saying when it happened."""
    for actor, action, detail, at in rows:
        late = f"{detail}; at {at}, recorded late (the disk could not take it then)"
        append(con, actor, action, late.lstrip("; "))


@dataclass(frozen=True)
class AuditProblem:
    seq: int
    reason: str


def verify(con: Connection) -> tuple[int, list[AuditProblem]]:
    """Recompute the chain; returns (rows checked, problems)."""
    problems: list[AuditProblem] = []
    prev, expected, n = GENESIS, 1, 0
    for seq, at, actor, action, detail, prev_hash, stored in con.execute(
        "SELECT seq, at, actor, action, detail, prev_hash, hash FROM audit_log ORDER BY seq"
    ):
        n += 1
        if seq != expected:
            problems.append(AuditProblem(seq, f"rows {expected}..{seq - 1} are missing"))
        if prev_hash != prev:
            problems.append(AuditProblem(seq, "does not follow the row before it"))
        if digest(prev_hash, seq, at, actor, action, detail) != stored:
            problems.append(AuditProblem(seq, "was changed after it was written"))
        prev, expected = stored, seq + 1
    row = con.execute("SELECT value FROM settings WHERE key = ?", (HEAD,)).fetchone()
    head = int(row[0]) if row and str(row[0]).isdigit() else 0
    saved = con.execute("SELECT max(audit_seq) FROM saves").fetchone()[0]
    head = max(head, int(saved or 0))
    for seq, visit_id in con.execute(_SAVES_UNLOGGED):
        problems.append(AuditProblem(int(seq), f"should be the save of visit {visit_id}"))
    if head >= expected:
        problems.append(AuditProblem(expected, f"rows {expected}..{head} at the end are missing"))
    return n, problems


def rows(con: Connection, limit: int = 200) -> list[tuple[str, str, str, str]]:
    return [
        tuple(r)
        for r in con.execute(
            "SELECT at, actor, action, detail FROM audit_log ORDER BY seq DESC LIMIT ?", (limit,)
        )
    ]
