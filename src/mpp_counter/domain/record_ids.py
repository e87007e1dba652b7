"""Ids of the records a counter makes: UUIDs that grow with time (RFC 9562 version 7).

A visit's or a consent's id is its primary key in the store. A random id (version 4)
lands each new row on a random page of the table, which then splits often; an id that
starts with the time lands it at the end, next to the rows saved before it, so a save
writes fewer pages. The 74 bits after the millisecond timestamp are random, so ids stay
unguessable and unique across counters; the time in them is the record's own ``at``,
which the record carries anyway. Any UUID is valid on the wire (protocol.fields).

A visit's and its consent's ids also hold the save's sequence number (RFC 9562's
"dedicated counter" in the random bits: 32 of them, leaving 42 random bits beside the
millisecond), so the store finds a record by its id without an index on ids
(store/saves_schema.py). The sequence number is on the wire anyway.
"""

from __future__ import annotations

import os
import time

SEQ_BITS = 32
_SEQ_SHIFT = 30  # the sequence number sits above the last 30 random bits


def new_id(now_ns: int | None = None, seq: int | None = None, rand10: bytes = b"") -> str:
    """A fresh version-7 UUID in its canonical text form; with ``seq``, holding it.
    ``rand10``: its 10 random bytes, drawn by the caller (two ids, one draw)."""
    ms = (time.time_ns() if now_ns is None else now_ns) // 1_000_000
    rand = int.from_bytes(rand10 if len(rand10) == 10 else os.urandom(10))
    if seq is not None:
        if not 0 < seq < 2**SEQ_BITS:
            raise ValueError("sequence number out of range")
        mask = (2**SEQ_BITS - 1) << _SEQ_SHIFT
        rand = rand & ~mask | seq << _SEQ_SHIFT
    value = (ms & (2**48 - 1)) << 80 | 0x7 << 76 | (rand >> 68 & 0xFFF) << 64
    h = f"{value | 0b10 << 62 | rand & (2**62 - 1):032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def seq_in(record_id: object) -> int | None:
    """The sequence number an id made with ``seq`` holds (any other UUID gives a number
    too, or None: the caller checks the row it finds has this id)."""
    if not isinstance(record_id, str) or len(record_id) != 36:
        return None
    try:
        value = int(record_id.replace("-", ""), 16)
    except ValueError:
        return None
    return value >> _SEQ_SHIFT & (2**SEQ_BITS - 1) or None
