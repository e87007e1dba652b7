"""What a batch says of its device (protocol ``client``: version and backlog; the clock
offset; numbers sealed to a foreign key) is kept on the device row at ingest; an old
client without ``client`` is served as before and a malformed one is refused whole."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from mpp_counter.central import db

from ._support import Central, iso, phone


def device_row(central: Central, device_id: str) -> Any:
    engine = db.make_engine(central.db_url)
    try:
        with engine.connect() as conn:
            return conn.execute(db.devices.select().where(db.devices.c.id == device_id)).one()
    finally:
        engine.dispose()


def test_batches_update_the_device_row(central: Central) -> None:
    dev = central.enrol()
    row = device_row(central, dev.id)
    assert (row.backlog, row.last_batch_at, row.unreadable, row.client_version) == (
        None,
        None,
        0,
        "test",
    )
    v1, c1, _ = dev.agreed(phone(1))
    c1["sealed_key"] = "cd" * 32
    body = dev.batch([v1, c1])
    body["sent_at"] = iso(datetime.now(UTC) - timedelta(minutes=5))
    body["client"] = {"version": "2.0.1", "backlog": 12}
    first = dev.post(body)
    assert first.status_code == 200
    row = device_row(central, dev.id)
    assert (row.client_version, row.backlog, row.unreadable) == ("2.0.1", 12, 1)
    assert -320 < row.clock_offset_s < -280 and row.last_batch_at == row.last_seen_at
    assert dev.post(body).json() == first.json()  # a replay changes nothing on the row
    assert device_row(central, dev.id) == row

    v2, c2, _ = dev.agreed(phone(2))
    c2["sealed_key"] = hashlib.sha256(dev.public_key).hexdigest()
    v3, c3, _ = dev.agreed(phone(3))
    c3["sealed_key"] = "cd" * 32
    old_client = dev.batch([v2, c2, v3, c3])  # no "client": an older counter
    assert dev.post(old_client).status_code == 200
    row = device_row(central, dev.id)
    assert (row.client_version, row.backlog, row.unreadable) == ("2.0.1", 12, 2)
    assert abs(row.clock_offset_s) < 60


@pytest.mark.parametrize(
    "client",
    [
        {"version": "1.0", "backlog": -1},
        {"version": "1.0", "backlog": "3"},
        {"version": "1.0", "backlog": True},
        {"version": "", "backlog": 1},
        {"version": "v" * 65, "backlog": 1},
        {"version": "1.0\n", "backlog": 1},
        {"backlog": 1},
        ["1.0", 1],
        "1.0",
    ],
)
def test_malformed_client_is_refused_whole(sqlite_central: Central, client: Any) -> None:
    dev = sqlite_central.enrol()
    body = dev.batch([dev.visit()])
    body["client"] = client
    r = dev.post(body)
    assert r.status_code == 400, r.text
    assert any(f"'{name}'" in r.json()["error"] for name in ("client", "version", "backlog"))
    assert sqlite_central.cli("stats", "--json").stdout.count('"visits": 0') == 1
    assert device_row(sqlite_central, dev.id).backlog is None
