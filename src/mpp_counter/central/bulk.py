"""Statements whose text does not depend on how many rows they carry.

A multi-row ``INSERT … VALUES (…), (…)`` or an ``IN (:a, :b, …)`` is a new statement for
every row count: SQLAlchemy compiles it again, psycopg parses its placeholders again
(large statements cost more than the rows) and PostgreSQL plans it again. The same work
as one fixed text, compiled once and prepared by psycopg after a few uses:

- PostgreSQL: the rows as one JSON parameter, ``INSERT … SELECT … FROM
  json_populate_recordset(NULL::table, :rows) ON CONFLICT DO NOTHING RETURNING key`` (the
  JSON is built and read in C: arrays of text cost psycopg a regular expression per value
  to quote them); a list as ``= ANY(array)``.
- SQLite: a list as ``IN (SELECT value FROM json_each(?))``; rows by ``executemany`` of a
  one-row ``INSERT … ON CONFLICT DO NOTHING`` (one prepared statement, no parsing per
  row). SQLite cannot return rows from ``executemany``, so the keys already present are
  read first: the write transaction (``BEGIN IMMEDIATE``) holds the only write lock, so
  nothing can insert a key between the read and the insert.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Table, any_, bindparam, func, select, text
from sqlalchemy.types import String


def one_of(conn: Any, column: Any, values: Iterable[Any]) -> ColumnElement[bool]:
    """``column IN values`` as one fixed statement, whatever the number of values."""
    vals = list(values)
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import ARRAY  # not imported on SQLite: ≈ 25 ms

        return column == any_(bindparam(None, vals, type_=ARRAY(column.type)))
    listed = func.json_each(bindparam(None, json.dumps(vals), type_=String)).table_valued("value")
    return column.in_(select(listed.c.value))


def _pg_type(t: Any) -> str:
    """A parameter's type: text for strings (the column's length is checked on insert,
    never cut by the cast), the column's own type otherwise."""
    from sqlalchemy.dialects import postgresql

    return "text" if isinstance(t, String) else str(t.compile(dialect=postgresql.dialect()))


@lru_cache(maxsize=64)
def _pg_insert(
    table: Table, cols: tuple[str, ...], key: str, also: str, same: tuple[str, ...]
) -> Any:
    names = ", ".join(f'"{c}"' for c in (*cols, *same))
    values = ", ".join(
        [f'"{c}"' for c in cols] + [f"CAST(:same_{c} AS {_pg_type(table.c[c].type)})" for c in same]
    )
    insert = (
        f'INSERT INTO "{table.name}" ({names}) SELECT {values} FROM '
        f'json_populate_recordset(NULL::"{table.name}", CAST(:rows AS json)) '
        f'ON CONFLICT ("{key}") DO NOTHING RETURNING '
    )
    if not also:
        return text(f'{insert}"{key}"')
    return text(f'WITH ins AS ({insert}*), also AS ({also}) SELECT "{key}" FROM ins')


def _bytea(value: Any) -> str:
    """bytes in JSON as PostgreSQL's bytea input reads them (hex)."""
    if isinstance(value, bytes | bytearray | memoryview):
        return "\\x" + bytes(value).hex()
    raise TypeError(type(value).__name__)


@lru_cache(maxsize=64)
def _sqlite_sql(table: Table, cols: tuple[str, ...], key: str) -> tuple[str, str]:
    names = ", ".join(f'"{c}"' for c in cols)
    marks = ", ".join("?" for _ in cols)
    present = (
        f'SELECT "{key}" FROM "{table.name}" WHERE "{key}" IN (SELECT value FROM json_each(?))'
    )
    insert = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks}) ON CONFLICT DO NOTHING'
    return present, insert


def insert_ignore(
    conn: Any,
    table: Table,
    rows: list[dict[str, Any]],
    key: str,
    also: str = "",
    same: dict[str, Any] | None = None,
) -> set[str]:
    """Insert rows, skipping those whose key exists; return the keys actually inserted.
    The columns are the table's among the first row's keys (other keys are ignored);
    every row carries them. ``same``: columns whose value every row shares, sent once
    (not in each row). ``also`` (PostgreSQL only): a data-modifying statement run in the
    same statement on the rows inserted, which it reads as ``ins``."""
    if not rows:
        return set()
    same = same or {}
    cols = tuple(c for c in rows[0] if c in table.c and c not in same)
    shared = tuple(c for c in same if c in table.c)
    if conn.dialect.name == "postgresql":
        doc = json.dumps(rows, default=_bytea, separators=(",", ":"))
        stmt = _pg_insert(table, cols, key, also, shared)
        params = {"rows": doc, **{f"same_{c}": same[c] for c in shared}}
        return set(conn.execute(stmt, params).scalars().all())
    if also:
        raise ValueError("Only PostgreSQL runs a statement on the rows inserted.")
    present_sql, insert_sql = _sqlite_sql(table, (*cols, *shared), key)
    keys = [r[key] for r in rows]
    present = {r[0] for r in conn.exec_driver_sql(present_sql, (json.dumps(keys),))}
    fresh = [r for r in rows if r[key] not in present]
    if fresh:
        tail = tuple(same[c] for c in shared)
        conn.exec_driver_sql(insert_sql, [(*(r[c] for c in cols), *tail) for r in fresh])
    return {r[key] for r in fresh}
