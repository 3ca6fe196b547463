"""`pack from-csv` and `pack check`: tools for a counseling centre preparing a campus pack.

Neither needs a vault or a passphrase. Exit codes: 0 fine, 5 the file is not a valid pack (or the
spreadsheet has problems; nothing written, or `pack check --strict` found warnings). Exit 6 stays
what it means everywhere else: a vault in use (DESIGN §8).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from selfcare_app.atomic import atomic_write
from selfcare_app.clock import today
from selfcare_app.commands.context import EXIT_IMPORT_INVALID, EXIT_OK, Context, UsageError
from selfcare_app.i18n import _, ngettext

EXIT_PACK_WARNINGS = EXIT_IMPORT_INVALID  # --strict: a warning fails the check


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("pack", help=_("make and check campus resource packs (for counseling "
                                      "centres)"))
    actions = p.add_subparsers(dest="pack_command", metavar="ACTION")
    actions.required = True

    c = actions.add_parser("from-csv", help=_("turn a spreadsheet (CSV, one row per resource) "
                                              "into a resource pack"))
    c.add_argument("file", metavar="FILE.csv")
    c.add_argument("--campus", required=True, metavar="NAME", help=_("the institution's name"))
    c.add_argument("--updated", required=True, metavar="YYYY-MM-DD",
                   help=_("the pack's date; next term's edition may be dated ahead"))
    c.add_argument("-o", "--output", required=True, metavar="PACK.json")
    c.set_defaults(func=cmd_from_csv)

    k = actions.add_parser("check", help=_("check a pack before sending it to students"))
    k.add_argument("file", metavar="PACK.json")
    k.add_argument("--strict", action="store_true",
                   help=_("treat warnings as failures (exit code {code})").format(
                       code=EXIT_PACK_WARNINGS))
    k.set_defaults(func=cmd_check)


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def cmd_from_csv(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.core.pack_csv import MAX_CSV_BYTES, pack_from_csv
    from selfcare_app.core.resource_pack import pack_to_json, pack_warnings
    from selfcare_app.core.strict_reader import TooLarge, Unreadable, read_capped

    path = Path(args.file).expanduser()
    out = Path(args.output).expanduser()
    if not path.is_file():
        raise UsageError(_("No file at {path}.").format(path=path))
    try:  # core.strict_reader: refused by its size before it is read
        raw = read_capped(path, MAX_CSV_BYTES)
    except TooLarge as exc:
        _err("selfcare-app: " + _("{file}: the file is too large ({size} MB); at most {limit} "
                                  "MB. No pack was written.").format(
            file=path.name, size=f"{exc.size / 1_048_576:.1f}",
            limit=MAX_CSV_BYTES // 1_048_576))
        return EXIT_IMPORT_INVALID
    except Unreadable as exc:
        raise UsageError(_("{path} can't be read ({problem}).").format(
            path=path, problem=exc.detail)) from None
    result = pack_from_csv(raw, args.campus, args.updated, today() + timedelta(days=1))
    if result.pack is None:
        _err("selfcare-app: " + ngettext(
            "{file} ({encoding}): {count} problem; no pack was written.",
            "{file} ({encoding}): {count} problems; no pack was written.",
            len(result.problems)).format(file=path.name, encoding=result.encoding,
                                         count=len(result.problems)))
        for problem in result.problems:
            _err(problem)
        return EXIT_IMPORT_INVALID
    if not out.parent.is_dir():
        raise UsageError(_("The folder {folder} doesn't exist; no pack was written.").format(
            folder=out.parent))
    text = json.dumps(pack_to_json(result.pack), ensure_ascii=False, indent=2) + "\n"
    atomic_write(out, text.encode("utf-8"))
    pack = result.pack
    ctx.print(ngettext(
        "Wrote {file}: {campus}, dated {day}, {count} resource from {source} (read as "
        "{encoding}).",
        "Wrote {file}: {campus}, dated {day}, {count} resources from {source} (read as "
        "{encoding}).", len(pack.resources)).format(
            file=out.name, campus=pack.campus, day=pack.updated.isoformat(),
            count=len(pack.resources), source=path.name, encoding=result.encoding))
    _print_warnings(ctx, pack_warnings(pack, today()), result.rows)
    return EXIT_OK


def cmd_check(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.core.resource_pack import PackInvalid, load_pack, pack_warnings

    path = Path(args.file).expanduser()
    try:
        pack = load_pack(path, today() + timedelta(days=1))
    except PackInvalid as exc:
        _err(f"selfcare-app: {path.name}: {exc}")
        for line in exc.lines():
            _err(line)
        return EXIT_IMPORT_INVALID
    crisis = sum(1 for r in pack.resources if r.data.category == "crisis")
    timed = sum(1 for r in pack.resources if r.data.schedule)
    ctx.print(ngettext(
        "{file} is a valid resource pack (format version {version}): {campus}, dated {day}, "
        "{count} resource, {crisis} crisis, {timed} with calendar times.",
        "{file} is a valid resource pack (format version {version}): {campus}, dated {day}, "
        "{count} resources, {crisis} crisis, {timed} with calendar times.",
        len(pack.resources)).format(file=path.name, version=pack.version, campus=pack.campus,
                                    day=pack.updated.isoformat(), count=len(pack.resources),
                                    crisis=crisis, timed=timed))
    warnings = pack_warnings(pack, today())
    _print_warnings(ctx, warnings, None)
    if warnings and args.strict:
        _err("selfcare-app: " + ngettext("{count} warning with --strict.",
                                         "{count} warnings with --strict.",
                                         len(warnings)).format(count=len(warnings)))
        return EXIT_PACK_WARNINGS
    return EXIT_OK


def _print_warnings(ctx: Context, warnings: list[Any], rows: list[int] | None) -> None:
    if not warnings:
        ctx.print(_("No warnings."))
        return
    ctx.print(ngettext("{count} warning (the pack works; worth fixing before sending it):",
                       "{count} warnings (the pack works; worth fixing before sending it):",
                       len(warnings)).format(count=len(warnings)))
    for warning in warnings:
        where = str(warning.path)
        if rows is not None and where.startswith("$.resources["):
            index = int(where[len("$.resources["):].split("]", 1)[0])
            where = _("row {number}").format(number=rows[index]) if index < len(rows) else where
        ctx.print(f"  {where}: {warning.message}")
