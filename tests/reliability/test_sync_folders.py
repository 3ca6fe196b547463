"""Issue 13, synced folders: vault.db alone is complete after each commit, a rolled-back vault
is noticed (and its newer backups are never rotated away), conflicted copies are found,
merged day by day or set aside, and removed by delete-everything."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.helpers import PASS, run_cli
from tests.reliability.conftest import make_vault


def _day(i: int) -> date:
    return date(2024, 1, 1) + timedelta(days=i)


def test_vault_db_alone_holds_every_acknowledged_save(
        tmp_path: Path, report: Callable[[str], None]) -> None:
    from selfcare_app.core.entry import DailyEntry
    from selfcare_app.data.vault import Vault

    vault_path = make_vault(tmp_path / "data" / "vault.db")
    upload = tmp_path / "what-the-sync-client-uploaded.db"
    with Vault.open(vault_path, PASS) as vault:  # stays open, like the app
        for i in range(31):
            vault.entries.upsert(DailyEntry(day=_day(i), stress=i % 11, note=f"day {i}"))
            assert vault.checkpointed
        shutil.copyfile(vault_path, upload)  # the main file only, no -wal
    with Vault.open(upload, PASS) as copy:
        assert copy.entries.count() == 31
        assert copy.check(full=True) == []
    report("31 saves with the vault open; a copy of vault.db alone holds 31 of 31")


def test_rolled_back_vault_is_noticed_and_newer_backups_survive_rotation(
        tmp_path: Path) -> None:
    from selfcare_app.core.entry import DailyEntry
    from selfcare_app.data.backups import backup_now, list_backups, rotate
    from selfcare_app.data.sync import rollback_notice
    from selfcare_app.data.vault import Vault
    from selfcare_app.paths import AppPaths

    data = tmp_path / "data"
    paths = AppPaths(data)
    vault_path = make_vault(data / "vault.db", days=5)
    old = tmp_path / "older-vault.db"
    shutil.copyfile(vault_path, old)  # what a sync service will put back later
    with Vault.open(vault_path, PASS) as vault:
        vault.entries.upsert_many(DailyEntry(day=_day(10 + i), mood=5) for i in range(20))
        newer, _ = backup_now(vault, paths, datetime(2024, 2, 1, 9))
        assert rollback_notice(vault, paths) is None
    shutil.copyfile(old, vault_path)  # the rollback
    with Vault.open(vault_path, PASS) as vault:
        notice = rollback_notice(vault, paths)
        assert notice is not None and notice.backup.name == newer.name
        assert "restore" in notice.message() and newer.name in notice.message()
        # Seven more days of backups (rotation keeps 7 daily): the newer one is never pruned.
        for i in range(1, 9):
            backup_now(vault, paths, datetime(2024, 2, 1 + i, 9))
        rotate(paths, vault)
    assert newer.name in {b.name for b in list_backups(paths)}
    # The CLI tells the student, and a restore puts the newer days back without a new notice.
    shown = run_cli(data, "show")
    assert shown.code == 0 and "looks older than your backup" in shown.err
    restored = run_cli(data, "restore", newer.name)
    assert restored.code == 0, restored.err
    again = run_cli(data, "show", "--format", "json")
    assert again.code == 0 and "looks older" not in again.err, again.err
    assert len(json.loads(again.out)) == 25


def _conflicted(tmp_path: Path) -> tuple[Path, Path]:
    """A vault and a conflicted copy that both changed after they parted."""
    from selfcare_app.core.entry import DailyEntry
    from selfcare_app.data.vault import Vault

    data = tmp_path / "data"
    vault_path = make_vault(data / "vault.db", days=3, start=_day(0))
    copy = data / "vault (Ann's conflicted copy 2024-01-05).db"
    shutil.copyfile(vault_path, copy)
    t = datetime(2024, 1, 5, 12)
    with Vault.open(copy, PASS) as other:  # the other laptop
        other.entries.upsert_many([
            DailyEntry(day=_day(0), stress=9, note="edited on the laptop",
                       updated_at=t + timedelta(hours=2)),  # newer than the vault's edit
            DailyEntry(day=_day(1), stress=1, note="older laptop edit", updated_at=t),
            DailyEntry(day=_day(20), mood=8, note="only on the laptop", updated_at=t),
        ])
    with Vault.open(vault_path, PASS) as vault:
        vault.entries.upsert_many([
            DailyEntry(day=_day(0), stress=2, note="edited here", updated_at=t),
            DailyEntry(day=_day(1), stress=4, note="newer edit here",
                       updated_at=t + timedelta(hours=3)),
        ])
    return data, copy


@pytest.mark.parametrize("name", [
    "vault (Ann's conflicted copy 2024-01-05).db",
    "vault (conflicted copy 2024-01-05 101010).db",
    "vault.sync-conflict-20240105-101010-ABCDEFG.db",
    "vault-DESKTOP-1AB2C3D.db",
    "vault (1).db",
])
def test_conflicted_copy_names_are_recognised(name: str) -> None:
    from selfcare_app.data.sync import is_conflicted_copy

    assert is_conflicted_copy(name)


@pytest.mark.parametrize("name", ["vault.db", "vault.db-wal", "vault.db.lock", "vault.db.restoring",
                                  "vault.db.before-v2.bak", "window.ini", "notes.db"])
def test_our_own_files_are_not_conflicted_copies(name: str) -> None:
    from selfcare_app.data.sync import is_conflicted_copy

    assert not is_conflicted_copy(name)


def test_conflicted_copy_is_shown_merged_day_by_day_and_set_aside(
        tmp_path: Path, report: Callable[[str], None]) -> None:
    data, copy = _conflicted(tmp_path)
    checked = run_cli(data, "check")
    assert checked.code == 0 and copy.name in checked.out and copy.name in checked.err
    listed = run_cli(data, "conflicts")
    assert "1 day(s) only in the copy, 1 newer in the copy, 1 newer in your vault" in listed.out
    merged = run_cli(data, "conflicts", "--merge", copy.name)
    assert merged.code == 0, merged.err
    rows = {r["day"]: r for r in json.loads(run_cli(data, "show", "--format", "json").out)}
    assert rows[_day(0).isoformat()]["note"] == "edited on the laptop"  # newer edit wins
    assert rows[_day(1).isoformat()]["note"] == "newer edit here"
    assert rows[_day(20).isoformat()]["note"] == "only on the laptop"  # added
    assert rows[_day(2).isoformat()]  # untouched
    assert not copy.exists()
    kept = list((data / "backups" / "set-aside").iterdir())
    assert [p.name.endswith(copy.name) for p in kept] == [True]  # nothing deleted
    report("conflicted copy: 1 day added, 1 newer edit taken, 1 newer local edit kept, "
           "0 dropped (the copy kept in backups/set-aside/)")


def test_set_aside_and_delete_everything_include_conflicted_copies(tmp_path: Path) -> None:
    data, copy = _conflicted(tmp_path)
    second = data / "vault.sync-conflict-20240105-101010-ABCDEFG.db"
    shutil.copyfile(copy, second)
    r = run_cli(data, "conflicts", "--set-aside", second.name)
    assert r.code == 0 and not second.exists()
    done = run_cli(data, "delete-everything", "--confirm", "DELETE", stdin=None)
    assert done.code == 0, done.err
    assert copy.name in done.out and "vault.db" in done.out and "backups" in done.out
    assert not data.exists()


def test_interrupted_restore_is_finished_on_next_start(tmp_path: Path) -> None:
    """A kill after the old vault was moved aside: vault.db missing, the verified copy in
    vault.db.restoring. The next command finishes the restore instead of 'No vault found'."""
    from selfcare_app.data.precheck import restore_ready_marker

    data = tmp_path / "data"
    vault_path = make_vault(data / "vault.db", days=4)
    staging = data / "vault.db.restoring"
    os.replace(vault_path, staging)
    restore_ready_marker(vault_path).touch()
    shown = run_cli(data, "show", "--format", "json")
    assert shown.code == 0, shown.err
    assert "interrupted restore was finished" in shown.err
    assert len(json.loads(shown.out)) == 4
    assert not staging.exists() and not restore_ready_marker(vault_path).exists()


def test_interrupted_restore_before_the_swap_is_rolled_back(tmp_path: Path) -> None:
    from selfcare_app.data.precheck import finish_interrupted_restore, restore_ready_marker

    data = tmp_path / "data"
    vault_path = make_vault(data / "vault.db", days=2)
    staging = data / "vault.db.restoring"
    shutil.copyfile(vault_path, staging)
    restore_ready_marker(vault_path).touch()
    before = vault_path.read_bytes()
    assert "undone" in (finish_interrupted_restore(vault_path) or "")
    assert vault_path.read_bytes() == before and not staging.exists()
    assert not restore_ready_marker(vault_path).exists()


def test_init_finishes_a_waiting_restore_instead_of_creating_a_new_vault(tmp_path: Path) -> None:
    from selfcare_app.data.precheck import restore_ready_marker

    data = tmp_path / "data"
    vault_path = make_vault(data / "vault.db", days=2)
    os.replace(vault_path, data / "vault.db.restoring")
    restore_ready_marker(vault_path).touch()
    r = run_cli(data, "init", stdin="violet lantern 93 orbit\n")
    assert r.code == 2 and "already exists" in r.err
    assert len(json.loads(run_cli(data, "show", "--format", "json").out)) == 2
