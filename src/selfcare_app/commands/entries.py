"""Foundation commands: init, log, show, check, demo."""

from __future__ import annotations

import argparse
import csv
import json
from typing import Any

from selfcare_app.clock import today
from selfcare_app.commands import date_arg, open_vault
from selfcare_app.commands.context import EXIT_OK, EXIT_VAULT, Context, UsageError
from selfcare_app.core.entry import (
    NUMERIC_FIELDS,
    DailyEntry,
    entry_to_values,
    social_label,
    validate_entry,
)
from selfcare_app.data.vault import Vault
from selfcare_app.i18n import _, ngettext


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("init", help=_("create a new encrypted vault (passphrase asked twice)"))
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("log", help=_("add or update a day (fields given are set, others kept)"))
    p.add_argument("--day", help=_("YYYY-MM-DD (default: today)"))
    p.add_argument("--stress", metavar="N", help=_("0-10"))
    p.add_argument("--sleep", metavar="H", help=_("hours slept the night before, 0-16"))
    p.add_argument("--study", metavar="H", help=_("hours of study, classes, clinical time, 0-24"))
    p.add_argument("--mood", metavar="N", help=_("0-10"))
    p.add_argument("--energy", metavar="N", help=_("0-10"))
    p.add_argument("--social", metavar="N",
                   help=_("time with people: 0 none, 1 brief, 2 meaningful"))
    p.add_argument("--tag", action="append", metavar="T", help=_("a tag (repeat for several)"))
    p.add_argument("--practice", action="append", metavar="NAME",
                   help=_("a self-care practice you did, e.g. 'a walk' (repeat for several; "
                          "see 'practices list')"))
    p.add_argument("--note", metavar="TEXT", help=_("a private note"))
    p.set_defaults(func=cmd_log)

    p = sub.add_parser("show", help=_("print entries"))
    p.add_argument("--from", dest="start", metavar="D")
    p.add_argument("--to", dest="end", metavar="D")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("check", help=_("verify the vault's integrity and encryption settings"))
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("demo", help=_("create a vault filled with a realistic synthetic semester"))
    p.add_argument("--days", type=int, default=120, metavar="N",
                   help=_("days of data (default 120)"))
    p.set_defaults(func=cmd_demo)


def cmd_init(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.data.errors import VaultExistsError
    from selfcare_app.data.precheck import finish_interrupted_restore

    finish_interrupted_restore(ctx.paths.vault)
    if ctx.paths.vault.exists():
        raise VaultExistsError(ctx.paths.vault)
    passphrase = ctx.new_passphrase(_("passphrase"))
    Vault.create(ctx.paths.vault, passphrase).close()
    ctx.print(_("Created an encrypted vault at {path}").format(path=ctx.paths.vault))
    ctx.print(_("Keep your passphrase safe: it cannot be recovered if you lose it."))
    return EXIT_OK


_LOG_FIELDS = {
    "stress": "stress", "sleep": "sleep_hours", "study": "study_hours",
    "mood": "mood", "energy": "energy", "social": "social",
}


def cmd_log(args: argparse.Namespace, ctx: Context) -> int:
    day = date_arg(args.day, "--day") or today()
    changes: dict[str, Any] = {
        field: getattr(args, opt) for opt, field in _LOG_FIELDS.items()
        if getattr(args, opt) is not None
    }
    if args.tag is not None:
        changes["tags"] = args.tag
    if args.note is not None:
        changes["note"] = args.note
    if args.practice is not None:
        changes["practices"] = args.practice
    if not changes:
        raise UsageError(_("Nothing to log: give at least one of --stress, --sleep, --study, "
                           "--mood, --energy, --social, --tag, --practice or --note."))
    # Validate what was given before asking for the passphrase.
    validate_entry({"day": day, "note": "x", **changes}, today())

    def apply(existing: DailyEntry | None) -> DailyEntry:
        values = entry_to_values(existing) if existing else {"day": day}
        values.update(changes)
        return validate_entry(values, today())

    with open_vault(ctx) as vault:
        if "practices" in changes:
            changes["practices"] = _known_practices(changes["practices"],
                                                    vault.practices.list())
        # Read and write in one BEGIN IMMEDIATE transaction: a `log` running at the same time
        # waits, then sees this one's fields instead of overwriting them.
        entry = vault.entries.update(day, apply)
    ctx.print(_("Saved {day}: {summary}").format(day=day.isoformat(), summary=summary_line(entry)))
    return EXIT_OK


def _known_practices(given: list[str], known: tuple[str, ...]) -> list[str]:
    """Names from the student's list, spelled as in the list; an unknown name is refused."""
    by_key = {k.casefold(): k for k in known}
    out = []
    for name in given:
        key = " ".join(name.split()).casefold()
        if key not in by_key:
            raise UsageError(_("'{name}' is not in your practices ({known}); add it "
                               "with 'practices set' or in Preferences first.").format(
                                   name=name, known=", ".join(known)))
        out.append(by_key[key])
    return out


def summary_line(entry: DailyEntry) -> str:
    parts = []
    for spec in NUMERIC_FIELDS:
        value = getattr(entry, spec.name)
        if value is not None:
            shown = social_label(value) if spec.name == "social" else f"{value:g}{spec.unit}"
            parts.append(f"{spec.label.lower()} {shown}")
    if entry.tags:
        parts.append(_("tags {tags}").format(tags=", ".join(entry.tags)))
    if entry.practices:
        parts.append(_("practices {names}").format(names=", ".join(entry.practices)))
    if entry.note:
        parts.append(_("note"))
    return "; ".join(parts)


def entry_json(entry: DailyEntry) -> dict[str, Any]:
    return {
        "day": entry.day.isoformat(),
        **{spec.name: getattr(entry, spec.name) for spec in NUMERIC_FIELDS},
        "tags": list(entry.tags),
        "practices": list(entry.practices),
        "note": entry.note,
    }


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    start, end = date_arg(args.start, "--from"), date_arg(args.end, "--to")
    if start and end and start > end:
        raise UsageError(_("--from {start} is after --to {end}.").format(start=start, end=end))
    with open_vault(ctx) as vault:
        entries = vault.entries.range(start, end)
    if args.format == "json":
        ctx.stdout.write(json.dumps([entry_json(e) for e in entries], ensure_ascii=False,
                                    indent=2) + "\n")
    elif args.format == "csv":
        writer = csv.writer(ctx.stdout, lineterminator="\n")
        writer.writerow(["day", *(s.name for s in NUMERIC_FIELDS), "tags", "note", "practices"])
        for e in entries:
            row = entry_json(e)
            writer.writerow([row["day"], *("" if row[s.name] is None else row[s.name]
                                           for s in NUMERIC_FIELDS),
                             ";".join(e.tags), e.note, ";".join(e.practices)])
    else:
        _print_table(ctx, entries)
    return EXIT_OK


def _print_table(ctx: Context, entries: list[DailyEntry]) -> None:
    if not entries:
        ctx.print(_("No entries in this range."))
        return
    header = f"{_('day'):<10}  {_('stress'):>6}  {_('sleep'):>5}  {_('study'):>5}  " \
             f"{_('mood'):>4}  {_('energy'):>6}  {_('social'):<10}  {_('tags / note')}"
    ctx.print(header)
    ctx.print("-" * len(header))

    def cell(v: float | None, width: int) -> str:
        return f"{'' if v is None else f'{v:g}':>{width}}"

    for e in entries:
        extra = ", ".join((*e.tags, *e.practices))
        if e.note:
            first = e.note.splitlines()[0] if e.note.strip() else ""
            extra = (extra + " | " if extra else "") + (first[:40] + ("…" if len(first) > 40
                                                                       else ""))
        social = "" if e.social is None else social_label(e.social)
        ctx.print(f"{e.day.isoformat():<10}  {cell(e.stress, 6)}  {cell(e.sleep_hours, 5)}  "
                  f"{cell(e.study_hours, 5)}  {cell(e.mood, 4)}  {cell(e.energy, 6)}  "
                  f"{social:<10}  {extra}")
    ctx.print(ngettext("{count} day", "{count} days", len(entries)).format(count=len(entries)))


def cmd_check(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.commands import vault_notices

    with open_vault(ctx) as vault:
        problems = vault.check(full=True)
        count = vault.entries.count()
        notices = vault_notices(vault, ctx)
        settings = {
            "cipher": vault.pragma("cipher_version"),
            "journal_mode": vault.pragma("journal_mode"),
            "synchronous": vault.pragma("synchronous"),
            "temp_store": vault.pragma("temp_store"),
        }
    if problems:
        ctx.print(_("Problems found ({count}):").format(count=len(problems)))
        for p in problems[:20]:
            ctx.print(f"  {p}")
        return EXIT_VAULT
    ctx.print(ngettext(
        "OK: {count} entry; integrity and page authentication checks passed; SQLCipher "
        "{cipher}, journal {journal}, synchronous {synchronous}, temp store in memory "
        "({in_memory}).",
        "OK: {count} entries; integrity and page authentication checks passed; SQLCipher "
        "{cipher}, journal {journal}, synchronous {synchronous}, temp store in memory "
        "({in_memory}).", count).format(
            count=count, cipher=settings["cipher"], journal=settings["journal_mode"],
            synchronous=settings["synchronous"], in_memory=settings["temp_store"] == 2))
    for text in notices:  # also on stderr from open_vault; here as part of the report
        ctx.print(_("Note: {text}").format(text=text))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.core.demo import semester

    if not 14 <= args.days <= 3650:
        raise UsageError(_("--days must be from 14 to 3650; you gave {days}.").format(
            days=args.days))
    entries = semester(today(), args.days)
    if ctx.paths.vault.exists():
        vault = open_vault(ctx)
        known = {e.day for e in vault.entries.all()}
        entries = [e for e in entries if e.day not in known]
    else:
        vault = Vault.create(ctx.paths.vault, ctx.new_passphrase(_("passphrase")))
    with vault:
        vault.entries.upsert_many(entries)
        populate_demo_extras(vault)
    ctx.print(ngettext("Demo vault at {path}: added {count} synthetic day ending {day}.",
                       "Demo vault at {path}: added {count} synthetic days ending {day}.",
                       len(entries)).format(path=ctx.paths.vault, count=len(entries),
                                            day=today().isoformat()))
    return EXIT_OK


def populate_demo_extras(vault: Vault) -> None:
    """Hook for later capabilities (self-checks, resources) to add demo data."""
    from selfcare_app.commands.selfchecks import add_demo_selfchecks

    add_demo_selfchecks(vault)
    _add_demo_pack(vault)


def _add_demo_pack(vault: Vault) -> None:
    """The sample campus pack, so the Resources page shows what a campus can provide."""
    from importlib import resources

    from selfcare_app.core.resource_pack import parse_pack

    if vault.resources.packs():
        return
    raw = resources.files("selfcare_app.resources").joinpath(
        "packs", "sample-university.json").read_bytes()
    vault.resources.import_pack(parse_pack(raw, today()))
