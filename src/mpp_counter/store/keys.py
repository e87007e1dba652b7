"""Key slots: the database key, wrapped once per secret, in a small sidecar file.

Like LUKS, but with one twist that makes rotation possible without knowing anyone's PIN:
every slot owns an X25519 key pair. The slot's *private* half is encrypted under a key
derived from the slot's secret (Argon2id, own salt, XChaCha20-Poly1305 with the slot's
header as associated data so its name or KDF parameters cannot be swapped); the database
key is *sealed* to the slot's public half (libsodium sealed box). Unlocking derives,
decrypts the private half, opens the sealed database key. Rotating the database key
(``rekey``) or adding a clerk only needs the public halves. The administrator's slot
also carries the sealed escrow private key, which only the passphrase reveals. A clerk
slot is OS-bound where the OS offers protected storage (``os_secret``): its key also
needs a random secret kept there, so a copied folder is useless with a guessed PIN.

The file is JSON, written atomically (temp, fsync, rename, fsync dir) with the previous
version kept beside it as ``keys.json.prev``.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from nacl import bindings, pwhash
from nacl.encoding import RawEncoder
from nacl.exceptions import CryptoError
from nacl.hash import blake2b
from nacl.public import PrivateKey, PublicKey, SealedBox

from ..domain.errors import BadInput, StoreDamaged, WrongSecret
from .files import atomic_write
from .os_secret import available

FORMAT = "mpp-counter/keyslots"
VERSION = 1
KEYS_FILE = "keys.json"
ADMIN_SLOT = "admin"
PORTABLE_PIN_LENGTH = 10

# Measured on a 2-core Debian machine: ~0.4-0.6 s per unlock (bench/save.py prints it).
KDF_PROFILES: dict[str, dict[str, int]] = {
    "interactive": {"opslimit": 3, "memlimit": 256 * 1024 * 1024},
    # For the test suite only (MPP_COUNTER_KDF_PROFILE=test): every slot records its
    # own parameters, so a store made this way stays weak; never use it for real data.
    "test": {"opslimit": 1, "memlimit": 8 * 1024 * 1024},
}


def kdf_profile() -> dict[str, int]:
    name = os.environ.get("MPP_COUNTER_KDF_PROFILE", "interactive")
    return dict(KDF_PROFILES.get(name, KDF_PROFILES["interactive"]))


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

    def header(self, store_id: str) -> bytes:
        """Associated data: what the wrapped private key is bound to."""
        return json.dumps({"store": store_id, "id": self.id, "role": self.role,
                           "name": self.name, "kdf": self.kdf, "os_bound": self.os_bound,
                           "pk": _b64(self.public_key)}, sort_keys=True).encode()

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "role": self.role, "name": self.name,
                             "kdf": {"alg": "argon2id13", **self.kdf}, "salt": _b64(self.salt),
                             "public_key": _b64(self.public_key),
                             "wrapped_private": _b64(self.wrapped_private),
                             "sealed_db_key": _b64(self.sealed_db_key), "os_bound": self.os_bound}
        if self.sealed_escrow is not None:
            d["sealed_escrow"] = _b64(self.sealed_escrow)
        return d

    @classmethod
    def from_json(cls, d: Any) -> Slot:
        if not isinstance(d, dict):
            raise StoreDamaged("The key file is damaged.")
        kdf = d.get("kdf")
        if not isinstance(kdf, dict) or kdf.get("alg") != "argon2id13":
            raise StoreDamaged("The key file is damaged.")
        ops, mem = kdf.get("opslimit"), kdf.get("memlimit")
        if not isinstance(ops, int) or not isinstance(mem, int) or not (1 <= ops <= 64) \
                or not (8192 <= mem <= 4 << 30):
            raise StoreDamaged("The key file is damaged.")
        role, name, sid = d.get("role"), d.get("name"), d.get("id")
        if role not in ("admin", "clerk") or not isinstance(name, str) or not isinstance(sid, str):
            raise StoreDamaged("The key file is damaged.")
        esc = d.get("sealed_escrow")
        return cls(id=sid, role=role, name=name, kdf={"opslimit": ops, "memlimit": mem},
                   salt=_unb64(d.get("salt")), public_key=_unb64(d.get("public_key")),
                   wrapped_private=_unb64(d.get("wrapped_private")),
                   sealed_db_key=_unb64(d.get("sealed_db_key")),
                   sealed_escrow=_unb64(esc) if esc is not None else None,
                   os_bound=bool(d.get("os_bound", False)))


@dataclass(frozen=True)
class KeyFile:
    store_id: str
    generation: int
    db_file: str
    slots: tuple[Slot, ...] = field(default_factory=tuple)

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

    def to_bytes(self) -> bytes:
        doc = {"format": FORMAT, "version": VERSION, "store_id": self.store_id,
               "generation": self.generation, "db_file": self.db_file,
               "slots": [s.to_json() for s in self.slots]}
        return (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> KeyFile:
        try:
            doc = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise StoreDamaged("The key file is damaged or is not an mpp-counter key file.") \
                from exc
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise StoreDamaged("The key file is damaged or is not an mpp-counter key file.")
        if doc.get("version") != VERSION:
            raise StoreDamaged("The key file was written by a newer mpp-counter.")
        slots = doc.get("slots")
        db_file, gen, sid = doc.get("db_file"), doc.get("generation"), doc.get("store_id")
        if not isinstance(slots, list) or not isinstance(db_file, str) or "/" in db_file \
                or "\\" in db_file or not isinstance(gen, int) or not isinstance(sid, str):
            raise StoreDamaged("The key file is damaged.")
        return cls(sid, gen, db_file, tuple(Slot.from_json(s) for s in slots))


def _derive(secret: str, salt: bytes, kdf: dict[str, int],
            machine_secret: bytes | None = None) -> bytes:
    """Argon2id of the PIN; an OS-bound slot then keys it with the machine's secret
    (BLAKE2b), so without that secret no number of PIN guesses gets anywhere."""
    kek = pwhash.argon2id.kdf(32, secret.encode("utf-8"), salt,
                              opslimit=kdf["opslimit"], memlimit=kdf["memlimit"])
    if machine_secret is None:
        return kek
    return blake2b(kek, digest_size=32, key=machine_secret, person=b"mpp-os-bound",
                   encoder=RawEncoder)


def make_slot(*, store_id: str, role: str, name: str, secret: str, db_key: bytes,
              escrow_private: bytes | None = None, slot_id: str | None = None,
              machine_secret: bytes | None = None) -> Slot:
    """A new slot; with ``machine_secret`` (kept in the OS store) it is OS-bound."""
    kdf = kdf_profile()
    sk = PrivateKey.generate()
    slot = Slot(id=slot_id or f"clerk:{uuid.uuid4()}", role=role, name=name, kdf=kdf,
                salt=secrets.token_bytes(pwhash.argon2id.SALTBYTES),
                public_key=bytes(sk.public_key), wrapped_private=b"", sealed_db_key=b"",
                os_bound=machine_secret is not None)
    kek = _derive(secret, slot.salt, kdf, machine_secret)
    nonce = secrets.token_bytes(bindings.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
    ct = bindings.crypto_aead_xchacha20poly1305_ietf_encrypt(bytes(sk), slot.header(store_id),
                                                              nonce, kek)
    box = SealedBox(sk.public_key)
    return replace(slot, wrapped_private=nonce + ct, sealed_db_key=box.encrypt(db_key),
                   sealed_escrow=box.encrypt(escrow_private) if escrow_private else None)


def reseal(slot: Slot, db_key: bytes, escrow_private: bytes | None = None,
           keep_escrow: bool = True) -> Slot:
    """The same slot with a new database key (and escrow) sealed to it: no secret needed."""
    box = SealedBox(PublicKey(slot.public_key))
    esc = slot.sealed_escrow if keep_escrow else None
    if escrow_private is not None:
        esc = box.encrypt(escrow_private)
    return replace(slot, sealed_db_key=box.encrypt(db_key), sealed_escrow=esc)


@dataclass(frozen=True)
class Unlocked:
    db_key: bytearray
    escrow_private: bytearray | None


def unlock(store_id: str, slot: Slot, secret: str,
           machine_secret: bytes | None = None) -> Unlocked:
    """Derive, decrypt the slot's private half and open what is sealed to it."""
    if slot.os_bound and machine_secret is None:
        raise WrongSecret("This clerk's PIN only works on the computer and user account where "
                          "it was set up. The administrator's passphrase still opens the store.")
    kek = _derive(secret, slot.salt, slot.kdf, machine_secret if slot.os_bound else None)
    nonce, ct = slot.wrapped_private[:24], slot.wrapped_private[24:]
    try:
        sk_raw = bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(ct, slot.header(store_id),
                                                                      nonce, kek)
    except CryptoError as exc:
        raise WrongSecret("Unknown user or wrong PIN." if slot.role == "clerk"
                          else "Wrong passphrase.") from exc
    box = SealedBox(PrivateKey(sk_raw))
    try:
        db_key = bytearray(box.decrypt(slot.sealed_db_key))
        esc = bytearray(box.decrypt(slot.sealed_escrow)) if slot.sealed_escrow else None
    except CryptoError as exc:
        raise StoreDamaged("The key file is damaged.") from exc
    if len(db_key) != 32:
        raise StoreDamaged("The key file is damaged.")
    return Unlocked(db_key, esc)


def read(data_dir: Path) -> KeyFile:
    path = data_dir / KEYS_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise StoreDamaged("The key file cannot be read: {reason}", reason=exc.strerror) from exc
    return KeyFile.from_bytes(raw)


def write(data_dir: Path, keyfile: KeyFile) -> None:
    atomic_write(data_dir / KEYS_FILE, keyfile.to_bytes(), keep_previous=True)


def check_pin(pin: str, role: str, *, os_bound: bool | None = None) -> None:
    """Rules for a new secret; a clerk's PIN is 6+ digits, a passphrase 10+ characters.

    A clerk slot that cannot be bound to the OS's protected storage (``os_bound`` False;
    None asks ``os_secret.available()``) must stand on its own against offline guessing,
    so its PIN must then be at least ``PORTABLE_PIN_LENGTH`` characters.
    """
    if role == "clerk":
        if os_bound is None:
            os_bound = available() is not None
        if os_bound and (not pin.isdigit() or not 6 <= len(pin) <= 32):
            raise BadInput("A PIN must be at least 6 digits, digits only.")
        if not os_bound and not PORTABLE_PIN_LENGTH <= len(pin) <= 32:
            raise BadInput("This computer has no protected key storage, so a clerk PIN must "
                           "be at least {n} characters long.", n=PORTABLE_PIN_LENGTH)
        if any(not c.isprintable() or c.isspace() for c in pin):
            raise BadInput("A PIN must not contain spaces.")
        if len(set(pin)) == 1 or pin in "0123456789012345" or pin in "9876543210987654":
            raise BadInput("This PIN is too easy to guess.")
    elif len(pin) < 10:
        raise BadInput("The administrator passphrase must be at least 10 characters.")
