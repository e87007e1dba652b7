"""Opening and counting numbers for the hand-off, through the export's shared helpers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..export import open_sealed


def open_pairs(
    key: bytes, pairs: Iterable[tuple[str, bytes | None]]
) -> Iterator[tuple[str, str | None]]:
    """(id, sealed) → (id, number or None), in the order given."""
    for ident, blob in pairs:
        yield ident, open_sealed(key, blob)


class _Index:
    def __init__(self) -> None:
        self._n: dict[str, int] = {}

    def add(self, number: str) -> int:
        self._n[number] = self._n.get(number, 0) + 1
        return self._n[number]

    def count(self, number: str) -> int:
        return self._n.get(number, 0)


def new_index() -> _Index:
    return _Index()
