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
from selfcare_app.commands.context import EXIT_IMPORT_INVALID, EXIT_OK, Context, UsageError
from selfcare_app.clock import today

EXIT_PACK_WARNINGS = EXIT_IMPORT_INVALID  # --strict: a warning fails the check


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("pack", help="make and check campus resource packs (for counseling "
                                    "centres)")
    actions = p.add_subparsers(dest="pack_command", metavar="ACTION")
    actions.required = True

    c = actions.add_parser("from-csv", help="turn a spreadsheet (CSV, one row per resource) "
                                            "into a resource pack")
    c.add_argument("file", metavar="FILE.csv")
    c.add_argument("--campus", required=True, metavar="NAME", help="the institution's name")
    c.add_argument("--updated", required=True, metavar="YYYY-MM-DD",
                   help="the pack's date; next term's edition may be dated ahead")
    c.add_argument("-o", "--output", required=True, metavar="PACK.json")
    c.set_defaults(func=cmd_from_csv)

    k = actions.add_parser("check", help="check a pack before sending it to students")
    k.add_argument("file", metavar="PACK.json")
    k.add_argument("--strict", action="store_true",
                   help=f"treat warnings as failures (exit code {EXIT_PACK_WARNINGS})")
    k.set_defaults(func=cmd_check)


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def _read(path: Path, limit: int) -> bytes:
    if not path.is_file():
        raise UsageError(f"No file at {path}.")
    with path.open("rb") as fh:
        return fh.read(limit + 1)


def cmd_from_csv(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.core.pack_csv import MAX_CSV_BYTES, pack_from_csv
    from selfcare_app.core.resource_pack import pack_to_json, pack_warnings

    path = Path(args.file).expanduser()
    out = Path(args.output).expanduser()
    raw = _read(path, MAX_CSV_BYTES)
    result = pack_from_csv(raw, args.campus, args.updated, today() + timedelta(days=1))
    if result.pack is None:
        _err(f"selfcare-app: {path.name} ({result.encoding}): {len(result.problems)} "
             "problem(s); no pack was written.")
        for problem in result.problems:
            _err(problem)
        return EXIT_IMPORT_INVALID
    if not out.parent.is_dir():
        raise UsageError(f"The folder {out.parent} doesn't exist; no pack was written.")
    text = json.dumps(pack_to_json(result.pack), ensure_ascii=False, indent=2) + "\n"
    atomic_write(out, text.encode("utf-8"))
    pack = result.pack
    ctx.print(f"Wrote {out.name}: {pack.campus}, dated {pack.updated.isoformat()}, "
              f"{len(pack.resources)} resource(s) from {path.name} (read as {result.encoding}).")
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
    ctx.print(f"{path.name} is a valid resource pack (format version {pack.version}): "
              f"{pack.campus}, dated {pack.updated.isoformat()}, {len(pack.resources)} "
              f"resource(s), {crisis} crisis, {timed} with calendar times.")
    warnings = pack_warnings(pack, today())
    _print_warnings(ctx, warnings, None)
    if warnings and args.strict:
        _err(f"selfcare-app: {len(warnings)} warning(s) with --strict.")
        return EXIT_PACK_WARNINGS
    return EXIT_OK


def _print_warnings(ctx: Context, warnings: list[Any], rows: list[int] | None) -> None:
    if not warnings:
        ctx.print("No warnings.")
        return
    ctx.print(f"{len(warnings)} warning(s) (the pack works; worth fixing before sending it):")
    for warning in warnings:
        where = str(warning.path)
        if rows is not None and where.startswith("$.resources["):
            index = int(where[len("$.resources["):].split("]", 1)[0])
            where = f"row {rows[index]}" if index < len(rows) else where
        ctx.print(f"  {where}: {warning.message}")
