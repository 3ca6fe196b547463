"""A scripted student session through the real window (offscreen), with no internet socket."""

from __future__ import annotations

import socket
import time
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from selfcare_app.paths import AppPaths
from tests.ui.conftest import PASS, TODAY, create_and_unlock, unlock
from tests.ui.waits import (
    idle_remaining_ms,
    precise_idle_countdown,
    settle,
    wait_for_idle_countdown,
)

CANARY = "CANARY-7f3a-ünï-🌱"


def fill_day(win: object, day: date, **values: float) -> None:
    today = win.pages["today"]  # type: ignore[attr-defined]
    today.navigate_to(day)
    assert today.day == day
    form = today.form
    for name, value in values.items():
        getattr(form, name).put(value)
    assert today.save(), today.status.text()


def test_scripted_session_create_log_edit_delete_lock_unlock(
        qtbot: QtBot, window: object, paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[object] = []
    real_socket = socket.socket

    def guard(family: int = socket.AF_INET, *args: object, **kwargs: object) -> object:
        if family in (socket.AF_INET, socket.AF_INET6):
            opened.append(family)
            raise AssertionError("the app tried to open an internet socket")
        return real_socket(family, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "socket", guard)
    win = window
    assert win.lock_screen.creating  # type: ignore[attr-defined]
    create_and_unlock(qtbot, win)
    assert paths.vault.exists()

    fill_day(win, date(2026, 11, 23), stress=7, sleep_hours=5.5, mood=3)
    fill_day(win, date(2026, 11, 24), stress=4, sleep_hours=7.25, study_hours=8)
    today = win.pages["today"]  # type: ignore[attr-defined]
    today.navigate_to(TODAY)
    today.form.energy.put(6)
    today.form.note.setPlainText(CANARY)
    today.form.tags.setText("exam, rotation")
    assert today.save()
    assert today.status.text().startswith("Saved")

    # Edit: the form is prefilled with the stored entry; change one value.
    today.navigate_to(date(2026, 11, 24))
    assert today.form.sleep_hours.get() == 7.25 and today.form.stress.get() == 4
    today.form.stress.put(5)
    assert today.save()

    history = win.pages["history"]  # type: ignore[attr-defined]
    win.navigate("history")  # type: ignore[attr-defined]
    assert history.model.rowCount() == 3
    history.table.selectRow(0)  # newest first
    assert history.selected_entry().day == TODAY
    history.delete_selected(confirm=False)
    assert history.model.rowCount() == 2
    assert win.session.run(lambda v: v.entries.get(TODAY)) is None  # type: ignore[attr-defined]
    history.undo_stack.undo()
    assert history.model.rowCount() == 3
    history.table.selectRow(0)
    history.delete_selected(confirm=False)
    assert win.session.run(lambda v: v.entries.count()) == 2  # type: ignore[attr-defined]

    win.lock()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: win.lock_screen is not None)  # type: ignore[attr-defined]
    QApplication.processEvents()
    assert not win.session.is_unlocked  # type: ignore[attr-defined]
    unlock(qtbot, win)
    stored = win.session.run(lambda v: v.entries.all())  # type: ignore[attr-defined]
    assert [(e.day, e.stress) for e in stored] == [(date(2026, 11, 23), 7),
                                                   (date(2026, 11, 24), 5)]
    assert opened == []


def test_wrong_passphrase_is_reported_inline(qtbot: QtBot, window: object,
                                             paths: AppPaths) -> None:
    win = window
    create_and_unlock(qtbot, win)
    win.lock()  # type: ignore[attr-defined]
    before = paths.vault.read_bytes()
    lock = win.lock_screen  # type: ignore[attr-defined]
    lock.passphrase.setText("not it at all")
    lock.submit.click()
    qtbot.waitUntil(lambda: lock.error.isVisible(), timeout=10_000)
    assert "did not unlock" in lock.error.text()
    assert lock.passphrase.text() == ""
    assert not win.session.is_unlocked  # type: ignore[attr-defined]
    assert paths.vault.read_bytes() == before


def test_check_in_errors_appear_beside_fields_and_nothing_is_saved(qtbot: QtBot,
                                                                    window: object) -> None:
    win = window
    create_and_unlock(qtbot, win)
    today = win.pages["today"]  # type: ignore[attr-defined]
    today.form.sleep_hours.put(12)
    today.form.study_hours.put(13)
    assert not today.save()
    assert today.form.errors["study_hours"].isVisibleTo(today)
    assert "24 hours" in today.form.errors["study_hours"].text()
    assert today.form.sleep_hours.get() == 12  # the input stays on screen
    assert win.session.run(lambda v: v.entries.count()) == 0  # type: ignore[attr-defined]
    empty = win.pages["today"]  # type: ignore[attr-defined]
    empty.form.set_entry(None)
    assert not empty.save()
    assert "at least one value" in empty.form.entry_error.text()


def test_lock_clears_every_view_and_auto_lock_fires(qtbot: QtBot, window: object) -> None:
    win = window
    create_and_unlock(qtbot, win)
    today = win.pages["today"]  # type: ignore[attr-defined]
    today.form.note.setPlainText(CANARY)
    today.form.mood.put(5)
    assert today.save()
    win.navigate("history")  # type: ignore[attr-defined]
    win.idle.start(300)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not win.session.is_unlocked, timeout=3000)  # type: ignore[attr-defined]
    settle(qtbot)  # the views' deleteLater and anything else the lock queued
    for widget in QApplication.allWidgets():
        if isinstance(widget, QLineEdit):
            assert CANARY not in widget.text()
        if isinstance(widget, QPlainTextEdit):
            assert CANARY not in widget.toPlainText()
    assert win.pages == {}  # type: ignore[attr-defined]


def test_input_keeps_the_app_unlocked(qtbot: QtBot, window: object) -> None:
    win = window
    create_and_unlock(qtbot, win)
    precise_idle_countdown(win)
    win.idle.start(60_000)  # type: ignore[attr-defined]
    field = win.pages["today"].form.tags  # type: ignore[attr-defined]
    for _ in range(3):
        wait_for_idle_countdown(qtbot, win, 59_950)  # time passed without input ...
        start = time.monotonic()
        qtbot.keyClick(field, "a")
        took_ms = (time.monotonic() - start) * 1000
        # ... and the key press started the countdown over (without it: under 59,950 - took)
        assert idle_remaining_ms(win) >= 60_000 - took_ms - 2
    assert win.session.is_unlocked  # type: ignore[attr-defined]


def test_get_help_now_works_on_the_lock_screen(qtbot: QtBot, window: object) -> None:
    win = window
    lock = win.lock_screen  # type: ignore[attr-defined]
    opened = []
    win.open_help = lambda crisis=False: opened.append(crisis)  # type: ignore[attr-defined]
    lock.help_requested.connect(lambda: win.open_help())  # type: ignore[attr-defined]
    lock.help_button.click()
    assert opened


def test_help_dialog_lists_crisis_lines_and_switches_to_crisis_card(qtbot: QtBot) -> None:
    from selfcare_app.ui.help_dialog import S0_MESSAGE, HelpDialog

    dialog = HelpDialog(region="US")
    qtbot.addWidget(dialog)
    names = [line.name for line in dialog.lines()]
    assert any("988" in n for n in names)
    with qtbot.waitSignal(dialog.not_safe):
        dialog.not_safe_button.click()
    assert dialog.crisis and S0_MESSAGE in dialog.heading.text()
    assert PASS not in dialog.heading.text()


def test_not_safe_opens_crisis_card_and_keeps_a_private_record(qtbot: QtBot,
                                                               window: object) -> None:
    win = window
    create_and_unlock(qtbot, win)
    dialog = win.open_help()  # type: ignore[attr-defined]
    dialog.not_safe_button.click()
    assert dialog.crisis
    events = win.session.run(lambda v: v.safety_events.list())  # type: ignore[attr-defined]
    assert [e.source for e in events] == ["not-safe"]
    win.open_help(crisis=True, source="phq9-item9")  # type: ignore[attr-defined]
    events = win.session.run(lambda v: v.safety_events.list())  # type: ignore[attr-defined]
    assert sorted(e.source for e in events) == ["not-safe", "phq9-item9"]


def test_damaged_page_is_reported_on_the_lock_screen_and_file_untouched(
        qtbot: QtBot, paths: AppPaths) -> None:
    from selfcare_app.app import create_window
    from selfcare_app.core.entry import DailyEntry
    from selfcare_app.data.vault import Vault

    with Vault.create(paths.vault, PASS) as v:
        v.entries.upsert_many([DailyEntry(day=date.fromordinal(737425 + i), note="x" * 3000)
                               for i in range(40)])
    data = bytearray(paths.vault.read_bytes())
    data[4096 * 5 + 100] ^= 0xFF  # a later page: the key still opens page 1
    paths.vault.write_bytes(bytes(data))
    win = create_window(paths)
    qtbot.addWidget(win)  # type: ignore[arg-type]
    win.show()  # type: ignore[attr-defined]
    lock = win.lock_screen  # type: ignore[attr-defined]
    lock.passphrase.setText(PASS)
    lock.submit.click()
    qtbot.waitUntil(lambda: lock.error.isVisible(), timeout=10_000)
    assert "damaged" in lock.error.text()
    assert not win.session.is_unlocked  # type: ignore[attr-defined]
    assert paths.vault.read_bytes() == bytes(data)
    win.close()  # type: ignore[attr-defined]


def test_results_arrive_in_the_order_the_jobs_ran_even_when_a_job_is_instant(
        qtbot: QtBot, window: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """A job that finishes before its callback is attached used to be delivered inside
    `call()`, ahead of an earlier job's queued result."""
    from concurrent.futures import Future

    create_and_unlock(qtbot, window)
    session = window.session  # type: ignore[attr-defined]
    order: list[str] = []
    session.call(lambda v: "earlier", order.append)
    session.run(lambda v: None)  # the earlier job is done and its result queued
    real_submit = session._executor.submit

    def finished_at_once(fn, *args):  # type: ignore[no-untyped-def]
        done: Future[object] = Future()
        done.set_result(fn(*args))
        return done

    monkeypatch.setattr(session._executor, "submit", finished_at_once)
    session.call(lambda v: "instant", order.append)
    monkeypatch.setattr(session._executor, "submit", real_submit)
    assert order == []  # never delivered inside call()
    qtbot.waitUntil(lambda: len(order) == 2)
    assert order == ["earlier", "instant"]


def test_get_help_now_lists_the_campus_crisis_entries_as_plain_text(
        qtbot: QtBot, window: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import Qt, QUrl
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QLabel, QPushButton

    from selfcare_app.core.resource import ResourceData

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(QUrl(url).toString()) or True)
    win = window
    create_and_unlock(qtbot, win)
    win.session.run(lambda v: v.resources.add(ResourceData(  # type: ignore[attr-defined]
        name="<i>Night</i> line", category="crisis", phone="555 0100", hours="24/7",
        description="<b>not bold</b>")))
    dialog = win.open_help()  # type: ignore[attr-defined]
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Your campus" in " ".join(texts)
    assert any("&lt;i&gt;Night&lt;/i&gt; line" in t and "24/7" in t for t in texts)
    plain = [lab for lab in dialog.findChildren(QLabel) if lab.text() == "<b>not bold</b>"]
    assert plain and plain[0].textFormat() == Qt.TextFormat.PlainText
    call = [b for b in dialog.findChildren(QPushButton) if b.text() == "Call 555 0100"]
    assert call
    call[0].click()
    assert opened == ["tel:5550100"]
    dialog.close()
