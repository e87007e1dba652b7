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
            conn.execute(
                db.visits.insert().values(
                    id="00000000-0000-4000-8000-000000000001",
                    seq=7,
                    at="2026-03-02T01:30:00.000Z",
                    device_time="2026-03-02T08:30:00+07:00",
                    local_date="2026-03-02",
                    mpp="BKL01",
                    counter="Loket 1",
                    clerk="Sari",
                    agency="DUKCAPIL",
                    service="DUK-KTP",
                    outcome="declined",
                    received_at="2026-03-02T01:31:00.000Z",
                )
            )
        p = cli(db_url, "stats", check=False)
        assert p.returncode == 1 and "mpp-central init" in p.stderr  # refuses an old schema
        assert cli(db_url, "init").stdout.strip() == f"database ready (schema {db.HEAD})"
        assert db.current_revision(engine) == db.HEAD
        assert json.loads(cli(db_url, "stats", "--json").stdout)["visits"] == 1
        with engine.begin() as conn:
            conn.execute(db.visits.update().values(seq=2**53))
            if engine.dialect.name == "postgresql":
                kinds = dict(
                    conn.execute(
                        text(
                            "SELECT table_name, data_type FROM information_schema.columns "
                            "WHERE column_name = 'seq'"
                        )
                    ).all()
                )
                assert kinds == {
                    t: "bigint" for t in ("visits", "consents", "withdrawals", "withdrawal_notices")
                }
    finally:
        engine.dispose()


def _consent(n: int, withdrawn_at: str | None) -> dict[str, object]:
    return {
        "id": f"00000000-0000-4000-8000-00000000010{n}",
        "seq": n,
        "at": "2026-03-02T01:30:00.000Z",
        "visit_id": f"00000000-0000-4000-8000-00000000020{n}",
        "receipt": "ABCD-EFGH-Q",
        "receipt_secret_sha256": "0" * 64,
        "campaign_id": "SPI-2026",
        "notice_version": "1",
        "notice_hash": "1" * 64,
        "purpose": "p",
        "channel": "WhatsApp",
        "controller": "KPK",
        "controller_contact": "c",
        "retention_days": 180,
        "jurisdiction": "ID",
        "collection_method": "m",
        "mpp": "BKL01",
        "counter": "Loket 1",
        "clerk": "Sari",
        "phone_sealed": b"s" * 60,
        "phone_last4": "7715",
        "sealed_to": "SPI-2026",
        "withdrawn_at": withdrawn_at,
        "withdrawn_via": "web" if withdrawn_at else None,
        "device_id": "00000000-0000-4000-8000-0000000000d1",
        "received_at": "2026-03-02T01:31:00.000Z",
    }


def test_upgrade_to_0004_deletes_withdrawn_numbers_and_tells_their_counter(db_url: str) -> None:
    """Consents withdrawn before the upgrade lose their sealed number (UU PDP Ps. 43), and
    their counter learns the withdrawal from the new feed."""
    engine = db.make_engine(db_url)
    try:
        command.downgrade(db._alembic_config(engine), "0002")
        with engine.begin() as conn:
            conn.execute(
                db.consents.insert(), [_consent(1, "2026-03-03T01:00:00.000Z"), _consent(2, None)]
            )
        cli(db_url, "init")
        with engine.connect() as conn:
            sealed = dict(
                conn.execute(text("SELECT seq, phone_sealed IS NOT NULL FROM consents")).all()
            )
            notices = conn.execute(db.withdrawal_notices.select()).all()
        assert {k: bool(v) for k, v in sealed.items()} == {1: False, 2: True}
        assert [(n.consent_id, n.device_id, n.via) for n in notices] == [
            (_consent(1, None)["id"], _consent(1, None)["device_id"], "web")
        ]
    finally:
        engine.dispose()
