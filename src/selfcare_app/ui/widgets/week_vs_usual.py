"""Today's "This week against your usual": the last 7 days against the 28 before, in words and
numbers, for every measure (core.trends.week_vs_usual). No chart, so no matplotlib here."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from selfcare_app.clock import today
from selfcare_app.core.entry import METRICS, DailyEntry
from selfcare_app.core.trends import BASELINE_DAYS, WeekComparison, week_vs_usual_all
from selfcare_app.data.errors import VaultError
from selfcare_app.i18n import N_, _, ngettext
from selfcare_app.ui.session import VaultSession
from selfcare_app.ui.stale import StaleRefresh

TITLE = N_("This week against your usual")
EXPLAIN = N_("The last 7 days compared with the 4 weeks before them. Days you didn't log are "
             "left out, not counted as zero.")


def waiting_text(waiting: list[WeekComparison]) -> str:
    """One line for every measure still waiting for days this week: which, and how many more."""
    if not waiting:
        return ""
    need = waiting[0].week_min
    logged = max(c.week.count for c in waiting)
    more = max(need - logged, 1)
    if len(waiting) == len(METRICS):
        return ngettext(
            "Log {more} more day this week (of the last 7; {logged} so far) and this card "
            "compares each measure with your usual. Your usual needs {usual} days in the "
            "{baseline} before.",
            "Log {more} more days this week (of the last 7; {logged} so far) and this card "
            "compares each measure with your usual. Your usual needs {usual} days in the "
            "{baseline} before.", more).format(more=more, logged=logged,
                                               usual=waiting[0].usual_min,
                                               baseline=BASELINE_DAYS)
    names = ", ".join(_(c.label).lower() for c in waiting)
    return _("Not enough entries yet this week for {measures}: {need} of the last 7 days are "
             "needed.").format(measures=names, need=need)


class WeekVsUsual(QFrame):
    """A small card. It re-reads the vault when entries change while it is visible, and when it
    is shown again after a change or on a new day."""

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("weekVsUsual")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(_(TITLE))
        col = QVBoxLayout(self)
        col.setContentsMargins(12, 10, 12, 10)
        col.addWidget(QLabel(f"<b>{escape(_(TITLE))}</b>"))
        self.lines: dict[str, QLabel] = {}
        for metric in METRICS:
            label = QLabel()
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            col.addWidget(label)
            self.lines[metric] = label
        # Measures without enough days this week share one line saying when they appear,
        # instead of five identical "not enough entries yet" lines.
        self.waiting = QLabel()
        self.waiting.setWordWrap(True)
        self.waiting.setAccessibleName(_("Not enough entries yet"))
        col.addWidget(self.waiting)
        self.explain = QLabel(_(EXPLAIN))
        self.explain.setWordWrap(True)
        self.explain.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        col.addWidget(self.explain)
        self.comparisons: list[WeekComparison] = []
        self.freshness = StaleRefresh(self, session.changed, ("entries",), self._load,
                                      daily=True)
        self.freshness.refresh()

    def refresh(self, day: date | None = None) -> None:
        """Reload now: for today through the stale helper, for another day (tests) directly."""
        if day is None:
            self.freshness.refresh()
        else:
            self._load(day)

    def _load(self, day: date | None = None) -> bool:
        end = day or today()
        start = end - timedelta(days=6 + BASELINE_DAYS)
        try:
            entries: list[DailyEntry] = self.session.run(lambda v: v.entries.range(start, end))
        except VaultError:
            return False  # locked: the page holding this card is destroyed and rebuilt
        self.comparisons = week_vs_usual_all(entries, end)
        waiting = [c for c in self.comparisons if c.week.mean is None]
        for cmp in self.comparisons:
            label = self.lines[cmp.metric]
            label.setText(cmp.sentence)
            label.setAccessibleName(cmp.sentence)
            label.setVisible(cmp.week.mean is not None)
        self.waiting.setText(waiting_text(waiting))
        self.waiting.setVisible(bool(waiting))
        shown = [c.sentence for c in self.comparisons if c.week.mean is not None]
        self.setAccessibleDescription(" ".join([*shown, self.waiting.text() if waiting else ""]))
        return True
