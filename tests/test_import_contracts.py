"""The custom import-linter contract (scripts/import_contracts.py) catches indirect imports of
an external submodule; test.sh runs the real contracts in pyproject.toml with `lint-imports`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")

CONFIG = """\
[importlinter]
root_package = fakeapp
include_external_packages = True
contract_types =
    forbidden_submodules: scripts.import_contracts.ForbiddenSubmodulesContract

[importlinter:contract:report]
name = report never reaches widgets
type = forbidden_submodules
source_modules =
    fakeapp.report
forbidden_modules =
    PySide6.QtWidgets
"""


def run_lint(tmp_path: Path, helper_source: str) -> subprocess.CompletedProcess[str]:
    pkg = tmp_path / "fakeapp"
    (pkg / "report").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "report" / "__init__.py").write_text("")
    (pkg / "report" / "pdf.py").write_text(
        "from PySide6.QtGui import QPdfWriter\nfrom fakeapp import helper\n")
    (pkg / "helper.py").write_text(helper_source)
    (tmp_path / ".importlinter").write_text(CONFIG)
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"}
    return subprocess.run([str(LINT), "--no-cache", "--no-logo"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60, check=False)


def test_qtgui_is_allowed(tmp_path: Path) -> None:
    result = run_lint(tmp_path, "import json\n")
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_indirect_widgets_import_breaks_the_contract(tmp_path: Path) -> None:
    result = run_lint(tmp_path, "def f():\n    from PySide6 import QtGui, QtWidgets\n")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "fakeapp.report.pdf -> fakeapp.helper imports PySide6.QtWidgets" in result.stdout
