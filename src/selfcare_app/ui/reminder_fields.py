"""The daily reminder and start-at-login fields, shared by Preferences and the first run."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLabel, QTimeEdit, QWidget

from selfcare_app import autostart
from selfcare_app.core.reminders import ReminderSettings
from selfcare_app.ui.desktop_settings import DesktopSettings


class ReminderFields(QGroupBox):
    """The daily reminder and start-at-login, shared by Preferences and the first-run setup."""

    def __init__(self, current: ReminderSettings, tray: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__("Daily reminder", parent)
        form = QFormLayout(self)
        self.enabled = QCheckBox("&Remind me to check in if I haven't yet")
        self.enabled.setChecked(current.enabled)
        form.addRow(self.enabled)
        self.time = QTimeEdit(QTime(current.at.hour, current.at.minute))
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName("Reminder time")
        form.addRow("At &time", self.time)
        self.login = QCheckBox("Start Selfcare locked in the tray when I &log in")
        self.login.setChecked(autostart.supported() and autostart.is_enabled())
        self.login.setEnabled(autostart.supported())
        form.addRow(self.login)
        how = ("The reminder comes while Selfcare is running, never during a quiet period, and "
               "says nothing about you. With it on, closing the window keeps Selfcare running, "
               "locked, in the system tray.")
        if not tray:
            how = ("Your desktop shows no system tray, so the reminder appears in the Selfcare "
                   "window while it is open. It never comes during a quiet period.")
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
