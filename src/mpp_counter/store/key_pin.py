"""Which campaign key a number may be sealed to: the one the central vouches for.

A clerk's PIN opens the database key, so a clerk can rewrite any row, the campaign's
public key included, and so choose who can read the next numbers. What a clerk cannot
forge is the central's own answer, fetched over TLS with the device token after every
sync pass: the fingerprint of the key it names is kept here (``campaign_key_central``)
and a number is sealed only while the campaign key in use has that fingerprint. A
mismatch stops sealing: a consent or a withdrawal by number fails with a message for the
administrator, a visit without a number still saves, and ``status`` shows it. It lasts
until the central's key is in use again (a new enrolment). A clerk can rewrite this
setting too, but only until the next sync pass puts the central's answer back; and every
number sealed to another key meanwhile reaches the central unreadable, where ingest
flags it and the export counts it per device.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from ..domain.catalog import Campaign
from ..domain.errors import ConfigInvalid, SealingStopped
from ..domain.key_fingerprint import fingerprint
from . import audit
from .db import Connection

log = logging.getLogger(__name__)
CENTRAL_KEY = "campaign_key_central"  # fingerprint of the key the central last named
MISMATCH = "campaign_key_mismatch"  # when the key in use was found not to be the central's


def key_in_use(campaign: Campaign) -> str | None:
    if not campaign.public_key:
        return None
    try:
        return fingerprint(campaign.public_key)
    except ConfigInvalid:
        return "not a key"  # a rewritten row: never the central's fingerprint


def may_seal(central: str, campaign: Campaign) -> bool:
    """Not yet enrolled (escrow) or never told by the central: nothing to compare with."""
    in_use = key_in_use(campaign)
    return in_use is None or not central or central == in_use


def require_sealing(central: str, campaign: Campaign) -> None:
    if not may_seal(central, campaign):
        raise SealingStopped()


def record_central_key(
    con: Connection, user: str, campaign: Campaign, central_fingerprint: str
) -> bool:
    """Keep what the central named; True when the key in use is it. Call in a transaction."""
    con.execute(
        "INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
        (CENTRAL_KEY, central_fingerprint),
    )
    in_use = key_in_use(campaign)
    if in_use is None or in_use == central_fingerprint:
        con.execute("DELETE FROM settings WHERE key = ?", (MISMATCH,))
        return True
    known = con.execute("SELECT value FROM settings WHERE key = ?", (MISMATCH,)).fetchone()
    if known is None:
        con.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?)",
            (MISMATCH, datetime.now(UTC).isoformat()),
        )
        audit.append(
            con,
            user,
            "campaign-key-mismatch",
            f"key in use {in_use[:16]}, central's {central_fingerprint[:16]}: sealing stopped",
        )
    log.warning(
        "the campaign key in use is not the central's: new numbers are not sealed "
        "until the administrator enrols this counter again"
    )
    return False
