"""First run: welcome (what is logged and why, privacy, not a diagnosis) → passphrase →
optional choices (crisis-line region, reminder, start at login, campus pack) → the app."""

from __future__ import annotations

from datetime import time
from importlib import resources
from pathlib import Path

import pytest
from PySide6.QtCore import QTime
from pytestqt.qtbot import QtBot

from selfcare_app import APP_ID
from selfcare_app.core.reminders import ReminderSettings
from tests.ui.conftest import PASS


def _texts(widget: object) -> str:
    from PySide6.QtWidgets import QLabel

    return " ".join(label.text() for label in widget.findChildren(QLabel))  # type: ignore[attr-defined]


def test_welcome_explains_what_is_logged_privacy_and_not_a_diagnosis(qtbot: QtBot,
                                                                     window: object) -> None:
    lock = window.lock_screen  # type: ignore[attr-defined]
    assert lock.steps.currentIndex() == 0 and lock.next_button.isVisible()
    assert not lock.submit.isVisible() and not lock.back_button.isVisible()
    text = _texts(lock.steps.currentWidget())
    for needle in ("What you log", "sleep", "study hours", "encrypted",
                   "never connects to the internet", "not medical advice"):
        assert needle in text
    assert lock.welcome_picture.pixmap().width() > 100  # a picture, not four paragraphs
    assert len(text) < 1200


def test_passphrase_step_holds_until_the_passphrase_is_acceptable(qtbot: QtBot,
                                                                  window: object) -> None:
    lock = window.lock_screen  # type: ignore[attr-defined]
    lock.next_button.click()
    assert lock.steps.currentIndex() == 1 and lock.passphrase.hasFocus()
    assert not lock.next_button.isEnabled()
    lock.passphrase.setText("short")
    lock.confirm.setText("short")
    lock.understand.setChecked(True)
    lock._next_step()  # Return in the field
    assert lock.steps.currentIndex() == 1 and lock.error.isVisible()
    lock.passphrase.setText(PASS)
    lock.confirm.setText(PASS)
    assert lock.next_button.isEnabled()
    lock.next_button.click()
    assert lock.steps.currentIndex() == 2 and lock.submit.isVisible()
    lock.back_button.click()
    assert lock.steps.currentIndex() == 1 and lock.passphrase.text() == PASS  # nothing lost


def test_choices_are_applied_once_the_vault_exists(qtbot: QtBot, window: object,
                                                   tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    lock = window.lock_screen  # type: ignore[attr-defined]
    lock.passphrase.setText(PASS)
    lock.confirm.setText(PASS)
    lock.understand.setChecked(True)
    lock.go_to_step(2)
    lock.set_region("UK")
    lock.reminder_fields.enabled.setChecked(True)
    lock.reminder_fields.time.setTime(QTime(21, 30))
    lock.reminder_fields.login.setChecked(True)
    with resources.as_file(resources.files("selfcare_app.resources").joinpath(
            "packs", "sample-university.json")) as pack:
        lock.set_pack(Path(pack))
        assert "sample-university.json" in lock.pack_label.text()
        lock.submit.click()
        qtbot.waitUntil(lambda: window.main_area is not None, timeout=10_000)  # type: ignore[attr-defined]
    assert window.region == "UK"  # type: ignore[attr-defined]
    assert window.desktop.reminder == ReminderSettings(True, time(21, 30))  # type: ignore[attr-defined]
    assert window.reminders.timer.isActive()  # type: ignore[attr-defined]
    assert (tmp_path / "config" / "autostart" / f"{APP_ID}.desktop").exists()
    assert window.current_page() is window.pages["resources"]  # type: ignore[attr-defined]
    campus = window.session.run(lambda v: v.resources.list())  # type: ignore[attr-defined]
    assert any(r.pack_campus for r in campus)


def test_skipping_every_choice_leaves_reminders_off_and_opens_today(qtbot: QtBot,
                                                                    window: object,
                                                                    tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch
                                                                    ) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    from tests.ui.conftest import create_and_unlock

    create_and_unlock(qtbot, window)
    assert window.desktop.reminder.enabled is False  # type: ignore[attr-defined]
    assert not (tmp_path / "config" / "autostart").exists()
    assert window.current_page() is window.pages["today"]  # type: ignore[attr-defined]


def test_after_unlock_the_keyboard_starts_on_the_check_in(qtbot: QtBot, window: object) -> None:
    from tests.ui.conftest import create_and_unlock

    create_and_unlock(qtbot, window)
    today = window.pages["today"]  # type: ignore[attr-defined]
    assert today.first_focus() is not None
    assert window.focusWidget() is today.first_focus()  # type: ignore[attr-defined]
