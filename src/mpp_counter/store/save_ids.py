"""Finding a save by a visit's or a consent's id without an index on ids (schema 9).

A record id made since schema 9 holds its save's sequence number (record_ids.seq_in,
``record_seq`` in SQL), the key of ``saves``; an id made before is in ``legacy_ids``.
Either way the row found is checked to carry the id: any other text finds nothing."""

from __future__ import annotations

import json
from collections.abc import Iterable


def one(column: str, param: str = ":id") -> str:
    """``WHERE`` terms for the save whose ``column`` (id or consent_id) is ``param``."""
    return (
        f"seq = coalesce((SELECT seq FROM legacy_ids WHERE id = {param}), record_seq({param}))"
        f" AND {column} = {param}"
    )


def many(column: str, param: str = ":ids") -> str:
    """``WHERE`` terms for the saves whose ``column`` is in the JSON array ``param``."""
    return (
        "seq IN (SELECT coalesce(l.seq, record_seq(j.value)) FROM json_each("
        f"{param}) j LEFT JOIN legacy_ids l ON l.id = j.value)"
        f" AND {column} IN (SELECT value FROM json_each({param}))"
    )


def ids_json(ids: Iterable[str]) -> str:
    return json.dumps(list(ids))
