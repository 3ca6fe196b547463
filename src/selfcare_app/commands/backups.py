"""Backups: backup, backups (list), restore BACKUP."""

from __future__ import annotations

import argparse
from typing import Any

from selfcare_app.commands import open_vault
from selfcare_app.commands.context import EXIT_OK, Context


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("backup", help="make an encrypted backup now (kept: 7 daily + 4 weekly)")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("backups", help="list backups, newest first (no passphrase needed)")
    p.set_defaults(func=cmd_backups)

    p = sub.add_parser("restore", help="replace the vault with a backup; the current vault is "
                                       "kept as a backup")
    p.add_argument("backup", metavar="BACKUP",
                   help="a name from 'selfcare-app backups', or the path to a backup file")
    p.set_defaults(func=cmd_restore)


def cmd_backup(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.data.backups import backup_now

    with open_vault(ctx) as vault:
        made, removed = backup_now(vault, ctx.paths)
    ctx.print(f"Backed up to {made.path}")
    if removed:
        ctx.print(f"Removed {len(removed)} older backup(s); keeping 7 daily and 4 weekly.")
    return EXIT_OK


def cmd_backups(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.data.backups import list_backups

    backups = list_backups(ctx.paths)
    if not backups:
        ctx.print(f"No backups yet in {ctx.paths.backups}")
        return EXIT_OK
    width = max(len(b.name) for b in backups)
    ctx.print(f"{'name':<{width}}  {'taken':<16}  {'kind':<11}  size")
    for b in backups:
        ctx.print(f"{b.name:<{width}}  {b.taken_at:%Y-%m-%d %H:%M}  {b.kind:<11}  "
                  f"{b.size / 1024:,.0f} KiB")
    ctx.print(f"{len(backups)} backup(s) in {ctx.paths.backups}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.data.backups import find_backup, restore
    from selfcare_app.data.errors import VaultBusyError
    from selfcare_app.data.vault_lock import held_elsewhere

    source = find_backup(ctx.paths, args.backup)
    if held_elsewhere(ctx.paths.vault):  # before asking for the passphrase
        raise VaultBusyError("restoring a backup needs it closed everywhere else")
    result = restore(ctx.paths, source, ctx.passphrase("Passphrase for this backup: "))
    ctx.print(f"Restored {result.restored_from.name}: {result.entries} day(s) of entries.")
    if result.kept is not None:
        ctx.print(f"The vault it replaced is kept as backup {result.kept.name}.")
    return EXIT_OK
