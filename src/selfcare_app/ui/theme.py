"""Fonts and palette: the app registers its own TTF so it never depends on system fonts."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")
FAMILY = "DejaVu Sans"

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
ACCENT = "#0072B2"
HELP = "#B3261E"
OK = "#1B7F3B"


def register_fonts() -> str:
    folder = resources.files("selfcare_app.resources").joinpath("fonts")
    family = FAMILY
    for name in FONT_FILES:
        data = folder.joinpath(name).read_bytes()
        font_id = QFontDatabase.addApplicationFontFromData(data)
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = families[0]
    return family


def apply_app_font(app: QGuiApplication) -> None:
    family = register_fonts()
    font = QFont(family)
    font.setPointSizeF(10.5)
    app.setFont(font)


def is_dark(palette: QPalette | None = None) -> bool:
    pal = palette or QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    pal = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#1f2125",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#16181b",
        QPalette.ColorRole.AlternateBase: "#25282d",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#2b2e33",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.Highlight: "#3d8fd1",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#2b2e33",
        QPalette.ColorRole.ToolTipText: "#e8e8e8",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Link: "#6cb4ee",
    }
    for role, value in colors.items():
        pal.setColor(role, QColor(value))
    return pal


def apply_theme(app: QGuiApplication, theme: str) -> None:
    """'system' follows the platform palette; 'light'/'dark' force one."""
    if theme == "dark":
        app.setPalette(dark_palette())
    elif theme == "light":
        app.setPalette(QPalette(QColor("#f4f4f4")))
