"""A campus pack (or a campus spreadsheet) picked in File → Import data gets the same words as
the command line, and is handed to the Resources page's import."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from selfcare_app.ui.dialogs import file_choice
from selfcare_app.ui.dialogs.import_dialog import ImportDialog
from tests.helpers import run_cli
from tests.ui.conftest import create_and_unlock

PACK = {"format": "selfcare-resource-pack", "version": 1, "campus": "Test U",
        "updated": "2026-09-01", "resources": [
            {"id": "night", "name": "After-hours line – 24/7", "category": "crisis",
             "phone": "555 0100"}]}


def open_dialog(window: Any, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                path: Path) -> ImportDialog:
    monkeypatch.setattr(file_choice, "ask_open_path", lambda *a, **k: path)
    dlg = ImportDialog(window.session, window)
    qtbot.addWidget(dlg)
    dlg.open()
    dlg.choose_button.click()
    return dlg


@pytest.mark.parametrize("encode, expected", [
    (lambda t: t.encode("cp1252"), '$: is saved in a legacy encoding (Windows-1252, "ANSI")'),
    (lambda t: t.replace('"Test U"', "“Test U”").encode(), "is a curly (typographic) quote"),
])
def test_a_broken_pack_gets_the_same_words_as_the_cli(
        window: Any, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        encode: Any, expected: str) -> None:
    create_and_unlock(qtbot, window)
    path = tmp_path / "pack.json"
    path.write_bytes(encode(json.dumps(PACK, ensure_ascii=False)))
    dlg = open_dialog(window, qtbot, monkeypatch, path)
    qtbot.waitUntil(lambda: expected in dlg.report.toPlainText(), timeout=10_000)
    cli = run_cli(tmp_path / "none", "pack", "check", str(path), stdin=None)
    problem = dlg.report.toPlainText().splitlines()[-1]
    assert problem in cli.err.splitlines()
    assert dlg.loaded is None and not dlg.import_button.isEnabled()
    dlg.reject()  # stops the dialog's worker thread


def test_a_utf16_pack_is_checked_then_handed_to_resources(
        window: Any, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    create_and_unlock(qtbot, window)
    path = tmp_path / "pack.json"
    path.write_bytes(json.dumps(PACK, ensure_ascii=False).encode("utf-16"))
    dlg = open_dialog(window, qtbot, monkeypatch, path)
    qtbot.waitUntil(lambda: dlg.loaded is not None, timeout=10_000)
    assert "campus resource pack" in dlg.file_label.text()
    assert "Press Import to open it on the Resources page" in dlg.report.toPlainText()
    dlg.check_button.click()
    qtbot.waitUntil(lambda: "Added (1)" in dlg.report.toPlainText(), timeout=10_000)
    assert "  + After-hours line – 24/7" in dlg.report.toPlainText()
    assert window.session.run(lambda v: v.resources.count()) == 0
    dlg.import_button.click()
    assert window.current_page() is window.pages["resources"]
    assert [r.name for r in window.session.run(lambda v: v.resources.list())] == [
        "After-hours line – 24/7"]


def test_a_campus_spreadsheet_points_to_from_csv(
        window: Any, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    create_and_unlock(qtbot, window)
    path = tmp_path / "list.csv"
    path.write_text("Name,Category,Phone\nNight line,crisis,555 0100\n", encoding="utf-8")
    dlg = open_dialog(window, qtbot, monkeypatch, path)
    qtbot.waitUntil(lambda: "pack from-csv" in dlg.report.toPlainText(), timeout=10_000)
    assert "looks like a campus resource list" in dlg.report.toPlainText()
    dlg.reject()
