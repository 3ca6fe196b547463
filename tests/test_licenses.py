"""The third-party notices shipped in About → Licences name every runtime dependency."""

from __future__ import annotations

import importlib.util
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _collector():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "collect_licenses", ROOT / "scripts" / "collect_licenses.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_runtime_dependency_has_its_licence_shipped() -> None:
    text = resources.files("selfcare_app.resources").joinpath(
        "licenses", "third-party.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    headers = [lines[i + 1] for i in range(len(lines) - 1) if lines[i] == "=" * 72
               and lines[i + 1] != "=" * 72]
    names = {h.split(" ")[0].lower().replace("_", "-") for h in headers}
    needed = set(_collector().runtime_distributions())
    missing = needed - names
    assert not missing, f"re-run scripts/collect_licenses.py: {sorted(missing)} not listed"
    for bundled in ("SQLCipher", "OpenSSL", "Qt 6"):
        assert bundled in text
