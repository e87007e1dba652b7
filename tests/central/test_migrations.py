"""The central's schema migrations: a database made by an older release is brought to
the head revision by `mpp-central init`, keeping its rows, on both backends."""

from __future__ import annotations

import json

from alembic import command
from sqlalchemy import text

from mpp_counter.central import db

from ._support import cli


def test_upgrade_from_0001_keeps_rows(db_url: str) -> None:
    engine = db.make_engine(db_url)
    try:
        command.downgrade(db._alembic_config(engine), "0001")
        assert db.current_revision(engine) == "0001"
        with engine.begin() as conn:
            conn.execute(db.visits.insert().values(
                id="00000000-0000-4000-8000-000000000001", seq=7, at="2026-03-02T01:30:00.000Z",
                device_time="2026-03-02T08:30:00+07:00", local_date="2026-03-02", mpp="BKL01",
                counter="Loket 1", clerk="Sari", agency="DUKCAPIL", service="DUK-KTP",
                outcome="declined", received_at="2026-03-02T01:31:00.000Z"))
        p = cli(db_url, "stats", check=False)
        assert p.returncode == 1 and "mpp-central init" in p.stderr  # refuses an old schema
        assert cli(db_url, "init").stdout.strip() == f"database ready (schema {db.HEAD})"
        assert db.current_revision(engine) == db.HEAD
        assert json.loads(cli(db_url, "stats", "--json").stdout)["visits"] == 1
        with engine.begin() as conn:
            conn.execute(db.visits.update().values(seq=2**53))
            if engine.dialect.name == "postgresql":
                kinds = dict(conn.execute(text(
                    "SELECT table_name, data_type FROM information_schema.columns "
                    "WHERE column_name = 'seq'")).all())
                assert kinds == {t: "bigint" for t in ("visits", "consents", "withdrawals")}
    finally:
        engine.dispose()
