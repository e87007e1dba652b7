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

Every slot binds the store (version 2): its header also names the store's Ed25519
verify key, whose signing half is sealed to the administrator's slot only. The whole key
file (generation, database file name, every public half and sealed key) is signed with
it, and a slot is opened only when that signature holds. So someone who can write the
folder but has no passphrase cannot seal a key of their own to the slots, point
``db_file`` at a database of their making, or put back a removed clerk's slot.

The KDF parameters are fixed by this program (``keyfile.KDF_PROFILE``); a slot weaker
than ``keyfile.KDF_MINIMUM`` is refused before any derivation. There is no switch for weak keys: the
test suite lowers both constants in its own process (tests/kdf_hook), never through the
shipped program.

The file is JSON, written atomically (temp, fsync, rename, fsync dir) with the previous
version kept beside it as ``keys.json.prev``.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from nacl import bindings, pwhash
from nacl.encoding import RawEncoder
from nacl.exceptions import CryptoError
from nacl.hash import blake2b
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.signing import SigningKey

from ..domain.errors import BadInput, StoreDamaged, WrongSecret
from . import keyfile
from .files import atomic_write
from .keyfile import _DAMAGED_MSG, _TAMPERED_MSG
from .keyfile import KeyFile as KeyFile  # the key file's shape, used through this module too
from .keyfile import Slot as Slot
from .os_secret import available

KEYS_FILE = "keys.json"
ADMIN_SLOT = "admin"
PORTABLE_PIN_LENGTH = 10


def kdf_profile() -> dict[str, int]:
    """The program's own Argon2id parameters (read at each call: tests lower them)."""
    return dict(keyfile.KDF_PROFILE)


def _derive(
    secret: str, salt: bytes, kdf: dict[str, int], machine_secret: bytes | None = None
) -> bytes:
    """Argon2id of the PIN; an OS-bound slot then keys it with the machine's secret
    (BLAKE2b), so without that secret no number of PIN guesses gets anywhere."""
    kek = pwhash.argon2id.kdf(
        32, secret.encode("utf-8"), salt, opslimit=kdf["opslimit"], memlimit=kdf["memlimit"]
    )
    if machine_secret is None:
        return kek
    return blake2b(
        kek, digest_size=32, key=machine_secret, person=b"mpp-os-bound", encoder=RawEncoder
    )


def _wrap(slot: Slot, store_id: str, verify_key: bytes | None, private: bytes, kek: bytes) -> Slot:
    nonce = secrets.token_bytes(bindings.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
    ct = bindings.crypto_aead_xchacha20poly1305_ietf_encrypt(
        private, slot.header(store_id, verify_key), nonce, kek
    )
    return replace(slot, wrapped_private=nonce + ct)


def new_signing_key() -> tuple[bytes, bytes]:
    """The store's signing key and its verify key (raw 32 bytes each)."""
    sk = SigningKey.generate()
    return bytes(sk), bytes(sk.verify_key)


def make_slot(
    *,
    store_id: str,
    role: str,
    name: str,
    secret: str,
    db_key: bytes,
    verify_key: bytes,
    escrow_private: bytes | None = None,
    sign_private: bytes | None = None,
    slot_id: str | None = None,
    machine_secret: bytes | None = None,
) -> Slot:
    """A new slot bound to the store; with ``machine_secret`` (kept in the OS store) it is
    OS-bound."""
    kdf = kdf_profile()
    sk = PrivateKey.generate()
    slot = Slot(
        id=slot_id or f"clerk:{uuid.uuid4()}",
        role=role,
        name=name,
        kdf=kdf,
        salt=secrets.token_bytes(pwhash.argon2id.SALTBYTES),
        public_key=bytes(sk.public_key),
        wrapped_private=b"",
        sealed_db_key=b"",
        os_bound=machine_secret is not None,
        bound=True,
    )
    slot = _wrap(
        slot, store_id, verify_key, bytes(sk), _derive(secret, slot.salt, kdf, machine_secret)
    )
    return reseal(slot, db_key, escrow_private, sign_private=sign_private)


def reseal(
    slot: Slot,
    db_key: bytes,
    escrow_private: bytes | None = None,
    keep_escrow: bool = True,
    sign_private: bytes | None = None,
) -> Slot:
    """The same slot with a new database key (and escrow) sealed to it: no secret needed."""
    box = SealedBox(PublicKey(slot.public_key))
    esc = slot.sealed_escrow if keep_escrow else None
    if escrow_private is not None:
        esc = box.encrypt(escrow_private)
    sign = box.encrypt(sign_private) if sign_private is not None else slot.sealed_sign
    return replace(slot, sealed_db_key=box.encrypt(db_key), sealed_escrow=esc, sealed_sign=sign)


@dataclass(frozen=True)
class Unlocked:
    db_key: bytearray
    escrow_private: bytearray | None
    sign_key: bytearray | None = None  # the store's signing key (administrator only)
    kek: bytearray | None = None  # kept only to bind a version 1 slot, then wiped
    private: bytearray | None = None

    def wipe(self) -> None:
        for buf in (self.db_key, self.escrow_private, self.sign_key, self.kek, self.private):
            if buf is not None:
                buf[:] = bytes(len(buf))

    def wipe_rebind(self) -> None:
        for buf in (self.kek, self.private):
            if buf is not None:
                buf[:] = bytes(len(buf))


def unlock(kf: KeyFile, slot: Slot, secret: str, machine_secret: bytes | None = None) -> Unlocked:
    """Derive, decrypt the slot's private half and open what is sealed to it.

    A bound slot also checks the key file's signature with the verify key its header
    names: nothing is taken from an unsigned or re-signed file.
    """
    if slot.os_bound and machine_secret is None:
        raise WrongSecret(
            "This clerk's PIN only works on the computer and user account where "
            "it was set up. The administrator's passphrase still opens the store."
        )
    kek = _derive(secret, slot.salt, slot.kdf, machine_secret if slot.os_bound else None)
    nonce, ct = slot.wrapped_private[:24], slot.wrapped_private[24:]
    try:
        sk_raw = bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(
            ct, slot.header(kf.store_id, kf.verify_key), nonce, kek
        )
    except CryptoError as exc:
        raise WrongSecret(
            "Unknown user or wrong PIN." if slot.role == "clerk" else "Wrong passphrase."
        ) from exc
    sk = PrivateKey(sk_raw)
    if bytes(sk.public_key) != slot.public_key:
        raise StoreDamaged(_TAMPERED_MSG)
    if slot.bound:
        kf.verify()
    box = SealedBox(sk)
    try:
        db_key = bytearray(box.decrypt(slot.sealed_db_key))
        esc = bytearray(box.decrypt(slot.sealed_escrow)) if slot.sealed_escrow else None
        sign = bytearray(box.decrypt(slot.sealed_sign)) if slot.sealed_sign else None
    except CryptoError as exc:
        raise StoreDamaged(_DAMAGED_MSG) from exc
    if len(db_key) != 32:
        raise StoreDamaged(_DAMAGED_MSG)
    if sign is not None and (
        kf.verify_key is None or bytes(SigningKey(bytes(sign)).verify_key) != kf.verify_key
    ):
        raise StoreDamaged(_TAMPERED_MSG)
    return Unlocked(
        db_key,
        esc,
        sign,
        None if slot.bound else bytearray(kek),
        None if slot.bound else bytearray(sk_raw),
    )


def bind(kf: KeyFile, slot: Slot, unlocked: Unlocked) -> Slot:
    """A version 1 slot, just opened with its secret, re-wrapped to name the store's
    verify key (the same secret and salt: only the header changes)."""
    if unlocked.kek is None or unlocked.private is None or kf.verify_key is None:
        raise StoreDamaged(_DAMAGED_MSG)
    return _wrap(
        replace(slot, bound=True),
        kf.store_id,
        kf.verify_key,
        bytes(unlocked.private),
        bytes(unlocked.kek),
    )


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


def settle_previous(data_dir: Path, keyfile: KeyFile) -> None:
    """Make ``keys.json.prev`` a copy of the file in force once nothing needs the older one,
    so no kept file holds a removed slot or an older generation's sealed key."""
    prev = data_dir / (KEYS_FILE + ".prev")
    body = keyfile.to_bytes()
    try:
        if prev.read_bytes() == body:
            return
    except OSError:
        pass
    atomic_write(prev, body)


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
            raise BadInput(
                "This computer has no protected key storage, so a clerk PIN must "
                "be at least {n} characters long.",
                n=PORTABLE_PIN_LENGTH,
            )
        if any(not c.isprintable() or c.isspace() for c in pin):
            raise BadInput("A PIN must not contain spaces.")
        if len(set(pin)) == 1 or pin in "0123456789012345" or pin in "9876543210987654":
            raise BadInput("This PIN is too easy to guess.")
    elif len(pin) < 10:
        raise BadInput("The administrator passphrase must be at least 10 characters.")
