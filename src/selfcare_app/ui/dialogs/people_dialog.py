"""My people: a private list of the people a student can turn to, with how to reach them and
when they last talked. Kept in the vault; shown under the crisis lines in Get help now and
first in the "less contact" and "gone quiet" suggestions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfcare_app.clock import today
from selfcare_app.core.people import KIND_LABELS, KINDS, MAX_CONTACT, MAX_NAME, Person, PersonError
from selfcare_app.core.people import validate_person as validate
from selfcare_app.data.errors import VaultError
from selfcare_app.i18n import N_, _
from selfcare_app.ui.announce import announce
from selfcare_app.ui.theme import set_role

if TYPE_CHECKING:
    from selfcare_app.ui.session import VaultSession

INTRO = N_("The people you can turn to: a friend, a peer group, a mentor, family, a counselor. "
           "Private: this list stays in your vault. It shows in Get help now, under the crisis "
           "lines.")


class PeopleDialog(QDialog):
    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(_("My people"))
        self.setAccessibleName(_("My people"))
        # Closed on lock (main_window rejects open dialogs): gone with the data it showed.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._current: Person | None = None
        intro = QLabel(_(INTRO))
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Your people"))
        from selfcare_app.ui.widgets.wrapping_list import WrapRows

        self._wrap = WrapRows(self.list)  # long names wrap instead of scrolling sideways
        self.list.currentRowChanged.connect(self._on_row)

        self.name = QLineEdit()
        self.name.setMaxLength(MAX_NAME)
        self.name.setPlaceholderText(_("a name or nickname"))
        self.name.setAccessibleName(_("Name"))
        self.kind = QComboBox()
        for k in KINDS:
            self.kind.addItem(_(KIND_LABELS[k]), k)
        self.kind.setAccessibleName(_("Who they are to you"))
        self.contact = QLineEdit()
        self.contact.setMaxLength(MAX_CONTACT)
        self.contact.setPlaceholderText(_("e.g. text 555 0100, Tuesdays 5pm, Discord"))
        self.contact.setAccessibleName(_("How to reach them"))
        self.has_last = QCheckBox(_("We last talked on"))
        self.last = QDateEdit()
        self.last.setCalendarPopup(True)
        self.last.setDisplayFormat("d MMM yyyy")
        self.last.setAccessibleName(_("Day you last talked"))
        self.last.setEnabled(False)
        self.has_last.toggled.connect(self.last.setEnabled)
        self.talked_today = QPushButton(_("We talked &today"))
        self.talked_today.clicked.connect(self._talked_today)
        last_row = QHBoxLayout()
        last_row.addWidget(self.has_last)
        last_row.addWidget(self.last)
        last_row.addWidget(self.talked_today)
        last_row.addStretch(1)
        self.note = QLineEdit()
        self.note.setMaxLength(500)
        self.note.setPlaceholderText(_("optional"))
        self.note.setAccessibleName(_("Note"))
        form = QFormLayout()
        for label, widget in ((_("&Name"), self.name), (_("&Who"), self.kind),
                              (_("How to &reach them"), self.contact)):
            title = QLabel(label)
            title.setBuddy(widget)
            form.addRow(title, widget)
        form.addRow("", last_row)
        note_title = QLabel(_("N&ote"))
        note_title.setBuddy(self.note)
        form.addRow(note_title, self.note)
        self.error = QLabel()
        self.error.setWordWrap(True)
        set_role(self.error, "error")
        self.error.hide()

        self.new_button = QPushButton(_("&New"))
        self.save_button = QPushButton(_("&Save person"))
        set_role(self.save_button, "primary")
        self.delete_button = QPushButton(_("&Remove"))
        self.new_button.clicked.connect(self._new)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self._delete)
        actions = QHBoxLayout()
        for b in (self.new_button, self.save_button, self.delete_button):
            actions.addWidget(b)
        actions.addStretch(1)
        editor = QVBoxLayout()
        editor.addLayout(form)
        editor.addWidget(self.error)
        editor.addLayout(actions)
        editor.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.list, 2)
        body.addLayout(editor, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(close)
        self.resize(760, 420)
        self.reload()
        self._new()

    # -- list ----------------------------------------------------------------------------

    def people(self) -> list[Person]:
        return list(self.session.run(lambda v: v.people.list()))

    def reload(self, select: int | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for p in self.people():
            item = QListWidgetItem(p.line())
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.list.addItem(item)
            if select is not None and p.id == select:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if self.list.count() == 0:
            empty = QListWidgetItem(_("No one yet. Add someone you could text, call or meet."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)

    def _on_row(self, row: int) -> None:
        item = self.list.item(row) if row >= 0 else None
        person = item.data(Qt.ItemDataRole.UserRole) if item else None
        if isinstance(person, Person):
            self._show(person)

    # -- editor --------------------------------------------------------------------------

    def _show(self, person: Person | None) -> None:
        self._current = person
        p = person or Person(name="")
        self.name.setText(p.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(p.kind)))
        self.contact.setText(p.contact)
        self.has_last.setChecked(p.last_talked is not None)
        d = p.last_talked or today()
        self.last.setMaximumDate(QDate(today().year, today().month, today().day))
        self.last.setDate(QDate(d.year, d.month, d.day))
        self.note.setText(p.note)
        self.delete_button.setEnabled(person is not None)
        self.error.hide()

    def _new(self) -> None:
        self.list.clearSelection()
        self._show(None)
        self.name.setFocus()

    def _talked_today(self) -> None:
        self.has_last.setChecked(True)
        t = today()
        self.last.setDate(QDate(t.year, t.month, t.day))

    def values(self) -> dict[str, object]:
        q = self.last.date()
        return {"name": self.name.text(), "kind": self.kind.currentData(),
                "contact": self.contact.text(), "note": self.note.text(),
                "last_talked": date(q.year(), q.month(), q.day())
                if self.has_last.isChecked() else None,
                "position": self._current.position if self._current else 0}

    def save(self) -> bool:
        try:
            person = validate(self.values(), today())
        except PersonError as exc:
            return self._fail(str(exc))
        try:
            if self._current is not None and self._current.id is not None:
                stored = self.session.run(
                    lambda v: v.people.update(replace(person, id=self._current.id)))  # type: ignore[union-attr]
            else:
                stored = self.session.run(lambda v: v.people.add(person))
        except (VaultError, PersonError) as exc:
            return self._fail(str(exc))
        self.session.notify("people")
        self.reload(select=stored.id)
        self._current = stored
        self.delete_button.setEnabled(True)
        announce(self.save_button, _("Saved {name}.").format(name=stored.name))
        return True

    def _delete(self) -> None:
        if self._current is None or self._current.id is None:
            return
        person_id = self._current.id
        try:
            self.session.run(lambda v: v.people.delete(person_id))
        except VaultError as exc:
            self._fail(str(exc))
            return
        self.session.notify("people")
        self.reload()
        self._new()

    def _fail(self, message: str) -> bool:
        self.error.setText(message)
        self.error.show()
        announce(self.error, message, assertive=True)
        return False


def people_button(parent: QWidget, session: VaultSession) -> QPushButton:
    """A button that opens My people (Resources shows one beside its own buttons)."""
    button = QPushButton(_("M&y people…"))
    button.setAccessibleName(_("My people: the people you can turn to"))
    button.setToolTip(_("A private list of people you can turn to"))
    button.clicked.connect(lambda: PeopleDialog(session, parent.window()).exec())
    return button


def people_actions(session: VaultSession, parent: QWidget,
                   practices_changed: Callable[[], None]) -> list[QAction]:
    """Settings menu: My people and Self-care practices (the window enables them only while
    unlocked); `practices_changed` runs after the practice list was saved."""
    from selfcare_app.ui.actions import make_action

    def people() -> None:
        PeopleDialog(session, parent).exec()

    def practices() -> None:
        from selfcare_app.ui.dialogs.practices_dialog import edit_practice_list

        if edit_practice_list(parent, session) is not None:
            practices_changed()

    return [make_action(parent, _("M&y people…"), people),
            make_action(parent, _("Self-care pr&actices…"), practices)]
