"""Shared test helpers: run the real CLI in a subprocess against a tmp data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PASS = "correct horse battery"


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_cli(data_dir: Path, *args: str, stdin: str | None = PASS + "\n",
            today: str | None = None, env: dict[str, str] | None = None,
            timeout: float = 120) -> CliResult:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("SELFCARE_")}
    full_env["PYTHONDONTWRITEBYTECODE"] = "1"
    if today:
        full_env["SELFCARE_TODAY"] = today
    if env:
        full_env.update(env)
    proc = subprocess.run(
        [sys.executable, "-m", "selfcare_app", "--data-dir", str(data_dir), *args],
        input=stdin, capture_output=True, text=True, env=full_env, timeout=timeout,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def init_vault(data_dir: Path, passphrase: str = PASS) -> None:
    result = run_cli(data_dir, "init", stdin=passphrase + "\n")
    assert result.code == 0, result.err
