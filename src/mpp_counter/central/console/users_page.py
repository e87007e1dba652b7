"""``/console/users``: the console's accounts, for operators; disabling one.

Accounts are made and reset only on the central's machine (``mpp-central user``): a
password and a TOTP secret should never travel through a web form. Here an operator
sees who has access and can cut someone off at once (a lost phone, a person who left):
disabling ends every session of that account on every central process.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from .. import db
from ..httpkit import client_address
from ..pages import PAGE_HEADERS
from . import accounts, audit, texts
from .auth import Refused, Viewer, console_of, require, require_post
from .devices_view import local
from .render import add_nav, page
from .tables import console_users

texts.register(
    {
        "nav_users": ("Pengguna", "Users"),
        "users_title": ("Pengguna konsol", "Console users"),
        "users_intro": (
            "Akun dibuat dan diatur ulang di mesin pusat: mpp-central user add / reset.",
            "Accounts are made and reset on the central's machine: mpp-central user add / reset.",
        ),
        "users_name": ("Nama pengguna", "Username"),
        "users_role": ("Peran", "Role"),
        "users_created": ("Dibuat", "Created"),
        "users_state": ("Status", "State"),
        "users_active": ("aktif", "active"),
        "users_disabled": ("dinonaktifkan {at}", "disabled {at}"),
        "users_locked": ("terkunci sampai {at}", "locked until {at}"),
        "users_disable": ("Nonaktifkan", "Disable"),
        "users_you": ("(Anda)", "(you)"),
        "users_done": (
            "Akun dinonaktifkan; semua sesinya sudah diakhiri.",
            "The account is disabled; all its sessions have ended.",
        ),
    }
)
add_nav("/console/users", "nav_users", ("operator",), order=80)
router = APIRouter()
Operator = Annotated[Viewer, Depends(require("operator"))]
OperatorPost = Annotated[Viewer, Depends(require_post("operator"))]


@router.get("/users")
async def users(request: Request, viewer: Operator) -> Response:
    def read() -> list[Any]:
        with db.reading(console_of(request).engine) as conn:
            return list(conn.execute(console_users.select().order_by(console_users.c.username)))

    rows = await run_in_threadpool(read)
    now = db.iso(console_of(request).now())
    return page(
        request,
        viewer,
        "console/users.html",
        "users_title",
        rows=rows,
        now=now,
        local=local,
        done=request.query_params.get("done") == "disabled",
    )


@router.post("/users/{user_id}/disable")
async def disable(request: Request, user_id: str, viewer: OperatorPost) -> Response:
    engine = console_of(request).engine

    def act() -> None:
        if not user_id.isdigit() or len(user_id) > 9:
            raise Refused(404, "err_not_found", viewer)
        if int(user_id) == viewer.user_id:  # the last operator must not lock everyone out
            raise Refused(403, "err_forbidden", viewer)
        with db.reading(engine) as conn:
            row = conn.execute(
                console_users.select().where(console_users.c.id == int(user_id))
            ).first()
        if row is None:
            raise Refused(404, "err_not_found", viewer)
        accounts.disable_user(engine, row.username)
        with engine.begin() as conn:
            audit.record(
                conn,
                viewer,
                "user-disable",
                row.username,
                {"role": row.role},
                client_address(request),
            )

    await run_in_threadpool(act)
    return RedirectResponse("/console/users?done=disabled", status_code=303, headers=PAGE_HEADERS)
