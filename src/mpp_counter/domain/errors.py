"""The one error hierarchy of the project.

Every error carries a user-facing message template in English (its *message id*) and the
arguments to fill it. The CLI prints ``str(error)``; the GUI translates the template
through Qt (``QCoreApplication.translate("errors", error.msgid)``) and then fills it, so
the core never needs Qt to speak Bahasa Indonesia. Templates must never be filled with a
phone number, a PIN, a key or a token.
"""

from __future__ import annotations

from typing import Any


class MppError(Exception):
    """Base of every error the user may see. ``exit_code`` is the CLI's: 1 failed, 2 bad input."""

    exit_code = 1
    msgid = "Something went wrong."

    def __init__(self, msgid: str | None = None, **args: Any) -> None:
        if msgid is not None:
            self.msgid = msgid
        self.args_map: dict[str, Any] = args
        super().__init__(self.message)

    @property
    def message(self) -> str:
        try:
            return self.msgid.format(**self.args_map)
        except (KeyError, IndexError, ValueError):
            return self.msgid


class BadInput(MppError):
    """The user typed or passed something that cannot be used (CLI exit 2)."""

    exit_code = 2


class InvalidPhone(BadInput, ValueError):
    """A phone number that is not exactly one valid Indonesian mobile number."""


class InvalidReceipt(BadInput, ValueError):
    """A receipt code that is malformed or fails its check character."""


class UnknownRecord(BadInput):
    """A receipt, service or clerk that the store does not know."""


class WrongSecret(MppError):
    """A passphrase or PIN that unwraps no key slot."""


class LockedOut(MppError):
    """Too many wrong PINs: wait before trying again."""


class StoreMissing(MppError):
    """No store in the data directory yet."""


class StoreExists(MppError):
    """``init`` on a data directory that already holds a store."""


class StoreDamaged(MppError):
    """The database or the key-slot file is corrupt, truncated or not ours."""


class StoreWriteFailed(MppError):
    """The disk refused a write (full, read-only, gone); nothing was half-saved."""


class DiskError(StoreWriteFailed):
    """The disk itself failed: never called damage or a wrong key. ``kind`` is for callers
    that must word what happened next ("full", "read-only", "io")."""

    kind = "io"


class DiskFull(DiskError):
    kind = "full"
    msgid = (
        "The disk is full: this change was not saved. Free some space on the disk and try again."
    )


class DiskReadOnly(DiskError):
    kind = "read-only"
    msgid = (
        "The disk is read-only: this change was not saved. The data folder must be "
        "writable again before anything can be recorded."
    )


class DiskIOError(DiskError):
    kind = "io"
    msgid = (
        "The disk reported an I/O error: this change was not saved. The disk may be "
        "failing: copy the data folder to a healthy disk."
    )


class ConfigInvalid(BadInput):
    """A settings or catalog file that cannot be read."""


class PrinterUnavailable(MppError):
    """The printer is missing, disabled or refused the job; the record is still saved."""


class SyncError(MppError):
    """The central could not be reached or answered something unusable."""


class SyncRejected(SyncError):
    """The central refused the device (revoked) or a record (flagged, never dropped)."""


class SealingStopped(MppError):
    """The campaign key in use is not the one the central names: no number is sealed."""

    msgid = (
        "Numbers cannot be saved at this counter: its survey key does not match the "
        "central's. Call the administrator. Visits without a number can still be saved."
    )
