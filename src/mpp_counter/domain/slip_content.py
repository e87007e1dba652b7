"""What a consent slip says, as plain data; ``slip/`` only paints it.

A slip never promises what the citizen cannot do. Its QR is the receipt's page at the
central, ``https://<central>/r/<RECEIPT>/<secret>``, or there is no QR at all: while
the counter knows no https central (not enrolled, no ``--central`` at init, or only a
plain-http test address) a phone could open nothing, so the slip carries neither a QR
nor an instruction to scan, only the receipt code and where to give it (see
docs/slip.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from .catalog import Campaign
from .timezones import format_id

SENDER_INTRO = "Pesan survei hanya datang dari akun {channel} resmi terverifikasi ini:"
WARNING = "Survei TIDAK PERNAH meminta uang, kata sandi, kode OTP, atau dokumen."
AT_ANY_COUNTER = (
    "loket MPP mana pun: sebutkan kode struk dan 4\u00a0angka terakhir nomor "
    "WhatsApp Anda. Struk hilang? Sebutkan nomor WhatsApp Anda di loket."
)
WITHDRAW_WITH_QR = (
    "Pindai kode QR di bawah untuk melihat atau menarik persetujuan. "
    "Penarikan juga bisa di " + AT_ANY_COUNTER
)
WITHDRAW_WITHOUT_QR = "Untuk menarik persetujuan, datangi " + AT_ANY_COUNTER
QR_CAPTION = "Pindai untuk melihat atau menarik persetujuan. Simpan struk ini."
TITLE = "TANDA TERIMA PERSETUJUAN SURVEI"
REPRINT = "CETAK ULANG"
DATA_USE = (
    "Nomor hanya dipakai untuk survei ini, disimpan terenkripsi, dan dihapus paling "
    "lambat {days} hari setelah survei berakhir."
)
RIGHTS = "Untuk melihat, memperbaiki, atau menghapus data Anda, hubungi pengendali data."
NO_QR_CAPTION = "Simpan struk ini: kode di atas dipakai untuk menarik persetujuan."


def receipt_base(url: str | None) -> str | None:
    """``url`` without its trailing slash if a phone can open it as the central's pages
    (``https://`` with a host, nothing else in the way), else None."""
    if not url or any(c.isspace() or not c.isprintable() for c in url):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        return None
    if (
        parts.scheme != "https"
        or not parts.hostname
        or parts.username
        or parts.password
        or parts.query
        or parts.fragment
    ):
        return None
    return url.rstrip("/")


def receipt_url(base_url: str | None, receipt: str, secret: str) -> str | None:
    """The receipt's https page, or None when ``base_url`` is no usable https address."""
    base = receipt_base(base_url)
    return f"{base}/r/{receipt}/{secret}" if base else None


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
    qr_text: str | None  # None: no QR, and no word about scanning
    withdrawn_at: str | None = None
    sender_intro: str = SENDER_INTRO.format(channel="WhatsApp")
    data_use: str = ""  # what the number is for, how kept, when deleted (UU PDP Ps. 21)
    rights: str = RIGHTS
    reprint: bool = False  # printed again later: marked CETAK ULANG, never mistaken
    title: str = TITLE

    @property
    def qr_caption(self) -> str:
        return QR_CAPTION if self.qr_text else NO_QR_CAPTION


def build_slip(
    *,
    mpp_name: str,
    counter: str,
    at: datetime,
    zone: str,
    service: str,
    agency: str,
    phone_masked: str,
    campaign: Campaign,
    receipt: str,
    secret: str,
    base_url: str | None,
    withdrawn_at: datetime | None = None,
    reprint: bool = False,
) -> SlipContent:
    """``base_url`` is the counter's central; the campaign's ``verify_base_url`` stands in
    when that is missing or not https."""
    if "x" not in phone_masked:
        raise ValueError("a slip only ever carries the masked number")
    qr = receipt_url(base_url, receipt, secret) or receipt_url(
        campaign.verify_base_url, receipt, secret
    )
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
        warning=WARNING,
        how_to_withdraw=WITHDRAW_WITH_QR if qr else WITHDRAW_WITHOUT_QR,
        controller=campaign.controller,
        controller_contact=campaign.controller_contact,
        receipt=receipt,
        qr_text=qr,
        withdrawn_at=format_id(withdrawn_at, zone) if withdrawn_at else None,
        sender_intro=SENDER_INTRO.format(channel=campaign.channel),
        data_use=DATA_USE.format(days=campaign.retention_days),
        reprint=reprint,
    )
