"""Numbers sealed to a public key: the format lives in ``protocol/sealed.py``.

Before enrolment the key is the counter's escrow key, whose private half only the
administrator's passphrase reveals; enrolment re-seals to the campaign's key. This module
only re-exports the protocol's functions for the store modules still importing them here.
"""

from __future__ import annotations

from ..protocol.sealed import new_keypair, public_from_b64, seal, unseal

__all__ = ["new_keypair", "public_from_b64", "seal", "unseal"]
