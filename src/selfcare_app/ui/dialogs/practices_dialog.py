"""Edit the list of self-care practices: add, rename, remove, reorder, or start again from the
suggestions. Days already logged keep their practices."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfcare_app.core.practices import (
    DEFAULT_PRACTICES,
    MAX_PRACTICES,
    PracticeListError,
    validate_practice_list,
)
from selfcare_app.i18n import _
from selfcare_app.ui.announce import announce
from selfcare_app.ui.theme import set_role


class PracticesDialog(QDialog):
    def __init__(self, names: Iterable[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Your self-care practices"))
        self.result_names: tuple[str, ...] = ()
        intro = QLabel(_("The small things you'd like to notice doing: one click on Today logs "
                         "them. Up to {count}; double-click one to rename it. Days already "
                         "logged keep theirs.").format(count=MAX_PRACTICES))
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Your practices"))
        for name in names:
            self._add_item(name)
        self.add_button = QPushButton(_("&Add"))
        self.remove_button = QPushButton(_("&Remove"))
        self.up_button = QPushButton(_("Move &up"))
        self.down_button = QPushButton(_("Move do&wn"))
        self.reset_button = QPushButton(_("Use the &suggestions"))
        self.reset_button.setAccessibleName(_("Replace the list with the suggested practices"))
        side = QVBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button,
                  self.reset_button):
            side.addWidget(b)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        self.error = QLabel()
        self.error.setWordWrap(True)
        set_role(self.error, "error")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(self._new)
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.reset_button.clicked.connect(self._reset)
        self.resize(460, 380)

    def _add_item(self, name: str) -> QListWidgetItem:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.addItem(item)
        return item

    def names(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _new(self) -> None:
        item = self._add_item(_("a new practice"))
        self.list.setCurrentItem(item)
        self.list.editItem(item)

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def _reset(self) -> None:
        self.list.clear()
        for name in DEFAULT_PRACTICES:
            self._add_item(name)

    def _save(self) -> None:
        try:
            self.result_names = validate_practice_list(self.names())
        except PracticeListError as exc:
            self.error.setText(str(exc))
            self.error.show()
            announce(self.error, str(exc), assertive=True)
            return
        self.accept()


def edit_practice_list(parent: QWidget, session: object) -> tuple[str, ...] | None:
    """Open the dialog on the vault's list; save and return the new list, or None."""
    from selfcare_app.data.errors import VaultError

    run = session.run  # type: ignore[attr-defined]
    dialog = PracticesDialog(run(lambda v: v.practices.list()), parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    names = dialog.result_names
    dialog.deleteLater()  # also when the app locked while it was open
    if not accepted:
        return None
    try:
        saved: tuple[str, ...] = run(lambda v: v.practices.set(names))
    except VaultError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(parent, _("Not saved"), str(exc))
        return None
    session.notify("settings")  # type: ignore[attr-defined]  # the list is a setting
    return saved
