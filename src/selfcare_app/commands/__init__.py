"""CLI commands, one module per capability; each exposes register(subparsers)."""

from __future__ import annotations

from datetime import date

from selfcare_app.clock import today
from selfcare_app.commands.context import Context, UsageError
from selfcare_app.core.entry import day_problem_text
from selfcare_app.data.vault import Vault
from selfcare_app.i18n import _, ngettext


def open_vault(ctx: Context) -> Vault:
    """Ask for the passphrase and open the vault (raises the vault's own typed errors)."""
    from selfcare_app.data.backups import BackupError, auto_backup
    from selfcare_app.data.errors import StorageWriteError
    from selfcare_app.data.precheck import finish_interrupted_restore, precheck

    restored = finish_interrupted_restore(ctx.paths.vault)
    if restored:
        note(restored)
    precheck(ctx.paths.vault)  # a missing or damaged vault is reported before asking
    vault = Vault.open(ctx.paths.vault, ctx.passphrase())
    for text in vault_notices(vault, ctx):
        note(text)
    try:
        auto_backup(vault, ctx.paths, today())  # at most once a day, rotated
    except (BackupError, StorageWriteError) as exc:
        note(_("today's automatic backup failed: {error}").format(error=exc))
    return vault


def note(text: str) -> None:
    """A one-line note on stderr that doesn't change the exit code."""
    import sys

    sys.stderr.write("selfcare-app: " + _("note: {text}").format(text=text) + "\n")


def vault_notices(vault: Vault, ctx: Context) -> list[str]:
    """What the student should know after unlocking: an older vault, conflicted copies."""
    from selfcare_app.data.sync import conflicted_copies, rollback_notice

    notes = list(vault.notices)
    rolled_back = rollback_notice(vault, ctx.paths)
    if rolled_back is not None:
        notes.append(rolled_back.message())
    copies = conflicted_copies(ctx.paths)
    if copies:
        notes.append(ngettext(
            "{count} conflicted copy of your vault (made by a sync service) beside it: "
            "{names}. 'selfcare-app conflicts' merges or sets them aside.",
            "{count} conflicted copies of your vault (made by a sync service) beside it: "
            "{names}. 'selfcare-app conflicts' merges or sets them aside.",
            len(copies)).format(count=len(copies), names=", ".join(c.name for c in copies)))
    return notes


def date_arg(text: str | None, what: str) -> date | None:
    """A --from/--to/--day value: ISO date, not in the future."""
    if text is None:
        return None
    problem = day_problem_text(text, today())
    if problem:
        raise UsageError(_("{what}: {problem}").format(what=what, problem=problem))
    return date.fromisoformat(text.strip())
