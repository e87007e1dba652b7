"""Server-side console sessions, shared by every central process through the database.

The cookie carries 256 random bits; the table keeps only their sha256, so neither a
database copy nor a log line can be turned back into a cookie. A session ends after
30 minutes without a request or 12 hours after sign-in, whichever comes first, and at
sign-out (the row is deleted: every process refuses the cookie from then on). The last
request time is written at most once a minute, so reading a page is not a write.
``now`` is injectable so tests expire a session without waiting.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, select

from .. import db
from .tables import console_sessions, console_users

IDLE = timedelta(minutes=30)
ABSOLUTE = timedelta(hours=12)
TOUCH_EVERY = timedelta(minutes=1)
COOKIE = "mpp_console"


def digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("ascii", "replace")).hexdigest()


@dataclass(frozen=True)
class Live:
    """A live session and its user, as read for one request."""

    user_id: int
    username: str
    role: str
    mpp: str | None
    csrf: str


def start(conn: Any, user_id: int, now: Callable[[], datetime] = db.now) -> str:
    """A new session for the user (on the sign-in's transaction); returns the cookie value."""
    session_id = secrets.token_urlsafe(32)
    t = db.iso(now())
    conn.execute(
        console_sessions.insert().values(
            id_sha256=digest(session_id),
            user_id=user_id,
            csrf=secrets.token_urlsafe(32),
            created_at=t,
            seen_at=t,
        )
    )
    return session_id


def lookup(
    engine: Engine, session_id: str | None, now: Callable[[], datetime] = db.now
) -> Live | None:
    """The session behind a cookie, or None when unknown, expired or its user disabled."""
    if not session_id or len(session_id) > 100:
        return None
    key = digest(session_id)
    t = now()
    s, u = console_sessions.c, console_users.c
    q = (
        select(s.user_id, s.csrf, s.created_at, s.seen_at, u.username, u.role, u.mpp)
        .select_from(console_sessions.join(console_users, u.id == s.user_id))
        .where(s.id_sha256 == key, u.disabled_at.is_(None))
    )
    with db.reading(engine) as conn:
        row = conn.execute(q).first()
    if row is None:
        return None
    if row.seen_at <= db.iso(t - IDLE) or row.created_at <= db.iso(t - ABSOLUTE):
        end(engine, session_id)
        return None
    if row.seen_at <= db.iso(t - TOUCH_EVERY):
        with engine.begin() as conn:
            conn.execute(
                console_sessions.update().where(s.id_sha256 == key).values(seen_at=db.iso(t))
            )
    return Live(row.user_id, row.username, row.role, row.mpp, row.csrf)


def end(engine: Engine, session_id: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            console_sessions.delete().where(console_sessions.c.id_sha256 == digest(session_id))
        )


def sweep(conn: Any, now: Callable[[], datetime] = db.now) -> None:
    """Delete sessions past either limit (done at each sign-in: the table stays small)."""
    t = now()
    s = console_sessions.c
    conn.execute(
        console_sessions.delete().where(
            (s.seen_at <= db.iso(t - IDLE)) | (s.created_at <= db.iso(t - ABSOLUTE))
        )
    )
