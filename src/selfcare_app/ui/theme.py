"""Fonts, palettes and the few coloured styles the app uses.

The app registers its own TTF so it never depends on system fonts, but keeps the desktop's text
size. Palettes: "system" (the platform's own), "light", "dark" and "high-contrast" (black, white,
yellow and cyan; every text/background pair at least 7:1). Widgets that need a colour of their
own (a primary button, an error message) get it through `set_role`, so a theme switch restyles
them too.
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from selfcare_app.report.charts import ChartTheme

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")
FAMILY = "DejaVu Sans"
THEMES = ("system", "light", "dark", "high-contrast")

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
ACCENT = "#0072B2"
HELP = "#B3261E"
OK = "#1B7F3B"

Role = QPalette.ColorRole
Group = QPalette.ColorGroup
ROLE_PROPERTY = "selfcareRole"


# -- fonts ------------------------------------------------------------------------------------


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


def system_point_size() -> float:
    """The text size the desktop asks for (GNOME/KDE settings through Qt's platform theme)."""
    size = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).pointSizeF()
    if size <= 0:
        size = QGuiApplication.font().pointSizeF()
    return size if size > 0 else 10.0


def apply_app_font(app: QGuiApplication, point_size: float | None = None) -> None:
    """Use the bundled family at the desktop's size (or `point_size`); only the family changes."""
    family = register_fonts()
    font = QFont(app.font())
    font.setFamilies([family])
    font.setPointSizeF(point_size if point_size and point_size > 0 else system_point_size())
    app.setFont(font)


def scaled_font(base: QFont, factor: float, bold: bool | None = None) -> QFont:
    """`base` (usually a widget's own font) scaled by `factor`, so it follows the app font."""
    font = QFont(base)
    size = base.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    elif base.pixelSize() > 0:
        font.setPixelSize(max(1, round(base.pixelSize() * factor)))
    if bold is not None:
        font.setBold(bold)
    return font


# -- palettes ---------------------------------------------------------------------------------


def is_dark(palette: QPalette | None = None) -> bool:
    pal = palette or QGuiApplication.palette()
    return pal.color(Role.Window).lightness() < 128


def contrast_ratio(a: QColor | str, b: QColor | str) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    def luminance(c: QColor | str) -> float:
        color = QColor(c)
        chans = [color.redF(), color.greenF(), color.blueF()]
        lin = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in chans]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def is_high_contrast(palette: QPalette | None = None) -> bool:
    """Our high-contrast palette, or a desktop one as stark: window and field text at least
    19.5:1 (pure black on white is 21:1; ordinary light and dark palettes stay below 19)."""
    pal = palette or QGuiApplication.palette()
    return min(contrast_ratio(pal.color(Role.WindowText), pal.color(Role.Window)),
               contrast_ratio(pal.color(Role.Text), pal.color(Role.Base))) >= 19.5


def _palette(active: dict[Role, str], disabled: dict[Role, str]) -> QPalette:
    pal = QPalette()
    for role, value in active.items():
        pal.setColor(role, QColor(value))  # every group
    for role, value in disabled.items():
        pal.setColor(Group.Disabled, role, QColor(value))
    return pal


def light_palette() -> QPalette:
    return _palette({
        Role.Window: "#f4f4f4", Role.WindowText: "#1d1d1f", Role.Base: "#ffffff",
        Role.AlternateBase: "#f0f2f5", Role.Text: "#1d1d1f", Role.Button: "#f4f4f4",
        Role.ButtonText: "#1d1d1f", Role.BrightText: "#ffffff", Role.Light: "#ffffff",
        Role.Midlight: "#e6e6e6", Role.Mid: "#b9b9b9", Role.Dark: "#8f8f8f",
        Role.Shadow: "#5c5c5c", Role.Highlight: "#0a64ad", Role.HighlightedText: "#ffffff",
        Role.ToolTipBase: "#ffffe1", Role.ToolTipText: "#1d1d1f",
        Role.PlaceholderText: "#5f6368", Role.Link: "#0a58a8", Role.LinkVisited: "#6a3d9a",
    }, {
        Role.WindowText: "#8a8a8a", Role.Text: "#8a8a8a", Role.ButtonText: "#8a8a8a",
        Role.Highlight: "#b9b9b9", Role.HighlightedText: "#1d1d1f",
    })


def dark_palette() -> QPalette:
    return _palette({
        Role.Window: "#1f2125", Role.WindowText: "#e8e8e8", Role.Base: "#16181b",
        Role.AlternateBase: "#25282d", Role.Text: "#e8e8e8", Role.Button: "#2b2e33",
        Role.ButtonText: "#e8e8e8", Role.BrightText: "#ffffff", Role.Light: "#4a4e55",
        Role.Midlight: "#3a3d43", Role.Mid: "#33363b", Role.Dark: "#141518",
        Role.Shadow: "#000000", Role.Highlight: "#4a9ae0", Role.HighlightedText: "#0b0c0e",
        Role.ToolTipBase: "#2b2e33", Role.ToolTipText: "#e8e8e8",
        Role.PlaceholderText: "#a3a6ab", Role.Link: "#6cb4ee", Role.LinkVisited: "#c39ae8",
    }, {
        Role.WindowText: "#7d8086", Role.Text: "#7d8086", Role.ButtonText: "#7d8086",
        Role.Highlight: "#3a3d43", Role.HighlightedText: "#b4b7bd",
    })


HC_FG = "#ffffff"
HC_BG = "#000000"
HC_FOCUS = "#1aebff"  # cyan, as in Windows' High Contrast Black
HC_LINK = "#ffff00"
HC_DISABLED = "#a6a6a6"


def high_contrast_palette() -> QPalette:
    return _palette({
        Role.Window: HC_BG, Role.WindowText: HC_FG, Role.Base: HC_BG,
        Role.AlternateBase: "#1a1a1a", Role.Text: HC_FG, Role.Button: HC_BG,
        Role.ButtonText: HC_FG, Role.BrightText: HC_LINK, Role.Light: HC_FG,
        Role.Midlight: HC_FG, Role.Mid: HC_FG, Role.Dark: HC_FG, Role.Shadow: HC_FG,
        Role.Highlight: HC_FOCUS, Role.HighlightedText: HC_BG,
        Role.ToolTipBase: HC_BG, Role.ToolTipText: HC_FG,
        Role.PlaceholderText: "#d9d9d9", Role.Link: HC_LINK, Role.LinkVisited: "#ffb3ff",
    }, {
        Role.WindowText: HC_DISABLED, Role.Text: HC_DISABLED, Role.ButtonText: HC_DISABLED,
        Role.Highlight: HC_DISABLED, Role.HighlightedText: HC_BG,
    })


# Frames and controls that Fusion outlines with a darker window colour vanish on black, so the
# high-contrast theme draws them in white (an app style sheet only while that theme is on).
HIGH_CONTRAST_QSS = f"""
QPushButton, QToolButton {{ background: {HC_BG}; color: {HC_FG}; border: 2px solid {HC_FG};
    border-radius: 3px; padding: 4px 10px; }}
QPushButton:checked, QToolButton:checked {{ background: {HC_LINK}; color: {HC_BG}; }}
QPushButton:disabled, QToolButton:disabled {{ color: {HC_DISABLED}; border-color: {HC_DISABLED}; }}
QPushButton:flat {{ border: none; color: {HC_LINK}; text-decoration: underline; }}
QLineEdit, QAbstractSpinBox, QComboBox, QTextEdit, QPlainTextEdit, QAbstractItemView {{
    border: 1px solid {HC_FG}; }}
QLineEdit:disabled, QAbstractSpinBox:disabled, QComboBox:disabled {{ border-color: {HC_DISABLED};
    color: {HC_DISABLED}; }}
QFrame[frameShape="6"], QGroupBox {{ border: 1px solid {HC_FG}; }}
QGroupBox {{ margin-top: 1.4em; padding-top: 4px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; }}
QTabBar::tab {{ border: 1px solid {HC_FG}; padding: 4px 12px; }}
QTabBar::tab:selected {{ background: {HC_LINK}; color: {HC_BG}; }}
QHeaderView::section {{ background: {HC_BG}; color: {HC_FG}; border: 1px solid {HC_FG};
    padding: 2px 4px; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: 13px; height: 13px;
    border: 2px solid {HC_FG}; background: {HC_BG}; }}
QRadioButton::indicator {{ border-radius: 8px; }}
QCheckBox::indicator:checked, QRadioButton::indicator:checked {{ background: {HC_LINK}; }}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{ border-color: {HC_DISABLED}; }}
QSpinBox::up-button, QSpinBox::down-button, QDoubleSpinBox::up-button,
QDoubleSpinBox::down-button {{ width: 16px; background: {HC_FG}; border: 1px solid {HC_BG}; }}
QSpinBox::up-arrow, QDoubleSpinBox::up-arrow {{ width: 10px; height: 10px;
    image: url(:/qt-project.org/styles/commonstyle/images/arrow-up-16.png); }}
QSpinBox::down-arrow, QDoubleSpinBox::down-arrow {{ width: 10px; height: 10px;
    image: url(:/qt-project.org/styles/commonstyle/images/arrow-down-16.png); }}
QSpinBox::up-button:disabled, QSpinBox::down-button:disabled, QSpinBox::up-button:off,
QSpinBox::down-button:off, QDoubleSpinBox::up-button:disabled,
QDoubleSpinBox::down-button:disabled, QDoubleSpinBox::up-button:off,
QDoubleSpinBox::down-button:off {{ background: {HC_DISABLED}; }}
QScrollBar {{ background: {HC_BG}; border: 1px solid {HC_FG}; }}
QScrollBar:vertical {{ width: 14px; }}
QScrollBar:horizontal {{ height: 14px; }}
QScrollBar::handle {{ background: {HC_FG}; margin: 2px; }}
QScrollBar::handle:vertical {{ min-height: 24px; }}
QScrollBar::handle:horizontal {{ min-width: 24px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; border: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QProgressBar {{ border: 1px solid {HC_FG}; text-align: center; }}
QProgressBar::chunk {{ background: {HC_LINK}; }}
QToolTip {{ color: {HC_FG}; background: {HC_BG}; border: 1px solid {HC_FG}; }}
"""


def _plain_qss(border: str, handle: str, handle_hover: str) -> str:
    """Light and dark: inputs with a visible border (Fusion draws none on a dark base) and
    scroll bars whose handle stands out from the groove."""
    return f"""
QLineEdit, QAbstractSpinBox, QPlainTextEdit, QTextEdit {{ border: 1px solid {border};
    border-radius: 3px; background: palette(base); }}
QLineEdit, QAbstractSpinBox {{ padding: 2px 4px; }}
QLineEdit:focus, QAbstractSpinBox:focus, QPlainTextEdit:focus, QTextEdit:focus {{
    border-color: palette(highlight); }}
QLineEdit:disabled, QAbstractSpinBox:disabled {{ color: palette(placeholder-text); }}
QScrollBar:vertical {{ width: 12px; background: transparent; margin: 0; }}
QScrollBar:horizontal {{ height: 12px; background: transparent; margin: 0; }}
QScrollBar::handle {{ background: {handle}; border-radius: 4px; margin: 2px; }}
QScrollBar::handle:hover {{ background: {handle_hover}; }}
QScrollBar::handle:vertical {{ min-height: 28px; }}
QScrollBar::handle:horizontal {{ min-width: 28px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; border: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
"""


LIGHT_QSS = _plain_qss("#8f8f8f", "#a3a3a3", "#6e6e6e")
DARK_QSS = _plain_qss("#6b7079", "#6b7079", "#9aa0a8")


def _platform_palette() -> QPalette:
    """A palette with nothing set, so the application resolves it against the platform's."""
    pal = QPalette(QColor("#808080"))  # a new palette, never a copy of the current one
    pal.setResolveMask(0)
    return pal


def apply_theme(app: QGuiApplication, theme: str) -> None:
    """'system' follows the platform palette (also after another theme); 'light', 'dark' and
    'high-contrast' force one. Widgets styled with `set_role` are restyled."""
    palettes = {"light": light_palette, "dark": dark_palette,
                "high-contrast": high_contrast_palette}
    make = palettes.get(theme)
    app.setPalette(make() if make is not None else _platform_palette())
    app.setProperty("selfcareTheme", theme if make is not None else "system")
    if isinstance(app, QApplication):
        wanted = {"high-contrast": HIGH_CONTRAST_QSS, "dark": DARK_QSS,
                  "light": LIGHT_QSS}.get(theme, "")
        if app.styleSheet() != wanted:
            app.setStyleSheet(wanted)
        restyle_all()


# -- colours for meaning ------------------------------------------------------------------------


def variant(palette: QPalette | None = None) -> str:
    """'high-contrast', 'dark' or 'light': which set of colours suits the palette."""
    pal = palette or QGuiApplication.palette()
    if is_high_contrast(pal):
        return "high-contrast"
    return "dark" if is_dark(pal) else "light"


# Text colours with their meaning, per variant; each keeps 4.5:1 (7:1 in high contrast) on the
# window colour of its palette.
SEMANTIC: dict[str, dict[str, str]] = {
    "light": {"error": HELP, "ok": OK, "alert": HELP},
    "dark": {"error": "#ff8a80", "ok": "#7bd88f", "alert": "#ff8a80"},
    "high-contrast": {"error": "#ff9e9e", "ok": "#80ff80", "alert": HC_LINK},
}


def semantic(name: str, palette: QPalette | None = None) -> str:
    """The colour for 'error', 'ok' or 'alert' text in the current (or given) palette."""
    return SEMANTIC[variant(palette)][name]


def role_style(role: str, palette: QPalette | None = None, name: str = "") -> str:
    """The style sheet for a role, in the colours of the current palette (`name`: the
    widget's object name, for roles that must not reach its children)."""
    v = variant(palette)
    c = SEMANTIC[v]
    hc = v == "high-contrast"
    if role == "primary":
        if hc:
            return (f"QPushButton {{ background: {HC_BG}; color: {HC_FG}; padding: 6px 16px; "
                    f"border: 3px solid {HC_FG}; border-radius: 4px; font-weight: bold; }}"
                    f"QPushButton:disabled {{ color: {HC_DISABLED}; "
                    f"border-color: {HC_DISABLED}; }}")
        return (f"QPushButton {{ background: {ACCENT}; color: white; padding: 7px 18px; "
                "border: none; border-radius: 4px; font-weight: bold; } "
                "QPushButton:disabled { background: palette(mid); color: palette(window); }")
    if role == "help":
        if hc:
            return (f"QPushButton {{ background: {HC_BG}; color: {HC_LINK}; padding: 4px 12px; "
                    f"border: 3px solid {HC_LINK}; border-radius: 4px; font-weight: bold; }}")
        return (f"QPushButton {{ color: white; background: {HELP}; padding: 6px 14px; "
                "border: none; border-radius: 4px; font-weight: bold; }")
    if role in ("error", "ok"):
        return f"color: {c[role]};"
    if role in ("error-strong", "ok-strong"):
        return f"color: {c[role.removesuffix('-strong')]}; font-weight: bold;"
    if role == "alert-frame":
        return (f"QLabel {{ border: 2px solid {c['alert']}; border-radius: 4px; "
                "padding: 8px; }")
    if role == "alert-box":
        return (f"QFrame#{name} {{ border: 2px solid {c['alert']}; border-radius: 6px; }}")
    if role == "link":
        return ("QPushButton { color: palette(link); text-align: left; padding: 2px 4px; "
                "border: none; background: transparent; } "
                "QPushButton:hover { text-decoration: underline; }")
    if role == "muted":
        return "color: palette(placeholder-text);"
    if role == "choice":
        # A chosen answer must read as chosen at a glance, in every palette.
        if hc:
            return (f"QPushButton {{ padding: 4px 2px; }} QPushButton:checked {{ background: "
                    f"{HC_LINK}; color: {HC_BG}; border: 2px solid {HC_LINK}; "
                    "font-weight: bold; }")
        edge = "#6b7079" if v == "dark" else "palette(mid)"
        return (f"QPushButton {{ padding: 4px 2px; border: 1px solid {edge}; "
                "border-radius: 4px; background: palette(base); } "
                "QPushButton:hover { border-color: palette(highlight); } "
                f"QPushButton:checked {{ background: {ACCENT}; color: white; "
                f"border-color: {ACCENT}; font-weight: bold; }}")
    return ""


def set_role(widget: QWidget, role: str) -> None:
    """Give `widget` the style of `role` ('' for none); kept up to date on theme changes."""
    widget.setProperty(ROLE_PROPERTY, role)
    widget.setStyleSheet(role_style(role, name=widget.objectName()))


def restyle_all() -> None:
    for widget in QApplication.allWidgets():
        role = widget.property(ROLE_PROPERTY)
        if isinstance(role, str):
            widget.setStyleSheet(role_style(role, name=widget.objectName()))


def chart_font_scale() -> float:
    """Chart text grows and shrinks with the app's text (10 pt is the charts' design size)."""
    size = QGuiApplication.font().pointSizeF()
    return min(2.0, max(0.9, size / 10.0)) if size > 0 else 1.0


def chart_theme(palette: QPalette) -> ChartTheme:
    """The chart colours for a widget's palette (light, dark or high contrast), with text
    sized to follow the desktop's text size."""
    from selfcare_app.report.charts import theme_for

    return theme_for(is_dark(palette), palette.color(Role.Window).name(),
                     palette.color(Role.WindowText).name(),
                     high_contrast=is_high_contrast(palette), font_scale=chart_font_scale())
