"""The self-check overview: what it measures, when it is due, start, the history chart and
table, and the sources. matplotlib is imported the first time the chart is drawn on screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from selfcare_app.clock import today
from selfcare_app.core.assessment import Assessment
from selfcare_app.core.formatting import format_medium_day, format_time
from selfcare_app.core.instruments import Instrument, due_text, format_score, is_due
from selfcare_app.i18n import _, ngettext
from selfcare_app.ui.chart_canvas import chart_canvas, new_figure
from selfcare_app.ui.pages.selfchecks.common import (
    ID_ROLE,
    ScrolledView,
    SourceLinks,
    SourcesText,
    escape,
    label,
)
from selfcare_app.ui.theme import chart_theme, set_role


class OverviewView(ScrolledView):
    """One instrument at a glance. Signals what the student asks for; the page acts on it."""

    start_requested = Signal()
    instrument_requested = Signal(str)  # "Take the PHQ-8 instead"
    result_requested = Signal(int)  # an assessment id from the table

    def __init__(self) -> None:
        super().__init__()
        self.instrument: Instrument | None = None
        self.history: list[Assessment] = []
        self.figure: Any = None
        self.canvas: Any = None
        col = self.column
        self.title = label(rich=True)
        self.measures = label()
        self.about = label()
        self.due = label(rich=True)
        self.notice = label(rich=True)
        set_role(self.notice, "alert-frame")
        self.alt = QPushButton(_("Take the PHQ-8 instead"))
        self.alt.setToolTip(_("The same questions without the one about self-harm"))
        self.start_button = QPushButton()
        set_role(self.start_button, "primary")
        self.start_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.last = label(rich=True)
        for w in (self.title, self.measures, self.about, self.due, self.notice):
            col.addWidget(w)
        row = QHBoxLayout()
        row.addWidget(self.start_button)
        row.addWidget(self.alt)
        row.addStretch(1)
        col.addLayout(row)
        col.addWidget(self.last)
        col.addWidget(QLabel("<h3>" + _("Your history") + "</h3>"))
        self.chart_box = QVBoxLayout()
        self.chart_placeholder = QLabel(_("Loading the chart…"))
        self.chart_box.addWidget(self.chart_placeholder)
        col.addLayout(self.chart_box)
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(_("Past results"))
        self.table.setHorizontalHeaderLabels([_("Date"), _("Score"), _("Range")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setToolTip(_("Double-click (or press Enter on) a row to see that result"))
        self.table.setTabKeyNavigation(False)
        self.table.setMaximumHeight(180)
        col.addWidget(self.table)
        self.sources = SourcesText()
        col.addWidget(self.sources)
        self.source_links = SourceLinks()
        col.addWidget(self.source_links)
        col.addStretch(1)
        self.start_button.clicked.connect(self.start_requested)
        self.alt.clicked.connect(lambda: self.instrument_requested.emit("phq8"))
        self.table.cellActivated.connect(self._open_row)
        self.table.cellDoubleClicked.connect(self._open_row)

    def show_instrument(self, inst: Instrument, history: list[Assessment],
                        offers_phq8: bool) -> None:
        self.instrument, self.history = inst, history
        adapted = _(" <i>(adapted)</i>") if inst.adapted and "adapted" not in inst.name else ""
        self.title.setText(f"<h2>{escape(inst.name)}</h2>{adapted}")
        self.measures.setText(_("What it measures: {measures}").format(measures=inst.measures))
        count = len(inst.items)
        questions = ngettext("{n} question about {period}.", "{n} questions about {period}.",
                             count) if inst.recall_period else \
            ngettext("{n} question.", "{n} questions.", count)
        self.about.setText(questions.format(n=count, period=inst.recall_period) + " "
                           + inst.scoring.explanation)
        due = due_text(inst, history, today())
        cadence = (_("Offered every {days} days, to match its two-week recall.").format(
            days=inst.cadence_days) if inst.cadence_days == 14 else
            _("Offered about every {weeks} weeks, or once a term.").format(
                weeks=inst.cadence_days // 7))
        self.due.setText(f"<b>{escape(due)}.</b> {escape(cadence)}")
        self.notice.setVisible(bool(inst.notice))
        self.alt.setVisible(bool(inst.notice) and offers_phq8)
        if inst.notice:
            self.notice.setText(_(
                "<b>Before you start:</b> {notice}<br>For a routine check-in, the PHQ-8 asks "
                "the same questions without that one.").format(notice=escape(inst.notice)))
        self.start_button.setText(
            (_("Start the {name}") if is_due(inst, history, today()) else
             _("Take the {name} anyway")).format(name=inst.short_name))
        self.start_button.setAccessibleName(
            _("Start the {name} self-check").format(name=inst.short_name))
        mine = [a for a in history if a.instrument == inst.id]
        scored_results = [a for a in mine if a.score is not None]
        if scored_results:
            last = scored_results[-1]
            band = inst.band(last.band)
            values = {"score": format_score(last.score or 0), "unit": escape(inst.scoring.unit),
                      "day": format_medium_day(last.taken_at.date())}
            if band:
                self.last.setText(_("Last result: <b>{score}</b> {unit} · {band} on {day}.")
                                  .format(band=escape(band.label), **values))
            else:
                self.last.setText(_("Last result: <b>{score}</b> {unit} on {day}.")
                                  .format(**values))
        else:
            self.last.setText(_("You haven't taken this self-check yet."))
        self.table.setRowCount(0)
        for a in reversed(mine):
            row = self.table.rowCount()
            self.table.insertRow(row)
            band = inst.band(a.band)
            cells = (f"{format_medium_day(a.taken_at.date())} {format_time(a.taken_at)}",
                     _("no score") if a.score is None else format_score(a.score),
                     band.label if band else "")
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(ID_ROLE, a.id)
                self.table.setItem(row, column, cell)
        self.sources.set_sources(inst)
        self.source_links.set_sources(inst)
        self.draw_chart()

    def draw_chart(self) -> None:
        if self.instrument is None or (not self.isVisible() and self.canvas is None):
            return  # matplotlib waits until the view is actually shown
        from selfcare_app.report.selfcheck_chart import build_history_figure, describe_history

        if self.canvas is None:
            self.figure = new_figure(6.4, 2.8)
            self.canvas = chart_canvas(
                self.figure, _("History chart"), on_resize=self._fit_chart,
                policy=(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed),
                min_height=240)
            self.chart_box.removeWidget(self.chart_placeholder)
            self.chart_placeholder.hide()
            self.chart_placeholder.deleteLater()
            self.chart_box.addWidget(self.canvas)
        build_history_figure(self.instrument, self.history, self._chart_theme(),
                             figure=self.figure)
        self.canvas.setAccessibleDescription(describe_history(self.instrument, self.history))
        self.canvas.draw_idle()

    def _fit_chart(self) -> None:
        from selfcare_app.report.selfcheck_chart import fit_margins

        if self.figure is not None:
            fit_margins(self.figure, self._chart_theme().font_scale)

    def _chart_theme(self) -> Any:
        return chart_theme(self.palette())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.canvas is not None:
            self.draw_chart()  # the chart in the new palette's colours

    def _open_row(self, row: int, _column: int = 0) -> None:
        cell = self.table.item(row, 0)
        if cell is not None:
            self.result_requested.emit(int(cell.data(ID_ROLE)))
