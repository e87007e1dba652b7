"""Enrolment: a one-time code from the central office becomes this counter's identity.

``POST /api/v1/enrol`` spends the code and answers the device id, its token and the
campaign (with the public key numbers are sealed to). All of it is kept inside the
encrypted store; then the numbers sealed to the local escrow key are re-sealed to the
campaign key and the escrow key is destroyed (see ``store/enrolment.py``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from .. import __version__
from ..domain.errors import ConfigInvalid, StoreDamaged, StoreWriteFailed, SyncError, SyncRejected
from ..protocol.messages import normalize_enrol_code
from ..store.counter import CounterStore
from ..store.enrolment import campaign_from_answer, save_enrolment
from .transport import Transport, reason_of


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
        raise SyncError("The central's enrolment answer has no valid device id; nothing was "
                        "changed.") from exc
    if not isinstance(token, str) or not 16 <= len(token) <= 200 or not token.isprintable():
        raise SyncError("The central's enrolment answer has no valid token; nothing was "
                        "changed.")
    return device_id, token, body.get("campaign")


def enrol(store: CounterStore, url: str, code: str, *, deadline_s: float = 30.0
          ) -> EnrolResult:
    """Spend ``code`` at ``url`` and keep what it gives; the store is unchanged on error."""
    clean = normalize_enrol_code(code)
    if not clean or len(clean) > 64 or not clean.isalnum():
        raise ConfigInvalid("The enrolment code is not valid: it looks like ABCD-EFGH-JKMN.")
    with Transport(url, None, deadline_s=deadline_s) as http:
        reply = http.request("POST", "/api/v1/enrol",
                             {"code": clean, "client_version": __version__})
        if reply.status in (403, 409):  # unknown/used/expired code; no campaign open yet
            raise SyncRejected("The central refused the enrolment: {reason}",
                               reason=reason_of(reply.body))
        device_id, token, campaign_doc = _answer(http.check(reply, "enrolment code"))
        base_url = http.base_url
    try:
        campaign = campaign_from_answer(campaign_doc)
    except (StoreDamaged, ConfigInvalid) as exc:
        raise SyncError("The central's enrolment answer has no usable campaign key; nothing "
                        "was changed.") from exc
    try:
        n = save_enrolment(store, device_id=device_id, token=token, central_url=base_url,
                           campaign=campaign)
    except StoreWriteFailed as exc:
        store._settings = None  # noqa: SLF001 - read what the disk really holds
        if store.setting("device_id") != device_id:
            raise SyncError("The enrolment code is used up but the counter could not save "
                            "its enrolment: {reason} Ask the central office for a new code.",
                            reason=exc.message) from exc
        raise StoreWriteFailed("The counter is enrolled, but the escrow key could not be "
                               "removed from keys.json yet: {reason} The next sync removes "
                               "it.", reason=exc.message) from exc
    return EnrolResult(device_id, campaign.id, n)
