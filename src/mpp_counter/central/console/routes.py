"""The console's routes: ``build_router`` is mounted by central/app.py; each feature
module adds its router here with one ``include_router`` line. Every console route gets
the ``Console`` context (engine, clock) on ``request.state`` first, through the
router's own dependency.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from importlib import import_module

from fastapi import APIRouter, Depends, Request
from sqlalchemy import Engine

from .. import db
from .auth import Console


def feature(name: str) -> APIRouter:
    """The ``router`` of console module ``name`` (imported here: registers its texts)."""
    return import_module(f"{__package__}.{name}").router  # type: ignore[no-any-return]


def build_router(engine: Engine, now: Callable[[], datetime] = db.now) -> APIRouter:
    ctx = Console(engine, now)

    async def bind(request: Request) -> None:
        request.state.console = ctx

    router = APIRouter(prefix="/console", dependencies=[Depends(bind)])
    router.include_router(feature("login"))
    router.include_router(feature("audit_page"))
    router.include_router(feature("counters"))
    router.include_router(feature("campaigns_page"))
    router.include_router(feature("processing_page"))
    router.include_router(feature("handoffs"))
    router.include_router(feature("integrity_page"))
    router.include_router(feature("users_page"))
    return router
