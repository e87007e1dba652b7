"""The central's rules applied by the client before a record leaves, without parsing every
record in full.

Most of a record repeats across a batch (clerk, counter, service, the campaign's texts),
so the parser (:func:`protocol.records.parse_record`) runs in full once per distinct
repeated part (:class:`Checked`), and each record's own fields (ids, times, numbers,
receipt) are checked on every record with the parser's own field rules. Where a rule is
costly, a quick test accepts the common well-formed value and anything else goes to the
parser's rule, which gives the verdict and its message. tests/sync/test_record_checks.py
checks, over generated changes, that this accepts exactly what the parser accepts.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from typing import Any

from ..domain import receipt as receipt_codes
from ..protocol.fields import (
    RecordInvalid,
    hex64,
    int_field,
    receipt_field,
    sealed,
    time_field,
    uuid_field,
)
from ..protocol.records import parse_record

_LAST4 = re.compile(r"[0-9]{4}")


def _last4(o: dict[str, Any], key: str) -> None:
    value = o.get(key)
    if not isinstance(value, str) or not _LAST4.fullmatch(value):
        raise RecordInvalid("'phone_last4' must be four digits.")


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _uuid(o: dict[str, Any], key: str) -> None:
    """The central's rule; the canonical form the store writes is known good at a glance.
    Whether it may be null is part of the repeated shape."""
    value = o.get(key)
    if not (isinstance(value, str) and _CANONICAL_UUID.fullmatch(value)):
        uuid_field(o, key, null=True)


_CODE = f"[{receipt_codes.ALPHABET}]{{4}}"
_RECEIPT = re.compile(f"({_CODE})-({_CODE})-([{re.escape(receipt_codes.CHECK_ALPHABET)}])")


def _receipt(o: dict[str, Any], key: str) -> None:
    """A canonical code with a right check symbol is what the parser gives back unchanged;
    anything else gets the parser's rule (and its message)."""
    value = o.get(key)
    m = _RECEIPT.fullmatch(value) if isinstance(value, str) else None
    if m is None or receipt_codes.check_symbol(m[1] + m[2]) != m[3]:
        receipt_field(o, key)


Check = Callable[[dict[str, Any], str], object]
# A record's own fields, different on every record, with the central's rule for each.
OWN: dict[str, dict[str, Check]] = {
    "visit": {
        "id": _uuid,
        "seq": int_field,
        "at": time_field,
        "device_time": time_field,
        "consent_id": _uuid,
    },
    "consent": {
        "id": _uuid,
        "seq": int_field,
        "visit_id": _uuid,
        "at": time_field,
        "receipt": _receipt,
        "receipt_secret_sha256": hex64,
        "phone_sealed": sealed,
        "phone_last4": _last4,
    },
}
TIMES = ("at", "device_time")
# The same without the times: for records whose times the builder wrote itself from a
# datetime in the parser's range (records.py), which time_field accepts by construction.
OWN_BUILT = {
    kind: {k: rule for k, rule in rules.items() if k not in TIMES} for kind, rules in OWN.items()
}


_NONES = (None,) * 16
_UUID = _CANONICAL_UUID.fullmatch
_HEX = re.compile(r"[0-9a-f]{64}").fullmatch
_MAX_SEQ = 2**53


def _visit_at_a_glance(w: dict[str, Any]) -> bool:
    """A built visit's own fields in the form the store writes them: what the rules of
    OWN_BUILT["visit"] accept without a doubt (anything else is put to them)."""
    i, s, c = w["id"], w["seq"], w["consent_id"]
    return (
        type(s) is int
        and 1 <= s <= _MAX_SEQ
        and type(i) is str
        and _UUID(i) is not None
        and (c is None or (type(c) is str and _UUID(c) is not None))
    )


def _consent_at_a_glance(w: dict[str, Any]) -> bool:
    """The same for a built consent's ids, sequence number, hash and last four digits; its
    receipt and sealed number are put to their rules every time."""
    i, s, v, h, last4 = (
        w["id"],
        w["seq"],
        w["visit_id"],
        w["receipt_secret_sha256"],
        w["phone_last4"],
    )
    return (
        type(s) is int
        and 1 <= s <= _MAX_SEQ
        and type(i) is str
        and _UUID(i) is not None
        and type(v) is str
        and _UUID(v) is not None
        and type(h) is str
        and _HEX(h) is not None
        and type(last4) is str
        and _LAST4.fullmatch(last4) is not None
    )


_GLANCE = {"visit": _visit_at_a_glance, "consent": _consent_at_a_glance}
_AFTER_GLANCE: dict[str, dict[str, Check]] = {
    "visit": {},
    "consent": {"receipt": _receipt, "phone_sealed": sealed},
}


class Checked:
    """The parser's verdict, remembered by a record's repeated part: its kind, every field
    but its own ones, and which of its own ones are null (cross-field rules look at that:
    an agreed visit names a consent). A record whose repeated part passed once needs only
    its own fields checked; withdrawals and voids (rare, with more cross-field rules) are
    parsed in full every time."""

    def __init__(self) -> None:
        self._good: set[tuple[object, ...]] = set()
        # per kind and set of fields: what reads the repeated values and the own ones
        self._getters: dict[tuple[str, ...], tuple[Any, Any]] = {}

    def check(self, wire: dict[str, Any], times_built: bool = False) -> None:
        """RecordInvalid when the central's parser would refuse ``wire``. ``times_built``:
        its times were written by records.py from datetimes in the parser's range."""
        kind = wire.get("kind")
        own = OWN.get(kind) if isinstance(kind, str) else None
        if own is None:
            parse_record(wire)
            return
        fields = tuple(wire)
        getters = self._getters.get(fields)
        if getters is None:
            getters = (
                operator.itemgetter(*(k for k in fields if k not in own), "kind"),
                operator.itemgetter(*own),
            )
            self._getters[fields] = getters
        try:
            key = (fields, getters[0](wire), tuple(map(operator.is_, getters[1](wire), _NONES)))
        except KeyError:  # an own field is missing: the parser says what is wrong
            parse_record(wire)
            return
        if key not in self._good:
            parse_record(wire)
            self._good.add(key)
            return
        rules = own
        if times_built:
            k = str(kind)  # one of OWN's kinds
            rules = _AFTER_GLANCE[k] if _GLANCE[k](wire) else OWN_BUILT[k]
        for name, rule in rules.items():
            rule(wire, name)
