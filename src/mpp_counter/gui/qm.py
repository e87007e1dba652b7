"""A small compiler from Qt Linguist ``.ts`` to the binary ``.qm`` that QTranslator loads.

Why our own: the ``.qm`` files must come out of every build (wheel, sdist install, CI,
the frozen installer) without asking for a 100 MB PySide6 *build* dependency or for
``lrelease`` on PATH. The format is small and stable (Qt's ``translator.cpp``: a magic,
then tagged blocks: a hash table of (elfHash(source+comment), offset) pairs sorted by hash,
and the messages, each a run of tagged fields). It imports nothing of Qt, so ``setup.py``
can load this file by path; the tests check that QTranslator reads what it writes and
agrees with ``pyside6-lrelease`` on every message.

Only what this project uses is supported: plain (non-plural) messages; unfinished,
obsolete and empty translations are left out, as ``lrelease`` does by default.
"""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

MAGIC = bytes(
    [0x3C, 0xB8, 0x64, 0x18, 0xCA, 0xEF, 0x9C, 0x95, 0xCD, 0x21, 0x1C, 0xBF, 0x60, 0xA1, 0xBD, 0xDD]
)
TAG_HASHES, TAG_MESSAGES, TAG_LANGUAGE = 0x42, 0x69, 0xA7
T_END, T_TRANSLATION, T_SOURCE, T_CONTEXT, T_COMMENT = 1, 3, 6, 7, 8


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str
    translation: str


def elf_hash(data: bytes) -> int:
    h = 0
    for b in data:
        h = ((h << 4) + b) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h or 1


def read_ts(text: str | bytes) -> tuple[str, list[Message]]:
    """(language, finished messages) of a .ts document."""
    root = ET.fromstring(text)
    out: list[Message] = []
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            if msg.get("numerus") == "yes" or not (tr.text or ""):
                continue
            out.append(
                Message(
                    name, msg.findtext("source") or "", msg.findtext("comment") or "", tr.text or ""
                )
            )
    return root.get("language") or "", out


def _field(tag: int, data: bytes) -> bytes:
    return bytes([tag]) + struct.pack(">I", len(data)) + data


def _block(tag: int, data: bytes) -> bytes:
    return bytes([tag]) + struct.pack(">I", len(data)) + data


def compile_messages(language: str, messages: list[Message]) -> bytes:
    body = bytearray()
    index: list[tuple[int, int]] = []
    for m in messages:
        index.append((elf_hash((m.source + m.comment).encode("utf-8")), len(body)))
        body += _field(T_TRANSLATION, m.translation.encode("utf-16-be"))
        body += _field(T_SOURCE, m.source.encode("utf-8"))
        body += _field(T_COMMENT, m.comment.encode("utf-8"))
        body += _field(T_CONTEXT, m.context.encode("utf-8"))
        body += bytes([T_END])
    hashes = b"".join(struct.pack(">II", h, o) for h, o in sorted(index))
    out = MAGIC + _block(TAG_HASHES, hashes) + _block(TAG_MESSAGES, bytes(body))
    if language:
        out += _block(TAG_LANGUAGE, language.encode("utf-8"))
    return out


def compile_ts(text: str | bytes) -> bytes:
    """The .qm bytes for a .ts document."""
    language, messages = read_ts(text)
    return compile_messages(language, messages)


def compile_dir(src: Path, dest: Path) -> list[Path]:
    """Compile every ``*.ts`` in ``src`` to ``dest/<same name>.qm`` (used by setup.py)."""
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for ts in sorted(src.glob("*.ts")):
        qm = dest / (ts.stem + ".qm")
        qm.write_bytes(compile_ts(ts.read_bytes()))
        written.append(qm)
    return written
