"""Key/value settings stored in the vault as JSON, with defaults declared here in code."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from selfcare_app.data.vault import Vault

# Appearance and the reminder time live outside the vault (ui/desktop_settings.py): the lock
# screen and a locked app need them.
DEFAULTS: Final[dict[str, Any]] = {
    "auto_lock_minutes": 5,
    "region": "",
    "display_name": "",
    "last_backup_day": "",
    "rules": {},  # rule overrides only: {"L1": {"enabled": false, ...}} (core/rules/config.py)
}


class SettingsRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def get(self, key: str, default: Any = None) -> Any:
        row = self._vault.connection.execute(
            "SELECT value FROM setting WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            return DEFAULTS.get(key, default) if default is None else default
        return json.loads(row[0])

    def set(self, key: str, value: Any) -> None:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
        with self._vault.transaction() as con:
            con.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, text),
            )

    def delete(self, key: str) -> None:
        with self._vault.transaction() as con:
            con.execute("DELETE FROM setting WHERE key = ?", (key,))

    def all(self) -> dict[str, Any]:
        values = dict(DEFAULTS)
        for key, text in self._vault.connection.execute("SELECT key, value FROM setting"):
            values[key] = json.loads(text)
        return values
