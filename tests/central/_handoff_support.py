"""Helpers of the hand-off tests: a campaign's consents posted by real devices, the CLI
steps of a hand-off, and a copy of a database (SQLite backup, PostgreSQL template) so one
draw can be made twice from the same data."""

from __future__ import annotations

import csv
import io
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ._support import Central, Device, cli, phone

MARCH = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 09.00 WIB
APRIL = datetime(2026, 4, 6, 2, 0, tzinfo=UTC)


def post_consents(
    dev: Device, numbers: list[int], agency: str = "DUKCAPIL", at: datetime = MARCH
) -> list[dict[str, Any]]:
    """One agreed visit per number (fake 0812-0000-xxxx), a minute apart; the consents."""
    records, consents = [], []
    for i, n in enumerate(numbers):
        v, c, _ = dev.agreed(phone(n), agency=agency, at=at + timedelta(minutes=i))
        records += [v, c]
        consents.append(c)
    for i in range(0, len(records), 400):
        r = dev.post(dev.batch(records[i : i + 400]))
        assert r.status_code == 200, r.text
    return consents


def prepare(central: Central, *args: str, check: bool = True) -> Any:
    return central.cli("handoff", "prepare", "--campaign", "SPI-2026", *args, check=check)


def prepared_id(central: Central, *args: str) -> str:
    return prepare(central, *args).stdout.splitlines()[-1]


def open_sample(
    db_url: str, handoff_id: str, key: Path, out: Path, *, check: bool = True, process: bool = False
) -> Any:
    return cli(
        db_url,
        "export",
        "--sample",
        handoff_id,
        "--private-key",
        str(key),
        "-o",
        str(out),
        check=check,
        process=process,
    )


def read_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))


def without_ref(rows: list[dict[str, str]]) -> list[tuple[str, ...]]:
    return [tuple(v for k, v in r.items() if k != "ref") for r in rows]


def clone_db(central: Central) -> str:
    """A copy of the central's database (the server is stopped first on PostgreSQL:
    a template database must have no session)."""
    url = central.db_url
    if url.startswith("sqlite"):
        src = url.removeprefix("sqlite:///")
        dst = str(Path(src).with_name(f"copy-{uuid.uuid4().hex[:6]}.db"))
        with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
            a.backup(b)
        return f"sqlite:///{dst}"
    import psycopg

    central.stop()
    base, name = url.rsplit("/", 1)
    new = "t_" + uuid.uuid4().hex[:12]
    plain = base.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {new} TEMPLATE {name}")
    return f"{base}/{new}"


def state_of(db_url: str) -> list[tuple[Any, ...]]:
    """Every hand-off row and item: what must not change after a refusal."""
    from sqlalchemy import select

    from mpp_counter.central import db
    from mpp_counter.central.handoff.tables import handoff_items, handoffs

    engine = db.make_engine(db_url)
    try:
        with engine.connect() as conn:
            h = conn.execute(select(handoffs).order_by(handoffs.c.id)).all()
            i = conn.execute(select(handoff_items).order_by(handoff_items.c.ref)).all()
            w = conn.execute(
                select(db.consents.c.id, db.consents.c.withdrawn_at).order_by(db.consents.c.id)
            ).all()
        return [tuple(r) for r in (*h, *i, *w)]
    finally:
        engine.dispose()
