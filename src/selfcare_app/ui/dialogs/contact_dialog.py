"""Add or edit one of the student's own contacts (a resource of their own).

Each problem shows beside its field, in the words of core.resource's validation; the dialog
only collects and checks values (`result_data`): the Resources page saves them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
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
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from selfcare_app.clock import today
from selfcare_app.core.resource import (
    CATEGORIES,
    Resource,
    ResourceData,
    ResourceValidationError,
    category_label,
    validate_resource,
)
from selfcare_app.i18n import N_, _
from selfcare_app.ui.theme import set_role


class ResourceDialog(QDialog):
    """Add or edit one of the student's own contacts; each problem shows beside its field."""

    LINE_FIELDS = (
        ("phone", N_("Phone"), N_("e.g. +1 802 555 0142")),
        ("sms", N_("Text (SMS)"), N_("a number that takes text messages")),
        ("email", N_("Email"), "name@example.edu"),
        ("url", N_("Website"), "https://…"),
        ("hours", N_("Hours"), N_("e.g. Mon–Fri 09:00–17:00")),
        ("meets", N_("Meets"), N_("for groups, e.g. Thursdays 18:00–19:00, room 3")),
    )

    def __init__(self, parent: QWidget, resource: Resource | None = None,
                 category: str | None = None) -> None:
        super().__init__(parent)
        self.resource = resource
        self.result_data: ResourceData | None = None
        self.setWindowTitle(_("Edit your contact") if resource else _("Add your own contact"))
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        self.errors: dict[str, QLabel] = {}
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. My therapist, Dr Rivera"))
        self._row(form, "name", _("Name"), self.name)
        self.category = QComboBox()
        for code in CATEGORIES:
            if code != "crisis":
                self.category.addItem(category_label(code), code)
        self.category.addItem(category_label("crisis"), "crisis")
        self._row(form, "category", _("Category"), self.category)
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(70)
        self._row(form, "description", _("Notes"), self.description)
        self.lines: dict[str, QLineEdit] = {}
        for field, label, hint in self.LINE_FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(_(hint))
            self.lines[field] = edit
            self._row(form, field, _(label), edit)
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(56)
        self._row(form, "address", _("Address"), self.address)
        self.checked = QCheckBox(_("I checked these details on"))
        self.checked.setChecked(True)
        self.verified = QDateEdit()
        self.verified.setCalendarPopup(True)
        self.verified.setDisplayFormat("yyyy-MM-dd")
        self.verified.setMaximumDate(_qdate(today()))
        self.verified.setDate(_qdate(today()))
        self.verified.setAccessibleName(_("Date you last checked these details"))
        self.checked.toggled.connect(self.verified.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.checked)
        row.addWidget(self.verified)
        row.addStretch(1)
        form.addRow(_("Last checked"), row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        if resource is not None:
            self._load(resource.data)
        elif category in CATEGORIES:
            self.category.setCurrentIndex(self.category.findData(category))

    def _row(self, form: QFormLayout, field: str, label: str, widget: QWidget) -> None:
        widget.setAccessibleName(label)
        error = QLabel()
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.setWordWrap(True)
        set_role(error, "error")  # its text is its name: a screen reader hears the problem
        error.hide()
        self.errors[field] = error
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(error)
        title = QLabel(label)
        title.setBuddy(widget)  # the field's label to assistive technology (labelled-by)
        form.addRow(title, box)

    def _load(self, data: ResourceData) -> None:
        self.name.setText(data.name)
        self.category.setCurrentIndex(max(0, self.category.findData(data.category)))
        self.description.setPlainText(data.description)
        for field, edit in self.lines.items():
            edit.setText(getattr(data, field))
        self.address.setPlainText(data.address)
        self.checked.setChecked(data.verified_on is not None)
        if data.verified_on is not None:
            self.verified.setDate(_qdate(data.verified_on))

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "name": self.name.text(),
            "category": str(self.category.currentData()),
            "description": self.description.toPlainText(),
            "address": self.address.toPlainText(),
            "verified_on": _from_qdate(self.verified.date()) if self.checked.isChecked()
            else None,
        }
        values.update({field: edit.text() for field, edit in self.lines.items()})
        return values

    def try_accept(self) -> bool:
        for label in self.errors.values():
            label.hide()
        try:
            self.result_data = validate_resource(self.values(), today())
        except ResourceValidationError as exc:
            first: QWidget | None = None
            for field, message in exc.errors.items():
                error = self.errors.get(field)
                if error is not None:
                    error.setText(_sentence(message))
                    error.show()
                    first = first or self._widget(field)
            if first is not None:
                first.setFocus()
            self.adjustSize()
            return False
        self.accept()
        return True

    def _widget(self, field: str) -> QWidget | None:
        return {"name": self.name, "category": self.category, "description": self.description,
                "address": self.address, **self.lines}.get(field)


def _sentence(message: str) -> str:
    """'a name is required' → 'A name is required.'; 'javascript: links…' keeps its case."""
    first_word = message.split(" ", 1)[0]
    if not first_word.endswith(":"):
        message = message[:1].upper() + message[1:]
    return message if message.endswith((".", ")")) else message + "."


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())
