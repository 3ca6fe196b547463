"""Help while locked, in the real main window: campus crisis lines on the lock screen and in Get
help now only after the student opted in, and the region they chose (not the system locale)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from selfcare_app.data import lock_help
from selfcare_app.paths import AppPaths
from selfcare_app.ui import lock_help as lock_help_ui
from selfcare_app.ui.lock_help import LockHelpPanel
from tests.ui.conftest import create_and_unlock, unlock


def write_pack(folder: Path) -> Path:
    path = folder / "pack.json"
    path.write_text(json.dumps({
        "format": "selfcare-resource-pack", "version": 1, "campus": "Test U",
        "updated": "2026-09-01", "resources": [
            {"id": "security", "name": "Campus security", "category": "crisis",
             "phone": "555 0111"},
            {"id": "night", "name": "After-hours line", "category": "crisis",
             "phone": "555 0100", "sms": "555 0101", "hours": "24/7"},
            {"id": "couns", "name": "Counseling", "category": "counseling",
             "phone": "555 0142"}]}), encoding="utf-8")
    return path


def import_and_lock(qtbot: QtBot, window: object, tmp_path: Path, region: str) -> None:
    create_and_unlock(qtbot, window)
    window.session.run(lambda v: v.settings.set("region", region))  # type: ignore[attr-defined]
    window.region = region  # type: ignore[attr-defined]
    page = window.pages["resources"]  # type: ignore[attr-defined]
    assert page.import_pack_file(write_pack(tmp_path))
    window.lock()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.lock_screen is not None, timeout=5_000)  # type: ignore[attr-defined]


def test_opted_in_lines_show_on_the_lock_screen_and_in_help(
        qtbot: QtBot, window: object, tmp_path: Path, paths: AppPaths,
        monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(lock_help_ui, "open_link", lambda url: opened.append(url) or True)
    import_and_lock(qtbot, window, tmp_path, "CA")  # every question answered Yes: opted in
    lock = window.lock_screen  # type: ignore[attr-defined]
    [panel] = lock.findChildren(LockHelpPanel)
    assert panel.isVisible()
    assert [b.text() for b in panel.buttons] == ["Call 555 0111", "Call 555 0100",
                                                 "Text 555 0101"]
    panel.buttons[1].click()
    assert opened == ["tel:5550100"]
    window.region = ""  # type: ignore[attr-defined]  # a fresh start knows only the device file
    dialog = window.open_help()  # type: ignore[attr-defined]
    assert dialog.region == "CA"
    assert [ln.name for ln in dialog._campus] == ["Campus security", "After-hours line"]
    dialog.close()
    assert not (paths.data_dir / "lock-help.json").read_text().count("Counseling")


def test_without_opt_in_only_the_region_is_kept(qtbot: QtBot, window: object, tmp_path: Path,
                                                paths: AppPaths,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def question(parent: object, title: str, text: str, *a: object) -> object:
        locked = text.startswith("Show my campus's crisis lines on the lock screen?")
        return QMessageBox.StandardButton.No if locked else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    import_and_lock(qtbot, window, tmp_path, "UK")
    assert window.lock_screen.findChildren(LockHelpPanel) == []  # type: ignore[attr-defined]
    window.region = ""  # type: ignore[attr-defined]
    dialog = window.open_help()  # type: ignore[attr-defined]
    assert dialog.region == "UK" and dialog._campus == []
    dialog.close()
    assert lock_help.load(paths.data_dir).region == "UK"


def test_unlock_refreshes_the_copy(qtbot: QtBot, window: object, tmp_path: Path,
                                   paths: AppPaths) -> None:
    import_and_lock(qtbot, window, tmp_path, "US")
    lock_help.save(paths.data_dir, lock_help.LockHelp("IE", lock_help.load(paths.data_dir)
                                                      .campuses))
    unlock(qtbot, window)
    assert lock_help.load(paths.data_dir).region == "US"  # the vault is the authority
    dialog = window.open_help()  # type: ignore[attr-defined]
    assert [ln.name for ln in dialog._campus] == ["Campus security", "After-hours line"]
    dialog.close()
