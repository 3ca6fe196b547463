"""Under a finding's suggestion: the student's own people (first for "less contact" and "gone
quiet") and the practices that went with their better days, with a way to My people."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from selfcare_app.core.own_support import PEOPLE_FIRST, OwnSupport
from selfcare_app.i18n import _


class OwnSupportRow(QWidget):
    def __init__(self, support: OwnSupport, rule: str, session: Any,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.support = support
        self.session = session
        self.setObjectName(f"ownSupport-{rule}")
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 2, 0, 0)
        col.setSpacing(2)
        self.text = QLabel("\n".join(support.lines))
        self.text.setTextFormat(self.text.textFormat().PlainText)
        self.text.setWordWrap(True)
        col.addWidget(self.text)
        self.people_button: QPushButton | None = None
        if rule in PEOPLE_FIRST:
            row = QHBoxLayout()
            self.people_button = QPushButton(_("My people…"))
            self.people_button.setFlat(True)
            self.people_button.setAccessibleName(_("Open My people: whom you can turn to"))
            self.people_button.clicked.connect(self.open_people)
            row.addWidget(self.people_button)
            row.addStretch(1)
            col.addLayout(row)
        self.setAccessibleName(" ".join(support.lines))

    def open_people(self) -> None:
        from selfcare_app.ui.dialogs.people_dialog import PeopleDialog

        PeopleDialog(self.session, self.window()).exec()


def attach_own_support(row: Any, session: Any) -> OwnSupportRow | None:
    """Hook for the findings card: add the row under a finding (not the safety card)."""
    if getattr(row, "record", None) is None:
        return None
    rule = row.finding.rule
    from selfcare_app.data.errors import VaultError
    from selfcare_app.data.people import own_support_for

    try:
        support = session.run(lambda v: own_support_for(v, rule))
    except VaultError:
        return None
    if not support:
        return None
    widget = OwnSupportRow(support, rule, session)
    row.col.addWidget(widget)
    return widget
