"""Campus crisis lines on the lock screen, from the opt-in device file (data/lock_help.py).

The main window calls `attach` after building the lock screen and `locked_region`/`locked_lines`
when Get help now opens while the vault is locked. Pack text is untrusted: labels are plain text,
and numbers open only through the same checked tel:/sms: links as every crisis card.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from selfcare_app.data import lock_help
from selfcare_app.i18n import _
from selfcare_app.ui.links import open_link

if TYPE_CHECKING:
    from selfcare_app.core.crisis import CrisisLine

PANEL_NAME = "lockCampusHelp"


def locked_region(data_dir: Path) -> str:
    """The region the student chose (kept outside the vault), or "" if none was kept."""
    return lock_help.load(data_dir).region


def locked_lines(data_dir: Path) -> list[CrisisLine]:
    """The campus crisis lines the student chose to see while locked (pack order)."""
    return lock_help.load(data_dir).lines()


class LockHelpPanel(QFrame):
    """"Your campus, any time": one row per crisis line with Call and Text buttons."""

    def __init__(self, lines: list[CrisisLine], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(PANEL_NAME)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMaximumWidth(560)
        self.setAccessibleName(_("Your campus crisis lines"))
        self.buttons: list[QPushButton] = []
        col = QVBoxLayout(self)
        col.setContentsMargins(16, 10, 16, 10)
        heading = QLabel(_("Your campus, any time"))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        col.addWidget(heading)
        for line in lines:
            row = QHBoxLayout()
            text = line.name + (f" · {line.hours}" if line.hours else "")
            label = QLabel(text)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            row.addWidget(label, 1)
            if line.phone and line.tel_url():
                self._button(row, _("Call {phone}").format(phone=line.phone), line.tel_url(),
                             _("Call {name} on {phone}").format(name=line.name, phone=line.phone))
            if line.sms and line.sms_url():
                self._button(row, _("Text {number}").format(number=line.sms), line.sms_url(),
                             _("Send a text message to {name}").format(name=line.name))
            col.addLayout(row)

    def _button(self, row: QHBoxLayout, text: str, link: str, accessible: str) -> None:
        button = QPushButton(text)
        button.setAccessibleName(accessible)
        button.clicked.connect(lambda _c=False: open_link(link))
        row.addWidget(button)
        self.buttons.append(button)


def attach(lock_screen: QWidget, data_dir: Path) -> LockHelpPanel | None:
    """Add the panel under the lock screen's card, if the student opted in for any campus."""
    if not lock_help.has_lines(data_dir):
        return None  # the usual case: one stat, nothing imported
    lines = locked_lines(data_dir)
    layout = lock_screen.layout()
    if not lines or not isinstance(layout, QVBoxLayout):
        return None
    panel = LockHelpPanel(lines)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(panel, 4)
    row.addStretch(1)
    # Just below the unlock card: the outer layout ends with a stretch.
    layout.insertLayout(max(0, layout.count() - 1), row)
    return panel
