"""Receipt codes that hold their save's sequence number, encrypted.

A code is the 40 bits of FF1 (NIST SP 800-38G, format-preserving encryption, through
libffx) of ``seq << 5 | attempt`` under a random key of this store (``receipt_key`` in
its encrypted settings). FF1 is a permutation, so codes of different saves differ: no
UNIQUE index is written by each save (it cost a page of the write-ahead log and a
third of the save beyond the baseline's, issue 14), and a code is found by decrypting
it to its sequence number, the key of ``saves``. Without the key the codes of
consecutive saves look random, as the drawn ones did: a code read off one slip tells
nothing of the next.

``attempt`` (5 bits) skips codes whose check symbol is not a letter or digit
(domain/receipt.from_bits) and codes given before schema 10, which were drawn at random
and are kept in ``legacy_receipts``: a new code never equals one of them.
"""

from __future__ import annotations

import functools
import secrets
from collections.abc import Callable

from ffx import FF1

from ..domain import receipt as receipts
from ..domain.errors import StoreDamaged
from .db import Connection

KEY = "receipt_key"
_ATTEMPT_BITS = 5
_DOMAIN = 2**receipts.BITS
MAX_SEQ = 2 ** (receipts.BITS - _ATTEMPT_BITS) - 1


class ReceiptCodes:
    """The codes of one store (its key)."""

    __slots__ = ("_ff1",)

    def __init__(self, key: bytes) -> None:
        self._ff1 = FF1(key)

    def code_for(self, seq: int, taken: Callable[[str], bool]) -> str:
        """The code of the save numbered ``seq``; ``taken(code)`` says a code was given
        before schema 10 (then the next attempt is used)."""
        if not 0 < seq <= MAX_SEQ:
            raise ValueError("sequence number out of range for a receipt code")
        for attempt in range(1 << _ATTEMPT_BITS):
            bits = self._ff1.encrypt_int(seq << _ATTEMPT_BITS | attempt, domain=_DOMAIN)
            code = receipts.from_bits(bits)
            if code is not None and not taken(code):
                return code
        raise RuntimeError("no receipt code left for this sequence number")  # (5/37)^32

    def seq_of(self, code: str) -> int:
        """The sequence number a canonical code was made for (any other code gives some
        number too: the caller checks the row it finds carries this code)."""
        value: int = self._ff1.decrypt_int(receipts.bits_of(code), domain=_DOMAIN)
        return value >> _ATTEMPT_BITS


@functools.lru_cache(maxsize=4)
def for_key(key_hex: str) -> ReceiptCodes:
    return ReceiptCodes(bytes.fromhex(key_hex))


def of_store(con: Connection) -> ReceiptCodes:
    row = con.execute("SELECT value FROM settings WHERE key = ?", (KEY,)).fetchone()
    if row is None:
        raise StoreDamaged("The store has no key for receipt codes.")
    return for_key(str(row[0]))


def legacy_taken(con: Connection) -> Callable[[str], bool]:
    """Whether a code was given before schema 10 (at random, so any code could be)."""

    def taken(code: str) -> bool:
        sql = "SELECT 1 FROM legacy_receipts WHERE receipt = ?"
        return con.execute(sql, (code,)).fetchone() is not None

    return taken


def create_key(con: Connection) -> None:
    """Schema 10's step in Python: the store's key, from the system's random source."""
    con.execute(
        "INSERT OR IGNORE INTO settings(key, value) VALUES (?, ?)", (KEY, secrets.token_hex(32))
    )


def lookup(con: Connection, code: str) -> dict[str, object]:
    """Parameters for save_ids.by_receipt: the canonical code and the number it holds."""
    return {"code": code, "code_seq": of_store(con).seq_of(code)}
