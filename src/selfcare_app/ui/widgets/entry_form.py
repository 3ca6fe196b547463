"""The check-in form: a control for every field of the daily entry, errors beside each."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from selfcare_app.core.entry import (
    ENERGY,
    MAX_NOTE_CHARS,
    MOOD,
    SLEEP,
    SOCIAL_LABELS,
    STRESS,
    STUDY,
    DailyEntry,
    FieldSpec,
    split_tags,
)
from selfcare_app.ui.theme import set_role

UNSET = "—  not set"


class _Spin(QSpinBox):
    """0–10 with an explicit 'not set' below the minimum, so a missing value is never 0."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__()
        self.setRange(int(spec.minimum) - 1, int(spec.maximum))
        self.setSpecialValueText(UNSET)
        self.setValue(self.minimum())
        self.setAccessibleName(f"{spec.label}, {spec.minimum:g} {spec.low_text} to "
                               f"{spec.maximum:g} {spec.high_text}")

    def get(self) -> int | None:
        return None if self.value() == self.minimum() else self.value()

    def put(self, value: float | None) -> None:
        self.setValue(self.minimum() if value is None else int(value))


class _Hours(QDoubleSpinBox):
    def __init__(self, spec: FieldSpec) -> None:
        super().__init__()
        self.setDecimals(2)
        self.setSingleStep(0.25)
        self.setRange(spec.minimum - 0.25, spec.maximum)
        self.setSpecialValueText(UNSET)
        self.setSuffix(" h")
        self.setValue(self.minimum())
        self.setAccessibleName(f"{spec.label} in hours, {spec.minimum:g} to {spec.maximum:g}")

    def get(self) -> float | None:
        return None if self.value() <= self.minimum() + 1e-9 else round(self.value(), 2)

    def put(self, value: float | None) -> None:
        self.setValue(self.minimum() if value is None else float(value))


class EntryForm(QWidget):
    """Emits `edited` whenever the student changes something."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stress = _Spin(STRESS)
        self.sleep_hours = _Hours(SLEEP)
        self.study_hours = _Hours(STUDY)
        self.mood = _Spin(MOOD)
        self.energy = _Spin(ENERGY)
        self.social = QComboBox()
        self.social.addItem(UNSET, None)
        for i, label in enumerate(SOCIAL_LABELS):
            self.social.addItem(label, i)
        self.social.setAccessibleName("Time with people: none, brief or meaningful")
        from selfcare_app.ui.widgets.practices_row import PracticesRow

        self.practices = PracticesRow()  # self-care practices: their own field, not tags
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("e.g. exam, night shift, rotation (separate with commas)")
        self.tags.setAccessibleName("Tags, separated by commas")
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Anything you want to remember about today. Private: it "
                                     f"stays in your vault (up to {MAX_NOTE_CHARS:,} characters).")
        self.note.setAccessibleName("Private note")
        self.note.setTabChangesFocus(True)
        self.note.setMinimumHeight(90)

        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: list[tuple[str, str, QWidget, str]] = [
            ("stress", "St&ress", self.stress, "0 none · 10 extreme"),
            ("sleep_hours", "S&leep last night", self.sleep_hours, "hours, 0–16"),
            ("study_hours", "Stu&dy", self.study_hours, "study, classes and clinical time"),
            ("mood", "&Mood", self.mood, "0 very low · 10 very good"),
            ("energy", "&Energy", self.energy, "0 exhausted · 10 full"),
            ("social", "Time with &people", self.social, "none, brief or meaningful"),
            ("practices", "Self-care", self.practices, ""),  # chips: reached with Tab
            ("tags", "&Tags", self.tags, ""),
            ("note", "&Note", self.note, ""),
        ]
        # Wide enough for "—  not set h" at any text size.
        field_width = max(170, self.fontMetrics().horizontalAdvance(UNSET + " h") + 64)
        for name, label, widget, hint in rows:
            cell = QWidget()
            col = QVBoxLayout(cell)
            col.setContentsMargins(0, 0, 0, 0)
            col.setSpacing(2)
            line = QHBoxLayout()
            if hint:
                widget.setFixedWidth(field_width)
                line.addWidget(widget)
                hint_label = QLabel(hint)
                hint_label.setWordWrap(True)
                set_role(hint_label, "muted")
                line.addWidget(hint_label, 1)
            else:
                line.addWidget(widget, 1)
            col.addLayout(line)
            error = QLabel()
            error.setWordWrap(True)
            set_role(error, "error")
            error.setAccessibleName(f"Problem with {label.replace('&', '').lower()}")
            error.hide()
            col.addWidget(error)
            self.errors[name] = error
            title = QLabel(label)
            title.setBuddy(widget)
            form.addRow(title, cell)
        self.entry_error = QLabel()
        set_role(self.entry_error, "error")
        self.entry_error.setWordWrap(True)
        self.entry_error.hide()
        self.errors["entry"] = self.entry_error
        self.errors["day"] = self.entry_error
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(form)
        outer.addWidget(self.entry_error)

        for spin in (self.stress, self.mood, self.energy, self.sleep_hours, self.study_hours):
            spin.valueChanged.connect(self.edited)
        self.social.currentIndexChanged.connect(self.edited)
        self.tags.textEdited.connect(self.edited)
        self.note.textChanged.connect(self.edited)
        self.practices.edited.connect(self.edited)

    def set_known_tags(self, tags: list[str]) -> None:
        completer = QCompleter(tags, self.tags)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags.setCompleter(completer)

    def values(self) -> dict[str, Any]:
        return {
            "stress": self.stress.get(),
            "sleep_hours": self.sleep_hours.get(),
            "study_hours": self.study_hours.get(),
            "mood": self.mood.get(),
            "energy": self.energy.get(),
            "social": self.social.currentData(),
            "tags": split_tags(self.tags.text()),
            "practices": self.practices.checked(),
            "note": self.note.toPlainText(),
        }

    def set_entry(self, entry: DailyEntry | None) -> None:
        self.blockSignals(True)
        try:
            self.stress.put(entry.stress if entry else None)
            self.sleep_hours.put(entry.sleep_hours if entry else None)
            self.study_hours.put(entry.study_hours if entry else None)
            self.mood.put(entry.mood if entry else None)
            self.energy.put(entry.energy if entry else None)
            social = entry.social if entry else None
            self.social.setCurrentIndex(0 if social is None else social + 1)
            self.tags.setText(", ".join(entry.tags) if entry else "")
            self.note.setPlainText(entry.note if entry else "")
            self.practices.set_checked(entry.practices if entry else ())
        finally:
            self.blockSignals(False)
        self.show_errors({})

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, label in self.errors.items():
            text = errors.get(name, "")
            if name in ("entry", "day"):
                text = " ".join(t for t in (errors.get("entry", ""), errors.get("day", "")) if t)
            label.setText(text)
            label.setVisible(bool(text))

    def clear(self) -> None:
        self.set_entry(None)
        self.note.document().clearUndoRedoStacks()
        self.tags.setCompleter(QCompleter([], self.tags))
