"""The words of the campaigns page, Bahasa Indonesia first, and its refusals: each
English message campaigns.py can raise, keyed to its catalogued translation."""

from __future__ import annotations

KEY_CHANGED = "The public key changed after it was checked: check it again."

ERRORS = {
    "A campaign needs an id (at most 64 characters) and a name (at most 200).": "camp_err_id",
    "A campaign id may hold only letters, digits, '.', '_' and '-' (for example SPI-2027).": (
        "camp_err_id_chars"
    ),
    "The public key is not valid: paste the 44-character line 'public key: ...' that "
    "'mpp-central campaign keygen' printed.": "camp_err_key",
    "The public address must be an https:// address of this central.": "camp_err_url",
    "A campaign name must be one line of printable text.": "camp_err_name",
    "Campaign {id} already exists.": "camp_err_exists",
    "This public key is already campaign {other}'s: make a new key pair for each "
    "campaign.": "camp_err_key_used",
    "There is no campaign {id}.": "camp_err_none",
    "Campaign {id} is already closed.": "camp_err_closed",
    KEY_CHANGED: "camp_err_key_changed",
}

TEXTS = {
    "nav_campaigns": ("Kampanye", "Campaigns"),
    "camp_title": ("Kampanye survei", "Survey campaigns"),
    "camp_detail_title": ("Kampanye survei", "Survey campaign"),
    "camp_id": ("Kode kampanye", "Campaign id"),
    "camp_name": ("Nama", "Name"),
    "camp_status": ("Status", "Status"),
    "camp_status_open": ("terbuka", "open"),
    "camp_status_closed": ("ditutup", "closed"),
    "camp_status_purged": ("nomor sudah dihapus", "numbers purged"),
    "camp_created": ("Dibuat (UTC)", "Created (UTC)"),
    "camp_closed_at": ("Ditutup (UTC)", "Closed (UTC)"),
    "camp_purged_at": ("Nomor dihapus (UTC)", "Numbers purged (UTC)"),
    "camp_key_erased": ("Kunci privat dimusnahkan (UTC)", "Private key erased (UTC)"),
    "camp_fingerprint": ("Sidik jari kunci publik (SHA-256)", "Public key fingerprint (SHA-256)"),
    "camp_sender": ("Pengirim resmi", "Official sender"),
    "camp_channel": ("Saluran", "Channel"),
    "camp_retention": ("Masa simpan", "Retention"),
    "camp_retention_days": (
        "{days} hari setelah kampanye ditutup",
        "{days} days after the campaign closes",
    ),
    "camp_controller": ("Pengendali data", "Controller"),
    "camp_verify_url": ("Alamat publik untuk QR struk", "Public address for the slip QR"),
    "camp_none": ("tidak ada", "none"),
    "camp_notices": ("Versi pemberitahuan", "Notice versions"),
    "camp_notice_version": ("Versi", "Version"),
    "camp_notice_hash": ("Hash (SHA-256)", "Hash (SHA-256)"),
    "camp_notice_consents": ("Persetujuan yang mengutipnya", "Consents citing it"),
    "camp_notice_current": ("berlaku", "current"),
    "camp_notice_old": ("versi lama", "older version"),
    "camp_script": ("Naskah yang dibacakan petugas", "Script the clerk reads aloud"),
    "camp_notice_text": ("Teks pemberitahuan", "Notice text"),
    "camp_notice_page": ("Halaman pemberitahuan lengkap", "Full notice page"),
    "camp_empty": ("Belum ada kampanye.", "No campaigns yet."),
    "camp_open_detail": ("Rincian", "Details"),
    "camp_new": ("Kampanye baru", "New campaign"),
    "camp_new_intro": (
        "Tim survei membuat pasangan kunci di komputernya sendiri dengan perintah "
        "mpp-central campaign keygen -o FILE. Kunci privat tetap di komputer itu; tempelkan "
        "di sini hanya kunci publik yang dicetaknya.",
        "The survey team makes the key pair on its own machine with mpp-central campaign "
        "keygen -o FILE. The private key stays on that machine; paste here only the public "
        "key it printed.",
    ),
    "camp_public_key": (
        "Kunci publik (base64, 44 karakter)",
        "Public key (base64, 44 characters)",
    ),
    "camp_verify_url_field": (
        "Alamat https publik pusat ini untuk QR struk (boleh kosong)",
        "This central's public https address for the slip QR (optional)",
    ),
    "camp_check": ("Periksa", "Check"),
    "camp_confirm_title": ("Periksa sidik jari kunci", "Check the key's fingerprint"),
    "camp_confirm_intro": (
        "Bandingkan sidik jari ini dengan yang dicetak keygen di komputer tim survei. "
        "Buat kampanye hanya bila keduanya sama persis.",
        "Compare this fingerprint with the one keygen printed on the survey team's "
        "machine. Create the campaign only if the two are exactly the same.",
    ),
    "camp_create": ("Buat kampanye", "Create campaign"),
    "camp_back": ("Kembali", "Back"),
    "camp_created_ok": (
        "Kampanye dibuat. Loket yang mendaftar mulai sekarang menerima kampanye ini.",
        "Campaign created. Counters enrolling from now on receive this campaign.",
    ),
    "camp_close": ("Tutup kampanye", "Close campaign"),
    "camp_close_intro": (
        "Pendaftaran loket tidak lagi membagikan kampanye ini. Setelah masa simpannya "
        "berakhir, nomor-nomornya dihapus dengan mpp-central purge. Penutupan tidak dapat "
        "dibatalkan.",
        "Enrolment no longer hands this campaign out. Once its retention has passed, its "
        "numbers are deleted by mpp-central purge. Closing cannot be undone.",
    ),
    "camp_close_confirm": ("Ya, tutup kampanye ini", "Yes, close this campaign"),
    "camp_closed_ok": ("Kampanye ditutup.", "Campaign closed."),
    "camp_err_id": (
        "Kampanye perlu kode (paling banyak 64 karakter) dan nama (paling banyak 200 "
        "karakter). Tidak ada yang diubah.",
        "A campaign needs an id (at most 64 characters) and a name (at most 200). "
        "Nothing was changed.",
    ),
    "camp_err_id_chars": (
        "Kode kampanye hanya boleh berisi huruf, angka, '.', '_' dan '-' (misalnya "
        "SPI-2027). Tidak ada yang diubah.",
        "A campaign id may hold only letters, digits, '.', '_' and '-' (for example "
        "SPI-2027). Nothing was changed.",
    ),
    "camp_err_name": (
        "Nama kampanye harus satu baris teks yang dapat dicetak. Tidak ada yang diubah.",
        "A campaign name must be one line of printable text. Nothing was changed.",
    ),
    "camp_err_key": (
        "Kunci publik tidak sah: tempelkan baris 44 karakter setelah 'public key:' yang "
        "dicetak mpp-central campaign keygen. Tidak ada yang diubah.",
        "The public key is not valid: paste the 44 characters after 'public key:' that "
        "mpp-central campaign keygen printed. Nothing was changed.",
    ),
    "camp_err_url": (
        "Alamat publik harus alamat https:// pusat ini. Tidak ada yang diubah.",
        "The public address must be an https:// address of this central. Nothing was changed.",
    ),
    "camp_err_exists": (
        "Kampanye {id} sudah ada. Tidak ada yang diubah.",
        "Campaign {id} already exists. Nothing was changed.",
    ),
    "camp_err_key_used": (
        "Kunci publik ini sudah dipakai kampanye {other}: buat pasangan kunci baru untuk "
        "setiap kampanye.",
        "This public key is already campaign {other}'s: make a new key pair for each campaign.",
    ),
    "camp_err_none": ("Kampanye {id} tidak ada.", "There is no campaign {id}."),
    "camp_err_closed": (
        "Kampanye {id} sudah ditutup.",
        "Campaign {id} is already closed.",
    ),
    "camp_err_key_changed": (
        "Kunci publik berubah setelah diperiksa: periksa lagi. Tidak ada yang diubah.",
        "The public key changed after it was checked: check it again. Nothing was changed.",
    ),
}
