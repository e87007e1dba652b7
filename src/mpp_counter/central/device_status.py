"""What a device's latest batch says of it, kept on its row for the console.

Written by ingest in the batch's own transaction, so the console's counters page reads
one indexed row per device instead of scanning records: the time of the batch, the
device's clock offset (the same figure every record of the batch carries), the version
and backlog the counter reported (absent from older clients: the old values stay), and
a running count of numbers that arrived sealed to a key their campaign's private key
cannot open (keycheck.flag_foreign_keys).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..protocol.messages import BatchRequest
from . import db

INT32 = 2**31 - 1


def after_batch(batch: BatchRequest, received: datetime, unreadable: int) -> dict[str, Any]:
    """Values for ``UPDATE devices`` at the end of an ingested (not replayed) batch."""
    offset = int((batch.sent_at - received).total_seconds())
    values: dict[str, Any] = {
        "last_batch_at": db.iso(received),
        "clock_offset_s": max(min(offset, INT32), -INT32 - 1),
    }
    if unreadable:
        values["unreadable"] = db.devices.c.unreadable + unreadable
    if batch.client is not None:
        values.update(backlog=batch.client.backlog, client_version=batch.client.version)
    return values
