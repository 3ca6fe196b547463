"""The architecture is a rule the build checks: core is pure, data has no Qt, no network."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "selfcare_app"
FORBIDDEN = {
    "core": ("PySide6", "shiboken6", "sqlcipher3", "sqlite3", "matplotlib", "numpy",
             "selfcare_app.data", "selfcare_app.ui", "selfcare_app.report", "selfcare_app.cli"),
    "data": ("PySide6", "shiboken6", "matplotlib", "selfcare_app.ui", "selfcare_app.report"),
    "report": ("PySide6.QtWidgets", "sqlcipher3", "selfcare_app.ui", "matplotlib.pyplot"),
}
NETWORK = ("socket", "ssl", "urllib", "http", "ftplib", "smtplib", "requests", "httpx",
           "aiohttp", "PySide6.QtNetwork", "xmlrpc", "asyncio.streams")


def imports_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{a.name}" for a in node.names]
    return names


def offending(names: list[str], banned: tuple[str, ...]) -> list[str]:
    return [n for n in names if any(n == b or n.startswith(b + ".") for b in banned)]


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    problems = {
        str(p.relative_to(SRC)): offending(imports_of(p), FORBIDDEN[layer])
        for p in (SRC / layer).rglob("*.py")
    }
    assert {k: v for k, v in problems.items() if v} == {}


def test_no_network_capable_imports_anywhere() -> None:
    problems = {str(p.relative_to(SRC)): offending(imports_of(p), NETWORK)
                for p in SRC.rglob("*.py")}
    assert {k: v for k, v in problems.items() if v} == {}


def test_the_checker_catches_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport urllib.request\n")
    assert offending(imports_of(bad), FORBIDDEN["core"]) == ["PySide6.QtCore",
                                                              "PySide6.QtCore.QObject"]
    assert offending(imports_of(bad), NETWORK) == ["urllib.request"]
