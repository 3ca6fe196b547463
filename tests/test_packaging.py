"""Packaging: one reverse-DNS app id everywhere, validated desktop file and metainfo, icons,
the bundle and Flatpak recipes, and package data that ships with the wheel."""

from __future__ import annotations

import configparser
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from selfcare_app import APP_ID, __version__

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
HICOLOR = LINUX / "icons" / "hicolor"
SVG = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
FLATPAK = PACKAGING / "flatpak"
MANIFEST = FLATPAK / f"{APP_ID}.yml"
REPO_URL = "https://github.com/selfcare-app/selfcare"
SCREENSHOTS = ("today", "trends", "selfchecks", "resources", "lock")


def _project() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]  # type: ignore[no-any-return]


def _desktop_entry() -> configparser.SectionProxy:
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    desktop.read(DESKTOP, encoding="utf-8")
    return desktop["Desktop Entry"]


def _tool(name: str) -> str:
    """Path of a validator; skipped when missing on a developer machine, a failure on CI."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing on CI: packaging/system-deps.sh must install it")
        pytest.skip(f"{name} not installed (packaging/system-deps.sh installs it)")
    return path


# -- desktop file and AppStream metainfo ---------------------------------------------------


def test_desktop_file_passes_desktop_file_validate() -> None:
    result = subprocess.run([_tool("desktop-file-validate"), str(DESKTOP)],
                            capture_output=True, text=True)
    # Exit 0 allows hints; the file gets none (a second main category would be one).
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "" and result.stderr.strip() == ""


def test_metainfo_passes_appstreamcli_validate() -> None:
    result = subprocess.run([_tool("appstreamcli"), "validate", "--no-net", "--pedantic",
                             "--explain", str(METAINFO)], capture_output=True, text=True)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    # Errors and warnings fail; infos and pedantic notes (the app id has capitals, by design)
    # are allowed.
    assert not re.search(r"^[EW]: ", out, re.MULTILINE), out


def test_desktop_file_and_metainfo_use_the_app_id() -> None:
    entry = _desktop_entry()
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == "selfcare-app"
    meta = ET.parse(METAINFO).getroot()
    assert meta.findtext("id") == APP_ID
    assert meta.findtext("launchable") == DESKTOP.name
    assert meta.findtext("provides/binary") == "selfcare-app"
    assert "selfcare-app" in _project()["scripts"]  # type: ignore[operator]
    desktop_categories = set(filter(None, entry["Categories"].split(";")))
    assert {c.text for c in meta.iterfind("categories/category")} <= desktop_categories


def test_metainfo_release_is_the_package_version_with_a_date() -> None:
    meta = ET.parse(METAINFO).getroot()
    releases = meta.findall("releases/release")
    assert releases, "metainfo needs a <releases> entry"
    newest = releases[0]  # AppStream lists releases newest first
    assert newest.get("version") == _project()["version"] == __version__
    released = date.fromisoformat(newest.get("date", ""))
    assert released.year >= 2026
    assert newest.find("description") is not None


def test_metainfo_has_a_store_listing() -> None:
    meta = ET.parse(METAINFO).getroot()
    assert meta.findtext("developer/name")
    urls = {u.get("type"): u.text for u in meta.iterfind("url")}
    assert urls["homepage"] == REPO_URL
    assert urls["bugtracker"] == f"{REPO_URL}/issues"
    shots = meta.findall("screenshots/screenshot")
    images = [s.findtext("image") for s in shots]
    raw = "https://raw.githubusercontent.com/selfcare-app/selfcare/main/docs/screenshots"
    assert images == [f"{raw}/{name}.png" for name in SCREENSHOTS]
    assert all(s.findtext("caption") for s in shots)
    assert [s.get("type") for s in shots].count("default") == 1
    assert meta.find("content_rating").get("type") == "oars-1.1"  # type: ignore[union-attr]
    assert len(meta.findall("keywords/keyword")) >= 5
    assert {c.text for c in meta.iterfind("supports/control")} == {"keyboard", "pointing"}
    # The main window's minimum height is 640 logical pixels.
    assert meta.findtext("requires/display_length") == "640"
    assert meta.find("requires/display_length").get("compare") == "ge"  # type: ignore[union-attr]
    assert meta.findtext("recommends/display_length")


def test_system_deps_install_the_validators() -> None:
    script = (PACKAGING / "system-deps.sh").read_text()
    packages = re.search(r"PKGS=\((.*?)\)", script, re.DOTALL)
    assert packages is not None
    assert {"desktop-file-utils", "appstream"} <= set(packages.group(1).split())


def test_system_deps_install_what_the_atspi_test_needs() -> None:
    script = (PACKAGING / "system-deps.sh").read_text()
    packages = re.search(r"PKGS=\((.*?)\)", script, re.DOTALL)
    assert packages is not None
    assert {"xvfb", "dbus", "at-spi2-core", "xdotool", "python3-pyatspi",
            "gir1.2-atspi-2.0"} <= set(packages.group(1).split())


# -- icons ---------------------------------------------------------------------------------


def _check_icon(path: Path, size: int) -> None:
    from PySide6.QtGui import QColor, QImage

    image = QImage(str(path))
    assert not image.isNull(), path
    assert (image.width(), image.height()) == (size, size), path
    assert image.hasAlphaChannel()
    assert image.pixelColor(0, 0).alpha() == 0, "corners are transparent (rounded square)"
    centre = image.pixelColor(size // 2, size // 2)
    assert centre.alpha() == 255
    colours = {image.pixel(x, y) for x in range(size) for y in range(size)}
    assert len(colours) >= 3, "not blank"
    blue = QColor("#0072B2")
    edge = image.pixelColor(size // 2, max(1, size // 10))  # the blue square's top band
    assert abs(edge.red() - blue.red()) + abs(edge.green() - blue.green()) \
        + abs(edge.blue() - blue.blue()) < 30, (path, edge.name())


@pytest.mark.parametrize("size", PNG_SIZES)
def test_hicolor_png_exists_at_its_size_and_is_not_blank(size: int) -> None:
    _check_icon(HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png", size)


def test_scalable_icon_and_package_resource_png() -> None:
    assert SVG.read_text().lstrip().startswith("<svg")
    png = resources.files("selfcare_app.resources").joinpath("icons", "selfcare-256.png")
    _check_icon(Path(str(png)), 256)
    assert png.read_bytes() == (HICOLOR / "256x256" / "apps" / f"{APP_ID}.png").read_bytes()


def test_pngs_are_rendered_from_the_current_svg() -> None:
    """Fails when the SVG was edited without running packaging/make_icons.py."""
    result = subprocess.run([sys.executable, str(PACKAGING / "make_icons.py"), "--check"],
                            capture_output=True, text=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stdout + result.stderr


def test_install_desktop_entry_for_the_user(tmp_path: Path) -> None:
    program = tmp_path / "opt dir" / "selfcare-app"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    data = tmp_path / "share"
    env = {**os.environ, "XDG_DATA_HOME": str(data)}
    script = str(PACKAGING / "install-desktop-entry.sh")
    subprocess.run([script, "--exec", str(program)], check=True, env=env, capture_output=True)
    desktop = data / "applications" / DESKTOP.name
    text = desktop.read_text()
    assert f'Exec="{program}"' in text  # quoted: the path has a space
    assert text.replace(f'Exec="{program}"', "Exec=selfcare-app") == DESKTOP.read_text()
    assert (data / "metainfo" / METAINFO.name).read_bytes() == METAINFO.read_bytes()
    for size in PNG_SIZES:
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").exists()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / SVG.name).exists()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True,
                               text=True)
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout

    subprocess.run([script, "--uninstall"], check=True, env=env, capture_output=True)
    assert not desktop.exists()
    assert not list((data / "icons").rglob(f"{APP_ID}.*"))


# -- bundle --------------------------------------------------------------------------------


def test_pyinstaller_launcher_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "pyinstaller" / "launcher.py"), "--version"],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"selfcare-app {__version__}"


def test_pyinstaller_spec_keeps_the_network_out() -> None:
    spec = (PACKAGING / "pyinstaller" / "selfcare_app.spec").read_text()
    assert 'collect_data_files("selfcare_app"' in spec
    assert 'collect_submodules("selfcare_app")' in spec
    for excluded in ('"QtNetwork"', '"libQt6Network.so.6"', "libqvnc", '"ssl"'):
        assert excluded in spec, excluded
    compile(spec, "selfcare_app.spec", "exec")


@pytest.mark.parametrize("script", ["build-bundle.sh", "check-bundle.sh",
                                    "install-desktop-entry.sh", "system-deps.sh"])
def test_packaging_scripts_are_executable_bash(script: str) -> None:
    path = PACKAGING / script
    assert os.access(path, os.X_OK), f"{script} is not executable"
    subprocess.run(["bash", "-n", str(path)], check=True)


# -- Flatpak -------------------------------------------------------------------------------

FINISH_ARGS = {
    "--socket=wayland", "--socket=fallback-x11", "--share=ipc", "--device=dri",
    "--talk-name=org.kde.StatusNotifierWatcher", "--own-name=org.kde.StatusNotifierItem-2-1",
    "--talk-name=org.freedesktop.Notifications",
}


def _yaml_value(key: str) -> str:
    match = re.search(rf"^{key}: *'?([^'\s#]+)'?", MANIFEST.read_text(), re.MULTILINE)
    assert match is not None, key
    return match.group(1)


def test_flatpak_manifest_permissions_have_no_network() -> None:
    text = MANIFEST.read_text()
    args = set(re.findall(r"^  - (--[\w=.\-]+)", text, re.MULTILINE))
    assert args == FINISH_ARGS
    assert "--share=network" not in re.sub(r"#.*", "", text)
    assert not any(a.startswith("--filesystem") for a in args)
    assert _yaml_value("id") == APP_ID
    assert _yaml_value("runtime-version") == _yaml_value("base-version")


def _deps_module(name: str) -> dict[str, object]:
    return json.loads((FLATPAK / name).read_text())  # type: ignore[no-any-return]


def test_flatpak_python_modules_pin_every_wheel() -> None:
    generator = (FLATPAK / "make_python_deps.py").read_text()
    python = re.search(r'^PYTHON = "(3\.\d+)"', generator, re.MULTILINE)
    assert python is not None
    cp = "cp" + python.group(1).replace(".", "")
    requires = _project()["requires-python"]
    assert requires == ">=3.11,<3.14" and python.group(1) in ("3.11", "3.12", "3.13")
    names: dict[str, set[str]] = {}
    for module in ("python3-deps.json", "python3-build-tools.json"):
        for source in _deps_module(module)["sources"]:  # type: ignore[attr-defined]
            url = source["url"]
            assert url.startswith("https://files.pythonhosted.org/packages/"), url
            assert re.fullmatch(r"[0-9a-f]{64}", source["sha256"])
            filename = url.rsplit("/", 1)[1]
            assert filename.endswith(".whl")
            tags = filename[:-4].split("-")
            if tags[-1] != "any":
                assert tags[-3] == cp, filename  # built for the runtime's Python
            arches = source.get("only-arches", ["x86_64", "aarch64"])
            names.setdefault(tags[0].lower().replace("_", "-"), set()).update(arches)
    for dep in _project()["dependencies"]:  # type: ignore[attr-defined]
        name = re.split(r"[<>=!~;\s]", dep, maxsplit=1)[0].lower()
        if name.startswith("pyside6"):
            continue  # the io.qt.PySide.BaseApp layer provides PySide6
        assert names.get(name) == {"x86_64", "aarch64"}, name


def test_flatpak_manifest_loads_in_flatpak_builder(tmp_path: Path) -> None:
    builder = shutil.which("flatpak-builder")
    if builder is None:
        pytest.skip("flatpak-builder not installed (optional: apt-get install flatpak-builder)")
    result = subprocess.run([builder, "--show-manifest", MANIFEST.name], cwd=FLATPAK,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    manifest = json.loads(result.stdout)
    assert manifest["id"] == APP_ID and manifest["command"] == "selfcare-app"
    assert set(manifest["finish-args"]) == FINISH_ARGS
    assert [m["name"] for m in manifest["modules"]] == [
        "python3-deps", "python3-build-tools", "selfcare-app"]


# -- package data --------------------------------------------------------------------------


def test_console_script_and_python_range() -> None:
    project = _project()
    assert project["scripts"]["selfcare-app"] == "selfcare_app.__main__:main"  # type: ignore[index]
    deps = " ".join(project["dependencies"])  # type: ignore[arg-type]
    assert "PySide6-Essentials>=6.10,<6.12; python_version < '3.12'" in deps
    assert project["requires-python"] == ">=3.11,<3.14"


def test_resources_are_package_data() -> None:
    fonts = resources.files("selfcare_app.resources").joinpath("fonts")
    assert fonts.joinpath("DejaVuSans.ttf").read_bytes()[:4] == b"\x00\x01\x00\x00"
    migrations = resources.files("selfcare_app.data").joinpath("migrations")
    assert any(p.name.endswith(".sql") for p in migrations.iterdir())
