"""Numbers sealed to a public key (libsodium sealed box): the counter can write, not read.

Before enrolment the key is the counter's escrow key, whose private half only the
administrator's passphrase reveals; enrolment re-seals to the campaign's key.
"""

from __future__ import annotations

import base64

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from ..domain.errors import StoreDamaged


def new_keypair() -> tuple[bytes, bytes]:
    sk = PrivateKey.generate()
    return bytes(sk), bytes(sk.public_key)


def public_from_b64(text: str) -> bytes:
    try:
        raw = base64.b64decode(text, validate=True)
    except ValueError as exc:
        raise StoreDamaged("The campaign key is not valid.") from exc
    if len(raw) != 32:
        raise StoreDamaged("The campaign key is not valid.")
    return raw


def seal(public_key: bytes, e164: str) -> bytes:
    return SealedBox(PublicKey(public_key)).encrypt(e164.encode("ascii"))


def unseal(private_key: bytes, blob: bytes) -> str:
    try:
        return SealedBox(PrivateKey(bytes(private_key))).decrypt(blob).decode("ascii")
    except CryptoError as exc:
        raise StoreDamaged("A sealed number cannot be opened with this key.") from exc
