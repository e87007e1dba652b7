"""Sealing a number in two halves: the costly key agreement ahead, the encryption at save.

The box is sealed.py's format exactly, libsodium's sealed box byte for byte
(``epk || crypto_box(m, blake2b-24(epk || pk), pk, esk)``), so ``sealed.unseal`` and the
central open it like any other (tests/test_seal_pad.py).
"""

from __future__ import annotations

import hashlib

from nacl import bindings


class SealPad:
    """The half of one sealed box that does not depend on the number: a fresh ephemeral
    key pair and its X25519 agreement with the recipient (all the cost of sealing). Made
    ahead (while the clerk types), it turns sealing into a few microseconds. It is
    used once: a second use would encrypt two numbers under one key and nonce, so
    :meth:`seal` forgets the agreement before it returns. The box is libsodium's sealed
    box, byte for byte: ``epk || crypto_box(m, blake2b-24(epk || pk), pk, esk)``."""

    __slots__ = ("recipient", "_epk", "_nonce", "_shared")

    def __init__(self, public_key: bytes) -> None:
        self.recipient = bytes(public_key)
        self._epk, esk = bindings.crypto_box_keypair()
        self._nonce = hashlib.blake2b(self._epk + self.recipient, digest_size=24).digest()
        self._shared: bytearray | None = bytearray(
            bindings.crypto_box_beforenm(self.recipient, esk)
        )
        del esk

    def seal(self, e164: str) -> bytes:
        shared, self._shared = self._shared, None
        if shared is None:
            raise RuntimeError("a SealPad seals one number only")
        try:
            return self._epk + bindings.crypto_box_afternm(
                e164.encode("ascii"), self._nonce, bytes(shared)
            )
        finally:
            shared[:] = bytes(len(shared))

    @property
    def used(self) -> bool:
        return self._shared is None
