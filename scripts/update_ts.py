"""Keep the translation sources (.ts) in step with the code, and say what is untranslated.

    python scripts/update_ts.py           # check only: exit 1 if anything is missing
    python scripts/update_ts.py --update  # first refresh both .ts with pyside6-lupdate
    python scripts/update_ts.py --fill id.json  # {"English source": "terjemahan", ...}

What it checks, reading the code with ``ast`` (no Qt needed):
- every ``self.tr("…")`` (context: the enclosing class), ``QT_TR_NOOP``,
  ``QT_TRANSLATE_NOOP(ctx, "…")`` and ``QCoreApplication.translate(ctx, "…")`` under
  ``gui/`` has a finished translation in each .ts;
- every message template the core can raise (``SomeError("…")`` or ``msgid = "…"`` in
  ``domain/ store/ sync/ slip/ protocol/``, ``*_MSG``/``*_MESSAGE`` module constants) is
  listed in ``gui/messages.py`` (context "errors"), so lupdate extracts it;
- the Indonesian translation is not the English source left as it was, except for the
  few words that are the same in both languages (``SAME_IN_INDONESIAN``).
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "mpp_counter"
I18N = PKG / "resources" / "i18n"
# What the window can show. protocol/ speaks to the central's validators (their messages go
# to logs and the CLI); the two a counter can meet are listed by hand in gui/messages.py.
CORE_DIRS = ("domain", "store", "sync", "slip")
# Words Bahasa Indonesia borrows unchanged: an identical translation is right for these.
SAME_IN_INDONESIAN = frozenset(
    {
        "OK",
        "&OK",
        "PIN",
        "Printer",
        "Administrator",
        "80 mm",
        "58 mm",
        "✓ {masked}",
        "Printer: {name}",
    }
)


@dataclass(frozen=True, order=True)
class Msg:
    context: str
    source: str
    where: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return self.context, self.source


def _str(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


class _GuiVisitor(ast.NodeVisitor):
    def __init__(self, where: str) -> None:
        self.where, self.classes, self.found = where, [""], []  # type: ignore[var-annotated]

    def visit_ClassDef(self, node: ast.ClassDef) -> None:  # noqa: N802 - ast's name
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:  # noqa: N802 - ast's name
        name, args = _name(node.func), node.args
        loc = f"{self.where}:{node.lineno}"
        if name in ("tr", "QT_TR_NOOP") and args and _str(args[0]) is not None:
            self.found.append(Msg(self.classes[-1], _str(args[0]) or "", loc))
        elif (
            name in ("QT_TRANSLATE_NOOP", "translate")
            and len(args) >= 2
            and _str(args[0]) is not None
            and _str(args[1]) is not None
        ):
            self.found.append(Msg(_str(args[0]) or "", _str(args[1]) or "", loc))
        self.generic_visit(node)


def gui_messages(gui: Path = PKG / "gui") -> list[Msg]:
    """Every translatable literal under ``gui/`` with its Qt context."""
    out: list[Msg] = []
    for path in sorted(gui.rglob("*.py")):
        v = _GuiVisitor(str(path.relative_to(gui.parent.parent.parent)))
        v.visit(ast.parse(path.read_text(encoding="utf-8")))
        out += v.found
    return out


def _error_names() -> set[str]:
    tree = ast.parse((PKG / "domain" / "errors.py").read_text(encoding="utf-8"))
    names = {"MppError"}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names.add(node.name)
    return names


def core_messages(dirs: tuple[str, ...] = CORE_DIRS) -> list[Msg]:
    """Every user-facing template the Qt-free core can raise."""
    errors, out = _error_names(), []
    for d in dirs:
        for path in sorted((PKG / d).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                loc = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
                if isinstance(node, ast.ClassDef):
                    if any(_name(b) in errors for b in node.bases):
                        errors.add(node.name)  # a local subclass, raised further down
                    for st in node.body:
                        if isinstance(st, ast.Assign) and any(
                            isinstance(t, ast.Name) and t.id == "msgid" for t in st.targets
                        ):
                            if (s := _str(st.value)) is not None:
                                out.append(Msg("errors", s, loc))
                elif (
                    isinstance(node, ast.Assign)
                    and any(
                        isinstance(t, ast.Name) and t.id.endswith(("_MSG", "_MESSAGE"))
                        for t in node.targets
                    )
                    and (s := _str(node.value)) is not None
                ):
                    out.append(Msg("errors", s, loc))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and _name(node.func) in errors
                    and node.args
                    and (s := _str(node.args[0])) is not None
                ):
                    out.append(Msg("errors", s, f"{path.relative_to(ROOT)}:{node.lineno}"))
    return out


def read_ts(path: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) → finished translation, or None when missing or unfinished."""
    root = ET.parse(path).getroot()
    out: dict[tuple[str, str], str | None] = {}
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            tr = m.find("translation")
            done = (
                tr is not None
                and tr.get("type") not in ("unfinished", "obsolete", "vanished")
                and bool(tr.text)
            )
            out[(name, m.findtext("source") or "")] = tr.text if done and tr is not None else None
    return out


def problems(lang: str = "id", gui_dir: Path = PKG / "gui", ts_dir: Path = I18N) -> list[str]:
    """Human-readable lines, one per problem; empty when ``lang`` is complete."""
    ts = read_ts(ts_dir / f"mpp_counter_{lang}.ts")
    gui = gui_messages(gui_dir)
    listed = {m.source for m in gui if m.context == "errors"}
    out = [
        f"{m.where}: core message not listed in gui/messages.py: {m.source!r}"
        for m in sorted(set(core_messages()))
        if m.source not in listed
    ]
    seen: set[tuple[str, str]] = set()
    for m in gui:
        if m.key in seen:
            continue
        seen.add(m.key)
        if m.key not in ts:
            out.append(f"{m.where}: [{lang}] not in the .ts (run --update): {m.source!r}")
        elif ts[m.key] is None and lang != "en":  # English is the source language
            out.append(f"{m.where}: [{lang}] untranslated: {m.source!r}")
        elif lang == "id" and ts[m.key] == m.source and m.source not in SAME_IN_INDONESIAN:
            out.append(f"{m.where}: [id] still English: {m.source!r}")
    return out


def lupdate() -> None:
    exe = shutil.which("pyside6-lupdate") or str(Path(sys.executable).parent / "pyside6-lupdate")
    files = [str(p) for p in sorted((PKG / "gui").rglob("*.py"))]
    targets = [str(p) for p in sorted(I18N.glob("*.ts"))]
    subprocess.run([exe, *files, "-ts", *targets, "-no-obsolete"], check=True)


def fill(mapping: dict[str, str], lang: str = "id") -> int:
    """Put ``mapping``'s translations in for unfinished messages (any context); returns how
    many. lupdate rewrites the file in its own layout afterwards (--update)."""
    path = I18N / f"mpp_counter_{lang}.ts"
    tree = ET.parse(path)
    n = 0
    for m in tree.getroot().iter("message"):
        tr, src = m.find("translation"), m.findtext("source") or ""
        if tr is not None and src in mapping and (tr.get("type") == "unfinished" or not tr.text):
            tr.text = mapping[src]
            tr.attrib.pop("type", None)
            n += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--update", action="store_true", help="refresh the .ts with pyside6-lupdate")
    ap.add_argument("--fill", type=Path, help="JSON {source: Indonesian} for untranslated ones")
    args = ap.parse_args(argv)
    if args.update or args.fill:
        lupdate()  # new strings first, so that --fill finds them
    if args.fill:
        import json

        print(f"{fill(json.loads(args.fill.read_text(encoding='utf-8')))} filled")
        lupdate()  # back to lupdate's own layout
    bad = problems("id") + problems("en")
    for line in bad:
        print(line)
    print(f"{len(bad)} problem(s)" if bad else "translations complete")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
