"""Replacing the services and the campaign with what the central publishes.

The catalog is cached in the store, so the counter works offline with the last one it
saw. An update is one transaction: services, campaign and the ETag that names them.
A campaign without a public key is never taken: once enrolled, the escrow key is gone
and every new number must be sealed to a campaign key. Nor is another campaign or another
key for this one: whoever could change the key would choose who can read new numbers,
so switching campaigns takes a new enrolment by the administrator. Texts of the same
campaign (same id, same key) are taken. Every answer's key is also what the key in use is
checked against (key_pin.py): a key in use that is not the central's stops sealing.
"""

from __future__ import annotations

from ..domain.catalog import Campaign, Service
from ..domain.errors import ConfigInvalid, StoreDamaged
from ..domain.key_fingerprint import fingerprint, is_fingerprint
from ..protocol.sealed import public_from_b64
from . import audit, key_pin
from .catalog_repo import load_services, put_campaign
from .counter import CounterStore
from .db import transaction


def apply_catalog(
    store: CounterStore, services: tuple[Service, ...], campaign: Campaign, etag: str | None
) -> bool:
    """Store the central's catalog; returns False when its campaign was not taken."""
    if not campaign.public_key:
        raise ConfigInvalid("The central's catalog names a campaign without a public key.")
    try:
        public_from_b64(campaign.public_key)
    except StoreDamaged as exc:
        raise ConfigInvalid(
            "The central's catalog names a campaign key that is not valid."
        ) from exc
    if not services:
        raise ConfigInvalid("The {where} file lists no services.", where="catalog")
    before = store.campaign()
    same = (before.id, before.public_key) == (campaign.id, campaign.public_key)
    with transaction(store.con):
        load_services(store.con, services)
        if same and before != campaign:
            put_campaign(store.con, campaign)
        agreed = key_pin.record_central_key(
            store.con, store.session.user, before, fingerprint(campaign.public_key)
        )
        # an ETag is kept only for a key in use that is the central's: a 304 must not
        # spare a rewritten key the comparison with the central's next full answer
        store.con.execute(
            "INSERT OR REPLACE INTO settings(key, value) VALUES ('catalog_etag', ?)",
            (etag or "" if agreed else "",),
        )
        audit.append(
            store.con,
            store.session.user,
            "catalog",
            f"{len(services)} services, campaign {campaign.id}",
        )
    store.forget_cached()
    return same


def confirm_central_key(store: CounterStore, central_fingerprint: str) -> bool:
    """A 304 with the central's key fingerprint: the same comparison as a full answer."""
    if not is_fingerprint(central_fingerprint):
        raise ConfigInvalid("The central's catalog names a campaign key that is not valid.")
    with transaction(store.con):
        agreed = key_pin.record_central_key(
            store.con, store.session.user, store.campaign(), central_fingerprint
        )
        if not agreed:
            store.con.execute("DELETE FROM settings WHERE key = 'catalog_etag'")
    store.settings.forget()  # the ETag is a setting
    return agreed
