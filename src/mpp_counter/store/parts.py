"""What the parts of ``CounterStore`` (counter_*.py) may use of it: the facade's wiring.

``CounterStore`` (counter.py) opens, locks and wires the repositories; the parts are
mixins that each keep one area's operations (visits, withdrawals, clerks and keys,
the counter screen's services) out of that file. They reach the database only through
the facade's connection and repositories, so store/ stays the one front door.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..domain.catalog import Campaign, Service
    from ..domain.timezones import LocalDays
    from ..protocol.seal_pad import SealPad
    from . import keys
    from .catalog_repo import Catalog
    from .db import Connection
    from .outbox_repo import Outbox
    from .seen import SeenNumbers
    from .settings_repo import Settings
    from .visits import Drawn, SaveTarget


class Session(Protocol):
    @property
    def role(self) -> str: ...
    @property
    def user(self) -> str: ...


class StoreParts(Protocol):
    data_dir: Path
    keyfile: keys.KeyFile
    con: Connection
    seen: SeenNumbers
    settings: Settings
    catalog: Catalog
    outbox: Outbox
    _unlocked: keys.Unlocked
    _pad: SealPad | None
    _drawn: Drawn | None
    _data_version: int
    _days: LocalDays
    _target: tuple[tuple[int, int], SaveTarget] | None

    @property
    def session(self) -> Session: ...
    @property
    def zone(self) -> str: ...
    def setting(self, key: str, default: str = "") -> str: ...
    def set_settings(self, values: dict[str, str]) -> None: ...
    def services(self) -> tuple[Service, ...]: ...
    def service(self, code: str) -> Service: ...
    def campaign(self) -> Campaign: ...
    def notice_changes(self) -> bool: ...
    def forget_cached(self) -> None: ...
    def _require_admin(self) -> None: ...
    def _local_day(self, now: datetime | None = None) -> date: ...
    def _seal_target(self, campaign: Campaign) -> tuple[bytes, str]: ...
    def _save_target(self) -> SaveTarget: ...
    def _switch(self, slots: tuple[keys.Slot, ...], action: str, detail: str) -> None: ...
