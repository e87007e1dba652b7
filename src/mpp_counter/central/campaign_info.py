"""What the console shows of a campaign: its state, notice, sender, retention and key.

Read-only: every change goes through campaigns.py (create, close) or campaign_keys.py
(erase-key), which also write the record of processing. The notice versions are the
campaign's own (the text and hash a consent must cite, see ingest) and those the stored
consents cite, with how many cite each, so a consent given under an older wording shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from ..domain.catalog import Campaign, parse_campaign
from ..domain.errors import ConfigInvalid
from ..domain.key_fingerprint import fingerprint
from . import campaign_keys, db


@dataclass(frozen=True)
class NoticeVersion:
    version: str
    hash: str
    consents: int
    current: bool  # the campaign's own text: the one a new consent must cite


@dataclass(frozen=True)
class CampaignInfo:
    id: str
    name: str
    status: str  # open | closed | purged
    created_at: str
    closed_at: str | None
    purged_at: str | None
    key_erased_at: str | None
    fingerprint: str
    campaign: Campaign

    @property
    def active(self) -> bool:
        return self.status == "open"


def _info(conn: Any, row: Any) -> CampaignInfo:
    status = "purged" if row.purged_at else "closed" if row.closed_at else "open"
    try:
        fp = fingerprint(row.public_key)
    except ConfigInvalid:
        fp = "?"
    return CampaignInfo(
        row.id,
        row.name,
        status,
        row.created_at,
        row.closed_at,
        row.purged_at,
        db.get_setting(conn, campaign_keys.KEY_ERASED + row.id),
        fp,
        parse_campaign(row.body),
    )


def all_campaigns(conn: Any) -> list[CampaignInfo]:
    rows = conn.execute(db.campaigns.select().order_by(db.campaigns.c.created_at.desc()))
    return [_info(conn, r) for r in rows]


def one(conn: Any, campaign_id: str) -> CampaignInfo | None:
    row = conn.execute(db.campaigns.select().where(db.campaigns.c.id == campaign_id)).first()
    return _info(conn, row) if row is not None else None


def notice_versions(conn: Any, info: CampaignInfo) -> list[NoticeVersion]:
    c = db.consents.c
    cited = conn.execute(
        select(c.notice_version, c.notice_hash, func.count())
        .where(c.campaign_id == info.id)
        .group_by(c.notice_version, c.notice_hash)
        .order_by(c.notice_version)
    ).all()
    own = (info.campaign.notice_version, info.campaign.notice_hash)
    out = [NoticeVersion(v, h, int(n), (v, h) == own) for v, h, n in cited]
    if own not in {(n.version, n.hash) for n in out}:
        out.insert(0, NoticeVersion(*own, 0, True))
    return out
