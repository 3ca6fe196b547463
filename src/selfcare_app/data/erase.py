"""Delete everything Selfcare wrote: the vault and its sidecars, backups, settings and cache.

The caller asks for a typed confirmation first and closes the vault. Every file removed was
ciphertext (vault, WAL, backups) or held no user data (window geometry, font cache). Files are
unlinked, not overwritten: on SSDs and journalling filesystems overwriting in place is not a
guarantee, so we don't claim it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from selfcare_app.atomic import fsync_dir as _fsync_dir
from selfcare_app.data.vault_lock import LOCK_SUFFIX, lock_path, vault_lock
from selfcare_app.paths import AppPaths


def planned_removals(paths: AppPaths) -> list[Path]:
    """What `delete_everything` would remove, for the confirmation message."""
    found: list[Path] = []
    data = paths.data_dir
    if data.is_dir():
        # vault.db, -wal, -shm, -journal, .creating, .restoring, .before-vN.bak, .passwd-pending
        found += sorted(p for p in data.glob(paths.vault.name + "*")
                        if not p.name.endswith(LOCK_SUFFIX))  # the lock goes last
        from selfcare_app.data.sync import conflicted_copies

        for copy in conflicted_copies(paths):  # with any -wal/-shm a sync client copied too
            found += [copy, *(p for p in (Path(f"{copy}-wal"), Path(f"{copy}-shm"))
                              if p.exists())]
        found += sorted(data.glob(paths.ui_settings.name + "*"))  # window.ini and its .lock
        found += sorted(data.glob(".lock-help.json*")) + sorted(data.glob("lock-help.json*"))
    for folder in (paths.backups, paths.cache_dir):
        if folder.exists() or folder.is_symlink():
            found.append(folder)
    return list(dict.fromkeys(found))


def delete_everything(paths: AppPaths) -> list[Path]:
    """Remove every file and folder from `planned_removals`; returns what was removed.

    The data folder itself is removed too if nothing else is left in it.
    """
    removed: list[Path] = []
    from selfcare_app.data.vault_lock import exclusive

    with exclusive(paths.vault, "deleting everything"):
        for item in planned_removals(paths):
            _remove(item)
            removed.append(item)
        # POSIX can unlink a held lock file. Not while the app itself also holds it (its
        # window stays open): a second window must still find it taken.
        if os.name != "nt" and vault_lock(paths.vault).lock_counter <= 1:
            lock_path(paths.vault).unlink(missing_ok=True)
    data = paths.data_dir
    if data.is_dir():
        _fsync_dir(data)
        try:
            data.rmdir()
        except OSError:
            pass  # other files the student keeps there: not ours to delete
    return removed


def _remove(item: Path) -> None:
    if item.is_dir() and not item.is_symlink():
        shutil.rmtree(item)
    else:
        item.unlink(missing_ok=True)

