"""The key file's shape: slots and the signed file that holds them (JSON, version 2).

Parsing refuses what no genuine file holds: unknown versions, a slot weaker than
``KDF_MINIMUM`` (before any derivation), a bound slot in an unsigned file. What a slot
does with a secret (derive, wrap, unlock) lives in keys.py.

``KDF_PROFILE`` and ``KDF_MINIMUM`` are the program's own and fixed; the test suite lowers
them in its own processes (tests/kdf_hook), never through a switch the program reads.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field, replace
from typing import Any

from nacl.exceptions import CryptoError
from nacl.signing import SigningKey, VerifyKey

from ..domain.errors import StoreDamaged, WrongSecret

FORMAT = "mpp-counter/keyslots"
VERSION = 2  # 1: slots did not bind the store (upgraded at the next unlock)

# Measured on a 2-core Debian machine: ~0.4-0.6 s per unlock (bench/save.py prints it).
KDF_PROFILE: dict[str, int] = {"opslimit": 3, "memlimit": 256 * 1024 * 1024}
# Nothing weaker is ever opened: a slot below this is refused before deriving anything.
KDF_MINIMUM: dict[str, int] = dict(KDF_PROFILE)
_DAMAGED_MSG = "The key file is damaged."


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def _unb64(s: Any) -> bytes:
    if not isinstance(s, str):
        raise StoreDamaged("The key file is damaged.")
    try:
        return base64.b64decode(s, validate=True)
    except ValueError as exc:
        raise StoreDamaged("The key file is damaged.") from exc


@dataclass(frozen=True)
class Slot:
    id: str
    role: str  # "admin" | "clerk"
    name: str
    kdf: dict[str, int]
    salt: bytes
    public_key: bytes
    wrapped_private: bytes  # nonce || ciphertext+tag
    sealed_db_key: bytes
    sealed_escrow: bytes | None = None
    os_bound: bool = False
    bound: bool = False  # the header names the store's verify key (version 2)
    sealed_sign: bytes | None = None  # the store's signing key: the admin slot only

    def header(self, store_id: str, verify_key: bytes | None) -> bytes:
        """Associated data: what the wrapped private key is bound to."""
        doc: dict[str, Any] = {
            "store": store_id,
            "id": self.id,
            "role": self.role,
            "name": self.name,
            "kdf": self.kdf,
            "os_bound": self.os_bound,
            "pk": _b64(self.public_key),
        }
        if self.bound:
            if verify_key is None:
                raise StoreDamaged(_DAMAGED_MSG)
            doc.update(v=2, vk=_b64(verify_key))
        return json.dumps(doc, sort_keys=True).encode()

    def signed_part(self) -> dict[str, Any]:
        """What the key file's signature covers: everything but the PIN-wrapped half
        (which only its PIN holder can make, and which must match ``public_key``)."""
        return {
            "id": self.id,
            "role": self.role,
            "name": self.name,
            "public_key": _b64(self.public_key),
            "sealed_db_key": _b64(self.sealed_db_key),
            "sealed_escrow": _b64(self.sealed_escrow) if self.sealed_escrow else None,
            "sealed_sign": _b64(self.sealed_sign) if self.sealed_sign else None,
            "os_bound": self.os_bound,
        }

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "role": self.role,
            "name": self.name,
            "kdf": {"alg": "argon2id13", **self.kdf},
            "salt": _b64(self.salt),
            "public_key": _b64(self.public_key),
            "wrapped_private": _b64(self.wrapped_private),
            "sealed_db_key": _b64(self.sealed_db_key),
            "os_bound": self.os_bound,
            "bound": self.bound,
        }
        if self.sealed_escrow is not None:
            d["sealed_escrow"] = _b64(self.sealed_escrow)
        if self.sealed_sign is not None:
            d["sealed_sign"] = _b64(self.sealed_sign)
        return d

    @classmethod
    def from_json(cls, d: Any) -> Slot:
        if not isinstance(d, dict):
            raise StoreDamaged(_DAMAGED_MSG)
        kdf = d.get("kdf")
        if not isinstance(kdf, dict) or kdf.get("alg") != "argon2id13":
            raise StoreDamaged(_DAMAGED_MSG)
        ops, mem = kdf.get("opslimit"), kdf.get("memlimit")
        if (
            not isinstance(ops, int)
            or not isinstance(mem, int)
            or not (1 <= ops <= 64)
            or not (8192 <= mem <= 4 << 30)
        ):
            raise StoreDamaged(_DAMAGED_MSG)
        if ops < KDF_MINIMUM["opslimit"] or mem < KDF_MINIMUM["memlimit"]:
            raise StoreDamaged(
                "A key slot uses weaker key derivation than this program "
                "accepts; the key file was altered."
            )
        role, name, sid = d.get("role"), d.get("name"), d.get("id")
        if role not in ("admin", "clerk") or not isinstance(name, str) or not isinstance(sid, str):
            raise StoreDamaged(_DAMAGED_MSG)
        esc, sign = d.get("sealed_escrow"), d.get("sealed_sign")
        return cls(
            id=sid,
            role=role,
            name=name,
            kdf={"opslimit": ops, "memlimit": mem},
            salt=_unb64(d.get("salt")),
            public_key=_unb64(d.get("public_key")),
            wrapped_private=_unb64(d.get("wrapped_private")),
            sealed_db_key=_unb64(d.get("sealed_db_key")),
            sealed_escrow=_unb64(esc) if esc is not None else None,
            os_bound=bool(d.get("os_bound", False)),
            bound=d.get("bound") is True,
            sealed_sign=_unb64(sign) if sign is not None else None,
        )


@dataclass(frozen=True)
class KeyFile:
    store_id: str
    generation: int
    db_file: str
    slots: tuple[Slot, ...] = field(default_factory=tuple)
    verify_key: bytes | None = None  # None: a version 1 file, not yet upgraded
    signature: bytes | None = None

    def slot(self, slot_id: str) -> Slot:
        for s in self.slots:
            if s.id == slot_id:
                return s
        raise WrongSecret("Unknown user or wrong PIN.")

    def clerk_slot(self, name: str) -> Slot:
        for s in self.slots:
            if s.role == "clerk" and s.name.casefold() == name.strip().casefold():
                return s
        raise WrongSecret("Unknown user or wrong PIN.")

    def clerks(self) -> list[str]:
        return sorted((s.name for s in self.slots if s.role == "clerk"), key=str.casefold)

    def signed_bytes(self) -> bytes:
        doc = {
            "format": FORMAT,
            "store_id": self.store_id,
            "generation": self.generation,
            "db_file": self.db_file,
            "verify_key": _b64(self.verify_key or b""),
            "slots": [s.signed_part() for s in self.slots],
        }
        return json.dumps(doc, sort_keys=True).encode()

    def signed(self, sign_key: bytes | bytearray) -> KeyFile:
        """This file signed by the store's key (held by an administrator session only)."""
        sk = SigningKey(bytes(sign_key))
        if bytes(sk.verify_key) != self.verify_key:
            raise StoreDamaged(_DAMAGED_MSG)
        return replace(self, signature=sk.sign(self.signed_bytes()).signature)

    def verify(self) -> None:
        """Refuse a file not signed by the store's key; call once a bound slot has proven
        (by its header) that ``verify_key`` is the store's own."""
        if self.verify_key is None or self.signature is None:
            raise StoreDamaged(_TAMPERED_MSG)
        try:
            VerifyKey(self.verify_key).verify(self.signed_bytes(), self.signature)
        except (CryptoError, ValueError) as exc:
            raise StoreDamaged(_TAMPERED_MSG) from exc

    def to_bytes(self) -> bytes:
        doc: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION if self.verify_key else 1,
            "store_id": self.store_id,
            "generation": self.generation,
            "db_file": self.db_file,
            "slots": [s.to_json() for s in self.slots],
        }
        if self.verify_key is not None:
            doc["verify_key"] = _b64(self.verify_key)
            doc["signature"] = _b64(self.signature or b"")
        return (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> KeyFile:
        try:
            doc = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise StoreDamaged(
                "The key file is damaged or is not an mpp-counter key file."
            ) from exc
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise StoreDamaged("The key file is damaged or is not an mpp-counter key file.")
        version = doc.get("version")
        if version not in (1, VERSION):
            raise StoreDamaged("The key file was written by a newer mpp-counter.")
        slots = doc.get("slots")
        db_file, gen, sid = doc.get("db_file"), doc.get("generation"), doc.get("store_id")
        if (
            not isinstance(slots, list)
            or not isinstance(db_file, str)
            or "/" in db_file
            or "\\" in db_file
            or not isinstance(gen, int)
            or not isinstance(sid, str)
        ):
            raise StoreDamaged(_DAMAGED_MSG)
        vk = sig = None
        if version == VERSION:
            vk, sig = _unb64(doc.get("verify_key")), _unb64(doc.get("signature"))
            if len(vk) != 32:
                raise StoreDamaged(_DAMAGED_MSG)
        parsed = tuple(Slot.from_json(s) for s in slots)
        if vk is None and any(s.bound for s in parsed):
            raise StoreDamaged(_TAMPERED_MSG)
        return cls(sid, gen, db_file, parsed, vk, sig)


_TAMPERED_MSG = (
    "The key file was changed without the administrator passphrase; it is not used. "
    "Restore the data folder from a backup or ask for support."
)
