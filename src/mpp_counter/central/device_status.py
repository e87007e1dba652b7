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

# one fixed statement (NULL keeps the old value: an older client reports neither)
SEEN_SQL = (
    "UPDATE devices SET last_seen_at = :received, last_batch_at = :received, "
    "clock_offset_s = :clock_offset_s, unreadable = unreadable + :unreadable, "
    "backlog = COALESCE(:backlog, backlog), "
    "client_version = COALESCE(:client_version, client_version) WHERE id = :device_id"
)


def after_batch(
    batch: BatchRequest, device_id: str, received: datetime, unreadable: int
) -> dict[str, Any]:
    """The parameters of :data:`SEEN_SQL` at the end of an ingested (not replayed) batch."""
    offset = int((batch.sent_at - received).total_seconds())
    client = batch.client
    return {
        "device_id": device_id,
        "received": db.iso(received),
        "clock_offset_s": max(min(offset, INT32), -INT32 - 1),
        "unreadable": unreadable,
        "backlog": None if client is None else client.backlog,
        "client_version": None if client is None else client.version,
    }
