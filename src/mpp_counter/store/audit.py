"""The audit log: who did what when, never a number; hash-chained so a gap shows."""

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


_APPEND = f"""
INSERT INTO audit(seq, at, actor, action, detail, prev_hash, hash)
SELECT s, :at, :actor, :action, :detail, p, audit_digest(p, s, :at, :actor, :action, :detail)
FROM (SELECT coalesce(max(seq), 0) + 1 AS s,
             coalesce((SELECT hash FROM audit ORDER BY seq DESC LIMIT 1), '{GENESIS}') AS p
      FROM audit)
"""


def register(con: Connection) -> None:
    """The chain's hash as an SQL function, so appending is one statement."""
    con.create_function("audit_digest", 6, _digest, deterministic=True)


def append(con: Connection, actor: str, action: str, detail: str = "") -> None:
    """Add one row inside the caller's transaction."""
    con.execute(_APPEND, {"at": datetime.now(UTC).isoformat(), "actor": actor,
                          "action": action, "detail": detail})


@dataclass(frozen=True)
class AuditProblem:
    seq: int
    reason: str


def verify(con: Connection) -> tuple[int, list[AuditProblem]]:
    """Recompute the chain; returns (rows checked, problems)."""
    problems: list[AuditProblem] = []
    prev, expected, n = GENESIS, 1, 0
    for seq, at, actor, action, detail, prev_hash, digest in con.execute(
            "SELECT seq, at, actor, action, detail, prev_hash, hash FROM audit ORDER BY seq"):
        n += 1
        if seq != expected:
            problems.append(AuditProblem(seq, f"rows {expected}..{seq - 1} are missing"))
        if prev_hash != prev:
            problems.append(AuditProblem(seq, "does not follow the row before it"))
        if _digest(prev_hash, seq, at, actor, action, detail) != digest:
            problems.append(AuditProblem(seq, "was changed after it was written"))
        prev, expected = digest, seq + 1
    return n, problems


def rows(con: Connection, limit: int = 200) -> list[tuple[str, str, str, str]]:
    return [tuple(r) for r in con.execute(
        "SELECT at, actor, action, detail FROM audit ORDER BY seq DESC LIMIT ?", (limit,))]
