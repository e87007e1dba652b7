"""Field checks of protocol v1: each raises RecordInvalid naming the field, never its value.

Shared by every message parser (records, batches, answers, enrolment), so the client
reads the central's answers with the same rules the central applies to its records.
"""

from __future__ import annotations

import base64
import binascii
import re
import uuid
from datetime import UTC, datetime
from typing import Any

from ..domain import receipt as receipt_codes
from ..domain.errors import BadInput, InvalidReceipt
from .sealed import SEALED_MAX, SEALED_MIN

MAX_TEXT = 200

_HEX64 = re.compile(r"[0-9a-f]{64}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")  # JSON "\\ud800" decodes to one; no database stores it
_UNSTORABLE = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")  # one scan for the two above
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class RecordInvalid(BadInput):
    """One record of a batch is unusable; the batch goes on without it."""


def as_object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RecordInvalid("{what} must be a JSON object.", what=what)
    return value


def text(obj: dict[str, Any], key: str, *, maxlen: int = MAX_TEXT, null: bool = False) -> Any:
    value = obj.get(key)
    if value is None and null:
        return None
    if not isinstance(value, str) or not value or value.isspace() or len(value) > maxlen:
        raise RecordInvalid(
            "'{key}' must be a non-empty text of at most {n} characters.", key=key, n=maxlen
        )
    if _UNSTORABLE.search(value):  # rare: then say which
        if _CONTROL.search(value):
            raise RecordInvalid("'{key}' contains control characters.", key=key)
        raise RecordInvalid("'{key}' is not valid Unicode text.", key=key)
    return value


def uuid_field(obj: dict[str, Any], key: str, *, null: bool = False) -> Any:
    value = obj.get(key)
    if value is None and null:
        return None
    if not isinstance(value, str) or len(value) != 36:
        raise RecordInvalid("'{key}' must be a UUID.", key=key)
    if _CANONICAL_UUID.fullmatch(value):
        return value  # already what str(uuid.UUID(value)) gives (the common case)
    try:
        parsed = uuid.UUID(value)
    except ValueError as exc:
        raise RecordInvalid("'{key}' must be a UUID.", key=key) from exc
    return str(parsed)


def int_field(obj: dict[str, Any], key: str, *, minimum: int = 1, maximum: int = 2**53) -> int:
    value = obj.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not minimum <= value <= maximum:
        raise RecordInvalid(
            "'{key}' must be a whole number from {lo} to {hi}.", key=key, lo=minimum, hi=maximum
        )
    return value


def time_field(obj: dict[str, Any], key: str) -> datetime:
    """An ISO 8601 time with its offset: a time without a zone cannot be placed."""
    value = obj.get(key)
    if not isinstance(value, str) or not 10 <= len(value) <= 40:
        raise RecordInvalid("'{key}' must be an ISO 8601 time with a UTC offset.", key=key)
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise RecordInvalid("'{key}' must be an ISO 8601 time with a UTC offset.", key=key) from exc
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise RecordInvalid("'{key}' has no UTC offset.", key=key)
    if not 2000 <= parsed.astimezone(UTC).year <= 2200:
        raise RecordInvalid("'{key}' is out of range.", key=key)
    return parsed


def hex64(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not _HEX64.fullmatch(value):
        raise RecordInvalid("'{key}' must be 64 lowercase hex digits (sha256).", key=key)
    return value


def sealed(obj: dict[str, Any], key: str, *, null: bool = False) -> bytes | None:
    value = obj.get(key)
    if value is None and null:
        return None
    if not isinstance(value, str) or len(value) > 200:
        raise RecordInvalid("'{key}' must be a base64 sealed box.", key=key)
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise RecordInvalid("'{key}' must be a base64 sealed box.", key=key) from exc
    if not SEALED_MIN <= len(raw) <= SEALED_MAX:
        raise RecordInvalid("'{key}' does not have the size of a sealed phone number.", key=key)
    return raw


_DATA = f"[{receipt_codes.ALPHABET}]{{4}}"
_CANONICAL_RECEIPT = re.compile(f"{_DATA}-{_DATA}-[{re.escape(receipt_codes.CHECK_ALPHABET)}]")


def receipt_field(obj: dict[str, Any], key: str, *, null: bool = False) -> Any:
    value = obj.get(key)
    if value is None and null:
        return None
    if (
        isinstance(value, str)
        and _CANONICAL_RECEIPT.fullmatch(value)
        and receipt_codes.check_symbol(value[:4] + value[5:9]) == value[10]
    ):
        return value  # already canonical and its check symbol right (the common case)
    try:
        canonical = receipt_codes.parse(value)
    except InvalidReceipt as exc:
        raise RecordInvalid("'{key}' is not a valid receipt code.", key=key) from exc
    if canonical != value:
        raise RecordInvalid("'{key}' must be in the canonical form ABCD-EFGH-K.", key=key)
    return canonical


def exact(obj: dict[str, Any], key: str, allowed: tuple[str, ...]) -> str:
    value = obj.get(key)
    if value not in allowed:
        raise RecordInvalid(
            "'{key}' must be one of {allowed}.", key=key, allowed=", ".join(allowed)
        )
    return str(value)


def to_utc(t: datetime) -> datetime:
    return t.astimezone(UTC)


def iso(t: datetime) -> str:
    """UTC with a 'Z', to the millisecond: the one time format the central writes."""
    return t.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
