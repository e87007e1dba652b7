"""``GET /api/v1/catalog``: agencies, services and the campaign, cached offline by ETag.

Fetched after a sync pass that reached the central. ``If-None-Match`` with the stored
ETag makes an unchanged catalog a bodiless 304, which still names the fingerprint of the
central's campaign key (``MPP-Campaign-Key``): every answer is compared with the key in
use (store/key_pin.py). The answer is parsed with the same rules as a catalog file;
anything unusable leaves the cached catalog as it was.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from ..domain import catalog as catalog_rules
from ..domain.errors import ConfigInvalid, SyncError
from ..store.catalog_update import apply_catalog, confirm_central_key
from ..store.counter import CounterStore
from .transport import Transport

log = logging.getLogger(__name__)
OnStore = Callable[[Callable[[CounterStore], Any]], Any]  # as in client.py


def refresh_catalog(on_store: OnStore, http: Transport) -> bool:
    """True when a new catalog was stored, False when unchanged; SyncError when unusable."""
    etag: str = on_store(lambda s: s.setting("catalog_etag"))
    reply = http.request(
        "GET", "/api/v1/catalog", headers={"If-None-Match": etag} if etag else None
    )
    if reply.status == 304:
        central_key = reply.campaign_key
        if central_key:  # the key in use is checked on every answer, a 304 too
            if not on_store(lambda s: confirm_central_key(s, central_key)):
                log.warning(
                    "catalog: the campaign key in use is not the central's; sealing stopped"
                )
            return False
        # a central that does not name its key: ask for the whole catalog to compare it
        reply = http.request("GET", "/api/v1/catalog")
    body = http.check(reply, "catalog request")
    try:
        if not isinstance(body, dict) or not isinstance(body.get("campaign"), dict):
            raise ConfigInvalid("The {where} file is not an object.", where="catalog")
        services = catalog_rules.parse_services(json.dumps({"agencies": body.get("agencies")}))
        campaign = catalog_rules.parse_campaign(json.dumps(body["campaign"]))
        taken = on_store(lambda s: apply_catalog(s, services, campaign, reply.etag))
    except ConfigInvalid as exc:
        raise SyncError(
            "The central's catalog is unusable ({why}); the cached one is kept.", why=exc.message
        ) from exc
    if taken:
        log.info("catalog updated: %d services", len(services))
    else:
        log.warning(
            "catalog: services updated; its campaign or key differs from the one in "
            "use, which was not switched: new numbers are not sealed until the "
            "administrator enrols this counter again"
        )
    return True
