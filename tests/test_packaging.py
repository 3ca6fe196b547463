"""One reverse-DNS app id everywhere; package data ships with the wheel."""

from __future__ import annotations

import configparser
import tomllib
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

from selfcare_app import APP_ID

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"


def test_desktop_file_and_metainfo_use_the_app_id() -> None:
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Icon"] == APP_ID and entry["Exec"].startswith("selfcare-app")
    meta = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert meta.findtext("id") == APP_ID
    assert meta.find("launchable").text == f"{APP_ID}.desktop"  # type: ignore[union-attr]
    assert (LINUX / f"{APP_ID}.svg").exists()


def test_console_script_and_python_range() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["scripts"]["selfcare-app"] == "selfcare_app.__main__:main"
    deps = " ".join(project["dependencies"])
    assert "PySide6-Essentials>=6.10,<6.12; python_version < '3.12'" in deps
    assert project["requires-python"] == ">=3.11,<3.14"


def test_resources_are_package_data() -> None:
    fonts = resources.files("selfcare_app.resources").joinpath("fonts")
    assert fonts.joinpath("DejaVuSans.ttf").read_bytes()[:4] == b"\x00\x01\x00\x00"
    migrations = resources.files("selfcare_app.data").joinpath("migrations")
    assert any(p.name.endswith(".sql") for p in migrations.iterdir())
