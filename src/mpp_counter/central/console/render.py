"""Pages of the console: one Jinja2 environment (autoescaped), one base layout.

The layout's one ``<style>`` carries a per-response nonce and the CSP allows nothing
else (``default-src 'none'``): no script, no external request, no inline style
attribute. The navigation shows a viewer only the pages their role may open; feature
modules add their entry with ``add_nav``. Security headers are the receipt pages'.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import quote

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

from ..pages import PAGE_HEADERS
from . import texts
from .auth import Refused, Viewer, lang_of

ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("mpp_counter.central", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

texts.register(
    {
        "app_name": ("Konsol Pusat MPP", "MPP Central Console"),
        "nav_home": ("Beranda", "Home"),
        "nav_audit": ("Jejak audit", "Audit trail"),
        "sign_out": ("Keluar", "Sign out"),
        "signed_in_as": ("Masuk sebagai {name} ({role})", "Signed in as {name} ({role})"),
        "role_operator": ("operator", "operator"),
        "role_mpp-admin": ("admin MPP", "MPP admin"),
        "role_survey": ("tim survei", "survey team"),
        "lang_switch": ("Bahasa", "Language"),
        "footer": (
            "Konsol ini tidak pernah menampilkan nomor ponsel.",
            "This console never shows a phone number.",
        ),
        "skip": ("Lewati ke isi", "Skip to content"),
    }
)


@dataclass(frozen=True)
class NavItem:
    path: str
    key: str
    roles: tuple[str, ...]
    order: int


_NAV: dict[str, NavItem] = {}


def add_nav(path: str, key: str, roles: tuple[str, ...], order: int = 50) -> None:
    """A page in the navigation, shown to these roles only (the route still checks)."""
    _NAV[path] = NavItem(path, key, roles, order)


def nav_for(viewer: Viewer | None) -> list[NavItem]:
    if viewer is None:
        return []
    return sorted(
        (n for n in _NAV.values() if viewer.role in n.roles), key=lambda n: (n.order, n.path)
    )


def _csp(nonce: str) -> str:
    return (
        f"default-src 'none'; style-src 'nonce-{nonce}'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    )


def page(
    request: Request,
    viewer: Viewer | None,
    template: str,
    title_key: str,
    status: int = 200,
    **ctx: Any,
) -> HTMLResponse:
    lang = viewer.lang if viewer else lang_of(request)
    nonce = secrets.token_urlsafe(16)
    tr = partial(texts.t, lang)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    html = ENV.get_template(template).render(
        t=tr,
        lang=lang,
        viewer=viewer,
        nonce=nonce,
        nav=nav_for(viewer),
        title=tr(title_key),
        here=request.url.path,
        lang_urls={
            code: f"/console/lang?to={code}&next={quote(here, safe='')}" for code in texts.LANGS
        },
        **ctx,
    )
    headers = {**PAGE_HEADERS, "Content-Security-Policy": _csp(nonce)}
    return HTMLResponse(html, status_code=status, headers=headers)


def refused_page(request: Request, exc: Exception) -> HTMLResponse:
    """The console's exception handler: a redirect to sign in, or a page saying why."""
    assert isinstance(exc, Refused)
    if exc.location is not None:
        return HTMLResponse("", status_code=303, headers={**PAGE_HEADERS, "Location": exc.location})
    return page(
        request,
        exc.viewer,
        "console/message.html",
        "title_refused",
        exc.status,
        message_key=exc.key,
    )
