"""The central's public HTML pages, put together: a template under ``templates/`` inside
the base layout, every value HTML-escaped, and a fresh nonce for the page's CSP.

Shared by the receipt pages (receipts.py) and the notice page (notice_page.py); the HTTP
side of sending one (headers, CSP) is pages.py.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from importlib import resources
from string import Template


@lru_cache(maxsize=8)
def _template(name: str) -> Template:
    text = resources.files("mpp_counter.central").joinpath(f"templates/{name}").read_text("utf-8")
    return Template(text)


@dataclass(frozen=True)
class Page:
    status: int
    html: str
    nonce: str


def render(
    title: str,
    template: str,
    status: int = 200,
    markup: dict[str, str] | None = None,
    **values: str,
) -> Page:
    """Every value is HTML-escaped here; ``markup`` is only what the caller built (and
    escaped) itself."""
    nonce = secrets.token_urlsafe(12)
    content = _template(template).substitute(
        {**{k: escape(v) for k, v in values.items()}, **(markup or {})}
    )
    html = _template("base.html").substitute(title=escape(title), nonce=nonce, content=content)
    return Page(status, html, nonce)


def message(status: int, heading: str, text: str) -> Page:
    return render(heading, "message.html", status, heading=heading, message=text)
