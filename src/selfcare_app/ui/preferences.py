"""Preferences: auto-lock, crisis-line region and name for summaries (in the vault); appearance,
the daily reminder and starting at login (outside it, because a locked app needs them)."""

from __future__ import annotations

from datetime import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from selfcare_app import autostart
from selfcare_app.core.crisis import normalize_region, regions
from selfcare_app.core.reminders import ReminderSettings
from selfcare_app.data.errors import VaultError

if TYPE_CHECKING:
    from selfcare_app.ui.main_window import MainWindow


class PreferencesDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Preferences")
        values = window.session.run(lambda v: v.settings.all())
        form = QFormLayout()
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(1, 120)
        self.auto_lock.setSuffix(" min")
        self.auto_lock.setValue(int(values.get("auto_lock_minutes") or 5))
        self.auto_lock.setAccessibleName("Lock automatically after minutes without input")
        form.addRow("Loc&k after no activity for", self.auto_lock)
        self.region_box = QComboBox()
        for code, name in regions():
            self.region_box.addItem(name, code)
        self.region_box.setCurrentIndex(
            max(0, self.region_box.findData(normalize_region(values.get("region") or ""))))
        self.region_box.setAccessibleName("Region for crisis lines")
        form.addRow("&Crisis lines for", self.region_box)
        self.display_name = QLineEdit(str(values.get("display_name") or ""))
        self.display_name.setPlaceholderText("name or initials (optional)")
        self.display_name.setMaxLength(80)
        self.display_name.setAccessibleName("Name or initials for counselor summaries")
        form.addRow("&Name on summaries", self.display_name)
        self.theme = QComboBox()
        for value, label in THEME_CHOICES:
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(window.desktop.theme)))
        self.theme.setAccessibleName("Appearance")
        form.addRow("A&ppearance", self.theme)
        reminder_box = ReminderFields(window.desktop.reminder,
                                      tray=window.reminders.has_tray)
        self.reminder = reminder_box
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(reminder_box)
        layout.addWidget(buttons)

    @property
    def region(self) -> str:
        return str(self.region_box.currentData())

    def _save(self) -> None:
        changes = {
            "auto_lock_minutes": self.auto_lock.value(),
            "region": self.region,
            "display_name": self.display_name.text().strip(),
        }

        def store(vault: object) -> None:
            for key, value in changes.items():
                vault.settings.set(key, value)  # type: ignore[attr-defined]

        try:
            self.window_.session.run(store)
        except VaultError as exc:
            QMessageBox.warning(self, "Not saved", str(exc))
            return
        try:
            self.reminder.save(self.window_)
        except OSError as exc:
            QMessageBox.warning(self, "Start at login not changed", str(exc))
            return
        from PySide6.QtWidgets import QApplication

        from selfcare_app.ui.theme import apply_theme

        theme = str(self.theme.currentData())
        self.window_.desktop.theme = theme
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        self.window_.reminders.apply_settings()
        self.window_.session.notify("settings")
        self.accept()


THEME_CHOICES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"),
                 ("high-contrast", "High contrast"))


class ReminderFields(QGroupBox):
    """The daily reminder and start-at-login, shared by Preferences and the first-run setup."""

    def __init__(self, current: ReminderSettings, tray: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__("Daily reminder", parent)
        form = QFormLayout(self)
        self.enabled = QCheckBox("&Remind me to check in if I haven't yet")
        self.enabled.setChecked(current.enabled)
        self.enabled.setAccessibleName("Daily check-in reminder")
        form.addRow(self.enabled)
        self.time = QTimeEdit(QTime(current.at.hour, current.at.minute))
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName("Reminder time")
        form.addRow("At &time", self.time)
        self.login = QCheckBox("Start Selfcare locked in the tray when I &log in")
        self.login.setAccessibleName("Start at login")
        self.login.setChecked(autostart.supported() and autostart.is_enabled())
        self.login.setEnabled(autostart.supported())
        form.addRow(self.login)
        how = ("The reminder comes while Selfcare is running, never during a quiet period, and "
               "says nothing about you. Closing the window keeps Selfcare locked in the tray.")
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

    def save(self, window: MainWindow) -> None:
        window.desktop.reminder = self.value
        if not autostart.supported():
            return
        if self.login.isChecked() and not autostart.is_enabled():
            autostart.enable(autostart.app_command(window.data_dir_argument()))
        elif not self.login.isChecked():
            autostart.disable()
