"""The vault against real SQLCipher files: settings, errors, migrations, repositories."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
import sqlcipher3

from selfcare_app.core.entry import DailyEntry
from selfcare_app.data.errors import (
    DamagedVaultError,
    PassphraseRejected,
    UnencryptedFileError,
    VaultClosedError,
    VaultExistsError,
    VaultMissingError,
    VaultTooNewError,
    WrongPassphraseError,
)
from selfcare_app.data.migrations import SCHEMA_VERSION
from selfcare_app.data.vault import Vault

PASS = "correct horse battery"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_every_connection_setting_is_applied(vault: Vault) -> None:
    assert vault.pragma("journal_mode") == "wal"
    assert vault.pragma("synchronous") == 2
    assert vault.pragma("temp_store") == 2
    assert vault.pragma("secure_delete") == 1
    assert vault.pragma("foreign_keys") == 1
    assert str(vault.pragma("cipher_memory_security")) == "1"
    assert str(vault.pragma("cipher_version")).startswith("4.")
    assert vault.pragma("user_version") == SCHEMA_VERSION


def test_file_on_disk_is_encrypted_and_holds_no_plaintext(vault: Vault, vault_path: Path) -> None:
    vault.entries.upsert(DailyEntry(day=date(2026, 1, 5), mood=4, note="CANARY-ülk-7731"))
    vault.close()
    data = vault_path.read_bytes()
    assert not data.startswith(b"SQLite format 3")
    assert b"CANARY" not in data and "CANARY".encode("utf-16-le") not in data
    assert listing(vault_path.parent) == ["vault.db"]  # WAL checkpointed away on close


def test_reopen_with_nfd_form_of_the_passphrase(vault_path: Path) -> None:
    import unicodedata

    Vault.create(vault_path, "über grüne Äpfel").close()
    Vault.open(vault_path, unicodedata.normalize("NFD", "über grüne Äpfel")).close()


def test_create_refuses_an_existing_file_even_if_empty(tmp_path: Path) -> None:
    path = tmp_path / "vault.db"
    path.write_bytes(b"")
    with pytest.raises(VaultExistsError):
        Vault.create(path, PASS)
    assert path.read_bytes() == b""


def test_empty_passphrase_refused_before_keying(vault_path: Path) -> None:
    with pytest.raises(PassphraseRejected):
        Vault.create(vault_path, "")
    assert not vault_path.parent.exists() or listing(vault_path.parent) == []


def test_wrong_passphrase_leaves_file_byte_for_byte_unchanged(vault: Vault,
                                                               vault_path: Path) -> None:
    vault.entries.upsert(DailyEntry(day=date(2026, 1, 5), mood=4))
    vault.close()
    before, files = sha(vault_path), listing(vault_path.parent)
    for wrong in ("correct horse batterY", "correct horse battery ", "x" * 1000, "it's \"q\""):
        with pytest.raises(WrongPassphraseError):
            Vault.open(vault_path, wrong)
    assert sha(vault_path) == before
    assert listing(vault_path.parent) == files


@pytest.mark.parametrize("content,error", [
    (b"", DamagedVaultError),
    (b"\x00" * 5000, DamagedVaultError),
    (b"SQLite format 3\x00" + b"\x00" * 4080, UnencryptedFileError),
])
def test_damaged_files_are_never_opened_as_new(tmp_path: Path, content: bytes,
                                               error: type[Exception]) -> None:
    path = tmp_path / "vault.db"
    path.write_bytes(content)
    with pytest.raises(error):
        Vault.open(path, PASS)
    assert path.read_bytes() == content
    assert listing(tmp_path) == ["vault.db"]


def test_missing_vault(tmp_path: Path) -> None:
    with pytest.raises(VaultMissingError):
        Vault.open(tmp_path / "vault.db", PASS)
    assert listing(tmp_path) == []


def test_vault_newer_than_the_app_is_refused_untouched(vault: Vault, vault_path: Path) -> None:
    vault.connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    vault.close()
    before = sha(vault_path)
    with pytest.raises(VaultTooNewError, match="newer version"):
        Vault.open(vault_path, PASS)
    assert sha(vault_path) == before


def test_older_vault_is_migrated_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "vault.db"
    con = sqlcipher3.connect(str(path))
    con.execute("PRAGMA key = 'correct horse battery'")
    con.execute("CREATE TABLE legacy (x)")
    con.execute("PRAGMA user_version = 0")
    con.commit()
    con.close()
    with Vault.open(path, PASS) as v:
        assert v.pragma("user_version") == SCHEMA_VERSION
        v.entries.upsert(DailyEntry(day=date(2026, 1, 1), stress=3))


def test_a_vault_made_while_steps_4_and_5_were_empty_gets_them_on_open(tmp_path: Path) -> None:
    """Migration numbers 0004-0005 shipped for a while as empty reserved files: a vault made
    then is at version 5 without practices, people and schedules. Opening it adds them once,
    after a backup, and keeps what it holds."""
    from selfcare_app.data.migrations import MIGRATIONS, _statements, steps_to_repair

    path = tmp_path / "vault.db"
    con = sqlcipher3.connect(str(path))
    con.execute(f"PRAGMA key = '{PASS}'")
    for _number, sql in MIGRATIONS[:3]:
        for statement in _statements(sql):
            con.execute(statement)
    con.execute("INSERT INTO daily_entry (day, stress, tags, note, created_at, updated_at) "
                "VALUES ('2026-01-02', 4, '[]', '', '2026-01-02T10:00:00+00:00', "
                "'2026-01-02T10:00:00+00:00')")
    con.execute("PRAGMA user_version = 5")  # as the empty steps 4 and 5 left it
    con.commit()
    assert steps_to_repair(con) == [4, 5]
    con.close()
    with Vault.open(path, PASS) as v:
        assert v.pragma("user_version") == SCHEMA_VERSION
        assert steps_to_repair(v.connection) == []
        day = v.entries.get(date(2026, 1, 2))
        assert day is not None and day.stress == 4 and day.practices == ()
        v.entries.upsert(DailyEntry(day=date(2026, 1, 3), mood=5, practices=("a walk",)))
        assert v.people.list() == []
    assert list(tmp_path.glob("vault.db.before-*.bak")), "a copy is made before the repair"
    with Vault.open(path, PASS) as v:  # and it is not applied twice
        assert v.entries.get(date(2026, 1, 3)) is not None


def test_entries_repository_round_trip(vault: Vault) -> None:
    a = DailyEntry(day=date(2026, 3, 1), stress=7, sleep_hours=5.75, study_hours=11.0,
                   mood=3, energy=2, social=0, tags=("exam", "ñandú"), note="línea\nzwei 🌱")
    b = DailyEntry(day=date(2026, 3, 3), mood=6)
    vault.entries.upsert_many([b, a])
    assert vault.entries.get(a.day) == a
    assert vault.entries.range(date(2026, 3, 2), None) == [b]
    assert vault.entries.range() == [a, b]
    assert vault.entries.bounds() == (a.day, b.day)
    first = vault.entries.get(a.day)
    assert first is not None and first.created_at is not None
    vault.entries.upsert(DailyEntry(day=a.day, stress=2))
    updated = vault.entries.get(a.day)
    assert updated is not None and updated.stress == 2 and updated.mood is None
    assert updated.created_at == first.created_at
    assert vault.entries.delete(a.day) == updated
    assert vault.entries.delete(a.day) is None
    assert vault.entries.count() == 1
    assert vault.entries.search("ZWEI") == []


def test_invalid_rows_are_refused_by_the_schema_too(vault: Vault) -> None:
    from selfcare_app.data.errors import VaultError

    with pytest.raises((VaultError, sqlcipher3.IntegrityError)):
        vault.entries.upsert(DailyEntry(day=date(2026, 3, 1), sleep_hours=12, study_hours=13))
    assert vault.entries.count() == 0


def test_upsert_many_is_all_or_nothing(vault: Vault) -> None:
    good = DailyEntry(day=date(2026, 3, 1), mood=5)
    bad = DailyEntry(day=date(2026, 3, 2), stress=99)
    with pytest.raises(Exception):  # noqa: B017 - any failure must roll back the batch
        vault.entries.upsert_many([good, bad])
    assert vault.entries.count() == 0


def test_settings_have_code_defaults_and_persist(vault: Vault, vault_path: Path) -> None:
    assert vault.settings.get("auto_lock_minutes") == 5
    vault.settings.set("auto_lock_minutes", 10)
    vault.settings.set("region", "UK")
    vault.close()
    with Vault.open(vault_path, PASS) as v:
        assert v.settings.get("auto_lock_minutes") == 10
        assert v.settings.all()["region"] == "UK"


def test_closed_vault_refuses_queries(vault: Vault) -> None:
    vault.close()
    with pytest.raises(VaultClosedError):
        vault.entries.all()


def test_integrity_check_is_clean(vault: Vault) -> None:
    vault.entries.upsert(DailyEntry(day=date(2026, 3, 1), mood=5))
    assert vault.check(full=True) == []


# -- issue 13: row versions, generations, busy ---------------------------------------------


def test_every_save_raises_the_row_version_and_the_generation(vault: Vault) -> None:
    day = date(2024, 5, 1)
    assert vault.entries.get_versioned(day) == (None, 0)
    start = vault.generation
    vault.entries.upsert(DailyEntry(day=day, stress=2))
    vault.entries.upsert(DailyEntry(day=day, stress=3))
    entry, version = vault.entries.get_versioned(day)
    assert entry is not None and entry.stress == 3 and version == 2
    assert vault.generation == start + 2
    vault.settings.set("region", "DE")
    assert vault.generation == start + 3


def test_save_checked_refuses_a_stale_version_and_changes_nothing(vault: Vault) -> None:
    from selfcare_app.data.entries import EntryChangedError

    day = date(2024, 5, 2)
    vault.entries.upsert(DailyEntry(day=day, mood=4))
    stored, version = vault.entries.save_checked(DailyEntry(day=day, mood=5), 1)
    assert stored.mood == 5 and version == 2
    with pytest.raises(EntryChangedError) as info:
        vault.entries.save_checked(DailyEntry(day=day, mood=9), 1)
    assert info.value.current is not None and info.value.current.mood == 5
    assert info.value.version == 2
    assert vault.entries.get(day).mood == 5  # type: ignore[union-attr]


def test_update_reads_and_writes_in_one_transaction(vault: Vault) -> None:
    day = date(2024, 5, 3)
    vault.entries.update(day, lambda old: DailyEntry(day=day, tags=("a",)))
    vault.entries.update(day, lambda old: old.merged_with({"tags": (*old.tags, "b")}))  # type: ignore[union-attr]
    assert vault.entries.get(day).tags == ("a", "b")  # type: ignore[union-attr]


def test_each_commit_reaches_the_main_file(vault: Vault, tmp_path: Path) -> None:
    vault.entries.upsert(DailyEntry(day=date(2024, 5, 4), note="in vault.db"))
    assert vault.checkpointed
    copy = tmp_path / "copy.db"
    copy.write_bytes(vault.path.read_bytes())
    with Vault.open(copy, PASS) as other:
        assert other.entries.get(date(2024, 5, 4)) is not None


def test_a_held_write_lock_is_busy_not_damaged(vault: Vault) -> None:
    from selfcare_app.data.errors import VaultBusyError

    vault.connection.execute("PRAGMA busy_timeout = 50")  # the app waits 15 s
    other = Vault.open(vault.path, PASS, verify=False)
    try:
        other.connection.execute("BEGIN IMMEDIATE")
        with pytest.raises(VaultBusyError) as info:
            with vault.transaction() as con:
                con.execute("DELETE FROM setting")
        assert info.value.exit_code == 6
        assert "in use by another Selfcare window or command" in str(info.value)
        assert "damaged" not in str(info.value)
        assert vault.entries.count() == 0  # reading beside a writer still works
        other.connection.execute("ROLLBACK")
    finally:
        other.close()


def test_an_overlong_or_invalid_passphrase_is_refused_before_any_key(tmp_path: Path) -> None:
    from selfcare_app.core.passphrase import MAX_LENGTH

    with pytest.raises(PassphraseRejected, match="longer than"):
        Vault.create(tmp_path / "v.db", "x" * (MAX_LENGTH + 1))
    with pytest.raises(PassphraseRejected, match="UTF-8"):
        Vault.create(tmp_path / "v.db", "bad \udcff surrogate")
    assert not (tmp_path / "v.db").exists()
