"""The audit log: who did what when, never a number; hash-chained so a gap shows.

Each row carries the hash of the row before it, so an edited or deleted row breaks the
chain at the next one. The chain alone cannot see rows cut off its end, so the last
sequence number is also kept in ``settings`` (``audit_last_seq``) and the next row
continues after it: a truncated tail leaves a gap that ``verify`` names. Someone holding
the database key can rewrite everything consistently; the log makes tampering visible to
anyone who does not take that much care, it does not make it impossible.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from .db import Connection

GENESIS = "0" * 64


def _digest(prev: str, seq: int, at: str, actor: str, action: str, detail: str) -> str:
    body = json.dumps([seq, at, actor, action, detail], ensure_ascii=False)
    return hashlib.sha256((prev + body).encode("utf-8")).hexdigest()


HEAD = "audit_last_seq"

_APPEND = f"""
INSERT INTO audit(seq, at, actor, action, detail, prev_hash, hash)
SELECT s, :at, :actor, :action, :detail, p, audit_digest(p, s, :at, :actor, :action, :detail)
FROM (SELECT max(coalesce((SELECT max(seq) FROM audit), 0),
                 coalesce((SELECT CAST(value AS INTEGER) FROM settings
                           WHERE key = '{HEAD}'), 0)) + 1 AS s,
             coalesce((SELECT hash FROM audit ORDER BY seq DESC LIMIT 1), '{GENESIS}') AS p)
RETURNING seq
"""
_HEAD = f"""
INSERT INTO settings(key, value) VALUES ('{HEAD}', :seq)
ON CONFLICT(key) DO UPDATE SET value = excluded.value
"""


def register(con: Connection) -> None:
    """The chain's hash as an SQL function, so appending is one statement."""
    con.create_function("audit_digest", 6, _digest, deterministic=True)


def append(con: Connection, actor: str, action: str, detail: str = "") -> None:
    """Add one row inside the caller's transaction."""
    seq = con.execute(
        _APPEND,
        {"at": datetime.now(UTC).isoformat(), "actor": actor, "action": action, "detail": detail},
    ).fetchone()[0]
    con.execute(_HEAD, {"seq": str(seq)})


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
    for seq, at, actor, action, detail, prev_hash, digest in con.execute(
        "SELECT seq, at, actor, action, detail, prev_hash, hash FROM audit ORDER BY seq"
    ):
        n += 1
        if seq != expected:
            problems.append(AuditProblem(seq, f"rows {expected}..{seq - 1} are missing"))
        if prev_hash != prev:
            problems.append(AuditProblem(seq, "does not follow the row before it"))
        if _digest(prev_hash, seq, at, actor, action, detail) != digest:
            problems.append(AuditProblem(seq, "was changed after it was written"))
        prev, expected = digest, seq + 1
    row = con.execute("SELECT value FROM settings WHERE key = ?", (HEAD,)).fetchone()
    head = int(row[0]) if row and str(row[0]).isdigit() else 0
    if head >= expected:
        problems.append(AuditProblem(expected, f"rows {expected}..{head} at the end are missing"))
    return n, problems


def rows(con: Connection, limit: int = 200) -> list[tuple[str, str, str, str]]:
    return [
        tuple(r)
        for r in con.execute(
            "SELECT at, actor, action, detail FROM audit ORDER BY seq DESC LIMIT ?", (limit,)
        )
    ]
