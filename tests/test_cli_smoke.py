"""What only a real process shows: the entry points, exit codes and one-line errors as a shell
sees them, a vault locked by another process, the language taken from the environment.

Every other CLI test calls `cli.main` in-process (tests/helpers.py `run_cli`); these few keep
the contract honest end to end, so keep them few: each costs a Python start-up.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import PASS, cli_environment, init_vault, run_cli, run_cli_subprocess


def _one_clean_line(err: str) -> bool:
    return len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_python_m_help_and_the_installed_script() -> None:
    r = subprocess.run([sys.executable, "-m", "selfcare_app", "--help"], capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.startswith("usage: selfcare-app")
    assert "checkin" in r.stdout and "signals" in r.stdout
    script = Path(sys.executable).with_name("selfcare-app" + (".exe" if os.name == "nt" else ""))
    if not script.exists():
        pytest.skip("the selfcare-app script is not installed in this environment")
    r = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.startswith("selfcare-app ")


def test_exit_codes_through_a_process(tmp_path: Path) -> None:
    missing = run_cli_subprocess(tmp_path, "show")
    assert missing.code == 4 and _one_clean_line(missing.err)
    assert missing.err.startswith("selfcare-app: No vault found")
    usage = run_cli_subprocess(tmp_path, "log", "--stress", "eleven", stdin=None)
    assert usage.code == 2 and _one_clean_line(usage.err)
    init_vault(tmp_path)
    wrong = run_cli_subprocess(tmp_path, "show", stdin="not the passphrase\n")
    assert wrong.code == 3 and _one_clean_line(wrong.err)
    assert "not the passphrase" not in wrong.err + wrong.out
    ok = run_cli_subprocess(tmp_path, "log", "--day", "2026-11-20", "--mood", "6",
                            today="2026-11-25")
    assert ok.code == 0 and ok.out.startswith("Saved 2026-11-20") and ok.err == ""


def test_a_vault_held_by_another_process_is_busy(tmp_path: Path) -> None:
    """This process holds the lock, so the command must run in a process of its own (in
    here the lock is re-entrant and would simply be taken again)."""
    from selfcare_app.data.vault_lock import release, try_acquire

    init_vault(tmp_path)
    vault = tmp_path / "vault.db"
    before = vault.read_bytes()
    assert try_acquire(vault)
    try:
        r = run_cli_subprocess(tmp_path, "delete-everything", "--confirm", "DELETE", stdin=None)
    finally:
        release(vault)
    assert r.code == 6 and _one_clean_line(r.err)
    assert "in use by another Selfcare window or command" in r.err
    assert vault.read_bytes() == before


def test_language_comes_from_the_environment(tmp_path: Path) -> None:
    """LANGUAGE=en@pseudo picks the pseudo catalog in a fresh process: the error is the
    catalog's text for that message (pseudo once it is wrapped), still one clean line."""
    from selfcare_app import i18n
    from selfcare_app.data.errors import VaultMissingError

    r = run_cli_subprocess(tmp_path, "show", env={"LANGUAGE": "en@pseudo"})
    assert r.code == 4 and _one_clean_line(r.err)
    with cli_environment(env={"LANGUAGE": "en@pseudo"}):
        assert i18n.language() == "en@pseudo"
        expected = str(VaultMissingError(tmp_path.resolve() / "vault.db"))
    assert r.err == f"selfcare-app: {expected}\n"
    assert i18n.language() is None  # the in-process helper leaves no language behind


def test_in_process_runs_leave_nothing_behind(tmp_path: Path) -> None:
    """run_cli restores what a command changes process-wide: environment, umask, streams."""
    env, umask, streams = dict(os.environ), os.umask(0o022), (sys.stdin, sys.stdout, sys.stderr)
    os.umask(umask)
    init_vault(tmp_path)
    r = run_cli(tmp_path, "show", today="2026-11-25", env={"LANGUAGE": "en@pseudo"})
    assert r.code == 0, r.err
    assert dict(os.environ) == env and (sys.stdin, sys.stdout, sys.stderr) == streams
    assert os.umask(umask) == umask  # make_private() set 077 inside the call
    assert run_cli(tmp_path, "show", stdin=PASS + "\n").code == 0
