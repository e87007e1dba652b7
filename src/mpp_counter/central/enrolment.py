"""One-time enrolment codes, device tokens, revocation.

A code is what an administrator reads over the phone to the MPP: 60 random bits in
Crockford base-32, used once, expiring. The token it is exchanged for is 256 random
bits; both are stored only as sha256 digests, so the database cannot be used to sync as
a counter. Using a code is one conditional UPDATE, so two counters racing with the same
code cannot both win.

A code names one MPP and counter, and the central later refuses every record of another
one; so a counter that says what it is set up as is refused before the code is spent
unless the names are the same (ignoring case and outer spaces), and the code stays good
for its counter. The device keeps the names as the counter spells them, since its
records carry that spelling and are compared exactly; an older client that names
nothing gets the code's.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, bindparam

from ..domain.catalog import campaign_to_dict
from ..domain.errors import BadInput, MppError
from ..domain.receipt import ALPHABET
from ..protocol.messages import EnrolRequest, normalize_enrol_code
from . import campaigns, db

CODE_LEN = 12
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


class EnrolRefused(MppError):
    """An unknown, used or expired code (one message for all three: no oracle)."""


class NoCampaign(MppError):
    """Enrolment needs a campaign key to hand out; none is active."""


class CounterMismatch(MppError):
    """The code is for another MPP or counter than the one enrolling; nothing was spent."""

    def __init__(self, code_mpp: str, code_counter: str, mpp: str, counter: str) -> None:
        super().__init__(
            "This enrolment code is for MPP {mpp} / {counter}, but this counter "
            "is set up as {mpp2} / {counter2}. Ask the central office for a "
            "code for this counter.",
            mpp=code_mpp,
            counter=code_counter,
            mpp2=mpp,
            counter2=counter,
        )


def same_name(a: str, b: str) -> bool:
    """Names an administrator would call the same: case and outer spaces aside."""
    return a.strip().casefold() == b.strip().casefold()


def _check_counter(row: Any, req: EnrolRequest) -> None:
    mpp = row.mpp if req.mpp is None else req.mpp
    counter = row.counter if req.counter is None else req.counter
    if not (same_name(mpp, row.mpp) and same_name(counter, row.counter)):
        raise CounterMismatch(row.mpp, row.counter, mpp, counter)


def code_digest(code: str) -> str:
    return db.sha256("enrol:" + normalize_enrol_code(code).translate(_READ_AS))


def new_code(
    engine: Engine,
    mpp: str,
    counter: str,
    days: float = 7.0,
    *,
    clock: Callable[[], datetime] = db.now,
) -> str:
    """``clock`` is when the code counts as issued (tests issue one in the past)."""
    if not mpp.strip() or len(mpp) > 32 or not counter.strip() or len(counter) > 64:
        raise BadInput("An enrolment code needs --mpp (≤ 32 characters) and --counter.")
    if not 0 < days <= 365:
        raise BadInput("--days must be more than 0 and at most 365.")
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LEN))
    t = clock()
    with engine.begin() as conn:
        conn.execute(
            db.enrol_codes.insert().values(
                code_sha256=code_digest(raw),
                mpp=mpp,
                counter=counter,
                created_at=db.iso(t),
                expires_at=db.iso(t + timedelta(days=days)),
            )
        )
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def enrol(engine: Engine, req: EnrolRequest) -> dict[str, Any]:
    """Spend the code and make the device, in one transaction: all or nothing.

    The code's row is read (and checked against the counter's names) before the
    conditional UPDATE spends it; an unknown, used or expired code gets the one refusal
    whatever names came with it."""
    t = db.iso(db.now())
    digest = code_digest(req.code)
    with engine.begin() as conn:
        campaign = campaigns.active(conn)
        if campaign is None or campaign.public_key is None:
            raise NoCampaign(
                "No campaign is open at the central yet; ask the central office "
                "to create one, then enrol again with the same code."
            )
        row = conn.execute(
            db.enrol_codes.select()
            .where(db.enrol_codes.c.code_sha256 == digest)
            .where(db.enrol_codes.c.used_at.is_(None))
            .where(db.enrol_codes.c.expires_at > t)
        ).first()
        if row is None:
            raise EnrolRefused("This enrolment code is unknown, already used or expired.")
        _check_counter(row, req)
        spent = conn.execute(
            db.enrol_codes.update()
            .where(db.enrol_codes.c.code_sha256 == digest)
            .where(db.enrol_codes.c.used_at.is_(None))
            .where(db.enrol_codes.c.expires_at > t)
            .values(used_at=t)
        )
        if spent.rowcount != 1:
            raise EnrolRefused("This enrolment code is unknown, already used or expired.")
        device_id = str(uuid.uuid4())
        token = secrets.token_urlsafe(32)
        mpp = row.mpp if req.mpp is None else req.mpp
        counter = row.counter if req.counter is None else req.counter
        conn.execute(
            db.devices.insert().values(
                id=device_id,
                token_sha256=token_digest(token),
                mpp=mpp,
                counter=counter,
                client_version=req.client_version,
                created_at=t,
            )
        )
        conn.execute(
            db.enrol_codes.update()
            .where(db.enrol_codes.c.code_sha256 == digest)
            .values(device_id=device_id)
        )
    return {
        "device_id": device_id,
        "token": token,
        "mpp": mpp,
        "counter": counter,
        "campaign": campaign_to_dict(campaign),
    }


def token_digest(token: str) -> str:
    return db.sha256("token:" + token)


_BY_TOKEN = db.devices.select().where(db.devices.c.token_sha256 == bindparam("digest"))


def authenticate(conn: Any, token: str | None) -> Any:
    """The device row of a live token, or None (unknown and revoked look the same)."""
    if not token or len(token) > 200:
        return None
    row = conn.execute(_BY_TOKEN, {"digest": token_digest(token)}).first()
    if row is None or row.revoked_at is not None:
        return None
    return row


def revoke(engine: Engine, device_id: str) -> None:
    with engine.begin() as conn:
        done = conn.execute(
            db.devices.update()
            .where(db.devices.c.id == device_id)
            .where(db.devices.c.revoked_at.is_(None))
            .values(revoked_at=db.iso(db.now()))
        )
        if done.rowcount == 0:
            exists = conn.execute(db.devices.select().where(db.devices.c.id == device_id))
            if exists.first() is None:
                raise BadInput("There is no device {id}.", id=device_id[:40])
