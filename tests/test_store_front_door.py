"""store/ is the one front door to the database: no module outside it touches a
connection, imports the database driver or store/db.py, or resets the store's caches
from outside; the central does not import the counter's store at all."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "src" / "mpp_counter"
DRIVERS = {"sqlcipher3", "sqlite3"}
# sqlite3 (never sqlcipher3, never the store) for a scratch file that is no store: the
# central's export spills keyed digests of numbers to a temporary file it deletes
SCRATCH = {"central/number_index.py": {"imports sqlite3"}}


def _imported(node: ast.AST, package: tuple[str, ...]) -> list[str]:
    """Absolute dotted names an import statement brings in (relative ones resolved
    against ``package``, the module's package path under mpp_counter)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level == 0:
        base = node.module or ""
    else:
        parts = ("mpp_counter", *package)
        parts = parts[: len(parts) - node.level + 1]
        base = ".".join((*parts, *(node.module.split(".") if node.module else ())))
    return [f"{base}.{a.name}" for a in node.names]


def violations(source: str, package: tuple[str, ...]) -> list[str]:
    """What in ``source`` (a module in ``package``) goes around the store's front door."""
    found: list[str] = []
    central = package[:1] == ("central",)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in {"con", "_con"}:
            found.append(f"line {node.lineno}: .{node.attr}")
        if isinstance(node, ast.Attribute) and node.attr in {
            "_settings",
            "_services",
            "_campaign",
            "_cache",
        }:
            found.append(f"line {node.lineno}: cache reset .{node.attr}")
        for name in _imported(node, package):
            if name.split(".")[0] in DRIVERS:
                found.append(f"line {node.lineno}: imports {name}")
            elif name.startswith("mpp_counter.store.db"):
                found.append(f"line {node.lineno}: imports {name}")
            elif central and name.startswith("mpp_counter.store"):
                found.append(f"line {node.lineno}: the central imports {name}")
    if "noqa: SLF001" in source:
        found.append("a private member reached from outside (noqa: SLF001)")
    return found


def test_the_check_sees_each_way_around() -> None:
    src = (
        "import sqlite3\nfrom ..store.db import transaction\nfrom ..store import db\n"
        "def f(store):\n    from sqlcipher3 import dbapi2\n"
        "    store.con.execute('SELECT 1')\n    store._settings = None  # noqa: SLF001\n"
        "from ..store.counter import CounterStore\n"
    )
    found = violations(src, ("sync",))
    assert sorted(v.split(":")[0] for v in found) == [
        "a private member reached from outside (noqa",
        "line 1",
        "line 2",
        "line 3",
        "line 5",
        "line 6",
        "line 7",
    ]
    assert violations("from ..store.counter import CounterStore\n", ("central",)) == [
        "line 1: the central imports mpp_counter.store.counter.CounterStore"
    ]
    assert (
        violations("from ...store import retention\nstore.retention.purge()\n", ("gui", "admin"))
        == []
    )


def test_nothing_outside_the_store_touches_a_connection() -> None:
    files = [f for f in sorted(PKG.rglob("*.py")) if f.relative_to(PKG).parts[0] != "store"]
    assert len(files) > 50
    bad = {}
    for f in files:
        rel = f.relative_to(PKG)
        found = violations(f.read_text(encoding="utf-8"), rel.parts[:-1])
        found = [v for v in found if v.partition(": ")[2] not in SCRATCH.get(str(rel), set())]
        if found:
            bad[str(rel)] = found
    assert bad == {}
