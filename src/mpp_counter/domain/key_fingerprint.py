"""The fingerprint of a campaign public key: the same on the counter and the central.

sha256 of the raw 32-byte X25519 key, as 64 lowercase hex digits. The central sends it
with every catalog answer (``MPP-Campaign-Key``), a counter writes it on every consent it
seals (``sealed_key``), and the two are compared: see store/key_pin.py.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import re

from .errors import ConfigInvalid

HEADER = "MPP-Campaign-Key"
_HEX64 = re.compile(r"[0-9a-f]{64}")


@functools.lru_cache(maxsize=8)  # a public key: every save checks the one in force
def fingerprint(public_key_b64: str) -> str:
    try:
        raw = base64.b64decode(public_key_b64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ConfigInvalid("The campaign key is not valid.") from exc
    if len(raw) != 32:
        raise ConfigInvalid("The campaign key is not valid.")
    return hashlib.sha256(raw).hexdigest()


def is_fingerprint(text: str) -> bool:
    return bool(_HEX64.fullmatch(text))
