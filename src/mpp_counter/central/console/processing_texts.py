"""The words of the record-of-processing page, Bahasa Indonesia first; the actions'
names; and each refusal processing.py can raise, in the viewer's language."""

from __future__ import annotations

from ...domain.errors import MppError
from .. import processing
from . import texts

ACTION_TEXTS = {
    processing.EXPORT: ("Ekspor nomor (serah terima)", "Number export (hand-off)"),
    processing.EXPORT_AGGREGATE: ("Ekspor agregat (tanpa nomor)", "Aggregate export (no number)"),
    processing.PURGE: ("Penghapusan nomor", "Number purge"),
    processing.CAMPAIGN_CREATE: ("Kampanye dibuat", "Campaign created"),
    processing.CAMPAIGN_CLOSE: ("Kampanye ditutup", "Campaign closed"),
    processing.CAMPAIGN_ERASE_KEY: ("Kunci privat dimusnahkan", "Private key erased"),
    processing.AGREEMENT_ADD: ("Perjanjian dicatat", "Agreement entered"),
    "handoff-prepare": ("Serah terima disiapkan", "Hand-off prepared"),
    "handoff-open": ("Serah terima dibuka", "Hand-off opened"),
    "handoff-suppression": ("Daftar penarikan diserahkan", "Suppression list handed over"),
}

TEXTS = {
    "nav_processing": ("Catatan pemrosesan", "Record of processing"),
    "proc_title": ("Catatan pemrosesan data pribadi", "Record of processing"),
    "proc_intro": (
        "Setiap serah terima, penghapusan, dan perubahan kampanye: siapa, kapan, apa, "
        "berapa banyak, kepada siapa, dan berdasarkan perjanjian mana (UU PDP Pasal 31).",
        "Every hand-off, purge and campaign change: who, when, what, how many, to whom "
        "and under which agreement (UU PDP Article 31).",
    ),
    "proc_intro_survey": (
        "Anda melihat serah terima saja.",
        "You see the hand-offs only.",
    ),
    "proc_at": ("Waktu (UTC)", "Time (UTC)"),
    "proc_actor": ("Oleh", "By"),
    "proc_action": ("Tindakan", "Action"),
    "proc_campaign": ("Kampanye", "Campaign"),
    "proc_count": ("Jumlah", "Count"),
    "proc_recipient": ("Kepada", "To"),
    "proc_agreement": ("Perjanjian", "Agreement"),
    "proc_detail": ("Rincian", "Detail"),
    "proc_empty": ("Tidak ada catatan yang cocok.", "No matching entries."),
    "proc_more": (
        "Hanya 500 catatan terbaru yang ditampilkan; unduh CSV untuk semuanya.",
        "Only the newest 500 entries are shown; download the CSV for all of them.",
    ),
    "proc_filter": ("Saring", "Filter"),
    "proc_all": ("semua", "all"),
    "proc_since": ("Dari tanggal (UTC, TTTT-BB-HH)", "From (UTC, YYYY-MM-DD)"),
    "proc_until": ("Sampai tanggal (UTC, TTTT-BB-HH)", "Until (UTC, YYYY-MM-DD)"),
    "proc_csv": ("Unduh CSV", "Download CSV"),
    "proc_err_range": (
        "Tanggal awal jatuh setelah tanggal akhir; penyaring tanggal tidak dipakai.",
        "The start date is after the end date; the date filter is not applied.",
    ),
    "agr_title": ("Perjanjian berbagi data", "Data-sharing agreements"),
    "agr_id": ("No.", "No."),
    "agr_parties": ("Para pihak", "Parties"),
    "agr_signed_on": ("Tanggal ditandatangani", "Signed on"),
    "agr_purpose": ("Tujuan", "Purpose"),
    "agr_reference": ("Nomor/rujukan", "Reference"),
    "agr_created": ("Dicatat oleh", "Entered by"),
    "agr_empty": ("Belum ada perjanjian.", "No agreements yet."),
    "agr_add": ("Catat perjanjian", "Enter an agreement"),
    "agr_signed_on_field": (
        "Tanggal ditandatangani (TTTT-BB-HH)",
        "Signed on (YYYY-MM-DD)",
    ),
    "agr_added": ("Perjanjian {id} dicatat.", "Agreement {id} entered."),
    "what_parties": ("para pihak", "parties"),
    "what_purpose": ("tujuan", "purpose"),
    "what_reference": ("nomor/rujukan", "reference"),
    "what_signing date": ("tanggal ditandatangani", "signing date"),
    "what_start date": ("tanggal awal", "start date"),
    "what_end date": ("tanggal akhir", "end date"),
    "what_actor": ("nama pengguna", "user name"),
    "proc_err_empty": (
        "Isian {what} kosong: isi dulu. Tidak ada yang diubah.",
        "The {what} field is empty: fill it in. Nothing was changed.",
    ),
    "proc_err_long": (
        "Isian {what} terlalu panjang: paling banyak {limit} karakter. Tidak ada yang diubah.",
        "The {what} field is too long: at most {limit} characters. Nothing was changed.",
    ),
    "proc_err_control": (
        "Isian {what} berisi karakter kendali. Tidak ada yang diubah.",
        "The {what} field contains control characters. Nothing was changed.",
    ),
    "proc_err_date": (
        "Isian {what} bukan tanggal: tulis sebagai TTTT-BB-HH, misalnya 2026-03-01.",
        "The {what} is not a date: write it as YYYY-MM-DD, for example 2026-03-01.",
    ),
    "proc_err_future": (
        "Tanggal ditandatangani {d} belum tiba. Tidak ada yang diubah.",
        "The signing date {d} is in the future. Nothing was changed.",
    ),
    "proc_err_past": (
        "Tanggal ditandatangani {d} terlalu jauh di masa lalu. Tidak ada yang diubah.",
        "The signing date {d} is too far in the past. Nothing was changed.",
    ),
    **{"act_" + k: v for k, v in ACTION_TEXTS.items()},
}

ERRORS = {
    "The {what} is empty: fill it in.": "proc_err_empty",
    "The {what} is too long: at most {limit} characters.": "proc_err_long",
    "The {what} contains control characters.": "proc_err_control",
    "The {what} is not a date: write it as YYYY-MM-DD, for example 2026-03-01.": "proc_err_date",
    "The signing date {d} is in the future.": "proc_err_future",
    "The signing date {d} is too far in the past.": "proc_err_past",
}


def action_key(action: str) -> str | None:
    """The catalogue key naming ``action``, or None (shown as it is stored)."""
    return "act_" + action if action in ACTION_TEXTS else None


def error_text(lang: str, exc: MppError) -> str:
    key = ERRORS.get(exc.msgid)
    if key is None:
        return exc.message
    fmt = dict(exc.args_map)
    if "what" in fmt:
        fmt["what"] = texts.t(lang, f"what_{fmt['what']}")
    return texts.t(lang, key, **fmt)
