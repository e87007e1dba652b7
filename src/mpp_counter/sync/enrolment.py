"""Enrolment: a one-time code from the central office becomes this counter's identity.

``POST /api/v1/enrol`` spends the code and answers the device id, its token and the
campaign (with the public key numbers are sealed to). All of it is kept inside the
encrypted store; then the numbers sealed to the local escrow key are re-sealed to the
campaign key and the escrow key is destroyed (see ``store/enrolment.py``).

Like a sync pass, :func:`enrol_via` touches the store only through ``on_store`` (the
window's store thread), so the HTTP exchange never holds the store or the GUI; the CLI
calls :func:`enrol` with the store in hand. Enrolment is asked for by a person waiting
for the answer: a few quick retries, then one clear sentence (unreachable, refused
code, busy central with when to come back, a code for another counter), and nothing in
the store changed. The request names this counter's MPP code and counter name, because
the central refuses every record of a counter other than the one the code was issued
for: a code for another counter is refused before it is spent.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import __version__
from ..domain.errors import (
    ConfigInvalid,
    StoreDamaged,
    StoreWriteFailed,
    SyncError,
    SyncRejected,
    WrongSecret,
)
from ..protocol.messages import normalize_enrol_code
from ..store.counter import CounterStore
from ..store.enrolment import campaign_from_answer, save_enrolment
from .transport import Transport, check_url

OnStore = Callable[[Callable[[CounterStore], Any]], Any]  # as in client.py
RETRIES = 3  # a person waits: seconds, not the half minute a background pass may take


class WrongCounterCode(SyncRejected):
    """The code was issued for another MPP or counter; it was not spent."""

    msgid = (
        "This enrolment code is for MPP {mpp} / {counter}, but this counter is set up "
        "as {mpp2} / {counter2}. Ask the central office for a code for this counter."
    )


@dataclass(frozen=True)
class EnrolResult:
    device_id: str
    campaign_id: str
    resealed: int


def _answer(body: Any) -> tuple[str, str, Any]:
    if not isinstance(body, dict):
        raise SyncError("The central's enrolment answer is not JSON; nothing was changed.")
    device_id, token = body.get("device_id"), body.get("token")
    try:
        device_id = str(uuid.UUID(str(device_id)))
    except ValueError as exc:
        raise SyncError(
            "The central's enrolment answer has no valid device id; nothing was changed."
        ) from exc
    if not isinstance(token, str) or not 16 <= len(token) <= 200 or not token.isprintable():
        raise SyncError("The central's enrolment answer has no valid token; nothing was changed.")
    return device_id, token, body.get("campaign")


def check_code(code: str) -> str:
    """The code as the central reads it; ConfigInvalid when it cannot be one."""
    clean = normalize_enrol_code(code)
    if not clean or len(clean) > 64 or not clean.isalnum():
        raise ConfigInvalid("The enrolment code is not valid: it looks like ABCD-EFGH-JKMN.")
    return clean


def _may_enrol(store: CounterStore) -> tuple[str, str]:
    """This counter's MPP code and counter name, for the administrator only."""
    if store.session.role != "admin":  # before the code is spent, not after
        raise WrongSecret("Only the administrator can enrol this counter.")
    return store.setting("mpp_code"), store.setting("counter")


def _mismatch(body: Any, mpp: str, counter: str) -> WrongCounterCode | None:
    """The 409 of a code for another counter (an older central has no ``reason``)."""
    if not isinstance(body, dict) or body.get("reason") != "counter_mismatch":
        return None
    names = [body.get(k) for k in ("code_mpp", "code_counter")]
    code_mpp, code_counter = (str(n)[:64] if isinstance(n, str) else "?" for n in names)
    return WrongCounterCode(mpp=code_mpp, counter=code_counter, mpp2=mpp, counter2=counter)


def enrol(store: CounterStore, url: str, code: str, *, deadline_s: float = 30.0) -> EnrolResult:
    """Spend ``code`` at ``url`` and keep what it gives; the store is unchanged on error."""
    return enrol_via(lambda fn: fn(store), url, code, deadline_s=deadline_s)


def enrol_via(on_store: OnStore, url: str, code: str, *, deadline_s: float = 30.0) -> EnrolResult:
    """:func:`enrol` with the store reached through ``on_store``; HTTP on this thread."""
    clean = check_code(code)
    check_url(url)
    mpp, counter = on_store(_may_enrol)
    with Transport(url, None, deadline_s=deadline_s, retries=RETRIES) as http:
        reply = http.request(
            "POST",
            "/api/v1/enrol",
            {
                "code": clean,
                "client_version": __version__,
                "mpp": mpp or None,
                "counter": counter or None,
            },
        )
        if reply.status == 403:  # unknown, used or expired: one answer for all three
            raise SyncRejected(
                "The central did not accept this enrolment code: it is "
                "unknown, already used or expired. Ask the central office for "
                "a new code."
            )
        if reply.status == 409 and (wrong := _mismatch(reply.body, mpp, counter)):
            raise wrong
        if reply.status == 409:
            raise SyncRejected(
                "The central has no survey campaign open yet: ask the central "
                "office to open one, then enrol again with the same code."
            )
        device_id, token, campaign_doc = _answer(http.check(reply, "enrolment code"))
        base_url = http.base_url
    try:
        campaign = campaign_from_answer(campaign_doc)
    except (StoreDamaged, ConfigInvalid) as exc:
        raise SyncError(
            "The central's enrolment answer has no usable campaign key; nothing was changed."
        ) from exc
    try:
        n: int = on_store(
            lambda s: save_enrolment(
                s, device_id=device_id, token=token, central_url=base_url, campaign=campaign
            )
        )
    except StoreWriteFailed as exc:

        def saved(s: CounterStore) -> str:
            s.forget_cached()  # read what the disk really holds
            return s.setting("device_id")

        if on_store(saved) != device_id:
            raise SyncError(
                "The enrolment code is used up but the counter could not save "
                "its enrolment: {reason} Ask the central office for a new code.",
                reason=exc.message,
            ) from exc
        raise StoreWriteFailed(
            "The counter is enrolled, but the escrow key could not be "
            "removed from keys.json yet: {reason} The next sync removes "
            "it.",
            reason=exc.message,
        ) from exc
    return EnrolResult(device_id, campaign.id, n)
