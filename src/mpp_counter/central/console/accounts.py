"""Console accounts: Argon2id passwords, a TOTP second factor, lock-out in the database.

Passwords are hashed with Argon2id through PyNaCl (libsodium, already the counter's
sealing library: no second crypto stack). TOTP is RFC 6238 (pyotp), 30-second steps,
accepted one step either side; the step last used is stored and a code is taken only
by a conditional UPDATE that raises it, so a code seen over a shoulder cannot be
replayed, not even on another central process. Five failures (password or code, in any
mix) lock the account for 15 minutes; the refusal never says which part was wrong,
nor whether the account exists.
"""

from __future__ import annotations

import functools
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pyotp
from nacl import pwhash
from nacl.exceptions import InvalidkeyError
from sqlalchemy import Engine

from ...domain.errors import BadInput, MppError
from .. import db
from .tables import console_sessions, console_users

ROLES = ("operator", "mpp-admin", "survey")
MAX_FAILURES = 5
LOCK_FOR = timedelta(minutes=15)
STEP_S = 30
ISSUER = "mpp-counter central"
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
MPP = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
MIN_PASSWORD, MAX_PASSWORD = 12, 256


class NoSuchUser(MppError):
    exit_code = 2


@dataclass(frozen=True)
class Enrolled:
    """What ``user add``/``user reset`` shows once: the TOTP secret as a URI."""

    username: str
    provisioning_uri: str


def check_username(name: str) -> str:
    if not USERNAME.match(name):
        raise BadInput(
            "A username is 2-32 characters: lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter or digit."
        )
    return name


def check_role(role: str, mpp: str | None) -> str | None:
    if role not in ROLES:
        raise BadInput("The role must be one of: operator, mpp-admin, survey.")
    if role == "mpp-admin":
        if not mpp or not MPP.match(mpp):
            raise BadInput("An mpp-admin needs --mpp with the MPP's code (up to 32 characters).")
        return mpp
    if mpp:
        raise BadInput("Only an mpp-admin belongs to one MPP: leave out --mpp.")
    return None


def check_password(password: str) -> bytes:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise BadInput(
            "A password needs {lo} to {hi} characters.", lo=MIN_PASSWORD, hi=MAX_PASSWORD
        )
    try:
        return password.encode("utf-8")
    except UnicodeEncodeError as exc:  # non-UTF-8 bytes on stdin arrive as surrogates
        raise BadInput("The password is not valid UTF-8 text.") from exc


def hash_password(password: str) -> str:
    return pwhash.argon2id.str(check_password(password)).decode("ascii")


def _uri(username: str, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def add_user(engine: Engine, username: str, role: str, mpp: str | None, password: str) -> Enrolled:
    check_username(username)
    mpp = check_role(role, mpp)
    hashed = hash_password(password)
    secret = pyotp.random_base32()
    with engine.begin() as conn:
        taken = conn.execute(
            console_users.select().where(console_users.c.username == username)
        ).first()
        if taken is not None:
            raise BadInput("There is already a user {name}.", name=username)
        conn.execute(
            console_users.insert().values(
                username=username,
                role=role,
                mpp=mpp,
                password_hash=hashed,
                totp_secret=secret,
                created_at=db.iso(db.now()),
            )
        )
    return Enrolled(username, _uri(username, secret))


def _user(conn: Any, username: str) -> Any:
    row = conn.execute(console_users.select().where(console_users.c.username == username)).first()
    if row is None:
        raise NoSuchUser("There is no user {name}.", name=username[:40])
    return row


def reset_user(engine: Engine, username: str, password: str) -> Enrolled:
    """New password and TOTP secret, lock lifted, every session of the user ended."""
    hashed = hash_password(password)
    secret = pyotp.random_base32()
    with engine.begin() as conn:
        row = _user(conn, username)
        conn.execute(
            console_users.update()
            .where(console_users.c.id == row.id)
            .values(
                password_hash=hashed,
                totp_secret=secret,
                last_totp_step=0,
                failures=0,
                locked_until=None,
                disabled_at=None,
            )
        )
        conn.execute(console_sessions.delete().where(console_sessions.c.user_id == row.id))
    return Enrolled(username, _uri(username, secret))


def disable_user(engine: Engine, username: str) -> None:
    with engine.begin() as conn:
        row = _user(conn, username)
        conn.execute(
            console_users.update()
            .where(console_users.c.id == row.id)
            .values(disabled_at=db.iso(db.now()))
        )
        conn.execute(console_sessions.delete().where(console_sessions.c.user_id == row.id))


def list_users(engine: Engine) -> list[Any]:
    with db.reading(engine) as conn:
        return list(conn.execute(console_users.select().order_by(console_users.c.username)))


@functools.cache
def _dummy_hash() -> str:
    return pwhash.argon2id.str(secrets.token_bytes(16)).decode("ascii")


def _password_ok(stored: str, password: str) -> bool:
    try:
        return bool(pwhash.argon2id.verify(stored.encode("ascii"), password.encode("utf-8")))
    except (InvalidkeyError, ValueError, UnicodeEncodeError):
        return False


def _totp_step(secret: str, code: str, at: datetime) -> int | None:
    """The step (±1 around ``at``) whose code this is, or None."""
    if not re.fullmatch(r"\d{6}", code):
        return None
    totp = pyotp.TOTP(secret)
    here = int(at.timestamp()) // STEP_S
    for step in (here, here - 1, here + 1):
        if secrets.compare_digest(totp.at(step * STEP_S), code):
            return step
    return None


def sign_in(
    conn: Any,
    username: str,
    password: str,
    code: str,
    *,
    now: Callable[[], datetime] = db.now,
) -> tuple[Any, str]:
    """(user row or None, outcome) on the caller's transaction. Outcome is one of ok,
    unknown, disabled, locked, password, totp, replay: for the audit, never the page."""
    t = now()
    row = conn.execute(console_users.select().where(console_users.c.username == username)).first()
    if row is None:
        _password_ok(_dummy_hash(), password[:MAX_PASSWORD])  # the same time as a real one
        return None, "unknown"
    if row.disabled_at is not None:
        return None, "disabled"
    if row.locked_until is not None and row.locked_until > db.iso(t):
        return None, "locked"
    pw_ok = len(password) <= MAX_PASSWORD and _password_ok(row.password_hash, password)
    step = _totp_step(row.totp_secret, code.strip(), t) if pw_ok else None
    if pw_ok and step is not None:
        taken = conn.execute(
            console_users.update()
            .where(console_users.c.id == row.id)
            .where(console_users.c.last_totp_step < step)
            .values(last_totp_step=step, failures=0, locked_until=None)
        )
        if taken.rowcount == 1:
            return row, "ok"
    outcome = "password" if not pw_ok else "totp" if step is None else "replay"
    conn.execute(
        console_users.update()
        .where(console_users.c.id == row.id)
        .values(failures=console_users.c.failures + 1)
    )
    failures = (
        conn.execute(console_users.select().where(console_users.c.id == row.id)).one().failures
    )
    if failures >= MAX_FAILURES:
        conn.execute(
            console_users.update()
            .where(console_users.c.id == row.id)
            .values(failures=0, locked_until=db.iso(t + LOCK_FOR))
        )
        outcome += "+locked"
    return None, outcome
