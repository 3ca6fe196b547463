"""The Patterns tab in Trends: patterns with charts, "not enough days yet", practices charted."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtWidgets import QTabWidget
from pytestqt.qtbot import QtBot

from selfcare_app.core.entry import DailyEntry
from selfcare_app.report.charts import LIGHT
from selfcare_app.report.patterns_chart import build_patterns_figure
from selfcare_app.ui.widgets.patterns_tab import PatternsTab
from tests.core.test_insights import START, planted_log


def _log() -> list[DailyEntry]:
    return [replace(e, practices=("a walk",) if i % 3 == 0 else ())
            for i, e in enumerate(planted_log())]


def test_patterns_are_drawn_only_when_the_tab_shows(qtbot: QtBot) -> None:
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QTabWidget(), "Over time")
    tab = PatternsTab()
    tab.attach(tabs)
    log = _log()
    tab.set_data(log, log[0].day, log[-1].day, LIGHT)
    assert tab.report is None  # not drawn while another tab shows
    tabs.setCurrentWidget(tab)
    assert tab.report is not None
    assert tab.status.text() == "2 patterns stood out:"
    assert "On days you tagged gym, stress was" in tab.messages.text()
    assert "90 logged days" in tab.range_label.text()
    assert len(tab.canvases) == 2  # the paired charts and the practices logged
    assert "a walk 30 days" in tab.canvases[1].accessibleDescription()


def test_not_enough_days_says_how_many_more(qtbot: QtBot) -> None:
    tab = PatternsTab()
    qtbot.addWidget(tab)
    few = [DailyEntry(day=START + timedelta(days=i), mood=5) for i in range(3)]
    tab.set_data(few, START, START + timedelta(days=13), LIGHT)
    assert "Not enough days yet" in tab.status.text() and "so 7 more" in tab.status.text()
    assert tab.canvases == [] and not tab.messages.isVisibleTo(tab)


def test_no_pattern_is_said_plainly(qtbot: QtBot) -> None:
    tab = PatternsTab()
    qtbot.addWidget(tab)
    flat = [DailyEntry(day=START + timedelta(days=i), mood=5, stress=4,
                       tags=("gym",) if i % 2 else ()) for i in range(30)]
    tab.set_data(flat, START, START + timedelta(days=29), LIGHT)
    assert tab.status.text().startswith("No clear pattern in this range yet")


def test_paired_chart_has_a_row_per_pattern() -> None:
    from selfcare_app.core.insights import analyse

    patterns = analyse(planted_log()).patterns
    fig = build_patterns_figure(patterns, LIGHT)
    gids = {a.get_gid() for ax in fig.axes for a in ax.patches}
    assert {f"pattern:{p.factor}:{p.lag}:{p.outcome}" for p in patterns} <= gids
    assert len(fig.axes) == len(patterns)
