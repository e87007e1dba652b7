"""The sealed-box format of a phone number: the wire contract between counter and central.

A counter seals a consented number (its E.164 text, ASCII) to a public key with
libsodium's sealed box (X25519 + XSalsa20-Poly1305, 48 bytes of overhead): it can write
the number but never read it back. Only the holder of the private half opens it — the
counter's administrator for its escrow key before enrolment (to re-seal), the survey
team's key file at the central's export. Keys travel as standard base64 of 32 bytes.
Both sides import this module, so the format has one definition.
"""

from __future__ import annotations

import base64
import binascii

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from ..domain.errors import InvalidPhone, StoreDamaged
from ..domain.phone import normalize

KEY_BYTES = 32
OVERHEAD = 48  # ephemeral public key (32) + Poly1305 tag (16)
# An Indonesian E.164 mobile number is 12-15 bytes (8-32 allowed): the size a record's
# sealed number must have before anyone tries to open it (protocol/fields.py).
SEALED_MIN, SEALED_MAX = OVERHEAD + 8, OVERHEAD + 32


class SealedInvalid(StoreDamaged):
    """A key or a sealed number that does not fit the format, or that this key cannot open."""


def new_keypair() -> tuple[bytes, bytes]:
    """(private, public), raw 32 bytes each."""
    sk = PrivateKey.generate()
    return bytes(sk), bytes(sk.public_key)


def key_to_b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def key_from_b64(text: str) -> bytes:
    """A public or private key as it travels (base64 of 32 bytes), else SealedInvalid."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError, TypeError) as exc:
        raise SealedInvalid("The campaign key is not valid.") from exc
    if len(raw) != KEY_BYTES:
        raise SealedInvalid("The campaign key is not valid.")
    return raw


public_from_b64 = key_from_b64  # the name the counter's callers know


def public_of(private_key: bytes) -> bytes:
    return bytes(PrivateKey(bytes(private_key)).public_key)


def seal(public_key: bytes, e164: str) -> bytes:
    """The sealed number; ``e164`` must already be normalised (``+628…``)."""
    return SealedBox(PublicKey(bytes(public_key))).encrypt(e164.encode("ascii"))


def unseal(private_key: bytes, blob: bytes) -> str:
    """The E.164 number inside ``blob``; SealedInvalid when this key cannot open it or
    what it holds is not one valid number (garbage, truncated, sealed to another key)."""
    try:
        text = SealedBox(PrivateKey(bytes(private_key))).decrypt(bytes(blob)).decode("ascii")
        return normalize(text)
    except (CryptoError, UnicodeDecodeError, InvalidPhone, TypeError, ValueError) as exc:
        raise SealedInvalid("A sealed number cannot be opened with this key.") from exc
