"""The numbers seen so far in one pass, counted, in bounded memory, never readable.

The export keeps the earliest visit per number and the survey sample counts visits per
number: both must remember every number they met, and a campaign can hold millions.
Numbers are personal data, so what is remembered is a keyed digest (BLAKE2b-128 under a
random key that lives in this object only, never written): without that key the digests
cannot be tested against the few billion possible numbers, and the key dies with the
run. Up to ``limit`` digests stay in a dict (≈ 90 bytes each); past it they move to a
SQLite file in a private (0700) temporary directory, deleted on close. A run killed
with -9 leaves at most that directory: digests under a key that no longer exists.

Once spilled, most numbers met are still new, and asking the file about each would
cost more than the rest of the export's own work: a Bloom filter of what went to disk
(8 MiB, two bits per digest, taken from the digest itself) answers "not there" for
them (false "maybe" ≈ 0.1 % at a million digests, ≈ 7 % at ten million: a third bit
would save less at the lookups it spares than it costs each digest spilled).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from types import TracebackType

MEMORY_LIMIT = 150_000  # digests kept in memory before spilling: ≈ 13 MiB
BLOOM_BITS = 1 << 26  # 8 MiB, allocated at the first spill
_MASK = BLOOM_BITS - 1  # two 26-bit fields of the digest: a power of two, no modulo
DISK_CACHE_KIB = 8192
DIGEST_BYTES = 16
TEMP_PREFIX = "mpp-numbers-"
SPILL_PART = 8_192  # digests per blob written: 128 KiB, and SQLite's copy of it
_INSERT_ONCE = f"""
WITH RECURSIVE i(k) AS (SELECT 0 WHERE ?1 > 0 UNION ALL SELECT k + 1 FROM i WHERE k + 1 < ?1)
INSERT OR REPLACE INTO seen (d, n)
SELECT substr(?2, k * {DIGEST_BYTES} + 1, {DIGEST_BYTES}), 1 FROM i"""


class NumberIndex:
    """``add(number)`` → how many times it was added so far (1: the first time);
    ``count(number)`` → how many times, without adding. Use as a context manager."""

    def __init__(self, *, limit: int = MEMORY_LIMIT, temp_dir: str | Path | None = None):
        self._keyed = hashlib.blake2b(key=os.urandom(32), digest_size=DIGEST_BYTES)
        self._limit = max(1, limit)
        self._parent = temp_dir
        self._mem: dict[bytes, int] = {}  # digest -> its whole count, disk included
        self._dir: Path | None = None
        self._db: sqlite3.Connection | None = None
        self._bloom = bytearray()

    def __enter__(self) -> NumberIndex:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def spilled(self) -> Path | None:
        """The private directory holding the on-disk part, once there is one."""
        return self._dir

    def digest(self, number: str) -> bytes:
        """The keyed digest of a number: a stand-in that can be kept, compared, and
        counted, and that means nothing once this index is closed."""
        h = self._keyed.copy()  # cheaper than keying a new hash each time
        h.update(number.encode("utf-8"))
        return h.digest()

    def add(self, number: str) -> int:
        return self.add_digest(self.digest(number))

    def add_digest(self, d: bytes) -> int:
        """``add`` for a caller that already holds the number's ``digest``."""
        n = self._mem.get(d)
        if n is None:
            n = 0 if self._db is None else self._on_disk(d)
        self._mem[d] = n + 1
        if len(self._mem) >= self._limit:
            self._spill()
        return n + 1

    def count(self, number: str) -> int:
        d = self.digest(number)
        n = self._mem.get(d)
        return self._on_disk(d) if n is None else n

    def close(self) -> None:
        self._mem = {}
        self._keyed = hashlib.blake2b(digest_size=DIGEST_BYTES)  # the key is gone
        self._bloom = bytearray()
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def _on_disk(self, d: bytes) -> int:
        if self._db is None:
            return 0
        bloom, x = self._bloom, int.from_bytes(d, "little")
        for _ in range(2):  # most new numbers fail the first bit: stop there
            bit = x & _MASK
            if not bloom[bit >> 3] >> (bit & 7) & 1:
                return 0  # certainly never spilled
            x >>= 32
        row = self._db.execute("SELECT n FROM seen WHERE d = ?", (d,)).fetchone()
        return 0 if row is None else int(row[0])

    def _spill(self) -> None:
        if self._db is None:
            self._dir = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=self._parent))  # 0700
            self._db = sqlite3.connect(self._dir / "seen.sqlite", isolation_level=None)
            for pragma in (
                "journal_mode=OFF",  # a scratch file: nothing to recover after a crash
                "synchronous=OFF",
                "locking_mode=EXCLUSIVE",
                f"cache_size=-{DISK_CACHE_KIB}",
            ):
                self._db.execute(f"PRAGMA {pragma}")
            self._db.execute("CREATE TABLE seen (d BLOB PRIMARY KEY, n INTEGER) WITHOUT ROWID")
            self._bloom = bytearray(BLOOM_BITS // 8)
        mem, bloom = self._mem, self._bloom
        for d in mem:
            x = int.from_bytes(d, "little")
            a, b = x & _MASK, (x >> 32) & _MASK
            bloom[a >> 3] |= 1 << (a & 7)
            bloom[b >> 3] |= 1 << (b & 7)
        more = sorted((d, n) for d, n in mem.items() if n > 1)
        once = sorted(d for d, n in mem.items() if n == 1)  # in key order: page by page
        self._mem = {}
        mem.clear()  # its table goes before the file is written: the peak stays low
        self._db.execute("BEGIN")
        # the numbers met once (most) go as blobs cut into rows by SQLite itself, not a
        # Python tuple bound per row (a third of the cost); the others with their counts
        for i in range(0, len(once), SPILL_PART):
            part = once[i : i + SPILL_PART]
            self._db.execute(_INSERT_ONCE, (len(part), b"".join(part)))
        self._db.executemany("INSERT OR REPLACE INTO seen (d, n) VALUES (?, ?)", more)
        self._db.execute("COMMIT")
