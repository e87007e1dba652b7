"""Ids of the records a counter makes: UUIDs that grow with time (RFC 9562 version 7).

A visit's or a consent's id is its primary key in the store. A random id (version 4)
lands each new row on a random page of the table, which then splits often; an id that
starts with the time lands it at the end, next to the rows saved before it, so a save
writes fewer pages. The 74 bits after the millisecond timestamp are random, so ids stay
unguessable and unique across counters; the time in them is the record's own ``at``,
which the record carries anyway. Any UUID is valid on the wire (protocol.fields).
"""

from __future__ import annotations

import os
import time
import uuid


def new_id(now_ns: int | None = None) -> str:
    """A fresh version-7 UUID in its canonical text form."""
    ms = (time.time_ns() if now_ns is None else now_ns) // 1_000_000
    rand = int.from_bytes(os.urandom(10))
    value = (ms & (2**48 - 1)) << 80 | 0x7 << 76 | (rand >> 68 & 0xFFF) << 64
    value |= 0b10 << 62 | rand & (2**62 - 1)
    return str(uuid.UUID(int=value))
