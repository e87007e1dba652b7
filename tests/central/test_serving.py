"""How the central serves its pages: a page that only reads (``db.reading``) neither waits
for nor holds up a batch on the default SQLite database, whose writers take the lock at
BEGIN (BEGIN IMMEDIATE); the access log names every route by its template."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from mpp_counter.central import db
from mpp_counter.central.app import BATCH_THREADS_ENV, batch_threads, create_app


def test_a_long_read_does_not_hold_up_a_write(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'c.db'}")
    db.migrate(engine)
    wrote = threading.Event()

    def write() -> None:
        with engine.begin() as conn:
            db.put_setting(conn, "k", "v")
        wrote.set()

    with db.reading(engine) as conn:
        conn.execute(select(db.settings.c.key)).all()  # the read transaction is open
        assert conn.in_transaction()
        t = threading.Thread(target=write)
        t.start()
        assert wrote.wait(10), "the write waited for the reader"
        # the reader's snapshot began before the write: it does not see it
        assert (
            conn.execute(select(db.settings.c.key).where(db.settings.c.key == "k")).first() is None
        )
    t.join()
    with db.reading(engine) as conn:
        assert (
            conn.execute(select(db.settings.c.value).where(db.settings.c.key == "k")).scalar()
            == "v"
        )


def test_a_write_still_takes_the_lock_at_begin(tmp_path: Path) -> None:
    """Two writers queue on the lock (BEGIN IMMEDIATE) instead of failing on upgrade."""
    engine = db.make_engine(f"sqlite:///{tmp_path / 'c.db'}")
    db.migrate(engine)
    order: list[str] = []
    first_in = threading.Event()
    release = threading.Event()

    def first() -> None:
        with engine.begin() as conn:
            first_in.set()
            release.wait(10)
            db.put_setting(conn, "a", "1")
            order.append("first")

    def second() -> None:
        with engine.begin() as conn:
            db.put_setting(conn, "b", "2")
            order.append("second")

    t1 = threading.Thread(target=first)
    t1.start()
    assert first_in.wait(10)
    t2 = threading.Thread(target=second)
    t2.start()
    t2.join(0.5)
    assert t2.is_alive()  # queued behind the first writer's lock
    release.set()
    t1.join()
    t2.join()
    assert order == ["first", "second"]


def _call(
    app: Any, method: str, path: str, body: bytes = b"", headers: tuple[Any, ...] = ()
) -> list[dict[str, Any]]:
    """One request straight into the ASGI app (no server): the messages it sends."""
    sent: list[dict[str, Any]] = []
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [(b"host", b"central.test"), *headers],
        "http_version": "1.1",
        "scheme": "http",
        "server": ("central.test", 80),
        "client": ("127.0.0.1", 5000),
        "root_path": "",
    }

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent


def test_access_log_names_console_routes_with_their_prefix(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The access log names the route template (never the raw path): for the console's
    routes too, which FastAPI keeps without the included router's prefix."""
    engine = db.make_engine(f"sqlite:///{tmp_path / 'c.db'}")
    db.migrate(engine)
    app = create_app(engine)
    with caplog.at_level(logging.INFO, logger="mpp_central.access"):
        _call(app, "GET", "/console/login")
        _call(app, "GET", "/api/v1/health")
    lines = [r.getMessage() for r in caplog.records if r.name == "mpp_central.access"]
    assert lines[0].startswith("GET /console/login 200"), lines
    assert lines[1].startswith("GET /api/v1/health 200"), lines


def test_the_batch_route_answers_errors_as_json_and_logs_its_template(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """``POST /api/v1/batches`` is served in front of the FastAPI app (edge.Door): its
    errors are still one JSON line and its access line still names the route, never a
    header; a path that only looks like it reaches no route."""
    engine = db.make_engine(f"sqlite:///{tmp_path / 'c.db'}")
    db.migrate(engine)
    app = create_app(engine)
    token = ((b"authorization", b"Bearer secret-x"),)
    try:
        with caplog.at_level(logging.INFO, logger="mpp_central.access"):
            answer = _call(app, "POST", "/api/v1/batches", b"{}", token)
            _call(app, "POST", "//api/v1/batches", b"{}", token)
    finally:
        engine.dispose()
    assert answer[0]["status"] == 401
    assert json.loads(answer[1]["body"]) == {"error": "Unknown or revoked device token."}
    lines = [r.getMessage() for r in caplog.records if r.name == "mpp_central.access"]
    assert lines[0].startswith("POST /api/v1/batches 401"), lines
    assert lines[1].startswith("POST (no route) 404"), lines
    assert not any("secret" in line for line in lines)


@pytest.mark.parametrize(
    ("value", "expected"), [(None, 8), ("3", 3), ("0", 8), ("-2", 8), ("x", 8)]
)
def test_batches_stored_at_once_per_worker_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str | None, expected: int
) -> None:
    if value is None:
        monkeypatch.delenv(BATCH_THREADS_ENV, raising=False)
    else:
        monkeypatch.setenv(BATCH_THREADS_ENV, value)
    assert batch_threads() == expected
