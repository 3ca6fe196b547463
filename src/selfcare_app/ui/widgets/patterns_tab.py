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
from selfcare_app.i18n import _

EXPLAIN = ("Each pattern compares days with something and days without it, in your own logs. "
           f"A pattern is shown only with at least {MIN_DAYS_PER_GROUP} days on each side and "
           "when its interval stays clear of zero after allowing for how many comparisons were "
           "made. It shows what went together, not what caused what.")


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
        explain = QLabel(EXPLAIN)
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
        self.range_label.setText(f"<b>{format_span(start, end)}</b>: {report.days} logged "
                                 f"day(s), {report.tested} comparison(s).")
        for canvas in self.canvases:
            self.charts_layout.removeWidget(canvas)
            canvas.deleteLater()
        self.canvases = []
        if not report.enough_days:
            self.status.setText(
                f"Not enough days yet: patterns need at least {MIN_DAYS_TOTAL} logged days in "
                f"this range; you have {report.days}, so {report.more_days_needed} more.")
        elif not report.patterns:
            self.status.setText(
                "No clear pattern in this range yet. That is common: patterns need at least "
                f"{MIN_DAYS_PER_GROUP} days with and {MIN_DAYS_PER_GROUP} without a tag or "
                "practice, and a difference clear enough to stand out.")
        else:
            self.status.setText(f"{len(report.patterns)} pattern(s) stood out:")
        self.messages.setText("\n".join(f"• {p.message}" for p in report.patterns))
        self.messages.setVisible(bool(report.patterns))
        from selfcare_app.report.patterns_chart import (
            build_patterns_figure,
            build_practice_counts_figure,
        )

        if report.patterns:
            fig = build_patterns_figure(report.patterns, self._theme)
            self._add_canvas(fig, "Patterns chart: " + " ".join(
                p.message for p in report.patterns))
        in_range = [e for e in self._entries if start <= e.day <= end]
        names: dict[str, str] = {}
        for e in in_range:
            for p in e.practices:
                names.setdefault(p.casefold(), p)
        if names:
            counts = practice_counts(in_range, list(names.values()))
            fig = build_practice_counts_figure(counts, report.days, self._theme)
            self._add_canvas(fig, "Practices logged: " + ", ".join(
                f"{n} {c} day(s)" for n, c in counts.items()))

    def _add_canvas(self, fig: Any, description: str) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from selfcare_app.report.patterns_chart import refit

        canvas = FigureCanvasQTAgg(fig)  # type: ignore[no-untyped-call]
        canvas.mpl_connect("resize_event", lambda _e: refit(fig))
        canvas.setAccessibleName(_("Chart"))
        canvas.setAccessibleDescription(description)
        canvas.setMinimumHeight(int(fig.get_size_inches()[1] * fig.dpi))
        self.charts_layout.addWidget(canvas)
        self.canvases.append(canvas)
