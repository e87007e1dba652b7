"""The full privacy notice (UU PDP Pasal 21) as plain data: the counter poster and the
central's notice page say exactly this; the slip says the same in fewer words.

The clerk only reads the campaign's short script aloud; everything a citizen must be
told before agreeing (purpose, data, how long it is kept, who controls it, their rights,
how to withdraw, how to recognise the real message) is printed here, at the counter,
under the same ``notice_version`` recorded with each consent.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from .catalog import Campaign
from .slip_content import AT_ANY_COUNTER, DATA_USE, SENDER_INTRO, WARNING, receipt_base

TITLE = "PEMBERITAHUAN PELINDUNGAN DATA PRIBADI"
LAW = "Sesuai Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi, Pasal 21."
ASKED = (
    "Petugas loket akan bertanya apakah Anda bersedia. Persetujuan ini sukarela: "
    "menolak tidak memengaruhi layanan Anda sedikit pun."
)
DATA = (
    "Nomor WhatsApp Anda, hanya bila Anda setuju, beserta layanan, loket, dan waktu "
    "kunjungan Anda. Struk persetujuan hanya memuat 4\u00a0angka terakhir nomor Anda."
)
RIGHTS = (
    "Anda berhak menolak, menarik persetujuan kapan saja, serta meminta akses, "
    "perbaikan, atau penghapusan data Anda kepada pengendali data."
)
WITHDRAW = "Datangi " + AT_ANY_COUNTER
WITHDRAW_QR = (
    "Bila struk Anda memuat kode QR, Anda juga dapat memindainya untuk menarik persetujuan."
)
QR_CAPTION = "Pindai untuk membaca pemberitahuan ini di ponsel Anda."
VERSION = "Versi pemberitahuan: {version}"


@dataclass(frozen=True)
class NoticeSection:
    heading: str
    text: str


@dataclass(frozen=True)
class NoticeContent:
    title: str
    campaign_name: str
    law: str
    sections: tuple[NoticeSection, ...]
    official_sender_name: str
    official_sender_number: str
    version: str
    url: str | None  # the central's notice page; None: no https central, no QR
    warning: str = WARNING

    @property
    def qr_caption(self) -> str | None:
        return QR_CAPTION if self.url else None

    def text(self) -> str:
        """Everything, as plain lines (tests, the page's fallback)."""
        lines = [self.title, self.campaign_name, self.law]
        for s in self.sections:
            lines += [s.heading, s.text]
        lines += [
            self.official_sender_name,
            self.official_sender_number,
            self.warning,
            self.version,
        ]
        return "\n".join(lines)


def notice_url(base_url: str | None, campaign_id: str) -> str | None:
    """``https://<central>/notice/<campaign>``, or None unless the central is https."""
    base = receipt_base(base_url)
    return f"{base}/notice/{quote(campaign_id, safe='')}" if base else None


def build_notice(
    campaign: Campaign, base_url: str | None = None, slips_have_qr: bool | None = None
) -> NoticeContent:
    """``base_url``: the counter's central (the campaign's ``verify_base_url`` stands in,
    as on the slip). ``slips_have_qr`` defaults to whether that address is https."""
    url = notice_url(base_url, campaign.id) or notice_url(campaign.verify_base_url, campaign.id)
    qr_on_slips = bool(url) if slips_have_qr is None else slips_have_qr
    withdraw = WITHDRAW + (" " + WITHDRAW_QR if qr_on_slips else "")
    sections = (
        NoticeSection("Untuk apa", f"{campaign.purpose_id} {ASKED}"),
        NoticeSection("Data yang dicatat", DATA),
        NoticeSection("Berapa lama", DATA_USE.format(days=campaign.retention_days)),
        NoticeSection(
            "Pengendali data", f"{campaign.controller}. Kontak: {campaign.controller_contact}."
        ),
        NoticeSection("Hak Anda", RIGHTS),
        NoticeSection("Menarik persetujuan", withdraw),
        NoticeSection("Cara mengenali pesan resmi", SENDER_INTRO.format(channel=campaign.channel)),
    )
    return NoticeContent(
        title=TITLE,
        campaign_name=campaign.name,
        law=LAW,
        sections=sections,
        official_sender_name=campaign.official_sender_name,
        official_sender_number=campaign.official_sender_number,
        version=VERSION.format(version=campaign.notice_version),
        url=url,
    )
