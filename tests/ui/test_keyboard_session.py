"""A whole session from the keyboard alone (QTest key presses sent where focus is; no clicks, no
setText): create the vault, check in and save, move between pages, open a day from History,
take a self-check, search Learn, Get help now and back, the shortcuts list, lock and unlock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import PASS, TODAY

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget() or QApplication.activeWindow()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
    QTest.keyClick(focused(), key, modifier)
    QApplication.processEvents()


def type_text(text: str) -> None:
    QTest.keyClicks(focused(), text)
    QApplication.processEvents()


def tab_to(target: QWidget | Callable[[QWidget], bool], limit: int = 60) -> None:
    """Press Tab until `target` has focus; fails if it can't be reached."""
    def reached() -> bool:
        w = QApplication.focusWidget()
        return w is not None and (w is target if isinstance(target, QWidget) else target(w))

    for _ in range(limit):
        if reached():
            return
        press(Key.Key_Tab)
    assert reached(), f"Tab never reached {target!r}; focus is on {QApplication.focusWidget()!r}"


def test_a_keyboard_only_session(qtbot: QtBot, window: Any) -> None:
    win = window
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)

    # -- first run: welcome → passphrase → choices → create ---------------------------------
    lock = win.lock_screen
    tab_to(lock.next_button)
    press(Key.Key_Space)
    assert lock.steps.currentIndex() == 1
    tab_to(lock.passphrase)
    type_text(PASS)
    press(Key.Key_Tab)
    assert focused() is lock.confirm
    type_text(PASS)
    tab_to(lock.understand)
    press(Key.Key_Space)
    assert lock.understand.isChecked()
    tab_to(lock.next_button)
    press(Key.Key_Space)
    assert lock.steps.currentIndex() == 2
    tab_to(lock.submit)
    press(Key.Key_Space)
    qtbot.waitUntil(lambda: win.session.is_unlocked and win.main_area is not None,
                    timeout=10_000)

    # -- Today: a check-in, saved with Ctrl+S ------------------------------------------------
    press(Key.Key_1, CTRL)
    today = win.pages["today"]
    assert win.current_page() is today
    tab_to(today.form.stress)
    type_text("7")
    press(Key.Key_Tab)
    assert focused() is today.form.sleep_hours
    type_text("6.5")
    tab_to(today.form.mood)
    type_text("6")
    tab_to(today.form.tags)
    type_text("exam, library")
    tab_to(today.form.note)
    type_text("Long day at the library.")
    assert today.dirty
    press(Key.Key_S, CTRL)
    assert not today.dirty
    assert "Saved" in today.status.text()
    stored = win.session.run(lambda v: v.entries.get(TODAY))
    assert stored is not None
    assert (stored.stress, stored.sleep_hours, stored.mood) == (7, 6.5, 6)
    assert stored.tags == ("exam", "library") and stored.note == "Long day at the library."
    yesterday_note = "Yesterday, logged by keyboard too."
    press(Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # Alt+← : the day before
    assert today.day == TODAY - timedelta(days=1)
    tab_to(today.form.note)
    type_text(yesterday_note)
    press(Key.Key_S, CTRL)
    assert win.session.run(lambda v: v.entries.get(TODAY - timedelta(days=1))).note == \
        yesterday_note

    # -- every page by Ctrl+1…6 ------------------------------------------------------------------
    from selfcare_app.ui.page_registry import PAGE_KEYS as PAGE_ORDER

    for number, key in enumerate(PAGE_ORDER, start=1):
        press(getattr(Key, f"Key_{number}"), CTRL)
        assert win.current_page() is win.pages[key], key

    # -- History: open yesterday with the arrow keys and Enter
    press(getattr(Key, f"Key_{PAGE_ORDER.index('history') + 1}"), CTRL)
    history = win.pages["history"]
    tab_to(history.table)
    press(Key.Key_Home)
    press(Key.Key_Down)  # newest first: today, then yesterday
    press(Key.Key_Return)
    assert win.current_page() is today
    assert today.day == TODAY - timedelta(days=1)
    assert yesterday_note in today.form.note.toPlainText()

    # -- Self-checks: take the WHO-5 --------------------------------------------------------------
    press(getattr(Key, f"Key_{PAGE_ORDER.index('selfchecks') + 1}"), CTRL)
    checks = win.pages["selfchecks"]
    tab_to(checks.picker)
    press(Key.Key_Home)
    assert checks.current.id == "who5"
    tab_to(checks.overview.start_button)
    press(Key.Key_Space)
    assert checks.form is not None and focused() is checks.form.buttons[0][0]
    for question in range(len(checks.form.buttons)):
        assert focused() in checks.form.buttons[question]
        press(Key.Key_Space)  # the first answer
        press(Key.Key_Right)  # arrows move to (and choose) the next answer
        press(Key.Key_Right)
        if question < len(checks.form.buttons) - 1:
            press(Key.Key_Tab)  # Tab: the next question
    third = [int(row[2].property("value")) for row in checks.form.buttons]
    assert checks.form.answers() == third  # the third answer of each question
    tab_to(checks.taking.submit_button)
    press(Key.Key_Space)
    results = win.session.run(lambda v: v.assessments.list())
    assert [(a.instrument, a.score) for a in results] == [("who5", sum(third) * 4)]
    assert checks.views.currentWidget() is checks.result_view

    # -- Learn: search and open an article
    press(getattr(Key, f"Key_{PAGE_ORDER.index('learn') + 1}"), CTRL)
    learn = win.pages["learn"]
    press(Key.Key_F, CTRL)
    assert focused() is learn.search_box
    type_text("sleep")
    assert learn.articles.count() >= 2
    press(Key.Key_Return)
    assert focused() is learn.articles
    press(Key.Key_Down)
    second = learn.articles.item(1).data(Qt.ItemDataRole.UserRole)
    assert learn.current is not None and learn.current.id == second
    assert learn.current.title.split()[0] in learn.reader.toPlainText()

    # -- Get help now with F1, closed with Escape -------------------------------------------------
    press(Key.Key_F1)
    from selfcare_app.ui.help_dialog import HelpDialog

    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), HelpDialog))
    help_dialog = QApplication.activeWindow()
    assert help_dialog.isVisible()
    qtbot.waitUntil(lambda: help_dialog.isAncestorOf(QApplication.focusWidget()))
    press(Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    assert not any(isinstance(w, HelpDialog) and w.isVisible()
                   for w in QApplication.topLevelWidgets())

    # -- the shortcuts list with Ctrl+/ (modal: read it, then Escape) -----------------------------
    seen: list[tuple[str, str, str]] = []
    focus_in_dialog: list[bool] = []

    tries: list[int] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        # Wait for the dialog and for keyboard focus to arrive in it (it is given on show,
        # through the event loop), for up to 2 s.
        tries.append(1)
        if dialog is None or (not dialog.isAncestorOf(QApplication.focusWidget())
                              and len(tries) < 100):
            QTimer.singleShot(20, read_and_close)
            return
        seen.extend(dialog.rows())  # type: ignore[attr-defined]
        focus_in_dialog.append(dialog.isAncestorOf(QApplication.focusWidget()))
        QTest.keyClick(QApplication.focusWidget() or dialog, Key.Key_Escape)
        if dialog.isVisible():  # never leave the test blocked in exec()
            dialog.reject()  # type: ignore[attr-defined]

    QTimer.singleShot(20, read_and_close)
    press(Key.Key_Slash, CTRL)
    assert focus_in_dialog == [True]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    assert any(keys.startswith("Ctrl+S") and "Save" in what for keys, what, _ in seen)
    assert any("Ctrl+L" in keys for keys, _, _ in seen)
    assert QApplication.activeModalWidget() is None

    # -- lock with Ctrl+L, unlock by typing
    press(Key.Key_L, CTRL)
    assert not win.session.is_unlocked and win.lock_screen is not None
    assert win.pages == {}
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.lock_screen.passphrase)
    type_text(PASS)
    press(Key.Key_Return)
    qtbot.waitUntil(lambda: win.session.is_unlocked and win.main_area is not None,
                    timeout=10_000)
    again = win.session.run(lambda v: v.entries.get(TODAY))
    assert again is not None and again.note == "Long day at the library."
