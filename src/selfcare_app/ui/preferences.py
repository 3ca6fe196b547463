"""Preferences stored in the vault: auto-lock, region for crisis lines, name for summaries."""

from __future__ import annotations

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
)

from selfcare_app.core.crisis import normalize_region, regions
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
        form.addRow("Lock after no activity for", self.auto_lock)
        self.region_box = QComboBox()
        for code, name in regions():
            self.region_box.addItem(name, code)
        self.region_box.setCurrentIndex(
            max(0, self.region_box.findData(normalize_region(values.get("region") or ""))))
        self.region_box.setAccessibleName("Region for crisis lines")
        form.addRow("Crisis lines for", self.region_box)
        self.display_name = QLineEdit(str(values.get("display_name") or ""))
        self.display_name.setPlaceholderText("name or initials (optional)")
        self.display_name.setMaxLength(80)
        self.display_name.setAccessibleName("Name or initials for counselor summaries")
        form.addRow("Name on summaries", self.display_name)
        self.theme = QComboBox()
        for value, label in (("system", "Follow the system"), ("light", "Light"),
                             ("dark", "Dark")):
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(values.get("theme") or "system")))
        form.addRow("Appearance", self.theme)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @property
    def region(self) -> str:
        return str(self.region_box.currentData())

    def _save(self) -> None:
        changes = {
            "auto_lock_minutes": self.auto_lock.value(),
            "region": self.region,
            "display_name": self.display_name.text().strip(),
            "theme": str(self.theme.currentData()),
        }

        def store(vault: object) -> None:
            for key, value in changes.items():
                vault.settings.set(key, value)  # type: ignore[attr-defined]

        try:
            self.window_.session.run(store)
        except VaultError as exc:
            QMessageBox.warning(self, "Not saved", str(exc))
            return
        from PySide6.QtWidgets import QApplication

        from selfcare_app.ui.theme import apply_theme

        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, str(changes["theme"]))
        self.window_.session.notify("settings")
        self.accept()
