"""Command-line front end (DESIGN.md §8): a public contract that scripts and tests rely on.

Exit codes: 0 ok, 1 unexpected error, 2 invalid usage or value, 3 wrong passphrase,
4 vault missing, damaged or too new, 5 import file invalid, 6 vault in use by another Selfcare
window or command (after waiting; try again later). Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NoReturn, TextIO

from selfcare_app import __version__
from selfcare_app.core.entry import EntryValidationError
from selfcare_app.core.passphrase import check_strength, split_stdin_lines
from selfcare_app.data.errors import PassphraseRejected, VaultError
from selfcare_app.paths import AppPaths, resolve

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_WRONG_PASSPHRASE = 3
EXIT_VAULT = 4
EXIT_IMPORT_INVALID = 5
EXIT_BUSY = 6

# Each module has register(subparsers); its commands set `func(args, ctx) -> int`.
COMMAND_MODULES: tuple[str, ...] = (
    "selfcare_app.commands.entries",
    "selfcare_app.commands.resources",
    "selfcare_app.commands.pack",
    "selfcare_app.commands.selfchecks",
    "selfcare_app.commands.exchange",
    "selfcare_app.commands.summary",
    "selfcare_app.commands.backups",
    "selfcare_app.commands.vault_admin",
    "selfcare_app.commands.signals",
    "selfcare_app.commands.insights",
)


class UsageError(Exception):
    """Invalid usage or value: printed as one line, exit code 2."""

    exit_code = EXIT_USAGE


class ImportInvalid(Exception):
    """An import file that failed validation: nothing was imported, exit code 5."""

    exit_code = EXIT_IMPORT_INVALID


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"selfcare-app: error: {message} (see --help)\n")


@dataclass
class Context:
    """What every command gets: where the vault is and how to read passphrases."""

    paths: AppPaths
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    _lines: list[str] | None = None

    def _stdin_line(self, what: str) -> str:
        if self._lines is None:
            self._lines = _read_stdin_lines(self.stdin)
        if not self._lines:
            raise UsageError(f"Expected the {what} on standard input, but it ended.")
        return self._lines.pop(0)

    def _interactive(self) -> bool:
        return self.stdin.isatty()

    def passphrase(self, prompt: str = "Passphrase: ") -> str:
        if self._interactive():
            return getpass.getpass(prompt)
        return self._stdin_line("passphrase")

    def new_passphrase(self, what: str = "new passphrase") -> str:
        """Ask twice on a terminal; on stdin take the next line (and a confirming line if given)."""
        if self._interactive():
            first = getpass.getpass(f"{what.capitalize()}: ")
            _require_strong(first)
            if getpass.getpass(f"Repeat the {what}: ") != first:
                raise UsageError("The two passphrases don't match; nothing was changed.")
            return first
        first = self._stdin_line(what)
        _require_strong(first)
        if self._lines and self._lines[0] != "":
            if self._lines[0] != first:  # a confirming second line must match
                raise UsageError("The two passphrases don't match; nothing was changed.")
            self._lines.pop(0)
        return first

    def print(self, text: str = "") -> None:
        self.stdout.write(text + "\n")


def _read_stdin_lines(stdin: TextIO) -> list[str]:
    """Lines of stdin split on "\n" only (U+2028, U+0085 … may be part of a passphrase), as
    strict UTF-8; anything else is a one-line usage error, never a traceback."""
    buffer = getattr(stdin, "buffer", None)
    try:
        text = buffer.read().decode("utf-8") if buffer is not None else stdin.read()
    except UnicodeDecodeError:
        raise UsageError("Standard input is not valid UTF-8 text; nothing was changed.") from None
    if any("\ud800" <= c <= "\udfff" for c in text):  # surrogateescape'd bytes
        raise UsageError("Standard input is not valid UTF-8 text; nothing was changed.")
    return split_stdin_lines(text)


def _require_strong(passphrase: str) -> None:
    strength = check_strength(passphrase)
    if not strength.acceptable:
        raise UsageError(f"Passphrase not accepted: {strength.message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="selfcare-app",
        description="Selfcare: a private, encrypted burnout-awareness diary. "
        "With no command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"selfcare-app {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="folder holding the vault (default: your user data folder, "
                             "or $SELFCARE_DATA_DIR)")
    parser.add_argument("--background", action="store_true",
                        help="open the desktop app locked in the system tray (used at login)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _fail(message: str, code: int) -> int:
    sys.stderr.write(f"selfcare-app: {message}\n")
    return code


def main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from selfcare_app.app import run_gui

        return run_gui(args.data_dir, background=args.background)
    ctx = Context(paths=resolve(args.data_dir))
    from selfcare_app.paths import make_private

    for text in make_private(ctx.paths):
        sys.stderr.write(f"selfcare-app: note: {text}\n")
    func: Callable[[argparse.Namespace, Context], int] = args.func
    try:
        return func(args, ctx)
    except (UsageError, ImportInvalid) as exc:
        return _fail(str(exc), exc.exit_code)
    except EntryValidationError as exc:
        return _fail(exc.one_line(), EXIT_USAGE)
    except PassphraseRejected as exc:
        return _fail(str(exc), EXIT_USAGE)
    except VaultError as exc:
        return _fail(str(exc), exc.exit_code)
    except UnicodeError:  # a passphrase or argument that isn't valid text
        return _fail("The input is not valid UTF-8 text; nothing was changed.", EXIT_USAGE)
    except KeyboardInterrupt:
        return _fail("interrupted; nothing more was changed.", EXIT_UNEXPECTED)
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        return _fail(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), EXIT_UNEXPECTED)
    except Exception as exc:  # noqa: BLE001 - last resort: one line, no traceback, no user data
        return _fail(f"unexpected error ({type(exc).__name__}); nothing more was changed.",
                     EXIT_UNEXPECTED)
