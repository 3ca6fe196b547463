"""Command-line front end (DESIGN.md §8): a public contract that scripts and tests rely on.

Exit codes: 0 ok, 1 unexpected error, 2 invalid usage or value, 3 wrong passphrase,
4 vault missing, damaged or too new, 5 import file invalid, 6 vault in use by another Selfcare
window or command (after waiting; try again later). Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from typing import NoReturn

from selfcare_app import __version__

# Re-exported: scripts and older code import these from here (the command modules must not).
from selfcare_app.commands.context import (
    EXIT_BUSY,
    EXIT_IMPORT_INVALID,
    EXIT_OK,
    EXIT_UNEXPECTED,
    EXIT_USAGE,
    EXIT_VAULT,
    EXIT_WRONG_PASSPHRASE,
    Context,
    ImportInvalid,
    UsageError,
)
from selfcare_app.core.entry import EntryValidationError
from selfcare_app.data.errors import PassphraseRejected, VaultError
from selfcare_app.i18n import _
from selfcare_app.paths import resolve

__all__ = [
    "EXIT_BUSY", "EXIT_IMPORT_INVALID", "EXIT_OK", "EXIT_UNEXPECTED", "EXIT_USAGE", "EXIT_VAULT",
    "EXIT_WRONG_PASSPHRASE", "Context", "ImportInvalid", "UsageError", "build_parser", "main",
]

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


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, "selfcare-app: " + _("error: {message} (see --help)").format(
            message=message) + "\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="selfcare-app",
        description=_("Selfcare: a private, encrypted burnout-awareness diary. "
                      "With no command, opens the desktop app."),
    )
    parser.add_argument("--version", action="version", version=f"selfcare-app {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help=_("folder holding the vault (default: your user data folder, "
                               "or $SELFCARE_DATA_DIR)"))
    parser.add_argument("--background", action="store_true",
                        help=_("open the desktop app locked in the system tray (used at login)"))
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
        sys.stderr.write("selfcare-app: " + _("note: {text}").format(text=text) + "\n")
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
        return _fail(_("The input is not valid UTF-8 text; nothing was changed."), EXIT_USAGE)
    except KeyboardInterrupt:
        return _fail(_("interrupted; nothing more was changed."), EXIT_UNEXPECTED)
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        return _fail(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), EXIT_UNEXPECTED)
    except Exception as exc:  # noqa: BLE001 - last resort: one line, no traceback, no user data
        return _fail(_("unexpected error ({kind}); nothing more was changed.").format(
            kind=type(exc).__name__), EXIT_UNEXPECTED)
