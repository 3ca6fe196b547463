"""Counselor summary, export and import dialogs, driven offscreen through the real window."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from selfcare_app.core.demo import semester
from selfcare_app.ui.dialogs import file_choice
from selfcare_app.ui.dialogs.sharing_menu import open_export, open_import, open_summary
from tests.ui.conftest import TODAY, create_and_unlock

NOTE = "Private: talked to Sam about dropping out"


def _actions(window: Any) -> dict[str, Any]:
    return {a.objectName(): a for a in window.file_menu.actions()
            if a.objectName().startswith("sharing:")}


def _fill(window: Any) -> None:
    entries = semester(TODAY, 60)
    entries[-2] = replace(entries[-2], note=NOTE)
    window.session.run(lambda v: v.entries.upsert_many(entries))
    window.session.run(lambda v: v.safety_events.add(datetime(2026, 11, 20, 22, 0),
                                                     "not-safe"))


def _pick_path(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(file_choice, "ask_save_path", lambda *a, **k: path)
    monkeypatch.setattr(file_choice, "ask_open_path", lambda *a, **k: path)


def test_file_menu_offers_sharing_only_while_unlocked(window: Any, qtbot: QtBot) -> None:
    actions = _actions(window)
    assert set(actions) == {"sharing:summary", "sharing:export", "sharing:import"}
    assert not any(a.isEnabled() for a in actions.values())
    create_and_unlock(qtbot, window)
    assert all(a.isEnabled() for a in actions.values())


def test_summary_preview_choices_and_save(window: Any, qtbot: QtBot, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    create_and_unlock(qtbot, window)
    _fill(window)
    threads: list[str] = []
    from selfcare_app.report import summary as report

    real_init = report.SummaryDocument.__init__

    def spy(self: Any, *a: Any, **k: Any) -> None:
        threads.append(threading.current_thread().name)
        real_init(self, *a, **k)

    monkeypatch.setattr(report.SummaryDocument, "__init__", spy)
    dlg = open_summary(window.session, window)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.page_count > 0, timeout=30_000)
    assert threads and all(t != threading.main_thread().name for t in threads)
    labels = [dlg.pages_box.itemAt(i).widget() for i in range(dlg.pages_box.count())]
    assert len(labels) == dlg.page_count
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", dlg.pdf_data)) == dlg.page_count
    assert "not encrypted" in dlg.reminder.text()
    # safety events and notes are out until chosen
    assert dlg.summary.section("safety") is None and dlg.summary.section("notes") is None
    assert not dlg.section_boxes["safety"].isChecked()

    gen = dlg.generation
    dlg.section_boxes["safety"].setChecked(True)
    qtbot.waitUntil(lambda: dlg.generation > gen and dlg.save_button.isEnabled(),
                    timeout=30_000)
    assert dlg.summary.section("safety") is not None

    from PySide6.QtCore import Qt

    item = next(dlg.notes.item(i) for i in range(dlg.notes.count())
                if "dropping out" in dlg.notes.item(i).text())
    dlg.notes.setCurrentItem(item)
    dlg.note_edit.setPlainText("Talked to a friend")  # shortened before sharing
    gen = dlg.generation
    item.setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: dlg.generation > gen and dlg.save_button.isEnabled(),
                    timeout=30_000)
    notes = dlg.summary.section("notes")
    assert notes is not None and notes.tables()[0].rows[0][1] == "Talked to a friend"

    target = tmp_path / "out" / "summary"
    target.parent.mkdir()
    _pick_path(monkeypatch, target)
    dlg.save_button.click()
    qtbot.waitUntil(lambda: dlg.saved_path is not None, timeout=30_000)
    saved = tmp_path / "out" / "summary.pdf"
    assert dlg.saved_path == saved and saved.read_bytes() == dlg.pdf_data  # what was previewed
    assert sorted(p.name for p in saved.parent.iterdir()) == ["summary.pdf"]
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(saved), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "Talked to a friend" in text and "dropping out" not in text
        assert "Safety events" in text
        assert f"Page {dlg.page_count} of {dlg.page_count}" in text


def test_summary_shows_a_bad_range_instead_of_a_preview(window: Any, qtbot: QtBot) -> None:
    from PySide6.QtCore import QDate

    create_and_unlock(qtbot, window)
    _fill(window)
    dlg = open_summary(window.session, window)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.page_count > 0, timeout=30_000)
    dlg.start.setDate(QDate(2026, 11, 20))
    dlg.end.setDate(QDate(2026, 11, 1))
    dlg.refresh()
    assert "starts" in dlg.preview_status.text() and not dlg.save_button.isEnabled()


def test_file_dialogs_forget_the_folders_they_saw(qapp: Any,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QFileDialog

    def fake(*_: Any) -> tuple[str, str]:
        s = QSettings(QSettings.Scope.UserScope, "QtProject")
        s.setValue("FileDialog/lastVisited", "file:///home/me/Therapy notes canary")
        s.sync()
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake)
    assert file_choice.ask_save_path(None, "t", "x.pdf", "*.pdf") is None
    assert file_choice.ask_open_path(None, "t", "*") is None
    s = QSettings(QSettings.Scope.UserScope, "QtProject")
    assert s.value("FileDialog/lastVisited") is None
    assert "canary" not in Path(s.fileName()).read_text() if Path(s.fileName()).exists() \
        else True


def test_export_dialog_writes_and_warns(window: Any, qtbot: QtBot, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    create_and_unlock(qtbot, window)
    _fill(window)
    dlg = open_export(window.session, window)
    qtbot.addWidget(dlg)
    assert "not encrypted" in dlg.warning.text()
    _pick_path(monkeypatch, tmp_path / "all")
    dlg.export_button.click()
    qtbot.waitUntil(lambda: dlg.result_path is not None, timeout=10_000)
    doc = json.loads((tmp_path / "all.json").read_text())
    assert doc["format"] == "selfcare-export" and len(doc["entries"]) > 40
    assert doc["safety_events"][0]["source"] == "not-safe"
    dlg.buttons["csv"].setChecked(True)
    _pick_path(monkeypatch, tmp_path / "days.csv")
    dlg.result_path = None
    dlg.export_button.click()
    qtbot.waitUntil(lambda: dlg.result_path is not None, timeout=10_000)
    assert (tmp_path / "days.csv").read_text(encoding="utf-8-sig").startswith("day,stress")


DAYLIO = ("full_date,date,weekday,time,mood,activities,scales,note_title,note\n"
          '2026-11-10,10 November,Tuesday,9:00 pm,happy,"gym","","","Good <b>day</b>"\n'
          '2026-11-11,11 November,Wednesday,21:00,meh,"","","",""\n'
          '2026-11-12,12 November,Thursday,21:00,happy,"","","",""\n')


def test_import_dialog_maps_daylio_moods_checks_then_imports(
        window: Any, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    create_and_unlock(qtbot, window)
    f = tmp_path / "daylio_export.csv"
    f.write_text(DAYLIO)
    _pick_path(monkeypatch, f)
    dlg = open_import(window.session, window)
    qtbot.addWidget(dlg)
    dlg.choose_button.click()
    qtbot.waitUntil(lambda: dlg.loaded is not None, timeout=10_000)
    assert "Daylio export (CSV), 3 entries from Tue 10 Nov 2026 to Thu 12 Nov 2026" in \
        dlg.file_label.text()
    assert dlg.moods.item(0, 0).text() == "happy" and dlg.moods.item(0, 1).text() == "2"
    assert dlg.spins["meh"].value() == 5  # a default Daylio mood
    assert dlg.unmapped() == ["happy"] and not dlg.import_button.isEnabled()
    assert "happy" in dlg.report.toPlainText()
    dlg.spins["happy"].setValue(8)
    assert dlg.import_button.isEnabled()

    dlg.check_button.click()
    qtbot.waitUntil(lambda: dlg.last_report is not None, timeout=10_000)
    assert dlg.last_report.dry_run and "Would import" in dlg.report.toPlainText()
    assert window.session.run(lambda v: v.entries.count()) == 0

    dlg.import_button.click()
    qtbot.waitUntil(lambda: dlg.last_report is not None and not dlg.last_report.dry_run,
                    timeout=10_000)
    assert "3 added" in dlg.report.toPlainText()
    moods = window.session.run(lambda v: [e.mood for e in v.entries.all()])
    assert moods == [8, 5, 8]


def test_import_dialog_lists_rejected_rows_and_imports_nothing(
        window: Any, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    create_and_unlock(qtbot, window)
    f = tmp_path / "days.csv"
    f.write_text("day,mood\n2026-11-01,5\n2026-11-02,12\n2030-01-01,4\n")
    _pick_path(monkeypatch, f)
    dlg = open_import(window.session, window)
    qtbot.addWidget(dlg)
    dlg.choose_button.click()
    qtbot.waitUntil(lambda: dlg.loaded is not None, timeout=10_000)
    assert not dlg.moods.isVisible()
    dlg.import_button.click()
    qtbot.waitUntil(lambda: "line 3" in dlg.report.toPlainText(), timeout=10_000)
    text = dlg.report.toPlainText()
    assert "2 of 3 rows" in text and "line 4" in text and "nothing was imported" in text
    assert window.session.run(lambda v: v.entries.count()) == 0


def test_import_dialog_refuses_a_binary_file(window: Any, qtbot: QtBot, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    create_and_unlock(qtbot, window)
    f = tmp_path / "photo.csv"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    _pick_path(monkeypatch, f)
    dlg = open_import(window.session, window)
    qtbot.addWidget(dlg)
    dlg.choose_button.click()
    qtbot.waitUntil(lambda: "NUL byte" in dlg.report.toPlainText(), timeout=10_000)
    assert dlg.loaded is None and not dlg.import_button.isEnabled()


def test_dates_default_to_the_last_twelve_weeks(window: Any, qtbot: QtBot) -> None:
    create_and_unlock(qtbot, window)
    _fill(window)
    dlg = open_summary(window.session, window)
    qtbot.addWidget(dlg)
    start = dlg.start.date()
    assert (start.year(), start.month(), start.day()) == \
        ((TODAY - timedelta(days=59)).year, (TODAY - timedelta(days=59)).month,
         (TODAY - timedelta(days=59)).day)  # the first entry is more recent than 12 weeks
    qtbot.waitUntil(lambda: dlg.page_count > 0, timeout=30_000)


def test_background_jobs_pause_automatic_gc_and_deliver_on_the_ui_thread(
        qtbot: QtBot) -> None:
    import gc

    from selfcare_app.ui.dialogs.background import Background

    gc.enable()  # the UI conftest pauses it around every test; Background must restore it
    worker = Background("probe")
    seen: list[tuple[bool, str]] = []
    delivered: list[str] = []
    worker.submit(lambda: seen.append((gc.isenabled(), threading.current_thread().name)),
                  lambda _r: delivered.append(threading.current_thread().name),
                  lambda exc: delivered.append(repr(exc)))
    qtbot.waitUntil(lambda: bool(delivered), timeout=5_000)
    worker.shutdown()
    assert seen[0][0] is False and seen[0][1] != threading.main_thread().name
    assert delivered == [threading.main_thread().name]
    assert gc.isenabled()
