"""The one lazy matplotlib canvas helper (ui/chart_canvas.py)."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy
from pytestqt.qtbot import QtBot

from selfcare_app.ui.chart_canvas import chart_canvas, new_figure


def test_importing_the_helper_does_not_import_matplotlib() -> None:
    code = ("import sys, selfcare_app.ui.chart_canvas, selfcare_app.ui.pages.trends, "
            "selfcare_app.ui.pages.selfchecks, selfcare_app.ui.widgets.patterns_tab; "
            "print(sorted(m for m in ('matplotlib', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip() == "[]"


def test_a_canvas_is_named_sized_and_refits_when_resized(qtbot: QtBot) -> None:
    fits: list[int] = []
    figure = new_figure(6.4, 2.8)
    canvas = chart_canvas(figure, "History chart", description="3 results",
                          on_resize=lambda: fits.append(1),
                          policy=(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed),
                          min_height=240, focusable=True)
    qtbot.addWidget(canvas)
    assert canvas.figure is figure and tuple(figure.get_size_inches()) == (6.4, 2.8)
    assert (canvas.accessibleName(), canvas.accessibleDescription()) == ("History chart",
                                                                         "3 results")
    policy = canvas.sizePolicy()
    assert (policy.horizontalPolicy(), policy.verticalPolicy()) == (
        QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    assert canvas.minimumHeight() == 240 and canvas.focusPolicy() == Qt.FocusPolicy.StrongFocus
    canvas.resize(500, 260)
    canvas.show()
    qtbot.waitUntil(lambda: bool(fits))


def test_defaults_leave_matplotlibs_own_policy(qtbot: QtBot) -> None:
    canvas = chart_canvas(new_figure(4, 3), "Chart")
    qtbot.addWidget(canvas)
    policy = canvas.sizePolicy()
    assert (policy.horizontalPolicy(), policy.verticalPolicy()) == (
        QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    assert canvas.accessibleDescription() == "" and canvas.focusPolicy() == \
        Qt.FocusPolicy.NoFocus
