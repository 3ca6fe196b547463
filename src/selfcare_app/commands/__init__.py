"""CLI commands, one module per capability; each exposes register(subparsers)."""

from __future__ import annotations

from datetime import date

from selfcare_app.clock import today
from selfcare_app.commands.context import Context, UsageError
from selfcare_app.core.entry import day_problem_text
from selfcare_app.data.vault import Vault


def open_vault(ctx: Context) -> Vault:
    """Ask for the passphrase and open the vault (raises the vault's own typed errors)."""
    from selfcare_app.data.backups import BackupError, auto_backup
    from selfcare_app.data.errors import StorageWriteError
    from selfcare_app.data.precheck import precheck

    precheck(ctx.paths.vault)  # a missing or damaged vault is reported before asking
    vault = Vault.open(ctx.paths.vault, ctx.passphrase())
    try:
        auto_backup(vault, ctx.paths, today())  # at most once a day, rotated
    except (BackupError, StorageWriteError) as exc:
        import sys

        sys.stderr.write(f"selfcare-app: warning: today's automatic backup failed: {exc}\n")
    return vault


def date_arg(text: str | None, what: str) -> date | None:
    """A --from/--to/--day value: ISO date, not in the future."""
    if text is None:
        return None
    problem = day_problem_text(text, today())
    if problem:
        raise UsageError(f"{what}: {problem}")
    return date.fromisoformat(text.strip())
