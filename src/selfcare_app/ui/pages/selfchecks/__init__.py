"""Self-checks: pick a questionnaire, see when it is due, take it, read the result, see history.

The page is thin: a picker beside a stack of three views, each in its own module —
`overview` (what it is, when due, history chart and table, sources), `take` (the questions)
and `result` (score, range, change, what might help). The page moves between them, saves a
result and reloads the history when it is stale (ui/stale.py).

Wording, bands and sources come from the definition files (core.instruments). Every result is
"a self-check, not a diagnosis". The PHQ-9 shows its notice before it starts, and the moment a
question-9 answer above "Not at all" is chosen the main window's crisis card opens (S0); the
main window keeps the private safety record. matplotlib is imported the first time a history
chart is shown.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from selfcare_app.clock import now, today
from selfcare_app.core.assessment import Assessment
from selfcare_app.core.instruments import Instrument, due_text, is_scorable, load_instruments, score
from selfcare_app.data.errors import VaultError
from selfcare_app.i18n import N_, _
from selfcare_app.ui.pages.base import Page, PageHost
from selfcare_app.ui.pages.selfchecks.common import (
    ID_ROLE,
    NOT_A_DIAGNOSIS,
    S0_MESSAGE,
    SourceLinks,
    label,
    sources_html,
)
from selfcare_app.ui.pages.selfchecks.overview import OverviewView
from selfcare_app.ui.pages.selfchecks.result import ResultView
from selfcare_app.ui.pages.selfchecks.take import QuestionForm, TakeView
from selfcare_app.ui.stale import StaleRefresh

__all__ = ["NOT_A_DIAGNOSIS", "S0_MESSAGE", "QuestionForm", "SelfChecksPage", "SourceLinks",
           "sources_html"]


class SelfChecksPage(Page):
    key = "selfchecks"
    title = N_("Self-checks")

    def __init__(self, host: PageHost) -> None:
        super().__init__(host)
        self.instruments: dict[str, Instrument] = dict(load_instruments())
        self.history: list[Assessment] = []
        self.current: Instrument = next(iter(self.instruments.values()))
        self.shown_result: Assessment | None = None

        outer = QHBoxLayout(self)
        left = QWidget()
        left.setMaximumWidth(300)
        left_col = QVBoxLayout(left)
        left_col.setContentsMargins(0, 0, 0, 0)
        left_col.addWidget(QLabel("<h2>" + _("Self-checks") + "</h2>"))
        left_col.addWidget(label(_("Short questionnaires used in research and by counselors.")
                                 + " " + _(NOT_A_DIAGNOSIS)))
        self.picker = QListWidget()
        self.picker.setAccessibleName(_("Self-checks"))
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
        self.overview = OverviewView()
        self.taking = TakeView(self.host.open_help)
        self.result_view = ResultView(self.host.open_help)
        for view in (self.overview, self.taking, self.result_view):
            self.views.addWidget(view)
        self.overview.start_requested.connect(self.start)
        self.overview.instrument_requested.connect(self.select_instrument)
        self.overview.result_requested.connect(self._open_result)
        self.taking.submit_requested.connect(self.submit)
        self.taking.cancel_requested.connect(self.show_overview)
        self.result_view.back_requested.connect(self.show_overview)
        self.result_view.support_chosen.connect(self._on_support)

        self.picker.currentItemChanged.connect(self._on_pick)
        # A half-filled form is never reloaded under the student's hands.
        self.freshness = StaleRefresh(self, self.host.session.changed, ("assessments",),
                                      self.reload, daily=True,
                                      paused=lambda: self.form is not None, on_show=False)
        self.picker.setCurrentRow(0)

    @property
    def form(self) -> QuestionForm | None:
        """The questions being answered, if a self-check is under way."""
        return self.taking.form

    # -- moving between the views ------------------------------------------------------------

    def show_overview(self) -> None:
        self.taking.clear()
        self.views.setCurrentWidget(self.overview)
        self.overview.show_instrument(self.current, self.history, "phq8" in self.instruments)

    def start(self) -> None:
        self.taking.start(self.current)
        self.views.setCurrentWidget(self.taking)
        self.taking.focus_first_answer()

    def submit(self) -> bool:
        form = self.form
        if form is None:
            return False
        answers = form.answers()
        if not is_scorable(self.current, answers):
            return False
        result = score(self.current, answers, datetime.combine(today(), now().time()))
        try:
            saved = self.host.session.run(lambda v: v.assessments.add(result))
        except VaultError as exc:
            self.taking.show_not_saved(str(exc))
            return False
        self.taking.clear()
        self.history.append(saved)
        self.host.session.notify("assessments")
        self.show_result(saved)
        self._refresh_picker()
        return True

    def show_result(self, result: Assessment) -> None:
        self.shown_result = result
        self.result_view.show_result(self.instruments[result.instrument], result, self.history)
        self.views.setCurrentWidget(self.result_view)
        self.result_view.back_button.setFocus()

    def _open_result(self, assessment_id: int) -> None:
        for a in self.history:
            if a.id == assessment_id:
                self.show_result(a)
                return

    def _on_support(self, kind: str, target: str) -> None:
        if kind in ("learn", "resources"):
            self.host.navigate(kind, target)
        elif kind == "selfcheck":
            self.select_instrument(target)

    # -- navigation and data -----------------------------------------------------------------

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
            self.overview.show_instrument(self.current, self.history, "phq8" in self.instruments)

    def first_focus(self) -> QWidget:
        return self.picker

    def activate(self) -> None:
        self.freshness.refresh_if_stale()
        if self.views.currentWidget() is self.overview:
            self.overview.draw_chart()

    def navigate_to(self, arg: Any) -> None:
        if isinstance(arg, str):
            self.select_instrument(arg)
