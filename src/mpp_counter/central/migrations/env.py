"""Alembic environment: the engine comes from mpp-central (or ``-x db=URL`` by hand)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

config = context.config


def _engine():  # type: ignore[no-untyped-def]
    engine = config.attributes.get("engine")
    if engine is not None:
        return engine
    url = context.get_x_argument(as_dictionary=True).get("db")
    if not url:
        raise SystemExit("pass the database as: alembic -x db=URL upgrade head")
    return create_engine(url)


def run_migrations_online() -> None:
    engine = _engine()
    with engine.connect() as connection:
        context.configure(connection=connection, transaction_per_migration=True)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
