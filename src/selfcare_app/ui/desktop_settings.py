"""Settings needed before unlock, in the data folder's window.ini (nothing the student wrote).

Holds the window geometry, the appearance and the reminder time: the lock screen must be drawn
in the chosen theme and a locked app must know when to remind. The Privacy page lists them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:
    from selfcare_app.core.reminders import ReminderSettings

THEMES = ("system", "light", "dark", "high-contrast")


class DesktopSettings:
    def __init__(self, path: Path) -> None:
        self.path = path

    def _q(self) -> QSettings:
        return QSettings(str(self.path), QSettings.Format.IniFormat)

    def _set(self, key: str, value: object) -> None:
        if not self.path.parent.exists():
            return  # no data folder yet (first run, or after delete everything): keep nothing
        q = self._q()
        q.setValue(key, value)
        q.sync()

    @property
    def theme(self) -> str:
        value = str(self._q().value("appearance/theme", "system"))
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        if value not in THEMES:
            raise ValueError(f"Unknown appearance {value!r}.")
        self._set("appearance/theme", value)

    @property
    def reminder(self) -> ReminderSettings:
        from selfcare_app.core.reminders import ReminderSettings  # not needed to draw the lock

        q = self._q()
        enabled, at = q.value("reminder/enabled", "false"), q.value("reminder/time", "")
        return ReminderSettings.from_strings(str(enabled), str(at) if at else None)

    @reminder.setter
    def reminder(self, value: ReminderSettings) -> None:
        from selfcare_app.core.reminders import format_time

        self._set("reminder/enabled", "true" if value.enabled else "false")
        self._set("reminder/time", format_time(value.at))

    @property
    def tray_hint_shown(self) -> bool:
        return str(self._q().value("reminder/tray_hint_shown", "false")) == "true"

    @tray_hint_shown.setter
    def tray_hint_shown(self, value: bool) -> None:
        self._set("reminder/tray_hint_shown", "true" if value else "false")

    @property
    def geometry(self) -> QByteArray | None:
        value = self._q().value("geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._set("geometry", value)
