"""Bundled line icons (resources/icons/*.svg), drawn in the palette's text colour so they read
in the light, dark and high-contrast themes alike."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette, QPixmap

SIZES = (16, 24, 32, 48)


def svg_text(name: str) -> str:
    return resources.files("selfcare_app.resources").joinpath("icons", name).read_text("utf-8")


def themed_icon(name: str, color: QColor | None = None) -> QIcon:
    """`name` (e.g. "page-today.svg") with `currentColor` in the window text colour."""
    if color is None:
        color = QGuiApplication.palette().color(QPalette.ColorRole.WindowText)
    text = svg_text(name).replace("currentColor", color.name())
    icon = QIcon()
    for size in SIZES:
        sized = text.replace('width="24" height="24"', f'width="{size}" height="{size}"', 1)
        pixmap = QPixmap()
        if pixmap.loadFromData(sized.encode("utf-8"), "SVG"):
            icon.addPixmap(pixmap)
    return icon


def picture(name: str) -> QPixmap:
    """A bundled picture (e.g. the first run's welcome.svg) as a pixmap at its own size."""
    pixmap = QPixmap()
    pixmap.loadFromData(svg_text(name).encode("utf-8"), "SVG")
    return pixmap
