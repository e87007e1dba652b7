"""The hand-off page's texts and its error messages in Bahasa Indonesia (English second).

Errors keep their English message id (the CLI prints it); the console shows the
Indonesian of the same id, filled with the same arguments (``error_text``)."""

from __future__ import annotations

from ...domain.errors import MppError
from ..console import texts

TEXTS = {
    "nav_handoffs": ("Serah terima survei", "Survey hand-off"),
    "ho_title": ("Serah terima sampel survei", "Survey sample hand-off"),
    "ho_intro": (
        "Sampel acak berstrata dari nomor yang memberi persetujuan dan tidak menariknya. "
        "Konsol hanya menyiapkan undian; nomor dibuka oleh tim survei di komputernya "
        "sendiri dengan kunci privat kampanye.",
        "A stratified random sample of consented, not-withdrawn numbers. The console only "
        "prepares the draw; the survey team opens the numbers on its own machine with the "
        "campaign's private key.",
    ),
    "ho_campaign": ("Kampanye", "Campaign"),
    "ho_show": ("Tampilkan", "Show"),
    "ho_prepare_h": ("Siapkan undian", "Prepare a draw"),
    "ho_strata": ("Strata", "Strata"),
    "ho_dim_agency": ("instansi", "agency"),
    "ho_dim_mpp": ("MPP", "MPP"),
    "ho_dim_period": ("periode", "period"),
    "ho_period": ("Periode", "Period"),
    "ho_month": ("bulan", "month"),
    "ho_week": ("minggu (ISO)", "week (ISO)"),
    "ho_quota": ("Kuota per stratum", "Quota per stratum"),
    "ho_quota_file": (
        "Kuota khusus (CSV, opsional; baris pertama: nama strata dan quota)",
        "Quota exceptions (CSV, optional; first line: the strata's names and quota)",
    ),
    "ho_seed": ("Benih acak (heksadesimal, kosongkan untuk acak)", "Seed (hex, empty: random)"),
    "ho_k": (
        "Nomor mencurigakan: muncul dalam sekian persetujuan atau lebih",
        "Suspicious number: in this many consents or more",
    ),
    "ho_agreement": ("Perjanjian berbagi data", "Data-sharing agreement"),
    "ho_no_agreement": ("(tanpa perjanjian)", "(no agreement)"),
    "ho_recipient": ("Penerima", "Recipient"),
    "ho_preview": ("Lihat ukuran strata", "Show stratum sizes"),
    "ho_submit": ("Siapkan undian", "Prepare the draw"),
    "ho_read_only": (
        "Anda dapat melihat serah terima, tetapi hanya tim survei yang menyiapkannya.",
        "You may see the hand-offs; only the survey team prepares them.",
    ),
    "ho_sizes_h": ("Ukuran strata", "Stratum sizes"),
    "ho_sizes_then_h": ("Ukuran strata saat disiapkan", "Stratum sizes when prepared"),
    "ho_sizes_note": (
        "Kandidat sebelum dibuka: nomor ganda dan mencurigakan baru dikeluarkan saat dibuka.",
        "Candidates before opening: repeated and suspicious numbers are left out when opened.",
    ),
    "ho_stratum": ("Stratum", "Stratum"),
    "ho_available": ("Tersedia", "Available"),
    "ho_can_give": ("Dapat diberikan", "Can give"),
    "ho_drawn": ("Terambil", "Drawn"),
    "ho_short": ("kurang: diambil semua yang ada", "short: all there is is drawn"),
    "ho_none": ("Belum ada kandidat.", "No candidates yet."),
    "ho_list_h": ("Serah terima", "Hand-offs"),
    "ho_id": ("No.", "No."),
    "ho_version": ("Versi", "Version"),
    "ho_created": ("Dibuat (UTC)", "Created (UTC)"),
    "ho_by": ("Oleh", "By"),
    "ho_state": ("Status", "State"),
    "ho_state_prepared": ("disiapkan", "prepared"),
    "ho_state_opened": ("dibuka", "opened"),
    "ho_rows": ("Nomor", "Numbers"),
    "ho_list_empty": ("Belum ada serah terima.", "No hand-offs yet."),
    "ho_suppression_h": ("Daftar penghapusan", "Suppression list"),
    "ho_suppression_note": (
        "Setiap nomor yang sudah diserahkan lalu ditarik persetujuannya, sebagai ref "
        "(tanpa nomor): pengirim survei menghapusnya dalam 3×24 jam (UU PDP Pasal 40).",
        "Every handed-off consent withdrawn since, as refs (no number): the survey's "
        "sender deletes them within 3×24 hours (UU PDP Art. 40).",
    ),
    "ho_suppression_dl": ("Unduh daftar penghapusan (CSV)", "Download the suppression list (CSV)"),
    "ho_prepared": (
        "Serah terima {id} disiapkan: kampanye {campaign} versi {version}.",
        "Hand-off {id} prepared: campaign {campaign} version {version}.",
    ),
    "ho_detail_title": ("Serah terima {id}", "Hand-off {id}"),
    "ho_detail_h": ("Serah terima", "Hand-off"),
    "ho_open_cmd": (
        "Buka di komputer tim survei (kunci privat tidak pernah ke server):",
        "Open it on the survey team's machine (the private key never reaches the server):",
    ),
    "ho_skipped": ("Dikeluarkan saat dibuka", "Left out when opened"),
    "ho_skip_repeated": ("ganda (nomor sama di MPP lain)", "repeated (same number elsewhere)"),
    "ho_skip_suspicious": ("mencurigakan", "suspicious"),
    "ho_skip_earlier": ("sudah diserahkan sebelumnya", "handed off before"),
    "ho_skip_withdrawn": ("ditarik lewat nomor", "withdrawn by number"),
    "ho_skip_unreadable": ("tidak terbaca", "unreadable"),
    "ho_back": ("← Semua serah terima", "← All hand-offs"),
    "ho_no_campaign": ("Belum ada kampanye.", "No campaign yet."),
}

ERRORS = {
    "Strata must be one or more of agency, mpp, period, separated by commas "
    "(for example agency,mpp,period).": "Pilih satu atau lebih strata: instansi, MPP, periode.",
    "The period must be month or week.": "Periode harus bulan atau minggu.",
    "The quota must be a whole number from {low} to {high}.": (
        "Kuota harus bilangan bulat dari {low} sampai {high}."
    ),
    "The quota on line {n} of the quota file must be a whole number from {low} to {high}.": (
        "Kuota pada baris {n} berkas kuota harus bilangan bulat dari {low} sampai {high}."
    ),
    "The suspicious-number threshold must be a whole number from {low} to {high}.": (
        "Ambang nomor mencurigakan harus bilangan bulat dari {low} sampai {high}."
    ),
    "The agreement must be a whole number from {low} to {high}.": (
        "Perjanjian harus bilangan bulat dari {low} sampai {high}."
    ),
    "The quota file is larger than 1 MB.": "Berkas kuota lebih besar dari 1 MB.",
    "The quota file is not a UTF-8 CSV file.": "Berkas kuota bukan berkas CSV UTF-8.",
    "The quota file's first line must be: {header}": ("Baris pertama berkas kuota harus: {header}"),
    "Line {n} of the quota file does not fit its header.": (
        "Baris {n} berkas kuota tidak sesuai dengan baris judulnya."
    ),
    "Line {n} of the quota file repeats a stratum.": "Baris {n} berkas kuota mengulang stratum.",
    "The seed must be hexadecimal, an even number of 16 to 64 digits "
    "(leave it empty for a random one).": (
        "Benih harus heksadesimal, 16 sampai 64 digit dengan jumlah genap "
        "(kosongkan untuk benih acak)."
    ),
    "The recipient must be at most 200 characters on one line.": (
        "Penerima paling banyak 200 karakter dalam satu baris."
    ),
    "Give a quota per stratum (and/or a quota file).": (
        "Isi kuota per stratum (dan/atau kuota khusus)."
    ),
    "There is no campaign {id}.": "Kampanye {id} tidak ada.",
    "Campaign {id} was purged: it has no numbers left.": (
        "Kampanye {id} sudah dimusnahkan: tidak ada nomor lagi."
    ),
    "Another hand-off of campaign {id} was prepared at the same moment: try again.": (
        "Serah terima lain untuk kampanye {id} disiapkan pada saat yang sama: coba lagi."
    ),
    "There is no data-sharing agreement {id}: see 'mpp-central agreement list', "
    "or enter it first with 'mpp-central agreement add'.": (
        "Perjanjian berbagi data {id} tidak ada: catat perjanjiannya terlebih dahulu."
    ),
}

texts.register(TEXTS)
texts.register({"ho_err:" + k: (v, k) for k, v in ERRORS.items()})


def error_text(lang: str, exc: MppError) -> str:
    """The error in the viewer's language; an id without a translation shows in English."""
    key = "ho_err:" + exc.msgid
    if key not in texts.catalogue():
        return exc.message
    return texts.t(lang, key, **exc.args_map)
