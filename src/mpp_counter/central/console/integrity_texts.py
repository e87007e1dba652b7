"""Visible texts of the integrity pages: Bahasa Indonesia first, English second.

The ``iq_bad_*`` keys are the console's wording of integrity/report.py's and rows.py's
``BadQuery`` errors (their English is the CLI's message); ``{name}``-style fields are
filled from the error.
"""

from __future__ import annotations

TEXTS = {
    "nav_integrity": ("Integritas sampel", "Sample integrity"),
    "iq_title": ("Integritas sampel", "Sampling integrity"),
    "iq_intro": (
        "Bukti bahwa responden tidak dipilih: berapa pengunjung yang ditanya dan setuju, "
        "per MPP, instansi, loket dan petugas, dibandingkan dengan loket lain untuk layanan "
        "yang sama.",
        "Proof that respondents were not hand-picked: how many visitors were asked and "
        "agreed, per MPP, agency, counter and clerk, against other counters for the same "
        "service.",
    ),
    "iq_filters": ("Saring", "Filter"),
    "iq_mpp": ("MPP", "MPP"),
    "iq_all_mpps": ("semua MPP", "every MPP"),
    "iq_from": ("Dari tanggal", "From"),
    "iq_to": ("Sampai tanggal", "To"),
    "iq_apply": ("Tampilkan", "Show"),
    "iq_csv": ("Unduh laporan (CSV)", "Download the report (CSV)"),
    "iq_flags": ("Tanda", "Flags"),
    "iq_no_flags": (
        "Tidak ada tanda: tidak ada loket atau petugas yang jauh berbeda dari rekan-rekannya.",
        "No flags: no counter or clerk is far from its peers.",
    ),
    "iq_flags_note": (
        "Pembanding dihitung dari semua MPP dan diperbarui paling lama setiap {s} detik. "
        "Loket dengan kunjungan terlalu sedikit tidak dinilai.",
        "Peers are computed over every MPP and refreshed at most every {s} seconds. "
        "Counters with too few visits are not judged.",
    ),
    "iq_see_rows": ("Lihat kunjungannya", "See its visits"),
    "iq_kind_asked_low": ("Jarang bertanya", "Rarely asks"),
    "iq_kind_consent_high": ("Persetujuan sangat tinggi", "Consent far above peers"),
    "iq_kind_only_consents": ("Hanya mencatat persetujuan", "Records only consents"),
    "iq_kind_closing_bunch": ("Persetujuan menumpuk saat tutup", "Consents bunched at closing"),
    "iq_kind_clerk_stopped": ("Petugas berhenti mencatat", "Clerk stopped recording"),
    "iq_by_mpp": ("Per MPP", "Per MPP"),
    "iq_by_agency": ("Per instansi", "Per agency"),
    "iq_by_counter": ("Per loket", "Per counter"),
    "iq_by_clerk": ("Per petugas", "Per clerk"),
    "iq_by_day": ("Per hari", "Per day"),
    "iq_col_mpp": ("MPP", "MPP"),
    "iq_col_agency": ("Instansi", "Agency"),
    "iq_col_counter": ("Loket", "Counter"),
    "iq_col_clerk": ("Petugas", "Clerk"),
    "iq_col_day": ("Tanggal", "Date"),
    "iq_col_visits": ("Kunjungan", "Visits"),
    "iq_col_asked_rate": ("Ditanya", "Asked"),
    "iq_col_consent_rate": ("Setuju (dari yang ditanya)", "Agreed (of asked)"),
    "iq_col_declined": ("Menolak", "Declined"),
    "iq_col_not_asked": ("Tidak ditanya", "Not asked"),
    "iq_reason_no_phone": ("tidak punya ponsel", "no phone"),
    "iq_reason_minor": ("di bawah umur", "minor"),
    "iq_reason_representative": ("perwakilan", "representative"),
    "iq_reason_language": ("bahasa", "language"),
    "iq_reason_other": ("lainnya", "other"),
    "iq_no_data": ("Belum ada kunjungan pada rentang ini.", "No visits in this range yet."),
    "iq_chart_rates": (
        "Tingkat bertanya dan setuju per loket dan layanan; garis hitam: median loket lain "
        "untuk layanan yang sama",
        "Asked and consent rate per counter and service; black tick: the median of other "
        "counters for the same service",
    ),
    "iq_chart_asked": ("ditanya", "asked"),
    "iq_chart_consent": ("setuju", "agreed"),
    "iq_chart_hours": (
        "Kunjungan (terang) dan persetujuan (gelap) per jam",
        "Visits (light) and consents (dark) per hour of the day",
    ),
    "iq_choose_mpp": (
        "Pilih satu MPP untuk melihat instansi, loket, petugas, hari dan grafiknya.",
        "Choose one MPP to see its agencies, counters, clerks, days and charts.",
    ),
    "iq_rows_title": ("Kunjungan di balik tanda", "The visits behind a flag"),
    "iq_rows_note": (
        "Kunjungan yang dibatalkan tidak ditampilkan. Nomor ponsel tidak pernah ditampilkan.",
        "Voided visits are left out. Phone numbers are never shown.",
    ),
    "iq_col_time": ("Jam (waktu loket)", "Time (counter's clock)"),
    "iq_col_service": ("Layanan", "Service"),
    "iq_col_outcome": ("Hasil", "Outcome"),
    "iq_col_reason": ("Alasan tidak ditanya", "Why not asked"),
    "iq_col_visit": ("Kunjungan", "Visit"),
    "iq_outcome_agreed": ("setuju", "agreed"),
    "iq_outcome_declined": ("menolak", "declined"),
    "iq_outcome_not_asked": ("tidak ditanya", "not asked"),
    "iq_next": ("Halaman berikutnya →", "Next page →"),
    "iq_first": ("← Halaman pertama", "← First page"),
    "iq_back": ("← Kembali ke laporan", "← Back to the report"),
    "iq_no_rows": ("Tidak ada kunjungan yang cocok.", "No matching visits."),
    "iq_title_bad": ("Permintaan tidak dapat dipakai", "The request cannot be used"),
    "iq_bad_date": (
        "'{name}' harus berupa tanggal dengan format TTTT-BB-HH, misalnya 2026-03-02.",
        "'{name}' must be a date written YYYY-MM-DD, for example 2026-03-02.",
    ),
    "iq_bad_mpp": (
        "Kode MPP tidak sah (huruf, angka, - _ . paling banyak 32).",
        "The MPP code is not valid (letters, digits, - _ . up to 32).",
    ),
    "iq_dates_reversed": (
        "Tanggal awal jatuh sesudah tanggal akhir.",
        "The start date comes after the end date.",
    ),
    "iq_too_long": (
        "Satu laporan paling panjang {n} hari.",
        "A report spans at most {n} days.",
    ),
    "iq_unknown_mpp": (
        "Belum ada kunjungan yang diterima dari MPP {mpp}.",
        "No visits were received from MPP {mpp}.",
    ),
    "iq_bad_text": (
        "'{name}' tidak sah (paling banyak 64 karakter).",
        "'{name}' is not valid (at most 64 characters).",
    ),
    "iq_bad_number": (
        "'{name}' harus bilangan bulat dari {lo} sampai {hi}.",
        "'{name}' must be a whole number from {lo} to {hi}.",
    ),
    "iq_need_mpp": (
        "Sebutkan MPP yang kunjungannya ingin dilihat (mpp=…).",
        "Name the MPP whose visits to list (mpp=…).",
    ),
    "iq_bad_outcome": (
        "'outcome' harus agreed, declined atau not_asked.",
        "'outcome' must be agreed, declined or not_asked.",
    ),
    "iq_bad_after": (
        "Tautan halaman ini tidak sah: buka daftarnya lagi dari awal.",
        "The page link is not valid: open the list again from its start.",
    ),
}
