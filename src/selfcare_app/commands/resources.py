"""Resources commands: `resources`, `region`, and `import` (campus packs; other formats are
handed to `selfcare_app.commands.exchange.run_import` when that module exists).

`import` lives here so there is exactly one `import` subcommand: a file that declares
`"format": "selfcare-resource-pack"` (or `--format pack`) is a campus pack; json, csv and
daylio files go to the exchange module.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from selfcare_app.clock import today
from selfcare_app.commands import open_vault
from selfcare_app.commands.context import EXIT_IMPORT_INVALID, EXIT_OK, Context, UsageError
from selfcare_app.core.crisis import CrisisLine, lines_for, normalize_region, region_name, regions
from selfcare_app.core.pack_csv import RESOURCE_LIST_HINT, looks_like_resource_list
from selfcare_app.core.resource import CATEGORIES, Resource, category_label, is_stale
from selfcare_app.core.resource_pack import PackInvalid, load_pack, looks_like_pack
from selfcare_app.i18n import _, ngettext

IMPORT_FORMATS = ("auto", "pack", "json", "csv", "daylio")
EXCHANGE_MODULE = "selfcare_app.commands.exchange"


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("resources", help=_("list crisis lines for your region and your resources"))
    p.add_argument("--category", choices=CATEGORIES, help=_("only this category"))
    p.add_argument("--search", metavar="TEXT", help=_("only resources matching every word"))
    p.add_argument("--region", metavar="CODE",
                   help=_("crisis lines for this region this time ({codes})").format(
                       codes=region_codes()))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_resources)
    actions = p.add_subparsers(dest="resources_action", metavar="ACTION",
                               help=_("with no action, list them"))
    r = actions.add_parser("remove-pack", help=_("remove a campus pack and its resources (your "
                                                 "own contacts stay)"))
    r.add_argument("campus", metavar="CAMPUS", help=_("the campus name, as 'resources' shows it"))
    r.set_defaults(func=cmd_remove_pack)
    c = actions.add_parser("calendar", help=_("write a resource's meeting times as a calendar "
                                              "file (.ics)"))
    c.add_argument("id", type=int, metavar="ID", help=_("the resource id 'resources' shows"))
    c.add_argument("-o", "--output", required=True, metavar="FILE.ics")
    c.set_defaults(func=cmd_calendar)

    p = sub.add_parser("region", help=_("show or set your region for crisis lines"))
    p.add_argument("code", nargs="?", metavar="CODE", help=region_codes())
    p.set_defaults(func=cmd_region)

    p = sub.add_parser("import", help=_("import a campus resource pack or your data "
                                        "(json, csv, Daylio csv)"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", choices=IMPORT_FORMATS, default="auto",
                   help=_("auto (default) detects a resource pack by its \"format\" field"))
    p.add_argument("--dry-run", action="store_true",
                   help=_("check the file and report what would change, without changing "
                          "anything"))
    p.add_argument("--show-on-lock-screen", action="store_true",
                   help=_("campus packs: also show the campus's crisis lines while the app is "
                          "locked (kept in a small file outside the vault)"))
    p.add_argument("--keep-favourites", action="store_true",
                   help=_("campus packs: keep favourites the new edition drops, as your own "
                          "contacts"))
    exchange = _exchange()
    add_options = getattr(exchange, "add_import_options", None) if exchange else None
    if add_options is not None:
        add_options(p)  # --on-conflict, --mood-map for diary data
    p.set_defaults(func=cmd_import)


def _exchange() -> Any:
    """The data import/export module, if this build has it."""
    if importlib.util.find_spec(EXCHANGE_MODULE) is None:
        return None
    return importlib.import_module(EXCHANGE_MODULE)


def region_codes() -> str:
    return ", ".join(code for code, _name in regions())


def region_arg(text: str) -> str:
    code = normalize_region(text)
    if code == "other" and text.strip().casefold() != "other":
        raise UsageError(_("Unknown region {region}; use one of: {codes} "
                           "(other shows an international helpline directory).").format(
                               region=repr(text.strip()), codes=region_codes()))
    return code


# -- resources -----------------------------------------------------------------------------


def cmd_resources(args: argparse.Namespace, ctx: Context) -> int:
    override = region_arg(args.region) if args.region else None
    resources: list[Resource] = []
    stored_region = ""
    have_vault = ctx.paths.vault.exists()
    if have_vault:
        with open_vault(ctx) as vault:
            stored_region = str(vault.settings.get("region") or "")
            repo = vault.resources
            resources = (repo.search(args.search, args.category) if args.search
                         else repo.list(args.category))
    region = override or normalize_region(stored_region)
    show_lines = args.category in (None, "crisis")
    lines = lines_for(region) if show_lines else []
    if args.search and show_lines:
        words = args.search.casefold().split()
        lines = [ln for ln in lines if all(w in _line_text(ln) for w in words)]

    if args.format == "json":
        payload = {
            "region": {"code": region, "name": region_name(region),
                       "chosen": bool(override or stored_region)},
            "crisis_lines": [_line_json(ln) for ln in lines],
            "resources": [_resource_json(r) for r in resources],
        }
        ctx.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK

    if show_lines:
        _print_lines(ctx, region, lines, chosen=bool(override or stored_region))
    if not have_vault:
        ctx.print(_("No vault yet, so only the built-in crisis lines are shown. "
                    "Create one with 'selfcare-app init' to keep your own contacts."))
        return EXIT_OK
    _print_resources(ctx, resources, filtered=bool(args.category or args.search))
    return EXIT_OK


def _line_text(line: CrisisLine) -> str:
    return " ".join((line.name, line.description, line.phone, line.sms, line.url)).casefold()


def _line_json(line: CrisisLine) -> dict[str, Any]:
    return {
        "name": line.name, "description": line.description, "phone": line.phone,
        "sms": line.sms, "sms_body": line.sms_body, "url": line.url, "hours": line.hours,
        "languages": list(line.languages),
        "verified_on": line.verified_on.isoformat() if line.verified_on else None,
        "source": line.source, "emergency": line.emergency,
    }


def _resource_json(resource: Resource) -> dict[str, Any]:
    d = resource.data
    return {
        "id": resource.id, "name": d.name, "category": d.category,
        "description": d.description, "phone": d.phone, "sms": d.sms, "email": d.email,
        "url": d.url, "address": d.address, "hours": d.hours, "meets": d.meets,
        "verified_on": d.verified_on.isoformat() if d.verified_on else None,
        "source": resource.source, "campus": resource.pack_campus,
        "favourite": resource.favourite,
        "schedule": [slot.to_json() for slot in d.schedule],
    }


def _print_lines(ctx: Context, region: str, lines: list[CrisisLine], chosen: bool) -> None:
    ctx.print(_("Help now ({region})").format(region=region_name(region)))
    ctx.print(_("If you are in danger, call your local emergency number."))
    for line in lines:
        ctx.print(f"  {line.name}" + (f" · {line.hours}" if line.hours else ""))
        ways = line.ways()
        if ways:
            ctx.print("    " + " · ".join(ways))
    if not chosen:
        ctx.print(_("Set your region with 'selfcare-app region CODE' ({codes}).").format(
            codes=region_codes()))
    ctx.print()


def _print_resources(ctx: Context, resources: list[Resource], filtered: bool) -> None:
    if not resources:
        ctx.print(_("No matching resources.") if filtered else
                  _("No campus or personal resources yet. Import your campus pack with "
                    "'selfcare-app import PACK.json'."))
        return
    current = None
    for r in resources:
        if r.category != current:
            current = r.category
            ctx.print(category_label(current))
        d = r.data
        origin = _("your own") if r.source == "user" else (r.pack_campus or r.source)
        ctx.print(f"  {'★ ' if r.favourite else ''}{d.name}  "
                  + _("[{origin}; id {id}]").format(origin=origin, id=r.id))
        if d.description:
            ctx.print(f"    {d.description}")
        for label, value in ((_("phone: {value}"), d.phone), (_("text: {value}"), d.sms),
                             (_("email: {value}"), d.email), (_("link: {value}"), d.url),
                             (_("address: {value}"), " ".join(d.address.split())),
                             (_("hours: {value}"), d.hours), (_("meets: {value}"), d.meets)):
            if value:
                ctx.print("    " + label.format(value=value))
        for slot in d.schedule:
            ctx.print("    " + _("when: {value}").format(value=slot.describe()))
        if d.schedule:
            ctx.print("    " + _("(add to a calendar: selfcare-app resources calendar {id} "
                             "-o FILE.ics)").format(id=r.id))
        if d.verified_on:
            verified = d.verified_on.isoformat()
            ctx.print("    " + (_("last verified {day} (over a year ago; details may have "
                                 "changed)").format(day=verified)
                                if is_stale(d.verified_on, today())
                                else _("last verified {day}").format(day=verified)))
    ctx.print(ngettext("{count} resource", "{count} resources", len(resources)).format(
        count=len(resources)))


# -- region ----------------------------------------------------------------------------------


def cmd_region(args: argparse.Namespace, ctx: Context) -> int:
    code = region_arg(args.code) if args.code else None
    with open_vault(ctx) as vault:
        if code is not None:
            vault.settings.set("region", code)
            stored = code
            _sync_lock_help(vault)
        else:
            stored = str(vault.settings.get("region") or "")
    if code is not None:
        ctx.print(_("Region set to {region}. Crisis lines: {lines}").format(
            region=region_name(code), lines="; ".join(_short(ln) for ln in lines_for(code))))
    elif stored:
        ctx.print(_("Region: {region} ({code})").format(region=region_name(stored),
                                                        code=normalize_region(stored)))
    else:
        ctx.print(_("No region chosen yet; showing {region}. Choose one of: {codes}").format(
            region=region_name("other"), codes=region_codes()))
    return EXIT_OK


def _short(line: CrisisLine) -> str:
    how = line.phone or (_("text {number}").format(number=line.sms) if line.sms else line.url)
    return f"{line.name} {how}".strip()


# -- import ----------------------------------------------------------------------------------


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    path = Path(args.file).expanduser()
    fmt = args.format
    if fmt == "auto":
        fmt = "pack" if _declares_pack(path) else "auto"
    if fmt == "pack":
        return import_pack_file(path, ctx, args.dry_run, args.show_on_lock_screen,
                                args.keep_favourites)
    if fmt == "auto" and _resource_list(path):
        _stderr(f"selfcare-app: {path.name}: {_(RESOURCE_LIST_HINT)}")
        return EXIT_IMPORT_INVALID
    exchange = _exchange()
    run_import = getattr(exchange, "run_import", None) if exchange else None
    if run_import is None:
        raise UsageError(
            _("Importing this file is not supported yet (it is not a resource pack); nothing "
              "was imported.") if fmt == "auto" else
            _("Importing {format} files is not supported yet; nothing was imported.").format(
                format=fmt))
    result: int = run_import(args, ctx)
    return result


def _resource_list(path: Path) -> bool:
    with path.open("rb") as fh:
        return looks_like_resource_list(fh.read(65536))


def _declares_pack(path: Path) -> bool:
    if not path.is_file():
        raise UsageError(_("No file at {path}; nothing was imported.").format(path=path))
    with path.open("rb") as fh:
        return looks_like_pack(fh.read(65536))


def import_pack_file(path: Path, ctx: Context, dry_run: bool,
                     show_on_lock_screen: bool = False, keep_favourites: bool = False) -> int:
    from selfcare_app.core.resource_pack import pack_warnings
    from selfcare_app.data.resources import OlderPackError

    # Validate before asking for the passphrase; a day's grace for a pack made further east.
    try:
        pack = load_pack(path, today() + timedelta(days=1))
    except PackInvalid as exc:
        _stderr(f"selfcare-app: {path.name}: {exc}")
        for line in exc.lines():
            _stderr(line)
        return EXIT_IMPORT_INVALID
    if dry_run and not ctx.paths.vault.exists():
        # Lets a counseling centre check a pack before publishing it, without a vault.
        ctx.print(ngettext(
            "{file} is a valid resource pack: {campus}, dated {day}, {count} resource.",
            "{file} is a valid resource pack: {campus}, dated {day}, {count} resources.",
            len(pack.resources)).format(file=path.name, campus=pack.campus,
                                        day=pack.updated.isoformat(), count=len(pack.resources)))
        for warning in pack_warnings(pack, today()):
            ctx.print("  " + _("note: {text}").format(text=warning))
        ctx.print(_("Dry run: nothing was changed."))
        return EXIT_OK
    with open_vault(ctx) as vault:
        try:
            result = vault.resources.import_pack(pack, dry_run=dry_run,
                                                 keep_favourites=keep_favourites)
        except OlderPackError as exc:
            _stderr(f"selfcare-app: {exc}")
            return EXIT_IMPORT_INVALID
        if show_on_lock_screen and not dry_run:
            vault.resources.set_lock_screen(result.campus, True)
    ctx.print(result.summary())
    for line in result.lines():
        ctx.print(line)
    if result.removed_favourites and not result.kept:
        n = len(result.removed_favourites)
        if dry_run:
            text = ngettext("{count} of your favourites would be removed with the pack's "
                            "entries; add --keep-favourites to keep it as your own contact.",
                            "{count} of your favourites would be removed with the pack's "
                            "entries; add --keep-favourites to keep them as your own contacts.",
                            n)
        else:
            text = ngettext("{count} of your favourites was removed with the pack's entries; "
                            "add --keep-favourites to keep it as your own contact.",
                            "{count} of your favourites were removed with the pack's entries; "
                            "add --keep-favourites to keep them as your own contacts.", n)
        ctx.print(text.format(count=n))
    if show_on_lock_screen and not dry_run:
        ctx.print(ngettext("{count} crisis line of {campus} will show while the app is locked.",
                           "{count} crisis lines of {campus} will show while the app is locked.",
                           result.crisis).format(count=result.crisis, campus=result.campus))
    if dry_run:
        for warning in pack_warnings(pack, today()):
            ctx.print("  " + _("note: {text}").format(text=warning))
        ctx.print(_("Dry run: nothing was changed."))
    return EXIT_OK


def cmd_remove_pack(args: argparse.Namespace, ctx: Context) -> int:
    with open_vault(ctx) as vault:
        info = vault.resources.find_pack(args.campus)
        if info is None:
            names = [p.campus for p in vault.resources.packs()]
            raise UsageError(
                _("No pack from {campus}; packs: {names}.").format(
                    campus=repr(args.campus), names=", ".join(names)) if names else
                _("No pack from {campus}; no packs yet.").format(campus=repr(args.campus)))
        favourites = [r.name for r in vault.resources.list(favourites_only=True)
                      if r.pack_campus == info.campus]
        count = vault.resources.remove_pack(info.campus)
    ctx.print(ngettext("Removed the {campus} pack (dated {day}): {count} resource. Your own "
                       "contacts were kept.",
                       "Removed the {campus} pack (dated {day}): {count} resources. Your own "
                       "contacts were kept.", count).format(
                           campus=info.campus, day=info.updated.isoformat(), count=count))
    if favourites:
        ctx.print(_("Favourites removed with it: {names}").format(names=", ".join(favourites)))
    return EXIT_OK


def cmd_calendar(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.atomic import atomic_write
    from selfcare_app.clock import now
    from selfcare_app.core.calendar import resource_calendar
    from selfcare_app.data.resources import ResourceNotFoundError

    out = Path(args.output).expanduser()
    if not out.parent.is_dir():
        raise UsageError(_("The folder {folder} doesn't exist; nothing was written.").format(
            folder=out.parent))
    with open_vault(ctx) as vault:
        try:
            resource = vault.resources.get(args.id)
        except ResourceNotFoundError as exc:
            raise UsageError(str(exc)) from None
    if not resource.data.schedule:
        raise UsageError(_("{name} has no meeting times to add to a calendar.").format(
            name=repr(resource.name)))
    atomic_write(out, resource_calendar(resource, now()))
    n = len(resource.data.schedule)
    ctx.print(ngettext("Wrote {file}: {count} event for {name} ({times}). Open it with your "
                       "calendar app to add it.",
                       "Wrote {file}: {count} events for {name} ({times}). Open it with your "
                       "calendar app to add them.", n).format(
                           file=out.name, count=n, name=resource.name,
                           times="; ".join(s.describe() for s in resource.data.schedule)))
    return EXIT_OK


def _sync_lock_help(vault: Any) -> None:
    from selfcare_app.data import lock_help

    try:
        lock_help.sync(vault)
    except OSError as exc:
        _stderr("selfcare-app: " + _("the lock-screen copy of your region was not updated "
                                     "({error})").format(error=exc))


def _stderr(text: str) -> None:
    sys.stderr.write(text + "\n")
