"""Durability configuration audit (SECURITY.md §b4).

Every connection the app makes to the vault reports WAL, synchronous FULL (2), temp store in
memory (2) and SQLCipher memory wiping on (1); 100 commits issue at least 100 fsyncs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from tests.helpers import PASS
from tests.reliability.conftest import CHILD, child_env, make_vault

EXPECTED = {"journal_mode": "wal", "synchronous": 2, "temp_store": 2,
            "cipher_memory_security": 1, "secure_delete": 1, "foreign_keys": 1}


def _settings(vault: object) -> dict[str, object]:
    from selfcare_app.data.vault import Vault

    assert isinstance(vault, Vault)
    got = {name: vault.pragma(name) for name in EXPECTED}
    got["cipher_memory_security"] = int(str(got["cipher_memory_security"]))
    return got


def test_every_vault_connection_is_durable_and_wipes_memory(
        tmp_path: Path, report: Callable[[str], None]) -> None:
    from selfcare_app.data.backups import create_backup, restore
    from selfcare_app.data.rekey import change_passphrase
    from selfcare_app.data.vault import Vault
    from selfcare_app.paths import AppPaths

    paths = AppPaths(tmp_path / "data")
    seen = {}
    with Vault.create(paths.vault, PASS) as vault:
        seen["create"] = _settings(vault)
    with Vault.open(paths.vault, PASS) as vault:
        seen["open"] = _settings(vault)
        made = create_backup(vault, paths, "manual", datetime(2024, 1, 1, 8))
        seen["open-after-backup"] = _settings(vault)
    change_passphrase(paths.vault, PASS, "durable new passphrase 6")
    with Vault.open(paths.vault, "durable new passphrase 6") as vault:
        seen["open-after-passwd"] = _settings(vault)
    restore(paths, made.path, "durable new passphrase 6")
    with Vault.open(paths.vault, "durable new passphrase 6") as vault:
        seen["open-after-restore"] = _settings(vault)
    for where, got in seen.items():
        assert got == EXPECTED, where
    report(f"connections={len(seen)} all_match={len(seen)} settings={EXPECTED}")


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_one_fsync_per_commit(tmp_path: Path, report: Callable[[str], None]) -> None:
    vault_path = make_vault(tmp_path / "data" / "vault.db")
    trace = tmp_path / "trace.txt"
    proc = subprocess.run(["strace", "-f", "-qq", "-e", "trace=fsync,fdatasync", "-o",
                           str(trace), sys.executable, str(CHILD), "commits", str(vault_path),
                           PASS, "100"], capture_output=True, text=True, env=child_env(),
                          timeout=120)
    if proc.returncode != 0 and "ptrace" in proc.stderr.lower():
        pytest.skip(f"strace can't trace here: {proc.stderr.strip()[:120]}")
    assert proc.returncode == 0, proc.stderr
    syncs = len(re.findall(r"\b(?:fsync|fdatasync)\(", trace.read_text()))
    report(f"commits=100 fsyncs={syncs}")
    assert syncs >= 100
