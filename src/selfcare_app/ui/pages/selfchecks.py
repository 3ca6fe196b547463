"""Self-checks: pick a questionnaire, see when it is due, take it, read the result, see history.

Wording, bands and sources come from the definition files (core.instruments). Every result is
"a self-check, not a diagnosis". The PHQ-9 shows its notice before it starts, and the moment a
question-9 answer above "Not at all" is chosen the main window's crisis card opens (S0); the
main window keeps the private safety record. matplotlib is imported the first time a history
chart is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selfcare_app.clock import now, today
from selfcare_app.core.assessment import Assessment
from selfcare_app.core.instruments import (
    Instrument,
    SupportLink,
    band_wording,
    change,
    due_text,
    format_score,
    is_due,
    is_scorable,
    load_instruments,
    previous_scored,
    safety_flag,
    score,
)
from selfcare_app.data.assessments import SOURCE_PHQ9_ITEM9
from selfcare_app.data.errors import VaultError
from selfcare_app.ui.accessibility import ContextLabel, expose_as
from selfcare_app.ui.announce import announce
from selfcare_app.ui.links import open_link
from selfcare_app.ui.pages.base import Page, PageHost
from selfcare_app.ui.theme import chart_theme, set_role

NOT_A_DIAGNOSIS = "A self-check, not a diagnosis."
S0_MESSAGE = "Thank you for telling us. You deserve support right now."
ID_ROLE = Qt.ItemDataRole.UserRole


def _label(text: str = "", rich: bool = False, context: str = "", links: bool = False) -> QLabel:
    """A wrapping label. Its text is what a screen reader hears (no fixed name hides it); a
    `context` the screen shows only by position ("Score") is put in front of it. Links are
    clickable; the keyboard reaches them in a list beside the text (`SourceLinks`)."""
    label = ContextLabel(context) if context else QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setText(text)
    flags = Qt.TextInteractionFlag.TextSelectableByMouse
    if links:
        flags |= Qt.TextInteractionFlag.LinksAccessibleByMouse
    label.setTextInteractionFlags(flags)
    return label


class SourceLinks(QListWidget):
    """The links of the sources text as a list the keyboard and a screen reader reach (one
    Tab stop; arrows move, Enter opens the link, only then, in the browser)."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Links to the sources")
        self.setAccessibleDescription("Enter opens the selected source in your browser")
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 12)
        self.itemActivated.connect(lambda item: open_link(str(item.data(ID_ROLE))))

    def set_sources(self, instrument: Instrument) -> None:
        self.clear()
        for source in instrument.sources:
            if source.url:
                site = QUrl(source.url).host().removeprefix("www.")
                item = QListWidgetItem(f"[{source.ref}] {site}: {source.citation}")
                item.setData(ID_ROLE, source.url)
                item.setToolTip(source.url)
                self.addItem(item)
        if self.count():
            self.setCurrentRow(0)
        self.setVisible(self.count() > 0)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sources_html(instrument: Instrument) -> str:
    """Attribution, licence and sources, links shown in full (opened only on click)."""
    items = "".join(
        f"<li>[{s.ref}] {_escape(s.citation)} <a href=\"{_escape(s.url)}\">{_escape(s.url)}</a>"
        "</li>" for s in instrument.sources)
    return (f"<p><b>Source:</b> {_escape(instrument.attribution)}<br>"
            f"<b>Licence:</b> {_escape(instrument.licence)}<br>"
            f"<b>Ranges:</b> {_escape(instrument.band_basis)}</p><ul>{items}</ul>")


def _scroll(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a container: Tab goes to what it holds
    area.setWidget(widget)
    return area


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
            question = _label(f"<b>{item.number}.</b> {_escape(item.text)}", rich=True)
            inner.addWidget(question)
            grid = QGridLayout()
            grid.setHorizontalSpacing(18)
            columns = 4 if len(item.options.options) <= 4 else 3
            group = QButtonGroup(box)
            group.setExclusive(True)
            row_buttons: list[QRadioButton] = []
            for index, option in enumerate(item.options.options):
                button = QRadioButton(option.label)
                button.setAccessibleName(f"Question {item.number}: {option.label}")
                button.setProperty("value", option.value)
                group.addButton(button, index)
                grid.addWidget(button, index // columns, index % columns)
                row_buttons.append(button)
            inner.addLayout(grid)
            group.buttonClicked.connect(
                lambda b, n=item.number: self.answered.emit(n, int(b.property("value"))))
            self.groups.append(group)
            self.buttons.append(row_buttons)
            col.addWidget(box)
        col.addStretch(1)

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


class SelfChecksPage(Page):
    key = "selfchecks"
    title = "Self-checks"

    def __init__(self, host: PageHost) -> None:
        super().__init__(host)
        self.instruments: dict[str, Instrument] = dict(load_instruments())
        self.history: list[Assessment] = []
        self.current: Instrument = next(iter(self.instruments.values()))
        self.form: QuestionForm | None = None
        self.shown_result: Assessment | None = None
        self.crisis_opened = False
        self.figure: Any = None
        self.canvas: Any = None
        self.support_buttons: list[QPushButton] = []

        outer = QHBoxLayout(self)
        left = QWidget()
        left.setMaximumWidth(300)
        left_col = QVBoxLayout(left)
        left_col.setContentsMargins(0, 0, 0, 0)
        left_col.addWidget(QLabel("<h2>Self-checks</h2>"))
        left_col.addWidget(_label("Short questionnaires used in research and by counselors. "
                                  f"{NOT_A_DIAGNOSIS}"))
        self.picker = QListWidget()
        self.picker.setAccessibleName("Self-checks")
        self.picker.setWordWrap(True)
        self.picker.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.picker.setStyleSheet("QListWidget::item { padding: 6px; }")
        for instrument in self.instruments.values():
            item = QListWidgetItem(instrument.short_name)
            item.setData(ID_ROLE, instrument.id)
            self.picker.addItem(item)
        left_col.addWidget(self.picker, 1)
        outer.addWidget(left)

        self.views = QStackedWidget()
        outer.addWidget(self.views, 1)
        self._build_overview()
        self._build_taking()
        self._build_result()

        self.picker.currentItemChanged.connect(self._on_pick)
        self.host.session.changed.connect(self._on_vault_changed)
        self.picker.setCurrentRow(0)

    # -- overview: what it is, when due, start, history ------------------------------------

    def _build_overview(self) -> None:
        body = QWidget()
        col = QVBoxLayout(body)
        self.o_title = _label(rich=True)
        self.o_measures = _label()
        self.o_about = _label()
        self.o_due = _label(rich=True)
        self.o_notice = _label(rich=True)
        set_role(self.o_notice, "alert-frame")
        self.o_alt = QPushButton("Take the PHQ-8 instead")
        self.o_alt.setToolTip("The same questions without the one about self-harm")
        self.start_button = QPushButton()
        set_role(self.start_button, "primary")
        self.start_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.o_last = _label(rich=True)
        for w in (self.o_title, self.o_measures, self.o_about, self.o_due, self.o_notice):
            col.addWidget(w)
        row = QHBoxLayout()
        row.addWidget(self.start_button)
        row.addWidget(self.o_alt)
        row.addStretch(1)
        col.addLayout(row)
        col.addWidget(self.o_last)
        col.addWidget(QLabel("<h3>Your history</h3>"))
        self.chart_box = QVBoxLayout()
        self.chart_placeholder = QLabel("Loading the chart…")
        self.chart_box.addWidget(self.chart_placeholder)
        col.addLayout(self.chart_box)
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName("Past results")
        self.table.setHorizontalHeaderLabels(["Date", "Score", "Range"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setToolTip("Double-click (or press Enter on) a row to see that result")
        self.table.setTabKeyNavigation(False)
        self.table.setMaximumHeight(180)
        col.addWidget(self.table)
        self.o_sources = _label(rich=True, links=True)
        self.o_sources.setOpenExternalLinks(False)
        self.o_sources.linkActivated.connect(open_link)
        col.addWidget(self.o_sources)
        self.o_source_links = SourceLinks()
        col.addWidget(self.o_source_links)
        col.addStretch(1)
        self.overview = _scroll(body)
        self.views.addWidget(self.overview)
        self.start_button.clicked.connect(self.start)
        self.o_alt.clicked.connect(lambda: self.select_instrument("phq8"))
        self.table.cellActivated.connect(self._open_row)
        self.table.cellDoubleClicked.connect(self._open_row)

    def _refresh_overview(self) -> None:
        inst = self.current
        adapted = " <i>(adapted)</i>" if inst.adapted and "adapted" not in inst.name else ""
        self.o_title.setText(f"<h2>{_escape(inst.name)}</h2>{adapted}")
        self.o_measures.setText(f"What it measures: {inst.measures}")
        recall = f" about {inst.recall_period}" if inst.recall_period else ""
        self.o_about.setText(f"{len(inst.items)} questions{recall}. {inst.scoring.explanation}")
        due = due_text(inst, self.history, today())
        cadence = (f"Offered every {inst.cadence_days} days, to match its two-week recall."
                   if inst.cadence_days == 14 else
                   f"Offered about every {inst.cadence_days // 7} weeks, or once a term.")
        self.o_due.setText(f"<b>{_escape(due)}.</b> {_escape(cadence)}")
        self.o_notice.setVisible(bool(inst.notice))
        self.o_alt.setVisible(bool(inst.notice) and "phq8" in self.instruments)
        if inst.notice:
            self.o_notice.setText(
                f"<b>Before you start:</b> {_escape(inst.notice)}<br>For a routine check-in, "
                "the PHQ-8 asks the same questions without that one.")
        self.start_button.setText(f"Start the {inst.short_name}" if is_due(
            inst, self.history, today()) else f"Take the {inst.short_name} anyway")
        self.start_button.setAccessibleName(f"Start the {inst.short_name} self-check")
        mine = self._results(inst)
        scored_results = [a for a in mine if a.score is not None]
        if scored_results:
            last = scored_results[-1]
            band = inst.band(last.band)
            self.o_last.setText(
                f"Last result: <b>{format_score(last.score or 0)}</b> "
                f"{_escape(inst.scoring.unit)}"
                f"{' · ' + _escape(band.label) if band else ''} "
                f"on {last.taken_at.date().isoformat()}.")
        else:
            self.o_last.setText("You haven't taken this self-check yet.")
        self.table.setRowCount(0)
        for a in reversed(mine):
            row = self.table.rowCount()
            self.table.insertRow(row)
            band = inst.band(a.band)
            cells = (a.taken_at.strftime("%Y-%m-%d %H:%M"),
                     "no score" if a.score is None else format_score(a.score),
                     band.label if band else "")
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(ID_ROLE, a.id)
                self.table.setItem(row, column, cell)
        self.o_sources.setText(sources_html(inst))
        self.o_source_links.set_sources(inst)
        self._draw_chart()

    def _draw_chart(self) -> None:
        if not self.isVisible() and self.canvas is None:
            return  # matplotlib waits until the page is actually shown
        from selfcare_app.report.selfcheck_chart import build_history_figure, describe_history

        if self.canvas is None:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            self.figure = Figure(figsize=(6.4, 2.8), dpi=100)
            self.canvas = FigureCanvasQTAgg(self.figure)  # type: ignore[no-untyped-call]
            self.canvas.setAccessibleName("History chart")
            self.canvas.setMinimumHeight(240)
            self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.chart_box.removeWidget(self.chart_placeholder)
            self.chart_placeholder.hide()
            self.chart_placeholder.deleteLater()
            self.chart_box.addWidget(self.canvas)
            self.canvas.mpl_connect("resize_event", lambda _e: self._fit_chart())
        build_history_figure(self.current, self.history, self._chart_theme(), figure=self.figure)
        self.canvas.setAccessibleDescription(describe_history(self.current, self.history))
        self.canvas.draw_idle()

    def _fit_chart(self) -> None:
        from selfcare_app.report.selfcheck_chart import fit_margins

        if self.figure is not None:
            fit_margins(self.figure, self._chart_theme().font_scale)

    def _chart_theme(self) -> Any:
        return chart_theme(self.palette())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.canvas is not None:
            self._draw_chart()  # the chart in the new palette's colours

    def _open_row(self, row: int, _column: int = 0) -> None:
        cell = self.table.item(row, 0)
        if cell is None:
            return
        wanted = cell.data(ID_ROLE)
        for a in self.history:
            if a.id == wanted:
                self.show_result(a)
                return

    # -- taking it -------------------------------------------------------------------------

    def _build_taking(self) -> None:
        self.taking = QWidget()
        col = QVBoxLayout(self.taking)
        self.t_title = _label(rich=True)
        self.t_notice = _label(rich=True)
        set_role(self.t_notice, "alert-frame")
        self.t_stem = _label(rich=True, context="Instructions")
        col.addWidget(self.t_title)
        col.addWidget(self.t_notice)
        col.addWidget(self.t_stem)
        self.form_area = QScrollArea()
        self.form_area.setWidgetResizable(True)
        self.form_area.setFrameShape(QFrame.Shape.NoFrame)
        self.form_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        col.addWidget(self.form_area, 1)
        self.t_support = QFrame()
        support_row = QHBoxLayout(self.t_support)
        support_text = _label(S0_MESSAGE)
        set_role(support_text, "error-strong")
        self.t_help = QPushButton("Get help now")
        self.t_help.setAccessibleName("Get help now: crisis support")
        set_role(self.t_help, "help")
        self.t_help.clicked.connect(lambda: self.host.open_help(crisis=True))
        support_row.addWidget(support_text, 1)
        support_row.addWidget(self.t_help)
        self.t_support.setVisible(False)
        col.addWidget(self.t_support)
        actions = QHBoxLayout()
        self.submit_button = QPushButton("See my &result")
        set_role(self.submit_button, "primary")
        self.cancel_button = QPushButton("&Cancel")
        self.cancel_button.setAccessibleName("Cancel this self-check")
        self.progress = _label(context="Progress")
        self.progress.setWordWrap(False)
        self.t_status = _label()
        actions.addWidget(self.submit_button)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.progress)
        actions.addWidget(self.t_status, 1)
        col.addLayout(actions)
        self.views.addWidget(self.taking)
        self.submit_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.show_overview)

    def start(self) -> None:
        inst = self.current
        self.crisis_opened = False
        self.form = QuestionForm(inst)
        self.form.answered.connect(self._on_answered)
        self.form_area.setWidget(self.form)
        self.t_title.setText(f"<h2>{_escape(inst.name)}</h2>")
        self.t_notice.setVisible(bool(inst.notice))
        self.t_notice.setText(f"<b>Before you start:</b> {_escape(inst.notice)}")
        stem = _escape(inst.stem) if inst.stem else "Choose the answer that fits you best."
        if inst.scoring.min_answered < len(inst.items):
            stem += (f" You can skip a question; at least {inst.scoring.min_answered} of "
                     f"{len(inst.items)} need an answer for a score.")
        self.t_stem.setText(stem)
        self.t_support.setVisible(False)
        self.t_status.setText("")
        self._update_progress()
        self.views.setCurrentWidget(self.taking)
        first = self.form.buttons[0][0] if self.form.buttons else None
        if first is not None:
            first.setFocus()

    def _on_answered(self, item_number: int, value: int) -> None:
        if self.form is None:
            return
        if safety_flag(self.current, self.form.answers()) and not self.crisis_opened:
            # S0: immediately, before the form is finished; never snoozed or suppressed.
            self.crisis_opened = True
            self.t_support.setVisible(True)
            self.host.open_help(crisis=True, source=SOURCE_PHQ9_ITEM9)
        self._update_progress()

    def _update_progress(self) -> None:
        if self.form is None:
            return
        answers = self.form.answers()
        done = sum(a is not None for a in answers)
        self.progress.setText(f"{done} of {len(answers)} answered")
        self.submit_button.setEnabled(is_scorable(self.current, answers))

    def submit(self) -> bool:
        if self.form is None:
            return False
        answers = self.form.answers()
        if not is_scorable(self.current, answers):
            return False
        result = score(self.current, answers, datetime.combine(today(), now().time()))
        try:
            saved = self.host.session.run(lambda v: v.assessments.add(result))
        except VaultError as exc:
            message = f"Not saved: {exc}"
            self.t_status.setText(message)
            set_role(self.t_status, "error-strong")
            self.submit_button.setAccessibleDescription(message)
            announce(self.submit_button, message, assertive=True)
            self.submit_button.setFocus()
            return False
        self.submit_button.setAccessibleDescription("")
        self.history.append(saved)
        self.host.session.notify("assessments")
        self.form = None
        self.show_result(saved)
        self._refresh_picker()
        return True

    # -- result ------------------------------------------------------------------------------

    def _build_result(self) -> None:
        body = QWidget()
        col = QVBoxLayout(body)
        self.r_support = QFrame()
        s_row = QHBoxLayout(self.r_support)
        s_text = _label(f"<b>{S0_MESSAGE}</b>", rich=True)  # warm, not styled as an error
        self.r_help = QPushButton("Get help now")
        self.r_help.setAccessibleName("Get help now: crisis support")
        set_role(self.r_help, "help")
        self.r_help.clicked.connect(lambda: self.host.open_help(crisis=True))
        s_row.addWidget(s_text, 1)
        s_row.addWidget(self.r_help)
        col.addWidget(self.r_support)
        self.r_title = _label(rich=True)
        self.r_score = _label(rich=True, context="Score")
        self.r_band = _label(rich=True, context="Range")
        self.r_framing = _label(NOT_A_DIAGNOSIS)
        self.r_framing.setStyleSheet("font-style: italic;")
        self.r_measures = _label()
        self.r_change = _label(rich=True)
        for w in (self.r_title, self.r_score, self.r_band, self.r_framing, self.r_measures,
                  self.r_change):
            col.addWidget(w)
        col.addWidget(QLabel("<h3>What might help</h3>"))
        self.r_links = QHBoxLayout()
        self.r_links.addStretch(1)
        col.addLayout(self.r_links)
        back = QHBoxLayout()
        self.back_button = QPushButton("&Back to self-checks")
        self.back_button.clicked.connect(self.show_overview)
        back.addWidget(self.back_button)
        back.addStretch(1)
        col.addLayout(back)
        self.r_sources = _label(rich=True, links=True)
        self.r_sources.setOpenExternalLinks(False)
        self.r_sources.linkActivated.connect(open_link)
        col.addWidget(self.r_sources)
        self.r_source_links = SourceLinks()
        col.addWidget(self.r_source_links)
        col.addStretch(1)
        self.result_view = _scroll(body)
        self.views.addWidget(self.result_view)

    def show_result(self, result: Assessment) -> None:
        inst = self.instruments[result.instrument]
        self.shown_result = result
        self.r_support.setVisible(safety_flag(inst, result))
        self.r_title.setText(f"<h2>Your {_escape(inst.short_name)} result</h2>"
                             f"{result.taken_at.strftime('%A %d %B %Y, %H:%M')}")
        band = inst.band(result.band)
        if result.score is None:
            self.r_score.setText("<b>No score:</b> not enough questions were answered.")
            self.r_band.setText("")
        else:
            raw = result.subscores.get("raw")
            extra = "" if raw is None else (
                f" (raw score {format_score(raw)} of {format_score(inst.scoring.raw_maximum)})")
            self.r_score.setText(
                f"<span style='font-size: xx-large; font-weight: bold;'>"
                f"{format_score(result.score)}</span> {_escape(inst.scoring.unit)}{extra}")
            label, description = ("", "") if band is None else band_wording(inst, band, result)
            self.r_band.setText("" if band is None else (
                f"<b>{_escape(label)}</b> ({_escape(inst.band_range_text(band))})<br>"
                f"{_escape(description)}"))
        self.r_measures.setText(f"What it measures: {inst.measures}")
        previous = previous_scored(self.history, result)
        diff = change(inst, result, previous)
        if diff is None:
            self.r_change.setText("No earlier result to compare with yet." if previous is None
                                  else "")
        else:
            text = f"<b>Since last time:</b> {_escape(diff.describe(inst))}"
            if diff.caution:
                text += f"<br>{_escape(diff.caution)}"
            self.r_change.setText(text)
        links = list(band.support) if band else []
        if safety_flag(inst, result):  # S0 comes first, whatever the total score
            first = [SupportLink("resources", "crisis", "Crisis lines"),
                     SupportLink("resources", "counseling", "Counseling and student health"),
                     SupportLink("learn", "reaching-out", "When and how to reach out")]
            links = first + [link for link in links if link not in first]
        self._set_support_links(links)
        self.r_sources.setText(sources_html(inst))
        self.r_source_links.set_sources(inst)
        self.views.setCurrentWidget(self.result_view)
        self.back_button.setFocus()

    def _set_support_links(self, links: Any) -> None:
        while self.r_links.count() > 1:
            item = self.r_links.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.support_buttons = []
        for index, link in enumerate(links):
            button = QPushButton(link.label)
            button.setAccessibleName(link.label)
            button.setProperty("support_kind", link.kind)
            button.setProperty("support_target", link.target)
            button.clicked.connect(self._support_action(link.kind, link.target))
            self.r_links.insertWidget(index, button)
            self.support_buttons.append(button)

    def _support_action(self, kind: str, target: str) -> Callable[[], None]:
        def go() -> None:
            if kind == "learn":
                self.host.navigate("learn", target)
            elif kind == "resources":
                self.host.navigate("resources", target)
            elif kind == "selfcheck":
                self.select_instrument(target)
        return go

    # -- navigation and data -----------------------------------------------------------------

    def _results(self, inst: Instrument) -> list[Assessment]:
        return [a for a in self.history if a.instrument == inst.id]

    def _on_pick(self, item: QListWidgetItem | None, _prev: Any = None) -> None:
        if item is None:
            return
        self.current = self.instruments[str(item.data(ID_ROLE))]
        self.show_overview()

    def select_instrument(self, instrument_id: str) -> None:
        ids = list(self.instruments)
        if instrument_id in ids:
            self.picker.setCurrentRow(ids.index(instrument_id))
            self.show_overview()

    def show_overview(self) -> None:
        self.form = None
        self._refresh_overview()
        self.views.setCurrentWidget(self.overview)

    def _refresh_picker(self) -> None:
        for row in range(self.picker.count()):
            item = self.picker.item(row)
            inst = self.instruments[str(item.data(ID_ROLE))]
            due = due_text(inst, self.history, today())
            item.setText(f"{inst.short_name}\n{due}")
            item.setToolTip(inst.name)

    def reload(self) -> None:
        self.history = list(self.host.session.run(lambda v: v.assessments.list()))
        self._refresh_picker()
        if self.views.currentWidget() is self.overview:
            self._refresh_overview()

    def _on_vault_changed(self, topic: str) -> None:
        if topic == "assessments" and self.form is None and self.isVisible():
            self.reload()

    def first_focus(self) -> QWidget:
        return self.picker

    def activate(self) -> None:
        self.reload()
        if self.views.currentWidget() is self.overview:
            self._draw_chart()

    def navigate_to(self, arg: Any) -> None:
        if isinstance(arg, str):
            self.select_instrument(arg)
