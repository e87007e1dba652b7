"""Numbers sealed to a key that is not their campaign's: flagged at ingest, counted after.

A counter writes on each consent the fingerprint of the key it sealed the number to
(``sealed_key``). A clerk who rewrote the campaign key in her store seals to her own
key until the counter's next catalog answer stops it (store/key_pin.py); such a consent
arrives with a fingerprint that is not the campaign's and is flagged here, in the log
and in ``stats``. A clerk can rewrite the fingerprint too, so the final word is the
export's: it counts, per device, the numbers the campaign key cannot open.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import func, select

from ..domain.errors import ConfigInvalid
from ..domain.key_fingerprint import fingerprint
from ..protocol.records import ConsentRecord
from . import db

log = logging.getLogger("mpp_central")


def campaign_fingerprints(campaign_rows: list[Any]) -> dict[str, str]:
    out = {}
    for row in campaign_rows:
        try:
            out[row.id] = fingerprint(row.public_key)
        except ConfigInvalid:
            continue
    return out


def flag_foreign_keys(campaign_rows: list[Any], device: Any, records: list[Any]) -> int:
    """Log the consents of a batch sealed to a key that is not their campaign's."""
    keys = campaign_fingerprints(campaign_rows)
    foreign = [
        r
        for r in records
        if isinstance(r, ConsentRecord)
        and r.sealed_key
        and keys.get(r.sealed_to) not in (None, r.sealed_key)
    ]
    if foreign:
        log.warning(
            "device %s (%s / %s) sent %d numbers sealed to a key that is not their "
            "campaign's: the survey cannot open them; check that counter",
            device.id,
            device.mpp,
            device.counter,
            len(foreign),
        )
    return len(foreign)


def count_foreign_keys(conn: Any) -> int:
    """Consents whose declared sealing key is not their campaign's (the stats figure)."""
    keys = campaign_fingerprints(conn.execute(db.campaigns.select()).all())
    total = 0
    for campaign_id, key in keys.items():
        c = db.consents.c
        total += int(
            conn.execute(
                select(func.count())
                .select_from(db.consents)
                .where(c.sealed_to == campaign_id, c.sealed_key.is_not(None), c.sealed_key != key)
            ).scalar_one()
        )
    return total
