"""Secret hygiene (SECURITY.md §b13): no passphrase or canary in stderr or logs; no core dumps.

The CLI runs with faulthandler and Python's dev mode; a library session runs with DEBUG
logging on the root logger. Every error path that sees a passphrase is exercised.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.helpers import run_cli_subprocess as run_cli  # LOUD flags act at start-up
from tests.reliability.conftest import CHILD, child_env

OLD = "hygiene Passphrase 1 ✓"
NEW = "hygiene Passphrase 2 ✓"
WRONG = "hygiene Passphrase 3 ✓"
CANARY = "wren-canary-5521"
SECRETS = (OLD, NEW, WRONG, CANARY)
LOUD = {"PYTHONFAULTHANDLER": "1", "PYTHONDEVMODE": "1"}


def _leaks(text: str) -> list[str]:
    return [s for s in SECRETS if s in text or s.encode("utf-8").hex() in text]


def test_cli_stderr_never_contains_a_passphrase(tmp_path: Path,
                                                report: Callable[[str], None]) -> None:
    data = tmp_path / "data"
    steps: list[tuple[tuple[str, ...], str, int]] = [
        (("init",), f"{OLD}\n{OLD}\n", 0),
        (("log", "--day", "2024-03-01", "--stress", "3", "--note", CANARY), f"{OLD}\n", 0),
        (("show",), f"{WRONG}\n", 3),
        (("backup",), f"{WRONG}\n", 3),
        (("backup",), f"{OLD}\n", 0),
        (("passwd",), f"{WRONG}\n{NEW}\n", 3),
        (("passwd",), f"{OLD}\nweak\n", 2),
        (("passwd",), f"{OLD}\n{NEW}\n{NEW}\n", 0),
        (("show",), f"{OLD}\n", 3),
        (("restore", "missing.db"), f"{NEW}\n", 2),
        (("check",), f"{NEW}\n", 0),
    ]
    stderr_chars = 0
    for args, stdin, code in steps:
        result = run_cli(data, *args, stdin=stdin, env=LOUD)
        assert result.code == code, (args, result.err)
        assert _leaks(result.err) == [], args
        assert _leaks(result.out) == [], args
        stderr_chars += len(result.err)
    backups = sorted((data / "backups").glob("*.db"))
    restored = run_cli(data, "restore", backups[0].name, stdin=f"{WRONG}\n", env=LOUD)
    assert restored.code == 3 and _leaks(restored.err) == []
    assert stderr_chars > 0  # the failing steps did say something
    report(f"cli_runs={len(steps) + 1} stderr_chars={stderr_chars} passphrase_hits=0 "
           "canary_hits=0")


def test_cli_crash_dump_has_no_passphrase(tmp_path: Path) -> None:
    """faulthandler's dump on SIGABRT while the CLI holds a passphrase in its stdin buffer."""
    data = tmp_path / "data"
    assert run_cli(data, "init", stdin=f"{OLD}\n").code == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith("SELFCARE_")} | LOUD
    proc = subprocess.Popen([sys.executable, "-m", "selfcare_app", "--data-dir", str(data),
                             "show"], stdin=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdout=subprocess.PIPE, env=env)
    assert proc.stdin is not None
    proc.stdin.write(f"{OLD}\n".encode())
    proc.stdin.flush()  # stdin stays open: the CLI is blocked reading the rest of it
    time.sleep(1.0)
    proc.send_signal(signal.SIGABRT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGABRT
    assert b"Fatal Python error" in err  # faulthandler did write a dump
    assert OLD.encode() not in err


def test_library_session_with_debug_logging_logs_no_secret(tmp_path: Path) -> None:
    script = f"""
import logging, sys
from datetime import date, datetime
from pathlib import Path
logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)
from selfcare_app.core.entry import DailyEntry
from selfcare_app.data.backups import auto_backup, list_backups, restore
from selfcare_app.data.errors import VaultError
from selfcare_app.data.rekey import change_passphrase
from selfcare_app.data.vault import Vault
from selfcare_app.paths import AppPaths
paths = AppPaths(Path({str(tmp_path / "d")!r}))
with Vault.create(paths.vault, {OLD!r}) as v:
    v.entries.upsert(DailyEntry(day=date(2024, 1, 1), stress=2, note={CANARY!r}))
    auto_backup(v, paths, date(2024, 1, 1))
for attempt in ({WRONG!r}, "", "x\\x00y"):
    try:
        Vault.open(paths.vault, attempt)
    except (VaultError, ValueError) as exc:
        print("refused:", exc, file=sys.stderr)
change_passphrase(paths.vault, {OLD!r}, {NEW!r})
try:
    restore(paths, list_backups(paths)[0].path, {WRONG!r})
except VaultError as exc:
    print("refused:", exc, file=sys.stderr)
restore(paths, list_backups(paths)[0].path, {NEW!r})
print("finished", file=sys.stderr)
"""
    proc = subprocess.run([sys.executable, "-X", "dev", "-c", script], capture_output=True,
                          text=True, env=child_env() | {"PYTHONFAULTHANDLER": "1"}, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "refused:" in proc.stderr and "finished" in proc.stderr
    assert _leaks(proc.stderr + proc.stdout) == []


def test_harden_process_turns_core_dumps_off() -> None:
    run = run_child_plain("harden")
    facts = json.loads(run)
    assert facts["core"] == [0, 0]
    assert facts["dumpable"] == 0


def run_child_plain(*args: str) -> str:
    proc = subprocess.run([sys.executable, str(CHILD), *args], capture_output=True, text=True,
                          env=child_env(), timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip().splitlines()[-1]
