"""Key/value settings stored in the vault as JSON, with defaults declared here in code.

The only module that writes `setting` (imports use `write_imported`)."""

from __future__ import annotations

import json
from collections.abc import Mapping
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


_UPSERT: Final = ("INSERT INTO setting (key, value) VALUES (?, ?) "
                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value")


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def write_imported(con: Any, values: Mapping[str, Any]) -> None:
    """Store planned import values inside the caller's transaction (already validated)."""
    con.executemany(_UPSERT, [(k, _dump(v)) for k, v in values.items()])


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
        with self._vault.transaction() as con:
            con.execute(_UPSERT, (key, _dump(value)))

    def delete(self, key: str) -> None:
        with self._vault.transaction() as con:
            con.execute("DELETE FROM setting WHERE key = ?", (key,))

    def stored(self) -> dict[str, Any]:
        """Exactly what the vault holds, without defaults (exports and imports compare it)."""
        return {k: json.loads(v) for k, v in self._vault.connection.execute(
            "SELECT key, value FROM setting ORDER BY key")}

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
