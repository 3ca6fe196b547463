"""Where Selfcare keeps its files: one data folder, overridable for tests and portable use.

Order: `--data-dir DIR`, then `SELFCARE_DATA_DIR`, then the platform's user data folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_DATA_DIR = "SELFCARE_DATA_DIR"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path

    @property
    def vault(self) -> Path:
        return self.data_dir / "vault.db"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def ui_settings(self) -> Path:
        """Window geometry, appearance, reminder time (QSettings, INI); never anything the
        student wrote (ui/desktop_settings.py)."""
        return self.data_dir / "window.ini"

    @property
    def cache_dir(self) -> Path:
        """matplotlib's font cache (no user data), kept so the first chart stays fast."""
        return self.data_dir / "cache"


def resolve(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    if data_dir:
        return AppPaths(Path(data_dir).expanduser().resolve())
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return AppPaths(Path(env).expanduser().resolve())
    return AppPaths(default_data_dir())


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("selfcare-app", appauthor=False, roaming=False))


def make_private(paths: AppPaths) -> list[str]:
    """New files 0600 and folders 0700 from creation (umask), and an existing data folder
    that others could read tightened. Returns notes for the student. No-op on Windows, where
    the user profile's ACLs already keep other accounts out."""
    if os.name == "nt":
        return []
    os.umask(0o077)
    notes: list[str] = []
    for folder in (paths.data_dir, paths.backups, paths.cache_dir):
        try:
            mode = folder.stat().st_mode & 0o777
        except OSError:
            continue
        if folder.is_dir() and not folder.is_symlink() and mode & 0o077:
            try:
                os.chmod(folder, 0o700)
            except OSError:
                continue
            if folder == paths.data_dir:
                notes.append(f"Your data folder {folder} could be read by other accounts on "
                             "this computer; it is now private to you (0700).")
    for file in (paths.ui_settings, paths.vault):
        try:
            if file.is_file() and not file.is_symlink() and file.stat().st_mode & 0o077:
                os.chmod(file, 0o600)
        except OSError:
            pass
    return notes
