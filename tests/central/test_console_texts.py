"""Every console text has Indonesian and English, and every key a template asks for by
name is registered (a missing one would show the key to the user)."""

from __future__ import annotations

import re
from importlib import resources

from mpp_counter.central.console import texts
from mpp_counter.central.console.routes import build_router


def test_every_text_has_both_languages() -> None:
    build_router(None)  # type: ignore[arg-type] # imports every feature: registers its texts
    catalogue = texts.catalogue()
    assert len(catalogue) > 50
    for key, (indonesian, english) in catalogue.items():
        assert indonesian.strip() and english.strip(), key
        assert set(re.findall(r"{(\w+)}", indonesian)) == set(re.findall(r"{(\w+)}", english)), key


def test_templates_ask_only_for_registered_keys() -> None:
    build_router(None)  # type: ignore[arg-type]
    catalogue = texts.catalogue()
    folder = resources.files("mpp_counter.central").joinpath("templates/console")
    asked = set()
    for entry in folder.iterdir():
        if entry.name.endswith(".html"):
            asked |= set(
                re.findall(r"""\bt\(\s*["']([\w-]+)["']\s*[,)]""", entry.read_text("utf-8"))
            )
    assert asked, "no t('…') found: the pattern is wrong"
    assert sorted(asked - set(catalogue)) == []


def test_language_falls_back_to_indonesian() -> None:
    texts.register({"test_only": ("teks", "text")})
    assert texts.t("en", "test_only") == "text"
    assert texts.t("xx", "test_only") == texts.t("id", "test_only") == "teks"


def test_every_role_has_its_names() -> None:
    from mpp_counter.central.console.accounts import ROLES

    build_router(None)  # type: ignore[arg-type]
    catalogue = texts.catalogue()
    for role in ROLES:  # keys the templates build as "role_" ~ role and "home_intro_" ~ role
        assert f"role_{role}" in catalogue and f"home_intro_{role}" in catalogue
