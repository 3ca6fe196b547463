"""A row of toggle chips for the day's self-care practices: one click logs one.

Chips come from the student's own list; a practice logged earlier but since removed from the
list still shows (checked), so saving the day never drops it silently. A check mark and the
accessible name say the state, not colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from selfcare_app.core.practices import display_name
from selfcare_app.i18n import _

COLUMNS = 3
CHECK = "✓ "


class PracticeChip(QPushButton):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setCheckable(True)
        self.setObjectName("practiceChip")
        self.toggled.connect(self._refresh)
        self._refresh(False)

    def _refresh(self, checked: bool) -> None:
        label = display_name(self.name)
        self.setText((CHECK if checked else "") + label)
        self.setAccessibleName((_("{practice}: done this day") if checked
                                else _("{practice}: not done this day")).format(practice=label))
        self.setToolTip(_("Click to log {practice} for this day").format(
            practice=label.lower() if label else label))


class PracticesRow(QWidget):
    """`edited` fires when a chip is toggled; `edit_list_requested` when the student wants to
    change the list (the page opens the dialog, since it holds the session)."""

    edited = Signal()
    edit_list_requested = Signal()
    rebuilt = Signal()  # new chips: a form holding the row puts them in its Tab order

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Self-care practices for this day"))
        self._names: tuple[str, ...] = ()
        self.chips: list[PracticeChip] = []
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(4)
        self.edit_button = QPushButton(_("Edit list…"))
        self.edit_button.setFlat(True)
        self.edit_button.setAccessibleName(_("Edit your list of self-care practices"))
        self.edit_button.clicked.connect(self.edit_list_requested)
        edit_row = QHBoxLayout()
        edit_row.setContentsMargins(0, 0, 0, 0)
        edit_row.addWidget(self.edit_button)
        edit_row.addStretch(1)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        col.addLayout(self._grid)
        col.addLayout(edit_row)

    def set_practices(self, names: Iterable[str]) -> None:
        """The student's list; keeps what is checked (and names no longer on the list)."""
        checked = self.checked()
        self._names = tuple(names)
        self._rebuild(checked)

    def set_checked(self, practices: Iterable[str]) -> None:
        self._rebuild(list(practices))

    def checked(self) -> list[str]:
        return [c.name for c in self.chips if c.isChecked()]

    def _rebuild(self, checked: list[str]) -> None:
        on = {p.casefold() for p in checked}
        names = list(self._names)
        known = {n.casefold() for n in names}
        names += [p for p in checked if p.casefold() not in known]  # logged, since removed
        for chip in self.chips:
            self._grid.removeWidget(chip)
            chip.hide()  # out of the Tab order now, not when the event loop deletes it
            chip.deleteLater()
        self.chips = []
        for i, name in enumerate(names):
            chip = PracticeChip(name, self)
            chip.blockSignals(True)
            chip.setChecked(name.casefold() in on)
            chip.blockSignals(False)
            chip._refresh(chip.isChecked())
            chip.toggled.connect(self.edited)
            self._grid.addWidget(chip, i // COLUMNS, i % COLUMNS)
            chip.show()  # now: the layout would only show it from the event loop
            self.chips.append(chip)
        for column in range(COLUMNS):
            self._grid.setColumnStretch(column, 1)
        self._chain_tab_order()
        self.rebuilt.emit()

    def _chain_tab_order(self) -> None:
        """Chips made now (and children made before the row had a parent) would come last in
        the window's Tab order: chain them after the focusable widget before this row. (No
        focus proxy on the row: with one, Tab cycles back into the chips.)"""
        previous = self.previousInFocusChain()
        for _attempt in range(500):
            if previous is self or previous is None:
                return
            if previous.focusPolicy() & Qt.FocusPolicy.TabFocus and \
                    not self.isAncestorOf(previous):
                break
            previous = previous.previousInFocusChain()
        else:
            return
        for widget in (*self.chips, self.edit_button):
            QWidget.setTabOrder(previous, widget)
            previous = widget
