"""Key/value settings stored in the vault as JSON, with defaults declared here in code."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

from selfcare_app.core.settings_model import (
    SPECS,
    SettingKey,
    coerce_setting,
    default,
    validate_setting,
)

if TYPE_CHECKING:
    from selfcare_app.data.vault import Vault

# Appearance and the reminder time live outside the vault (ui/desktop_settings.py): the lock
# screen and a locked app need them.
# Types and ranges: core/settings_model.py. "rules" holds early-warning overrides only:
# {"L1": {"enabled": false, ...}} (core/rules/config.py).
DEFAULTS: Final[dict[str, Any]] = {key: default(key) for key in SPECS}


class SettingsRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def get(self, key: SettingKey, default: Any = None) -> Any:
        row = self._vault.connection.execute(
            "SELECT value FROM setting WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            return DEFAULTS.get(key, default) if default is None else default
        return _load(key, row[0])

    def set(self, key: SettingKey, value: Any) -> None:
        value = validate_setting(key, value)  # SettingError (a ValueError) when out of range
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
            values[key] = _load(key, text)
        return values


def _load(key: str, text: str) -> Any:
    """A stored value, made safe: unreadable or out of range gives the default."""
    try:
        value = json.loads(text)
    except ValueError:
        return DEFAULTS.get(key)
    return coerce_setting(key, value)
