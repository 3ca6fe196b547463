"""The check-in form: one click per answer, every answer starts unset, errors beside each.

0–10 measures and time with people are rows of choices (`ChoiceRow`): one click picks a value,
a second click on it unsets it again; from the keyboard, digits, arrows, Home/End and Delete.
Sleep and study take a typed number ("6.5", "6:30") or a quick choice. Tags are typed or picked
from the student's recent tags as chips. Nothing is stored that was not chosen: "not set" is
None, never 0. Another capability may add a row (e.g. practices) with `add_row`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QElapsedTimer, Qt, Signal
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSlider,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
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
from selfcare_app.core.formatting import format_number, parse_hours_text
from selfcare_app.i18n import _
from selfcare_app.ui.announce import announce
from selfcare_app.ui.theme import set_role

UNSET = -1  # a ChoiceRow's value when nothing is chosen
TWO_DIGIT_MS = 1000  # "1" then "0" within this time is 10
SLEEP_CHOICES = (5.0, 6.0, 7.0, 8.0, 9.0)
STUDY_CHOICES = (0.0, 2.0, 4.0, 6.0, 8.0)
MAX_CHIPS = 8
NAV_KEYS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Down: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: 1}


class ChoiceRow(QAbstractSlider):
    """A row of one-click choices for a small whole-number scale, unset until chosen.

    A slider underneath (value −1 is "not set"), so assistive technology gets a value and the
    keyboard works as on any slider; the buttons are what the mouse clicks.
    """

    # Two digits typed together that make a number past the scale ("1", "1"): the message.
    out_of_range = Signal(str)

    def __init__(self, label: str, maximum: int, texts: Sequence[str] = (),
                 low_text: str = "", high_text: str = "") -> None:
        super().__init__()
        self.label = label
        self._texts = list(texts) or [str(i) for i in range(maximum + 1)]
        self._low, self._high = low_text, high_text
        self._error = ""
        self._typed = QElapsedTimer()
        self._last_digit = -1
        self._before_typing = UNSET
        self.setOrientation(Qt.Orientation.Horizontal)
        self.setRange(UNSET, maximum)
        self.setValue(UNSET)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(label)
        row = QHBoxLayout(self)
        row.setContentsMargins(2, 2, 2, 2)
        row.setSpacing(3)
        self.buttons: list[QPushButton] = []
        width = max(self.fontMetrics().horizontalAdvance(t) for t in self._texts)
        for number, text in enumerate(self._texts):
            button = QPushButton(text)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the row takes the keyboard
            # Translators: a measure, then one of its answers: "Stress 7", "Mood 3".
            button.setAccessibleName(_("{measure} {answer}").format(measure=label, answer=text))
            button.setMinimumWidth(width + 10)
            if not texts:
                button.setMaximumWidth(width + self.fontMetrics().averageCharWidth() * 4)
            set_role(button, "choice")
            button.clicked.connect(lambda _=False, n=number: self._clicked(n))
            row.addWidget(button)
            self.buttons.append(button)
        if not texts:
            row.addStretch(1)
        self.valueChanged.connect(self._show_value)
        self._show_value(UNSET)

    def get(self) -> int | None:
        return None if self.value() == UNSET else self.value()

    def put(self, value: float | None) -> None:
        self.setValue(UNSET if value is None else int(value))

    def value_text(self) -> str:
        v = self.value()
        return _("not set") if v == UNSET else self._texts[v]

    def set_error(self, text: str) -> None:
        self._error = text
        self._show_value(self.value())

    def _clicked(self, number: int) -> None:
        # Clicking the chosen answer again unsets it: a stray click can be taken back.
        self.setValue(UNSET if self.value() == number else number)
        self.setFocus(Qt.FocusReason.MouseFocusReason)

    def _show_value(self, value: int) -> None:
        for number, button in enumerate(self.buttons):
            button.setChecked(number == value)
        scale = (_("{first} {low} to {last} {high}").format(
                     first=self._texts[0], low=self._low, last=self._texts[-1], high=self._high)
                 if self._low else ", ".join(self._texts))
        parts = [_("{value}.").format(value=self.value_text()),
                 _("Choose {scale}.").format(scale=scale)]
        if self._error:
            parts.insert(0, self._error)
        self.setAccessibleDescription(" ".join(parts))
        self.setToolTip(_("{measure}: {scale}. Delete unsets it.").format(measure=self.label,
                                                                          scale=scale))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        key = event.key()
        text = event.text()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            digit = key - Qt.Key.Key_0
            # A first digit that can start a number on this scale ("1" on 0-10) makes one
            # number with the next digit typed soon after it.
            if (0 < self._last_digit and self._last_digit * 10 <= self.maximum()
                    and self._typed.isValid() and self._typed.elapsed() < TWO_DIGIT_MS):
                typed = self._last_digit * 10 + digit  # "1", "0": 10
                self._last_digit = -1
                if typed > self.maximum():
                    # Said, not quietly turned into its last digit; the answer goes back to
                    # what it was before the typing.
                    self.setValue(self._before_typing)
                    self.out_of_range.emit(_(
                        "{value} is not on the scale: choose {first} to {last}.").format(
                            value=typed, first=0, last=self.maximum()))
                    event.accept()
                    return
                digit = typed
            else:
                self._before_typing = self.value()
                self._last_digit = digit
            self._typed.start()
            if digit <= self.maximum():
                self.setValue(digit)
            event.accept()
            return
        self._last_digit = -1
        if key in NAV_KEYS:
            start = self.minimum() + 1 if self.value() == UNSET else self.value()
            step = 0 if self.value() == UNSET else NAV_KEYS[Qt.Key(key)]
            self.setValue(max(0, min(self.maximum(), start + step)))
        elif key == Qt.Key.Key_Home:
            self.setValue(0)
        elif key == Qt.Key.Key_End:
            self.setValue(self.maximum())
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.setValue(UNSET)
        elif text and text.isalpha() and not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            # Time with people: the first letter picks ("n"one, "b"rief, "m"eaningful).
            for number, label in enumerate(self._texts):
                if label[:1].lower() == text.lower():
                    self.setValue(number)
                    event.accept()
                    return
            event.ignore()
        else:
            super().keyPressEvent(event)  # Tab, Escape and the rest travel on

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt API)
        event.ignore()  # scrolling the page must never change an answer


class HoursEdit(QLineEdit):
    """Hours typed as "6.5", "6,5", "6:30" or "6.5 h"; empty is not set."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__()
        self.spec = spec
        self.setPlaceholderText(_("not set"))
        self.setAccessibleName(_("{measure} in hours").format(measure=_(spec.label)))
        self.setAccessibleDescription(self._how())
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("00.00 h") + 28)
        self.setMaxLength(12)

    def get(self) -> Any:
        """A number, None (empty), or the text as typed (validation explains what's wrong)."""
        return parse_hours_text(self.text())

    def put(self, value: float | None) -> None:
        self.setText("" if value is None else format_number(float(value), 2))

    def _how(self) -> str:
        return _("Type hours, {low} to {high}, for example 6.5 or 6:30.").format(
            low=format_number(self.spec.minimum, 2), high=format_number(self.spec.maximum, 2))

    def set_error(self, text: str) -> None:
        base = self._how()
        self.setAccessibleDescription(f"{text} {base}" if text else base)


class EntryForm(QWidget):
    """Emits `edited` whenever the student changes something."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stress = ChoiceRow(_("Stress"), 10, low_text=_(STRESS.low_text),
                                high_text=_(STRESS.high_text))
        self.sleep_hours = HoursEdit(SLEEP)
        self.study_hours = HoursEdit(STUDY)
        self.mood = ChoiceRow(_("Mood"), 10, low_text=_(MOOD.low_text),
                              high_text=_(MOOD.high_text))
        self.energy = ChoiceRow(_("Energy"), 10, low_text=_(ENERGY.low_text),
                                high_text=_(ENERGY.high_text))
        self.social = ChoiceRow(_("Time with people"), 2, texts=[_(t) for t in SOCIAL_LABELS])
        from selfcare_app.ui.widgets.practices_row import PracticesRow

        self.practices = PracticesRow()  # self-care practices: their own field, not tags
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(_("type new tags, separated by commas"))
        self.tags.setAccessibleName(_("Tags, separated by commas"))
        self.chips = QWidget()
        self.chips.setAccessibleName(_("Recent tags"))
        self._chip_row = QHBoxLayout(self.chips)
        self._chip_row.setContentsMargins(0, 0, 0, 0)
        self._chip_row.setSpacing(4)
        self.chip_buttons: list[QPushButton] = []
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(
            _("Anything you want to remember about today. Private: it stays in your vault (up to "
              "{count} characters).").format(count=f"{MAX_NOTE_CHARS:,}"))
        self.note.setAccessibleName(_("Private note"))
        self.note.setTabChangesFocus(True)
        self.note.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.note.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 12)

        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.quick_buttons: dict[str, list[QPushButton]] = {}
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(6)
        self.grid.setColumnStretch(1, 1)
        self.sleep_quick = self._quick_choices(self.sleep_hours, SLEEP_CHOICES)
        self.study_quick = self._quick_choices(self.study_hours, STUDY_CHOICES)
        tag_cell = QVBoxLayout()
        tag_cell.setSpacing(4)
        tag_cell.addWidget(self.chips)
        tag_cell.addWidget(self.tags)
        ends = _("0 {low} · 10 {high}")
        self.add_row("stress", _("St&ress"), self.stress,
                     ends.format(low=_(STRESS.low_text), high=_(STRESS.high_text)))
        self.add_row("sleep_hours", _("S&leep last night"), self.sleep_hours, _("hours"),
                     self.sleep_quick)
        self.add_row("study_hours", _("Stu&dy"), self.study_hours,
                     _("hours incl. classes, clinical"), self.study_quick)
        self.add_row("mood", _("&Mood"), self.mood,
                     ends.format(low=_(MOOD.low_text), high=_(MOOD.high_text)))
        self.add_row("energy", _("&Energy"), self.energy,
                     ends.format(low=_(ENERGY.low_text), high=_(ENERGY.high_text)))
        self.add_row("social", _("Time with &people"), self.social, "")
        # chips: reached with Tab
        self.add_row("practices", _("Self-care"), self.practices, "")
        self.add_row("tags", _("&Tags"), self.tags, "", tag_cell)
        self.add_row("note", _("&Note"), self.note, _("optional"))
        self.entry_error = QLabel()
        set_role(self.entry_error, "error")
        self.entry_error.setWordWrap(True)
        self.entry_error.hide()
        self.errors["entry"] = self.entry_error
        self.errors["day"] = self.entry_error
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.grid)
        outer.addWidget(self.entry_error)
        outer.addStretch(1)  # rows stay together; spare height goes below the form

        for name, row in (("stress", self.stress), ("mood", self.mood),
                          ("energy", self.energy), ("social", self.social)):
            row.out_of_range.connect(lambda text, n=name: self._typed_off_scale(n, text))
        for row in (self.stress, self.mood, self.energy, self.social):
            row.valueChanged.connect(self.edited)
        for edit in (self.sleep_hours, self.study_hours):
            edit.textEdited.connect(self.edited)
        self.tags.textEdited.connect(self.edited)
        self.tags.textChanged.connect(self._sync_chips)
        self.note.textChanged.connect(self.edited)
        self.practices.edited.connect(self.edited)
        self.practices.rebuilt.connect(self._order_tab_stops)

    def _quick_choices(self, edit: HoursEdit, hours: Sequence[float]) -> QHBoxLayout:
        line = QHBoxLayout()
        line.setSpacing(3)
        line.addWidget(edit)
        unit = QLabel(_("h"))
        line.addWidget(unit)
        buttons = self.quick_buttons.setdefault(edit.spec.name, [])
        for value in hours:
            button = QPushButton(format_number(value))
            buttons.append(button)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing is the keyboard's way
            button.setAccessibleName(_("{measure} {hours} hours").format(
                measure=_(edit.spec.label), hours=format_number(value)))
            button.setMinimumWidth(self.fontMetrics().horizontalAdvance("00") + 10)
            set_role(button, "choice")
            button.clicked.connect(lambda _=False, e=edit, v=value: self._quick(e, v))
            line.addWidget(button)
        line.addStretch(1)
        return line

    def _quick(self, edit: HoursEdit, value: float) -> None:
        edit.put(value)
        edit.setFocus(Qt.FocusReason.MouseFocusReason)
        self.edited.emit()

    def add_row(self, name: str, label: str, widget: QWidget, hint: str,
                cell: QHBoxLayout | QVBoxLayout | None = None) -> None:
        """A labelled row (label with a mnemonic, the control or `cell`, an error line below).
        Other capabilities call this to add an optional row (e.g. practices as chips)."""
        row = self.grid.rowCount()
        title_box = QVBoxLayout()
        title_box.setSpacing(0)
        title = QLabel(label)
        title.setBuddy(widget)
        title_box.addWidget(title)
        if hint:
            hint_label = QLabel(hint)
            hint_label.setWordWrap(True)
            hint_label.setMaximumWidth(self.fontMetrics().averageCharWidth() * 16)
            set_role(hint_label, "muted")
            title_box.addWidget(hint_label)
        title_box.addStretch(1)
        self.grid.addLayout(title_box, row, 0)
        if cell is not None:
            self.grid.addLayout(cell, row, 1)
        else:
            self.grid.addWidget(widget, row, 1)
        error = QLabel()
        error.setWordWrap(True)
        set_role(error, "error")
        error.setAccessibleName(_("Problem with {field}").format(
            field=label.replace("&", "").lower()))
        error.hide()
        self.grid.addWidget(error, row + 1, 1)
        self.errors[name] = error
        self.fields[name] = widget

    # -- tags ------------------------------------------------------------------------------

    def set_known_tags(self, tags: list[str], recent: Sequence[str] = ()) -> None:
        """`tags` for completion; `recent` (most recent first) as one-click chips."""
        completer = QCompleter(tags, self.tags)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags.setCompleter(completer)
        for button in self.chip_buttons:
            self._chip_row.removeWidget(button)
            button.hide()  # out of the Tab order now, not when the event loop deletes it
            button.deleteLater()
        self.chip_buttons = []
        while self._chip_row.count():
            self._chip_row.takeAt(0)
        for tag in list(recent)[:MAX_CHIPS]:
            chip = QPushButton(tag)
            chip.setCheckable(True)
            chip.setAccessibleName(_("Tag {tag}").format(tag=tag))
            chip.setToolTip(_("Add or remove the tag “{tag}”").format(tag=tag))
            set_role(chip, "choice")
            chip.toggled.connect(lambda on, t=tag: self._chip_toggled(t, on))
            self._chip_row.addWidget(chip)
            self.chip_buttons.append(chip)
        self._chip_row.addStretch(1)
        self.chips.setVisible(bool(self.chip_buttons))
        self._order_tab_stops()
        self._sync_chips()

    def _order_tab_stops(self) -> None:
        """Keyboard order follows the screen: time with people, the practices, the tag chips,
        the tags box, the note (chips made later would otherwise come last)."""
        chain: list[QWidget] = [self.social, *self.practices.chips, self.practices.edit_button,
                                *self.chip_buttons, self.tags, self.note]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _chip_toggled(self, tag: str, on: bool) -> None:
        current = split_tags(self.tags.text())
        has = [t for t in current if t.casefold() == tag.casefold()]
        if on and not has:
            current.append(tag)
        elif not on and has:
            current = [t for t in current if t.casefold() != tag.casefold()]
        else:
            return
        self.tags.setText(", ".join(current))
        self.edited.emit()

    def _sync_chips(self) -> None:
        chosen = {t.casefold() for t in split_tags(self.tags.text())}
        for chip in self.chip_buttons:
            chip.blockSignals(True)
            chip.setChecked(chip.text().casefold() in chosen)
            chip.blockSignals(False)

    # -- values ----------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {
            "stress": self.stress.get(),
            "sleep_hours": self.sleep_hours.get(),
            "study_hours": self.study_hours.get(),
            "mood": self.mood.get(),
            "energy": self.energy.get(),
            "social": self.social.get(),
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
            self.social.put(entry.social if entry else None)
            self.tags.setText(", ".join(entry.tags) if entry else "")
            self.note.setPlainText(entry.note if entry else "")
            self.practices.set_checked(entry.practices if entry else ())
        finally:
            self.blockSignals(False)
        self.show_errors({})

    def _typed_off_scale(self, name: str, text: str) -> None:
        """A typed number past the scale: shown under the field and announced at once; it
        goes when the next answer is chosen."""
        row = self.fields[name]
        label = self.errors[name]
        label.setText(text)
        label.show()
        if isinstance(row, ChoiceRow):
            row.set_error(text)

            def clear(_value: int, row: ChoiceRow = row) -> None:
                if label.text() == text:
                    label.clear()
                    label.hide()
                    row.set_error("")
                row.valueChanged.disconnect(clear)

            row.valueChanged.connect(clear)
        announce(row, text, assertive=True)

    def show_errors(self, errors: dict[str, str]) -> QWidget | None:
        """Each message beside its field and in its accessible description; returns the
        first invalid field (in form order) for the caller to focus."""
        first: QWidget | None = None
        for name, label in self.errors.items():
            text = errors.get(name, "")
            if name in ("entry", "day"):
                text = " ".join(t for t in (errors.get("entry", ""), errors.get("day", "")) if t)
            label.setText(text)
            label.setVisible(bool(text))
            field = self.fields.get(name)
            if field is not None:
                setter = getattr(field, "set_error", None)
                if setter is not None:
                    setter(text)
                else:
                    field.setAccessibleDescription(text)
                if text and first is None:
                    first = field
        return first

    def clear(self) -> None:
        self.set_entry(None)
        self.note.document().clearUndoRedoStacks()
        self.set_known_tags([])
