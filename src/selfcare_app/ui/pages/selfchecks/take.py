"""Taking a self-check: every question as radio buttons, progress, and the S0 support row.

The moment a PHQ-9 question-9 answer above "Not at all" is chosen, the crisis card opens
(`open_help`), before the form is finished; it is never snoozed or suppressed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from selfcare_app.core.instruments import Instrument, is_scorable, safety_flag
from selfcare_app.data.assessments import SOURCE_PHQ9_ITEM9
from selfcare_app.i18n import _
from selfcare_app.ui.accessibility import expose_as
from selfcare_app.ui.announce import announce
from selfcare_app.ui.pages.selfchecks.common import S0_MESSAGE, escape, label
from selfcare_app.ui.theme import set_role


class QuestionForm(QWidget):
    """All questions of one instrument as radio buttons, one group per question.

    Tab moves between questions, arrow keys between the answers of one question.
    """

    answered = Signal(int, int)  # item number, value

    def __init__(self, instrument: Instrument) -> None:
        super().__init__()
        self.instrument = instrument
        self.groups: list[QButtonGroup] = []
        self.buttons: list[list[QRadioButton]] = []
        self._grids: list[tuple[QGridLayout, int]] = []  # each question's grid, most columns
        self.columns: list[int] = []  # columns each question shows now
        col = QVBoxLayout(self)
        col.setSpacing(10)
        for item in instrument.items:
            box = QFrame()
            box.setFrameShape(QFrame.Shape.StyledPanel)
            box.setObjectName(f"question-{item.number}")
            # One group per question, named by it: a screen reader says the question when
            # focus enters its answers.
            box.setAccessibleName(f"{item.number}. {item.text}")
            expose_as(box, "group")
            inner = QVBoxLayout(box)
            question = label(f"<b>{item.number}.</b> {escape(item.text)}", rich=True)
            inner.addWidget(question)
            grid = QGridLayout()
            grid.setHorizontalSpacing(18)
            columns = 4 if len(item.options.options) <= 4 else 3
            group = QButtonGroup(box)
            group.setExclusive(True)
            row_buttons: list[QRadioButton] = []
            for index, option in enumerate(item.options.options):
                button = QRadioButton(option.label)
                button.setAccessibleName(_("Question {number}: {answer}").format(
                    number=item.number, answer=option.label))
                button.setProperty("value", option.value)
                group.addButton(button, index)
                grid.addWidget(button, index // columns, index % columns)
                row_buttons.append(button)
            inner.addLayout(grid)
            self._grids.append((grid, columns))
            self.columns.append(columns)
            group.buttonClicked.connect(
                lambda b, n=item.number: self.answered.emit(n, int(b.property("value"))))
            self.groups.append(group)
            self.buttons.append(row_buttons)
            col.addWidget(box)
        col.addStretch(1)

    def fit_width(self, width: int) -> None:
        """Answers in as many columns as fit `width` (the visible width): up to 4 (3 for long
        scales), fewer on a small screen or with large text, so no answer is cut off."""
        outer = self.layout()
        if width <= 0 or outer is None:
            return
        m = outer.contentsMargins()
        for index, ((grid, most), buttons) in enumerate(zip(self._grids, self.buttons,
                                                               strict=True)):
            box = buttons[0].parentWidget() if buttons else None
            if box is None or box.layout() is None:
                continue
            inner = box.layout().contentsMargins()  # type: ignore[union-attr]
            room = width - m.left() - m.right() - inner.left() - inner.right() - 4
            widths = [b.sizeHint().width() for b in buttons]
            fits = 1
            for columns in range(most, 0, -1):
                needed = sum(max(widths[c::columns]) for c in range(columns)) \
                    + grid.horizontalSpacing() * (columns - 1)
                if needed <= room:
                    fits = columns
                    break
            if fits != self.columns[index]:
                self.columns[index] = fits
                for i, button in enumerate(buttons):
                    grid.removeWidget(button)
                    grid.addWidget(button, i // fits, i % fits)

    def answers(self) -> list[int | None]:
        out: list[int | None] = []
        for group in self.groups:
            checked = group.checkedButton()
            out.append(None if checked is None else int(checked.property("value")))
        return out

    def choose(self, item_number: int, value: int) -> None:
        """Select an answer as a click would (used by keyboard shortcuts and tests)."""
        for button in self.buttons[item_number - 1]:
            if int(button.property("value")) == value:
                button.click()
                return
        raise ValueError(f"question {item_number} has no answer {value}")


class TakeView(QWidget):
    """The form being filled in. `submit_requested` and `cancel_requested` go to the page,
    which saves (or not) and shows the next view."""

    submit_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, open_help: Callable[..., object]) -> None:
        super().__init__()
        self.open_help = open_help
        self.form: QuestionForm | None = None
        self.crisis_opened = False
        col = QVBoxLayout(self)
        self.title = label(rich=True)
        self.notice = label(rich=True)
        set_role(self.notice, "alert-frame")
        self.stem = label(rich=True, context=_("Instructions"))
        col.addWidget(self.title)
        col.addWidget(self.notice)
        col.addWidget(self.stem)
        self.form_area = QScrollArea()
        self.form_area.setWidgetResizable(True)
        self.form_area.setFrameShape(QFrame.Shape.NoFrame)
        self.form_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.form_area.viewport().installEventFilter(self)  # answers re-flow to its width
        col.addWidget(self.form_area, 1)
        self.support = QFrame()
        support_row = QHBoxLayout(self.support)
        support_text = label(_(S0_MESSAGE))
        set_role(support_text, "error-strong")
        self.help = QPushButton(_("Get help now"))
        self.help.setAccessibleName(_("Get help now: crisis support"))
        set_role(self.help, "help")
        self.help.clicked.connect(lambda: self.open_help(crisis=True))
        support_row.addWidget(support_text, 1)
        support_row.addWidget(self.help)
        self.support.setVisible(False)
        col.addWidget(self.support)
        actions = QHBoxLayout()
        self.submit_button = QPushButton(_("See my &result"))
        set_role(self.submit_button, "primary")
        self.cancel_button = QPushButton(_("&Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel this self-check"))
        self.progress = label(context=_("Progress"))
        self.progress.setWordWrap(False)
        self.status = label()
        actions.addWidget(self.submit_button)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.progress)
        actions.addWidget(self.status, 1)
        col.addLayout(actions)
        self.submit_button.clicked.connect(self.submit_requested)
        self.cancel_button.clicked.connect(self.cancel_requested)

    def start(self, inst: Instrument) -> None:
        self.crisis_opened = False
        self.form = QuestionForm(inst)
        self.form.answered.connect(self._on_answered)
        self.form_area.setWidget(self.form)
        self.form.fit_width(self.form_area.viewport().width())
        self.title.setText(f"<h2>{escape(inst.name)}</h2>")
        self.notice.setVisible(bool(inst.notice))
        self.notice.setText(_("<b>Before you start:</b> {notice}").format(
            notice=escape(inst.notice)))
        stem = escape(inst.stem) if inst.stem else _("Choose the answer that fits you best.")
        if inst.scoring.min_answered < len(inst.items):
            stem += " " + _("You can skip a question; at least {needed} of {total} need an "
                            "answer for a score.").format(needed=inst.scoring.min_answered,
                                                          total=len(inst.items))
        self.stem.setText(stem)
        self.support.setVisible(False)
        self.status.setText("")
        self._update_progress()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Resize and self.form is not None and \
                watched is self.form_area.viewport():
            self.form.fit_width(self.form_area.viewport().width())
        return False

    def focus_first_answer(self) -> None:
        if self.form is not None and self.form.buttons:
            self.form.buttons[0][0].setFocus()

    def _on_answered(self, _item_number: int, _value: int) -> None:
        if self.form is None:
            return
        if safety_flag(self.form.instrument, self.form.answers()) and not self.crisis_opened:
            # S0: immediately, before the form is finished; never snoozed or suppressed.
            self.crisis_opened = True
            self.support.setVisible(True)
            self.open_help(crisis=True, source=SOURCE_PHQ9_ITEM9)
        self._update_progress()

    def _update_progress(self) -> None:
        if self.form is None:
            return
        answers = self.form.answers()
        done = sum(a is not None for a in answers)
        self.progress.setText(_("{done} of {total} answered").format(done=done,
                                                                      total=len(answers)))
        self.submit_button.setEnabled(is_scorable(self.form.instrument, answers))

    def show_not_saved(self, error: str) -> None:
        message = _("Not saved: {error}").format(error=error)
        self.status.setText(message)
        set_role(self.status, "error-strong")
        self.submit_button.setAccessibleDescription(message)
        announce(self.submit_button, message, assertive=True)
        self.submit_button.setFocus()

    def clear(self) -> None:
        """The form is done with (saved or cancelled)."""
        self.form = None
        self.submit_button.setAccessibleDescription("")
