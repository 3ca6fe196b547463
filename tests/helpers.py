"""Shared test helpers: run the real CLI against a tmp data folder.

`run_cli` calls `selfcare_app.cli.main(argv)` in this process with its own stdin, stdout,
stderr and environment, so a CLI test costs what the command costs (mostly the key derivation
when it opens the vault) instead of a Python start-up as well. `run_cli_subprocess` is the same
contract through a real `python -m selfcare_app` process: keep it for what only a process shows
(the entry point, interpreter flags, a vault lock held by *another* process, crashes).
"""

from __future__ import annotations

import atexit
import io
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PASS = "correct horse battery"


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_cli(data_dir: Path, *args: str, stdin: str | None = PASS + "\n",
            today: str | None = None, env: dict[str, str] | None = None) -> CliResult:
    """`selfcare-app --data-dir DATA_DIR ARGS` in this process; stdin None reads as empty."""
    from selfcare_app.cli import main

    out, err = io.StringIO(), io.StringIO()
    # A binary buffer underneath, as on a real stdin: the passphrase reader uses `.buffer`.
    fake_stdin = io.TextIOWrapper(io.BytesIO((stdin or "").encode("utf-8")), encoding="utf-8")
    with cli_environment(today, env), _streams(fake_stdin, out, err):
        try:
            code = main(["--data-dir", str(data_dir), *args])
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            code = _exit_code(exc, err)
    return CliResult(code, out.getvalue(), err.getvalue())


def run_cli_subprocess(data_dir: Path, *args: str, stdin: str | None = PASS + "\n",
                       today: str | None = None, env: dict[str, str] | None = None,
                       timeout: float = 120) -> CliResult:
    """The same through `python -m selfcare_app` (stdin None: inherited, as from a terminal)."""
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
    """An empty vault in `data_dir`, as `init` makes it. With the usual passphrase it is a copy
    of one made once per test run: `init` derives the key twice (~0.5 s), a copy costs nothing
    (tests of `init` itself run the command)."""
    if passphrase != PASS:
        result = run_cli(data_dir, "init", stdin=passphrase + "\n")
        assert result.code == 0, result.err
        return
    vault = data_dir / "vault.db"
    assert not vault.exists(), vault
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    shutil.copyfile(_empty_vault(), vault)
    os.chmod(vault, 0o600)


_TEMPLATE: list[Path] = []


def _empty_vault() -> Path:
    if not _TEMPLATE:
        from selfcare_app.data.vault import Vault

        folder = Path(tempfile.mkdtemp(prefix="selfcare-template-"))
        atexit.register(shutil.rmtree, folder, True)
        Vault.create(folder / "vault.db", PASS).close()
        _TEMPLATE.append(folder / "vault.db")
    return _TEMPLATE[0]


@contextmanager
def cli_environment(today: str | None = None,
                    env: dict[str, str] | None = None) -> Iterator[None]:
    """The environment a CLI process would get (no inherited SELFCARE_* variables; the pinned
    day and `env` on top), restored afterwards; the language is re-read on entry and exit so
    a LANGUAGE in `env` applies to this call only."""
    from selfcare_app import i18n

    wanted = {k: v for k, v in os.environ.items() if not k.startswith("SELFCARE_")}
    if today:
        wanted["SELFCARE_TODAY"] = today
    wanted.update(env or {})
    saved = dict(os.environ)
    umask = os.umask(0o022)  # make_private() sets the process-wide umask: give it back after
    os.umask(umask)
    _set_environ(wanted)
    i18n.set_language(None)
    try:
        yield
    finally:
        _set_environ(saved)
        os.umask(umask)
        i18n.set_language(None)


def _set_environ(wanted: dict[str, str]) -> None:
    for key in [k for k in os.environ if k not in wanted]:
        del os.environ[key]
    for key, value in wanted.items():
        if os.environ.get(key) != value:
            os.environ[key] = value


@contextmanager
def _streams(stdin: io.TextIOBase, stdout: io.StringIO, stderr: io.StringIO) -> Iterator[None]:
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved


def _exit_code(exc: SystemExit, err: io.StringIO) -> int:
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    err.write(f"{exc.code}\n")  # what the interpreter prints for sys.exit("text")
    return 1
