"""The console's own tables: accounts and server-side sessions (the audit is audit.py).

Sessions live in the database so any number of central processes share them; only the
sha256 of a session id is stored, so a copy of the database signs nobody in. Passwords
are Argon2id strings (PyNaCl); the TOTP secret must be readable to check a code, which
is why a stolen database still lacks each user's password.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, Integer, String, Table, Text

from .. import db

T = db.T

console_users = Table(
    "console_users",
    db.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(32), nullable=False, unique=True),
    Column("role", String(16), nullable=False),  # operator | mpp-admin | survey
    Column("mpp", String(32)),  # only for mpp-admin
    Column("password_hash", Text, nullable=False),
    Column("totp_secret", String(64), nullable=False),
    Column("last_totp_step", BigInteger, nullable=False, server_default="0"),
    Column("failures", Integer, nullable=False, server_default="0"),
    Column("locked_until", T),
    Column("created_at", T, nullable=False),
    Column("disabled_at", T),
)

console_sessions = Table(
    "console_sessions",
    db.metadata,
    Column("id_sha256", String(64), primary_key=True),
    Column("user_id", Integer, nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_at", T, nullable=False),
    Column("seen_at", T, nullable=False),
)

Index("console_sessions_user", console_sessions.c.user_id)
# the counters page lists an MPP's devices for its administrator
Index("devices_mpp", db.devices.c.mpp, db.devices.c.counter, db.devices.c.id)
