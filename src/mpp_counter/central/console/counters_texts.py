"""The counters page's texts (Indonesian, English)."""

TEXTS = {
    "nav_counters": ("Loket", "Counters"),
    "counters_title": ("Perangkat loket", "Counter devices"),
    "counters_count": ("{n} perangkat terdaftar.", "{n} devices enrolled."),
    "counters_silent_summary": (
        "{n} perangkat tidak mengirim data lebih dari satu hari kerja.",
        "{n} devices have sent nothing for more than a working day.",
    ),
    "counters_none_silent": (
        "Semua perangkat aktif mengirim data dalam satu hari kerja terakhir.",
        "Every active device has sent data within the last working day.",
    ),
    "counters_show_silent": ("Tampilkan hanya yang diam", "Show silent ones only"),
    "counters_show_all": ("Tampilkan semua", "Show all"),
    "counters_filter_mpp": ("MPP", "MPP"),
    "counters_all_mpps": ("Semua MPP", "Every MPP"),
    "counters_filter": ("Saring", "Filter"),
    "col_mpp": ("MPP", "MPP"),
    "col_counter": ("Loket", "Counter"),
    "col_version": ("Versi aplikasi", "App version"),
    "col_last_seen": ("Terakhir terlihat", "Last seen"),
    "col_last_batch": ("Kiriman terakhir", "Last batch"),
    "col_backlog": ("Antrean di perangkat", "Backlog on device"),
    "col_skew": ("Selisih jam", "Clock skew"),
    "col_unreadable": ("Nomor tak terbaca", "Unreadable numbers"),
    "col_state": ("Status", "State"),
    "state_active": ("aktif", "active"),
    "state_revoked": ("dicabut {at}", "revoked {at}"),
    "state_silent": (
        "Diam lebih dari satu hari kerja: periksa perangkat dan jaringannya.",
        "Silent for more than a working day: check the device and its network.",
    ),
    "skew_far": ("jam perangkat salah", "device clock wrong"),
    "unreadable_note": (
        "tersegel ke kunci lain: tim survei tidak dapat membukanya",
        "sealed to another key: the survey cannot open them",
    ),
    "unknown": ("tidak diketahui", "unknown"),
    "revoke": ("Cabut…", "Revoke…"),
    "counters_revoked_done": ("Perangkat sudah dicabut.", "The device has been revoked."),
    "counters_empty": ("Belum ada perangkat.", "No devices yet."),
    "page_next": ("Berikutnya →", "Next →"),
    "page_prev": ("← Sebelumnya", "← Previous"),
    "code_section": ("Kode pendaftaran baru", "New enrolment code"),
    "code_intro": (
        "Kode sekali pakai untuk mendaftarkan satu loket. Bacakan atau tunjukkan kepada "
        "petugas di loket itu.",
        "A one-time code to enrol one counter. Read or show it to the clerk at that counter.",
    ),
    "code_days": ("Berlaku (hari)", "Valid for (days)"),
    "code_issue": ("Buat kode", "Make code"),
    "code_title": ("Kode pendaftaran", "Enrolment code"),
    "code_for": (
        "Untuk {mpp} / {counter}, berlaku {days} hari. Kode hanya ditampilkan sekarang.",
        "For {mpp} / {counter}, valid {days} days. The code is shown only now.",
    ),
    "code_bad_input": (
        "Isi MPP (paling banyak 32 karakter), nama loket (paling banyak 64 karakter) dan "
        "masa berlaku 1–365 hari. Tidak ada kode yang dibuat.",
        "Fill in the MPP (at most 32 characters), the counter name (at most 64 "
        "characters) and a validity of 1–365 days. No code was made.",
    ),
    "code_back": ("Kembali ke daftar loket", "Back to the counters"),
    "revoke_title": ("Cabut perangkat", "Revoke device"),
    "revoke_question": (
        "Cabut perangkat {mpp} / {counter}? Perangkat ini tidak akan bisa mengirim data lagi "
        "sampai didaftarkan ulang dengan kode baru. Data yang belum terkirim tetap di perangkat.",
        "Revoke device {mpp} / {counter}? It will not be able to send data again until it "
        "is enrolled anew with a new code. Data not yet sent stays on the device.",
    ),
    "revoke_already": ("Perangkat ini sudah dicabut.", "This device is already revoked."),
    "revoke_confirm": ("Ya, cabut perangkat ini", "Yes, revoke this device"),
    "cancel": ("Batal", "Cancel"),
}
