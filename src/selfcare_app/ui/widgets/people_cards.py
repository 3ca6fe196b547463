"""The student's own people as small cards (Get help now shows them under the crisis lines).

Text the student typed is shown as plain text; "how to reach them" is free text, so it gets a
Copy button rather than guessing at a phone link.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from selfcare_app.core.formatting import format_day
from selfcare_app.core.people import KIND_LABELS, Person
from selfcare_app.i18n import _
from selfcare_app.ui.links import copy_text
from selfcare_app.ui.theme import set_role


def my_people(session: object) -> list[Person]:
    """The vault's people when it is open; [] when locked or on a read error (the crisis
    lines must never wait on this)."""
    if not getattr(session, "is_unlocked", False):
        return []
    from selfcare_app.data.errors import VaultError

    try:
        return list(session.run(lambda v: v.people.list()))  # type: ignore[attr-defined]
    except VaultError:
        return []


class PersonCard(QFrame):
    def __init__(self, person: Person, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person = person
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("personCard")
        row = QHBoxLayout(self)
        text = QVBoxLayout()
        kind = _(KIND_LABELS[person.kind]) if person.kind in KIND_LABELS else person.kind
        title = QLabel(f"{person.name} · {kind}")
        title.setTextFormat(QLabel().textFormat().PlainText)
        title.setWordWrap(True)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        text.addWidget(title)
        if person.contact:
            how = QLabel(person.contact)
            how.setTextFormat(how.textFormat().PlainText)
            how.setWordWrap(True)
            text.addWidget(how)
        if person.last_talked:
            last = QLabel(_("Last talked {day}").format(day=format_day(person.last_talked)))
            set_role(last, "muted")
            text.addWidget(last)
        row.addLayout(text, 1)
        if person.contact:
            copy = QPushButton(_("Copy"))
            copy.setAccessibleName(_("Copy how to reach {name}").format(name=person.name))
            copy.clicked.connect(lambda: copy_text(person.contact))
            row.addWidget(copy)


class PeopleSection(QWidget):
    """'Your people' heading and a card each; nothing at all when the list is empty."""

    def __init__(self, people: Sequence[Person], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(_("<b>Your people</b>"))
        col.addWidget(heading)
        hint = QLabel(_("Someone you trust can help too: a message is enough to start."))
        hint.setWordWrap(True)
        set_role(hint, "muted")
        col.addWidget(hint)
        self.cards = [PersonCard(p) for p in people]
        for card in self.cards:
            col.addWidget(card)
        self.setVisible(bool(self.cards))
