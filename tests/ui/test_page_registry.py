"""One page registry for the sidebar, Ctrl+N and navigation; pages and dialogs that don't need
the main window; refresh topics from one typed list."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from selfcare_app.ui.page_registry import PAGE_KEYS, PAGES, page_spec
from selfcare_app.ui.session import ALL_TOPICS
from tests.ui.conftest import create_and_unlock

SRC = Path(__file__).resolve().parents[2] / "src"


def test_every_spec_loads_its_page_with_the_same_key_and_title() -> None:
    assert len(set(PAGE_KEYS)) == len(PAGES)
    for spec in PAGES:
        cls = spec.load()
        assert (cls.key, cls.title) == (spec.key, spec.title)
        assert (SRC / "selfcare_app" / "resources" / "icons" / spec.icon).exists()
    assert page_spec("learn").key == "learn"


def test_import_linter_sees_every_page_through_the_registry() -> None:
    import grimp

    graph = grimp.build_graph("selfcare_app")
    for spec in PAGES:
        module = spec.factory().__module__
        assert graph.direct_import_exists(importer="selfcare_app.ui.page_registry",
                                          imported=module), module


def test_sidebar_and_ctrl_n_follow_the_registry(qtbot: QtBot, window: Any) -> None:
    create_and_unlock(qtbot, window)
    keys = [str(window.sidebar.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(window.sidebar.count())]
    assert keys == list(PAGE_KEYS) and list(window.pages) == list(PAGE_KEYS)
    shortcuts = {a.shortcut().toString(QKeySequence.SequenceFormat.PortableText): a.text()
                 for a in window.main_area.actions()}
    for number, spec in enumerate(PAGES, start=1):
        assert shortcuts[f"Ctrl+{number}"] == f"Go to {spec.title}"
        assert window.sidebar.item(number - 1).text() == spec.title
    window.navigate("resources")
    assert window.current_page() is window.pages["resources"]
    assert window.sidebar.currentRow() == PAGE_KEYS.index("resources")


def test_dialogs_and_pages_import_without_the_main_window() -> None:
    modules = ["selfcare_app.ui.vault_controller", "selfcare_app.ui.page_registry",
               "selfcare_app.ui.vault_care", "selfcare_app.ui.preferences",
               "selfcare_app.ui.reminders", "selfcare_app.ui.shortcuts_dialog",
               "selfcare_app.ui.findings_dialogs", "selfcare_app.ui.help_dialog"]
    modules += sorted(f"selfcare_app.ui.dialogs.{p.stem}"
                      for p in (SRC / "selfcare_app" / "ui" / "dialogs").glob("*.py"))
    code = ("import sys\n"
            f"for name in {modules!r}:\n"
            "    __import__(name)\n"
            "from selfcare_app.ui.page_registry import PAGES\n"
            "for spec in PAGES:\n"
            "    spec.load()\n"
            "print('main_window' in ' '.join(sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip() == "False", out.stderr


def test_every_topic_notified_or_listened_for_is_a_known_topic() -> None:
    """mypy checks `notify(...)` calls; this also covers topics compared in the listeners."""
    used: set[str] = set()
    for path in (SRC / "selfcare_app" / "ui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"notify\(\"(\w+)\"\)", text))
        groups = re.findall(r"topic (?:==|in) (\([^)]*\)|\"\w+\")", text)
        groups += re.findall(r"TOPICS\b[^=\n]*= (\([^)]*\))", text)  # REFRESH_TOPICS = (…)
        groups += re.findall(r"changed, (\([^)]*\))", text)  # StaleRefresh(self, s.changed, (…)
        for group in groups:
            used |= set(re.findall(r"\"(\w+)\"", group))
    assert {"entries", "people"} <= used <= set(ALL_TOPICS), used - set(ALL_TOPICS)


def test_the_typed_setting_keys_are_the_modelled_ones_and_the_practice_list() -> None:
    from typing import get_args

    from selfcare_app.core.practices import SETTING_KEY
    from selfcare_app.core.settings_model import SPECS, SettingKey

    assert set(get_args(SettingKey)) == set(SPECS) | {SETTING_KEY}
