"""Tables, engine and migrations of the central, the same on SQLite and PostgreSQL.

Times are stored as fixed-width UTC text (``2026-03-01T08:15:00.000Z``): it sorts and
compares the same in both databases and never meets a driver's time-zone guess. Device
tokens and enrolment codes are stored only as sha256 digests; a stolen database gives
no working token. Record ids are primary keys, so ``INSERT … ON CONFLICT DO NOTHING``
stores a record at most once however often it arrives.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Engine,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    inspect,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from ..domain.errors import BadInput, MppError
from ..protocol.fields import iso

HEAD = "0009"
metadata = MetaData()
T = String(32)  # an iso() time


def now() -> datetime:
    return datetime.now(UTC)


def sha256(text_: str) -> str:
    return hashlib.sha256(text_.encode("utf-8")).hexdigest()


settings = Table(
    "settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

campaigns = Table(
    "campaigns",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("body", Text, nullable=False),  # the Campaign as JSON, public key included
    Column("public_key", String(64), nullable=False),
    Column("created_at", T, nullable=False),
    Column("closed_at", T),
    Column("purged_at", T),
)

enrol_codes = Table(
    "enrol_codes",
    metadata,
    Column("code_sha256", String(64), primary_key=True),
    Column("mpp", String(32), nullable=False),
    Column("counter", String(64), nullable=False),
    Column("created_at", T, nullable=False),
    Column("expires_at", T, nullable=False),
    Column("used_at", T),
    Column("device_id", String(36)),
)

devices = Table(
    "devices",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("token_sha256", String(64), nullable=False, unique=True),
    Column("mpp", String(32), nullable=False),
    Column("counter", String(64), nullable=False),
    Column("client_version", String(64), nullable=False),
    Column("created_at", T, nullable=False),
    Column("revoked_at", T),
    Column("last_seen_at", T),
    # what the device's latest batch said of itself, kept at ingest for the console
    Column("last_batch_at", T),
    Column("backlog", Integer),  # records still waiting on the counter (client.backlog)
    Column("clock_offset_s", Integer),  # its sent_at against our clock, that batch
    # numbers sealed to a key that is not their campaign's (keycheck), counted at ingest
    Column("unreadable", Integer, nullable=False, server_default="0"),
)

batches = Table(
    "batches",
    metadata,
    Column("batch_id", String(36), primary_key=True),
    Column("device_id", String(36), nullable=False),
    Column("received_at", T, nullable=False),
    Column("ids_sha256", String(64), nullable=False),
    Column("answer", Text, nullable=False),
)


def _receipt_columns() -> list[Column[Any]]:
    """What every ingested record carries about its arrival: the server's own clock."""
    return [
        Column("device_id", String(36)),
        Column("batch_id", String(36)),
        Column("received_at", T, nullable=False),
        Column("clock_offset_s", Integer, nullable=False, server_default="0"),
        Column("skew_flagged", Boolean, nullable=False, server_default=text("false")),
    ]


visits = Table(
    "visits",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("at", T, nullable=False),
    Column("device_time", String(64), nullable=False),
    Column("local_date", String(10), nullable=False),
    Column("mpp", String(32), nullable=False),
    Column("counter", String(64), nullable=False),
    Column("clerk", String(64), nullable=False),
    Column("agency", String(64), nullable=False),
    Column("service", String(64), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("not_asked_reason", String(32)),
    Column("consent_id", String(36)),
    *_receipt_columns(),
)

consents = Table(
    "consents",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("visit_id", String(36), nullable=False),
    Column("at", T, nullable=False),
    Column("receipt", String(16), nullable=False),
    Column("receipt_secret_sha256", String(64), nullable=False),
    Column("campaign_id", String(64), nullable=False),
    Column("notice_version", String(64), nullable=False),
    Column("notice_hash", String(64), nullable=False),
    Column("purpose", Text, nullable=False),
    Column("channel", String(16), nullable=False),
    Column("controller", String(200), nullable=False),
    Column("controller_contact", String(200), nullable=False),
    Column("retention_days", Integer, nullable=False),
    Column("jurisdiction", String(8), nullable=False),
    Column("collection_method", String(64), nullable=False),
    Column("mpp", String(32), nullable=False),
    Column("counter", String(64), nullable=False),
    Column("clerk", String(64), nullable=False),
    Column("phone_sealed", LargeBinary),  # NULL once purged
    Column("phone_last4", String(4)),
    Column("sealed_to", String(64), nullable=False),
    Column("sealed_key", String(64)),  # fingerprint of the sealing key, as the device says
    Column("withdrawn_at", T),
    Column("withdrawn_via", String(16)),
    Column("purged_at", T),
    *_receipt_columns(),
)

withdrawals = Table(
    "withdrawals",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("seq", BigInteger),
    Column("at", T, nullable=False),
    Column("via", String(16), nullable=False),  # counter | web
    Column("consent_id", String(36)),
    Column("receipt", String(16)),
    Column("phone_sealed", LargeBinary),
    Column("sealed_to", String(64)),
    Column("mpp", String(32)),
    Column("counter", String(64)),
    Column("clerk", String(64)),
    Column("phone_last4", String(4)),  # only a withdrawal by code at another counter
    Column("state", String(16)),  # by code: pending | applied | ambiguous
    Column("applied_to", String(36)),  # by code: the one consent it withdrew
    *_receipt_columns(),
)

# A visit its own counter voided the day it was saved (a correction): not counted, and
# its consent withdrawn with the number deleted (voids.py).
voids = Table(
    "voids",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("at", T, nullable=False),
    Column("visit_id", String(36), nullable=False),
    Column("reason", String(200), nullable=False),
    Column("mpp", String(32), nullable=False),
    Column("counter", String(64), nullable=False),
    Column("clerk", String(64), nullable=False),
    *_receipt_columns(),
)

# One row per consent withdrawn, in commit order (see ingest.notify): the feed a device
# reads to learn the withdrawals of its own consents made elsewhere.
withdrawal_notices = Table(
    "withdrawal_notices",
    metadata,
    Column(
        "seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    ),
    Column("consent_id", String(36), nullable=False),
    Column("device_id", String(36)),
    Column("withdrawn_at", T, nullable=False),
    Column("via", String(16), nullable=False),
)

exports = Table(
    "exports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", T, nullable=False),
    Column("campaign_id", String(64)),
    Column("kind", String(16), nullable=False),
    Column("rows", Integer, nullable=False),
)

Index("consents_receipt", consents.c.receipt)
Index("consents_campaign", consents.c.campaign_id)
Index("withdrawals_consent", withdrawals.c.consent_id)
Index("withdrawals_receipt", withdrawals.c.receipt)
Index("visits_consent", visits.c.consent_id)
Index("notices_device", withdrawal_notices.c.device_id, withdrawal_notices.c.seq)
Index("voids_visit", voids.c.visit_id)


class DatabaseUnavailable(MppError):
    """The database cannot be opened or answered with an error."""


def normalize_url(url: str) -> str:
    """``sqlite:///file.db`` or PostgreSQL through psycopg 3, whatever way it was written."""
    if not url:
        raise BadInput("No database: pass --db URL or set MPP_CENTRAL_DB.")
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise BadInput("The database URL is not valid.") from exc
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg"):
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    if parsed.drivername in ("sqlite", "sqlite+pysqlite"):
        if not parsed.database or parsed.database == ":memory:":
            raise BadInput("An SQLite database must be a file: sqlite:///path/to/central.db")
        return url
    raise BadInput("Only sqlite:/// and postgresql+psycopg:// databases are supported.")


def make_engine(url: str, pool_size: int = 10) -> Engine:
    url = normalize_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 60})
        _sqlite_hooks(engine)
        return engine
    # up to 2 × pool_size connections, all kept open: a connection closed on its return
    # (an "overflow" one) costs the next request a new backend and its prepared statements
    return create_engine(url, pool_size=2 * pool_size, max_overflow=0, pool_pre_ping=True)


def _sqlite_hooks(engine: Engine) -> None:
    """WAL for concurrent readers, secure_delete so purged numbers leave the file, and
    BEGIN IMMEDIATE so two writers queue on the lock instead of failing on upgrade."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let the "begin" hook issue BEGIN itself
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA secure_delete=ON")
        cur.execute("PRAGMA busy_timeout=60000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # a page that only reads (``reading``) must not queue behind, or hold up, a batch
        deferred = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")


READ_ONLY = "mpp_read_only"


def reading(engine: Engine) -> Any:
    """A connection for a page or report that only reads: on SQLite its transaction is
    deferred (a WAL reader: it neither waits for nor blocks the writers)."""
    return engine.connect().execution_options(**{READ_ONLY: True})


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    here = Path(__file__).resolve().parent
    cfg = Config(str(here / "alembic.ini"))
    cfg.set_main_option("script_location", str(here / "migrations"))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema to the head revision; running it again changes nothing."""
    from alembic import command

    try:
        command.upgrade(_alembic_config(engine), "head")
    except SQLAlchemyError as exc:
        raise DatabaseUnavailable(
            "The database could not be initialised: {why}", why=type(exc).__name__
        ) from exc


def current_revision(engine: Engine) -> str | None:
    """The schema's revision, read from alembic's own table without importing alembic:
    every command checks it first, and alembic's import costs it ≈ 70 ms."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        found = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return ",".join(sorted(found)) or None  # several heads: none of them is HEAD


def require_schema(engine: Engine) -> None:
    try:
        rev = current_revision(engine)
    except SQLAlchemyError as exc:
        raise DatabaseUnavailable(
            "The database cannot be opened ({why}).", why=type(exc).__name__
        ) from exc
    if rev != HEAD:
        raise DatabaseUnavailable("The database is not initialised: run 'mpp-central init'.")


def get_setting(conn: Any, key: str) -> str | None:
    row = conn.execute(settings.select().where(settings.c.key == key)).first()
    return row.value if row else None


def put_setting(conn: Any, key: str, value: str) -> None:
    conn.execute(settings.delete().where(settings.c.key == key))
    conn.execute(settings.insert().values(key=key, value=value))


# fixed-shape bulk statements (bulk.py), used through this module as before
from .bulk import insert_ignore, one_of  # noqa: E402

__all__ = ["insert_ignore", "iso", "make_engine", "metadata", "migrate", "now", "one_of", "sha256"]
