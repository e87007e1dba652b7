"""``GET /api/v1/withdrawn``: how a counter learns the withdrawals of its own consents.

A consent can be withdrawn away from the counter that took it: on the QR page, by code
at another counter, by number once the export matched it. The central keeps one notice
per withdrawn consent, numbered in commit order; a device asks for the notices of its
own consents after the last number it has seen (``after``) and keeps ``next`` as its
cursor. Asking again with an old cursor is harmless: applying a notice twice changes
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .fields import RecordInvalid, as_object, int_field, iso, text, time_field, to_utc, uuid_field
from .messages import AnswerInvalid

PAGE = 500
VIA = ("counter", "web", "number", "code")


@dataclass(frozen=True)
class Notice:
    consent_id: str
    withdrawn_at: datetime  # UTC
    via: str


@dataclass(frozen=True)
class WithdrawnAnswer:
    notices: tuple[Notice, ...]
    next: int  # the cursor to send as ``after`` next time
    more: bool  # another page is waiting

    def to_json(self) -> dict[str, Any]:
        return {
            "withdrawn": [
                {"consent_id": n.consent_id, "withdrawn_at": iso(n.withdrawn_at), "via": n.via}
                for n in self.notices
            ],
            "next": self.next,
            "more": self.more,
        }


def parse_after(raw: str | None) -> int:
    """The query's cursor: absent means from the start; anything else must be a count."""
    if raw is None or raw == "":
        return 0
    if not raw.isdigit() or len(raw) > 16:
        raise RecordInvalid("'after' must be a whole number.")
    return int(raw)


def parse_withdrawn_answer(raw: Any, after: int) -> WithdrawnAnswer:
    """For the client: a malformed answer, or one that moves the cursor back, is refused."""
    try:
        o = as_object(raw, "The answer")
        items = o.get("withdrawn")
        if not isinstance(items, list) or len(items) > PAGE:
            raise RecordInvalid("'withdrawn' must be a list of at most {n}.", n=PAGE)
        notices = []
        for item in items:
            n = as_object(item, "A notice")
            via = text(n, "via", maxlen=16)
            if via not in VIA:
                raise RecordInvalid("'via' must be one of {allowed}.", allowed=", ".join(VIA))
            notices.append(
                Notice(uuid_field(n, "consent_id"), to_utc(time_field(n, "withdrawn_at")), via)
            )
        nxt = int_field(o, "next", minimum=0)
        more = o.get("more")
        if not isinstance(more, bool):
            raise RecordInvalid("'more' must be true or false.")
    except RecordInvalid as exc:
        raise AnswerInvalid(
            "The central's list of withdrawals is malformed: {why}", why=exc.message
        ) from exc
    if nxt < after:
        raise AnswerInvalid(
            "The central's list of withdrawals goes backwards; nothing was changed."
        )
    return WithdrawnAnswer(tuple(notices), nxt, more)
