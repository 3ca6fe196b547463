"""The Trends page and Today's "this week against your usual" card, over a real demo vault."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from selfcare_app.core import trends as tr
from selfcare_app.core.demo import semester
from selfcare_app.core.entry import METRICS, DailyEntry
from selfcare_app.data.vault import Vault
from selfcare_app.ui.session import VaultSession

END = date(2025, 12, 19)
PASS = "correct horse battery"


class FakeHost:
    def __init__(self, session: VaultSession) -> None:
        self.session = session
        self.navigated: list[tuple[str, Any]] = []

    def navigate(self, key: str, arg: Any = None) -> None:
        self.navigated.append((key, arg))

    def open_help(self, crisis: bool = False, source: str = "") -> None:
        pass

    def show_status(self, message: str, ms: int = 4000) -> None:
        pass


def _session(qtbot: QtBot, path: Path, entries: list[DailyEntry]) -> VaultSession:
    vault = Vault.create(path, PASS)
    vault.entries.upsert_many(entries)
    vault.close()
    session = VaultSession(path)
    session.unlock(PASS, lambda _v: None, lambda exc: pytest.fail(str(exc)))
    qtbot.waitUntil(lambda: session.is_unlocked, timeout=10_000)
    return session


@pytest.fixture
def host(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHost]:
    monkeypatch.setenv("SELFCARE_TODAY", END.isoformat())
    session = _session(qtbot, tmp_path / "vault.db", semester(END))
    yield FakeHost(session)
    session.shutdown()


@pytest.fixture
def page(qtbot: QtBot, host: FakeHost) -> Iterator[Any]:
    from selfcare_app.ui.pages.trends import TrendsPage

    p = TrendsPage(host)  # type: ignore[arg-type]
    qtbot.addWidget(p)
    p.resize(1280, 760)
    p.show()
    qtbot.waitExposed(p)
    p.activate()
    p.canvas.draw()
    yield p
    TrendsPage.shaded_providers.clear()


def test_charts_are_built_on_first_show_not_before(qtbot: QtBot, host: FakeHost) -> None:
    from selfcare_app.ui.pages.trends import TrendsPage

    p = TrendsPage(host)  # type: ignore[arg-type]
    qtbot.addWidget(p)
    assert p.chart is None and p.canvas is None
    p.show()
    p.activate()
    assert p.chart is not None and p.canvas.figure is p.chart.figure


def test_month_view_with_all_measures(page: Any) -> None:
    view = page.view
    assert (view.start, view.end) == (END - timedelta(days=29), END)
    assert [p.metric for p in view.panels] == list(METRICS)
    assert len(page.chart.axes) == 5
    assert page.range_buttons["month"].isChecked()
    assert page.table.rowCount() == 5
    expected = tr.summary_cells(view.panels[1].summary)
    assert tuple(page.table.item(1, c).text() for c in range(4)) == expected
    assert page.table.item(1, 0).text() == "Sleep"
    assert page.canvas.accessibleDescription() == tr.describe_view(view)
    assert "7-day mean" in page.hint.text()


def test_every_range_switches_in_place(page: Any, qtbot: QtBot) -> None:
    lines = dict(page.chart.daily)
    for key, days in (("2w", 14), ("3m", 91), ("year", 365), ("month", 30)):
        qtbot.mouseClick(page.range_buttons[key], Qt.MouseButton.LeftButton)
        assert len(page.view.panels[0].days) == days
        assert page.chart.daily == lines
    assert page.chart.rebuilds == 1
    qtbot.mouseClick(page.range_buttons["year"], Qt.MouseButton.LeftButton)
    assert page.view.weekly and "weekly mean" in page.hint.text()
    qtbot.mouseClick(page.range_buttons["all"], Qt.MouseButton.LeftButton)
    assert page.view.start == END - timedelta(days=119)  # the first demo entry


def test_custom_dates(page: Any, qtbot: QtBot) -> None:
    from selfcare_app.ui.pages.today import to_qdate

    assert not page.custom_box.isVisible()
    qtbot.mouseClick(page.range_buttons["custom"], Qt.MouseButton.LeftButton)
    assert page.custom_box.isVisible()
    page.custom_from.setDate(to_qdate(date(2025, 10, 1)))
    page.custom_to.setDate(to_qdate(date(2025, 10, 31)))
    assert (page.view.start, page.view.end) == (date(2025, 10, 1), date(2025, 10, 31))
    assert page.range_label.text().startswith("1 Oct to 31 Oct 2025 (31 days)")


def test_measure_toggles(page: Any) -> None:
    page.metric_boxes["mood"].setChecked(False)
    page.metric_boxes["study_hours"].setChecked(False)
    assert [p.metric for p in page.view.panels] == ["stress", "sleep_hours", "energy"]
    assert len(page.chart.axes) == 3
    assert sum(ax.get_visible() for ax in page.chart.figure.axes) == 3
    assert page.table.rowCount() == 3
    assert page.chart.rebuilds == 1  # toggles are in place
    for box in page.metric_boxes.values():
        box.setChecked(False)
    assert page.chart.axes == [] and page.table.rowCount() == 0
    assert "No measures are selected." in page.canvas.accessibleDescription()


def test_weekday_tab_draws_when_shown(page: Any) -> None:
    assert page.weekday_chart.metrics == ()  # not drawn while hidden
    page.tabs.setCurrentWidget(page.weekday_tab)
    assert page.weekday_chart.metrics == tuple(METRICS)
    assert page.hint.text().startswith("Each bar is the average")
    assert page.weekday_canvas.accessibleDescription() == tr.describe_weekdays(page.view)
    sat = page.view.weekdays[2][1][5].mean  # study on Saturdays
    assert page.weekday_chart.bars["study_hours"][5].get_height() == pytest.approx(sat)


def _day_pos(page: Any, day: date, panel: int = 1) -> QPoint:
    ax = page.chart.axes[panel]
    y = sum(ax.get_ylim()) / 2
    px, py = ax.transData.transform((page.chart._xnum(day), y))
    ratio = page.canvas.device_pixel_ratio
    return QPoint(round(px / ratio), round(page.canvas.height() - py / ratio))


def test_click_a_day_shows_its_values_tags_and_note(page: Any, qtbot: QtBot,
                                                    host: FakeHost) -> None:
    entries = {e.day: e for e in semester(END)}
    day = next(d for d in sorted(entries, reverse=True) if entries[d].note)
    qtbot.mouseClick(page.canvas, Qt.MouseButton.LeftButton, pos=_day_pos(page, day))
    assert page.selected_day == day
    text = page.day_panel.toPlainText()
    assert text == tr.describe_day(day, entries[day])
    assert "Note: " + entries[day].note in text
    assert all(line.get_visible() for line in page.chart.cursors)
    page.open_day.click()
    assert host.navigated == [("today", day)]


def test_keyboard_moves_between_days(page: Any, qtbot: QtBot) -> None:
    page.canvas.setFocus()
    qtbot.keyClick(page.canvas, Qt.Key.Key_Left)
    assert page.selected_day == END  # the first key press selects the last day
    qtbot.keyClick(page.canvas, Qt.Key.Key_Left)
    qtbot.keyClick(page.canvas, Qt.Key.Key_Left)
    assert page.selected_day == END - timedelta(days=2)
    qtbot.keyClick(page.canvas, Qt.Key.Key_Home)
    assert page.selected_day == page.view.start
    qtbot.keyClick(page.canvas, Qt.Key.Key_Left)
    assert page.selected_day == page.view.start  # stays inside the range
    qtbot.keyClick(page.canvas, Qt.Key.Key_Escape)
    assert page.selected_day is None
    assert page.canvas.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_missing_day_says_nothing_logged(page: Any) -> None:
    logged = {e.day for e in semester(END)}
    gap = next(d for d in tr.day_range(page.view.start, END) if d not in logged)
    page.select_day(gap)
    assert page.day_panel.toPlainText().endswith("Nothing logged on this day.")
    panel = page.view.panels[0]
    y = page.chart.daily["stress"].get_ydata()
    assert math.isnan(y[panel.days.index(gap)])


def test_hover_shows_a_tooltip(page: Any, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QToolTip

    qtbot.mouseMove(page.canvas, _day_pos(page, END - timedelta(days=1)))
    qtbot.waitUntil(lambda: page._hover_day == END - timedelta(days=1))
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text().startswith("Thursday 18 Dec 2025")


def test_new_entry_is_picked_up(page: Any, host: FakeHost) -> None:
    host.session.run(lambda v: v.entries.upsert(DailyEntry(day=END, sleep_hours=11.0)))
    host.session.notify("entries")
    assert page.view.panels[1].values[-1] == 11.0


def test_shaded_periods_from_providers(qtbot: QtBot, host: FakeHost) -> None:
    from selfcare_app.ui.pages.trends import TrendsPage

    TrendsPage.shaded_providers.append(
        lambda _v: [(END - timedelta(days=10), END - timedelta(days=3), "exam block")])
    try:
        p = TrendsPage(host)  # type: ignore[arg-type]
        qtbot.addWidget(p)
        p.show()
        p.activate()
        spans = [a for a in p.chart.spans if a.get_gid() == "shade:exam block"]
        assert len(spans) == 5
        assert p.canvas.accessibleDescription().endswith(
            "Shaded: exam block, 9 Dec to 16 Dec 2025.")
    finally:
        TrendsPage.shaded_providers.clear()


def test_dark_palette_gives_dark_charts(page: Any) -> None:
    from matplotlib.colors import to_hex

    from selfcare_app.report.charts import DARK
    from selfcare_app.ui.theme import dark_palette

    page.setPalette(dark_palette())
    page.activate()
    assert page.chart.theme.name == "dark"
    assert to_hex(page.chart.figure.get_facecolor()) == "#1f2125"
    sleep_line = page.chart.smooth["sleep_hours"]
    assert to_hex(sleep_line.get_color()) == DARK.colors["sleep_hours"].lower()


def test_controls_are_named_for_screen_readers(page: Any) -> None:
    from PySide6.QtWidgets import QAbstractButton

    buttons = [b for b in page.findChildren(QAbstractButton)
               if b.isVisibleTo(page) and not b.objectName().startswith("qt_")]
    assert len(buttons) >= len(tr.RANGES) + len(METRICS) + 1
    for button in buttons:
        assert button.text() and button.focusPolicy() != Qt.FocusPolicy.NoFocus
    assert page.canvas.accessibleName() == "Trends over time"
    assert page.table.accessibleName().startswith("Summary per measure")


# -- Today's card --------------------------------------------------------------------------


def test_week_vs_usual_card(qtbot: QtBot, host: FakeHost) -> None:
    from selfcare_app.ui.widgets.week_vs_usual import WeekVsUsual

    card = WeekVsUsual(host.session)
    qtbot.addWidget(card)
    card.show()
    expected = tr.week_vs_usual_all(semester(END), END)
    assert [card.lines[c.metric].text() for c in expected] == [c.sentence for c in expected]
    assert "less than your usual" in card.lines["sleep_hours"].text()
    assert card.accessibleDescription().startswith("Stress: ")
    for d in range(7):
        day = END - timedelta(days=d)
        host.session.run(lambda v, day=day: v.entries.upsert(DailyEntry(day=day, mood=10)))
    host.session.notify("entries")
    assert card.lines["mood"].text().startswith("Mood: 10.0 out of 10,")


def test_week_vs_usual_on_an_empty_vault(qtbot: QtBot, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from selfcare_app.ui.widgets.week_vs_usual import WeekVsUsual

    monkeypatch.setenv("SELFCARE_TODAY", END.isoformat())
    session = _session(qtbot, tmp_path / "empty.db", [])
    try:
        card = WeekVsUsual(session)
        qtbot.addWidget(card)
        assert all("not enough entries yet" in label.text() for label in card.lines.values())
    finally:
        session.shutdown()


def test_trends_page_and_card_in_the_real_window(qtbot: QtBot, window: object) -> None:
    from tests.ui.conftest import create_and_unlock

    create_and_unlock(qtbot, window)
    win: Any = window
    today_page = win.pages["today"]
    assert today_page.week_vs_usual.isVisible()
    assert "trends" in win.pages
    win.navigate("trends")
    assert win.pages["trends"].chart is not None
    assert QApplication.instance() is not None


def test_quiet_periods_and_findings_are_shaded(qtbot: QtBot, host: FakeHost) -> None:
    from selfcare_app.core.rules import Evidence, Finding
    from selfcare_app.ui.pages.trends import NOTICED_LABEL, QUIET_LABEL, TrendsPage

    def finding(rule: str, first: date, last: date) -> Finding:
        return Finding(rule, last, first, last, (Evidence(last, "sleep_hours", 5.0),), "msg")

    def add(v: Vault) -> None:
        v.quiet_periods.add(END - timedelta(days=20), END - timedelta(days=15), "Exams")
        v.findings.record([finding("R1a", END - timedelta(days=9), END - timedelta(days=3)),
                           finding("R2", END - timedelta(days=6), END - timedelta(days=1)),
                           finding("S0", END - timedelta(days=28), END - timedelta(days=27)),
                           # a self-check finding spans back to the previous self-check
                           finding("Q4", END - timedelta(days=70), END - timedelta(days=12))])

    host.session.run(add)
    p = TrendsPage(host)  # type: ignore[arg-type]
    qtbot.addWidget(p)
    p.show()
    p.activate()
    assert p.shaded_periods() == [
        (END - timedelta(days=20), END - timedelta(days=15), QUIET_LABEL),
        (END - timedelta(days=12), END - timedelta(days=12), NOTICED_LABEL),  # Q4: its day
        (END - timedelta(days=9), END - timedelta(days=1), NOTICED_LABEL),  # merged, no S0
    ]
    labels = [x.get_text() for x in p.chart._legend.get_texts()]
    assert labels[2:] == [QUIET_LABEL, NOTICED_LABEL]
    assert "what we noticed, 10 Dec to 18 Dec 2025" in p.canvas.accessibleDescription()
