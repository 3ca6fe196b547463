"""Disk full / write error (SECURITY.md §b5), simulated with RLIMIT_FSIZE in a child process."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
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



def _cli_with_size_limit(data: Path, limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    """The real CLI in a process that can't grow any file past `limit` bytes (a full disk)."""
    def limit_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {k: v for k, v in os.environ.items() if not k.startswith("SELFCARE_")}
    return subprocess.run([sys.executable, "-m", "selfcare_app", "--data-dir", str(data), *args],
                          input=PASS + "\n", capture_output=True, text=True, env=env,
                          timeout=120, preexec_fn=limit_files)


def test_full_disk_still_reads_checks_and_exports(tmp_path: Path,
                                                  report: Callable[[str], None]) -> None:
    """Issue 13: a failed write leaves a -wal whose checkpoint can't run on a full disk; show,
    check and export elsewhere must still work and say to free space."""
    data = tmp_path / "data"
    vault_path = make_vault(data / "vault.db")
    limit = 300 * 1024
    run = run_child("diskfull", str(vault_path), PASS, str(limit), "entries")
    acked = [line.split()[1] for line in run.lines if line.startswith("ack ")]
    assert "error StorageWriteError" in run.lines and acked
    wal = Path(f"{vault_path}-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the checkpoint could not run either
    # vault.db can't grow: the WAL's pages can't be folded in by any of these commands.
    cap = vault_path.stat().st_size
    shown = _cli_with_size_limit(data, cap, "show", "--format", "json")
    assert shown.returncode == 0, shown.stderr
    days = {row["day"] for row in json.loads(shown.stdout)}
    assert set(acked) <= days
    assert "free some space" in shown.stderr
    checked = _cli_with_size_limit(data, cap, "check")
    assert checked.returncode == 0 and "OK:" in checked.stdout, checked.stderr
    elsewhere = tmp_path / "usb"
    elsewhere.mkdir()
    exported = _cli_with_size_limit(data, cap, "export", str(elsewhere / "out.csv"))
    assert exported.returncode == 0, exported.stderr
    assert (elsewhere / "out.csv").stat().st_size > 0
    report(f"full disk (RLIMIT_FSIZE={cap} B, WAL {wal.stat().st_size} B not checkpointable): "
           f"show/check/export exit 0, {len(acked)} acknowledged days all shown")
