"""What every CLI command receives, and the errors and exit codes it may end with.

Kept apart from `selfcare_app.cli` (the front end that parses arguments and may start the
desktop app) so the command modules never reach the UI or PySide6; the import contracts in
pyproject.toml check that. Exit codes (DESIGN.md §8) are a public contract.
"""

from __future__ import annotations

import getpass
import sys
from dataclasses import dataclass, field
from typing import TextIO

from selfcare_app.core.passphrase import check_strength, split_stdin_lines
from selfcare_app.i18n import _
from selfcare_app.paths import AppPaths

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_WRONG_PASSPHRASE = 3
EXIT_VAULT = 4
EXIT_IMPORT_INVALID = 5
EXIT_BUSY = 6  # the vault is in use by another Selfcare window or command (not damaged)


class UsageError(Exception):
    """Invalid usage or value: printed as one line, exit code 2."""

    exit_code = EXIT_USAGE


class ImportInvalid(Exception):
    """An import file that failed validation: nothing was imported, exit code 5."""

    exit_code = EXIT_IMPORT_INVALID


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
            raise UsageError(_("Expected the {what} on standard input, but it ended.").format(
                what=what))
        return self._lines.pop(0)

    def _interactive(self) -> bool:
        return self.stdin.isatty()

    def passphrase(self, prompt: str | None = None) -> str:
        if self._interactive():
            return getpass.getpass(_("Passphrase: ") if prompt is None else prompt)
        return self._stdin_line(_("passphrase"))

    def new_passphrase(self, what: str | None = None) -> str:
        """Ask twice on a terminal; on stdin take the next line (and a confirming line if given).

        `what` is already translated ("new passphrase" by default)."""
        what = _("new passphrase") if what is None else what
        if self._interactive():
            first = getpass.getpass(_("{What}: ").format(What=what[:1].upper() + what[1:]))
            _require_strong(first)
            if getpass.getpass(_("Repeat the {what}: ").format(what=what)) != first:
                raise UsageError(_("The two passphrases don't match; nothing was changed."))
            return first
        first = self._stdin_line(what)
        _require_strong(first)
        if self._lines and self._lines[0] != "":
            if self._lines[0] != first:  # a confirming second line must match
                raise UsageError(_("The two passphrases don't match; nothing was changed."))
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
        raise UsageError(_("Standard input is not valid UTF-8 text; nothing was changed.")) \
            from None
    if any("\ud800" <= c <= "\udfff" for c in text):  # surrogateescape'd bytes
        raise UsageError(_("Standard input is not valid UTF-8 text; nothing was changed."))
    return split_stdin_lines(text)


def _require_strong(passphrase: str) -> None:
    strength = check_strength(passphrase)
    if not strength.acceptable:
        raise UsageError(_("Passphrase not accepted: {reason}").format(reason=strength.message))
