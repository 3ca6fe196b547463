"""Data export and import: `export FILE [--format json|csv]`, and `run_import` behind the
`import` subcommand (registered in commands/resources.py, which handles campus packs itself).

`import` options this module reads from `args`: `file`, `format` (auto|json|csv|daylio),
`dry_run`, and, when the parser provides them, `on_conflict` (keep|replace|merge, default
keep) and `mood_map` ("label=value,..."); `add_import_options(parser)` adds the last two.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from selfcare_app import __version__
from selfcare_app.clock import today
from selfcare_app.commands import open_vault
from selfcare_app.commands.context import EXIT_OK, Context, ImportInvalid, UsageError
from selfcare_app.core.daylio import DEFAULT_MOOD_MAP, MoodMapError, parse_mood_map
from selfcare_app.core.exchange import (
    FORMATS,
    ImportFileError,
    OnConflict,
    RowsRejectedError,
)
from selfcare_app.core.formatting import format_integer
from selfcare_app.i18n import _, ngettext

EXPORT_FORMATS = ("json", "csv")
CONFLICT_CHOICES = tuple(p.value for p in OnConflict)
_DEFAULT_MAP_TEXT = ", ".join(f"{k} {v}" for k, v in DEFAULT_MOOD_MAP.items())


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "export", help=_("export all your data to a file (not encrypted)"),
        description=_("Write everything (JSON) or your daily entries (CSV) to FILE. The file is "
                      "not encrypted."))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", choices=EXPORT_FORMATS,
                   help=_("json (everything) or csv (daily entries); default: from the file "
                          "name's extension, else json"))
    p.set_defaults(func=cmd_export)


def add_import_options(p: argparse.ArgumentParser) -> None:
    """The options `run_import` understands beyond file/--format/--dry-run."""
    p.add_argument("--on-conflict", choices=CONFLICT_CHOICES, default="keep",
                   help=_("when a day (or record) already has different data: keep yours "
                          "(default), replace it, or merge (fill in empty fields, join notes "
                          "and tags)"))
    p.add_argument("--mood-map", metavar="LABEL=N,...",
                   help=_("Daylio: values 0-10 for mood names; defaults: {defaults}").format(
                       defaults=_DEFAULT_MAP_TEXT))


def export_format(path: Path, given: str | None) -> str:
    if given:
        return given
    return "csv" if path.suffix.lower() == ".csv" else "json"


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.data.exchange import UNENCRYPTED_WARNING, export_to_file

    path = Path(args.file).expanduser()
    fmt = export_format(path, args.format)
    if path.is_dir():
        raise UsageError(_("{path} is a folder; give a file name, e.g. {example}").format(
            path=path, example=path / ("selfcare." + fmt)))
    if not path.parent.is_dir():
        raise UsageError(_("The folder {folder} does not exist; nothing was written.").format(
            folder=path.parent))
    with open_vault(ctx) as vault:
        result = export_to_file(vault, path, fmt, __version__)
    # Translators: {days} is "1 day" / "3 days", {size} a number of bytes such as "12,345".
    text = (_("Exported everything ({days}, {size} bytes) to {path}") if fmt == "json" else
            _("Exported daily entries ({days}, {size} bytes) to {path}"))
    ctx.print(text.format(
        days=ngettext("{count} day", "{count} days", result.entries).format(count=result.entries),
        size=format_integer(result.size), path=path))
    sys.stderr.write("selfcare-app: " + _("note: {text}").format(text=_(UNENCRYPTED_WARNING))
                     + "\n")
    return EXIT_OK


def run_import(args: argparse.Namespace, ctx: Context) -> int:
    """Import a Selfcare JSON/CSV or Daylio CSV file; all or nothing, exit code 5 if invalid."""
    from selfcare_app.data.exchange import apply_import, parse_import, read_import_file

    fmt = getattr(args, "format", "auto") or "auto"
    if fmt not in FORMATS:
        raise UsageError(_("Unknown import format '{format}'; use one of {formats}.").format(
            format=fmt, formats=", ".join(FORMATS)))
    policy = OnConflict(getattr(args, "on_conflict", None) or "keep")
    mood_text = getattr(args, "mood_map", None)
    try:
        mood_map = parse_mood_map(mood_text) if mood_text else None
    except MoodMapError as exc:
        raise UsageError(str(exc)) from None
    path = Path(args.file).expanduser()
    name = path.name
    # Read and validate the whole file before asking for the passphrase.
    try:
        bundle = parse_import(read_import_file(path), fmt, today(), mood_map)
        with open_vault(ctx) as vault:
            report = apply_import(vault, bundle, policy, today(), dry_run=bool(args.dry_run))
    except RowsRejectedError as exc:
        for line in exc.lines():
            sys.stderr.write(f"  {name}: {line}\n")
        raise ImportInvalid(ngettext(
            "{file}: {count} of {total} row could not be imported (listed above); nothing was "
            "imported.",
            "{file}: {count} of {total} rows could not be imported (listed above); nothing was "
            "imported.", exc.total).format(file=name, count=len(exc.rejections),
                                           total=exc.total)) from None
    except ImportFileError as exc:
        raise ImportInvalid(f"{name}: {exc}") from None
    for line in report.lines():
        ctx.print(line)
    return EXIT_OK
