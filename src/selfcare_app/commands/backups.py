"""Backups: backup, backups (list), restore BACKUP."""

from __future__ import annotations

import argparse
from typing import Any

from selfcare_app.commands import open_vault
from selfcare_app.commands.context import EXIT_OK, Context
from selfcare_app.core.formatting import format_integer
from selfcare_app.i18n import _, ngettext


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("backup", help=_("make an encrypted backup now (kept: 7 daily + 4 weekly)"))
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("backups", help=_("list backups, newest first (no passphrase needed)"))
    p.set_defaults(func=cmd_backups)

    p = sub.add_parser("restore", help=_("replace the vault with a backup; the current vault "
                                         "is kept as a backup"))
    p.add_argument("backup", metavar="BACKUP",
                   help=_("a name from 'selfcare-app backups', or the path to a backup file"))
    p.set_defaults(func=cmd_restore)


def cmd_backup(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.data.backups import backup_now

    with open_vault(ctx) as vault:
        made, removed = backup_now(vault, ctx.paths)
    ctx.print(_("Backed up to {path}").format(path=made.path))
    if removed:
        ctx.print(ngettext("Removed {count} older backup; keeping 7 daily and 4 weekly.",
                           "Removed {count} older backups; keeping 7 daily and 4 weekly.",
                           len(removed)).format(count=len(removed)))
    return EXIT_OK


def cmd_backups(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.data.backups import list_backups

    backups = list_backups(ctx.paths)
    if not backups:
        ctx.print(_("No backups yet in {folder}").format(folder=ctx.paths.backups))
        return EXIT_OK
    width = max(len(b.name) for b in backups)
    ctx.print(f"{_('name'):<{width}}  {_('taken'):<16}  {_('kind'):<11}  {_('size')}")
    for b in backups:
        # The ISO date keeps the listing sortable and the same in every language.
        ctx.print(f"{b.name:<{width}}  {b.taken_at:%Y-%m-%d %H:%M}  {b.kind:<11}  "
                  + _("{size} KiB").format(size=format_integer(round(b.size / 1024))))
    ctx.print(ngettext("{count} backup in {folder}", "{count} backups in {folder}",
                       len(backups)).format(count=len(backups), folder=ctx.paths.backups))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.data.backups import find_backup, restore
    from selfcare_app.data.errors import VaultBusyError
    from selfcare_app.data.vault_lock import held_elsewhere

    source = find_backup(ctx.paths, args.backup)
    if held_elsewhere(ctx.paths.vault):  # before asking for the passphrase
        raise VaultBusyError(_("restoring a backup needs it closed everywhere else"))
    result = restore(ctx.paths, source, ctx.passphrase(_("Passphrase for this backup: ")))
    ctx.print(ngettext("Restored {name}: {count} day of entries.",
                       "Restored {name}: {count} days of entries.", result.entries).format(
                           name=result.restored_from.name, count=result.entries))
    if result.kept is not None:
        ctx.print(_("The vault it replaced is kept as backup {name}.").format(
            name=result.kept.name))
    return EXIT_OK
