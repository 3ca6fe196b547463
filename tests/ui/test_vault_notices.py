"""Issue 13: after unlock the app tells about a conflicted copy (and merges it on request)."""

from __future__ import annotations

import shutil
from datetime import datetime
from typing import Any

from pytestqt.qtbot import QtBot

from selfcare_app.core.entry import DailyEntry
from selfcare_app.paths import AppPaths
from tests.ui.conftest import PASS, TODAY, unlock


def test_conflicted_copy_is_told_on_unlock_and_merged(qtbot: QtBot, window: Any,
                                                     paths: AppPaths) -> None:
    from selfcare_app.data.vault import Vault

    win = window
    with Vault.create(paths.vault, PASS) as vault:
        vault.entries.upsert(DailyEntry(day=TODAY, stress=3))
    copy = paths.data_dir / "vault (conflicted copy 2026-11-25 101010).db"
    shutil.copyfile(paths.vault, copy)
    with Vault.open(copy, PASS) as other:
        other.entries.upsert(DailyEntry(day=TODAY.replace(day=20), mood=6,
                                        updated_at=datetime(2026, 11, 20, 9)))
    win.show_lock_screen()
    unlock(qtbot, win)
    qtbot.waitUntil(lambda: getattr(win, "vault_notice_box", None) is not None, timeout=10_000)
    box = win.vault_notice_box
    assert copy.name in box.text() and "1 day only in the copy" in box.text()
    merge = next(b for b in box.buttons() if b.text() == "Merge")
    merge.click()
    qtbot.waitUntil(lambda: not copy.exists(), timeout=10_000)
    qtbot.waitUntil(lambda: win.session.run(lambda v: v.entries.count()) == 2, timeout=10_000)
    assert list((paths.backups / "set-aside").iterdir())
