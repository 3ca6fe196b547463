"""Start at login: an XDG autostart entry we write atomically and only ever remove our own."""

from __future__ import annotations

import configparser
import shlex
import sys
from pathlib import Path

import pytest

from selfcare_app import APP_ID, autostart


def test_location_follows_xdg_config_home(tmp_path: Path) -> None:
    assert autostart.autostart_file({"XDG_CONFIG_HOME": str(tmp_path)}) == \
        tmp_path / "autostart" / f"{APP_ID}.desktop"
    assert autostart.autostart_file({"HOME": str(tmp_path)}) == \
        tmp_path / ".config" / "autostart" / f"{APP_ID}.desktop"


def test_enable_writes_a_valid_entry_that_starts_in_the_background(tmp_path: Path) -> None:
    path = tmp_path / "autostart" / f"{APP_ID}.desktop"
    command = ["/opt/my apps/selfcare-app", "--data-dir", "/home/s/100% mine", "--background"]
    autostart.enable(command, path)
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Icon"] == APP_ID
    # The spec's quoting: %% for a literal %, double quotes around arguments with spaces.
    assert shlex.split(entry["Exec"].replace("%%", "%")) == command
    assert autostart.is_enabled(path)
    assert path.stat().st_mode & 0o077 == 0


def test_disable_removes_only_our_own_entry(tmp_path: Path) -> None:
    path = tmp_path / f"{APP_ID}.desktop"
    assert autostart.disable(path) is False  # nothing there
    path.write_text("[Desktop Entry]\nExec=something-else\n")
    assert autostart.disable(path) is False and path.exists()
    with pytest.raises(FileExistsError, match="left as it is"):
        autostart.enable(["selfcare-app", "--background"], path)
    assert path.read_text() == "[Desktop Entry]\nExec=something-else\n"
    path.unlink()
    autostart.enable(["selfcare-app", "--background"], path)
    assert autostart.disable(path) is True and not path.exists()


def test_command_names_this_installation_and_the_background_flag(tmp_path: Path) -> None:
    command = autostart.app_command(tmp_path)
    assert command[-3:] == ["--data-dir", str(tmp_path), "--background"]
    assert Path(command[0]).name in {"selfcare-app", Path(sys.executable).name}
    assert autostart.app_command(None)[-1] == "--background"
    assert "--data-dir" not in autostart.app_command(None)


def test_supported_on_linux_only_here() -> None:
    assert autostart.supported("linux") and not autostart.supported("win32")
    assert not autostart.supported("darwin")
