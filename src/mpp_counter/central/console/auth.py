"""Who is asking: the signed-in viewer as a FastAPI dependency, roles, CSRF.

``require("operator", …)`` gives a route its ``Viewer`` or refuses: no live session is
a 303 to the sign-in page (which comes back here afterwards), a role not listed is a 403
page. ``require_post`` adds the CSRF check every state-changing form passes: the form's
``csrf`` field must equal the session's token (compared in constant time) and the
browser must say the request comes from this very origin (pages.cross_site); a refusal
changes nothing and is audited.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, quote

from fastapi import Request
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from .. import db
from ..httpkit import HttpError, client_address, read_body
from ..pages import cross_site
from . import audit, sessions, texts

LANG_COOKIE = "mpp_console_lang"
FORM_LIMIT = 64 * 1024

texts.register(
    {
        "err_forbidden": (
            "Peran Anda tidak boleh membuka halaman ini.",
            "Your role may not open this page.",
        ),
        "err_other_mpp": (
            "Anda hanya boleh melihat data MPP Anda sendiri.",
            "You may only see your own MPP's data.",
        ),
        "err_csrf": (
            "Formulir ini kedaluwarsa atau tidak berasal dari konsol ini; tidak ada yang "
            "diubah. Buka halamannya lagi dan coba sekali lagi.",
            "This form has expired or did not come from this console; nothing was "
            "changed. Open the page again and try once more.",
        ),
        "err_not_utf8": (
            "Isi formulir tidak dapat dibaca (bukan UTF-8); tidak ada yang diubah.",
            "The form could not be read (not UTF-8); nothing was changed.",
        ),
        "err_form": (
            "Isi formulir terlalu besar atau rusak; tidak ada yang diubah.",
            "The form is too large or damaged; nothing was changed.",
        ),
        "err_not_found": (
            "Halaman atau data ini tidak ada.",
            "This page or record does not exist.",
        ),
        "title_refused": ("Permintaan ditolak", "Request refused"),
    }
)


@dataclass(frozen=True)
class Viewer:
    user_id: int
    username: str
    role: str  # "operator" | "mpp-admin" | "survey"
    mpp: str | None  # only for mpp-admin
    lang: str  # "id" | "en"
    csrf: str

    def may_see_mpp(self, mpp: str) -> bool:
        return self.role != "mpp-admin" or self.mpp == mpp

    @property
    def scope_mpp(self) -> str | None:
        """The one MPP this viewer is limited to; None means every MPP."""
        return self.mpp if self.role == "mpp-admin" else None


@dataclass(frozen=True)
class Console:
    """What every console route needs, bound to the request by build_router."""

    engine: Engine
    now: Callable[[], datetime] = db.now


class Refused(Exception):
    """Turned into a page (or a redirect) by the console's exception handler."""

    def __init__(
        self,
        status: int,
        key: str = "err_forbidden",
        viewer: Viewer | None = None,
        location: str | None = None,
    ) -> None:
        super().__init__(key)
        self.status, self.key, self.viewer, self.location = status, key, viewer, location


def console_of(request: Request) -> Console:
    return request.state.console  # type: ignore[no-any-return]


def lang_of(request: Request) -> str:
    return texts.lang_of(request.cookies.get(LANG_COOKIE))


def safe_next(value: str | None) -> str:
    """Only a path inside the console: never another site (``//evil``, ``/\\evil``)."""
    if value and value.startswith("/console") and "\\" not in value and "//" not in value:
        return value
    return "/console/"


def _login_redirect(request: Request) -> Refused:
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return Refused(303, location="/console/login?next=" + quote(safe_next(here), safe=""))


def viewer_of(request: Request) -> Viewer | None:
    ctx = console_of(request)
    live = sessions.lookup(ctx.engine, request.cookies.get(sessions.COOKIE), ctx.now)
    if live is None:
        return None
    return Viewer(live.user_id, live.username, live.role, live.mpp, lang_of(request), live.csrf)


def require(*roles: str) -> Callable[[Request], Awaitable[Viewer]]:
    async def dependency(request: Request) -> Viewer:
        viewer = await run_in_threadpool(viewer_of, request)
        if viewer is None:
            raise _login_redirect(request)
        if roles and viewer.role not in roles:
            raise Refused(403, "err_forbidden", viewer)
        return viewer

    return dependency


async def read_form(request: Request) -> dict[str, str]:
    """The urlencoded form, read once per request: strict UTF-8, bounded size and fields."""
    cached = getattr(request.state, "console_form", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    try:
        body = await read_body(request, FORM_LIMIT)
    except HttpError as exc:
        raise Refused(exc.status if exc.status in (408, 413) else 400, "err_form") from exc
    try:
        text = body.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=100, errors="strict")
    except UnicodeDecodeError as exc:
        raise Refused(400, "err_not_utf8") from exc
    except ValueError as exc:
        raise Refused(400, "err_form") from exc
    form = dict(pairs)
    request.state.console_form = form
    return form


def audit_now(request: Request, viewer: Viewer | None, action: str, **kw: Any) -> None:
    """One audit row in its own transaction (refusals and sign-ins have nothing else)."""
    with console_of(request).engine.begin() as conn:
        audit.record(conn, viewer, action, ip=client_address(request), **kw)


def require_post(*roles: str) -> Callable[[Request], Awaitable[Viewer]]:
    inner = require(*roles)

    async def dependency(request: Request) -> Viewer:
        viewer = await inner(request)
        form = await read_form(request)
        token = form.get("csrf", "")
        same = secrets.compare_digest(token.encode("utf-8"), viewer.csrf.encode("utf-8"))
        if cross_site(request) or not same:
            await run_in_threadpool(
                audit_now, request, viewer, "csrf-refused", target=request.url.path[:200]
            )
            raise Refused(403, "err_csrf", viewer)
        return viewer

    return dependency
