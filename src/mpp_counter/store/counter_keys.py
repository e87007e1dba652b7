"""Clerks, keys and the audit log: a part of ``CounterStore`` (parts.py), administrator
only. Each slot change is one generation switch (clerks.py, rekey.py)."""

from __future__ import annotations

from ..domain.errors import WrongSecret
from . import audit, clerks, files, keys
from .parts import StoreParts
from .rekey import switch


class CounterKeys:
    def _require_admin(self: StoreParts) -> None:
        if self.session.role != "admin":
            raise WrongSecret("Only the administrator can do this.")

    def add_clerk(self: StoreParts, name: str, pin: str) -> None:
        self._require_admin()
        clerks.set_clerk(self, name, pin, replace_existing=False)

    def remove_clerk(self: StoreParts, name: str) -> None:
        """For good: a new key and generation sealed only to the slots that stay."""
        self._require_admin()
        clerks.remove_clerk(self, name)

    def reset_pin(self: StoreParts, name: str, pin: str) -> None:
        self._require_admin()
        clerks.set_clerk(self, name, pin, replace_existing=True)

    def rekey(self: StoreParts) -> None:
        self._require_admin()
        self._switch(self.keyfile.slots, "rekey", f"generation {self.keyfile.generation + 1}")

    def _signed(self: StoreParts, kf: keys.KeyFile) -> keys.KeyFile:
        """``kf`` signed with this administrator session's key (enrolment uses it)."""
        self._require_admin()
        if self._unlocked.sign_key is None:
            raise WrongSecret("Only the administrator can do this.")
        return kf.signed(self._unlocked.sign_key)

    def _switch(self: StoreParts, slots: tuple[keys.Slot, ...], action: str, detail: str) -> None:
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

    def audit_verify(self: StoreParts) -> tuple[int, list[audit.AuditProblem]]:
        return audit.verify(self.con)

    def audit_rows(self: StoreParts, limit: int = 200) -> list[tuple[str, str, str, str]]:
        """The newest audit rows (at, actor, action, detail), newest first."""
        return audit.rows(self.con, limit)
