"""The consent receipt as JSON (Kantara CR v1.1 / ISO/IEC TS 27560), served at
``/r/<RECEIPT>/<secret>.json`` beside the page (pages.py).

A mapping only: the consent, its campaign and visit are read by receipts.context; the
field-by-field mapping is documented in docs/consent-receipt.md.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .receipts import Context


def _epoch(iso_utc: str) -> int:
    return int(datetime.fromisoformat(iso_utc.replace("Z", "+00:00")).timestamp())


def consent_receipt(ctx: Context) -> dict[str, Any]:
    """Field-by-field mapping documented in docs/consent-receipt.md."""
    c, t = ctx.consent, ctx.texts
    camp = ctx.campaign
    state = "withdrawn" if c.withdrawn_at else "active"
    purpose = {
        "purpose": t.purpose,
        "purposeCategory": ["Survey of public service integrity"],
        "consentType": "EXPLICIT",
        "piiCategory": ["Mobile phone number (WhatsApp)"],
        "primaryPurpose": True,
        "termination": f"Deleted at the latest {t.retention_days} days after the survey "
        "campaign closes, or on withdrawal",
        "thirdPartyDisclosure": False,
    }
    events = [
        {
            "event": "given",
            "time": c.at,
            "method": c.collection_method,
            "location": f"{c.mpp} / {c.counter}",
        }
    ]
    if c.withdrawn_at:
        events.append(
            {"event": "withdrawn", "time": c.withdrawn_at, "method": c.withdrawn_via or "counter"}
        )
    return {
        "version": "KI-CR-v1.1.0",
        "jurisdiction": c.jurisdiction,
        "consentTimestamp": _epoch(c.at),
        "collectionMethod": c.collection_method,
        "consentReceiptID": c.receipt,
        "language": "id",
        "piiPrincipalId": ctx.masked or "(number deleted)",
        "piiControllers": [
            {"piiController": t.controller, "onBehalf": False, "contact": t.contact}
        ],
        "policyUrl": (camp.verify_base_url if camp and camp.verify_base_url else None),
        "services": [{"service": ctx.campaign_name, "purposes": [purpose]}],
        "sensitive": False,
        "spiCat": [],
        "iso27560": {
            "schema_version": "ISO/IEC TS 27560:2023",
            "record_id": c.id,
            "pii_principal_id": ctx.masked,
            "notice": {
                "id": c.campaign_id,
                "version": c.notice_version,
                "sha256": c.notice_hash,
                "language": "id",
            },
            "legal_basis": "consent (UU No. 27/2022 art. 20(2)(a))",
            "channel": camp.channel if camp else c.channel,
            "retention_days": t.retention_days,
            "state": state,
            "events": events,
        },
        "x-mpp": {
            "mpp": c.mpp,
            "counter": c.counter,
            "service": ctx.visit.service if ctx.visit is not None else None,
            "withdrawn_at": c.withdrawn_at,
            "official_sender": camp.official_sender_name if camp else None,
        },
    }
