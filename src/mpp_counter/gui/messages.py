"""Every message the core can raise, listed so ``pyside6-lupdate`` extracts it.

The core (domain/, store/) speaks English message templates and never imports Qt; the
window translates a template in the context "errors" and only then fills in its arguments,
so a translated sentence keeps its own word order. ``tests/gui/test_messages.py`` fails
when the core gains a message that is missing here.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..domain.errors import MppError

CORE_MESSAGES = (
    QT_TRANSLATE_NOOP(
        "errors",
        "This counter is enrolled at the central as {mpp} / {counter}; its MPP code and counter name cannot change. A PC that moves to another counter is set up again there, after its records are sent.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The administrator changed the keys in the meantime; nothing was saved. Lock the counter and unlock it again.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "A key slot uses weaker key derivation than this program accepts; the key file was altered.",
    ),
    QT_TRANSLATE_NOOP("errors", "No printer is set; the slip is shown on screen."),
    QT_TRANSLATE_NOOP(
        "errors", "Nothing was changed: the new database file could not be written ({reason})."
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The key file was changed without the administrator passphrase; it is not used. Restore the data folder from a backup or ask for support.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The record of wrong attempts is missing or damaged, so clerks cannot unlock. The administrator must unlock once with the passphrase.",
    ),
    QT_TRANSLATE_NOOP("errors", "A PIN must be at least 6 digits, digits only."),
    QT_TRANSLATE_NOOP("errors", "A clerk name must be 1 to 60 printable characters."),
    QT_TRANSLATE_NOOP("errors", "A consent needs the citizen's mobile number."),
    QT_TRANSLATE_NOOP("errors", "A number is only recorded when the citizen agrees."),
    QT_TRANSLATE_NOOP("errors", "A phone number cannot contain letters."),
    QT_TRANSLATE_NOOP("errors", "A receipt code has 9 characters, like ABCD-EFGH-K."),
    QT_TRANSLATE_NOOP("errors", "A sealed number cannot be opened with this key."),
    QT_TRANSLATE_NOOP("errors", "A store already exists in {path}."),
    QT_TRANSLATE_NOOP("errors", "Could not write {name}: {reason}"),
    QT_TRANSLATE_NOOP("errors", "Enter only one phone number."),
    QT_TRANSLATE_NOOP("errors", "Enter the phone number as text."),
    QT_TRANSLATE_NOOP("errors", "Enter the phone number."),
    QT_TRANSLATE_NOOP("errors", "Extensions are not allowed: enter a mobile number."),
    QT_TRANSLATE_NOOP(
        "errors", "Give the last four digits of the citizen's mobile number, e.g. 7890."
    ),
    QT_TRANSLATE_NOOP("errors", "No consent with receipt code {code} at this counter."),
    QT_TRANSLATE_NOOP("errors", "No store in {path}: run 'mpp-counter init' first."),
    QT_TRANSLATE_NOOP(
        "errors",
        "Numbers cannot be saved at this counter: its survey key "
        "does not match the central's. Call the administrator. Visits without "
        "a number can still be saved.",
    ),
    QT_TRANSLATE_NOOP("errors", "Only the administrator can do this."),
    QT_TRANSLATE_NOOP(
        "errors",
        "Receipt {code} was not given at this counter: add the last four digits of the citizen's number to withdraw it at the central.",
    ),
    QT_TRANSLATE_NOOP("errors", "Something went wrong."),
    QT_TRANSLATE_NOOP("errors", "That is too long to be one phone number."),
    QT_TRANSLATE_NOOP("errors", "The administrator passphrase must be at least 10 characters."),
    QT_TRANSLATE_NOOP("errors", "The campaign key is not valid."),
    QT_TRANSLATE_NOOP(
        "errors", "The campaign's notice does not fit one A4 page; shorten its texts."
    ),
    QT_TRANSLATE_NOOP("errors", "The catalog lists service {code} twice."),
    QT_TRANSLATE_NOOP(
        "errors",
        "The central at {host} is busy (HTTP {status}); try again in a few minutes. Nothing was lost: what was not sent is kept.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The counter is enrolled, but the escrow key could not be removed from keys.json yet: {reason} The next sync removes it.",
    ),
    QT_TRANSLATE_NOOP("errors", "The counter is locked: unlock it first."),
    QT_TRANSLATE_NOOP("errors", "The database file cannot be created: {reason}"),
    QT_TRANSLATE_NOOP("errors", "The database file cannot be opened: {reason}"),
    QT_TRANSLATE_NOOP("errors", "The database file cannot be read: {reason}"),
    QT_TRANSLATE_NOOP(
        "errors", "The database file is damaged or does not belong to this key file."
    ),
    QT_TRANSLATE_NOOP("errors", "The database file is missing."),
    QT_TRANSLATE_NOOP("errors", "The database file is truncated."),
    QT_TRANSLATE_NOOP("errors", "The database is busy or cannot be written: {reason}"),
    QT_TRANSLATE_NOOP(
        "errors", "The store kept changing during the save; nothing was saved. Save again."
    ),
    QT_TRANSLATE_NOOP("errors", "The database is damaged: {reason}"),
    QT_TRANSLATE_NOOP(
        "errors",
        "The disk is full: the store cannot be opened. Free some space on the disk and try again.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The disk is full: this change was not saved. Free some space on the disk and try again.",
    ),
    QT_TRANSLATE_NOOP("errors", "The disk is read-only and the store cannot be opened from it."),
    QT_TRANSLATE_NOOP(
        "errors",
        "The disk is read-only: this change was not saved. The data folder must be writable again before anything can be recorded.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The disk reported an I/O error while opening the store. The disk may be failing: copy the data folder to a healthy disk.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The disk reported an I/O error: this change was not saved. The disk may be failing: copy the data folder to a healthy disk.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The enrolment code is used up but the counter could not save its enrolment: {reason} Ask the central office for a new code.",
    ),
    QT_TRANSLATE_NOOP("errors", "The key does not open this database (wrong key or damaged file)."),
    QT_TRANSLATE_NOOP("errors", "The key file cannot be read: {reason}"),
    QT_TRANSLATE_NOOP("errors", "The key file is damaged or is not an mpp-counter key file."),
    QT_TRANSLATE_NOOP("errors", "The key file is damaged."),
    QT_TRANSLATE_NOOP("errors", "The key file was written by a newer mpp-counter."),
    QT_TRANSLATE_NOOP(
        "errors",
        "The last four digits do not match the number of consent {code}; check them with the citizen.",
    ),
    QT_TRANSLATE_NOOP("errors", "Give the visit's id or the receipt code of its slip."),
    QT_TRANSLATE_NOOP("errors", "No such visit at this counter."),
    QT_TRANSLATE_NOOP(
        "errors",
        "Only a visit saved today can be voided; ask the administrator to correct an older one at the central.",
    ),
    QT_TRANSLATE_NOOP("errors", "Say in a few words why the visit is voided."),
    QT_TRANSLATE_NOOP("errors", "The note is too long: at most {n} characters."),
    QT_TRANSLATE_NOOP("errors", "The note must not hold a number: describe the mistake in words."),
    QT_TRANSLATE_NOOP("errors", "Unknown reason '{reason}' for voiding; use one of: {allowed}."),
    QT_TRANSLATE_NOOP("errors", "The number has characters that do not belong in a phone number."),
    QT_TRANSLATE_NOOP("errors", "The number is too long for an Indonesian mobile number."),
    QT_TRANSLATE_NOOP("errors", "The number is too short for an Indonesian mobile number."),
    QT_TRANSLATE_NOOP(
        "errors",
        "The read-aloud script '{key}' has {words} words; at most "
        "{most} can be read in about ten seconds.",
    ),
    QT_TRANSLATE_NOOP("errors", "The record was not saved: {reason}"),
    QT_TRANSLATE_NOOP("errors", "The store has no active survey campaign."),
    QT_TRANSLATE_NOOP("errors", "The store has no key for receipt codes."),
    QT_TRANSLATE_NOOP("errors", "The {where} file has a malformed service."),
    QT_TRANSLATE_NOOP("errors", "The {where} file has an agency without services."),
    QT_TRANSLATE_NOOP("errors", "The {where} file has malformed keywords."),
    QT_TRANSLATE_NOOP("errors", "The {where} file has no list of agencies."),
    QT_TRANSLATE_NOOP("errors", "The {where} file is missing a valid '{key}'."),
    QT_TRANSLATE_NOOP("errors", "The {where} file is not an object."),
    QT_TRANSLATE_NOOP("errors", "The {where} file is not valid JSON."),
    QT_TRANSLATE_NOOP("errors", "The {where} file lists no services."),
    QT_TRANSLATE_NOOP("errors", "There is already a clerk called {name}."),
    QT_TRANSLATE_NOOP("errors", "There is no clerk called {name}."),
    QT_TRANSLATE_NOOP("errors", "This PIN is too easy to guess."),
    QT_TRANSLATE_NOOP(
        "errors", "This is a foreign number: only Indonesian mobile numbers (+62 8…) can be used."
    ),
    QT_TRANSLATE_NOOP("errors", "This is a landline number: enter a mobile number (08…)."),
    QT_TRANSLATE_NOOP("errors", "This is an unencrypted SQLite file, not an mpp-counter store."),
    QT_TRANSLATE_NOOP("errors", "This is not a receipt code."),
    QT_TRANSLATE_NOOP("errors", "This is not a valid Indonesian mobile number."),
    QT_TRANSLATE_NOOP("errors", "This is not an Indonesian mobile number (they start with 08)."),
    QT_TRANSLATE_NOOP("errors", "This receipt code has a typing mistake: check it and try again."),
    QT_TRANSLATE_NOOP("errors", "This store was made by a newer mpp-counter (schema {v})."),
    QT_TRANSLATE_NOOP("errors", "Too many wrong attempts. Wait {seconds} seconds and try again."),
    QT_TRANSLATE_NOOP("errors", "Unknown reason '{reason}' for not asking."),
    QT_TRANSLATE_NOOP("errors", "Unknown service code '{code}'."),
    QT_TRANSLATE_NOOP("errors", "Unknown agency code '{code}'."),
    QT_TRANSLATE_NOOP("errors", "Unknown time zone '{zone}': use WIB, WITA or WIT."),
    QT_TRANSLATE_NOOP("errors", "Unknown user or wrong PIN."),
    QT_TRANSLATE_NOOP("errors", "Wrong passphrase."),
)


SYNC_AND_KEYS_MESSAGES = (  # sync/, enrolment and the OS-bound key slots
    QT_TRANSLATE_NOOP("errors", "A PIN must not contain spaces."),
    QT_TRANSLATE_NOOP("errors", "Could not back up the store before upgrading it: {reason}"),
    QT_TRANSLATE_NOOP(
        "errors",
        "Numbers are sealed to the escrow key but this session does not hold it; unlock with the administrator passphrase.",
    ),
    QT_TRANSLATE_NOOP("errors", "Only the administrator can enrol this counter."),
    QT_TRANSLATE_NOOP(
        "errors",
        "Refusing plain http:// to {host}: the central must use https:// (http is only allowed to this PC itself).",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The central at {host} cannot be reached ({why}); the records are kept and will be sent later.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The central at {host} presented a certificate this PC does not trust; nothing was sent. Check the address and the PC's date and time.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The central is unavailable (HTTP {status}); the records are kept and will be sent later.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The central refused the {what} (HTTP {status}: {reason}); the records are kept and flagged for the administrator.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The central refused this counter (HTTP {status}: {reason}). Its enrolment was revoked or is invalid: enrol it again with a new code. The records are kept.",
    ),
    QT_TRANSLATE_NOOP("errors", "The central sent a campaign without a public key."),
    QT_TRANSLATE_NOOP("errors", "The central sent no campaign."),
    QT_TRANSLATE_NOOP(
        "errors", "The central's address must not carry a user, a query or a fragment."
    ),
    QT_TRANSLATE_NOOP("errors", "The central's address must start with https:// and name a host."),
    QT_TRANSLATE_NOOP(
        "errors", "The central's enrolment answer has no usable campaign key; nothing was changed."
    ),
    QT_TRANSLATE_NOOP(
        "errors", "The central's enrolment answer has no valid device id; nothing was changed."
    ),
    QT_TRANSLATE_NOOP(
        "errors", "The central's enrolment answer has no valid token; nothing was changed."
    ),
    QT_TRANSLATE_NOOP("errors", "The central's enrolment answer is not JSON; nothing was changed."),
    QT_TRANSLATE_NOOP("errors", "The enrolment code is not valid: it looks like ABCD-EFGH-JKMN."),
    QT_TRANSLATE_NOOP(
        "errors", "The retention period must be a whole number of days from 0 to {max}."
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "This clerk's PIN only works on the computer and user account where it was set up. The administrator's passphrase still opens the store.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "This computer has no protected key storage, so a clerk PIN must be at least {n} characters long.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "This counter is not enrolled with a central yet: the administrator enrols it with the central's address and an enrolment code.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The central answered without acknowledging any record; they are kept and will be sent later.",
    ),
    QT_TRANSLATE_NOOP(
        "errors", "The central's catalog is unusable ({why}); the cached one is kept."
    ),
    QT_TRANSLATE_NOOP("errors", "The central's catalog names a campaign without a public key."),
    QT_TRANSLATE_NOOP("errors", "The central's health check answered HTTP {status}."),
    QT_TRANSLATE_NOOP("errors", "The central's catalog names a campaign key that is not valid."),
    QT_TRANSLATE_NOOP(
        "errors",
        "The central's address answers with a redirect (HTTP {status}); set the exact https:// address of the central. The records are kept.",
    ),
    QT_TRANSLATE_NOOP(
        "errors", "The central at {host} is busy: try again in {seconds} seconds. Nothing was lost."
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The central did not accept this enrolment code: it is unknown, already used or expired. Ask the central office for a new code.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The central has no survey campaign open yet: ask the central office to open one, then enrol again with the same code.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "This enrolment code is for MPP {mpp} / {counter}, but this counter is set up as {mpp2} / {counter2}. Ask the central office for a code for this counter.",
    ),
)

SYNC_REASONS = (  # the ``why`` that sync/transport.py fills into "cannot be reached ({why})"
    QT_TRANSLATE_NOOP("errors", "no connection"),
    QT_TRANSLATE_NOOP("errors", "no answer in time"),
    QT_TRANSLATE_NOOP("errors", "too many failed attempts"),
)
NESTED = ("why",)  # arguments that carry a core message of their own: translated too


def error_text(exc: BaseException) -> str:
    """What to show for ``exc`` in the current UI language; never a traceback."""
    if isinstance(exc, MppError):
        template = QCoreApplication.translate("errors", exc.msgid)
        args = {
            k: QCoreApplication.translate("errors", v) if k in NESTED and isinstance(v, str) else v
            for k, v in exc.args_map.items()
        }
        try:
            return template.format(**args)
        except (KeyError, IndexError, ValueError):
            return exc.message
    if isinstance(exc, OSError):
        text = QCoreApplication.translate("errors", "Could not write {name}: {reason}")
        return text.format(name=getattr(exc, "filename", "") or "", reason=exc.strerror or "")
    return QCoreApplication.translate("errors", "Something went wrong.")


# Labels of the core's closed lists, shown in the window (context "labels").
OUTCOMES = {
    "agreed": QT_TRANSLATE_NOOP("labels", "Agreed"),
    "declined": QT_TRANSLATE_NOOP("labels", "Declined"),
    "not_asked": QT_TRANSLATE_NOOP("labels", "Not asked"),
}
NOT_ASKED = {
    "no_phone": QT_TRANSLATE_NOOP("labels", "Has no mobile phone / WhatsApp"),
    "minor": QT_TRANSLATE_NOOP("labels", "Under age"),
    "representative": QT_TRANSLATE_NOOP("labels", "Came on someone else's behalf"),
    "language": QT_TRANSLATE_NOOP("labels", "Language barrier"),
    "other": QT_TRANSLATE_NOOP("labels", "Other reason"),
}
SYNC_STATES = {
    "pending": QT_TRANSLATE_NOOP("labels", "Waiting"),
    "in_flight": QT_TRANSLATE_NOOP("labels", "Sending"),
    "acked": QT_TRANSLATE_NOOP("labels", "Sent"),
    "rejected": QT_TRANSLATE_NOOP("labels", "Rejected"),
}
EXTRA = (  # raised by slip/printing.py (module constants there)
    QT_TRANSLATE_NOOP(
        "errors",
        "No printer is set up on this computer. The record is saved: print the slip again later from today's list.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The printer '{printer}' could not print the slip. The record is saved: print the slip again later from today's list.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The printer '{printer}' does not exist on this computer. The record is saved: print the slip again later from today's list.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The printer '{printer}' does not take {width} mm paper. The record is saved: print the slip again later from today's list.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The printer '{printer}' is not accepting jobs. The record is saved: print the slip again later from today's list.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The printer '{printer}' is paused (disabled). The record is saved: print the slip again later from today's list.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The printer '{printer}' is stopped or in an error state. The record is saved: print the slip again later from today's list.",
    ),
    QT_TRANSLATE_NOOP(
        "errors",
        "The printer '{printer}' refused the slip. The record is saved: print the slip again later from today's list.",
    ),
    QT_TRANSLATE_NOOP("errors", "Slip printing is not available in this installation."),
)


def label(table: dict[str, str], key: str) -> str:
    """The translated label of ``key`` (an enum value); the key itself if unknown."""
    text = table.get(key)
    return QCoreApplication.translate("labels", text) if text else key
