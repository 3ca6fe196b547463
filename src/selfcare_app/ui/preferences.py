"""Preferences: auto-lock, crisis-line region and name for summaries (in the vault); appearance,
the daily reminder and starting at login (outside it, because a locked app needs them)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from selfcare_app.core.crisis import normalize_region, regions
from selfcare_app.core.settings_model import SPECS, SettingError, SettingKey
from selfcare_app.data.errors import VaultError
from selfcare_app.i18n import N_, _
from selfcare_app.ui.reminder_fields import ReminderFields

if TYPE_CHECKING:
    from selfcare_app.data.vault import Vault
    from selfcare_app.ui.desktop_settings import DesktopSettings
    from selfcare_app.ui.reminders import ReminderController
    from selfcare_app.ui.session import VaultSession


class PreferencesDialog(QDialog):
    """`data_dir` is the `--data-dir` a start at login needs (None for the default folder)."""

    def __init__(self, session: VaultSession, desktop: DesktopSettings,
                 reminders: ReminderController, data_dir: Path | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.desktop, self.reminders = session, desktop, reminders
        self.data_dir = data_dir
        self.setWindowTitle(_("Preferences"))
        values = session.run(lambda v: v.settings.all())
        form = QFormLayout()
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(1, 120)
        self.auto_lock.setSuffix(_(" min"))
        self.auto_lock.setValue(int(values.get("auto_lock_minutes") or 5))
        self.auto_lock.setAccessibleName(_("Lock automatically after minutes without input"))
        form.addRow(_("Loc&k after no activity for"), self.auto_lock)
        self.region_box = QComboBox()
        for code, name in regions():
            self.region_box.addItem(name, code)
        self.region_box.setCurrentIndex(
            max(0, self.region_box.findData(normalize_region(values.get("region") or ""))))
        self.region_box.setAccessibleName(_("Region for crisis lines"))
        form.addRow(_("&Crisis lines for"), self.region_box)
        self.display_name = QLineEdit(str(values.get("display_name") or ""))
        self.display_name.setMaxLength(SPECS["display_name"].max_length or 80)
        self.display_name.setPlaceholderText(_("name or initials (optional)"))
        self.display_name.setMaxLength(80)
        self.display_name.setAccessibleName(_("Name or initials for counselor summaries"))
        form.addRow(_("&Name on summaries"), self.display_name)
        self.theme = QComboBox()
        for value, label in THEME_CHOICES:
            self.theme.addItem(_(label), value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(desktop.theme)))
        self.theme.setAccessibleName(_("Appearance"))
        form.addRow(_("A&ppearance"), self.theme)
        reminder_box = ReminderFields(desktop.reminder, tray=reminders.has_tray)
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
        changes: dict[SettingKey, object] = {
            "auto_lock_minutes": self.auto_lock.value(),
            "region": self.region,
            "display_name": self.display_name.text().strip(),
        }

        def store(vault: Vault) -> None:
            for key, value in changes.items():
                vault.settings.set(key, value)

        try:
            self.session.run(store)
        except (VaultError, SettingError) as exc:
            QMessageBox.warning(self, _("Not saved"), str(exc))
            return
        try:
            self.reminder.save(self.desktop, self.data_dir)
        except OSError as exc:
            QMessageBox.warning(self, _("Start at login not changed"), str(exc))
            return
        from PySide6.QtWidgets import QApplication

        from selfcare_app.ui.theme import apply_theme

        theme = str(self.theme.currentData())
        self.desktop.theme = theme
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        self.reminders.apply_settings()
        self.session.notify("settings")
        self.accept()


THEME_CHOICES = (("system", N_("Follow the system")), ("light", N_("Light")), ("dark", N_("Dark")),
                 ("high-contrast", N_("High contrast")))
