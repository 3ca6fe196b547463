"""The command line under LANGUAGE=en@pseudo: everything the app itself says comes through the
catalog (⟦…⟧ pseudo text), while content (campus resources, crisis lines, citations) and data
stay as they are; without a language the English is unchanged (issue 15, item 5)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from selfcare_app.core.resource import CATEGORY_LABELS

PASS = "correct horse battery staple tulip"
TODAY = "2026-11-25"
_LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def _run(data_dir: Path, *args: str, language: str | None, stdin: str = PASS + "\n"
         ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("SELFCARE_") and k not in _LOCALE_VARS}
    env.update({"SELFCARE_TODAY": TODAY, "PYTHONDONTWRITEBYTECODE": "1",
                "PYTHONIOENCODING": "utf-8"})
    if language:
        env["LANGUAGE"] = language
    return subprocess.run([sys.executable, "-m", "selfcare_app", "--data-dir", str(data_dir),
                           *args], input=stdin, capture_output=True, text=True, env=env,
                          encoding="utf-8", timeout=120)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pseudo")
    made = _run(folder, "demo", "--days", "90", language="en@pseudo")
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("⟦") and "⟧" in made.stdout
    return folder


def _plain_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and "⟦" not in line]


def test_check_and_signals_are_pseudo_translated_throughout(demo: Path) -> None:
    check = _run(demo, "check", language="en@pseudo")
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("⟦ÓĶ: ") and not _plain_lines(check.stdout)
    signals = _run(demo, "signals", language="en@pseudo")
    assert signals.returncode == 0, signals.stderr
    assert signals.stdout.count("⟦") > 20
    assert not _plain_lines(signals.stdout), _plain_lines(signals.stdout)


def test_errors_are_pseudo_translated(demo: Path) -> None:
    wrong = _run(demo, "check", language="en@pseudo", stdin="not the passphrase\n")
    assert wrong.returncode == 3
    assert wrong.stderr.startswith("selfcare-app: ⟦Ŧĥàŧ pàššpĥŕàšé") and "⟧" in wrong.stderr
    bad = _run(demo, "log", "--stress", "44", language="en@pseudo")
    assert bad.returncode == 2 and "⟦" in bad.stderr and "44" in bad.stderr
    missing = _run(demo / "nowhere", "check", language="en@pseudo")
    assert missing.returncode == 4 and not _plain_lines(missing.stderr)


def test_resources_translate_the_app_and_keep_content(demo: Path) -> None:
    shown = _run(demo, "resources", language="en@pseudo")
    assert shown.returncode == 0, shown.stderr
    assert "⟦Ĥéĺp ñóŵ" in shown.stdout
    # Left plain: a campus's own words, crisis-line content (translated by content files)
    # and category headings (core/resource.py's labels).
    content = [line for line in _plain_lines(shown.stdout)
               if line.strip() not in CATEGORY_LABELS.values()]
    assert content and all(line.startswith("  ") for line in content), content


def test_english_is_unchanged_without_a_language(demo: Path) -> None:
    check = _run(demo, "check", language=None)
    assert check.stdout.startswith("OK: ") and "⟦" not in check.stdout + check.stderr
    signals = _run(demo, "signals", language=None)
    assert "What we noticed in your logs and self-checks as of" in signals.stdout
    assert "⟦" not in signals.stdout
