"""The first thing a student sees: welcome and create a vault, or unlock it.

Key derivation takes ~0.1–0.3 s, so the main window runs it on the vault thread and this screen
shows a busy state; a wrong passphrase is reported inline and the field is cleared.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfcare_app.core.passphrase import check_strength
from selfcare_app.ui.actions import shortcut
from selfcare_app.ui.theme import ACCENT, HELP, OK

PRIVACY_PROMISE = (
    "Everything you write stays on this computer, in one encrypted file that only your "
    "passphrase opens. Selfcare never connects to the internet, has no account and no "
    "tracking. Nothing readable leaves the app unless you export it yourself."
)
NOT_A_DIAGNOSIS = (
    "Selfcare supports self-reflection. It is not medical advice, diagnosis or treatment, "
    "and it can't respond in an emergency. If you are in danger, use Get help now or call "
    "your local emergency number."
)
NO_RECOVERY = (
    "Your passphrase can't be recovered or reset: without it, nobody (not even us) can open "
    "your data. Choose something memorable and write it down somewhere safe."
)


def _wrap(text: str, object_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    if object_name:
        label.setObjectName(object_name)
    return label


class LockScreen(QWidget):
    unlock_requested = Signal(str)
    create_requested = Signal(str)
    help_requested = Signal()

    def __init__(self, creating: bool, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.creating = creating
        self.setObjectName("lockScreen")
        outer = QVBoxLayout(self)

        top = QHBoxLayout()
        top.addStretch(1)
        self.help_button = QPushButton("Get help now")
        self.help_button.setAccessibleName("Get help now: crisis lines, no unlock needed")
        self.help_button.setStyleSheet(
            f"QPushButton {{ color: white; background: {HELP}; padding: 6px 14px; "
            "border-radius: 4px; font-weight: bold; }")
        self.help_button.clicked.connect(self.help_requested)
        top.addWidget(self.help_button)
        outer.addLayout(top)
        outer.addStretch(1)

        card = QFrame()
        card.setObjectName("lockCard")
        card.setMaximumWidth(560)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        col = QVBoxLayout(card)
        col.setSpacing(10)
        col.setContentsMargins(28, 24, 28, 24)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        if creating:
            col.addWidget(_wrap("<h1>Welcome to Selfcare</h1>"
                                "<p>A private place to log how you're doing in under 30 seconds "
                                "a day, see your patterns, and notice early when things are "
                                "getting too much.</p>"))
            col.addWidget(_wrap(f"<b>Private by design.</b> {PRIVACY_PROMISE}"))
            col.addWidget(_wrap(f"<b>Not a diagnosis.</b> {NOT_A_DIAGNOSIS}"))
            col.addWidget(_wrap("<h3>Create your passphrase</h3>"))
        else:
            col.addWidget(_wrap("<h1>Unlock Selfcare</h1><p>Enter your passphrase to open your "
                                "encrypted vault.</p>"))

        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText("Passphrase")
        self.passphrase.setAccessibleName("Passphrase")
        col.addWidget(self.passphrase)

        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setPlaceholderText("Repeat the passphrase")
        self.confirm.setAccessibleName("Repeat the passphrase")
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(True)
        self.meter.setAccessibleName("Passphrase strength")
        self.meter_text = _wrap("")
        self.meter_text.setAccessibleName("Passphrase strength explanation")
        self.understand = QCheckBox("I understand my passphrase can't be recovered if I lose it")
        if creating:
            col.addWidget(self.confirm)
            col.addWidget(self.meter)
            col.addWidget(self.meter_text)
            col.addWidget(_wrap(f"<span style='color:{HELP}'>{NO_RECOVERY}</span>"))
            col.addWidget(self.understand)
            from selfcare_app.core.crisis import regions

            region_row = QHBoxLayout()
            region_label = QLabel("Crisis lines for:")
            self.region_box = QComboBox()
            self.region_box.setAccessibleName("Your region, for the crisis lines in Get help now")
            for code, name in regions():
                self.region_box.addItem(name, code)
            region_label.setBuddy(self.region_box)
            region_row.addWidget(region_label)
            region_row.addWidget(self.region_box, 1)
            col.addLayout(region_row)
            self.passphrase.textChanged.connect(self._update_meter)
            self.confirm.textChanged.connect(self._update_meter)
            self.understand.toggled.connect(self._update_meter)

        self.restore_button = QPushButton()
        self.restore_button.setAccessibleName("Restore the newest backup")
        self.restore_button.hide()
        col.addWidget(self.restore_button)

        self.error = _wrap("", "lockError")
        self.error.setStyleSheet(f"color: {HELP};")
        self.error.setAccessibleName("Problem")
        self.error.hide()
        col.addWidget(self.error)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(6)
        self.busy.setTextVisible(False)
        self.busy.hide()
        col.addWidget(self.busy)

        self.submit = QPushButton("Create my vault" if creating else "Unlock")
        self.submit.setDefault(True)
        self.submit.setStyleSheet(f"QPushButton {{ background: {ACCENT}; color: white; "
                                  "padding: 8px; border-radius: 4px; font-weight: bold; }"
                                  "QPushButton:disabled { background: #8aa9c1; }")
        self.submit.clicked.connect(self._on_submit)
        self.passphrase.returnPressed.connect(self._on_submit)
        self.confirm.returnPressed.connect(self._on_submit)
        col.addWidget(self.submit)
        shortcut(self, "F1", self.help_requested.emit)
        if creating:
            self._update_meter()

        if problem:
            self.show_problem(problem)
        self.passphrase.setFocus()

    def _update_meter(self) -> None:
        text = self.passphrase.text()
        strength = check_strength(text)
        self.meter.setValue(strength.score if text else 0)
        self.meter.setFormat(strength.label if text else "Strength")
        color = OK if strength.acceptable else HELP
        self.meter.setStyleSheet(f"QProgressBar::chunk {{ background: {color}; }}")
        message = strength.message if text else (
            "Use at least 10 characters. Three or four unrelated words work well.")
        if text and self.confirm.text() and self.confirm.text() != text:
            message += " The two passphrases don't match yet."
        self.meter_text.setText(message)
        self.submit.setEnabled(self._can_create())

    def _can_create(self) -> bool:
        text = self.passphrase.text()
        return (check_strength(text).acceptable and self.confirm.text() == text
                and self.understand.isChecked())

    def _on_submit(self) -> None:
        if not self.submit.isEnabled():
            return
        text = self.passphrase.text()
        if not text:
            self.show_problem("Enter your passphrase.")
            return
        if self.creating:
            if not self._can_create():
                return
            self.set_busy(True, "Creating your encrypted vault…")
            self.create_requested.emit(text)
        else:
            self.set_busy(True, "Unlocking…")
            self.unlock_requested.emit(text)

    def set_busy(self, busy: bool, message: str = "") -> None:
        self.busy.setVisible(busy)
        for w in (self.passphrase, self.confirm, self.submit, self.understand):
            w.setEnabled(not busy)
        if busy:
            self.error.hide()
            self.submit.setText(message or "Working…")
        else:
            self.submit.setText("Create my vault" if self.creating else "Unlock")
            if self.creating:
                self.submit.setEnabled(self._can_create())

    def show_problem(self, message: str) -> None:
        self.set_busy(False)
        self.error.setStyleSheet(f"color: {HELP};")
        self.error.setText(message)
        self.error.show()
        self.passphrase.clear()
        self.passphrase.setFocus()

    def set_region(self, region: str) -> None:
        if hasattr(self, "region_box"):
            self.region_box.setCurrentIndex(max(0, self.region_box.findData(region)))

    @property
    def region(self) -> str:
        return str(self.region_box.currentData()) if hasattr(self, "region_box") else ""

    def offer_restore(self, label: str) -> None:
        self.restore_button.setText(label)
        self.restore_button.show()

    def show_notice(self, message: str) -> None:
        """A neutral message (e.g. after a restore), not an error."""
        self.error.setText(message)
        self.error.setStyleSheet(f"color: {OK};")
        self.error.show()

    def clear(self) -> None:
        self.passphrase.clear()
        self.confirm.clear()
