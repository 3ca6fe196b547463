"""The daily reminder and start-at-login fields, shared by Preferences and the first run."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from selfcare_app import autostart
from selfcare_app.core.reminders import ReminderSettings
from selfcare_app.i18n import _
from selfcare_app.ui.desktop_settings import DesktopSettings


def parse_typed_time(text: str) -> QTime | None:
    """"17:26", "17.26", "1726", "9:05", "9" and "5:30 pm" are times; anything else None."""
    s = text.strip().lower().replace(".", ":").replace(" ", "")
    pm, am = s.endswith("pm"), s.endswith("am")
    s = s.removesuffix("pm").removesuffix("am")
    if ":" in s:
        hours, _sep, minutes = s.partition(":")
    elif s.isdigit() and len(s) in (3, 4):
        hours, minutes = s[:-2], s[-2:]
    else:
        hours, minutes = s, "0"
    if not (hours.isdigit() and minutes.isdigit()):
        return None
    h, m = int(hours), int(minutes)
    if pm or am:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if pm else 0)
    if not (0 <= h <= 23 and 0 <= m <= 59):
        return None
    return QTime(h, m)


class TimeField(QLineEdit):
    """A time of day typed freely ("17:26" stays "17:26"); shown back as HH:MM when the field
    is left. `time()` is the last valid time typed."""

    def __init__(self, at: QTime) -> None:
        super().__init__(at.toString("HH:mm"))
        self._time = at
        self.setMaxLength(8)
        self.setPlaceholderText(_("HH:MM"))
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("00:00 pm") + 24)
        self.problem = ""
        self.textEdited.connect(self._on_text)
        self.editingFinished.connect(self._tidy)

    def _on_text(self, text: str) -> None:
        parsed = parse_typed_time(text)
        if parsed is not None:
            self._time = parsed
            self.problem = ""
        else:
            self.problem = _("“{text}” is not a time; type it as HH:MM, for example 20:00.").format(
                text=text)
        self.setAccessibleDescription(self.problem)
        self.setToolTip(self.problem)

    def _tidy(self) -> None:
        if parse_typed_time(self.text()) is not None:
            self.setText(self._time.toString("HH:mm"))

    def time(self) -> QTime:
        return self._time

    def setTime(self, at: QTime) -> None:  # noqa: N802 (the QTimeEdit name, kept for callers)
        self._time = at
        self.problem = ""
        self.setText(at.toString("HH:mm"))


class ReminderFields(QGroupBox):
    """The daily reminder and start-at-login, shared by Preferences and the first-run setup."""

    def __init__(self, current: ReminderSettings, tray: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Daily reminder"), parent)
        form = QFormLayout(self)
        self.enabled = QCheckBox(_("&Remind me to check in if I haven't yet"))
        self.enabled.setChecked(current.enabled)
        form.addRow(self.enabled)
        self.time = TimeField(QTime(current.at.hour, current.at.minute))
        self.time.setAccessibleName(_("Reminder time"))
        form.addRow(_("At &time"), self.time)
        self.login = QCheckBox(_("Start Selfcare locked in the tray when I &log in"))
        self.login.setChecked(autostart.supported() and autostart.is_enabled())
        self.login.setEnabled(autostart.supported())
        form.addRow(self.login)
        how = _("The reminder comes while Selfcare is running, never during a quiet period, "
                "and says nothing about you. With it on, closing the window keeps Selfcare "
                "running, locked, in the system tray.")
        if not tray:
            how = _("Your desktop shows no system tray, so while Selfcare is open the reminder "
                    "appears at the top of its window and as a desktop notification. It never "
                    "comes during a quiet period.")
        note = QLabel(how)
        note.setWordWrap(True)
        form.addRow(note)
        self.enabled.toggled.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        self.time.setEnabled(self.enabled.isChecked())

    @property
    def value(self) -> ReminderSettings:
        at = self.time.time()
        return ReminderSettings(self.enabled.isChecked(), time(at.hour(), at.minute()))

    def save(self, desktop: DesktopSettings, data_dir: Path | None) -> None:
        """Store the reminder; create or remove the login entry (may raise OSError)."""
        desktop.reminder = self.value
        if not autostart.supported():
            return
        if self.login.isChecked() and not autostart.is_enabled():
            autostart.enable(autostart.app_command(data_dir))
        elif not self.login.isChecked():
            autostart.disable()
