"""Decrypt every SQLCipher 4 page of a store file (and its WAL) to scan the raw plaintext.

``sqlcipher_export`` copies rows, so it could never show the bytes a deleted row left in
a page's free space; this reads the pages themselves, free space and all. SQLCipher 4
defaults: 4096-byte pages, AES-256-CBC with the raw key, each page ending in a 16-byte
IV and a 64-byte HMAC-SHA512; page 1 starts with the 16-byte salt, left unencrypted.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
IV, HMAC = 16, 64
RESERVE = IV + HMAC
SALT = 16
WAL_HEADER, FRAME_HEADER = 32, 24


def decrypt_page(key: bytes, page: bytes, number: int) -> bytes:
    start = SALT if number == 1 else 0
    iv = page[PAGE - RESERVE : PAGE - HMAC]
    dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return dec.update(page[start : PAGE - RESERVE]) + dec.finalize()


def plaintext_pages(key: bytes, db_file: Path) -> list[bytes]:
    """Every page of the database file and every frame of its WAL, decrypted."""
    out: list[bytes] = []
    raw = db_file.read_bytes()
    for i in range(0, len(raw) - PAGE + 1, PAGE):
        out.append(decrypt_page(key, raw[i : i + PAGE], i // PAGE + 1))
    wal = db_file.with_name(db_file.name + "-wal")
    if wal.exists():
        data = wal.read_bytes()
        pos = WAL_HEADER
        while pos + FRAME_HEADER + PAGE <= len(data):
            number = int.from_bytes(data[pos : pos + 4], "big")
            frame = data[pos + FRAME_HEADER : pos + FRAME_HEADER + PAGE]
            out.append(decrypt_page(key, frame, number))
            pos += FRAME_HEADER + PAGE
    return out


def first_page_is_sqlite(key: bytes, db_file: Path) -> bool:
    """The decryption is right: page 1's header says 4096-byte pages, 80 bytes reserved."""
    page = plaintext_pages(key, db_file)[0]
    # plaintext offsets 16..: page size (2 bytes), versions, reserved-space byte at 20
    return page[0:2] == PAGE.to_bytes(2, "big") and page[4] == RESERVE
