"""Accounts and sessions on a real database of each backend, with the clock injected:
the TOTP window and replay, the lock-out and its end, session idle and absolute
timeouts, disabling and resetting a user; and the ``user`` command's refusals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pyotp
import pytest

from mpp_counter.central import db
from mpp_counter.central.console import accounts, sessions
from mpp_counter.central.console.tables import console_sessions, console_users

from ._console import PASSWORD, add_account, user_cli

T0 = datetime(2026, 3, 2, 1, 30, 10, tzinfo=UTC)


@pytest.fixture
def engine(db_url: str) -> Any:
    e = db.make_engine(db_url)
    yield e
    e.dispose()


def attempt(engine: Any, user: str, password: str, code: str, at: datetime) -> str:
    with engine.begin() as conn:
        return accounts.sign_in(conn, user, password, code, now=lambda: at)[1]


def test_totp_window_replay_and_lock_out(db_url: str, engine: Any) -> None:
    ops = add_account(db_url, "ops", "operator")
    totp = pyotp.TOTP(ops.secret)
    at = lambda dt: totp.at(dt)  # noqa: E731
    assert attempt(engine, "ops", PASSWORD, at(T0 - timedelta(seconds=60)), T0) == "totp"
    assert attempt(engine, "ops", PASSWORD, at(T0 + timedelta(seconds=60)), T0) == "totp"
    assert attempt(engine, "ops", PASSWORD, at(T0 - timedelta(seconds=30)), T0) == "ok"
    assert attempt(engine, "ops", PASSWORD, at(T0 - timedelta(seconds=30)), T0) == "replay"
    assert attempt(engine, "ops", PASSWORD, at(T0), T0) == "ok"  # a later step is fine
    assert attempt(engine, "ops", PASSWORD, at(T0), T0) == "replay"
    assert attempt(engine, "ops", PASSWORD, at(T0 + timedelta(seconds=30)), T0) == "ok"
    # a success clears the count: five failures in a row lock, four do not
    t = T0 + timedelta(minutes=1)
    for _ in range(4):
        assert attempt(engine, "ops", "wrong-password-x", at(t), t) == "password"
    assert attempt(engine, "ops", PASSWORD, "12345", t) == "totp+locked"
    assert attempt(engine, "ops", PASSWORD, at(t), t) == "locked"
    t14 = t + timedelta(minutes=14, seconds=59)
    assert attempt(engine, "ops", PASSWORD, at(t14), t14) == "locked"
    t15 = t + timedelta(minutes=15, seconds=1)
    assert attempt(engine, "ops", PASSWORD, at(t15), t15) == "ok"
    with engine.connect() as conn:
        row = conn.execute(console_users.select()).one()
    assert row.failures == 0 and row.locked_until is None
    assert row.password_hash.startswith("$argon2id$") and PASSWORD not in row.password_hash


def test_session_timeouts_with_an_injected_clock(db_url: str, engine: Any) -> None:
    add_account(db_url, "ops", "operator")
    with engine.begin() as conn:
        user_id = conn.execute(console_users.select()).one().id
        sid = sessions.start(conn, user_id, lambda: T0)
    with engine.connect() as conn:
        stored = conn.execute(console_sessions.select()).one()
    assert stored.id_sha256 != sid and sid not in stored.id_sha256 and len(sid) >= 43
    t = T0
    for _ in range(29):  # busy for 11.6 hours, one request every 24 minutes
        t += timedelta(minutes=24)
        assert sessions.lookup(engine, sid, lambda t=t: t) is not None
    assert sessions.lookup(engine, sid, lambda: T0 + timedelta(hours=12, seconds=1)) is None
    with engine.begin() as conn:
        sid = sessions.start(conn, user_id, lambda: T0)
    assert sessions.lookup(engine, sid, lambda: T0 + timedelta(minutes=29)) is not None
    assert sessions.lookup(engine, sid, lambda: T0 + timedelta(minutes=59, seconds=1)) is None
    assert sessions.lookup(engine, sid, lambda: T0 + timedelta(minutes=30)) is None  # deleted
    assert sessions.lookup(engine, "x" * 500, lambda: T0) is None


def test_disable_and_reset(db_url: str, engine: Any) -> None:
    ops = add_account(db_url, "ops", "operator")
    with engine.begin() as conn:
        user_id = conn.execute(console_users.select()).one().id
        sid = sessions.start(conn, user_id)
    assert user_cli(db_url, "disable", "ops")[0] == 0
    assert sessions.lookup(engine, sid) is None
    now = datetime.now(UTC)
    code = pyotp.TOTP(ops.secret).at(now)
    assert attempt(engine, "ops", PASSWORD, code, now) == "disabled"
    code_, out, _ = user_cli(db_url, "reset", "ops", stdin="another-long-password\n")
    assert code_ == 0 and "otpauth://" in out
    new_secret = out.split("secret=")[1].split("&")[0]
    assert new_secret != ops.secret
    assert attempt(engine, "ops", PASSWORD, pyotp.TOTP(new_secret).at(now), now) == "password"
    good = pyotp.TOTP(new_secret).at(now)
    assert attempt(engine, "ops", "another-long-password", good, now) == "ok"
    assert user_cli(db_url, "list")[1].split() == ["ops", "operator", "-", "active"]


@pytest.mark.parametrize(
    ("args", "stdin", "says"),
    [
        (["add", "A", "--role", "operator"], PASSWORD, "A username is 2-32 characters"),
        (["add", "x" * 33, "--role", "operator"], PASSWORD, "A username is 2-32"),
        (["add", "bad name", "--role", "operator"], PASSWORD, "A username is 2-32"),
        (["add", "../etc", "--role", "operator"], PASSWORD, "A username is 2-32"),
        (["add", "ops", "--role", "root"], PASSWORD, "The role must be one of"),
        (["add", "ops", "--role", "mpp-admin"], PASSWORD, "An mpp-admin needs --mpp"),
        (["add", "ops", "--role", "mpp-admin", "--mpp", "B" * 33], PASSWORD, "needs --mpp"),
        (["add", "ops", "--role", "operator", "--mpp", "BKL01"], PASSWORD, "leave out --mpp"),
        (["add", "ops", "--role", "operator"], "short", "A password needs 12 to 256"),
        (["add", "ops", "--role", "operator"], "p" * 257, "A password needs 12 to 256"),
        (["add", "ops", "--role", "operator"], "", "No password on stdin"),
        (["add", "ops", "--role", "operator"], "\udcff" * 20, "not valid UTF-8"),
        (["disable", "nobody"], "", "There is no user nobody."),
        (["reset", "nobody"], PASSWORD, "There is no user nobody."),
    ],
)
def test_user_command_refuses_garbage(
    sqlite_url: str, args: list[str], stdin: str, says: str
) -> None:
    code, out, err = user_cli(sqlite_url, *args, stdin=stdin + "\n" if stdin else "")
    assert code == 2, (out, err)
    assert err.startswith("mpp-central: ") and says in err and "Traceback" not in err
    assert user_cli(sqlite_url, "list")[1] == ""  # nothing was made


def test_user_add_twice_is_refused(sqlite_url: str) -> None:
    add_account(sqlite_url, "ops", "operator")
    code, _, err = user_cli(sqlite_url, "add", "ops", "--role", "survey", stdin=PASSWORD + "\n")
    assert code == 2 and "There is already a user ops." in err
    assert user_cli(sqlite_url, "list")[1].split() == ["ops", "operator", "-", "active"]
