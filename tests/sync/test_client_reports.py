"""The counter's sync client tells the central its version and its backlog with each
batch (protocol ``client``), which the central keeps on the device row for its console."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from central._support import Central
from mpp_counter import __version__
from mpp_counter.central import db
from mpp_counter.sync.client import sync_once
from mpp_counter.sync.enrolment import enrol

from ._client_support import enrol_code, new_store, record_day, running_central


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Central]:
    yield from running_central(tmp_path)


def test_sync_reports_version_and_backlog(central: Central, tmp_path: Path) -> None:
    store = new_store(tmp_path / "counter")
    try:
        record_day(store, 2, 3)
        waiting = store.outbox.pending_items()
        assert waiting == 6  # five visits and one withdrawal
        result = enrol(store, central.url, enrol_code(central))
        assert sync_once(store).ok
        engine = db.make_engine(central.db_url)
        try:
            with engine.connect() as conn:
                row = conn.execute(
                    select(db.devices).where(db.devices.c.id == result.device_id)
                ).one()
        finally:
            engine.dispose()
        assert row.client_version == __version__
        assert row.backlog == waiting  # one batch: everything was still waiting as it left
        assert row.last_batch_at is not None and abs(row.clock_offset_s) < 60
    finally:
        store.close()
