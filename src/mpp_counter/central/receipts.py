"""The page behind the slip's QR code: the consent, and withdrawing it.

``/r/<RECEIPT>/<secret>`` — the receipt code is printed on the slip, the secret (128
random bits) only inside the QR, and the central keeps only its sha256. An unknown
receipt and a wrong secret get the same 404 page, so the page is no oracle for guessing
receipts; requests are rate-limited per client address (see app.py). The withdraw form
carries an HMAC token bound to the consent and its age, and a cross-site POST (by
Origin or Sec-Fetch-Site) is refused. Pages are ``no-store`` and their address never
leaves this origin as a Referer (``same-origin``): it is a secret.

This module finds the consent and says what its pages say; the routes and headers are
pages.py, the HTML plumbing html_page.py, the same consent as JSON consent_receipt.py.
"""

from __future__ import annotations

import hashlib
import hmac
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from html import escape
from typing import Any

from sqlalchemy import Engine

from ..domain.catalog import Campaign, parse_services
from ..domain.errors import InvalidReceipt
from ..domain.receipt import parse as parse_receipt
from ..domain.timezones import MONTHS_ID
from . import campaigns, db
from .html_page import Page, message, render
from .ingest import apply_withdrawal

TOKEN_MAX_AGE = 3600
_ZONES = {7: "WIB", 8: "WITA", 9: "WIT"}


@lru_cache(maxsize=1)
def _service_names() -> dict[str, tuple[str, str]]:
    return {
        s.code: (s.agency_name, s.name) for s in parse_services(campaigns.default_catalog_text())
    }


def not_found() -> Page:
    return message(
        404,
        "Struk tidak ditemukan",
        "Kode struk atau alamat ini tidak dikenal. Periksa kembali kode QR pada "
        "struk Anda. Data dari loket bisa memerlukan beberapa jam sebelum "
        "tersedia di sini. Persetujuan juga dapat ditarik di loket MPP mana pun "
        "dengan kode struk dan 4 angka terakhir nomor WhatsApp Anda.",
    )


def find(engine: Engine, receipt: str, secret: str) -> Any:
    """The consent whose receipt and secret both match, or None — same work either way."""
    digest = hashlib.sha256(secret.lower().encode("utf-8", "replace")).hexdigest()
    try:
        code = parse_receipt(receipt)
    except InvalidReceipt:
        return None
    with engine.connect() as conn:
        rows = conn.execute(db.consents.select().where(db.consents.c.receipt == code)).all()
    match = None
    for row in rows:  # two counters may, rarely, have drawn the same receipt code
        if hmac.compare_digest(row.receipt_secret_sha256, digest):
            match = row
    return match


def local_time(iso_utc: str, offset: timedelta) -> str:
    t = datetime.fromisoformat(iso_utc.replace("Z", "+00:00")).astimezone(timezone(offset))
    hours = int(offset.total_seconds() // 3600)
    zone = _ZONES.get(hours, f"UTC{hours:+d}")
    return f"{t.day} {MONTHS_ID[t.month - 1]} {t.year}, {t:%H.%M} {zone}"


UNKNOWN = "(tidak diketahui: hubungi kantor pusat)"
UNKNOWN_NOTICE = (
    "Teks pemberitahuan yang dibacakan untuk persetujuan ini tidak dikenal oleh "
    "kantor pusat. Hubungi kontak pelindungan data."
)


@dataclass(frozen=True)
class CampaignText:
    purpose: str
    controller: str
    contact: str
    retention_days: int | None
    notice: str
    sender: str


@dataclass(frozen=True)
class Context:
    consent: Any
    campaign: Campaign | None
    visit: Any

    @property
    def offset(self) -> timedelta:
        """The MPP's zone, read from the offset its counter wrote; WIB if unknown."""
        if self.visit is not None:
            off = datetime.fromisoformat(self.visit.device_time).utcoffset()
            if off is not None:
                return off
        return timedelta(hours=7)

    @property
    def service(self) -> tuple[str, str] | None:
        if self.visit is None:
            return None
        return _service_names().get(self.visit.service, (self.visit.agency, self.visit.service))

    @property
    def texts(self) -> CampaignText:
        """What the citizen reads comes from the central's own campaign row, never from the
        record a device sent: a counter must not choose the controller or the purpose a
        citizen is shown. The notice is shown only when the consent names its hash."""
        camp = self.campaign
        if camp is None:
            return CampaignText(UNKNOWN, UNKNOWN, UNKNOWN, None, UNKNOWN_NOTICE, "KPK")
        notice = camp.notice_id if camp.notice_hash == self.consent.notice_hash else UNKNOWN_NOTICE
        return CampaignText(
            camp.purpose_id,
            camp.controller,
            camp.controller_contact,
            camp.retention_days,
            notice,
            camp.official_sender_name,
        )

    @property
    def campaign_name(self) -> str:
        return self.campaign.name if self.campaign else self.consent.campaign_id

    @property
    def masked(self) -> str | None:
        c = self.consent
        return (
            None if c.purged_at is not None or not c.phone_last4 else f"08xx-xxxx-{c.phone_last4}"
        )


def context(engine: Engine, consent: Any) -> Context:
    with engine.connect() as conn:
        campaign = campaigns.load(conn, consent.campaign_id)
        visit = conn.execute(db.visits.select().where(db.visits.c.id == consent.visit_id)).first()
    return Context(consent, campaign, visit)


NOT_CONTACTED = "Anda tidak akan dihubungi untuk survei ini."
NEVER_ASKS = "Survei tidak pernah meminta uang, kata sandi, kode OTP, atau dokumen."


def _sender(camp: Campaign | None) -> str:
    """The official sender as the campaign names it (markup): never a badge colour,
    which is WhatsApp's to change."""
    if camp is None:
        return "akun WhatsApp resmi terverifikasi yang nama dan nomornya tercantum pada struk"
    return (
        f"akun {escape(camp.channel)} resmi terverifikasi "
        f"<strong>{escape(camp.official_sender_name)}</strong> "
        f'(<span class="nowrap">{escape(camp.official_sender_number)}</span>)'
    )


def receipt_page(ctx: Context, base: str) -> Page:
    c, t = ctx.consent, ctx.texts
    place = f"{c.mpp}, {c.counter}"
    if ctx.service is not None:
        place += f" — {ctx.service[1]} ({ctx.service[0]})"
    if c.withdrawn_at is not None:
        status_text = f"Persetujuan ditarik pada {local_time(c.withdrawn_at, ctx.offset)}"
        status_class, action = "withdrawn", ""
        # What was agreed to ("KPK akan mengirim…") no longer holds: say what now does.
        about = (
            f'<p id="outcome"><strong>{escape(NOT_CONTACTED)}</strong> Penarikan '
            "berlaku paling lambat 3×24 jam setelah ditarik.</p>"
            f'<p class="note" id="sender">Pesan yang mengaku dari survei ini tidak '
            f"perlu ditanggapi. {escape(NEVER_ASKS)}</p>"
        )
    else:
        status_text, status_class = "Persetujuan aktif", "active"
        action = (
            f'<a class="button" id="withdraw" href="{escape(base)}/withdraw">Tarik persetujuan</a>'
        )
        kept = (
            f"Data disimpan paling lama {int(t.retention_days)} hari setelah survei berakhir."
            if t.retention_days is not None
            else ""
        )
        about = (
            f'<p class="label">Tujuan</p><p id="purpose">{escape(t.purpose)}</p>'
            f'<p class="note" id="sender">Pesan survei resmi hanya datang dari '
            f"{_sender(ctx.campaign)}. {escape(NEVER_ASKS)} {kept}</p>"
        )
    return render(
        "Bukti Persetujuan Survei",
        "receipt.html",
        markup={"action": action, "about": about},
        status_text=status_text,
        status_class=status_class,
        campaign=ctx.campaign_name,
        receipt=c.receipt,
        date=local_time(c.at, ctx.offset),
        place=place,
        phone=ctx.masked or "Nomor sudah dihapus",
        controller=t.controller,
        contact=t.contact,
        notice=t.notice,
    )


# --- withdrawal ------------------------------------------------------------------------


def csrf_token(key: bytes, consent_id: str, now: float | None = None) -> str:
    ts = str(int(now if now is not None else time.time()))
    mac = hmac.new(key, f"withdraw:{consent_id}:{ts}".encode(), hashlib.sha256).hexdigest()
    return f"{ts}.{mac}"


def csrf_ok(key: bytes, consent_id: str, token: str | None) -> bool:
    if not token or "." not in token or len(token) > 100:
        return False
    ts, _, _ = token.partition(".")
    if not ts.isdigit() or not 0 <= time.time() - int(ts) <= TOKEN_MAX_AGE:
        return False
    return hmac.compare_digest(csrf_token(key, consent_id, int(ts)), token)


def confirm_page(ctx: Context, base: str, key: bytes) -> Page:
    return render(
        "Tarik persetujuan",
        "confirm.html",
        campaign=ctx.campaign_name,
        last4=ctx.consent.phone_last4 or "----",
        action=f"{base}/withdraw",
        back=base,
        csrf=csrf_token(key, ctx.consent.id),
    )


def withdraw(engine: Engine, consent: Any) -> None:
    """Record the web withdrawal as a withdrawal row too: provable, like the counter's."""
    at = db.iso(db.now())
    with engine.begin() as conn:
        if apply_withdrawal(conn, consent.id, None, at, "web"):
            conn.execute(
                db.withdrawals.insert().values(
                    id=str(uuid.uuid4()),
                    at=at,
                    via="web",
                    consent_id=consent.id,
                    receipt=consent.receipt,
                    received_at=at,
                    clock_offset_s=0,
                    skew_flagged=False,
                )
            )
