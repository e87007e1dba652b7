"""What a hand-off is asked for, checked before anything is stored.

Strata are any of agency, MPP and period (the month or ISO week of the visit's local
date); a quota is asked per stratum (one for all, and/or a CSV of exceptions); the seed
is hex, 64 to 256 bits, so the same draw can be made again from the record. Each
parser refuses garbage with a message that says what a good value looks like.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ...domain.errors import BadInput

DIMENSIONS = ("agency", "mpp", "period")
PERIODS = ("month", "week")
MAX_QUOTA = 1_000_000
MAX_QUOTA_FILE = 1_000_000  # bytes
K_DEFAULT, K_MIN, K_MAX = 3, 2, 1000
_HEX = re.compile(r"[0-9a-f]{16,64}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

Stratum = tuple[str, ...]


class HandoffInput(BadInput):
    """A hand-off parameter that cannot be used; nothing was stored."""


@dataclass(frozen=True)
class Strata:
    by: tuple[str, ...]
    period: str = "month"

    def key(self, agency: str, mpp: str, local_date: str) -> Stratum:
        values = {"agency": agency, "mpp": mpp, "period": period_of(local_date, self.period)}
        return tuple(values[d] for d in self.by)

    def to_json(self) -> str:
        return json.dumps({"by": list(self.by), "period": self.period})

    @staticmethod
    def from_json(text: str) -> Strata:
        d = json.loads(text)
        return Strata(tuple(d["by"]), d["period"])


@dataclass(frozen=True)
class Quotas:
    default: int  # for every stratum the file does not name (0: none drawn)
    per: tuple[tuple[Stratum, int], ...] = ()

    def of(self, stratum: Stratum) -> int:
        return dict(self.per).get(stratum, self.default)

    def to_json(self) -> str:
        return json.dumps({"default": self.default, "per": [[list(s), n] for s, n in self.per]})

    @staticmethod
    def from_json(text: str) -> Quotas:
        d = json.loads(text)
        return Quotas(int(d["default"]), tuple((tuple(s), int(n)) for s, n in d["per"]))


@dataclass(frozen=True)
class DrawSpec:
    campaign_id: str
    strata: Strata
    quotas: Quotas
    seed: str  # lowercase hex
    suspicious_k: int = K_DEFAULT
    agreement_id: int | None = None
    recipient: str = ""


def period_of(local_date: str, period: str) -> str:
    """``2026-03-02`` → ``2026-03`` (month) or ``2026-W10`` (ISO week)."""
    if period == "month":
        return local_date[:7]
    y, w, _ = date.fromisoformat(local_date).isocalendar()
    return f"{y}-W{w:02d}"


def parse_strata(text: str | None, period: str | None = None) -> Strata:
    names = [n.strip().lower() for n in (text or "").split(",") if n.strip()]
    if not names or any(n not in DIMENSIONS for n in names) or len(set(names)) != len(names):
        raise HandoffInput(
            "Strata must be one or more of agency, mpp, period, separated by commas "
            "(for example agency,mpp,period)."
        )
    p = (period or "month").strip().lower()
    if p not in PERIODS:
        raise HandoffInput("The period must be month or week.")
    return Strata(tuple(names), p)


def parse_int(text: Any, msgid: str, low: int, high: int, **more: Any) -> int:
    """A whole number in [low, high]; else ``msgid`` (which may name {low} and {high})."""
    s = str(text).strip()
    if not re.fullmatch(r"[0-9]{1,10}", s) or not low <= int(s) <= high:
        raise HandoffInput(msgid, low=low, high=high, **more)
    return int(s)


def parse_quota(text: Any) -> int:
    return parse_int(text, "The quota must be a whole number from {low} to {high}.", 1, MAX_QUOTA)


def parse_quota_file(data: bytes, strata: Strata) -> tuple[tuple[Stratum, int], ...]:
    """A CSV whose header is the strata's names and ``quota``, one row per stratum."""
    if len(data) > MAX_QUOTA_FILE:
        raise HandoffInput("The quota file is larger than 1 MB.")
    try:
        text = data.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise HandoffInput("The quota file is not a UTF-8 CSV file.") from exc
    want = [*strata.by, "quota"]
    if not rows or [h.strip().lower() for h in rows[0]] != want:
        raise HandoffInput("The quota file's first line must be: {header}", header=",".join(want))
    per: dict[Stratum, int] = {}
    for n, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(want) or any(not c.strip() or _CONTROL.search(c) for c in row):
            raise HandoffInput("Line {n} of the quota file does not fit its header.", n=n)
        key = tuple(c.strip() for c in row[:-1])
        if key in per:
            raise HandoffInput("Line {n} of the quota file repeats a stratum.", n=n)
        per[key] = parse_int(
            row[-1],
            "The quota on line {n} of the quota file must be a whole number from {low} to {high}.",
            0,
            MAX_QUOTA,
            n=n,
        )
    return tuple(sorted(per.items()))


def parse_seed(text: str | None) -> str:
    """Hex, 16 to 64 digits; none given: a fresh random 128-bit seed."""
    if text is None or not str(text).strip():
        return secrets.token_hex(16)
    s = str(text).strip().lower()
    if not _HEX.fullmatch(s) or len(s) % 2:
        raise HandoffInput(
            "The seed must be hexadecimal, an even number of 16 to 64 digits "
            "(leave it empty for a random one)."
        )
    return s


def parse_k(text: Any) -> int:
    return parse_int(
        text,
        "The suspicious-number threshold must be a whole number from {low} to {high}.",
        K_MIN,
        K_MAX,
    )


def parse_recipient(text: str | None) -> str:
    s = (text or "").strip()
    if len(s) > 200 or _CONTROL.search(s):
        raise HandoffInput("The recipient must be at most 200 characters on one line.")
    return s


def parse_agreement(text: Any) -> int | None:
    if text is None or not str(text).strip():
        return None
    return parse_int(
        text, "The agreement must be a whole number from {low} to {high}.", 1, 2**31 - 1
    )


def check_target(path: Path) -> None:
    """Refuse early (before any number is opened) a target that cannot be written."""
    if path.is_dir():
        raise HandoffInput("{path} is a folder: give a file name for the sample.", path=str(path))
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise HandoffInput("The folder {path} does not exist.", path=str(parent))
    if not os.access(parent, os.W_OK):
        raise HandoffInput("The folder {path} cannot be written.", path=str(parent))


def build(
    campaign_id: str,
    *,
    strata: str | None,
    period: str | None,
    quota: Any = None,
    quota_file: bytes | None = None,
    seed: str | None = None,
    k: Any = K_DEFAULT,
    agreement: Any = None,
    recipient: str | None = None,
) -> DrawSpec:
    """Every parameter checked; the quota may come from ``quota``, the file, or both."""
    s = parse_strata(strata, period)
    empty = quota is None or not str(quota).strip()
    default = 0 if empty else parse_quota(quota)
    per = parse_quota_file(quota_file, s) if quota_file is not None else ()
    if empty and quota_file is None:
        raise HandoffInput("Give a quota per stratum (and/or a quota file).")
    return DrawSpec(
        campaign_id,
        s,
        Quotas(default, per),
        parse_seed(seed),
        parse_k(k),
        parse_agreement(agreement),
        parse_recipient(recipient),
    )
