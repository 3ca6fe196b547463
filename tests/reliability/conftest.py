"""Shared pieces of the reliability harnesses: sizes, child processes, vault builders, reports.

Sizes: the default run is small so CI stays fast; `SELFCARE_FULL=1` runs the sizes in
SECURITY.md §b (see docs/reliability.md).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import IO

import pytest

from tests.helpers import PASS

FULL = os.environ.get("SELFCARE_FULL") == "1"
CHILD = Path(__file__).with_name("_child.py")
REPO = Path(__file__).resolve().parents[2]


def size(small: int, full: int) -> int:
    return full if FULL else small


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> set[str]:
    """Every path under `folder`, relative, so a new or vanished file shows up (the empty
    `vault.db.lock` that restore/passwd/delete-everything leave behind is not data)."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.name != "vault.db.lock"}


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SELFCARE_")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


@dataclass
class ChildRun:
    lines: list[str]
    returncode: int
    stderr: str

    @property
    def killed(self) -> bool:
        return self.returncode == -signal.SIGKILL


def run_child(*args: str, kill_after: float | None = None, timeout: float = 120) -> ChildRun:
    """Start `_child.py ARGS`, wait for its `ready` line, then SIGKILL it after `kill_after`
    seconds (or let it finish when None).

    The child writes to an anonymous file, not a pipe: a pipe that nobody drains fills at
    64 KiB and the child would spend the kill window blocked in write() instead of in SQLite.
    The parent reads with pread, so the child's file offset is never moved.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, str(CHILD), *args], stdout=out, stderr=err,
                                env=child_env())
        deadline = time.monotonic() + timeout
        while b"\n" not in _read_all(out) and proc.poll() is None:
            if time.monotonic() > deadline:
                proc.kill()
                raise AssertionError("child did not get ready in time")
            time.sleep(0.005)
        if not _read_all(out).startswith(b"ready\n"):
            proc.wait(timeout)
            raise AssertionError(f"child did not start: {_read_all(out)!r} {_read_all(err)!r}")
        if kill_after is not None:
            time.sleep(kill_after)
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout)
        return ChildRun(_read_all(out).decode("utf-8", "replace").splitlines(),
                        proc.returncode, _read_all(err).decode("utf-8", "replace"))


def _read_all(fh: IO[bytes]) -> bytes:
    fd = fh.fileno()
    return os.pread(fd, os.fstat(fd).st_size, 0)


def calibrate(*args: str) -> float:
    """Seconds the child's operation takes when not interrupted (it prints `done SECONDS`)."""
    run = run_child(*args)
    assert run.returncode == 0, run.stderr
    done = [line for line in run.lines if line.startswith("done ")]
    assert done, run.lines
    return float(done[-1].split()[1])


def copy_dir(src: Path, dst: Path) -> Path:
    """Copy a closed (or killed) vault folder as a set: main file with its -wal/-journal."""
    shutil.copytree(src, dst)
    return dst


def make_vault(path: Path, passphrase: str = PASS, days: int = 0, note_chars: int = 40,
               start: date = date(2020, 1, 1)) -> Path:
    from selfcare_app.core.entry import DailyEntry
    from selfcare_app.data.vault import Vault

    with Vault.create(path, passphrase) as vault:
        if days:
            vault.entries.upsert_many(
                DailyEntry(day=start + timedelta(days=i), stress=i % 11,
                           note=(f"day {i} " * note_chars)[:max(note_chars, 1)])
                for i in range(days)
            )
    return path


def entry_state(vault: object) -> dict[str, tuple[object, ...]]:
    from selfcare_app.data.vault import Vault

    assert isinstance(vault, Vault)
    return {row[0]: tuple(row[1:]) for row in vault.connection.execute(
        "SELECT day, stress, sleep_hours, note, tags FROM daily_entry")}


@pytest.fixture
def report(capsys: pytest.CaptureFixture[str],
           request: pytest.FixtureRequest) -> Callable[[str], None]:
    """Print a harness's counts even when output is captured (SECURITY.md §b asks for them)."""

    def emit(text: str) -> None:
        with capsys.disabled():
            sys.stdout.write(f"\n[{request.node.name}] {text}\n")
            sys.stdout.flush()

    return emit


def count_lines(lines: Iterable[str], prefix: str) -> int:
    return sum(1 for line in lines if line.startswith(prefix))
