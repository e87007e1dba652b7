"""The operating system's protected secret storage, behind set/get/delete.

A clerk's 6-digit PIN cannot resist offline guessing on its own; a random secret kept in
the OS store (Windows Credential Locker, macOS Keychain, Secret Service on Linux, all
through the ``keyring`` library) makes a copied data folder useless without this PC's
user account. Only backends that really protect the secret count: keyring's fail and
null backends, and plaintext or "encrypted file" backends from ``keyrings.alt``, count
as none. A backend counts only after a write/read/delete round trip succeeded, so a
Secret Service that is present but locked or broken is "none", not a surprise later.
"""

from __future__ import annotations

import base64
import logging
import secrets
from functools import lru_cache
from typing import Any, Protocol

from ..domain.errors import WrongSecret

log = logging.getLogger(__name__)

SERVICE = "mpp-counter"
SECRET_BYTES = 32
# Modules of keyring backends that keep secrets in storage the OS protects.
PROTECTED_MODULES = (
    "keyring.backends.SecretService",
    "keyring.backends.libsecret",
    "keyring.backends.kwallet",
    "keyring.backends.macOS",
    "keyring.backends.Windows",
)


class SecretStore(Protocol):
    name: str

    def set(self, key: str, value: bytes) -> None: ...
    def get(self, key: str) -> bytes | None: ...
    def delete(self, key: str) -> None: ...


class KeyringStore:
    """One keyring backend; values are base64 text because keyring stores strings."""

    def __init__(self, backend: Any) -> None:
        self._backend = backend
        self.name = f"{type(backend).__module__}.{type(backend).__name__}"

    def set(self, key: str, value: bytes) -> None:
        self._backend.set_password(SERVICE, key, base64.b64encode(value).decode("ascii"))

    def get(self, key: str) -> bytes | None:
        text = self._backend.get_password(SERVICE, key)
        if text is None:
            return None
        try:
            return base64.b64decode(text, validate=True)
        except ValueError:
            return None

    def delete(self, key: str) -> None:
        from keyring.errors import PasswordDeleteError

        try:
            self._backend.delete_password(SERVICE, key)
        except PasswordDeleteError:
            pass  # already gone


def _candidates() -> list[Any]:
    """Protected backends, best first: the one the user configured for keyring (environment
    or keyringrc), else every viable one by priority. Evaluated afresh (keyring caches its
    own choice for the process), so ``reset`` sees a changed environment."""
    import keyring.backend
    import keyring.core
    from keyring.backends.chainer import ChainerBackend

    try:
        chosen = keyring.core.load_env() or keyring.core.load_config()
        if chosen is not None:
            found = list(chosen.backends) if isinstance(chosen, ChainerBackend) else [chosen]
        else:
            keyring.backend.get_all_keyring()  # loads the backend plugins, once
            classes = [
                c
                for c in keyring.backend.KeyringBackend.get_viable_backends()
                if c.__module__ in PROTECTED_MODULES
            ]
            found = [c() for c in sorted(classes, key=lambda c: c.priority, reverse=True)]
    except Exception as exc:  # noqa: BLE001 - a broken keyring setup means "none"
        log.debug("keyring backends unavailable: %s", type(exc).__name__)
        return []
    return [b for b in found if type(b).__module__ in PROTECTED_MODULES]


def _works(store: KeyringStore) -> bool:
    probe = f"probe/{secrets.token_hex(8)}"
    value = secrets.token_bytes(16)
    try:
        store.set(probe, value)
        ok = store.get(probe) == value
        store.delete(probe)
        return ok
    except Exception as exc:  # noqa: BLE001 - any failure means this backend is unusable
        log.debug("secret store %s does not work: %s", store.name, type(exc).__name__)
        return False


@lru_cache(maxsize=1)
def available() -> SecretStore | None:
    """The first protected backend that really works here, or None. Cached per process."""
    for backend in _candidates():
        store = KeyringStore(backend)
        if _works(store):
            log.debug("protected secret store: %s", store.name)
            return store
    log.debug("no protected secret store on this system")
    return None


def reset() -> None:
    """Forget the cached answer (the environment changed, e.g. in a test)."""
    available.cache_clear()


def slot_key(store_id: str, slot_id: str) -> str:
    """The entry name of one slot's secret: names the store and slot, holds nothing secret."""
    return f"slot/{store_id}/{slot_id}"


def new_secret() -> bytes:
    return secrets.token_bytes(SECRET_BYTES)


def bind(store_id: str, slot_id: str) -> bytes | None:
    """A fresh secret for a new clerk slot, kept in the OS store; None where there is none."""
    store = available()
    if store is None:
        return None
    value = new_secret()
    store.set(slot_key(store_id, slot_id), value)
    return value


def slot_secret(store_id: str, slot_id: str) -> bytes:
    """The OS-kept secret of an OS-bound slot; a copied folder elsewhere has none."""
    store = available()
    try:
        value = store.get(slot_key(store_id, slot_id)) if store is not None else None
    except Exception as exc:  # noqa: BLE001 - a keyring that fails now is like none
        log.debug("secret store read failed: %s", type(exc).__name__)
        value = None
    if value is None or len(value) != SECRET_BYTES:
        raise WrongSecret(
            "This clerk's PIN only works on the computer and user account where "
            "it was set up. The administrator's passphrase still opens the store."
        )
    return value


def unbind(store_id: str, slot_id: str) -> None:
    """Forget a removed slot's secret; best effort (the slot is already gone)."""
    store = available()
    if store is not None:
        try:
            store.delete(slot_key(store_id, slot_id))
        except Exception as exc:  # noqa: BLE001
            log.debug("secret store delete failed: %s", type(exc).__name__)
