"""Preparing a hand-off: what each stratum holds, and the versioned record of the draw.

Preparing opens no number (the central cannot): it records the campaign, strata, quotas,
seed and threshold, and shows how many candidates each stratum has, so what each quota
can give is known before the survey team opens the draw. A candidate is a consent of
the campaign, not withdrawn, not purged, still holding its sealed number, whose visit
has arrived, and not handed off before.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, and_, exists, func, not_, select
from sqlalchemy.exc import IntegrityError

from ...domain.errors import MppError
from .. import db
from . import records
from .spec import DrawSpec, HandoffInput, Quotas, Strata, Stratum
from .tables import handoff_items, handoffs


class HandoffError(MppError):
    """A hand-off that does not exist, was already opened, or cannot be made now."""


@dataclass(frozen=True)
class StratumSize:
    stratum: Stratum
    available: int
    quota: int

    @property
    def can_give(self) -> int:
        return min(self.available, self.quota)

    @property
    def short(self) -> bool:
        return self.available < self.quota


@dataclass(frozen=True)
class Handoff:
    id: int
    campaign_id: str
    version: int
    created_at: str
    created_by: str
    seed: str
    strata: Strata
    quotas: Quotas
    suspicious_k: int
    agreement_id: int | None
    recipient: str
    state: str
    opened_at: str | None
    counts: dict[str, Any] | None


def from_row(r: Any) -> Handoff:
    return Handoff(
        r.id,
        r.campaign_id,
        r.version,
        r.created_at,
        r.created_by,
        r.seed,
        Strata.from_json(r.strata),
        Quotas.from_json(r.quotas),
        r.suspicious_k,
        r.agreement_id,
        r.recipient,
        r.state,
        r.opened_at,
        json.loads(r.counts) if r.counts else None,
    )


def load(conn: Any, handoff_id: int) -> Handoff:
    row = conn.execute(handoffs.select().where(handoffs.c.id == handoff_id)).first()
    if row is None:
        raise HandoffError("There is no hand-off {id}.", id=handoff_id)
    return from_row(row)


def listed(conn: Any, campaign_id: str | None = None) -> list[Handoff]:
    q = handoffs.select().order_by(handoffs.c.campaign_id, handoffs.c.version.desc())
    if campaign_id is not None:
        q = q.where(handoffs.c.campaign_id == campaign_id)
    return [from_row(r) for r in conn.execute(q)]


def candidates(campaign_id: str) -> Any:
    """Consents that may be drawn, with what places them in a stratum."""
    c, v = db.consents.c, db.visits.c
    return (
        select(c.id, v.agency, v.mpp, v.local_date)
        .select_from(db.consents.join(db.visits, v.id == c.visit_id))
        .where(c.campaign_id == campaign_id)
        .where(c.withdrawn_at.is_(None), c.purged_at.is_(None), c.phone_sealed.is_not(None))
        .where(not_(exists().where(handoff_items.c.consent_id == c.id)))
    )


def sizes(conn: Any, campaign_id: str, strata: Strata, quotas: Quotas) -> list[StratumSize]:
    """Candidates per stratum (and every stratum the quota file names, even empty)."""
    q = candidates(campaign_id).subquery()
    counted: dict[Stratum, int] = {}
    for agency, mpp, local_date, n in conn.execute(
        select(q.c.agency, q.c.mpp, q.c.local_date, func.count()).group_by(
            q.c.agency, q.c.mpp, q.c.local_date
        )
    ):
        key = strata.key(agency, mpp, local_date)
        counted[key] = counted.get(key, 0) + int(n)
    for named, _ in quotas.per:
        counted.setdefault(named, 0)
    return [StratumSize(s, counted[s], quotas.of(s)) for s in sorted(counted)]


def campaign_row(conn: Any, campaign_id: str, *, purged_ok: bool = False) -> Any:
    row = conn.execute(db.campaigns.select().where(db.campaigns.c.id == campaign_id)).first()
    if row is None:
        raise HandoffInput("There is no campaign {id}.", id=campaign_id[:64])
    if row.purged_at is not None and not purged_ok:
        raise HandoffError("Campaign {id} was purged: it has no numbers left.", id=campaign_id)
    return row


def sizes_when_prepared(h: Handoff) -> list[StratumSize]:
    return [StratumSize(tuple(s), a, q) for s, a, q in (h.counts or {}).get("sizes", [])]


@dataclass(frozen=True)
class Prepared:
    handoff: Handoff
    sizes: tuple[StratumSize, ...]


def prepare(
    engine: Engine,
    spec: DrawSpec,
    who: records.Who,
    also: Callable[[Any, Handoff], None] | None = None,
) -> Prepared:
    """Record the draw as the campaign's next version; nothing is opened here. ``also``
    runs in the same transaction (the console's audit entry)."""
    try:
        with engine.begin() as conn:
            campaign_row(conn, spec.campaign_id)
            recipient = records.recipient_under(conn, spec.agreement_id, spec.recipient)
            found = sizes(conn, spec.campaign_id, spec.strata, spec.quotas)
            last = conn.execute(
                select(func.max(handoffs.c.version)).where(
                    handoffs.c.campaign_id == spec.campaign_id
                )
            ).scalar()
            version = int(last or 0) + 1
            values = {
                "campaign_id": spec.campaign_id,
                "version": version,
                "created_at": db.iso(db.now()),
                "created_by": who.actor[:200],
                "seed": spec.seed,
                "strata": spec.strata.to_json(),
                "quotas": spec.quotas.to_json(),
                "suspicious_k": spec.suspicious_k,
                "agreement_id": spec.agreement_id,
                "recipient": recipient,
                "state": "prepared",
                # what each stratum held when prepared: the page shows it without a scan
                "counts": json.dumps(
                    {"sizes": [[list(z.stratum), z.available, z.quota] for z in found]}
                ),
            }
            new_id = conn.execute(handoffs.insert().values(**values).returning(handoffs.c.id))
            handoff = load(conn, new_id.scalar_one())
            records.record(
                conn,
                who,
                action=records.PREPARE,
                campaign_id=spec.campaign_id,
                count=sum(s.can_give for s in found),
                recipient=recipient or None,
                agreement_id=spec.agreement_id,
                detail=f"hand-off {handoff.id} version {version}, seed {spec.seed}",
            )
            if also is not None:
                also(conn, handoff)
    except IntegrityError as exc:  # two prepared at once: the version is taken
        raise HandoffError(
            "Another hand-off of campaign {id} was prepared at the same moment: try again.",
            id=spec.campaign_id,
        ) from exc
    return Prepared(handoff, tuple(found))


def earlier_items(conn: Any, campaign_id: str, but: int) -> set[str]:
    """Consent ids every other opened hand-off of the campaign gave away."""
    rows = conn.execute(
        select(handoff_items.c.consent_id)
        .select_from(handoff_items.join(handoffs, handoffs.c.id == handoff_items.c.handoff_id))
        .where(and_(handoffs.c.campaign_id == campaign_id, handoffs.c.id != but))
    )
    return {r[0] for r in rows}
