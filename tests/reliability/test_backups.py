"""Backups: made with VACUUM INTO, rotated, listed, verified, restored; header triage."""

from __future__ import annotations

import os
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.helpers import PASS, init_vault, run_cli
from tests.reliability.conftest import listing, make_vault, run_child, sha256

CANARY = "kestrel-canary-7731"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    make_vault(folder / "vault.db", days=3)
    return folder


def _paths(folder: Path) -> object:
    from selfcare_app.paths import AppPaths

    return AppPaths(folder)


def _notes(vault_path: Path, passphrase: str = PASS) -> dict[str, str]:
    from selfcare_app.data.vault import Vault

    with Vault.open(vault_path, passphrase) as vault:
        return {e.day.isoformat(): e.note for e in vault.entries.all()}


def _add(vault_path: Path, day: str, note: str) -> None:
    from selfcare_app.core.entry import DailyEntry
    from selfcare_app.data.vault import Vault

    with Vault.open(vault_path, PASS) as vault:
        vault.entries.upsert(DailyEntry(day=date.fromisoformat(day), stress=5, note=note))


def test_backup_is_encrypted_private_and_includes_uncheckpointed_commits(data: Path) -> None:
    from selfcare_app.core.entry import DailyEntry
    from selfcare_app.data.backups import create_backup, list_backups, verify_backup
    from selfcare_app.data.vault import SQLITE_HEADER, Vault
    from selfcare_app.paths import AppPaths

    paths = AppPaths(data)
    with Vault.open(data / "vault.db", PASS) as vault:
        vault.entries.upsert(DailyEntry(day=date(2024, 1, 9), mood=7, note=CANARY))
        assert Path(f"{data / 'vault.db'}-wal").stat().st_size > 0  # still only in the WAL
        made = create_backup(vault, paths, "manual", datetime(2024, 1, 9, 20, 15))
    assert made.name == "vault-20240109-201500-manual.db"
    assert [b.path for b in list_backups(paths)] == [made.path]
    raw = made.path.read_bytes()
    assert not raw.startswith(SQLITE_HEADER) and CANARY.encode() not in raw
    assert stat.S_IMODE(made.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(paths.backups.stat().st_mode) == 0o700
    assert verify_backup(made.path, PASS).entries == 4
    assert listing(paths.backups) == {made.name}  # no .partial left behind


def test_same_second_backups_get_distinct_names(data: Path) -> None:
    from selfcare_app.data.backups import create_backup, list_backups
    from selfcare_app.data.vault import Vault

    at = datetime(2024, 2, 1, 12)
    with Vault.open(data / "vault.db", PASS) as vault:
        names = [create_backup(vault, _paths(data), "manual", at).name  # type: ignore[arg-type]
                 for _ in range(3)]
    assert names == ["vault-20240201-120000-manual.db", "vault-20240201-120000-manual-1.db",
                     "vault-20240201-120000-manual-2.db"]
    assert [b.seq for b in list_backups(_paths(data))] == [2, 1, 0]  # type: ignore[arg-type]


def test_auto_backup_at_most_once_a_day_and_rotates(data: Path) -> None:
    from selfcare_app.data.backups import auto_backup, list_backups
    from selfcare_app.data.vault import Vault
    from selfcare_app.paths import AppPaths

    paths = AppPaths(data)
    start = date(2024, 1, 1)
    with Vault.open(data / "vault.db", PASS) as vault:
        for offset in range(60):  # two months of daily unlocks, twice a day
            day = start + timedelta(days=offset)
            first = auto_backup(vault, paths, day, datetime.combine(day, datetime.min.time()))
            assert first is not None and first.day == day
            assert auto_backup(vault, paths, day) is None
    kept = list_backups(paths)
    days = [b.day for b in kept]
    last = start + timedelta(days=59)
    assert days[:7] == [last - timedelta(days=i) for i in range(7)]
    weekly = days[7:]
    assert len(weekly) == 4
    assert len({d.isocalendar()[:2] for d in weekly}) == 4 and max(weekly) < days[6]
    assert len(kept) == 11 == len(listing(paths.backups))


def test_plan_rotation_keeps_7_daily_4_weekly_and_never_prunes_restore_copies() -> None:
    from selfcare_app.data.backups import Backup, plan_rotation

    start = datetime(2024, 3, 1, 9)
    backups = [Backup(Path(f"b{i}"), start + timedelta(days=i // 2, hours=i % 2), "manual")
               for i in range(120)]  # two a day for 60 days
    backups += [Backup(Path("p"), start, "pre-restore"), Backup(Path("r"), start, "replaced")]
    keep, prune = plan_rotation(backups)
    assert len(keep) == 11 and len(prune) == 109
    newest = max(b.taken_at for b in backups)
    daily = sorted((b for b in keep if b.day > newest.date() - timedelta(days=7)),
                   key=lambda b: b.taken_at, reverse=True)
    assert [b.taken_at.hour for b in daily] == [10] * 7  # the newest of each day
    assert all(b.kind == "manual" for b in keep + prune)  # the other kinds are never rotated
    # Gaps don't shorten history: 7 backups spread over 7 months are all kept as daily.
    sparse = [Backup(Path(f"s{i}"), start + timedelta(days=30 * i), "auto") for i in range(7)]
    assert plan_rotation(sparse)[1] == []


def test_rotate_removes_leftovers_but_not_other_files(data: Path) -> None:
    from selfcare_app.data.backups import rotate
    from selfcare_app.paths import AppPaths

    paths = AppPaths(data)
    paths.backups.mkdir()
    for name in ("vault-20240101-000000-auto.db.partial", "vault-20240101-000000-auto.db"
                 ".rekeying", "notes.txt", "vault-20240101-000000-replaced.db"):
        (paths.backups / name).write_bytes(b"x")
    removed = {p.name for p in rotate(paths)}
    assert removed == {"vault-20240101-000000-auto.db.partial",
                       "vault-20240101-000000-auto.db.rekeying"}
    assert listing(paths.backups) == {"notes.txt", "vault-20240101-000000-replaced.db"}


def test_restore_round_trip_keeps_replaced_vault(data: Path) -> None:
    from selfcare_app.data.backups import create_backup, list_backups, restore, verify_backup
    from selfcare_app.data.vault import Vault
    from selfcare_app.paths import AppPaths

    paths = AppPaths(data)
    vault_path = data / "vault.db"
    before = _notes(vault_path)
    with Vault.open(vault_path, PASS) as vault:
        made = create_backup(vault, paths, "manual", datetime(2024, 4, 1, 8))
    _add(vault_path, "2024-04-02", "written after the backup")
    after = _notes(vault_path)

    result = restore(paths, made.path, PASS, now=datetime(2024, 4, 3, 8))
    assert result.entries == len(before)
    assert _notes(vault_path) == before
    assert result.kept is not None and result.kept.kind == "pre-restore"
    assert verify_backup(result.kept.path, PASS).entries == len(after)
    assert {b.kind for b in list_backups(paths)} == {"manual", "pre-restore"}
    assert not list(data.glob("vault.db.restoring*"))
    # ... and the restore can be undone by restoring the kept copy.
    restore(paths, result.kept.path, PASS)
    assert _notes(vault_path) == after


def test_restore_refuses_wrong_passphrase_damaged_or_newer_backup(data: Path) -> None:
    from selfcare_app.data.backups import DamagedBackupError, create_backup, restore
    from selfcare_app.data.errors import VaultTooNewError, WrongPassphraseError
    from selfcare_app.data.vault import Vault
    from selfcare_app.paths import AppPaths

    paths = AppPaths(data)
    vault_path = data / "vault.db"
    with Vault.open(vault_path, PASS) as vault:
        good = create_backup(vault, paths, "manual", datetime(2024, 4, 1, 8))
        vault.connection.execute("PRAGMA user_version = 99")
        newer = create_backup(vault, paths, "manual", datetime(2024, 4, 1, 9))
        vault.connection.execute("PRAGMA user_version = 1")
    damaged = good.path.with_name("vault-20240401-100000-manual.db")
    raw = bytearray(good.path.read_bytes())
    raw[4096 * 3 + 77] ^= 0x40
    damaged.write_bytes(bytes(raw))
    state = {p.name: sha256(p) for p in data.rglob("*") if p.is_file() and p.suffix != ".lock"}

    with pytest.raises(WrongPassphraseError):
        restore(paths, good.path, "a different passphrase")
    with pytest.raises(DamagedBackupError):
        restore(paths, damaged, PASS)
    with pytest.raises(VaultTooNewError):
        restore(paths, newer.path, PASS)
    after = {p.name: sha256(p) for p in data.rglob("*") if p.is_file() and p.suffix != ".lock"}
    assert after == state


def test_restore_over_damaged_vault_moves_it_aside_byte_for_byte(data: Path) -> None:
    from selfcare_app.data.backups import create_backup, list_backups, restore
    from selfcare_app.data.vault import Vault
    from selfcare_app.paths import AppPaths

    paths = AppPaths(data)
    vault_path = data / "vault.db"
    expected = _notes(vault_path)
    with Vault.open(vault_path, PASS) as vault:
        made = create_backup(vault, paths, "auto", datetime(2024, 4, 1, 8))
    raw = bytearray(vault_path.read_bytes())
    raw[200] ^= 0xFF  # page 1: the passphrase no longer opens it
    vault_path.write_bytes(bytes(raw))
    damaged_hash = sha256(vault_path)

    result = restore(paths, made.path, PASS)
    assert result.kept is not None and result.kept.kind == "replaced"
    assert sha256(result.kept.path) == damaged_hash
    assert _notes(vault_path) == expected
    assert len(list_backups(paths)) == 2


def test_restore_over_a_crashed_vault_keeps_every_committed_row(tmp_path: Path) -> None:
    """A vault left with a hot WAL, replaced by a backup the old passphrase doesn't open: the
    replaced copy (with its WAL if one is left) still holds every committed row, and no old WAL
    is ever paired with the restored file.

    Note: SQLite sees the -wal before reading page 1, so even the failed open with the other
    passphrase folds the committed frames into the main file on close (raw bytes, no key
    needed); the WAL then no longer exists to be moved.
    """
    from selfcare_app.data.backups import create_backup, restore
    from selfcare_app.data.vault import Vault
    from selfcare_app.paths import AppPaths

    data = tmp_path / "data"
    paths = AppPaths(data)
    vault_path = make_vault(data / "vault.db", days=2)
    run_child("writer", str(vault_path), PASS, "1", "50", kill_after=0.3)
    wal = Path(f"{vault_path}-wal")
    assert wal.exists() and wal.stat().st_size > 0
    crashed = _notes_via_copy(vault_path, tmp_path / "copy")
    assert len(crashed) > 2  # the killed writer committed rows that live only in the WAL

    other = tmp_path / "other"
    make_vault(other / "vault.db", passphrase="another long passphrase 5", days=1)
    with Vault.open(other / "vault.db", "another long passphrase 5") as vault:
        foreign = create_backup(vault, AppPaths(other), "manual", datetime(2024, 4, 2, 8))
    result = restore(paths, foreign.path, "another long passphrase 5")
    assert result.kept is not None and result.kept.kind == "replaced"
    assert not wal.exists() and not Path(f"{vault_path}-shm").exists()
    assert len(_notes(vault_path, "another long passphrase 5")) == 1
    assert _notes_via_copy(result.kept.path, tmp_path / "kept") == crashed


def _notes_via_copy(vault_file: Path, folder: Path) -> dict[str, str]:
    folder.mkdir()
    for suffix in ("", "-wal"):
        src = Path(f"{vault_file}{suffix}")
        if src.exists():
            (folder / f"vault.db{suffix}").write_bytes(src.read_bytes())
    return _notes(folder / "vault.db")


def test_restore_refuses_while_vault_is_open_elsewhere(data: Path) -> None:
    from selfcare_app.data.backups import VaultInUseError, create_backup, restore
    from selfcare_app.data.vault import Vault
    from selfcare_app.paths import AppPaths

    paths = AppPaths(data)
    with Vault.open(data / "vault.db", PASS) as vault:
        made = create_backup(vault, paths, "manual", datetime(2024, 4, 1, 8))
        _add(data / "vault.db", "2024-04-05", "still open in the app")
        with pytest.raises(VaultInUseError):
            restore(paths, made.path, PASS)
        assert vault.entries.get(date(2024, 4, 5)) is not None
    assert "2024-04-05" in _notes(data / "vault.db")
    assert not list(data.glob("vault.db.restoring*"))


def test_damaged_header_is_told_apart_from_wrong_passphrase(data: Path) -> None:
    from selfcare_app.data.backups import DamagedHeaderError, create_backup
    from selfcare_app.data.errors import WrongPassphraseError
    from selfcare_app.data.vault import Vault
    from selfcare_app.paths import AppPaths

    paths = AppPaths(data)
    vault_path = data / "vault.db"
    with Vault.open(vault_path, PASS) as vault:
        create_backup(vault, paths, "auto", datetime(2024, 4, 1, 8))
        newest = create_backup(vault, paths, "manual", datetime(2024, 4, 2, 8))
    raw = bytearray(vault_path.read_bytes())
    raw[3] ^= 0x10  # the salt
    vault_path.write_bytes(bytes(raw))
    state = sha256(vault_path), listing(data)

    with pytest.raises(DamagedHeaderError) as caught:
        Vault.open(vault_path, PASS)
    assert caught.value.backup.path == newest.path
    assert caught.value.exit_code == 4 and newest.name in str(caught.value)
    with pytest.raises(WrongPassphraseError) as wrong:
        Vault.open(vault_path, "correct horse batterY")
    assert type(wrong.value) is WrongPassphraseError
    assert (sha256(vault_path), listing(data)) == state


def test_cli_backup_backups_restore(tmp_path: Path) -> None:
    data = tmp_path / "data"
    init_vault(data)
    assert run_cli(data, "backups").out.startswith("No backups yet")
    assert run_cli(data, "log", "--day", "2024-03-01", "--mood", "6").code == 0
    made = run_cli(data, "backup")
    assert made.code == 0 and "Backed up to" in made.out
    assert run_cli(data, "log", "--day", "2024-03-02", "--mood", "2").code == 0

    listed = run_cli(data, "backups", stdin=None)
    assert listed.code == 0
    names = [line.split()[0] for line in listed.out.splitlines()[1:] if line.strip()]
    name = next(n for n in names if n.endswith("-manual.db"))
    assert name.startswith("vault-")

    assert run_cli(data, "restore", "vault-19990101-000000-auto.db").code == 2
    assert run_cli(data, "restore", name, stdin="wrong passphrase here\n").code == 3
    restored = run_cli(data, "restore", name)
    assert restored.code == 0 and "kept as backup" in restored.out
    shown = run_cli(data, "show", "--format", "csv")
    assert "2024-03-01" in shown.out and "2024-03-02" not in shown.out
    # by path, from anywhere (e.g. a copy on a USB stick)
    elsewhere = tmp_path / "usb" / "copy.db"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes((data / "backups" / name).read_bytes())
    assert run_cli(data, "restore", str(elsewhere)).code == 0


def test_cli_reports_damaged_header_with_exit_code_4(tmp_path: Path) -> None:
    data = tmp_path / "data"
    init_vault(data)
    assert run_cli(data, "backup").code == 0
    vault_path = data / "vault.db"
    raw = bytearray(vault_path.read_bytes())
    raw[1000] ^= 0x01
    vault_path.write_bytes(bytes(raw))
    damaged = run_cli(data, "show")
    assert damaged.code == 4 and "selfcare-app restore vault-" in damaged.err
    assert run_cli(data, "show", stdin="wrong passphrase here\n").code == 3
    assert os.path.getsize(vault_path) % 4096 == 0


def test_rotation_keeps_the_manual_backup_made_in_the_same_second(tmp_path: Path) -> None:
    from datetime import datetime

    from selfcare_app.data.backups import Backup, plan_rotation

    stamp = datetime(2026, 11, 25, 9, 0, 0)
    auto = Backup(tmp_path / "vault-20261125-090000-auto.db", stamp, "auto")
    manual = Backup(tmp_path / "vault-20261125-090000-manual.db", stamp, "manual")
    for order in ([auto, manual], [manual, auto]):
        keep, prune = plan_rotation(order)
        assert keep == [manual] and prune == [auto]
