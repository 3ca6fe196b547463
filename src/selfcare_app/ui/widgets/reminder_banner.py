"""The daily reminder as a banner at the top of the window, above the lock screen or the pages,
for desktops without a tray: it stays until the student checks in or dismisses it (a status
line would vanish after a minute)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from selfcare_app.i18n import _
from selfcare_app.ui.announce import announce
from selfcare_app.ui.theme import set_role


class ReminderBanner(QFrame):
    check_in_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("reminderBanner")
        self.setAccessibleName(_("Reminder"))
        set_role(self, "alert-box")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 8, 6)
        self.text = QLabel()
        self.text.setWordWrap(True)
        row.addWidget(self.text, 1)
        self.check_in = QPushButton(_("Check in now"))
        self.check_in.clicked.connect(self._check_in)
        row.addWidget(self.check_in)
        self.dismiss = QPushButton(_("Dismiss"))
        self.dismiss.setAccessibleName(_("Dismiss the reminder"))
        self.dismiss.clicked.connect(self.hide)
        row.addWidget(self.dismiss)
        self.hide()

    def show_text(self, text: str) -> None:
        self.text.setText(text)
        self.show()
        announce(self.text, text)

    def _check_in(self) -> None:
        self.hide()
        self.check_in_requested.emit()
