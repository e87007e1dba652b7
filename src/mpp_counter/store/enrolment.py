"""Keeping an enrolment inside the encrypted store, and retiring the escrow key.

Until a counter is enrolled its numbers are sealed to a local escrow key whose private
half only the administrator's slot holds. Enrolment brings the campaign's public key:
every escrow-sealed number is re-sealed to it and the escrow key is destroyed. The
order makes a crash harmless: first ONE database transaction (re-seal, device id and
token, campaign, escrow public key removed); only then the key file is rewritten without
the escrow private half. A crash between the two leaves an escrow key that opens
nothing any more; :func:`finish_escrow_removal` (run by enrolment itself and by every
``enrol``/``sync`` command, which unlock as the administrator) completes the removal.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from ..domain import catalog as catalog_rules
from ..domain.catalog import Campaign
from ..domain.errors import StoreDamaged, WrongSecret
from ..domain.key_fingerprint import fingerprint
from ..protocol.sealed import public_from_b64, seal, unseal
from . import audit, key_pin, keys, outbox
from .catalog_repo import put_campaign
from .counter import CounterStore
from .db import transaction

ESCROW = "escrow"
_SEALED_TABLES = (("saves", "seq"), ("withdrawals", "id"))  # (table, key)


@dataclass(frozen=True)
class EnrolmentInfo:
    """What the administrator's enrolment page shows; empty strings when not enrolled."""

    central_url: str
    device_id: str
    campaign_id: str
    campaign_name: str
    last_sync: datetime | None
    zone: str

    @property
    def enrolled(self) -> bool:
        return bool(self.device_id)


def enrolment_info(store: CounterStore) -> EnrolmentInfo:
    store.notice_changes()  # an enrolment made meanwhile by ``mpp-counter enrol`` shows too
    campaign = store.campaign()
    last = store.setting("last_sync")
    return EnrolmentInfo(
        store.setting("central_url"),
        store.setting("device_id"),
        campaign.id,
        campaign.name,
        datetime.fromisoformat(last) if last else None,
        store.zone,
    )


def save_enrolment(
    store: CounterStore, *, device_id: str, token: str, central_url: str, campaign: Campaign
) -> int:
    """Keep the enrolment and re-seal escrow numbers to the campaign; returns how many."""
    if store.session.role != "admin":
        raise WrongSecret("Only the administrator can enrol this counter.")
    if not campaign.public_key:
        raise StoreDamaged("The central sent a campaign without a public key.")
    target = public_from_b64(campaign.public_key)
    target_key = fingerprint(campaign.public_key)
    escrow = store._unlocked.escrow_private  # noqa: SLF001 - the admin session's own key
    con = store.con
    resealed = 0
    with transaction(con):
        for table, key in _SEALED_TABLES:
            rows = con.execute(
                f"SELECT {key}, phone_sealed FROM {table}"  # noqa: S608
                " WHERE sealed_to = ? AND phone_sealed IS NOT NULL",
                (ESCROW,),
            ).fetchall()
            if rows and escrow is None:
                raise StoreDamaged(
                    "Numbers are sealed to the escrow key but this session "
                    "does not hold it; unlock with the administrator "
                    "passphrase."
                )
            for rid, blob in rows:
                number = unseal(bytes(escrow), bytes(blob))  # type: ignore[arg-type]
                con.execute(
                    f"UPDATE {table} SET phone_sealed = ?, sealed_to = ?,"  # noqa: S608
                    f" sealed_key = ? WHERE {key} = ?",
                    (seal(target, number), campaign.id, target_key, rid),
                )
                del number
                resealed += 1
        con.executemany(
            "INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
            [("device_id", device_id), ("device_token", token), ("central_url", central_url)],
        )
        con.execute("DELETE FROM settings WHERE key = 'escrow_public_key'")
        put_campaign(con, campaign)
        # the central's own answer: the key every later catalog answer is compared with
        key_pin.record_central_key(con, store.session.user, campaign, target_key)
        # A batch in flight under a former enrolment is sent again in new batches: the
        # central dedups by record id, and a batch id is bound to the device that used it.
        outbox.requeue_in_flight(con)
        audit.append(
            con,
            store.session.user,
            "enrol",
            f"device {device_id}, campaign {campaign.id}, {resealed} numbers re-sealed",
        )
    store.forget_cached()
    finish_escrow_removal(store)
    return resealed


def finish_escrow_removal(store: CounterStore) -> bool:
    """Rewrite keys.json without the escrow private half once nothing needs it."""
    if store.setting("escrow_public_key") or not store.setting("device_id"):
        return False  # not enrolled yet: the escrow key is still the only way to seal
    admin = store.keyfile.slot(keys.ADMIN_SLOT)
    if admin.sealed_escrow is None:
        return False
    slots = tuple(
        replace(s, sealed_escrow=None) if s.id == admin.id else s for s in store.keyfile.slots
    )
    kf = store._signed(replace(store.keyfile, slots=slots))  # noqa: SLF001
    keys.write(store.data_dir, kf)
    keys.write(store.data_dir, kf)  # twice: keys.json.prev must not keep the escrow either
    store.keyfile = kf
    buf = store._unlocked.escrow_private  # noqa: SLF001
    if buf is not None:
        buf[:] = bytes(len(buf))
    store._unlocked = replace(store._unlocked, escrow_private=None)  # noqa: SLF001
    return True


def campaign_from_answer(doc: object) -> Campaign:
    """The campaign of an enrolment answer, with the same rules as a campaign file."""
    if not isinstance(doc, dict):
        raise StoreDamaged("The central sent no campaign.")
    campaign = catalog_rules.campaign_from(doc)
    if campaign.public_key is None:
        raise StoreDamaged("The central sent a campaign without a public key.")
    public_from_b64(campaign.public_key)
    return campaign
