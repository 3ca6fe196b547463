"""Fonts, palettes (system, light, dark, high contrast), colours with meaning, chart themes and
the keyboard focus ring."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from selfcare_app.ui.theme import (
    FAMILY,
    SEMANTIC,
    apply_app_font,
    apply_theme,
    chart_theme,
    contrast_ratio,
    dark_palette,
    high_contrast_palette,
    is_dark,
    is_high_contrast,
    light_palette,
    role_style,
    set_role,
    system_point_size,
)

R = QPalette.ColorRole
TEXT_PAIRS = ((R.WindowText, R.Window), (R.Text, R.Base), (R.Text, R.AlternateBase),
              (R.ButtonText, R.Button), (R.HighlightedText, R.Highlight),
              (R.ToolTipText, R.ToolTipBase), (R.Link, R.Base), (R.Link, R.Window),
              (R.PlaceholderText, R.Base), (R.PlaceholderText, R.Window))


def app_() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


@pytest.fixture
def restore_theme() -> Iterator[QApplication]:
    app = app_()
    font = QFont(app.font())
    yield app
    apply_theme(app, "system")
    app.setFont(font)


def test_bundled_font_is_registered_and_used(qtbot: QtBot, restore_theme: QApplication) -> None:
    apply_app_font(restore_theme)
    assert FAMILY in QFontDatabase.families()
    assert restore_theme.font().family() == FAMILY


def test_app_font_keeps_the_desktop_text_size(qtbot: QtBot, restore_theme: QApplication) -> None:
    app = restore_theme
    desktop = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).pointSizeF()
    apply_app_font(app)
    assert app.font().pointSizeF() == pytest.approx(desktop)
    assert system_point_size() == pytest.approx(desktop)
    apply_app_font(app, 16.0)  # a student who set large text
    assert app.font().pointSizeF() == pytest.approx(16.0)
    assert app.font().family() == FAMILY


def test_dark_theme_switches_palette(qtbot: QtBot, restore_theme: QApplication) -> None:
    apply_theme(restore_theme, "dark")
    assert is_dark()
    apply_theme(restore_theme, "light")
    assert not is_dark()
    apply_theme(restore_theme, "high-contrast")
    assert is_dark() and is_high_contrast()


@pytest.mark.parametrize(("make", "minimum"), [(light_palette, 4.5), (dark_palette, 4.5),
                                               (high_contrast_palette, 7.0)])
def test_text_contrast_of_each_palette(make: object, minimum: float) -> None:
    pal = make()  # type: ignore[operator]
    low = {f"{fg.name}/{bg.name}": round(contrast_ratio(pal.color(fg), pal.color(bg)), 2)
           for fg, bg in TEXT_PAIRS}
    assert min(low.values()) >= minimum, low
    # Disabled text stays readable but looks different from enabled text.
    disabled = pal.color(QPalette.ColorGroup.Disabled, R.WindowText)
    assert disabled != pal.color(R.WindowText)
    assert contrast_ratio(disabled, pal.color(R.Window)) >= (4.5 if minimum >= 7 else 2.5)
    # The focus ring (Highlight) stands out from the window: 3:1 for a focus indicator.
    assert contrast_ratio(pal.color(R.Highlight), pal.color(R.Window)) >= 3.0


def test_high_contrast_palette_is_black_white_and_yellow() -> None:
    pal = high_contrast_palette()
    assert pal.color(R.Window) == QColor("#000000")
    assert pal.color(R.WindowText) == QColor("#ffffff")
    assert pal.color(R.Link) == QColor("#ffff00")
    assert contrast_ratio(pal.color(R.WindowText), pal.color(R.Window)) == pytest.approx(21.0)


@pytest.mark.parametrize(("variant", "make", "minimum"), [
    ("light", light_palette, 4.5), ("dark", dark_palette, 4.5),
    ("high-contrast", high_contrast_palette, 7.0)])
def test_colours_with_meaning_are_readable(variant: str, make: object, minimum: float) -> None:
    pal = make()  # type: ignore[operator]
    for name, color in SEMANTIC[variant].items():
        for bg in (R.Window, R.Base):
            ratio = contrast_ratio(color, pal.color(bg))
            assert ratio >= minimum, (variant, name, bg.name, ratio)


def test_wcag_contrast_formula() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)


def test_system_returns_to_the_platform_palette() -> None:
    """In a fresh process: the platform palette, then dark and high contrast, then "system"
    must give back exactly the platform's colours (and no high-contrast style sheet)."""
    script = textwrap.dedent("""
        import sys
        from PySide6.QtGui import QPalette
        from PySide6.QtWidgets import QApplication
        from selfcare_app.ui.theme import apply_theme
        app = QApplication(sys.argv[:1])
        roles = [r for r in QPalette.ColorRole if r not in (QPalette.ColorRole.NColorRoles,)]
        def snap():
            p = app.palette()
            return [p.color(g, r).name() for g in (QPalette.ColorGroup.Active,
                    QPalette.ColorGroup.Disabled) for r in roles]
        platform = snap()
        for theme in ("dark", "high-contrast", "light"):
            apply_theme(app, theme)
            assert snap() != platform, theme
            apply_theme(app, "system")
            assert snap() == platform, (theme, [a for a in zip(snap(), platform) if a[0] != a[1]])
            assert app.styleSheet() == ""
        print("ok")
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, env={**__import__("os").environ,
                                            "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("ok")


def test_roles_follow_a_theme_switch(qtbot: QtBot, restore_theme: QApplication) -> None:
    button = QPushButton("Save")
    error = QWidget()
    qtbot.addWidget(button)
    qtbot.addWidget(error)
    set_role(button, "primary")
    set_role(error, "error")
    apply_theme(restore_theme, "light")
    light = button.styleSheet()
    assert "#0072B2" in light
    assert SEMANTIC["light"]["error"] in error.styleSheet()
    apply_theme(restore_theme, "high-contrast")
    assert button.styleSheet() != light and "#0072B2" not in button.styleSheet()
    assert SEMANTIC["high-contrast"]["error"] in error.styleSheet()
    assert "QPushButton" in restore_theme.styleSheet()  # outlines for controls on black
    apply_theme(restore_theme, "dark")
    assert SEMANTIC["dark"]["error"] in error.styleSheet()
    sheet = restore_theme.styleSheet()
    assert "QLineEdit" in sheet and "border: 1px solid" in sheet  # inputs are outlined
    assert "QScrollBar::handle" in sheet  # a handle that stands out from the groove
    assert role_style("nothing") == ""


def test_chart_themes_per_palette() -> None:
    from selfcare_app.report.charts import HIGH_CONTRAST

    assert chart_theme(light_palette()).name == "light"
    assert chart_theme(dark_palette()).name == "dark"
    hc = chart_theme(high_contrast_palette())
    assert hc.name == "high-contrast" and hc.line_scale > 1.2
    for metric, color in HIGH_CONTRAST.colors.items():
        assert contrast_ratio(color, hc.background) >= 7.0, metric
    assert contrast_ratio(hc.grid, hc.background) >= 3.0


def test_high_contrast_chart_has_thicker_lines() -> None:
    from datetime import date, timedelta

    from selfcare_app.core.entry import DailyEntry
    from selfcare_app.core.trends import build_view
    from selfcare_app.report.charts import HIGH_CONTRAST, LIGHT, TrendChart

    day = date(2026, 11, 25)
    entries = [DailyEntry(day=day - timedelta(days=i), stress=i % 10) for i in range(20)]
    view = build_view(entries, day - timedelta(days=29), day, ["stress"])
    widths = {}
    for theme in (LIGHT, HIGH_CONTRAST):
        chart = TrendChart(theme)
        chart.update(view)
        widths[theme.name] = chart.smooth["stress"].get_linewidth()
        assert chart.smooth["stress"].get_color().lower() == theme.color("stress").lower()
    assert widths["high-contrast"] >= widths["light"] * 1.5


# -- focus ring ---------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _no_ring_left_behind() -> Iterator[None]:
    from selfcare_app.ui.accessibility import remove_focus_ring

    yield
    remove_focus_ring(app_())


def test_focus_ring_installs_once_and_can_be_removed() -> None:
    from selfcare_app.ui.accessibility import (
        FocusRingManager,
        install_focus_ring,
        remove_focus_ring,
    )

    app = app_()
    first = install_focus_ring(app)
    assert install_focus_ring(app) is first
    remove_focus_ring(app)
    QApplication.processEvents()
    assert app.findChild(FocusRingManager, "focusRingManager") is None


def _panel(qtbot: QtBot) -> tuple[QWidget, QLineEdit, QPushButton, QPushButton]:
    from selfcare_app.ui.accessibility import install_focus_ring

    install_focus_ring(app_())
    panel = QWidget()
    qtbot.addWidget(panel)
    col = QVBoxLayout(panel)
    col.setContentsMargins(20, 20, 20, 20)
    col.setSpacing(16)
    field = QLineEdit()
    plain = QPushButton("Plain")
    primary = QPushButton("Primary")
    set_role(primary, "primary")
    for w in (field, plain, primary):
        col.addWidget(w)
    panel.resize(320, 200)
    panel.show()
    panel.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel)
    return panel, field, plain, primary


def _around(panel: QWidget, w: QWidget) -> QImage:
    QApplication.processEvents()
    rect = QRect(w.mapTo(panel, QPoint(0, 0)), w.size()).adjusted(-6, -6, 6, 6)
    return panel.grab(rect).toImage()


def _count(image: QImage, color: QColor) -> int:
    return sum(1 for y in range(image.height()) for x in range(image.width())
               if image.pixelColor(x, y).rgb() == color.rgb())


def _differs(a: QImage, b: QImage) -> int:
    return sum(1 for y in range(a.height()) for x in range(a.width())
               if a.pixelColor(x, y) != b.pixelColor(x, y))


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_keyboard_focus_draws_a_highlight_ring(qtbot: QtBot, restore_theme: QApplication,
                                               theme: str) -> None:
    apply_theme(restore_theme, theme)
    panel, field, plain, primary = _panel(qtbot)
    highlight = panel.palette().color(QPalette.ColorRole.Highlight)
    field.setFocus(Qt.FocusReason.TabFocusReason)  # somewhere else first
    for button in (plain, primary):
        before = _around(panel, button)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is button
        after = _around(panel, button)
        ring = _count(after, highlight) - _count(before, highlight)
        # A 2 px frame all round: at least 2 × perimeter of the button in Highlight pixels.
        assert ring >= 2 * 2 * (button.width() + button.height()), (theme, button.text(), ring)
        assert _differs(before, after) >= ring
    # Tab on: the ring leaves the button.
    QTest.keyClick(primary, Qt.Key.Key_Tab)
    assert _count(_around(panel, primary), highlight) < 2 * (primary.width())


def test_a_mouse_click_shows_no_ring(qtbot: QtBot, restore_theme: QApplication) -> None:
    apply_theme(restore_theme, "light")
    panel, field, plain, _primary = _panel(qtbot)
    highlight = panel.palette().color(QPalette.ColorRole.Highlight)
    field.setFocus(Qt.FocusReason.TabFocusReason)
    before = _count(_around(panel, plain), highlight)
    QTest.mousePress(plain, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is plain
    QTest.mouseRelease(plain, Qt.MouseButton.LeftButton)
    assert _count(_around(panel, plain), highlight) - before < plain.width()


def test_ring_follows_a_scrolled_field(qtbot: QtBot, restore_theme: QApplication) -> None:
    from PySide6.QtWidgets import QScrollArea

    from selfcare_app.ui.accessibility import RING_NAME, install_focus_ring

    install_focus_ring(app_())
    apply_theme(restore_theme, "light")
    area = QScrollArea()
    qtbot.addWidget(area)
    body = QWidget()
    col = QVBoxLayout(body)
    fields = [QLineEdit() for _ in range(30)]
    for f in fields:
        col.addWidget(f)
    area.setWidget(body)
    area.setWidgetResizable(True)
    area.resize(300, 200)
    area.show()
    area.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area)
    fields[0].setFocus(Qt.FocusReason.TabFocusReason)
    for _ in range(20):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    QApplication.processEvents()
    target = QApplication.focusWidget()
    assert target is fields[20]
    ring = area.findChild(QWidget, RING_NAME)
    assert ring is not None and ring.isVisible()
    inside = QRect(target.mapTo(area, QPoint(0, 0)), target.size())
    assert ring.geometry().contains(inside.intersected(area.viewport().geometry()))
    assert area.rect().intersects(ring.geometry())



def test_chart_text_follows_the_desktop_text_size(qtbot: QtBot) -> None:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from selfcare_app.core.instruments import get_instrument
    from selfcare_app.report.charts import BASE_FONT_SIZE
    from selfcare_app.report.selfcheck_chart import build_history_figure
    from selfcare_app.ui.theme import chart_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QFont(app.font())
    try:
        big = QFont(before)
        big.setPointSizeF(16)
        app.setFont(big)
        theme = chart_theme(app.palette())
        assert theme.font() == pytest.approx(BASE_FONT_SIZE * 1.6)
        fig = build_history_figure(get_instrument("who5"), [], theme)
        ticks = fig.axes[0].get_yticklabels()
        assert ticks and min(t.get_fontsize() for t in ticks) >= BASE_FONT_SIZE * 1.6 - 0.01
        normal = QFont(before)
        normal.setPointSizeF(10)
        app.setFont(normal)
        assert chart_theme(app.palette()).font() == pytest.approx(BASE_FONT_SIZE)
    finally:
        app.setFont(before)
