"""Disk full / write error (SECURITY.md §b5), simulated with RLIMIT_FSIZE in a child process."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from tests.helpers import PASS
from tests.reliability.conftest import listing, make_vault, run_child


@pytest.mark.parametrize("limit_kib", [300, 180])
def test_disk_full_while_saving_is_typed_and_loses_nothing(
        tmp_path: Path, limit_kib: int, report: Callable[[str], None]) -> None:
    from selfcare_app.data.vault import Vault

    data = tmp_path / "data"
    vault_path = make_vault(data / "vault.db")
    run = run_child("diskfull", str(vault_path), PASS, str(limit_kib * 1024), "entries")
    assert run.returncode == 0, run.stderr
    acked = [line.split()[1] for line in run.lines if line.startswith("ack ")]
    errors = [line for line in run.lines if line.startswith("error ")]
    assert errors == ["error StorageWriteError"], run.lines[-3:]
    assert f"count {len(acked)}" in run.lines  # the failed save rolled back; still usable
    assert acked
    with Vault.open(vault_path, PASS) as vault:
        stored = {e.day.isoformat(): e.note for e in vault.entries.all()}
        problems = vault.check(full=True)
    lost = [day for day in acked if day not in stored]
    assert lost == [] and problems == [] and len(stored) == len(acked)
    assert listing(data) <= {"vault.db", "vault.db-wal", "vault.db-shm"}  # no fallback files
    report(f"limit={limit_kib}KiB acknowledged={len(acked)} kept={len(acked) - len(lost)} "
           f"lost={len(lost)} error=StorageWriteError integrity_problems={len(problems)}")


def test_disk_full_during_backup_leaves_no_partial_file(tmp_path: Path) -> None:
    from selfcare_app.data.backups import create_backup
    from selfcare_app.data.vault import Vault
    from selfcare_app.paths import AppPaths

    data = tmp_path / "data"
    vault_path = make_vault(data / "vault.db", days=60, note_chars=3000)
    with Vault.open(vault_path, PASS) as vault:  # an older backup must survive untouched
        older = create_backup(vault, AppPaths(data), "auto", datetime(2024, 1, 1, 8))
    size = vault_path.stat().st_size
    run = run_child("diskfull", str(vault_path), PASS, str(size // 2), "backup")
    assert "error StorageWriteError" in run.lines, run.lines
    assert listing(data / "backups") == {older.name}

