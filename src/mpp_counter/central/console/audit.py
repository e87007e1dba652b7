"""Who did what in the console: every sign-in (good or bad), sign-out and POST action.

One row per event, written in the same transaction as the change it describes when
there is one, so the audit cannot say something happened that did not (or miss what
did). ``actor`` is the username (or what was typed at a failed sign-in, cut short);
``detail`` is small JSON and never holds a password, code, token or phone number.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, Index, Integer, String, Table, Text

from .. import db

if TYPE_CHECKING:
    from .auth import Viewer

console_audit = Table(
    "console_audit",
    db.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", db.T, nullable=False),
    Column("actor", String(64), nullable=False),
    Column("role", String(16), nullable=False),
    Column("action", String(64), nullable=False),
    Column("target", String(200), nullable=False),
    Column("detail", Text, nullable=False),
    Column("ip", String(64), nullable=False),
)

Index("console_audit_at", console_audit.c.at)


def record(
    conn: Any,
    viewer: Viewer | None,
    action: str,
    target: str = "",
    detail: dict[str, Any] | None = None,
    ip: str = "",
    actor: str | None = None,
) -> None:
    """Add one audit row on ``conn`` (the caller's transaction)."""
    name = actor if actor is not None else (viewer.username if viewer else "")
    conn.execute(
        console_audit.insert().values(
            at=db.iso(db.now()),
            actor=name[:64],
            role=(viewer.role if viewer else "")[:16],
            action=action[:64],
            target=target[:200],
            detail=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)[:4000],
            ip=ip[:64],
        )
    )


def page_of(conn: Any, before: int | None, size: int = 50) -> list[Any]:
    """Newest first, ``size`` rows older than id ``before``: keyset paging on the key."""
    q = console_audit.select().order_by(console_audit.c.id.desc()).limit(size)
    if before is not None:
        q = q.where(console_audit.c.id < before)
    return list(conn.execute(q).all())
