"""The Patterns tab in Trends: what went with better or harder days in the chosen range, as
small paired charts with the words and counts beside them, and the practices logged.

Everything is computed from the entries Trends already holds (core.insights); charts are drawn
only while the tab is showing, and matplotlib is imported on first draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from selfcare_app.core.entry import DailyEntry
from selfcare_app.core.insights import (
    MIN_DAYS_PER_GROUP,
    MIN_DAYS_TOTAL,
    InsightReport,
    analyse,
)
from selfcare_app.core.practices import practice_counts
from selfcare_app.core.trends import format_span
from selfcare_app.i18n import N_, _, ngettext
from selfcare_app.ui.chart_canvas import chart_canvas

EXPLAIN = N_("Each pattern compares days with something and days without it, in your own "
             "logs. A pattern is shown only with at least {days} days on each side and when its "
             "interval stays clear of zero after allowing for how many comparisons were made. It "
             "shows what went together, not what caused what.")


def explain_text() -> str:
    return _(EXPLAIN).format(days=MIN_DAYS_PER_GROUP)


class PatternsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Patterns in your logs"))
        self._entries: list[DailyEntry] = []
        self._span: tuple[date, date] | None = None
        self._theme: Any = None
        self._dirty = False
        self._tabs: QTabWidget | None = None
        self.report: InsightReport | None = None
        self.canvases: list[Any] = []

        self.range_label = QLabel()
        self.range_label.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Patterns status"))
        self.messages = QLabel()
        self.messages.setWordWrap(True)
        self.messages.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.messages.setAccessibleName(_("Patterns found, in words"))
        explain = QLabel(explain_text())
        explain.setWordWrap(True)
        explain.setStyleSheet("color: palette(placeholder-text);")
        self.charts = QWidget()
        self.charts_layout = QVBoxLayout(self.charts)
        self.charts_layout.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        col = QVBoxLayout(body)
        for w in (self.range_label, self.status, self.messages, self.charts, explain):
            col.addWidget(w)
        col.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def attach(self, tabs: QTabWidget) -> None:
        """Add this tab to Trends' chart tabs; it draws when it becomes the current one."""
        self._tabs = tabs
        tabs.addTab(self, _("Patterns"))
        tabs.currentChanged.connect(lambda _i: self.draw_if_shown())

    def set_data(self, entries: Sequence[DailyEntry], start: date, end: date,
                 theme: Any) -> None:
        self._entries = list(entries)
        self._span = (start, end)
        self._theme = theme
        self._dirty = True
        self.draw_if_shown()

    def draw_if_shown(self) -> None:
        if not self._dirty or self._span is None:
            return
        if self._tabs is not None and self._tabs.currentWidget() is not self:
            return
        self._dirty = False
        self.draw()

    def draw(self) -> None:
        assert self._span is not None
        start, end = self._span
        report = analyse(self._entries, start, end)
        self.report = report
        days = ngettext("{n} logged day", "{n} logged days", report.days).format(n=report.days)
        tested = ngettext("{n} comparison", "{n} comparisons", report.tested).format(
            n=report.tested)
        # Translators: a date range, then "90 logged days", then "4 comparisons".
        self.range_label.setText(_("<b>{span}</b>: {days}, {comparisons}.").format(
            span=format_span(start, end), days=days, comparisons=tested))
        for canvas in self.canvases:
            self.charts_layout.removeWidget(canvas)
            canvas.deleteLater()
        self.canvases = []
        if not report.enough_days:
            self.status.setText(
                _("Not enough days yet: patterns need at least {needed} logged days in this "
                  "range; you have {days}, so {more} more.").format(
                    needed=MIN_DAYS_TOTAL, days=report.days, more=report.more_days_needed))
        elif not report.patterns:
            self.status.setText(
                _("No clear pattern in this range yet. That is common: patterns need at least "
                  "{days} days with and {days} without a tag or practice, and a difference clear "
                  "enough to stand out.").format(days=MIN_DAYS_PER_GROUP))
        else:
            n = len(report.patterns)
            self.status.setText(ngettext("{n} pattern stood out:", "{n} patterns stood out:",
                                         n).format(n=n))
        self.messages.setText("\n".join(f"• {p.message}" for p in report.patterns))
        self.messages.setVisible(bool(report.patterns))
        from selfcare_app.report.patterns_chart import (
            build_patterns_figure,
            build_practice_counts_figure,
        )

        if report.patterns:
            fig = build_patterns_figure(report.patterns, self._theme)
            self._add_canvas(fig, _("Patterns chart: {patterns}").format(
                patterns=" ".join(p.message for p in report.patterns)))
        in_range = [e for e in self._entries if start <= e.day <= end]
        names: dict[str, str] = {}
        for e in in_range:
            for p in e.practices:
                names.setdefault(p.casefold(), p)
        if names:
            counts = practice_counts(in_range, list(names.values()))
            fig = build_practice_counts_figure(counts, report.days, self._theme)
            self._add_canvas(fig, _("Practices logged: {counts}").format(counts=", ".join(
                ngettext("{practice} {n} day", "{practice} {n} days", c).format(practice=n, n=c)
                for n, c in counts.items())))

    def _add_canvas(self, fig: Any, description: str) -> None:
        from selfcare_app.report.patterns_chart import refit

        canvas = chart_canvas(fig, _("Chart"), description=description,
                              on_resize=lambda: refit(fig),
                              min_height=int(fig.get_size_inches()[1] * fig.dpi))
        self.charts_layout.addWidget(canvas)
        self.canvases.append(canvas)
