"""Looking after the vault itself: passwd (change passphrase), delete-everything, conflicts."""

from __future__ import annotations

import argparse
from typing import Any

from selfcare_app.commands.context import EXIT_OK, Context, UsageError
from selfcare_app.data.errors import VaultError
from selfcare_app.i18n import _, ngettext

CONFIRM_WORD = "DELETE"


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("passwd", help=_("change the passphrase (current on the first line of "
                                        "stdin, new on the next)"))
    p.set_defaults(func=cmd_passwd)

    p = sub.add_parser("delete-everything",
                       help=_("remove the vault, its backups, settings and cache for good"))
    p.add_argument("--confirm", metavar="WORD",
                   help=_("type {word} to confirm without being asked").format(
                       word=CONFIRM_WORD))
    p.set_defaults(func=cmd_delete_everything)

    p = sub.add_parser("conflicts",
                       help=_("list conflicted copies a sync service left beside the vault, "
                              "and merge them in or set them aside"))
    group = p.add_mutually_exclusive_group()
    group.add_argument("--merge", metavar="FILE",
                       help=_("merge this copy in day by day (the newer edit of a day wins; "
                              "days only in the copy are added), then set it aside"))
    group.add_argument("--set-aside", metavar="FILE",
                       help=_("move this copy into backups/set-aside/ without merging"))
    p.set_defaults(func=cmd_conflicts)


def cmd_passwd(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.data.errors import VaultBusyError
    from selfcare_app.data.precheck import precheck
    from selfcare_app.data.rekey import change_passphrase
    from selfcare_app.data.vault_lock import held_elsewhere

    precheck(ctx.paths.vault)
    if held_elsewhere(ctx.paths.vault):  # before asking for anything
        raise VaultBusyError(_("changing the passphrase needs it closed everywhere else"))
    current = ctx.passphrase(_("Current passphrase: "))
    new = ctx.new_passphrase(_("new passphrase"))
    result = change_passphrase(ctx.paths.vault, current, new)
    if result.already_changed:
        ctx.print(_("An earlier passphrase change had already taken effect: your vault opens "
                    "with the new passphrase. The change is now complete."))
    else:
        ctx.print(_("Passphrase changed. Use the new one from now on; it can't be recovered if "
                    "lost."))
    if result.backups_reencrypted:
        n = result.backups_reencrypted
        ctx.print(ngettext("{count} backup now opens with the new passphrase.",
                           "{count} backups now open with the new passphrase.", n).format(count=n))
    if result.backups_skipped:
        n = len(result.backups_skipped)
        ctx.print(ngettext("{count} backup opened with neither passphrase and was left as it was.",
                           "{count} backups opened with neither passphrase and were left as they "
                           "were.", n).format(count=n))
    return EXIT_OK


def cmd_delete_everything(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.data.erase import delete_everything, planned_removals
    from selfcare_app.data.vault_lock import held_elsewhere

    if held_elsewhere(ctx.paths.vault):  # refuse before asking to type DELETE
        from selfcare_app.data.errors import VaultBusyError

        raise VaultBusyError(_("deleting everything needs it closed everywhere else"))
    planned = planned_removals(ctx.paths)
    if not planned:
        ctx.print(_("Nothing to delete in {folder}.").format(folder=ctx.paths.data_dir))
        return EXIT_OK
    word = args.confirm
    if word is None:
        if ctx.stdin.isatty():
            ctx.print(ngettext(
                "This removes your vault, the {count} item beside it and every backup in "
                "{folder}. It can't be undone.",
                "This removes your vault, all {count} items beside it and every backup in "
                "{folder}. It can't be undone.", len(planned)).format(
                    count=len(planned), folder=ctx.paths.data_dir))
            # Translators: {word} is DELETE, which stays in English (the command checks it).
            ctx.stdout.write(_("Type {word} to continue: ").format(word=CONFIRM_WORD))
            ctx.stdout.flush()
        word = ctx.stdin.readline().rstrip("\r\n")
    if word != CONFIRM_WORD:
        raise UsageError(_("Not confirmed (type {word} exactly); nothing was deleted.").format(
            word=CONFIRM_WORD))
    removed = delete_everything(ctx.paths)
    ctx.print(ngettext("Deleted {count} item in {folder}:", "Deleted {count} items in {folder}:",
                       len(removed)).format(count=len(removed), folder=ctx.paths.data_dir))
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
            raise UsageError(_("No conflicted copy called {name} beside the vault; "
                               "'selfcare-app conflicts' lists them.").format(name=ref))
        if args.set_aside:
            target = set_aside(ctx.paths, chosen[0])
            ctx.print(_("Set aside {name} (kept as {target}); nothing was merged.").format(
                name=chosen[0].name, target=target))
            return EXIT_OK
        with open_vault(ctx) as vault:
            plan = merge_copy(vault, ctx.paths, chosen[0])
        # Translators: {added}, {taken} and {kept} are "1 day" / "3 days".
        ctx.print(_("Merged {name}: added {added}, took the newer edit of {taken}, kept your "
                    "newer edit of {kept}. The copy is kept in backups/set-aside/.").format(
                        name=plan.copy.name, added=_days(len(plan.add)),
                        taken=_days(len(plan.take)), kept=_days(len(plan.keep))))
        return EXIT_OK
    if not copies:
        ctx.print(_("No conflicted copies beside {path}.").format(path=ctx.paths.vault))
        return EXIT_OK
    with open_vault(ctx) as vault:
        for copy in copies:
            try:
                ctx.print(plan_merge(vault, copy).summary())
            except VaultError as exc:
                ctx.print(f"{copy.name}: {exc}")
    ctx.print(_("Merge one with --merge FILE, or move it away with --set-aside FILE."))
    return EXIT_OK


def _days(count: int) -> str:
    return ngettext("{count} day", "{count} days", count).format(count=count)
