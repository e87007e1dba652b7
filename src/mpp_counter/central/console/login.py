"""Sign-in, sign-out, the language switch and the home page.

A sign-in is password and TOTP code together on one form, so a wrong password cannot be
told from a wrong code; every attempt is audited with its real outcome. A new session
id is made at each sign-in (never one the browser brought along). The cookie is
HttpOnly, SameSite=Strict, and Secure when the request came over https (uvicorn's
--proxy-headers makes nginx's X-Forwarded-Proto the request's scheme).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ..httpkit import client_address
from ..pages import PAGE_HEADERS, cross_site
from . import accounts, audit, sessions, texts
from .auth import (
    LANG_COOKIE,
    Refused,
    Viewer,
    console_of,
    read_form,
    require,
    require_post,
    safe_next,
)
from .render import page

TEXTS = {
    "login_title": ("Masuk ke konsol", "Sign in to the console"),
    "login_username": ("Nama pengguna", "Username"),
    "login_password": ("Kata sandi", "Password"),
    "login_code": (
        "Kode 6 angka dari aplikasi autentikator",
        "6-digit code from your authenticator app",
    ),
    "login_submit": ("Masuk", "Sign in"),
    "login_failed": (
        "Nama pengguna, kata sandi, atau kode salah; atau akun sedang dikunci setelah 5 "
        "kali gagal (tunggu 15 menit). Periksa lalu coba lagi.",
        "Wrong username, password or code; or the account is locked after 5 failed "
        "attempts (wait 15 minutes). Check and try again.",
    ),
    "login_note": (
        "Akun dibuat oleh operator pusat dengan perintah mpp-central user add.",
        "Accounts are made by the central operator with mpp-central user add.",
    ),
    "login_signed_out": ("Anda sudah keluar.", "You have signed out."),
    "login_expired": (
        "Sesi Anda berakhir; silakan masuk lagi.",
        "Your session has ended; please sign in again.",
    ),
    "home_title": ("Beranda", "Home"),
    "home_intro_operator": (
        "Anda operator pusat: semua halaman kecuali nomor ponsel.",
        "You are a central operator: every page except phone numbers.",
    ),
    "home_intro_mpp-admin": (
        "Anda admin MPP: Anda melihat data MPP Anda sendiri.",
        "You are an MPP administrator: you see your own MPP's data.",
    ),
    "home_intro_survey": (
        "Anda tim survei: halaman serah terima kampanye.",
        "You are the survey team: the campaign hand-off pages.",
    ),
}
texts.register(TEXTS)

router = APIRouter()
MAX_USERNAME = 32


def _set_cookie(request: Request, response: Response, value: str) -> None:
    response.set_cookie(
        sessions.COOKIE,
        value,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/console",
    )


@router.get("/login")
async def login_form(request: Request) -> Response:
    nxt = safe_next(request.query_params.get("next"))
    notice = "login_signed_out" if request.query_params.get("out") else None
    return page(
        request,
        None,
        "console/login.html",
        "login_title",
        next=nxt,
        username="",
        error=None,
        notice=notice,
    )


def _sign_in(request: Request, form: dict[str, str]) -> tuple[str | None, str]:
    ctx = console_of(request)
    username = form.get("username", "").strip()[:64]
    with ctx.engine.begin() as conn:
        if len(username) > MAX_USERNAME:
            user, outcome = None, "unknown"
        else:
            user, outcome = accounts.sign_in(
                conn, username, form.get("password", ""), form.get("code", ""), now=ctx.now
            )
        role = user.role if user is not None else ""
        audit.record(
            conn,
            None,
            "sign-in" if user is not None else "sign-in-failed",
            target=username,
            detail={"outcome": outcome, **({"role": role} if role else {})},
            ip=client_address(request),
            actor=username,
        )
        if user is None:
            return None, username
        sessions.sweep(conn, ctx.now)
        return sessions.start(conn, user.id, ctx.now), username


@router.post("/login")
async def login(request: Request) -> Response:
    form = await read_form(request)
    if cross_site(request):
        raise Refused(403, "err_csrf")
    session_id, username = await run_in_threadpool(_sign_in, request, form)
    nxt = safe_next(form.get("next"))
    if session_id is None:
        return page(
            request,
            None,
            "console/login.html",
            "login_title",
            401,
            next=nxt,
            username=username[:MAX_USERNAME],
            error="login_failed",
            notice=None,
        )
    response = RedirectResponse(nxt, status_code=303, headers=PAGE_HEADERS)
    _set_cookie(request, response, session_id)
    return response


def _sign_out(request: Request, viewer: Viewer) -> None:
    ctx = console_of(request)
    session_id = request.cookies.get(sessions.COOKIE, "")
    with ctx.engine.begin() as conn:
        conn.execute(
            sessions.console_sessions.delete().where(
                sessions.console_sessions.c.id_sha256 == sessions.digest(session_id)
            )
        )
        audit.record(conn, viewer, "sign-out", ip=client_address(request))


@router.post("/logout")
async def logout(request: Request, viewer: Annotated[Viewer, Depends(require_post())]) -> Response:
    # CSRF-checked too: a cross-site form must not sign anyone out
    await run_in_threadpool(_sign_out, request, viewer)
    response = RedirectResponse("/console/login?out=1", status_code=303, headers=PAGE_HEADERS)
    response.delete_cookie(sessions.COOKIE, path="/console")
    return response


@router.get("/lang")
async def switch_language(request: Request) -> Response:
    lang = texts.lang_of(request.query_params.get("to"))
    response = RedirectResponse(
        safe_next(request.query_params.get("next")), status_code=303, headers=PAGE_HEADERS
    )
    response.set_cookie(
        LANG_COOKIE,
        lang,
        max_age=365 * 86400,
        samesite="lax",
        path="/console",
        secure=request.url.scheme == "https",
    )
    return response


@router.get("/")
async def home(request: Request, viewer: Annotated[Viewer, Depends(require())]) -> Any:
    return page(request, viewer, "console/home.html", "home_title")
