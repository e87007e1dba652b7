"""The counter's store as the GUI and the CLI use it: create, unlock, record, read, lock.

One object owns one SQLCipher connection. It is not thread-safe by design: the GUI keeps
it on a single worker thread, the CLI on its main thread.
"""

from __future__ import annotations

import base64
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import IO
from zoneinfo import ZoneInfo

from ..domain import catalog as catalog_rules
from ..domain import phone as phone_rules
from ..domain.catalog import Campaign, Service
from ..domain.errors import StoreDamaged, StoreExists, StoreMissing, UnknownRecord, WrongSecret
from ..domain.records import Outcome, RecordResult, StoreStatus, VisitRow
from ..domain.slip_content import SlipContent, build_slip
from ..domain.timezones import parse_zone
from . import (
    audit,
    binding,
    clerks,
    files,
    key_pin,
    keys,
    lockout,
    os_secret,
    outbox,
    retention,
    schema,
    visits,
)
from .counter_services import CounterServices
from .db import Connection, open_db, transaction
from .rekey import finish_cut_switch, switch
from .sealing import new_keypair, public_from_b64
from .seen import SeenNumbers
from .withdrawals import Withdrawal, withdraw_by_code, withdraw_by_number, withdraw_by_receipt


def default_text(name: str) -> str:
    return resources.files("mpp_counter.resources").joinpath(name).read_text("utf-8")


@dataclass(frozen=True)
class Session:
    role: str  # "admin" | "clerk"
    user: str


class CounterStore(CounterServices):
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
        self._services: tuple[Service, ...] | None = None
        self._settings: dict[str, str] | None = None
        self._campaign: Campaign | None = None
        self._data_version = self._version()
        self.seen = SeenNumbers()  # the store worker hands in its own, kept across locks

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
            _load_catalog(con, services)
            _put_campaign(con, campaign)
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
        self._unlocked.wipe()
        self.con.close()

    # --- caches ------------------------------------------------------------------------
    def forget_cached(self) -> None:
        """Drop the cached settings, services and campaign: the next read sees the file.
        Whatever changes them through this store (enrolment, catalog, sync) calls it."""
        self._services = None
        self._settings = None
        self._campaign = None

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

    # --- settings and catalog --------------------------------------------------------
    def setting(self, key: str, default: str = "") -> str:
        if self._settings is None:  # read once: a save must not pay for it
            self._settings = dict(self.con.execute("SELECT key, value FROM settings"))
        return self._settings.get(key, default)

    def set_settings(self, values: dict[str, str]) -> None:
        if "timezone" in values:
            values = {**values, "timezone": parse_zone(values["timezone"])}
        with transaction(self.con):
            self.con.executemany(
                "INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", values.items()
            )
            audit.append(self.con, self.session.user, "settings", ",".join(sorted(values)))
        self.forget_cached()

    def services(self) -> tuple[Service, ...]:
        if self._services is None:
            self._services = tuple(
                Service(r[0], r[1], r[2], r[3], tuple(k for k in r[4].split("|") if k))
                for r in self.con.execute(
                    "SELECT code, agency_code, agency_name, name, keywords"
                    " FROM services WHERE active = 1 ORDER BY code"
                )
            )
        return self._services

    def service(self, code: str) -> Service:
        for s in self.services():
            if s.code.casefold() == code.strip().casefold():
                return s
        raise UnknownRecord("Unknown service code '{code}'.", code=code.strip()[:30])

    def campaign(self) -> Campaign:
        if self._campaign is None:
            row = self.con.execute("SELECT json FROM campaigns WHERE active = 1").fetchone()
            if not row:
                raise StoreDamaged("The store has no active survey campaign.")
            self._campaign = catalog_rules.parse_campaign(row[0])
        return self._campaign

    def _seal_target(self, campaign: Campaign) -> tuple[bytes, str]:
        if campaign.public_key:
            return public_from_b64(campaign.public_key), campaign.id
        return public_from_b64(self.setting("escrow_public_key")), "escrow"

    # --- visits ----------------------------------------------------------------------
    def record(
        self,
        service_code: str,
        outcome: Outcome,
        phone: str | None = None,
        not_asked_reason: str | None = None,
        clerk: str | None = None,
    ) -> RecordResult:
        self.notice_changes()
        campaign = self.campaign()
        if outcome is Outcome.AGREED:  # a visit without a number needs no key
            key_pin.require_sealing(self.setting(key_pin.CENTRAL_KEY), campaign)
        seal_key, sealed_to = self._seal_target(campaign)
        result = visits.record(
            self.con,
            service=self.service(service_code),
            outcome=outcome,
            phone=phone,
            not_asked_reason=not_asked_reason,
            clerk=clerk or self.session.user,
            mpp_code=self.setting("mpp_code"),
            counter=self.setting("counter"),
            campaign=campaign,
            seal_key=seal_key,
            sealed_to=sealed_to,
        )
        if phone is not None and outcome is Outcome.AGREED:
            self.seen.add(self._local_day(), phone_rules.normalize(phone))
        return result

    def _local_day(self) -> date:
        return datetime.now(UTC).astimezone(ZoneInfo(self.zone)).date()

    @property
    def zone(self) -> str:
        return self.setting("timezone", "Asia/Jakarta")

    def rows_between(self, d1: date, d2: date) -> list[VisitRow]:
        return visits.rows_between(self.con, d1, d2, self.zone)

    def visit_rows(self, visit_ids: list[str]) -> list[VisitRow]:
        """Only these visits' rows: what a save, a sync or a withdrawal changed."""
        return visits.rows_by_id(self.con, visit_ids)

    def today(self) -> list[VisitRow]:
        d = self._local_day()
        return self.rows_between(d, d)

    def export_csv(self, out: IO[str], d1: date | None = None, d2: date | None = None) -> int:
        rows = self.rows_between(d1 or date(2000, 1, 1), d2 or date(2999, 12, 31))
        n = visits.write_csv(
            out,
            rows,
            mpp_code=self.setting("mpp_code"),
            counter=self.setting("counter"),
            zone=self.zone,
        )
        audit.append_or_defer(self.con, self.session.user, "export", f"{n} rows")
        return n

    def status(self) -> StoreStatus:
        self.notice_changes()

        def one(sql: str) -> int:
            return int(self.con.execute(sql).fetchone()[0])

        last = self.setting("last_sync")
        return StoreStatus(
            visits=one("SELECT count(*) FROM visits"),
            consents=one("SELECT count(*) FROM consents"),
            withdrawn=one("SELECT count(*) FROM consents WHERE withdrawn_at IS NOT NULL"),
            pending=one("SELECT count(*) FROM outbox WHERE state IN ('pending', 'in_flight')"),
            pending_visits=outbox.pending_items(self.con),
            rejected=one("SELECT count(*) FROM outbox WHERE state = 'rejected'"),
            schema_version=schema.version(self.con),
            store_path=str(self.data_dir / self.keyfile.db_file),
            mpp_code=self.setting("mpp_code"),
            mpp_name=self.setting("mpp_name"),
            counter=self.setting("counter"),
            timezone=self.zone,
            enrolled=bool(self.setting("device_id")),
            last_sync=datetime.fromisoformat(last) if last else None,
            sealing_stopped=self.setting(key_pin.MISMATCH) or None,
        )

    def withdraw(self, code: str) -> datetime:
        return withdraw_by_receipt(
            self.con,
            code,
            clerk=self.session.user,
            mpp_code=self.setting("mpp_code"),
            counter=self.setting("counter"),
        )

    def withdraw_code(self, code: str, last4: str | None = None) -> Withdrawal:
        """By receipt code at any counter: here at once, or queued for the central."""
        return withdraw_by_code(
            self.con,
            code,
            last4,
            clerk=self.session.user,
            mpp_code=self.setting("mpp_code"),
            counter=self.setting("counter"),
        )

    def withdraw_number(self, phone: str) -> datetime:
        """The slip is lost: a withdrawal sealed like a consent, matched by the central."""
        self.notice_changes()
        campaign = self.campaign()
        key_pin.require_sealing(self.setting(key_pin.CENTRAL_KEY), campaign)
        seal_key, sealed_to = self._seal_target(campaign)
        return withdraw_by_number(
            self.con,
            phone,
            seal_key=seal_key,
            sealed_to=sealed_to,
            clerk=self.session.user,
            mpp_code=self.setting("mpp_code"),
            counter=self.setting("counter"),
        )

    def slip_content(self, code: str, *, reprint: bool = False) -> SlipContent:
        consent_id, visit_id, withdrawn = visits.find_consent(self.con, code)
        row = self.con.execute(
            "SELECT c.receipt, c.receipt_secret, c.at, c.phone_masked, v.service_code,"
            " cp.json FROM consents c JOIN visits v ON v.id = c.visit_id"
            " JOIN campaigns cp ON cp.id = c.campaign_id WHERE c.id = ?",
            (consent_id,),
        ).fetchone()
        svc = self.service(row[4])
        if reprint:
            with transaction(self.con):
                audit.append(self.con, self.session.user, "reprint", f"receipt {row[0]}")
        return build_slip(
            mpp_name=self.setting("mpp_name"),
            counter=self.setting("counter"),
            at=datetime.fromisoformat(row[2]),
            zone=self.zone,
            service=svc.name,
            agency=svc.agency_name,
            phone_masked=row[3],
            campaign=catalog_rules.parse_campaign(row[5]),
            receipt=row[0],
            secret=row[1],
            base_url=self.setting("central_url") or None,
            withdrawn_at=datetime.fromisoformat(withdrawn) if withdrawn else None,
            reprint=reprint,
        )

    # --- clerks and keys ---------------------------------------------------------------
    def _require_admin(self) -> None:
        if self.session.role != "admin":
            raise WrongSecret("Only the administrator can do this.")

    def add_clerk(self, name: str, pin: str) -> None:
        self._require_admin()
        clerks.set_clerk(self, name, pin, replace_existing=False)

    def remove_clerk(self, name: str) -> None:
        """For good: a new key and generation sealed only to the slots that stay."""
        self._require_admin()
        clerks.remove_clerk(self, name)

    def reset_pin(self, name: str, pin: str) -> None:
        self._require_admin()
        clerks.set_clerk(self, name, pin, replace_existing=True)

    def rekey(self) -> None:
        self._require_admin()
        self._switch(self.keyfile.slots, "rekey", f"generation {self.keyfile.generation + 1}")

    def _signed(self, kf: keys.KeyFile) -> keys.KeyFile:
        """``kf`` signed with this administrator session's key (enrolment uses it)."""
        self._require_admin()
        if self._unlocked.sign_key is None:
            raise WrongSecret("Only the administrator can do this.")
        return kf.signed(self._unlocked.sign_key)

    def _switch(self, slots: tuple[keys.Slot, ...], action: str, detail: str) -> None:
        """One generation switch with its audit row (store/rekey.py)."""
        self.con, self.keyfile = switch(
            self.data_dir,
            self.con,
            self.keyfile,
            self._unlocked,
            slots,
            actor=self.session.user,
            action=action,
            detail=detail,
        )
        files.secure_folder(self.data_dir)

    def audit_verify(self) -> tuple[int, list[audit.AuditProblem]]:
        return audit.verify(self.con)


def _read_keys(data_dir: Path) -> keys.KeyFile:
    try:
        return keys.read(data_dir)
    except FileNotFoundError as exc:
        raise StoreMissing(
            "No store in {path}: run 'mpp-counter init' first.", path=str(data_dir)
        ) from exc


def _load_catalog(con: Connection, services: tuple[Service, ...]) -> None:
    con.execute("UPDATE services SET active = 0")
    con.executemany(
        "INSERT OR REPLACE INTO services(code, agency_code, agency_name, name, keywords, active)"
        " VALUES (?, ?, ?, ?, ?, 1)",
        [(s.code, s.agency_code, s.agency_name, s.name, "|".join(s.keywords)) for s in services],
    )


def _put_campaign(con: Connection, campaign: Campaign) -> None:
    con.execute("UPDATE campaigns SET active = 0")
    con.execute(
        "INSERT OR REPLACE INTO campaigns(id, json, notice_hash, active) VALUES (?, ?, ?, 1)",
        (campaign.id, catalog_rules.campaign_to_json(campaign), campaign.notice_hash),
    )
