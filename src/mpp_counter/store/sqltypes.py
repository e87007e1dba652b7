"""The typed face of a SQLCipher connection.

``sqlcipher3`` ships no type information (no stubs, no ``py.typed``). Its Connection and
Cursor are pysqlite3's, the standard library's ``sqlite3`` module built against
SQLCipher, so these Protocols state the part of that API the store uses, with the
standard library's signatures. mypy then checks every call on a connection instead of
treating it as ``Any``; a row stays ``Any`` (as in the standard library's own stubs),
so the code that reads a column says what it expects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol, TypeAlias

Params: TypeAlias = Sequence[object] | Mapping[str, object]
Description: TypeAlias = tuple[tuple[str, None, None, None, None, None, None], ...]


class Cursor(Protocol):
    """The result of ``execute``: rows, and how many rows a write changed."""

    @property
    def rowcount(self) -> int: ...
    @property
    def lastrowid(self) -> int | None: ...
    @property
    def description(self) -> Description: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """An open SQLCipher connection (``store.db``'s subclass of ``sqlcipher3.Connection``):
    ``degraded`` is None or the disk's state when it may only read; ``deferred`` holds
    audit rows the disk could not take, written first by the next transaction."""

    degraded: str | None
    deferred: list[tuple[str, str, str, str]]
    main_file: str | None  # the file it opened, kept by db._in_place
    save_head: tuple[int, int, int, int, str] | None  # kept by visits.record

    @property
    def in_transaction(self) -> bool: ...

    @property
    def total_changes(self) -> int: ...

    def execute(self, sql: str, parameters: Params = ..., /) -> Cursor: ...
    def executemany(self, sql: str, parameters: Iterable[Params], /) -> Cursor: ...
    def create_function(
        self,
        name: str,
        narg: int,
        func: Callable[..., object] | None,
        *,
        deterministic: bool = False,
    ) -> None: ...
    def close(self) -> None: ...
