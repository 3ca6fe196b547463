"""Delete everything Selfcare wrote: the vault and its sidecars, backups, settings and cache.

The caller asks for a typed confirmation first and closes the vault. Every file removed was
ciphertext (vault, WAL, backups) or held no user data (window geometry, font cache). Files are
unlinked, not overwritten: on SSDs and journalling filesystems overwriting in place is not a
guarantee, so we don't claim it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from selfcare_app.data.vault import _fsync_dir
from selfcare_app.paths import AppPaths


def planned_removals(paths: AppPaths) -> list[Path]:
    """What `delete_everything` would remove, for the confirmation message."""
    found: list[Path] = []
    data = paths.data_dir
    if data.is_dir():
        # vault.db, -wal, -shm, -journal, .creating, .restoring, .before-vN.bak, .passwd-pending
        found += sorted(data.glob(paths.vault.name + "*"))
        found += sorted(data.glob(paths.ui_settings.name + "*"))  # window.ini and its .lock
        found += sorted(data.glob(".lock-help.json*")) + sorted(data.glob("lock-help.json*"))
    for folder in (paths.backups, paths.cache_dir):
        if folder.exists() or folder.is_symlink():
            found.append(folder)
    return found


def delete_everything(paths: AppPaths) -> list[Path]:
    """Remove every file and folder from `planned_removals`; returns what was removed.

    The data folder itself is removed too if nothing else is left in it.
    """
    removed: list[Path] = []
    for item in planned_removals(paths):
        if item.is_dir() and not item.is_symlink():
            shutil.rmtree(item)
        else:
            item.unlink(missing_ok=True)
        removed.append(item)
    data = paths.data_dir
    if data.is_dir():
        _fsync_dir(data)
        try:
            data.rmdir()
        except OSError:
            pass  # other files the student keeps there: not ours to delete
    return removed
