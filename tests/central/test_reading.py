"""A page that only reads (``db.reading``) neither waits for nor holds up a batch on the
default SQLite database, whose writers take the lock at BEGIN (BEGIN IMMEDIATE)."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import select

from mpp_counter.central import db


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
