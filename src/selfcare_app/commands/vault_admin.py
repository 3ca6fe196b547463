"""Looking after the vault itself: passwd (change passphrase), delete-everything."""

from __future__ import annotations

import argparse
from typing import Any

from selfcare_app.commands.context import EXIT_OK, Context, UsageError

CONFIRM_WORD = "DELETE"


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("passwd", help="change the passphrase (current on the first line of "
                                      "stdin, new on the next)")
    p.set_defaults(func=cmd_passwd)

    p = sub.add_parser("delete-everything",
                       help="remove the vault, its backups, settings and cache for good")
    p.add_argument("--confirm", metavar="WORD",
                   help=f"type {CONFIRM_WORD} to confirm without being asked")
    p.set_defaults(func=cmd_delete_everything)


def cmd_passwd(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.data.precheck import precheck
    from selfcare_app.data.rekey import change_passphrase

    precheck(ctx.paths.vault)
    current = ctx.passphrase("Current passphrase: ")
    new = ctx.new_passphrase("new passphrase")
    result = change_passphrase(ctx.paths.vault, current, new)
    if result.already_changed:
        ctx.print("An earlier passphrase change had already taken effect: your vault opens "
                  "with the new passphrase. The change is now complete.")
    else:
        ctx.print("Passphrase changed. Use the new one from now on; it can't be recovered if "
                  "lost.")
    if result.backups_reencrypted:
        ctx.print(f"{result.backups_reencrypted} backup(s) now open with the new passphrase.")
    if result.backups_skipped:
        ctx.print(f"{len(result.backups_skipped)} backup(s) opened with neither passphrase and "
                  "were left as they were.")
    return EXIT_OK


def cmd_delete_everything(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.data.erase import delete_everything, planned_removals

    planned = planned_removals(ctx.paths)
    if not planned:
        ctx.print(f"Nothing to delete in {ctx.paths.data_dir}.")
        return EXIT_OK
    word = args.confirm
    if word is None:
        if ctx.stdin.isatty():
            ctx.print(f"This removes your vault, all {len(planned)} item(s) beside it and every "
                      f"backup in {ctx.paths.data_dir}. It can't be undone.")
            ctx.stdout.write(f"Type {CONFIRM_WORD} to continue: ")
            ctx.stdout.flush()
        word = ctx.stdin.readline().rstrip("\r\n")
    if word != CONFIRM_WORD:
        raise UsageError(f"Not confirmed (type {CONFIRM_WORD} exactly); nothing was deleted.")
    removed = delete_everything(ctx.paths)
    ctx.print(f"Deleted {len(removed)} item(s): your vault, its backups, settings and cache "
              f"in {ctx.paths.data_dir}.")
    return EXIT_OK
