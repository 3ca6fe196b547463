"""Damaged-file matrix (SECURITY.md §b7) and tamper detection (§b8).

Every damaged input must give its documented error class, leave the file byte-for-byte as it
was (sha256), and create nothing at or beside that path (no new database, no sidecar files).
The classes are documented in docs/reliability.md.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import stat
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from tests.helpers import PASS
from tests.reliability.conftest import listing, make_vault, sha256, size

PAGE = 4096


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed vault of about 20 pages, with one verified backup beside it (backups/)."""
    from selfcare_app.data.backups import create_backup
    from selfcare_app.data.vault import Vault
    from selfcare_app.paths import AppPaths

    folder = tmp_path_factory.mktemp("pristine") / "data"
    make_vault(folder / "vault.db", days=30, note_chars=1500)
    with Vault.open(folder / "vault.db", PASS) as vault:
        create_backup(vault, AppPaths(folder), "auto", datetime(2024, 6, 1, 7))
    assert (folder / "vault.db").stat().st_size >= 15 * PAGE
    return folder


Mutation = Callable[[Path], None]


def truncate(n: int | Callable[[int], int]) -> Mutation:
    def mutate(p: Path) -> None:
        at = n if isinstance(n, int) else n(p.stat().st_size)
        with p.open("r+b") as fh:
            fh.truncate(at)
    return mutate


def flip(offset: int | Callable[[int], int], mask: int = 0x01) -> Mutation:
    def mutate(p: Path) -> None:
        raw = bytearray(p.read_bytes())
        at = offset if isinstance(offset, int) else offset(len(raw))
        raw[at] ^= mask
        p.write_bytes(bytes(raw))
    return mutate


def append(data: bytes) -> Mutation:
    def mutate(p: Path) -> None:
        with p.open("ab") as fh:
            fh.write(data)
    return mutate


def replace_with(make: Callable[[Path], None]) -> Mutation:
    def mutate(p: Path) -> None:
        p.unlink()
        make(p)
    return mutate


def _plaintext(p: Path) -> None:
    con = sqlite3.connect(p)
    con.execute("CREATE TABLE daily_entry (day TEXT PRIMARY KEY, note TEXT)")
    con.execute("INSERT INTO daily_entry VALUES ('2024-01-01', 'plain')")
    con.commit()
    con.close()


def _readonly(p: Path) -> None:
    p.chmod(stat.S_IRUSR)


rnd = random.Random(7)
TRUNCATIONS = [1, 15, 16, 100, 1024, PAGE - 1, PAGE, PAGE + 1, 3 * PAGE, -PAGE]
# (case id, mutation, error class name without backups, error class name with a backup)
MATRIX: list[tuple[str, Mutation, str, str]] = [
    ("zero-bytes", truncate(0), "DamagedVaultError", "DamagedVaultError"),
    *[(f"truncated-at-{n}" if n > 0 else f"truncated-{-n}-before-end",
       truncate(n if n > 0 else (lambda s, n=n: s + n)),
       "DamagedVaultError", "DamagedVaultError") for n in TRUNCATIONS],
    ("flip-salt", flip(7), "WrongPassphraseError", "DamagedHeaderError"),
    ("flip-page1-body", flip(1500), "WrongPassphraseError", "DamagedHeaderError"),
    ("flip-page1-iv", flip(PAGE - 70), "WrongPassphraseError", "DamagedHeaderError"),
    ("flip-page1-hmac", flip(PAGE - 20), "WrongPassphraseError", "DamagedHeaderError"),
    ("flip-later-page", flip(9 * PAGE + 321), "DamagedVaultError", "DamagedVaultError"),
    ("flip-last-page", flip(lambda n: n - 10), "DamagedVaultError", "DamagedVaultError"),
    ("appended-100-bytes", append(rnd.randbytes(100)), "DamagedVaultError", "DamagedVaultError"),
    ("appended-random-page", append(rnd.randbytes(PAGE)), "DamagedVaultError",
     "DamagedVaultError"),
    ("plaintext-sqlite", replace_with(_plaintext), "UnencryptedFileError",
     "UnencryptedFileError"),
    ("random-bytes", replace_with(lambda p: p.write_bytes(rnd.randbytes(5 * PAGE))),
     "WrongPassphraseError", "DamagedHeaderError"),
    ("directory", replace_with(lambda p: p.mkdir()), "DamagedVaultError", "DamagedVaultError"),
    ("read-only-file", _readonly, "StorageWriteError", "StorageWriteError"),
    ("missing", lambda p: p.unlink(), "VaultMissingError", "VaultMissingError"),
]


def _state(folder: Path) -> tuple[str | None, set[str], bool]:
    vault = folder / "vault.db"
    digest = sha256(vault) if vault.is_file() else None
    return digest, listing(folder), vault.is_dir()


@pytest.mark.parametrize("with_backup", [False, True], ids=["no-backup", "with-backup"])
def test_damaged_file_matrix(pristine: Path, tmp_path: Path, with_backup: bool,
                             report: Callable[[str], None]) -> None:
    from selfcare_app.data.errors import VaultError
    from selfcare_app.data.vault import Vault

    results: dict[str, str] = {}
    for case, mutate, plain_error, backup_error in MATRIX:
        folder = tmp_path / case
        shutil.copytree(pristine, folder)
        if not with_backup:
            shutil.rmtree(folder / "backups")
        vault_path = folder / "vault.db"
        mutate(vault_path)
        before = _state(folder)
        try:
            Vault.open(vault_path, PASS).close()
            got = "opened"
        except VaultError as exc:  # anything else is an unhandled exception: the test errors
            got = type(exc).__name__
            assert PASS not in str(exc)
        results[case] = got
        assert got == (backup_error if with_backup else plain_error), case
        assert _state(folder) == before, f"{case}: the file or its folder changed"
        if vault_path.exists() and vault_path.is_file():
            os.chmod(vault_path, 0o600)
    report(f"cases={len(MATRIX)} as_documented={len(results)} unchanged={len(results)} "
           f"new_files=0 " + " ".join(f"{k}={v}" for k, v in results.items()))


def test_damaged_header_error_offers_the_backup_that_restores(pristine: Path,
                                                              tmp_path: Path) -> None:
    from selfcare_app.data.backups import DamagedHeaderError, restore
    from selfcare_app.data.vault import Vault
    from selfcare_app.paths import AppPaths

    folder = tmp_path / "data"
    shutil.copytree(pristine, folder)
    with Vault.open(folder / "vault.db", PASS) as vault:
        expected = vault.entries.count()
    flip(1500)(folder / "vault.db")
    with pytest.raises(DamagedHeaderError) as caught:
        Vault.open(folder / "vault.db", PASS)
    restore(AppPaths(folder), caught.value.backup.path, PASS)
    with Vault.open(folder / "vault.db", PASS) as vault:
        assert vault.entries.count() == expected


def test_tamper_detection_random_byte_flips(tmp_path: Path, report: Callable[[str], None]) -> None:
    """Flip one byte at random positions of a 50-page vault: every flip is detected, by the
    open failing or by a non-empty integrity check, and no read returns altered data."""
    from selfcare_app.data.errors import VaultError
    from selfcare_app.data.vault import Vault

    flips = size(30, 200)
    base = make_vault(tmp_path / "base" / "vault.db", days=36, note_chars=4000)
    pages = base.stat().st_size // PAGE
    assert 45 <= pages <= 65, pages  # ~50 data pages plus the schema (tables grew in 0004-5)
    with Vault.open(base, PASS) as vault:
        original = [(e.day, e.note, e.stress) for e in vault.entries.all()]
    rng = random.Random(200)
    by_open = by_check = altered = 0
    work = tmp_path / "work"
    for _ in range(flips):
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        target = work / "vault.db"
        shutil.copyfile(base, target)
        flip(rng.randrange(pages * PAGE), rng.randrange(1, 256))(target)
        try:
            vault = Vault.open(target, PASS)
        except VaultError:
            by_open += 1
            continue
        with vault:
            if vault.check(full=True):
                by_check += 1
            elif [(e.day, e.note, e.stress) for e in vault.entries.all()] != original:
                altered += 1
    undetected = flips - by_open - by_check
    report(f"flips={flips} pages={pages} detected={by_open + by_check} "
           f"(open_failed={by_open}, integrity_check={by_check}) undetected={undetected} "
           f"altered_reads={altered}")
    assert by_open + by_check == flips
    assert altered == 0
