"""The day changed in another window or command since this one loaded it: merge or reload.

Never overwrites silently. Merge keeps the fields changed here and everything else the other
writer saved (core/entry_merge.py); Reload shows what is stored now and drops the edits here
only after the student chose it.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from selfcare_app.core.entry import NUMERIC_FIELDS, DailyEntry
from selfcare_app.core.entry_merge import conflicting_fields
from selfcare_app.core.formatting import format_long_day
from selfcare_app.i18n import N_, _

_LABELS = {"tags": N_("tags"), "note": N_("note")}


def _field_label(name: str) -> str:
    """The field's name as the form shows it, in lower case ("stress", "sleep")."""
    for spec in NUMERIC_FIELDS:
        if spec.name == name:
            return spec.label.lower()
    return _(_LABELS[name]) if name in _LABELS else name


class Choice(Enum):
    MERGE = "merge"
    RELOAD = "reload"
    CANCEL = "cancel"


def conflict_text(base: DailyEntry | None, mine: DailyEntry, theirs: DailyEntry | None) -> str:
    both = conflicting_fields(base, mine, theirs)
    d = mine.day
    text = (_("{day} was saved from another Selfcare window or command after you opened it "
              "here. Nothing has been overwritten.").format(day=format_long_day(d)) + "\n\n"
            + _("Merge keeps what you changed here and everything else that was saved there. "
                "Reload shows what is saved now (your changes here are dropped)."))
    if both:
        names = ", ".join(_field_label(f) for f in both)
        text += "\n\n" + _("Both changed: {fields}. Merge keeps your values for these.").format(
            fields=names)
    return text


def ask(parent: QWidget, base: DailyEntry | None, mine: DailyEntry,
        theirs: DailyEntry | None) -> Choice:
    box = QMessageBox(parent)
    box.setWindowTitle(_("This day changed elsewhere"))
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(conflict_text(base, mine, theirs))
    merge = box.addButton(_("Merge"), QMessageBox.ButtonRole.AcceptRole)
    reload_ = box.addButton(_("Reload"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(merge)
    box.exec()
    clicked = box.clickedButton()
    if clicked is merge:
        return Choice.MERGE
    if clicked is reload_:
        return Choice.RELOAD
    return Choice.CANCEL
