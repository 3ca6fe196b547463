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


def test_without_a_tray_the_reminder_shows_in_the_status_bar(qtbot: QtBot,
                                                             window: object) -> None:
    _arm(window)
    ctl = window.reminders  # type: ignore[attr-defined]
    ctl.notify = ctl._notify
    ctl.tray = None
    assert ctl.check()
    assert "Time for your check-in" in window.statusBar().currentMessage()  # type: ignore[attr-defined]


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

    from selfcare_app.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(window)  # type: ignore[arg-type]
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

    dialog = PreferencesDialog(window)  # type: ignore[arg-type]
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
    assert not entry.exists()
    assert not window.paths.ui_settings.exists()  # type: ignore[attr-defined]
    assert not window.reminders.timer.isActive()  # type: ignore[attr-defined]
