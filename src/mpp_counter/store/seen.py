"""Whether a number was already given today at this counter, without a copy of it.

The store keeps a consent's number only sealed to the survey's key (not comparable: a
sealed box is randomised) and masked (the last four digits: one citizen in a hundred
would be told "already recorded" by mistake on a busy day). So an exact comparison
needs something new, and it must not be a copy of the number:

- not the number, and not an unkeyed hash: Indonesian mobile numbers are few enough
  (about 10^10) that a plain SHA-256 of one is reversed by trying them all;
- a keyed hash (BLAKE2b in its keyed mode, a MAC by design: one call, cheaper than
  HMAC-SHA256 in every save) with a random key made for the day, held only in the
  memory of the store worker: never written to disk, never sent, overwritten at the
  day's end and when the program exits. Without the key a tag is just random bytes;
  the key and the tags live only as long as the process that typed the numbers anyway.

The worker keeps one ``SeenNumbers`` across locks (the store closes, the day's tags
stay): the hint must not forget the morning because the clerk went to lunch. After a
restart it starts empty: a missed hint costs a duplicate answer, never a leak.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date


class SeenNumbers:
    """Tags of today's consented numbers (E.164), keyed by a per-day random key."""

    def __init__(self) -> None:
        self._day: date | None = None
        self._key = bytearray()
        self._mac: hashlib.blake2b | None = None  # BLAKE2b keyed with _key, copied for each tag
        self._tags: set[bytes] = set()

    def _for(self, day: date) -> None:
        if day != self._day:
            self.forget()
            self._day = day
            self._key = bytearray(secrets.token_bytes(32))
            self._mac = hashlib.blake2b(key=self._key, digest_size=32)

    def _tag(self, e164: str) -> bytes:
        assert self._mac is not None, "_for(day) first"
        mac = self._mac.copy()  # the key's block is hashed once a day, not at every save
        mac.update(e164.encode("ascii"))
        return mac.digest()

    def add(self, day: date, e164: str) -> None:
        self._for(day)
        self._tags.add(self._tag(e164))

    def seen(self, day: date, e164: str) -> bool:
        self._for(day)
        return self._tag(e164) in self._tags

    def forget(self) -> None:
        """Overwrite the key and drop the tags (day change, exit)."""
        self._key[:] = bytes(len(self._key))
        self._mac = None
        self._tags = set()
        self._day = None

    def __len__(self) -> int:
        return len(self._tags)
