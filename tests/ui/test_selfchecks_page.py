"""The Self-checks page over a real vault: due dates, taking a questionnaire by mouse and
keyboard, results in non-diagnostic words with change and support, history chart, and the
PHQ-9 notice and item-9 crisis card (S0)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from selfcare_app.core.instruments import get_instrument, score
from selfcare_app.data.errors import StorageWriteError
from selfcare_app.data.vault import Vault
from selfcare_app.ui.session import VaultSession
from tests.ui.conftest import create_and_unlock

PASS = "correct horse battery"
NOW = datetime(2026, 11, 25, 12, 0)


class FakeHost:
    def __init__(self, session: VaultSession) -> None:
        self.session = session
        self.navigated: list[tuple[str, Any]] = []
        self.help_calls: list[bool] = []
        self.help_sources: list[str] = []

    def navigate(self, key: str, arg: Any = None) -> None:
        self.navigated.append((key, arg))

    def open_help(self, crisis: bool = False, source: str = "") -> None:
        self.help_calls.append(crisis)
        if source:
            self.help_sources.append(source)

    def show_status(self, message: str, ms: int = 4000) -> None:
        pass


def _add(session: VaultSession, instrument_id: str, answers: Sequence[int | None],
         when: datetime) -> None:
    result = score(get_instrument(instrument_id), answers, when)
    session.run(lambda v: v.assessments.add(result))


@pytest.fixture
def host(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHost]:
    monkeypatch.setenv("SELFCARE_TODAY", "2026-11-25")
    path = tmp_path / "data" / "vault.db"
    Vault.create(path, PASS).close()
    session = VaultSession(path)
    session.unlock(PASS, lambda _v: None, lambda exc: pytest.fail(str(exc)))
    qtbot.waitUntil(lambda: session.is_unlocked, timeout=10_000)
    yield FakeHost(session)
    session.shutdown()


def make_page(qtbot: QtBot, host: FakeHost) -> Any:
    from selfcare_app.ui.pages.selfchecks import SelfChecksPage

    page = SelfChecksPage(host)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitExposed(page)
    page.activate()
    return page


def picker_texts(page: Any) -> list[str]:
    return [page.picker.item(i).text() for i in range(page.picker.count())]


def answer_all(page: Any, answers: list[int | None]) -> None:
    for number, value in enumerate(answers, start=1):
        if value is not None:
            page.form.choose(number, value)


def test_lists_every_self_check_with_when_it_is_due(qtbot: QtBot, host: FakeHost) -> None:
    _add(host.session, "who5", [3] * 5, NOW - timedelta(days=13))
    _add(host.session, "cbi-study", [50] * 7, NOW - timedelta(days=28))
    page = make_page(qtbot, host)
    assert picker_texts(page) == [
        "WHO-5\nNext in 1 day (26 Nov 2026)", "PHQ-8\nNot taken yet", "PHQ-9\nNot taken yet",
        "GAD-7\nNot taken yet", "CBI personal\nNot taken yet", "CBI study (adapted)\nDue now"]
    assert "Take the WHO-5 anyway" == page.overview.start_button.text()
    assert "Last result: <b>60</b>" in page.overview.last.text()


def test_overview_says_what_it_measures_and_shows_sources(qtbot: QtBot, host: FakeHost) -> None:
    page = make_page(qtbot, host)
    page.select_instrument("gad7")
    assert page.current.id == "gad7"
    assert "seven common signs of worry" in page.overview.measures.text()
    assert "7 questions about the last 2 weeks" in page.overview.about.text()
    assert "educational grant from Pfizer Inc." in page.overview.sources.text()
    assert "https://" in page.overview.sources.text()
    assert page.overview.start_button.text() == "Start the GAD-7"
    assert not page.overview.notice.isVisible()


def test_take_who5_stores_it_and_shows_a_non_diagnostic_result(qtbot: QtBot,
                                                               host: FakeHost) -> None:
    page = make_page(qtbot, host)
    page.select_instrument("who5")
    page.overview.start_button.click()
    assert page.views.currentWidget() is page.taking
    answer_all(page, [3, 3, 3, 2, None])
    assert not page.taking.submit_button.isEnabled()  # incomplete answers give no score
    assert page.taking.progress.text() == "4 of 5 answered"
    page.form.choose(5, 2)
    assert page.taking.submit_button.isEnabled()
    page.taking.submit_button.click()
    stored = host.session.run(lambda v: v.assessments.list())
    assert [(a.instrument, a.score, a.band) for a in stored] == [("who5", 52, "higher")]
    assert page.views.currentWidget() is page.result_view
    shown = page.result_view
    assert "52</span> on the 0–100 wellbeing index (raw score 13 of 25)" in shown.score.text()
    assert "Higher wellbeing" in shown.band.text() and "51–100" in shown.band.text()
    assert page.result_view.framing.text() == "A self-check, not a diagnosis."
    assert "general wellbeing over the last two weeks" in page.result_view.measures.text()
    assert "Frederiksborg, 1998" in page.result_view.sources.text()
    assert page.result_view.change.text() == "No earlier result to compare with yet."
    assert not page.result_view.support.isVisible()
    assert picker_texts(page)[0] == "WHO-5\nNext in 14 days (9 Dec 2026)"


def test_result_shows_change_with_the_meaningful_threshold(qtbot: QtBot, host: FakeHost) -> None:
    _add(host.session, "who5", [4, 3, 3, 3, 2], NOW - timedelta(days=20))  # 60
    page = make_page(qtbot, host)
    page.overview.start_button.click()
    answer_all(page, [2, 2, 3, 2, 3])  # 48
    assert page.submit()
    text = page.result_view.change.text()
    assert "12 points lower than last time (5 Nov 2026)" in text
    assert "Changes of 10 points or more count as meaningful; this one does." in text
    assert "read any one change with caution" in text


def test_support_buttons_ask_the_main_window_to_navigate(qtbot: QtBot, host: FakeHost) -> None:
    page = make_page(qtbot, host)
    page.select_instrument("phq8")
    page.overview.start_button.click()
    answer_all(page, [2, 2, 1, 1, 1, 1, 1, 1])  # 10: moderate
    assert page.submit()
    assert "Moderate range" in page.result_view.band.text()
    assert "helpful to talk to a professional" in page.result_view.band.text()
    labels = [b.text() for b in page.result_view.support_buttons]
    assert labels == ["Counseling and student health", "When and how to reach out"]
    page.result_view.support_buttons[0].click()
    page.result_view.support_buttons[1].click()
    assert host.navigated == [("resources", "counseling"), ("learn", "reaching-out")]


def test_phq9_shows_the_notice_before_starting(qtbot: QtBot, host: FakeHost) -> None:
    page = make_page(qtbot, host)
    page.select_instrument("phq9")
    notice = "One question asks about thoughts of self-harm."
    assert page.overview.notice.isVisible() and notice in page.overview.notice.text()
    assert page.overview.alt.isVisible()
    page.overview.start_button.click()
    assert page.taking.notice.isVisible() and notice in page.taking.notice.text()
    page.taking.cancel_button.click()
    page.overview.alt.click()  # "Take the PHQ-8 instead"
    assert page.current.id == "phq8" and not page.overview.notice.isVisible()


def test_phq9_item9_opens_the_crisis_card_at_once(qtbot: QtBot, host: FakeHost) -> None:
    page = make_page(qtbot, host)
    page.select_instrument("phq9")
    page.overview.start_button.click()
    page.form.choose(1, 0)
    page.form.choose(9, 0)
    assert host.help_calls == []
    page.form.choose(9, 1)  # before the form is finished
    assert host.help_calls == [True]
    assert page.taking.support.isVisible()
    page.form.choose(9, 2)  # once per administration
    assert host.help_calls == [True]
    answer_all(page, [0, 0, 1, 1, 0, 0, 0, 0, None])
    assert page.submit()
    assert page.result_view.support.isVisible()
    # A low total never reads "Minimal range… Few of these problems" beside a self-harm answer.
    assert "Total score in the minimal range" in page.result_view.band.text()
    assert "Few of these problems" not in page.result_view.band.text()
    labels = [b.text() for b in page.result_view.support_buttons]
    assert labels[:3] == ["Crisis lines", "Counseling and student health",
                          "When and how to reach out"]
    page.result_view.help.click()
    assert host.help_calls == [True, True]


def test_cbi_can_be_scored_with_the_minimum_number_of_answers(qtbot: QtBot,
                                                              host: FakeHost) -> None:
    page = make_page(qtbot, host)
    page.select_instrument("cbi-study")
    page.overview.start_button.click()
    assert "at least 4 of 7 need an answer" in page.taking.stem.text()
    answer_all(page, [75, 75, 75, None, None, None, None])
    assert not page.taking.submit_button.isEnabled()
    page.form.choose(7, 100)  # reverse item: Always counts as 0
    assert page.taking.submit_button.isEnabled()
    assert page.submit()
    [stored] = host.session.run(lambda v: v.assessments.list())
    assert stored.score == pytest.approx(225 / 4)
    assert stored.answers == (75, 75, 75, None, None, None, 100)
    shown = page.result_view
    assert "Moderate range" in shown.band.text() and "56.2" in shown.score.text()


def test_questions_are_keyboard_reachable(qtbot: QtBot, host: FakeHost) -> None:
    page = make_page(qtbot, host)
    page.select_instrument("gad7")
    page.overview.start_button.click()
    first = page.form.buttons[0][0]
    assert page.focusWidget() is first  # the first answer gets the focus on start
    assert all(b.focusPolicy() & Qt.FocusPolicy.TabFocus for row in page.form.buttons
               for b in row)
    assert page.form.buttons[2][1].accessibleName() == "Question 3: Several days"
    page.activateWindow()
    qtbot.waitActive(page)
    first.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
    qtbot.keyClick(first, Qt.Key.Key_Space)
    assert page.form.answers()[0] == 0
    qtbot.keyClick(first, Qt.Key.Key_Right)  # arrows move within one question
    assert page.form.answers()[0] == 1
    assert QApplication.focusWidget() is page.form.buttons[0][1]
    qtbot.keyClick(page.form.buttons[0][1], Qt.Key.Key_Tab)  # Tab goes to the next question
    assert QApplication.focusWidget() in page.form.buttons[1]


def test_a_failed_save_keeps_the_answers_on_screen(qtbot: QtBot, host: FakeHost,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    page = make_page(qtbot, host)
    page.overview.start_button.click()
    answer_all(page, [3, 3, 3, 2, 2])

    def fail(_fn: object) -> None:
        raise StorageWriteError("the disk is full")

    monkeypatch.setattr(host.session, "run", fail)
    assert not page.submit()
    assert "the disk is full" in page.taking.status.text()
    assert page.views.currentWidget() is page.taking
    assert page.form.answers() == [3, 3, 3, 2, 2]


def test_history_chart_and_table_show_every_result(qtbot: QtBot, host: FakeHost) -> None:
    for days, answers in ((60, [4, 4, 3, 3, 3]), (30, [3, 3, 3, 3, 2]), (2, [2, 2, 1, 1, 2])):
        _add(host.session, "who5", answers, NOW - timedelta(days=days))
    page = make_page(qtbot, host)
    assert page.overview.canvas is not None
    [line] = page.overview.figure.axes[0].get_lines()
    assert [float(y) for y in line.get_ydata()] == [68.0, 56.0, 32.0]
    assert "56 (Higher wellbeing)" in page.overview.canvas.accessibleDescription()
    assert page.overview.table.rowCount() == 3
    table = page.overview.table
    assert table.item(0, 1).text() == "32" and table.item(0, 2).text() == "Lower wellbeing"
    page.overview._open_row(0)  # Enter / double-click on a row shows that result with its change
    assert page.views.currentWidget() is page.result_view
    assert "24 points lower than last time" in page.result_view.change.text()


def test_navigate_to_selects_the_instrument(qtbot: QtBot, host: FakeHost) -> None:
    page = make_page(qtbot, host)
    page.navigate_to("cbi-personal")
    assert page.current.id == "cbi-personal"
    assert page.picker.currentItem().text().startswith("CBI personal")


def test_real_window_opens_the_crisis_card_and_keeps_a_private_record(
        qtbot: QtBot, window: object) -> None:
    from selfcare_app.ui.help_dialog import HelpDialog

    create_and_unlock(qtbot, window)
    win: Any = window
    win.navigate("selfchecks", "phq9")
    page = win.pages["selfchecks"]
    assert win.current_page() is page and page.current.id == "phq9"
    page.overview.start_button.click()
    page.form.choose(9, 1)
    dialogs = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, HelpDialog) and w.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].crisis
    events = win.session.run(lambda v: v.safety_events.list())
    assert len(events) == 1
    dialogs[0].close()
    # The Learn page is registered too, and support links reach it.
    win.navigate("learn", "sleep")
    assert win.current_page().key == "learn"
    assert win.pages["learn"].current.id == "sleep"


def test_source_links_open_only_on_click(qtbot: QtBot, host: FakeHost,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    def fake_open(url: QUrl) -> bool:
        opened.append(QUrl(url).toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", fake_open)
    page = make_page(qtbot, host)
    for instrument_id in ("who5", "phq8", "phq9", "gad7", "cbi-personal", "cbi-study"):
        page.select_instrument(instrument_id)
    assert opened == []
    page.overview.sources.linkActivated.emit("https://karger.com/pps/article/84/3/167/282903")
    page.overview.sources.linkActivated.emit("javascript:alert(1)")
    assert opened == ["https://karger.com/pps/article/84/3/167/282903"]


def test_answers_reflow_to_fit_a_small_window_and_large_text(qtbot: QtBot,
                                                             host: FakeHost) -> None:
    page = make_page(qtbot, host)
    page.resize(1400, 700)
    page.show()
    page.select_instrument("phq9")
    page.start()
    area = page.taking.form_area
    qtbot.waitUntil(lambda: page.form.columns[0] == 4)  # wide: one row of answers
    page.resize(830, 560)  # a 1024 x 640 window, less the sidebar
    qtbot.waitUntil(lambda: page.form.columns[0] < 4)
    qtbot.waitUntil(lambda: not area.horizontalScrollBar().isVisible())
    last = page.form.buttons[0][-1]  # "Nearly every day" is shown whole, not cut off
    assert last.mapTo(area.viewport(), last.rect().topRight()).x() <= area.viewport().width()
    page.resize(1400, 700)
    qtbot.waitUntil(lambda: page.form.columns[0] == 4)
