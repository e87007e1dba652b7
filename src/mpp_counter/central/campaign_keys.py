"""A campaign's private key file: the survey team's half, the only one that opens numbers.

It is written once, created 0600 from its first byte (``create``, or ``campaign keygen``
on the survey team's own machine), never stored at the central; read back and checked
against the campaign's public half when numbers are opened (export, handoff); and at
the end erased (crypto-erasure): overwritten, flushed and deleted, so that no copy of a
sealed number can be opened any more. The campaigns themselves are campaigns.py.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select

from ..domain.errors import BadInput, MppError
from ..protocol.sealed import SealedInvalid, key_from_b64, key_to_b64, new_keypair, public_of
from . import db, processing
from .atomic_file import fsync_dir


class CampaignError(MppError):
    """A campaign that does not exist, already exists or whose key does not fit."""


def write_private(path: Path, payload: dict[str, str | None]) -> None:
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


def keygen(key_out: Path, campaign_id: str | None = None) -> str:
    """A key pair made where it is run (the survey team's machine): the private half into
    ``key_out`` (0600), the public half returned for ``create_from_public_key``."""
    sk, pk = new_keypair()
    write_private(key_out, {"campaign_id": campaign_id, "private_key": key_to_b64(sk)})
    return key_to_b64(pk)


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
        fsync_dir(path.parent)
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
