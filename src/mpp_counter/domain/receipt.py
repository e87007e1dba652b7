"""Receipt codes: short enough to read out across a counter, with a check character.

Eight Crockford base-32 characters (40 bits) and one check symbol (mod 37, as
Crockford defines it), shown as ``ABCD-EFGH-K``. Crockford's alphabet leaves out I, L, O
and U, and reading accepts them as the digits they look like, so "0" and "O" never
matter. The store makes its codes unique (store/receipt_codes.py); the check symbol
catches a mistyped code before any lookup.
"""

from __future__ import annotations

import random
import secrets

from .errors import InvalidReceipt

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_ALPHABET = ALPHABET + "*~$=U"
DATA_LEN = 8
_READ_AS = {"O": "0", "I": "1", "L": "1"}
_CHECK_READ_AS = {"O": "0", "I": "1", "L": "1"}


def _value(data: str) -> int:
    v = 0
    for ch in data:
        v = v * 32 + ALPHABET.index(ch)
    return v


def check_symbol(data: str) -> str:
    return CHECK_ALPHABET[_value(data) % 37]


BITS = 5 * DATA_LEN  # 40: a code's data, 5 bits a character


def new_code(rng: random.Random | None = None) -> str:
    """A random code (a simulated counter's; a store's codes are receipt_codes.py's)."""
    while True:  # 40 random bits, 5 per character: one read of the system's random source
        code = from_bits(rng.getrandbits(BITS) if rng else int.from_bytes(secrets.token_bytes(5)))
        if code is not None:
            return code


def from_bits(bits: int) -> str | None:
    """The code of 40 bits, or None when its check symbol would not be a letter or digit:
    a citizen reads "=" or "~" off a thermal slip badly, so such codes are not given out
    (5 in 37). ``parse`` still accepts every Crockford check symbol."""
    data = "".join(ALPHABET[(bits >> (5 * i)) & 31] for i in range(DATA_LEN))
    if _value(data) % 37 >= len(ALPHABET):
        return None
    return format_code(data + check_symbol(data))


def bits_of(code: str) -> int:
    """The 40 bits of a canonical code (``parse``'s output): ``from_bits`` undone."""
    return sum(
        ALPHABET.index(ch) << (5 * i) for i, ch in enumerate(code.replace("-", "")[:DATA_LEN])
    )


def format_code(compact: str) -> str:
    return f"{compact[:4]}-{compact[4:8]}-{compact[8:]}"


def parse(text: object) -> str:
    """Return the canonical ``ABCD-EFGH-K`` form of what a person typed, or raise."""
    if not isinstance(text, str) or len(text) > 40:
        raise InvalidReceipt("This is not a receipt code.")
    compact = "".join(c for c in text.upper() if c not in " -.\t")
    if len(compact) != DATA_LEN + 1:
        raise InvalidReceipt("A receipt code has 9 characters, like ABCD-EFGH-K.")
    data = "".join(_READ_AS.get(c, c) for c in compact[:DATA_LEN])
    check = _CHECK_READ_AS.get(compact[-1], compact[-1])
    if any(c not in ALPHABET for c in data) or check not in CHECK_ALPHABET:
        raise InvalidReceipt("This is not a receipt code.")
    if check_symbol(data) != check:
        raise InvalidReceipt("This receipt code has a typing mistake: check it and try again.")
    return format_code(data + check)


def new_secret() -> str:
    """128 random bits for the receipt's web address, so receipts cannot be enumerated."""
    n = int.from_bytes(secrets.token_bytes(17), "big")
    return "".join(ALPHABET[(n >> (5 * i)) & 31] for i in range(26)).lower()
