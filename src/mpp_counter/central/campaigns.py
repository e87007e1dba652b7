"""Survey campaigns at the central: their key pair, the active one, closing.

The private half of a campaign key is written once, to a file the survey team keeps
offline, and never stored here: the central can receive sealed numbers from every
counter yet cannot read one. Only ``export``, given that file, opens them.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from .. import resource_files
from ..domain.catalog import Campaign, campaign_to_json, parse_campaign
from ..domain.errors import BadInput, MppError
from ..domain.key_fingerprint import fingerprint
from ..domain.slip_content import receipt_base
from ..protocol.sealed import SealedInvalid, key_from_b64, key_to_b64, new_keypair, public_of
from . import db, processing

ACTIVE_KEY = "active_campaign"
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


class CampaignError(MppError):
    """A campaign that does not exist, already exists or whose key does not fit."""


def default_campaign() -> Campaign:
    return parse_campaign(resource_files.read_text("campaign.json"))


def default_catalog_text() -> str:
    return resource_files.read_text("catalog.json")


def _write_private(path: Path, payload: dict[str, str | None]) -> None:
    """Create the key file 0600 from the first byte: it must never exist world-readable."""
    data = json.dumps(payload, indent=1).encode("utf-8")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise BadInput(
            "{path} already exists: choose another file for the private key.", path=str(path)
        ) from exc
    except OSError as exc:
        raise CampaignError("Cannot write the private key file: {why}", why=exc.strerror) from exc
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


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
        _write_private(key_out, {"campaign_id": campaign_id, "private_key": key_to_b64(sk)})
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


def keygen(key_out: Path, campaign_id: str | None = None) -> str:
    """A key pair made where it is run (the survey team's machine): the private half into
    ``key_out`` (0600), the public half returned for ``create_from_public_key``."""
    sk, pk = new_keypair()
    _write_private(key_out, {"campaign_id": campaign_id, "private_key": key_to_b64(sk)})
    return key_to_b64(pk)


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


def read_private_key(engine: Engine, campaign_id: str, path: Path) -> bytes:
    """The survey team's key file (raw private key), checked against the campaign's
    public half."""
    try:
        payload = json.loads(path.read_text("utf-8"))
        key = key_from_b64(payload["private_key"])
        file_campaign = payload["campaign_id"]
    except FileNotFoundError as exc:
        raise BadInput("The private key file {path} does not exist.", path=str(path)) from exc
    except (OSError, ValueError, KeyError, TypeError, SealedInvalid) as exc:
        raise BadInput("{path} is not a campaign private key file.", path=str(path)) from exc
    if file_campaign is not None and file_campaign != campaign_id:  # None: from keygen
        raise BadInput(
            "This private key belongs to campaign {other}, not {id}.",
            other=str(file_campaign)[:64],
            id=campaign_id,
        )
    with engine.connect() as conn:
        row = conn.execute(db.campaigns.select().where(db.campaigns.c.id == campaign_id)).first()
    if row is None:
        raise CampaignError("There is no campaign {id}.", id=campaign_id)
    if key_to_b64(public_of(key)) != row.public_key:
        raise BadInput(
            "This private key does not match campaign {id}'s public key.", id=campaign_id
        )
    return key


KEY_ERASED = "key_erased:"  # settings key prefix: when a campaign's private key was erased


@dataclass(frozen=True)
class Erasure:
    campaign_id: str
    path: Path
    size: int
    at: str
    sealed_left: int  # sealed numbers of this campaign still in the database rows
    purged: bool


def erase_key(
    engine: Engine, campaign_id: str, path: Path, by: processing.By | None = None
) -> Erasure:
    """Crypto-erasure, the step that completes a purge: once the private key is gone, no
    copy of a sealed number (a PostgreSQL WAL segment, a backup, a stolen dump) can be
    opened. The file is checked to be this campaign's key, overwritten with random bytes,
    flushed, deleted, and its directory flushed; the campaign must be closed first."""
    read_private_key(engine, campaign_id, path)  # refuses a file that is not this key
    with engine.connect() as conn:
        row = conn.execute(db.campaigns.select().where(db.campaigns.c.id == campaign_id)).one()
        if row.closed_at is None:
            raise CampaignError(
                "Campaign {id} is still open: close it (and export what the "
                "survey needs) before destroying its key.",
                id=campaign_id,
            )
        left = sum(
            int(
                conn.execute(
                    select(func.count())
                    .select_from(t)
                    .where(t.c.sealed_to == campaign_id, t.c.phone_sealed.is_not(None))
                ).scalar_one()
            )
            for t in (db.consents, db.withdrawals)
        )
    size = path.stat().st_size
    try:
        with open(path, "r+b", buffering=0) as f:
            f.write(secrets.token_bytes(size))
            os.fsync(f.fileno())
        path.unlink()
        _fsync_dir(path.parent)
    except OSError as exc:
        raise CampaignError(
            "Cannot overwrite and delete {path}: {why}",
            path=str(path),
            why=exc.strerror or type(exc).__name__,
        ) from exc
    at = db.iso(db.now())
    with engine.begin() as conn:
        db.put_setting(conn, KEY_ERASED + campaign_id, at)
        if by is not None:
            by.record(
                conn,
                processing.CAMPAIGN_ERASE_KEY,
                campaign_id,
                left,
                f"key file overwritten and deleted; {left} sealed numbers can no longer be opened",
            )
    return Erasure(campaign_id, path, size, at, left, row.purged_at is not None)


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
