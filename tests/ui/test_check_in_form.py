"""The one-click check-in (widgets/entry_form.py, pages/today.py): answers start unset, one
click or one key picks, nothing is stored that was not chosen, errors are clear and focused."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from selfcare_app.core.entry import DailyEntry
from selfcare_app.ui.widgets.entry_form import EntryForm
from tests.ui.conftest import TODAY, create_and_unlock

NOTHING = {"stress": None, "sleep_hours": None, "study_hours": None, "mood": None,
           "energy": None, "social": None, "tags": [], "practices": [], "note": ""}


def make_form(qtbot: QtBot) -> EntryForm:
    form = EntryForm()
    qtbot.addWidget(form)
    form.show()
    return form


def test_every_answer_starts_unset_and_a_second_click_unsets(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    assert form.values() == NOTHING
    QTest.mouseClick(form.stress.buttons[0], Qt.MouseButton.LeftButton)
    assert form.stress.get() == 0 and form.stress.buttons[0].isChecked()
    QTest.mouseClick(form.stress.buttons[0], Qt.MouseButton.LeftButton)
    assert form.stress.get() is None  # a stray click is taken back, never stored as 0
    QTest.mouseClick(form.social.buttons[2], Qt.MouseButton.LeftButton)
    QTest.mouseClick(form.quick_buttons["sleep_hours"][1], Qt.MouseButton.LeftButton)
    assert form.values() == {**NOTHING, "social": 2, "sleep_hours": 6.0}


def test_rows_are_keyboard_operable(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    row = form.mood
    QTest.keyClick(row, Qt.Key.Key_7)
    assert row.get() == 7
    QTest.keyClick(row, Qt.Key.Key_1)
    QTest.keyClick(row, Qt.Key.Key_0)
    assert row.get() == 10  # "1" then "0"
    QTest.keyClick(row, Qt.Key.Key_Left)
    assert row.get() == 9
    QTest.keyClick(row, Qt.Key.Key_Home)
    assert row.get() == 0
    QTest.keyClick(row, Qt.Key.Key_End)
    assert row.get() == 10
    QTest.keyClick(row, Qt.Key.Key_Delete)
    assert row.get() is None
    QTest.keyClick(row, Qt.Key.Key_Right)  # from unset, an arrow starts at the low end
    assert row.get() == 0
    QTest.keyClick(form.social, Qt.Key.Key_M)
    assert form.social.get() == 2
    QTest.keyClick(form.social, Qt.Key.Key_5)  # out of the scale: nothing happens
    assert form.social.get() == 2


def test_scrolling_over_a_row_never_changes_an_answer(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    event = QWheelEvent(QPointF(5, 5), QPointF(5, 5), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(form.stress, event)
    assert form.stress.get() is None


def test_rows_name_the_measure_and_expose_the_value_and_errors(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    assert form.stress.accessibleName() == "Stress"
    assert form.stress.accessibleDescription().startswith("not set.")
    form.stress.put(4)
    assert form.stress.value() == 4
    assert form.stress.accessibleDescription().startswith("4.")
    assert all(b.accessibleName().startswith("Stress ") for b in form.stress.buttons)
    first = form.show_errors({"sleep_hours": "Sleep must be between 0 and 16 hours; you "
                              "entered 30.", "mood": "Mood is wrong."})
    assert first is form.sleep_hours  # the first invalid field in form order
    assert "you entered 30" in form.sleep_hours.accessibleDescription()
    assert form.mood.accessibleDescription().startswith("Mood is wrong.")
    form.show_errors({})
    assert "you entered" not in form.sleep_hours.accessibleDescription()


def test_recent_tags_are_one_click_chips(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    form.set_known_tags(["exam", "rotation"], ["rotation", "exam"])
    assert [c.text() for c in form.chip_buttons] == ["rotation", "exam"]
    form.tags.setText("library")
    QTest.mouseClick(form.chip_buttons[1], Qt.MouseButton.LeftButton)
    assert form.values()["tags"] == ["library", "exam"]
    QTest.mouseClick(form.chip_buttons[1], Qt.MouseButton.LeftButton)
    assert form.values()["tags"] == ["library"]
    form.tags.setText("Rotation")
    assert form.chip_buttons[0].isChecked()  # typing a tag lights its chip


def test_typed_hours_out_of_range_are_refused_with_focus_on_the_field(
        qtbot: QtBot, window: Any) -> None:
    win = window
    create_and_unlock(qtbot, win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    today = win.pages["today"]
    today.form.mood.put(5)
    today.form.study_hours.setText("30")
    assert not today.save()
    assert QApplication.focusWidget() is today.form.study_hours
    assert "between 0 and 24" in today.form.errors["study_hours"].text()
    assert "you entered 30" in today.form.study_hours.accessibleDescription()
    assert today.form.study_hours.text() == "30"  # kept as typed, never cut to 24
    assert win.session.run(lambda v: v.entries.count()) == 0
    today.form.study_hours.setText("6:30")
    assert today.save()
    stored = win.session.run(lambda v: v.entries.get(TODAY))
    assert (stored.mood, stored.study_hours, stored.stress, stored.sleep_hours) == \
        (5, 6.5, None, None)  # nothing that was not chosen


def test_recent_tags_come_from_the_vault_and_the_prompt_names_the_day(
        qtbot: QtBot, window: Any, monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QMessageBox

    win = window
    create_and_unlock(qtbot, win)
    win.session.run(lambda v: v.entries.upsert_many([
        DailyEntry(day=TODAY - timedelta(days=3), stress=3, tags=("exam",)),
        DailyEntry(day=TODAY - timedelta(days=1), stress=3, tags=("night shift",))]))
    today = win.pages["today"]
    today.navigate_to(TODAY - timedelta(days=2))
    assert [c.text() for c in today.form.chip_buttons] == ["night shift", "exam"]
    today.form.energy.put(4)
    today._on_edited()
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_a: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)
    today.navigate_to(TODAY)
    assert asked == ["Save your check-in for Mon 23 Nov 2026 first?"]
    assert today.day == date(2026, 11, 23)


def test_a_typed_number_past_the_scale_is_said_not_cut_to_its_last_digit(
        qtbot: QtBot) -> None:
    form = make_form(qtbot)
    row = form.stress
    QTest.keyClick(row, Qt.Key.Key_4)
    assert row.get() == 4
    QTest.keyClick(row, Qt.Key.Key_1)
    QTest.keyClick(row, Qt.Key.Key_1)  # "11", typed together: not on a 0-10 scale
    assert row.get() == 4  # as before the typing, never 1
    error = form.errors["stress"]
    assert not error.isHidden() and "11 is not on the scale" in error.text()
    assert "11 is not on the scale" in row.accessibleDescription()
    QTest.mouseClick(row.buttons[6], Qt.MouseButton.LeftButton)
    assert row.get() == 6 and error.isHidden() and error.text() == ""
    assert "not on the scale" not in row.accessibleDescription()
