"""gui/ calls the core: it never opens the database or speaks HTTP itself."""

from __future__ import annotations

import ast
from pathlib import Path

GUI = Path(__file__).resolve().parents[2] / "src" / "mpp_counter" / "gui"
FORBIDDEN = {"sqlcipher3", "sqlite3", "requests", "urllib3", "http", "httpx", "socket"}


def forbidden_imports(source: str) -> list[str]:
    """Top-level names of forbidden modules imported anywhere in ``source`` (any depth)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [n for n in names if n.split(".")[0] in FORBIDDEN]
    return found


def test_the_check_sees_every_form_of_import() -> None:
    src = (
        "import os\nimport sqlite3\nfrom requests import Session\n"
        "def f():\n    import urllib3.util\n    from sqlcipher3 import dbapi2\n"
        "from ..store import db\n"
    )
    assert forbidden_imports(src) == ["sqlite3", "requests", "urllib3.util", "sqlcipher3"]


def test_no_gui_module_imports_the_database_or_http() -> None:
    files = sorted(GUI.rglob("*.py"))
    assert len(files) > 10
    bad = {str(f.relative_to(GUI)): forbidden_imports(f.read_text(encoding="utf-8")) for f in files}
    assert {k: v for k, v in bad.items() if v} == {}
