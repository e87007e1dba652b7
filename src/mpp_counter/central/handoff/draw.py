"""The draw itself, free of the database: order, walk, skip, until each quota is met.

Within a stratum the candidates are ordered by sha256(seed ‖ consent id): anyone with the
seed and the list of consent ids can repeat the order, and no one choosing the seed
after seeing the ids can steer it without it showing in the record. The walk opens
numbers in that order (``opener``) and skips a number that cannot be read, that an
earlier version already handed off, that this draw already took (the same person at two
MPPs), that is suspicious (in K or more consents of the campaign: staff, brokers), or
that was withdrawn by number. Strata are walked in sorted order, so a number in two
strata goes to the same one every time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from .spec import Quotas, Stratum

REASONS = ("unreadable", "earlier", "repeated", "suspicious", "withdrawn")

# (consent ids in order) -> (consent id, number or None when it cannot be opened)
Opener = Callable[[Sequence[str]], Iterable[tuple[str, str | None]]]


class Seen(Protocol):
    def add(self, number: str) -> int: ...
    def count(self, number: str) -> int: ...


def order_key(seed: str, consent_id: str) -> bytes:
    return hashlib.sha256(bytes.fromhex(seed) + consent_id.encode("utf-8")).digest()


def ordered(seed: str, candidates: Iterable[tuple[str, Stratum]]) -> dict[Stratum, list[str]]:
    """Each stratum's consent ids in draw order; strata in sorted order."""
    by: dict[Stratum, list[tuple[bytes, str]]] = {}
    for consent_id, stratum in candidates:
        by.setdefault(stratum, []).append((order_key(seed, consent_id), consent_id))
    return {s: [cid for _, cid in sorted(by[s])] for s in sorted(by)}


@dataclass(frozen=True)
class StratumResult:
    stratum: Stratum
    quota: int
    available: int  # candidates before opening
    taken: tuple[tuple[str, str], ...]  # (consent id, number) in draw order

    @property
    def short(self) -> bool:
        return len(self.taken) < self.quota


@dataclass
class Walk:
    strata: list[StratumResult] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REASONS, 0))


def walk(
    order: dict[Stratum, list[str]],
    quotas: Quotas,
    opener: Opener,
    reason: Callable[[str], str | None],
    taken: Seen,
) -> Walk:
    """``reason(number)``: why a number is out whatever the draw (earlier, suspicious,
    withdrawn) or None; ``taken``: an empty index this walk fills with what it takes.

    The first chunk of every stratum is opened in one call (the opener spreads it over
    every core); a stratum that skips more than that opens more, chunk by chunk. How the
    numbers are opened never changes what is taken: that is decided below, in order."""
    first = {s: ids[: _chunk(quotas.of(s))] for s, ids in order.items()}
    opened = dict(opener([cid for ids in first.values() for cid in ids]))
    result = Walk()
    for stratum, ids in order.items():
        quota = quotas.of(stratum)
        got: list[tuple[str, str]] = []
        for consent_id, number in _opened(ids, len(first[stratum]), quota, opener, opened, got):
            why = "unreadable" if number is None else reason(number)
            if why is None and number is not None and taken.count(number):
                why = "repeated"
            if why is not None:
                result.skipped[why] += 1
                continue
            assert number is not None
            taken.add(number)
            got.append((consent_id, number))
        result.strata.append(StratumResult(stratum, quota, len(ids), tuple(got)))
    return result


def _chunk(need: int) -> int:
    return need + need // 4 + 2 if need > 0 else 0


def _opened(
    ids: list[str],
    ready: int,
    quota: int,
    opener: Opener,
    opened: dict[str, str | None],
    got: list[tuple[str, str]],
) -> Iterator[tuple[str, str | None]]:
    """The stratum's numbers in order: the ``ready`` first ones already opened, then in
    chunks a little larger than what is still missing; stop once the quota is met."""
    pos = 0
    while len(got) < quota and pos < len(ids):
        if pos < ready:
            items: Iterable[tuple[str, str | None]] = (
                (cid, opened.pop(cid)) for cid in ids[pos:ready]
            )
            pos = ready
        else:
            chunk = ids[pos : pos + _chunk(quota - len(got))]
            pos += len(chunk)
            items = opener(chunk)
        for item in items:
            if len(got) >= quota:
                return
            yield item
