"""The counter's settings table behind one cache: read once, since a save must not pay for
a query per setting, and dropped by whatever writes (:meth:`Settings.forget`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from . import audit
from .db import Connection, transaction


class Settings:
    """Key/value settings of this store; ``con`` returns the connection in force (a
    generation switch replaces it)."""

    def __init__(self, con: Callable[[], Connection]) -> None:
        self._con = con
        self._cache: dict[str, str] | None = None
        self.generation = 0  # moves on whenever the cache is dropped: what was read is old

    def get(self, key: str, default: str = "") -> str:
        if self._cache is None:
            self._cache = dict(self._con().execute("SELECT key, value FROM settings"))
        return self._cache.get(key, default)

    def save(self, values: Mapping[str, str], actor: str | None = None) -> None:
        """Write ``values`` in one transaction; with ``actor``, with its audit row."""
        con = self._con()
        with transaction(con):
            con.executemany(
                "INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", values.items()
            )
            if actor is not None:
                audit.append(con, actor, "settings", ",".join(sorted(values)))
        self.forget()

    def forget(self) -> None:
        """The next read sees the file (another writer changed the table)."""
        self._cache = None
        self.generation += 1
