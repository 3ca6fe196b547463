"""Start Selfcare at login (XDG autostart), created and removed from Preferences.

The entry starts the app in the background (`--background`): locked, in the system tray, so the
daily reminder can come. Only a file this module wrote is ever removed.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from selfcare_app import APP_ID, APP_NAME
from selfcare_app.atomic import atomic_write
from selfcare_app.i18n import _

MARKER = "X-Selfcare-Autostart=true"
BACKGROUND_FLAG = "--background"


def supported(platform: str = sys.platform) -> bool:
    """XDG autostart is how Linux and BSD desktops start programs at login."""
    return platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))


def autostart_file(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    config = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", "~")) / ".config")
    return Path(config).expanduser() / "autostart" / f"{APP_ID}.desktop"


def app_command(data_dir: Path | None = None) -> list[str]:
    """How this installation is started: a bundle, the console script, or `python -m`."""
    if getattr(sys, "frozen", False):
        command = [sys.executable]
    else:
        script = shutil.which("selfcare-app") or str(Path(sys.executable).with_name("selfcare-app"))
        command = [script] if Path(script).exists() else [sys.executable, "-m", "selfcare_app"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return command + [BACKGROUND_FLAG]


def _quote(arg: str) -> str:
    """Desktop Entry Exec quoting: double quotes, with \\ " ` $ escaped; % doubled."""
    arg = arg.replace("%", "%%")
    if arg and not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`'):
        return arg
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return f'"{escaped}"'


def desktop_entry(command: Sequence[str]) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        f"Name={APP_NAME}",
        "Comment=" + _("Daily check-in reminder (starts locked, in the tray)"),
        "Exec=" + " ".join(_quote(a) for a in command),
        f"Icon={APP_ID}",
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
        MARKER,
        "",
    ])


def is_enabled(path: Path | None = None) -> bool:
    path = path or autostart_file()
    try:
        return MARKER in path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


def enable(command: Sequence[str], path: Path | None = None) -> Path:
    path = path or autostart_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and not is_enabled(path):
        raise FileExistsError(_("{path} exists and was not made by {app}; left as it is.").format(
            path=path, app=APP_NAME))
    atomic_write(path, desktop_entry(command).encode("utf-8"))
    return path


def disable(path: Path | None = None) -> bool:
    """Remove our entry; a file someone else wrote under that name is left alone."""
    path = path or autostart_file()
    if not is_enabled(path):
        return False
    path.unlink()
    return True
