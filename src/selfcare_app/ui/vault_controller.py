"""The vault's life cycle, apart from the widgets that show it.

`VaultController` owns unlock, create (with the first-run choices), lock, and the three slow
jobs that need the vault closed: restore a backup, change the passphrase, delete everything.
Those run on the vault thread (`VaultSession.call_closed`), so the window keeps painting and
shows what is happening (`busy`); the outcome comes back as `job_done`. The window only
reacts to the signals: it builds the pages on `unlocked` and shows the lock screen on `locked`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from selfcare_app.clock import today
from selfcare_app.data.errors import VaultError
from selfcare_app.i18n import _
from selfcare_app.paths import AppPaths
from selfcare_app.ui.session import VaultSession

if TYPE_CHECKING:
    from selfcare_app.data.vault import Vault
    from selfcare_app.ui.reminder_fields import ReminderFields


@dataclass(frozen=True)
class FirstRunChoices:
    """What the student chose on the first-run screen besides the passphrase."""

    region: str = ""  # stored in the vault as soon as it exists
    reminder: ReminderFields | None = None  # saved by the window: it lives outside the vault
    pack: Path | None = None  # a campus pack to import on the Resources page


def unexpected_problem(exc: BaseException) -> str:
    return _("Something unexpected went wrong ({error}); your vault was not changed.").format(
        error=type(exc).__name__)


class VaultController(QObject):
    """Unlock, create, lock, restore, rekey and erase; the window reacts to the signals."""

    unlocked = Signal(object)  # FirstRunChoices | None, after the vault opened
    unlock_failed = Signal(str, str)  # the problem, and a restore offer ("" for none)
    about_to_lock = Signal()  # close everything that shows data, before the vault closes
    locked = Signal()  # the vault is closed and the views are gone
    busy = Signal(str)  # a slow job started on the vault thread: what it is doing
    job_done = Signal(str, str)  # (notice, problem) for the lock screen; one is ""
    erased = Signal()  # delete everything finished: reset what lives outside the vault
    notices_found = Signal(object)  # data.sync.UnlockNotices, once per unlock
    status = Signal(str, int)  # a status-bar line and how long it stays (ms)

    def __init__(self, session: VaultSession, paths: AppPaths,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.paths = paths
        self.region = ""  # the crisis-line region stored in the vault (after unlock)
        self._first_run: FirstRunChoices | None = None
        self._damaged_backup: Path | None = None  # what a damaged-header unlock can restore
        self._busy = ""

    @property
    def is_busy(self) -> bool:
        return bool(self._busy)

    # -- unlock --------------------------------------------------------------------------

    def unlock(self, passphrase: str) -> None:
        self.session.unlock(passphrase, self._on_opened, self._on_unlock_error)

    def create(self, passphrase: str, choices: FirstRunChoices | None = None) -> None:
        self._first_run = choices or FirstRunChoices()
        self.session.unlock(passphrase, self._on_opened, self._on_unlock_error, create=True)

    def _on_opened(self, _vault: Vault) -> None:
        choices, self._first_run = self._first_run, None
        if choices is not None and choices.region:
            region = choices.region
            self.session.run(lambda v: v.settings.set("region", region))
        self.region = str(self.session.run(lambda v: v.settings.get("region")) or "")
        self.sync_lock_help()
        self.unlocked.emit(choices)
        self.after_unlock()

    def _on_unlock_error(self, exc: Exception) -> None:
        from selfcare_app.data.backups import DamagedHeaderError

        self._first_run = None
        if isinstance(exc, DamagedHeaderError):
            self._damaged_backup = exc.backup.path
            self.unlock_failed.emit(
                _("Your passphrase is right, but the start of the vault file is damaged. The "
                  "file was left exactly as it was. Restore your newest backup to carry on; the "
                  "damaged file is kept beside it."),
                _("Restore the backup from {taken}…").format(
                    taken=f"{exc.backup.taken_at:%Y-%m-%d %H:%M}"))
        elif isinstance(exc, VaultError):
            self.unlock_failed.emit(str(exc), "")
        else:
            self.unlock_failed.emit(unexpected_problem(exc), "")

    def after_unlock(self) -> None:
        """Every unlock: notices first (a rolled-back vault is told before anything else),
        then the day's encrypted backup, both off the UI thread."""
        from selfcare_app.data.backups import auto_backup
        from selfcare_app.data.sync import UnlockNotices, unlock_notices

        paths, day = self.paths, today()

        def shown(notices: UnlockNotices) -> None:
            if notices:
                self.notices_found.emit(notices)

        def failed(exc: Exception) -> None:
            self.status.emit(_("Today's automatic backup failed: {error}").format(error=exc),
                             10_000)

        self.session.call(lambda v: unlock_notices(v, paths), shown, lambda _e: None)
        self.session.call(lambda v: auto_backup(v, paths, day), lambda _b: None, failed)

    def sync_lock_help(self) -> None:
        """Keep the lock screen's copy (region, opted-in campus lines) in step with the vault."""
        from selfcare_app.data import lock_help

        try:
            self.session.run(lock_help.sync)
        except (OSError, VaultError):
            pass  # the vault is the authority; the copy is refreshed at the next unlock

    # -- lock ----------------------------------------------------------------------------

    def lock(self) -> None:
        """Close the vault: views that hold data go first (`about_to_lock`), then `locked`."""
        if not self.session.is_unlocked:
            return
        self.about_to_lock.emit()
        self.session.lock()
        self.locked.emit()

    # -- the slow jobs, with the vault closed ---------------------------------------------

    def restore(self, backup: Path, passphrase: str) -> None:
        from selfcare_app.data.backups import restore

        paths = self.paths
        self._run_closed(lambda: restore(paths, backup, passphrase),
                         _("Restoring the backup…"),
                         _("Backup restored; your previous vault was kept as a backup. Unlock "
                           "to continue."))

    def restore_damaged(self, passphrase: str) -> bool:
        """Restore the backup a damaged-header unlock offered; False when there is none."""
        if self._damaged_backup is None:
            return False
        backup, self._damaged_backup = self._damaged_backup, None
        self.restore(backup, passphrase)
        return True

    def change_passphrase(self, current: str, new: str) -> None:
        from selfcare_app.data.rekey import change_passphrase

        path = self.paths.vault
        self._run_closed(lambda: change_passphrase(path, current, new),
                         _("Changing the passphrase and re-encrypting your vault…"),
                         _("Passphrase changed. Unlock with your new passphrase."))

    def erase(self) -> None:
        from selfcare_app import autostart
        from selfcare_app.data.erase import delete_everything

        paths = self.paths

        def job() -> None:
            delete_everything(paths)
            if autostart.supported():
                autostart.disable()

        self._run_closed(job, _("Deleting everything…"),
                         _("Everything was deleted. You can start again with a new vault."),
                         then=self.erased.emit)

    def _run_closed(self, job: Callable[[], object], doing: str, done: str,
                    then: Callable[[], None] | None = None) -> None:
        """Lock, then run `job()` on the vault thread; `busy` now, `job_done` at the end."""
        if self._busy:
            self.status.emit(_("Still busy: {doing}").format(doing=self._busy), 4000)
            return
        self.lock()
        self._busy = doing
        self.busy.emit(doing)

        def finished(_result: object) -> None:
            self._busy = ""
            if then is not None:
                then()
            self.job_done.emit(done, "")

        def failed(exc: Exception) -> None:
            self._busy = ""
            problem = str(exc) if isinstance(exc, VaultError) else unexpected_problem(exc)
            self.job_done.emit("", problem)

        self.session.call_closed(job, finished, failed)
