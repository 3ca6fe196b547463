"""Trends: the student's own measures over time, by weekday, and summarised per measure.

matplotlib is imported the first time this page is shown (never at start-up), and a range
switch with the same measures moves the existing lines in place (report.charts.TrendChart).
Hover a day for its values, tags and note; click it (or use ←/→ on the chart) to keep it in the
side panel. Every chart carries a text equivalent as its accessible description.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from typing import Any, ClassVar

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QCursor, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedLayout,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from selfcare_app.clock import today
from selfcare_app.core import trends as tr
from selfcare_app.core.entry import METRICS, DailyEntry
from selfcare_app.data.vault import Vault
from selfcare_app.i18n import N_, _, ngettext
from selfcare_app.ui.accessibility import expose_as
from selfcare_app.ui.announce import announce
from selfcare_app.ui.chart_canvas import Policy, chart_canvas
from selfcare_app.ui.pages.base import Page, PageHost
from selfcare_app.ui.pages.today import from_qdate, to_qdate
from selfcare_app.ui.stale import StaleRefresh
from selfcare_app.ui.theme import chart_theme

Period = tuple[date, date, str]
# A function that returns periods to shade: (first day, last day, label); run on the vault
# thread. Built in: quiet periods and what the app noticed; others may append to
# TrendsPage.shaded_providers.
ShadedProvider = Callable[[Vault], Iterable[Period]]
QUIET_LABEL = N_("quiet period")
NO_DAY_TEXT = N_("Click a day on the chart to see its values, tags and note.")
TOOLTIP_NOTE_CHARS = 280
NOTICED_LABEL = N_("what we noticed")


def quiet_periods(vault: Vault) -> list[Period]:
    return [(p.start, p.end, _(QUIET_LABEL)) for p in vault.quiet_periods.list()]


def noticed_periods(vault: Vault) -> list[Period]:
    """The windows of findings shown on Today, except safety support (S0) and findings the
    student marked not helpful. A self-check finding (Q…) compares with the previous
    self-check, weeks earlier; shading that whole span would mark nothing, so it is shaded
    on the day of the self-check only."""
    return [(s.finding.window_end if s.rule.startswith("Q") else s.finding.window_start,
             s.finding.window_end, _(NOTICED_LABEL))
            for s in vault.findings.history()
            if s.rule != "S0" and s.state != "not-helpful"]


BUILTIN_PROVIDERS: tuple[ShadedProvider, ...] = (quiet_periods, noticed_periods)

_METRIC_NAMES = {"stress": N_("Stress"), "sleep_hours": N_("Sleep"), "study_hours": N_("Study"),
                 "mood": N_("Mood"), "energy": N_("Energy")}
# The measure checkboxes' accessible names (whole phrases, so a language can reorder them).
_CHART_NAMES = {"stress": N_("Chart stress"), "sleep_hours": N_("Chart sleep"),
                "study_hours": N_("Chart study"), "mood": N_("Chart mood"),
                "energy": N_("Chart energy")}


class _WrappedText(QLabel):
    """Wrapped text that asks its layout for the height its lines need at its current width,
    as a plain minimum. (Height-for-width items made this page's layout stack the text on top
    of the charts when the window is narrow.)"""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.setWordWrap(True)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        needed = super().heightForWidth(event.size().width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


class _ChartTabs(QTabWidget):
    """The chart tabs size by their minimum and hint only. (A tab page with wrapped text, the
    Patterns tab, makes QTabWidget answer height-for-width with less than its minimum; the page
    layout then placed the text under the charts on top of them.)"""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return False


class TrendsPage(Page):
    key = "trends"
    title = N_("Trends")
    shortcuts = (("Left / Right", N_("Previous / next day (on the chart)")),
                 ("Page Up / Page Down", N_("A week back / forward (on the chart)")),
                 ("Home / End", N_("First / last day of the range (on the chart)")),
                 ("Return", N_("Edit the selected day in Today (on the chart)")),
                 ("Esc", N_("Clear the selected day (on the chart)")))
    shaded_providers: ClassVar[list[ShadedProvider]] = []

    def __init__(self, host: PageHost) -> None:
        super().__init__(host)
        self._entries: list[DailyEntry] | None = None
        self._by_day: dict[date, DailyEntry] = {}
        self._shaded: list[Period] = []
        self._range_key = "month"
        self._view: tr.TrendView | None = None
        self._selected: date | None = None
        self._hover_day: date | None = None
        self.chart: Any = None  # report.charts.TrendChart, built on first show
        self.weekday_chart: Any = None
        self.canvas: Any = None
        self.weekday_canvas: Any = None
        self._watched_parent: QWidget | None = None
        self._weekday_dirty = True

        # Side by side when there is room; on a narrow window (1024 px, large text) the summary
        # and the selected day go under the chart instead of off the right edge.
        self.outer = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        left = QVBoxLayout()
        self.left_layout = left
        self.outer.addLayout(left, 3)

        heading = QLabel(f"<h2>{self.display_title()}</h2>")
        left.addWidget(heading)

        # -- range ---------------------------------------------------------------------
        ranges = QHBoxLayout()
        ranges.addWidget(QLabel(_("Show:")))
        # One exclusive group to assistive technology: a named group of radio buttons.
        self.range_box = QWidget()
        self.range_box.setAccessibleName(_("Period shown"))
        expose_as(self.range_box, "group")
        range_row = QHBoxLayout(self.range_box)
        range_row.setContentsMargins(0, 0, 0, 0)
        ranges.addWidget(self.range_box)
        self.range_group = QButtonGroup(self)
        self.range_group.setExclusive(True)
        self.range_buttons: dict[str, QPushButton] = {}
        for choice in tr.RANGES:
            button = QPushButton(_(choice.label))
            button.setCheckable(True)
            button.setAccessibleName(_(choice.label))  # what the button shows (speech input)
            expose_as(button, "radio")
            button.setProperty("range_key", choice.key)
            self.range_group.addButton(button)
            self.range_buttons[choice.key] = button
            range_row.addWidget(button)
        self.custom_from = QDateEdit()
        self.custom_to = QDateEdit()
        for edit, name in ((self.custom_from, _("Custom range from")),
                           (self.custom_to, _("Custom range to"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(name)
            edit.setMinimumDate(QDate(1970, 1, 1))
            edit.setMaximumDate(to_qdate(today()))
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("30 Sep 2025") + 48)
        self.custom_from.setDate(to_qdate(today() - timedelta(days=59)))
        self.custom_to.setDate(to_qdate(today()))
        ranges.addStretch(1)
        left.addLayout(ranges)
        self.custom_box = QWidget()
        custom_row = QHBoxLayout(self.custom_box)
        custom_row.setContentsMargins(0, 0, 0, 0)
        custom_row.addWidget(QLabel(_("From")))
        custom_row.addWidget(self.custom_from)
        custom_row.addWidget(QLabel(_("to")))
        custom_row.addWidget(self.custom_to)
        custom_row.addStretch(1)
        self.custom_box.setVisible(False)
        left.addWidget(self.custom_box)

        # -- measures ------------------------------------------------------------------
        toggles = QHBoxLayout()
        toggles.addWidget(QLabel(_("Measures:")))
        self.metric_boxes: dict[str, QCheckBox] = {}
        for metric in METRICS:
            box = QCheckBox(_(_METRIC_NAMES[metric]))
            box.setChecked(True)
            box.setAccessibleName(_(_CHART_NAMES[metric]))
            self.metric_boxes[metric] = box
            toggles.addWidget(box)
        toggles.addStretch(1)
        left.addLayout(toggles)

        # -- charts (canvases are created on first show) -------------------------------
        self.tabs = _ChartTabs()
        self.tabs.setAccessibleName(_("Chart views"))
        self.tabs.tabBar().setAccessibleName(_("Chart views: over time or by weekday"))
        self.time_tab = QWidget()
        self.time_layout = QStackedLayout(self.time_tab)
        self.weekday_tab = QWidget()
        self.weekday_layout = QStackedLayout(self.weekday_tab)
        for layout in (self.time_layout, self.weekday_layout):
            placeholder = QLabel(_("Loading your charts…"))
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(placeholder)
        self.tabs.addTab(self.time_tab, _("Over time"))
        self.tabs.addTab(self.weekday_tab, _("By weekday"))
        from selfcare_app.ui.widgets.patterns_tab import PatternsTab

        self.patterns_tab = PatternsTab()  # what went with better days (core/insights.py)
        self.patterns_tab.attach(self.tabs)
        left.addWidget(self.tabs, 1)
        self.hint = _WrappedText(_(
            "Thin line: each day you logged; bold line: the 7-day mean (shown when at least 4 "
            "of the 7 days were logged). Gaps are days without an entry. Hover or click a day "
            "to see it; ←/→ move between days."))
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        left.addWidget(self.hint)

        # -- side panel: summary and the selected day ---------------------------------
        self.side_panel = QWidget()
        side = QVBoxLayout(self.side_panel)
        side.setContentsMargins(0, 0, 0, 0)
        self.outer.addWidget(self.side_panel, 1)
        side.addWidget(QLabel(f"<h3>{_('Summary')}</h3>"))
        self.range_label = _WrappedText()
        side.addWidget(self.range_label)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("Measure"), _("Average"), _("Range"),
                                              _("Days logged")])
        self.table.setAccessibleName(_("Summary per measure: average, lowest to highest, "
                                     "days logged"))
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        # Columns as wide as their text, no stretching: its width is then what it needs.
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        side.addWidget(self.table)

        side.addWidget(QLabel(f"<h3>{_('Selected day')}</h3>"))
        # Read-only and scrollable: a note can be long (up to 20,000 characters).
        self.day_panel = QPlainTextEdit(_(NO_DAY_TEXT))
        self.day_panel.setReadOnly(True)
        self.day_panel.setAccessibleName(_("Selected day"))
        self.day_panel.setTabChangesFocus(True)
        self.day_panel.setMinimumHeight(120)
        side.addWidget(self.day_panel, 1)
        self.open_day = QPushButton(_("Edi&t this day in Today"))
        self.open_day.setEnabled(False)
        side.addWidget(self.open_day)

        self.range_group.buttonClicked.connect(self._on_range_button)
        self.custom_from.dateChanged.connect(lambda _d: self.refresh())
        self.custom_to.dateChanged.connect(lambda _d: self.refresh())
        for box in self.metric_boxes.values():
            box.toggled.connect(lambda _c: self.refresh())
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.open_day.clicked.connect(self._open_selected_day)
        # Reloaded when shown (activate) after a change, at once if the change comes while shown.
        self.freshness = StaleRefresh(self, host.session.changed,
                                      ("entries", "findings", "settings"), self.reload,
                                      on_show=False)
        self.set_range(self._range_key)

    # -- Page ------------------------------------------------------------------------

    def first_focus(self) -> QWidget:
        return self.range_buttons[self._range_key]

    # -- fitting a small window -------------------------------------------------------------

    @property
    def stacked(self) -> bool:
        """True when the summary and the selected day sit under the chart (narrow window)."""
        return self.outer.direction() == QBoxLayout.Direction.TopToBottom

    def _room(self) -> int:
        """The width the page is given: its frame's viewport when in one, else its own."""
        parent = self.parentWidget()
        return parent.width() if parent is not None else self.width()

    def fit_layout(self) -> None:
        """Stack the side panel under the chart when side by side would need more width than
        the window gives (the page would otherwise scroll sideways)."""
        spacing = max(self.outer.spacing(), 0)
        margins = self.outer.contentsMargins()
        needed = (self.left_layout.minimumSize().width() + spacing
                  + self.side_panel.minimumSizeHint().width()
                  + margins.left() + margins.right())
        direction = (QBoxLayout.Direction.TopToBottom if self._room() < needed
                     else QBoxLayout.Direction.LeftToRight)
        if direction != self.outer.direction():
            self.outer.setDirection(direction)
            self.outer.setStretch(0, 3)
            self.outer.setStretch(1, 0 if direction == QBoxLayout.Direction.TopToBottom else 1)

    def _fit_chart_height(self) -> None:
        """Each measure's panel keeps a readable height (more text, taller panels); a window
        too short for them scrolls rather than squashing the lines flat."""
        if self.canvas is None:
            return
        line = self.fontMetrics().height()
        shown = max(1, len(self.selected_metrics()))
        height = max(300, int(shown * line * 4.5 + line * 2))  # ~4 lines of text a panel
        self.canvas.setMinimumHeight(height)
        # Said on the tabs too: a layout asked for a height at a given width reads the tab
        # widget's own minimum, not its page's.
        self.tabs.setMinimumHeight(height + self.tabs.tabBar().sizeHint().height() + 8)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.fit_layout()
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        parent = self.parentWidget()
        if parent is not None and parent is not self._watched_parent:
            parent.installEventFilter(self)  # the frame's viewport: its width is our room
            self._watched_parent = parent
        self.fit_layout()
        super().showEvent(event)

    def activate(self) -> None:
        self._ensure_charts()
        self._apply_theme()
        if not self.freshness.refresh_if_stale():
            self.refresh()

    def navigate_to(self, arg: Any) -> None:
        if isinstance(arg, str) and arg in tr.RANGES_BY_KEY:
            self.set_range(arg)
        elif isinstance(arg, date):
            self.select_day(arg)

    # -- data ------------------------------------------------------------------------

    def reload(self) -> None:
        """Read every entry (and the periods to shade) from the vault, then redraw."""
        providers = [*BUILTIN_PROVIDERS, *self.shaded_providers]

        def load(v: Vault) -> tuple[list[DailyEntry], list[Period]]:
            shaded: list[Period] = []
            for provider in providers:
                shaded.extend(provider(v))
            return v.entries.all(), shaded

        entries, shaded = self.host.session.run(load)
        self._entries = entries
        self._by_day = {e.day: e for e in entries}
        self._shaded = tr.merge_periods(shaded)
        self.refresh()

    def selected_metrics(self) -> list[str]:
        return [m for m, box in self.metric_boxes.items() if box.isChecked()]

    def bounds(self) -> tuple[date, date]:
        first = self._entries[0].day if self._entries else None
        custom = (from_qdate(self.custom_from.date()), from_qdate(self.custom_to.date()))
        return tr.range_bounds(self._range_key, today(), first, custom)

    # -- range -----------------------------------------------------------------------

    def set_range(self, key: str) -> None:
        self._range_key = key
        self.range_buttons[key].setChecked(True)
        for k, button in self.range_buttons.items():
            font = button.font()
            font.setBold(k == key)
            button.setFont(font)
        self.custom_box.setVisible(key == "custom")
        self.refresh()

    def _on_range_button(self, button: QPushButton) -> None:
        self.set_range(str(button.property("range_key")))

    # -- drawing ---------------------------------------------------------------------

    def _ensure_charts(self) -> None:
        if self.chart is not None:
            return
        # The first time the page is shown: this is where matplotlib gets imported.
        from selfcare_app.report.charts import TrendChart, WeekdayChart

        theme = self._theme()
        self.chart = TrendChart(theme)
        self.weekday_chart = WeekdayChart(theme)
        chart, weekday = self.chart, self.weekday_chart
        grow = (Policy.Expanding, Policy.Expanding)
        self.canvas = chart_canvas(chart.figure, _("Trends over time"), on_resize=chart.fit,
                                   policy=grow, min_width=420, min_height=300, focusable=True)
        self.weekday_canvas = chart_canvas(weekday.figure, _("Average by weekday"),
                                           on_resize=weekday.fit, policy=grow, min_width=420,
                                           min_height=300, focusable=True)
        for canvas, layout in ((self.canvas, self.time_layout),
                               (self.weekday_canvas, self.weekday_layout)):
            layout.addWidget(canvas)
            layout.setCurrentWidget(canvas)
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)
        self.canvas.mpl_connect("button_press_event", self._on_click)
        self.canvas.mpl_connect("key_press_event", self._on_key)
        # The chart comes right after the tabs that hold it, not last (it is built late).
        QWidget.setTabOrder(self.tabs.tabBar(), self.canvas)
        self.canvas.mpl_connect("figure_leave_event", lambda _e: QToolTip.hideText())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.chart is not None:
            self._apply_theme()
        if event.type() == QEvent.Type.FontChange:
            self.fit_layout()
            self._fit_chart_height()

    def _theme(self) -> Any:
        return chart_theme(self.palette())

    def _apply_theme(self) -> None:
        theme = self._theme()
        if theme == self.chart.theme:
            return
        self.chart.set_theme(theme)
        self.weekday_chart.set_theme(theme, None)
        self._weekday_dirty = True
        self.chart.set_cursor(self._selected)
        self.canvas.draw_idle()

    def refresh(self) -> None:
        """Rebuild the view for the current range and measures and redraw (in place)."""
        if self.chart is None or self._entries is None:
            return
        start, end = self.bounds()
        view = tr.build_view(self._entries, start, end, self.selected_metrics())
        self._view = view
        self._fit_chart_height()
        self.chart.update(view, self._shaded)
        if self._selected is not None and start <= self._selected <= end:
            self.chart.set_cursor(self._selected)
        self.canvas.setAccessibleDescription(tr.describe_view(view, self._visible_shaded(view)))
        # Both charts' text alternatives stay current, even for the tab not showing.
        self.weekday_canvas.setAccessibleDescription(tr.describe_weekdays(view))
        self.canvas.draw_idle()
        self._weekday_dirty = True
        self._draw_weekdays_if_shown()
        self._fill_table(view)
        self.patterns_tab.set_data(self._entries, start, end, self._theme())
        n = (end - start).days + 1
        self.range_label.setText(ngettext("{span} ({n} day)", "{span} ({n} days)", n).format(
            span=tr.format_span(start, end), n=n))
        self._update_hint()

    def _update_hint(self) -> None:
        if self.tabs.currentWidget() is self.patterns_tab:
            self.hint.setText(_("Patterns use the days in the range above."))
            return
        if self.tabs.currentWidget() is self.weekday_tab:
            self.hint.setText(_("Each bar is the average of the days you logged on that weekday "
                              "in this range; weekdays without entries show none."))
            return
        weekly = self._view is not None and self._view.weekly
        if weekly:
            text = _("Thin line: each day you logged; bold line: the weekly mean. Gaps are days "
                     "without an entry. Hover or click a day to see it; ←/→ move between days.")
        else:
            text = _("Thin line: each day you logged; bold line: the 7-day mean (shown when at "
                     "least 4 of the 7 days were logged). Gaps are days without an entry. Hover "
                     "or click a day to see it; ←/→ move between days.")
        self.hint.setText(text)

    def _on_tab_changed(self, _index: int) -> None:
        self._draw_weekdays_if_shown()
        self._update_hint()

    def _visible_shaded(self, view: tr.TrendView) -> list[Period]:
        return [(a, b, t) for a, b, t in self._shaded if not (b < view.start or a > view.end)]

    def _draw_weekdays_if_shown(self) -> None:
        if self._view is None or self.weekday_chart is None or not self._weekday_dirty:
            return
        if self.tabs.currentWidget() is not self.weekday_tab:
            return
        self.weekday_chart.update(self._view)
        self.weekday_canvas.draw_idle()
        self._weekday_dirty = False

    def _fill_table(self, view: tr.TrendView) -> None:
        self.table.setRowCount(len(view.panels))
        for row, panel in enumerate(view.panels):
            cells = tr.summary_cells(panel.summary)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()
        self.table.resizeColumnsToContents()
        # Never narrower than its columns (no cut-off "28 of 30"); when that leaves the chart
        # too little room, fit_layout puts the table under it.
        header = self.table.horizontalHeader()
        self.table.setMinimumWidth(header.length() + 2 * self.table.frameWidth())
        self.table.updateGeometry()
        self.fit_layout()

    # -- days ------------------------------------------------------------------------

    def select_day(self, day: date | None) -> None:
        self._selected = day
        if self.chart is not None:
            self.chart.set_cursor(day)
            self.canvas.draw_idle()
        if day is None:
            self.day_panel.setPlainText(_(NO_DAY_TEXT))
            self.open_day.setEnabled(False)
            return
        self.day_panel.setPlainText(tr.describe_day(day, self._by_day.get(day)))
        self.open_day.setEnabled(True)

    @property
    def selected_day(self) -> date | None:
        return self._selected

    def _open_selected_day(self) -> None:
        if self._selected is not None:
            self.host.navigate("today", self._selected)

    def _event_day(self, event: Any) -> date | None:
        if event.inaxes is None or event.xdata is None:
            return None
        result: date | None = self.chart.day_at(event.xdata)
        return result

    def _on_motion(self, event: Any) -> None:
        day = self._event_day(event)
        if day == self._hover_day:
            return
        self._hover_day = day
        if day is None:
            QToolTip.hideText()
            return
        text = tr.describe_day(day, self._by_day.get(day), note_limit=TOOLTIP_NOTE_CHARS)
        QToolTip.showText(QCursor.pos(), text, self.canvas)

    def _on_click(self, event: Any) -> None:
        day = self._event_day(event)
        if day is not None:
            self.canvas.setFocus()
            self.select_day(day)

    def _on_key(self, event: Any) -> None:
        if self._view is None:
            return
        start, end = self._view.start, self._view.end
        step = {"left": -1, "right": 1, "pageup": -7, "pagedown": 7}.get(event.key)
        if step is not None:
            if self._selected is None:
                target = end if step < 0 else start
            else:
                target = self._selected + timedelta(days=step)
            self.select_day(min(max(target, start), end))
        elif event.key == "home":
            self.select_day(start)
        elif event.key == "end":
            self.select_day(end)
        elif event.key == "escape":
            self.select_day(None)
        elif event.key == "enter":
            self._open_selected_day()
            return
        else:
            return
        self._announce_day()

    def _announce_day(self) -> None:
        """Moving between days by keyboard: say the day's values (the panel shows them)."""
        day = self._selected
        text = _(NO_DAY_TEXT) if day is None else tr.describe_day(
            day, self._by_day.get(day), note_limit=TOOLTIP_NOTE_CHARS)
        announce(self.canvas, text)

    # -- for tests and tools ---------------------------------------------------------

    @property
    def view(self) -> tr.TrendView | None:
        return self._view

    def shaded_periods(self) -> Sequence[Period]:
        return list(self._shaded)
