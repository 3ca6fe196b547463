"""Looking after the vault itself: passwd (change passphrase), delete-everything, conflicts."""

from __future__ import annotations

import argparse
from typing import Any

from selfcare_app.commands.context import EXIT_OK, Context, UsageError
from selfcare_app.data.errors import VaultError

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

    p = sub.add_parser("conflicts",
                       help="list conflicted copies a sync service left beside the vault, "
                            "and merge them in or set them aside")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--merge", metavar="FILE",
                       help="merge this copy in day by day (the newer edit of a day wins; "
                            "days only in the copy are added), then set it aside")
    group.add_argument("--set-aside", metavar="FILE",
                       help="move this copy into backups/set-aside/ without merging")
    p.set_defaults(func=cmd_conflicts)


def cmd_passwd(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.data.errors import VaultBusyError
    from selfcare_app.data.precheck import precheck
    from selfcare_app.data.rekey import change_passphrase
    from selfcare_app.data.vault_lock import held_elsewhere

    precheck(ctx.paths.vault)
    if held_elsewhere(ctx.paths.vault):  # before asking for anything
        raise VaultBusyError("changing the passphrase needs it closed everywhere else")
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
    from selfcare_app.data.vault_lock import held_elsewhere

    if held_elsewhere(ctx.paths.vault):  # refuse before asking to type DELETE
        from selfcare_app.data.errors import VaultBusyError

        raise VaultBusyError("deleting everything needs it closed everywhere else")
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
    ctx.print(f"Deleted {len(removed)} item(s) in {ctx.paths.data_dir}:")
    for item in removed:
        ctx.print(f"  {item.name}")
    return EXIT_OK


def cmd_conflicts(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.commands import open_vault
    from selfcare_app.data.sync import conflicted_copies, merge_copy, plan_merge, set_aside

    copies = conflicted_copies(ctx.paths)
    ref = args.merge or args.set_aside
    if ref is not None:
        chosen = [c for c in copies if c.name == ref or str(c) == ref]
        if not chosen:
            raise UsageError(f"No conflicted copy called {ref} beside the vault; "
                             "'selfcare-app conflicts' lists them.")
        if args.set_aside:
            target = set_aside(ctx.paths, chosen[0])
            ctx.print(f"Set aside {chosen[0].name} (kept as {target}); nothing was merged.")
            return EXIT_OK
        with open_vault(ctx) as vault:
            plan = merge_copy(vault, ctx.paths, chosen[0])
        ctx.print(f"Merged {plan.copy.name}: added {len(plan.add)} day(s), took the newer "
                  f"edit of {len(plan.take)} day(s), kept your newer edit of "
                  f"{len(plan.keep)} day(s). The copy is kept in backups/set-aside/.")
        return EXIT_OK
    if not copies:
        ctx.print(f"No conflicted copies beside {ctx.paths.vault}.")
        return EXIT_OK
    with open_vault(ctx) as vault:
        for copy in copies:
            try:
                ctx.print(plan_merge(vault, copy).summary())
            except VaultError as exc:
                ctx.print(f"{copy.name}: {exc}")
    ctx.print("Merge one with --merge FILE, or move it away with --set-aside FILE.")
    return EXIT_OK
