"""A small modal note while a slow vault job runs on the vault thread (restore, passphrase
change, delete everything): says what is happening, with a moving bar, and can't be closed
halfway; the window stays responsive behind it (F1 still opens Get help now)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from selfcare_app.i18n import _
from selfcare_app.ui.announce import announce

BUSY_DIALOG_NAME = "busyDialog"


class BusyDialog(QProgressDialog):
    """One per window, hidden between jobs (never deleted: Get help now opened from it with
    F1 is its child, and must outlive the job)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(BUSY_DIALOG_NAME)
        self.setWindowTitle(_("Please wait"))
        self.setCancelButton(None)  # the file is being rewritten: stopping halfway can't help
        self.setRange(0, 0)  # no steps to count: a moving bar
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(360)
        self.setAccessibleName(_("Please wait"))
        self.reset()  # stops the timer that would show it by itself after minimumDuration
        self.hide()

    def start(self, text: str) -> None:
        self.setLabelText(text)
        self.setAccessibleDescription(text)
        self.setValue(0)
        self.show()
        self.raise_()
        announce(self, text)

    def reject(self) -> None:
        """Escape doesn't hide it: it closes itself when the job is done."""

    def finish(self) -> None:
        self.hide()
