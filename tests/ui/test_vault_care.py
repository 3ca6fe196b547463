"""Backups, restore, passphrase change and delete everything through the window."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from selfcare_app.core.entry import DailyEntry
from selfcare_app.paths import AppPaths
from tests.ui.conftest import PASS, create_and_unlock, unlock

NEW = "maple tide lantern"


def test_unlock_makes_the_days_backup_and_restore_brings_data_back(
        qtbot: QtBot, window: object, paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    from selfcare_app.data.backups import list_backups
    from selfcare_app.ui.vault_care import BackupsDialog

    win = window
    create_and_unlock(qtbot, win)
    qtbot.waitUntil(lambda: any(b.kind == "auto" for b in list_backups(paths)), timeout=10_000)
    win.session.run(lambda v: v.entries.upsert(DailyEntry(day=date(2026, 11, 20), mood=3)))  # type: ignore[attr-defined]
    dialog = BackupsDialog(win.controller, win)  # type: ignore[attr-defined]
    qtbot.addWidget(dialog)
    dialog.back_up_now()  # on the vault thread: the button says so meanwhile
    assert not dialog.backup_button.isEnabled() and dialog.backup_button.text() == "Backing up…"
    qtbot.waitUntil(lambda: dialog.backup_button.isEnabled(), timeout=10_000)
    assert dialog.backups[0].kind == "manual"  # newest first (rotation keeps one a day)
    win.session.run(lambda v: v.entries.delete(date(2026, 11, 20)))  # type: ignore[attr-defined]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (PASS, True))
    dialog.table.selectRow(0)
    dialog.restore_selected()
    assert not win.session.is_unlocked  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "restored" in win.lock_screen.error.text(), timeout=10_000)  # type: ignore[attr-defined]
    unlock(qtbot, win)
    entry = win.session.run(lambda v: v.entries.get(date(2026, 11, 20)))  # type: ignore[attr-defined]
    assert entry is not None and entry.mood == 3
    assert any(b.kind in ("pre-restore", "replaced") for b in list_backups(paths))


def test_change_passphrase_then_only_the_new_one_unlocks(
        qtbot: QtBot, window: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from selfcare_app.ui import vault_care

    win = window
    create_and_unlock(qtbot, win)

    class Filled(vault_care.ChangePassphraseDialog):
        def exec(self) -> int:
            self.current.setText(PASS)
            self.new.setText(NEW)
            self.repeat.setText(NEW)
            return 1

    monkeypatch.setattr(vault_care, "ChangePassphraseDialog", Filled)
    win.change_passphrase()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "Passphrase changed" in win.lock_screen.error.text(),  # type: ignore[attr-defined]
                    timeout=10_000)
    lock = win.lock_screen  # type: ignore[attr-defined]
    lock.passphrase.setText(PASS)
    lock.submit.click()
    qtbot.waitUntil(lambda: "did not unlock" in lock.error.text(), timeout=10_000)
    unlock(qtbot, win, NEW)


def test_weak_new_passphrase_keeps_the_button_disabled(qtbot: QtBot, window: object) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from selfcare_app.ui.vault_care import ChangePassphraseDialog

    win = window
    create_and_unlock(qtbot, win)
    dialog = ChangePassphraseDialog(win)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.current.setText(PASS)
    dialog.new.setText("password123")
    dialog.repeat.setText("password123")
    assert not ok.isEnabled() and "common" in dialog.message.text()
    dialog.new.setText(NEW)
    dialog.repeat.setText(NEW)
    assert ok.isEnabled()


def test_delete_everything_needs_the_typed_word(qtbot: QtBot, window: object, paths: AppPaths,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    win = window
    create_and_unlock(qtbot, win)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("delete", True))
    win.delete_everything()  # type: ignore[attr-defined]
    assert paths.vault.exists() and win.session.is_unlocked  # type: ignore[attr-defined]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("DELETE", True))
    win.delete_everything()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: win.lock_screen.creating, timeout=10_000)  # type: ignore[attr-defined]
    assert not paths.vault.exists() and not paths.backups.exists()


def test_first_run_region_is_kept_for_get_help_now(qtbot: QtBot, window: object) -> None:
    win = window
    win.lock_screen.set_region("UK")  # type: ignore[attr-defined]
    create_and_unlock(qtbot, win)
    assert win.session.run(lambda v: v.settings.get("region")) == "UK"  # type: ignore[attr-defined]
    dialog = win.open_help()  # type: ignore[attr-defined]
    assert any("Samaritans" in line.name for line in dialog.lines())


def test_damaged_header_offers_a_restore_that_works(
        qtbot: QtBot, window: object, paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    win = window
    create_and_unlock(qtbot, win)
    win.session.run(lambda v: v.entries.upsert(DailyEntry(day=date(2026, 11, 20), mood=4)))  # type: ignore[attr-defined]
    from selfcare_app.data.backups import backup_now

    win.session.run(lambda v: backup_now(v, paths))  # type: ignore[attr-defined]
    win.lock()  # type: ignore[attr-defined]
    raw = bytearray(paths.vault.read_bytes())
    raw[1000] ^= 0x01  # page 1: SQLCipher can't tell this from a wrong passphrase
    paths.vault.write_bytes(bytes(raw))
    lock = win.lock_screen  # type: ignore[attr-defined]
    lock.passphrase.setText(PASS)
    lock.submit.click()
    qtbot.waitUntil(lambda: lock.restore_button.isVisible(), timeout=10_000)
    assert "passphrase is right" in lock.error.text()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (PASS, True))
    lock.restore_button.click()
    unlock(qtbot, win)
    entry = win.session.run(lambda v: v.entries.get(date(2026, 11, 20)))  # type: ignore[attr-defined]
    assert entry is not None and entry.mood == 4
