"""Issue 13: the Today page never silently overwrites a day another writer changed since it
was loaded; it asks, and Merge keeps both writers' fields."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from selfcare_app.core.entry import DailyEntry
from selfcare_app.paths import AppPaths
from tests.ui.conftest import PASS, TODAY, create_and_unlock


def _other_writer(paths: AppPaths, **fields: Any) -> None:
    """Another window or `log` command: its own connection, committing to the same day."""
    from selfcare_app.data.vault import Vault

    with Vault.open(paths.vault, PASS, verify=False) as other:
        def change(old: DailyEntry | None) -> DailyEntry:
            return (old or DailyEntry(day=TODAY)).merged_with(fields)

        other.entries.update(TODAY, change)


@pytest.mark.parametrize("choice", ["merge", "reload", "cancel"])
def test_save_after_another_writer_asks_and_never_overwrites(
        qtbot: QtBot, window: Any, paths: AppPaths, monkeypatch: pytest.MonkeyPatch,
        choice: str) -> None:
    from selfcare_app.ui.dialogs import save_conflict

    win = window
    create_and_unlock(qtbot, win)
    today = win.pages["today"]
    today.load(TODAY)
    _other_writer(paths, mood=3, note="from the command line")
    asked: list[str] = []

    def ask(parent: object, base: object, mine: DailyEntry, theirs: DailyEntry) -> Any:
        asked.append(save_conflict.conflict_text(base, mine, theirs))  # type: ignore[arg-type]
        return save_conflict.Choice(choice)

    monkeypatch.setattr(save_conflict, "ask", ask)
    today.form.stress.put(8)
    today._on_edited()
    saved = today.save()
    assert len(asked) == 1 and "another Selfcare window or command" in asked[0]
    stored = win.session.run(lambda v: v.entries.get(TODAY))
    assert stored.mood == 3 and stored.note == "from the command line"  # never overwritten
    if choice == "merge":
        assert saved and stored.stress == 8  # both writers' fields kept
        assert "Saved" in today.status.text()
    else:
        assert not saved and stored.stress is None
    if choice == "reload":
        assert today.form.values()["mood"] == 3 and not today.dirty
    if choice == "cancel":
        assert today.form.values()["stress"] == 8 and "changed elsewhere" in today.status.text()


def test_unchanged_day_saves_without_asking(qtbot: QtBot, window: Any,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from selfcare_app.ui.dialogs import save_conflict

    win = window
    create_and_unlock(qtbot, win)
    today = win.pages["today"]
    today.load(TODAY)
    monkeypatch.setattr(save_conflict, "ask", lambda *a: pytest.fail("asked"))
    for value in (4, 5):  # the second save must know the version the first one wrote
        today.form.stress.put(value)
        today._on_edited()
        assert today.save()
    assert win.session.run(lambda v: v.entries.get(TODAY)).stress == 5


def test_merge_keeps_my_changes_and_their_other_fields() -> None:
    from selfcare_app.core.entry_merge import conflicting_fields, merge_edits

    base = DailyEntry(day=TODAY, stress=2, tags=("a",), note="start")
    mine = DailyEntry(day=TODAY, stress=5, tags=("a", "mine"), note="start")
    theirs = DailyEntry(day=TODAY, stress=2, mood=7, tags=("a", "theirs"), note="other text")
    merged = merge_edits(base, mine, theirs)
    assert (merged.stress, merged.mood, merged.note) == (5, 7, "other text")
    assert set(merged.tags) == {"a", "mine", "theirs"}
    assert conflicting_fields(base, mine, theirs) == ["tags"]
    both_notes = merge_edits(base, mine.merged_with({"note": "mine"}), theirs)
    assert "mine" in both_notes.note and "other text" in both_notes.note  # neither lost
