"""The counter's sync client tells the central its version and its backlog with each
batch (protocol ``client``), which the central keeps on the device row for its console."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from central._support import Central
from mpp_counter import __version__
from mpp_counter.central import db
from mpp_counter.sync.client import sync_once, sync_pass
from mpp_counter.sync.enrolment import enrol

from ._client_support import enrol_code, new_store, record_day, running_central


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Central]:
    yield from running_central(tmp_path)


def _device_row(central: Central, device_id: str) -> Any:
    engine = db.make_engine(central.db_url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(db.devices).where(db.devices.c.id == device_id)).one()
    finally:
        engine.dispose()


def test_sync_reports_version_and_backlog(central: Central, tmp_path: Path) -> None:
    store = new_store(tmp_path / "counter")
    try:
        record_day(store, 2, 3)
        waiting = store.outbox.pending_items()
        assert waiting == 6  # five visits and one withdrawal
        result = enrol(store, central.url, enrol_code(central))
        assert sync_once(store).ok
        row = _device_row(central, result.device_id)
        assert row.client_version == __version__
        assert row.backlog == waiting  # one batch: everything was still waiting as it left
        assert row.last_batch_at is not None and abs(row.clock_offset_s) < 60
    finally:
        store.close()


def test_each_batch_reports_what_was_still_waiting_as_it_left(
    central: Central, tmp_path: Path
) -> None:
    """The backlog is counted once per pass and brought down batch by batch: the last of
    several small batches reports only itself (a consent travels with its visit)."""
    store = new_store(tmp_path / "counter")
    try:
        record_day(store, 2, 3)
        result = enrol(store, central.url, enrol_code(central))
        report = sync_pass(lambda fn: fn(store), batch_size=2)
        assert report.error is None and store.outbox.pending_items() == 0
        assert report.sent > 2  # more than one batch went
        assert 1 <= _device_row(central, result.device_id).backlog <= 2
    finally:
        store.close()
