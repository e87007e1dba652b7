"""Finding saves without an index on ids or times (schema 9: saves_schema.py).

A record id made since schema 9 holds its save's sequence number (record_ids.seq_in,
``record_seq`` in SQL), the key of ``saves``; an id made before is in ``legacy_ids``.
Either way the row found is checked to carry the id: any other text finds nothing. A
day's saves start at its first sequence number (``save_days``)."""

from __future__ import annotations


def one(column: str, param: str = ":id", seq: str = "seq") -> str:
    """``WHERE`` terms for the save whose ``column`` (an id or consent id) is ``param``."""
    return (
        f"{seq} = coalesce((SELECT seq FROM legacy_ids WHERE id = {param}),"
        f" record_seq({param})) AND {column} = {param}"
    )


def many(column: str, param: str = ":ids", seq: str = "seq") -> str:
    """``WHERE`` terms for the saves whose ``column`` is in the JSON array ``param``."""
    return (
        f"{seq} IN (SELECT coalesce(l.seq, record_seq(j.value)) FROM json_each({param}) j"
        f" LEFT JOIN legacy_ids l ON l.id = j.value)"
        f" AND {column} IN (SELECT value FROM json_each({param}))"
    )


def since(param: str = ":lo", seq: str = "seq") -> str:
    """``WHERE`` term: the saves from the first of the day of the UTC ISO time ``param``
    on. Every day with a save has its row, holding the lowest sequence number saved
    that day, so a save made at or after ``param`` is never below it."""
    return (
        f"{seq} >= (SELECT coalesce(min(first_seq), 1 << 62) FROM save_days"
        f" WHERE day >= substr({param}, 1, 10))"
    )


def by_receipt(column: str = "receipt", seq: str = "seq") -> str:
    """``WHERE`` terms for the save whose receipt code is ``:code``, with ``:code_seq``
    (both from receipt_codes.lookup): a code made since schema 10 holds its save's
    number; one drawn before is in ``legacy_receipts``."""
    return (
        f"{seq} = coalesce((SELECT seq FROM legacy_receipts WHERE receipt = :code),"
        f" :code_seq) AND {column} = :code"
    )
