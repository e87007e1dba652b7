"""What a consent slip says, as plain data; ``slip/`` only paints it.

The QR carries the receipt's verification and withdrawal address. Where no central is
known yet, it carries the documented offline form ``mppc:r/<RECEIPT>/<secret>`` that the
central's page resolves once the counter has synced (see docs/slip.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .catalog import Campaign
from .timezones import format_id

OFFLINE_SCHEME = "mppc:r/"


def receipt_url(base_url: str | None, receipt: str, secret: str) -> str:
    if base_url:
        return f"{base_url.rstrip('/')}/r/{receipt}/{secret}"
    return f"{OFFLINE_SCHEME}{receipt}/{secret}"


@dataclass(frozen=True)
class SlipContent:
    mpp_name: str
    counter: str
    when: str  # already formatted in the MPP's zone, Indonesian
    service: str
    agency: str
    phone_masked: str
    campaign_name: str
    purpose: str
    official_sender_name: str
    official_sender_number: str
    warning: str
    how_to_withdraw: str
    controller: str
    controller_contact: str
    receipt: str
    qr_text: str
    withdrawn_at: str | None = None


def build_slip(*, mpp_name: str, counter: str, at: datetime, zone: str, service: str,
               agency: str, phone_masked: str, campaign: Campaign, receipt: str,
               secret: str, base_url: str | None,
               withdrawn_at: datetime | None = None) -> SlipContent:
    if "x" not in phone_masked:
        raise ValueError("a slip only ever carries the masked number")
    return SlipContent(
        mpp_name=mpp_name,
        counter=counter,
        when=format_id(at, zone),
        service=service,
        agency=agency,
        phone_masked=phone_masked,
        campaign_name=campaign.name,
        purpose=campaign.purpose_id,
        official_sender_name=campaign.official_sender_name,
        official_sender_number=campaign.official_sender_number,
        warning=("Pesan resmi hanya dari akun WhatsApp terverifikasi (centang hijau) di atas. "
                 "Survei TIDAK PERNAH meminta uang, kata sandi, kode OTP, atau dokumen."),
        how_to_withdraw=("Untuk memeriksa atau menarik persetujuan: pindai kode QR ini, atau "
                         "sebutkan kode struk di loket mana pun."),
        controller=campaign.controller,
        controller_contact=campaign.controller_contact,
        receipt=receipt,
        qr_text=receipt_url(base_url or campaign.verify_base_url, receipt, secret),
        withdrawn_at=format_id(withdrawn_at, zone) if withdrawn_at else None,
    )
