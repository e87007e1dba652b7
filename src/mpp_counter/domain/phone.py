"""Indonesian mobile numbers as clerks type them, normalised to E.164.

The rules live here and nowhere else: the phone field, the CLI and the store all call
``normalize``. libphonenumber (``phonenumbers``) has the final word on whether a number
is a valid Indonesian *mobile* number; the code around it only removes the formatting
noise clerks really type and explains a refusal in words a clerk can act on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType, ValidationResult

from .errors import InvalidPhone

# Longest input worth parsing: "+62 (0) 812-3456-7890" with generous spacing. Anything
# longer is refused before any regex or libphonenumber work, so absurd input stays cheap.
MAX_INPUT = 40

_SEPARATORS = " \t.-()/\u00a0"
_MOBILE_TYPES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
_LETTERS = re.compile(r"[^\W\d_]")
_EXTENSION = re.compile(r"(ext|x|#|\bpes\b|\bpsw\b)", re.IGNORECASE)
_MANY = re.compile(r"[,;&|]|\bdan\b|\band\b|\batau\b|\bor\b", re.IGNORECASE)
_MOBILE_START = re.compile(r"(?:^|[^\d])(?:\+?62|0)\s*8\d")


_MADE_BY_PARSE = object()
_E164_MOBILE = re.compile(r"\+628[0-9]{7,11}")


@dataclass(frozen=True, slots=True, repr=False)
class MobileNumber:
    """A number :func:`parse` accepted, in E.164: checked once where it was typed, so the
    store seals it without parsing it again. Only ``parse`` makes one (a private token),
    so holding one means it passed; its repr and str show the masked form only."""

    e164: str
    _token: object = field(compare=False)

    def __post_init__(self) -> None:
        if self._token is not _MADE_BY_PARSE:
            raise TypeError("a MobileNumber comes from phone.parse()")
        if not _E164_MOBILE.fullmatch(self.e164):  # dataclasses.replace() passes the token
            raise InvalidPhone("This is not a valid Indonesian mobile number.")

    def __repr__(self) -> str:
        return f"MobileNumber({mask(self.e164)})"

    __str__ = __repr__


def parse(text: str) -> MobileNumber:
    """``normalize`` with the result kept as a checked number (``InvalidPhone`` else)."""
    return MobileNumber(normalize(text), _MADE_BY_PARSE)


def e164_of(number: str | MobileNumber) -> str:
    """The E.164 form: a checked number as it is, anything typed through ``normalize``."""
    if isinstance(number, MobileNumber):
        return number.e164
    return normalize(number)


def _clean(text: str) -> str:
    # NFKC turns full-width digits and the full-width plus into ASCII ones.
    return unicodedata.normalize("NFKC", text).strip()


def normalize(text: str) -> str:
    """Return the E.164 form (``+628…``) or raise ``InvalidPhone`` saying why."""
    if not isinstance(text, str):
        raise InvalidPhone("Enter the phone number as text.")
    if len(text) > MAX_INPUT:
        raise InvalidPhone("That is too long to be one phone number.")
    raw = _clean(text)
    if not raw:
        raise InvalidPhone("Enter the phone number.")
    many_digits = sum(c.isdigit() for c in raw) >= 16
    if _MANY.search(raw) or (many_digits and len(_MOBILE_START.findall(raw)) > 1):
        raise InvalidPhone("Enter only one phone number.")
    if _EXTENSION.search(raw):
        raise InvalidPhone("Extensions are not allowed: enter a mobile number.")
    if _LETTERS.search(raw):
        raise InvalidPhone("A phone number cannot contain letters.")
    body = raw
    plus = body.startswith("+")
    if plus:
        body = body[1:]
    if any(c not in _SEPARATORS and not c.isdigit() for c in body):
        raise InvalidPhone("The number has characters that do not belong in a phone number.")
    digits = "".join(c for c in body if c.isdigit())
    if not digits:
        raise InvalidPhone("Enter the phone number.")
    national = _national_digits(digits, plus)
    return _validate(national)


def _national_digits(digits: str, plus: bool) -> str:
    """Strip the country code or trunk prefix in whichever form the clerk typed it."""
    if plus:
        if not digits.startswith("62"):
            raise InvalidPhone(
                "This is a foreign number: only Indonesian mobile numbers (+62 8…) can be used."
            )
        national = digits[2:]
        return national[1:] if national.startswith("0") else national  # "+62 (0) 812…"
    if digits.startswith("62") and len(digits) > 10:
        national = digits[2:]
        return national[1:] if national.startswith("0") else national
    if digits.startswith("0"):
        if digits.startswith("00"):
            raise InvalidPhone(
                "This is a foreign number: only Indonesian mobile numbers (+62 8…) can be used."
            )
        return digits[1:]
    return digits  # the leading 0 forgotten: "812 …"


def _validate(national: str) -> str:
    if not national.startswith("8"):
        if len(national) < 6:
            raise InvalidPhone("The number is too short for an Indonesian mobile number.")
        _raise_for_non_mobile(national)
    try:
        number = phonenumbers.parse("+62" + national, None)
    except NumberParseException as exc:  # only on absurd lengths, kept short above
        raise InvalidPhone("This is not a valid Indonesian mobile number.") from exc
    reason = phonenumbers.is_possible_number_for_type_with_reason(number, PhoneNumberType.MOBILE)
    short = (ValidationResult.TOO_SHORT, ValidationResult.INVALID_LENGTH)
    if reason in short and len(national) < 10:
        raise InvalidPhone("The number is too short for an Indonesian mobile number.")
    if reason == ValidationResult.TOO_LONG or len(national) > 12:
        raise InvalidPhone("The number is too long for an Indonesian mobile number.")
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone("This is not a valid Indonesian mobile number.")
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        _raise_for_non_mobile(national)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _raise_for_non_mobile(national: str) -> None:
    try:
        number = phonenumbers.parse("+62" + national, None)
    except NumberParseException:
        number = None
    if number is not None and phonenumbers.number_type(number) == PhoneNumberType.FIXED_LINE:
        raise InvalidPhone("This is a landline number: enter a mobile number (08…).")
    raise InvalidPhone("This is not an Indonesian mobile number (they start with 08).")


def mask(e164: str) -> str:
    """The only form a number takes on screen or paper: last four digits, fixed shape."""
    if not e164.startswith("+628") or not e164[1:].isdigit():
        raise InvalidPhone("This is not a valid Indonesian mobile number.")
    return f"08xx-xxxx-{e164[-4:]}"


def last4(e164: str) -> str:
    return e164[-4:]
