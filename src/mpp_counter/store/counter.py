"""The counter's store as the GUI, the CLI and sync use it: the one front door.

``CounterStore`` creates, unlocks and locks; it wires the repositories that own their SQL
and their cache (``settings``, ``catalog``, ``outbox``, ``retention``) and inherits the
parts that record and read visits, withdrawals and clerks/keys (counter_*.py). Nothing
outside store/ touches its connection (tests/test_store_front_door.py).

One object owns one SQLCipher connection. It is not thread-safe by design: the GUI keeps
it on a single worker thread, the CLI on its main thread.
"""

from __future__ import annotations

import base64
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .. import resource_files
from ..domain import catalog as catalog_rules
from ..domain.catalog import Campaign, Service
from ..domain.errors import BadInput, StoreDamaged, StoreExists, StoreMissing, WrongSecret
from ..domain.timezones import LocalDays, parse_zone
from ..protocol.seal_pad import SealPad
from ..protocol.sealed import new_keypair
from . import (
    audit,
    binding,
    files,
    keys,
    lockout,
    os_secret,
    receipt_codes,
    retention,
    schema,
    visits,
)
from .catalog_repo import Catalog, load_services, put_campaign
from .counter_keys import CounterKeys
from .counter_services import CounterServices
from .counter_visits import CounterVisits
from .counter_withdrawals import CounterWithdrawals
from .db import Connection, open_db, transaction
from .outbox_repo import Outbox
from .rekey import finish_cut_switch
from .retention import Retention
from .seen import SeenNumbers
from .settings_repo import Settings


def default_text(name: str) -> str:
    return resource_files.read_text(name)


ENROLLED_FIXED = ("mpp_code", "counter")  # set_settings refuses them once enrolled


@dataclass(frozen=True)
class Session:
    role: str  # "admin" | "clerk"
    user: str


class CounterStore(CounterVisits, CounterWithdrawals, CounterKeys, CounterServices):
    def __init__(
        self,
        data_dir: Path,
        keyfile: keys.KeyFile,
        con: Connection,
        session: Session,
        unlocked: keys.Unlocked,
    ) -> None:
        self.data_dir = data_dir
        self.keyfile = keyfile
        self.con = con
        self.session = session
        self._unlocked = unlocked
        # the repositories ask for the connection each time: a generation switch replaces it
        self.settings = Settings(lambda: self.con)
        self.catalog = Catalog(lambda: self.con)
        self.outbox = Outbox(lambda: self.con)
        self.retention = Retention(lambda: self.con)
        self._data_version = self._version()
        self.seen = SeenNumbers()  # the store worker hands in its own, kept across locks
        self._pad: SealPad | None = None  # the next number's sealing, made ahead (visits)
        self._drawn: visits.Drawn | None = None  # its receipt (code and secret), the same
        self._target = None  # what the next save takes from settings and catalog (visits)
        self._days = LocalDays()  # today's bounds in the counter's zone, kept (_local_day)

    # --- opening -------------------------------------------------------------------
    @staticmethod
    def exists(data_dir: Path) -> bool:
        return (data_dir / keys.KEYS_FILE).exists()

    @staticmethod
    def clerk_names(data_dir: Path) -> list[str]:
        return _read_keys(data_dir).clerks()

    @classmethod
    def create(
        cls,
        data_dir: Path,
        *,
        mpp_code: str,
        mpp_name: str,
        counter: str,
        zone: str,
        passphrase: str,
        catalog_text: str | None = None,
        campaign_text: str | None = None,
    ) -> CounterStore:
        keys.check_pin(passphrase, "admin")
        zone = parse_zone(zone)
        services = catalog_rules.parse_services(catalog_text or default_text("catalog.json"))
        campaign = catalog_rules.parse_campaign(campaign_text or default_text("campaign.json"))
        if cls.exists(data_dir):
            raise StoreExists("A store already exists in {path}.", path=str(data_dir))
        files.make_private_dir(data_dir)
        db_file = "counter-1.db"
        for stale in data_dir.glob("counter-1.db*"):  # an init that died before keys.json
            stale.unlink()
        db_key = bytearray(secrets.token_bytes(32))
        escrow_sk, escrow_pk = new_keypair()
        con = open_db(data_dir / db_file, bytes(db_key), create=True)
        schema.migrate(con)
        with transaction(con):
            settings = {
                "mpp_code": mpp_code.strip(),
                "mpp_name": mpp_name.strip(),
                "counter": counter.strip(),
                "timezone": zone,
                "retention_days": "7",
                "escrow_public_key": base64.b64encode(escrow_pk).decode(),
                "store_created": datetime.now(UTC).isoformat(),
            }
            con.executemany("INSERT INTO settings(key, value) VALUES (?, ?)", settings.items())
            load_services(con, services)
            put_campaign(con, campaign)
            audit.append(con, "admin", "init", f"mpp {mpp_code} counter {counter}")
        store_id = uuid.uuid4().hex
        sign_sk, vk = keys.new_signing_key()
        admin = keys.make_slot(
            store_id=store_id,
            role="admin",
            name="admin",
            secret=passphrase,
            db_key=bytes(db_key),
            verify_key=vk,
            escrow_private=escrow_sk,
            sign_private=sign_sk,
            slot_id=keys.ADMIN_SLOT,
        )
        kf = keys.KeyFile(store_id, 1, db_file, (admin,), vk).signed(sign_sk)
        with transaction(con):
            binding.record(con, kf)
        lockout.start(data_dir, con)
        keys.write(data_dir, kf)  # the store exists from this rename on
        files.secure_folder(data_dir)
        return cls(
            data_dir,
            kf,
            con,
            Session("admin", "admin"),
            keys.Unlocked(db_key, bytearray(escrow_sk), bytearray(sign_sk)),
        )

    @classmethod
    def open_admin(cls, data_dir: Path, passphrase: str) -> CounterStore:
        kf = _read_keys(data_dir)
        slot = kf.slot(keys.ADMIN_SLOT)
        unlocked = keys.unlock(kf, slot, passphrase)
        store = cls._open(data_dir, kf, slot, unlocked, Session("admin", "admin"))
        audit.append_or_defer(store.con, "admin", "unlock", "admin")  # reading: full disk ok
        return store

    @classmethod
    def open_clerk(cls, data_dir: Path, name: str, pin: str) -> CounterStore:
        kf = _read_keys(data_dir)
        slot = kf.clerk_slot(name)
        machine = os_secret.slot_secret(kf.store_id, slot.id) if slot.os_bound else None
        unlocked = keys.unlock(kf, slot, pin, machine)
        store = cls._open(data_dir, kf, slot, unlocked, Session("clerk", slot.name))
        audit.append_or_defer(store.con, slot.name, "unlock", "clerk")  # reading: full disk ok
        return store

    @classmethod
    def _open(
        cls,
        data_dir: Path,
        kf: keys.KeyFile,
        slot: keys.Slot,
        unlocked: keys.Unlocked,
        session: Session,
    ) -> CounterStore:
        try:
            con = open_db(data_dir / kf.db_file, bytes(unlocked.db_key))
        except WrongSecret as exc:  # the slot opened, so the database itself is damaged
            unlocked.wipe()
            raise StoreDamaged(
                "The database file is damaged or does not belong to this key file."
            ) from exc
        try:
            binding.check(con, kf)  # before anything is written to it
            schema.migrate(con)
            if session.role == "admin":
                kf, unlocked = binding.upgrade_admin(data_dir, con, kf, unlocked)
            else:
                kf = binding.upgrade_clerk(data_dir, kf, slot, unlocked)
                unlocked = keys.Unlocked(unlocked.db_key, None)
            finish_cut_switch(data_dir, kf)
            retention.purge_at_unlock(con)  # at every unlock; the sync runs it after each pass
        except BaseException:
            con.close()
            unlocked.wipe()
            raise
        return cls(data_dir, kf, con, session, unlocked)

    def close(self) -> None:
        """Lock: close the connection and overwrite the keys we hold."""
        self._pad = self._drawn = self._target = None
        receipt_codes.for_key.cache_clear()  # the receipt key's cipher, held since unlock
        self._unlocked.wipe()
        self.con.close()

    # --- caches ------------------------------------------------------------------------
    def forget_cached(self) -> None:
        """Drop the cached settings, services and campaign: the next read sees the file.
        Whatever changes them through this store (enrolment, catalog, sync) calls it."""
        self.settings.forget()
        self.catalog.forget()

    def _version(self) -> int:
        return int(self.con.execute("PRAGMA data_version").fetchone()[0])

    def notice_changes(self) -> bool:
        """True, with the caches dropped, when another connection committed since the last
        look (``mpp-counter enrol`` in a second process while the window is open): a
        number must never be sealed to an escrow key that enrolment already destroyed."""
        version = self._version()
        if version == self._data_version:
            return False
        self._data_version = version
        self.forget_cached()
        return True

    # --- settings and catalog (cached by their repositories) ----------------------------
    def setting(self, key: str, default: str = "") -> str:
        return self.settings.get(key, default)

    def set_settings(self, values: dict[str, str]) -> None:
        """Save settings. Once enrolled, the MPP code and counter name are the central's
        (they go on every record, and the central refuses a record from elsewhere)."""
        if self.setting("device_id") and any(
            k in values and values[k] != self.setting(k) for k in ENROLLED_FIXED
        ):
            raise BadInput(
                "This counter is enrolled at the central as {mpp} / {counter}; its MPP code "
                "and counter name cannot change. A PC that moves to another counter is set "
                "up again there, after its records are sent.",
                mpp=self.setting("mpp_code"),
                counter=self.setting("counter"),
            )
        if "timezone" in values:
            values = {**values, "timezone": parse_zone(values["timezone"])}
        self.settings.save(values, actor=self.session.user)

    def services(self) -> tuple[Service, ...]:
        return self.catalog.services()

    def service(self, code: str) -> Service:
        return self.catalog.service(code)

    def campaign(self) -> Campaign:
        return self.catalog.campaign()


def _read_keys(data_dir: Path) -> keys.KeyFile:
    try:
        return keys.read(data_dir)
    except FileNotFoundError as exc:
        raise StoreMissing(
            "No store in {path}: run 'mpp-counter init' first.", path=str(data_dir)
        ) from exc
