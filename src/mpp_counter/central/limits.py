"""Rate limits kept in the database, so every worker and every machine shares them.

A limiter held in a process's memory multiplies with the processes: four uvicorn workers,
or two machines behind one address, would each allow the full rate. Here a hit is one
``INSERT … ON CONFLICT DO UPDATE … RETURNING`` on a row per (limit, client, minute),
atomic on SQLite and PostgreSQL alike. The rate is a sliding estimate over two fixed
minutes (this minute's hits plus the share of the last minute's still inside the window),
so a burst across a minute boundary does not get twice the rate. Clients are stored only
as a keyed digest of their address. Rows older than two minutes are swept now and then.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable

from sqlalchemy import Column, Engine, Integer, String, Table, select

from . import db

WINDOW_S = 60
SWEEP_ONE_IN = 200  # a hit sweeps stale rows this rarely: the table stays small

rate_hits = Table(
    "rate_hits",
    db.metadata,
    Column("bucket", String(64), primary_key=True),
    Column("minute", Integer, nullable=False),
    Column("hits", Integer, nullable=False),
)


class SharedRateLimiter:
    """``allow(client)`` is True while the client stays under ``per_minute`` hits."""

    def __init__(
        self, engine: Engine, scope: str, per_minute: int, clock: Callable[[], float] = time.time
    ) -> None:
        self.engine, self.scope, self.per_minute, self.clock = engine, scope, per_minute, clock

    def _bucket(self, client: str, minute: int) -> str:
        return hashlib.sha256(f"{self.scope}\0{client}\0{minute}".encode()).hexdigest()

    def allow(self, client: str) -> bool:
        now = self.clock()
        minute = int(now // WINDOW_S)
        into = (now % WINDOW_S) / WINDOW_S
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                from sqlalchemy.dialects.postgresql import insert
            else:
                from sqlalchemy.dialects.sqlite import insert
            stmt = insert(rate_hits).values(
                bucket=self._bucket(client, minute), minute=minute, hits=1
            )
            stmt = stmt.on_conflict_do_update(
                index_elements=["bucket"], set_={"hits": rate_hits.c.hits + 1}
            )
            hits = conn.execute(stmt.returning(rate_hits.c.hits)).scalar_one()
            before = conn.execute(
                select(rate_hits.c.hits).where(
                    rate_hits.c.bucket == self._bucket(client, minute - 1)
                )
            ).scalar_one_or_none()
            if secrets.randbelow(SWEEP_ONE_IN) == 0:
                conn.execute(rate_hits.delete().where(rate_hits.c.minute < minute - 1))
        return hits + int((before or 0) * (1 - into)) <= self.per_minute
