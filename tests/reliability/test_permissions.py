"""Issue 13: files the app writes are 0600 from creation, folders 0700, and an existing data
folder that others could read is tightened with a note. (POSIX only: a no-op on Windows.)"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import init_vault, run_cli
from tests.reliability.conftest import child_env

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")


def mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_cli_files_and_folders_are_private_and_an_open_folder_is_tightened(
        tmp_path: Path) -> None:
    data = tmp_path / "data"
    init_vault(data)
    os.chmod(data, 0o755)  # as an older version, or a copy from elsewhere, left it
    r = run_cli(data, "backup")
    assert r.code == 0 and "is now private to you" in r.err
    assert mode(data) == 0o700 and mode(data / "backups") == 0o700
    for f in [data / "vault.db", *(data / "backups").iterdir()]:
        assert mode(f) == 0o600, f
    out = tmp_path / "export.json"
    assert run_cli(data, "export", str(out)).code == 0
    assert mode(out) == 0o600
    again = run_cli(data, "show")
    assert "is now private" not in again.err  # said once, when it changed


def test_app_settings_and_cache_are_private_from_creation(tmp_path: Path) -> None:
    """window.ini (QSettings) and cache/ as the app creates them, in a process of their own
    (the umask is process-wide)."""
    data = tmp_path / "data"
    script = (
        "import sys; from pathlib import Path\n"
        "from selfcare_app.paths import make_private, resolve\n"
        "paths = resolve(sys.argv[1]); paths.data_dir.mkdir(parents=True)\n"
        "make_private(paths)\n"
        "from selfcare_app.ui.desktop_settings import DesktopSettings\n"
        "DesktopSettings(paths.ui_settings).theme = 'dark'\n"
        "(paths.cache_dir / 'matplotlib').mkdir(parents=True)\n"
        "(paths.cache_dir / 'matplotlib' / 'fontlist.json').write_text('{}')\n"
    )
    subprocess.run([sys.executable, "-c", script, str(data)], check=True, env=child_env(),
                   timeout=60)
    assert mode(data / "window.ini") == 0o600
    assert mode(data / "cache") == 0o700 and mode(data / "cache" / "matplotlib") == 0o700
    assert mode(data / "cache" / "matplotlib" / "fontlist.json") == 0o600
