"""Survey campaigns at the central: creating one with its key pair, the active one, closing.

The private half of a campaign key is written once, to a file the survey team keeps
offline, and never stored here: the central can receive sealed numbers from every
counter yet cannot read one. Only ``export``, given that file, opens them. That file
(writing, checking, erasing it) is campaign_keys.py.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from .. import resource_files
from ..domain.catalog import Campaign, campaign_to_json, parse_campaign
from ..domain.errors import BadInput
from ..domain.key_fingerprint import fingerprint
from ..domain.slip_content import receipt_base
from ..protocol.sealed import SealedInvalid, key_from_b64, key_to_b64, new_keypair
from . import db, processing
from .campaign_keys import CampaignError, write_private

ACTIVE_KEY = "active_campaign"
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def default_campaign() -> Campaign:
    return parse_campaign(resource_files.read_text("campaign.json"))


def default_catalog_text() -> str:
    return resource_files.read_text("catalog.json")


def create(
    engine: Engine,
    campaign_id: str,
    name: str,
    key_out: Path,
    verify_base_url: str | None = None,
    by: processing.By | None = None,
) -> Campaign:
    """Make the key pair, keep the public half, hand the private half to ``key_out`` only."""
    sk, pk = new_keypair()
    campaign = _new(campaign_id, name, key_to_b64(pk), verify_base_url)
    with engine.begin() as conn:
        _refuse_existing(conn, campaign)
        # The file first: a campaign whose private key was never written must not exist.
        write_private(key_out, {"campaign_id": campaign_id, "private_key": key_to_b64(sk)})
        _insert(conn, campaign, by)
    return campaign


def check_new(
    engine: Engine,
    campaign_id: str,
    name: str,
    public_key_b64: str,
    verify_base_url: str | None = None,
) -> Campaign:
    """The campaign ``create_from_public_key`` would make, checked but not stored: what
    the console shows (with the key's fingerprint) for the operator to confirm."""
    campaign = _new(campaign_id, name, _public(public_key_b64), verify_base_url)
    with engine.connect() as conn:
        _refuse_existing(conn, campaign)
    return campaign


def create_from_public_key(
    engine: Engine,
    campaign_id: str,
    name: str,
    public_key_b64: str,
    verify_base_url: str | None = None,
    by: processing.By | None = None,
) -> Campaign:
    """A campaign whose key pair the survey team made on its own machine (``campaign
    keygen``): only the public half ever reaches the server."""
    campaign = _new(campaign_id, name, _public(public_key_b64), verify_base_url)
    with engine.begin() as conn:
        _refuse_existing(conn, campaign)
        _insert(conn, campaign, by)
    return campaign


def _public(public_key_b64: str) -> str:
    try:
        return key_to_b64(key_from_b64(public_key_b64.strip()))
    except (SealedInvalid, AttributeError) as exc:
        raise BadInput(
            "The public key is not valid: paste the 44-character line 'public key: ...' that "
            "'mpp-central campaign keygen' printed."
        ) from exc


def _new(campaign_id: str, name: str, pk_b64: str, verify_base_url: str | None) -> Campaign:
    if (
        not isinstance(campaign_id, str)
        or not campaign_id.strip()
        or len(campaign_id) > 64
        or not isinstance(name, str)
        or not name.strip()
        or len(name) > 200
    ):
        raise BadInput("A campaign needs an id (at most 64 characters) and a name (at most 200).")
    if not name.isprintable():
        raise BadInput("A campaign name must be one line of printable text.")
    if not ID_PATTERN.fullmatch(campaign_id):
        raise BadInput(
            "A campaign id may hold only letters, digits, '.', '_' and '-' (for example SPI-2027)."
        )
    if verify_base_url and receipt_base(verify_base_url) is None:
        raise BadInput("The public address must be an https:// address of this central.")
    return replace(
        default_campaign(),
        id=campaign_id,
        name=name.strip(),
        public_key=pk_b64,
        verify_base_url=verify_base_url or default_campaign().verify_base_url,
    )


def _refuse_existing(conn: Any, campaign: Campaign) -> None:
    c = db.campaigns.c
    if conn.execute(db.campaigns.select().where(c.id == campaign.id)).first():
        raise CampaignError("Campaign {id} already exists.", id=campaign.id)
    other = conn.execute(select(c.id).where(c.public_key == campaign.public_key)).first()
    if other is not None:
        raise CampaignError(
            "This public key is already campaign {other}'s: make a new key pair for each campaign.",
            other=other.id,
        )


def _insert(conn: Any, campaign: Campaign, by: processing.By | None) -> None:
    assert campaign.public_key is not None
    conn.execute(
        db.campaigns.insert().values(
            id=campaign.id,
            name=campaign.name,
            body=campaign_to_json(campaign),
            public_key=campaign.public_key,
            created_at=db.iso(db.now()),
        )
    )
    db.put_setting(conn, ACTIVE_KEY, campaign.id)
    if by is not None:
        by.record(
            conn,
            processing.CAMPAIGN_CREATE,
            campaign.id,
            None,
            f"key {fingerprint(campaign.public_key)}; notice {campaign.notice_version}",
        )


def load(conn: Any, campaign_id: str) -> Campaign | None:
    row = conn.execute(db.campaigns.select().where(db.campaigns.c.id == campaign_id)).first()
    return parse_campaign(row.body) if row else None


def active(conn: Any) -> Campaign | None:
    """The campaign enrolment hands out: the last one created, unless it was closed."""
    cid = db.get_setting(conn, ACTIVE_KEY)
    if cid is None:
        return None
    row = conn.execute(db.campaigns.select().where(db.campaigns.c.id == cid)).first()
    if row is None or row.closed_at is not None:
        return None
    return parse_campaign(row.body)


def close(engine: Engine, campaign_id: str, by: processing.By | None = None) -> None:
    with engine.begin() as conn:
        done = conn.execute(
            db.campaigns.update()
            .where(db.campaigns.c.id == campaign_id)
            .where(db.campaigns.c.closed_at.is_(None))
            .values(closed_at=db.iso(db.now()))
        )
        if done.rowcount == 0:
            if load(conn, campaign_id) is None:
                raise CampaignError("There is no campaign {id}.", id=campaign_id)
            raise CampaignError("Campaign {id} is already closed.", id=campaign_id)
        if by is not None:
            by.record(conn, processing.CAMPAIGN_CLOSE, campaign_id, None)
