"""The daily reminder in the running app: at the chosen time, only if today has no entry, never
in a quiet period, saying nothing personal; closing keeps it alive in the tray; start at login."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from selfcare_app import APP_ID
from selfcare_app.core.entry import DailyEntry
from selfcare_app.core.reminders import ReminderSettings
from selfcare_app.paths import AppPaths
from tests.ui.conftest import TODAY, create_and_unlock

EVENING = datetime.combine(TODAY, time(20, 30))


def _arm(win: object, moment: datetime = EVENING) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    win.paths.data_dir.mkdir(parents=True, exist_ok=True)  # type: ignore[attr-defined]
    win.desktop.reminder = ReminderSettings(True, time(20, 0))  # type: ignore[attr-defined]
    ctl = win.reminders  # type: ignore[attr-defined]
    ctl.clock = lambda: moment
    ctl.notify = lambda title, text: shown.append((title, text))
    ctl.apply_settings()
    win.isActiveWindow = lambda: False  # type: ignore[attr-defined]  # student is elsewhere
    return shown


def test_reminder_comes_once_after_the_time_when_today_is_empty(qtbot: QtBot,
                                                                window: object) -> None:
    create_and_unlock(qtbot, window)
    shown = _arm(window, datetime.combine(TODAY, time(19, 59)))
    ctl = window.reminders  # type: ignore[attr-defined]
    assert ctl.timer.isActive()
    assert not ctl.check() and shown == []
    ctl.clock = lambda: EVENING
    assert ctl.check()
    assert shown == [("Time for your check-in",
                      "You haven't checked in today yet. It takes about 30 seconds.")]
    assert not ctl.check() and len(shown) == 1  # once a day


def test_no_reminder_when_today_has_an_entry_even_after_locking(qtbot: QtBot,
                                                                window: object) -> None:
    create_and_unlock(qtbot, window)
    session = window.session  # type: ignore[attr-defined]
    session.run(lambda v: v.entries.upsert(DailyEntry(day=TODAY, stress=4)))
    session.notify("entries")
    qtbot.waitUntil(lambda: window.reminders.facts is not None  # type: ignore[attr-defined]
                    and window.reminders.facts.logged(TODAY))  # type: ignore[attr-defined]
    window.lock()  # type: ignore[attr-defined]
    shown = _arm(window)
    assert not window.reminders.check() and shown == []  # type: ignore[attr-defined]


def test_quiet_period_keeps_the_reminder_silent(qtbot: QtBot, window: object) -> None:
    create_and_unlock(qtbot, window)
    window.session.run(lambda v: v.quiet_periods.add(  # type: ignore[attr-defined]
        date(2026, 11, 20), date(2026, 11, 30), "exams"))
    shown = _arm(window)
    assert not window.reminders.check() and shown == []  # type: ignore[attr-defined]


def test_locked_app_that_never_saw_the_vault_reminds_in_words_that_fit_either_way(
        qtbot: QtBot, window: object) -> None:
    shown = _arm(window)
    assert window.reminders.check()  # type: ignore[attr-defined]
    assert "if you haven't done one today" in shown[0][1]


def test_no_reminder_while_the_student_is_using_the_app(qtbot: QtBot, window: object) -> None:
    create_and_unlock(qtbot, window)
    shown = _arm(window)
    window.isActiveWindow = lambda: True  # type: ignore[attr-defined]
    assert not window.reminders.check() and shown == []  # type: ignore[attr-defined]


def test_without_a_tray_the_reminder_is_a_banner_and_a_desktop_notification(
        qtbot: QtBot, window: object) -> None:
    _arm(window)
    ctl = window.reminders  # type: ignore[attr-defined]
    ctl.notify = ctl._notify
    ctl.tray = None
    sent: list[tuple[str, str, str]] = []
    ctl.send_desktop = lambda *args: sent.append(args) or True
    assert ctl.check()
    banner = window.reminder_banner  # type: ignore[attr-defined]
    assert banner.isVisible() and "Time for your check-in" in window.reminder_text.text()  # type: ignore[attr-defined]
    assert sent and sent[0][1] == "Time for your check-in"
    assert "Time for your check-in" in window.statusBar().currentMessage()  # type: ignore[attr-defined]
    create_and_unlock(qtbot, window)
    assert banner.isVisible()  # it stays until the student acts on it
    window.reminder_check_in.click()  # type: ignore[attr-defined]
    assert not banner.isVisible()
    assert window.current_page() is window.pages["today"]  # type: ignore[attr-defined]


def test_the_banner_goes_once_today_is_checked_in(qtbot: QtBot, window: object) -> None:
    create_and_unlock(qtbot, window)
    window.show_reminder_banner("Time for your check-in.")  # type: ignore[attr-defined]
    today = window.pages["today"]  # type: ignore[attr-defined]
    today.form.mood.put(6)
    assert today.save()
    assert not window.reminder_banner.isVisible()  # type: ignore[attr-defined]


def test_a_desktop_notification_without_a_bus_fails_silently(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from selfcare_app.ui.desktop_notify import send

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    assert send("Selfcare", "Time for your check-in", "text") is False  # and no exception


@pytest.mark.parametrize("typed, expected", [
    ("17:26", (17, 26)), ("1726", (17, 26)), ("17.26", (17, 26)), ("9:05", (9, 5)),
    ("9", (9, 0)), ("5:30 pm", (17, 30)), ("12am", (0, 0)), ("24:00", None), ("9:75", None),
    ("soon", None), ("", None)])
def test_the_time_field_takes_what_is_typed(typed: str, expected: tuple[int, int] | None) -> None:
    from selfcare_app.ui.reminder_fields import parse_typed_time

    got = parse_typed_time(typed)
    assert (None if got is None else (got.hour(), got.minute())) == expected


def test_typing_a_time_keeps_every_character(qtbot: QtBot) -> None:
    from PySide6.QtCore import QTime
    from PySide6.QtTest import QTest

    from selfcare_app.ui.reminder_fields import ReminderFields

    fields = ReminderFields(ReminderSettings(True, time(20, 0)), tray=False)
    qtbot.addWidget(fields)
    fields.time.selectAll()
    QTest.keyClicks(fields.time, "17:26")
    assert fields.time.text() == "17:26"
    assert fields.value == ReminderSettings(True, time(17, 26))
    fields.time.selectAll()
    QTest.keyClicks(fields.time, "late")
    assert "not a time" in fields.time.accessibleDescription()
    assert fields.time.time() == QTime(17, 26)  # the last valid time stays


def test_closing_with_a_reminder_locks_and_keeps_running_in_the_tray(
        qtbot: QtBot, window: object, monkeypatch: pytest.MonkeyPatch) -> None:
    create_and_unlock(qtbot, window)
    ctl = window.reminders  # type: ignore[attr-defined]
    ctl.has_tray = True
    _arm(window)
    assert ctl.tray is not None and ctl.keeps_running()
    window.close()  # type: ignore[attr-defined]
    assert not window.isVisible()  # type: ignore[attr-defined]
    assert not window.session.is_unlocked and window.lock_screen is not None  # type: ignore[attr-defined]
    assert window.desktop.tray_hint_shown  # type: ignore[attr-defined]
    from PySide6.QtWidgets import QApplication

    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    window.quit_app()  # type: ignore[attr-defined]
    assert quits == [True] and ctl.tray is None or not ctl.tray.isVisible()


def test_turning_reminders_off_removes_the_tray_and_closing_quits(qtbot: QtBot,
                                                                  window: object) -> None:
    ctl = window.reminders  # type: ignore[attr-defined]
    ctl.has_tray = True
    _arm(window)
    assert ctl.keeps_running()
    window.desktop.reminder = ReminderSettings(False, time(20))  # type: ignore[attr-defined]
    ctl.apply_settings()
    assert not ctl.keeps_running() and not ctl.timer.isActive()


def test_preferences_save_reminder_and_start_at_login(
        qtbot: QtBot, window: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    create_and_unlock(qtbot, window)
    from PySide6.QtCore import QTime


    dialog = window.preferences_dialog()  # type: ignore[attr-defined]
    qtbot.addWidget(dialog)
    dialog.reminder.enabled.setChecked(True)
    dialog.reminder.time.setTime(QTime(7, 45))
    dialog.reminder.login.setChecked(True)
    dialog._save()
    assert window.desktop.reminder == ReminderSettings(True, time(7, 45))  # type: ignore[attr-defined]
    entry = tmp_path / "config" / "autostart" / f"{APP_ID}.desktop"
    text = entry.read_text()
    assert "--background" in text and str(window.paths.data_dir) in text  # type: ignore[attr-defined]
    assert window.reminders.timer.isActive()  # type: ignore[attr-defined]

    dialog = window.preferences_dialog()  # type: ignore[attr-defined]
    qtbot.addWidget(dialog)
    assert dialog.reminder.login.isChecked() and dialog.reminder.time.time() == QTime(7, 45)
    dialog.reminder.login.setChecked(False)
    dialog._save()
    assert not entry.exists()


def test_settings_survive_a_restart_and_theme_applies_before_unlock(
        qtbot: QtBot, window: object, paths: AppPaths) -> None:
    create_and_unlock(qtbot, window)
    window.desktop.theme = "dark"  # type: ignore[attr-defined]
    window.desktop.reminder = ReminderSettings(True, time(21, 15))  # type: ignore[attr-defined]
    window.close()  # type: ignore[attr-defined]
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from selfcare_app.app import create_window
    from selfcare_app.ui.theme import apply_theme

    again = create_window(paths)
    qtbot.addWidget(again)  # type: ignore[arg-type]
    try:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 128
        assert again.reminders.settings == ReminderSettings(True, time(21, 15))  # type: ignore[attr-defined]
    finally:
        again.close()  # type: ignore[attr-defined]
        apply_theme(app, "system")


def test_background_start_without_a_tray_is_a_minimised_window(qtbot: QtBot,
                                                               window: object) -> None:
    window.hide()  # type: ignore[attr-defined]
    window.reminders.has_tray = False  # type: ignore[attr-defined]
    window.start_in_background()  # type: ignore[attr-defined]
    assert window.isMinimized()  # type: ignore[attr-defined]
    assert window.lock_screen is not None  # type: ignore[attr-defined]


def test_delete_everything_also_removes_the_login_entry_and_the_reminder(
        qtbot: QtBot, window: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    from selfcare_app import autostart

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    create_and_unlock(qtbot, window)
    _arm(window)
    entry = autostart.enable(["selfcare-app", "--background"])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("DELETE", True))
    window.delete_everything()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.lock_screen.creating, timeout=10_000)  # type: ignore[attr-defined]
    assert not entry.exists()
    assert not window.paths.ui_settings.exists()  # type: ignore[attr-defined]
    assert not window.reminders.timer.isActive()  # type: ignore[attr-defined]
