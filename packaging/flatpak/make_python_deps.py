#!/usr/bin/env python3
"""Write the Flatpak modules that install Selfcare's Python dependencies from pinned PyPI wheels.

    .venv/bin/python packaging/flatpak/make_python_deps.py   # rewrites python3-deps.json and
                                                             # python3-build-tools.json beside it

The output is what `flatpak-pip-generator --runtime org.kde.Sdk//<branch> --prefer-wheels ...`
produces (README.md beside this file shows that command), but it needs no Flatpak runtime: pip
resolves the dependencies of pyproject.toml for the runtime's Python (PYTHON below) and each
architecture, at the versions installed in the interpreter that runs this script (the tested
.venv), and every wheel is pinned by URL and sha256. PySide6 is left out: the
io.qt.PySide.BaseApp layer provides it, built against the runtime's Qt.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# org.kde.Platform 6.10 is built on freedesktop-sdk 25.08, whose Python is 3.13. Change this
# together with runtime-version/base-version in io.github.selfcare_app.Selfcare.yml.
PYTHON = "3.13"
ARCHES = ("x86_64", "aarch64")
PROVIDED_BY_BASEAPP = {"pyside6", "pyside6-essentials", "shiboken6"}
BUILD_TOOLS = ["setuptools>=77", "wheel"]  # pyproject's build backend (PEP 639 license string)
# Console scripts of dependencies that the app never runs.
DEPS_CLEANUP = ["/bin/f2py", "/bin/numpy-config", "/bin/fonttools", "/bin/pyftmerge",
                "/bin/pyftsubset", "/bin/ttx", "/share/man"]


def runtime_requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    out = []
    for req in project["dependencies"]:
        name = re.split(r"[<>=!~;\s\[]", req, maxsplit=1)[0].lower()
        if name not in PROVIDED_BY_BASEAPP:
            out.append(req)
    return out


def tested_versions() -> str:
    """Pins for every distribution installed beside this interpreter (run it with .venv/bin/python
    so that the Flatpak gets the versions the test suite ran against)."""
    from importlib import metadata

    pins = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if name and name.lower() not in ("selfcare-app", "pip"):
            pins[name.lower()] = f"{name}=={dist.version}"
    return "\n".join(sorted(pins.values())) + "\n"


def pypi_only_env() -> dict[str, str]:
    """The environment minus local pip configuration (mirrors, find-links, constraints)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_CONSTRAINT",
                        "PIP_NO_INDEX")}
    env["PIP_CONFIG_FILE"] = os.devnull  # pip then reads no configuration file at all
    env["PIP_INDEX_URL"] = "https://pypi.org/simple"
    return env


def resolve(requirements: list[str], arch: str, pin: bool) -> list[dict[str, str]]:
    """pip's resolution for the runtime's CPython on one architecture: name, version, url, sha."""
    tag = PYTHON.replace(".", "")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        cmd = [sys.executable, "-m", "pip", "install", "--quiet", "--dry-run", "--ignore-installed",
               "--only-binary=:all:", "--python-version", PYTHON, "--implementation", "cp",
               "--abi", f"cp{tag}", "--target", str(Path(tmp) / "t"), "--report", str(report)]
        for platform in (f"manylinux_2_28_{arch}", f"manylinux_2_17_{arch}",
                         f"manylinux2014_{arch}"):
            cmd += ["--platform", platform]
        if pin:
            constraints = Path(tmp) / "constraints.txt"
            constraints.write_text(tested_versions(), encoding="utf-8")
            cmd += ["--constraint", str(constraints)]
        subprocess.run(cmd + requirements, check=True, env=pypi_only_env())
        items = json.loads(report.read_text())["install"]
    out = []
    for item in items:
        info = item["download_info"]
        if not info["url"].startswith("https://files.pythonhosted.org/"):
            raise SystemExit(f"not a PyPI download: {info['url']}")
        out.append({"name": item["metadata"]["name"], "version": item["metadata"]["version"],
                    "url": info["url"], "sha256": info["archive_info"]["hashes"]["sha256"]})
    return sorted(out, key=lambda d: d["name"].lower())


def sources(requirements: list[str], pin: bool) -> list[dict[str, object]]:
    """One `file` source per wheel; wheels that differ by architecture get `only-arches`."""
    wheels: dict[str, dict[str, str]] = {}
    arches: dict[str, list[str]] = {}
    for arch in ARCHES:
        for wheel in resolve(requirements, arch, pin):
            wheels[wheel["url"]] = wheel
            arches.setdefault(wheel["url"], []).append(arch)
    out: list[dict[str, object]] = []
    for url in sorted(wheels, key=lambda u: u.rsplit("/", 1)[1].lower()):
        entry: dict[str, object] = {"type": "file", "url": url, "sha256": wheels[url]["sha256"]}
        if arches[url] != list(ARCHES):
            entry["only-arches"] = arches[url]
        out.append(entry)
    return out


def pip_install(names: list[str]) -> str:
    return ('pip3 install --verbose --exists-action=i --no-index --find-links="file://${PWD}" '
            '--prefix=${FLATPAK_DEST} --no-build-isolation ' + " ".join(names))


def bare(req: str) -> str:
    return re.split(r"[<>=!~;\s\[]", req, maxsplit=1)[0]


def main() -> int:
    requirements = runtime_requirements()
    deps = {
        "name": "python3-deps",
        "buildsystem": "simple",
        "build-commands": [pip_install([bare(r) for r in requirements])],
        "sources": sources(requirements, pin=True),
        "cleanup": DEPS_CLEANUP,
    }
    tools = {
        "name": "python3-build-tools",
        "buildsystem": "simple",
        "build-commands": [pip_install([bare(r) for r in BUILD_TOOLS])],
        "sources": sources(BUILD_TOOLS, pin=False),
        "cleanup": ["*"],  # needed to build the app only
    }
    for name, module in (("python3-deps.json", deps), ("python3-build-tools.json", tools)):
        (HERE / name).write_text(json.dumps(module, indent=2) + "\n", encoding="utf-8")
        print(f"wrote packaging/flatpak/{name} ({len(module['sources'])} wheels)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
