"""Chart figures shared by the Trends page and the counselor summary (matplotlib `Figure`, never
pyplot; matplotlib is imported inside the functions that need it, so importing this module is
free).

Layout is fixed margins in inches re-applied on resize (no constrained layout on every redraw:
PERFORMANCE.md §2), and a range switch with the same metrics updates the existing artists in
place (`set_data`) instead of clearing and replotting.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from selfcare_app.core.entry import FIELDS_BY_NAME
from selfcare_app.core.formatting import decimal_sign, format_short_weekday
from selfcare_app.core.trends import WEEKDAY_SHORT, Panel, TrendView
from selfcare_app.i18n import _

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

Shaded = Sequence[tuple[date, date, str]]
# label -> the metrics whose panels a kind of period is shaded in (absent: every panel)
ShadedPanels = Mapping[str, Collection[str]]

# Okabe–Ito hues. On dark backgrounds the original colours; on light backgrounds the same hues
# darkened where needed so every line keeps at least 3:1 contrast (WCAG for graphics).
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7", "black": "#000000",
}


BASE_FONT_SIZE = 8.5  # points, at the default desktop text size


@dataclass(frozen=True)
class ChartTheme:
    name: str
    background: str
    foreground: str
    muted: str
    grid: str
    shade: str
    shade_alpha: float
    colors: Mapping[str, str] = field(default_factory=dict)
    line_scale: float = 1.0  # thicker lines for the high-contrast theme
    font_scale: float = 1.0  # follows the desktop's text size on screen; 1.0 in the PDF

    def font(self, delta: float = 0.0) -> float:
        """A text size in points: the base chart size plus `delta`, scaled with the desktop."""
        return (BASE_FONT_SIZE + delta) * self.font_scale

    def inches(self, value: float) -> float:
        """A margin that must grow with the text it holds."""
        return value * self.font_scale

    def color(self, metric: str) -> str:
        return self.colors.get(metric, self.foreground)


LIGHT = ChartTheme(
    "light", background="#ffffff", foreground="#1d1d1f", muted="#55585e", grid="#d9dadd",
    shade="#7a7f87", shade_alpha=0.16,
    colors={"stress": "#C65A00", "sleep_hours": "#0072B2", "study_hours": "#007A5A",
            "mood": "#A8518A", "energy": "#8A6A00"},
)
DARK = ChartTheme(
    "dark", background="#1f2125", foreground="#e8e8e8", muted="#b4b7bd", grid="#3a3d43",
    shade="#c9ccd2", shade_alpha=0.14,
    colors={"stress": "#D55E00", "sleep_hours": "#56B4E9", "study_hours": "#009E73",
            "mood": "#CC79A7", "energy": "#E69F00"},
)
# Black, white and bright hues: every line at least 7:1 on black, and thicker.
HIGH_CONTRAST = ChartTheme(
    "high-contrast", background="#000000", foreground="#ffffff", muted="#ffffff",
    grid="#8c8c8c", shade="#ffffff", shade_alpha=0.22,
    colors={"stress": "#ff9a52", "sleep_hours": "#7cc8f5", "study_hours": "#3ee0a8",
            "mood": "#f2a6d4", "energy": "#f0e442"},
    line_scale=1.6,
)


def theme_for(dark: bool, background: str | None = None,
              foreground: str | None = None, high_contrast: bool = False,
              font_scale: float = 1.0) -> ChartTheme:
    """LIGHT, DARK or HIGH_CONTRAST, optionally on the window's own background and text
    colours."""
    from dataclasses import replace

    base = HIGH_CONTRAST if high_contrast else DARK if dark else LIGHT
    changes: dict[str, Any] = {}
    if background:
        changes["background"] = background
    if foreground:
        changes["foreground"] = foreground
    if font_scale != 1.0:
        changes["font_scale"] = font_scale
    return replace(base, **changes) if changes else base


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours."""
    def lum(h: str) -> float:
        h = h.lstrip("#")
        chans = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in chans]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# Fixed margins in inches (left, right, top, bottom) and the gap between panels.
MARGINS_IN = (0.55, 0.2, 0.42, 0.5)
PANEL_GAP_IN = 0.36
MARKERS_UP_TO_DAYS = 92
# One look per kind of shaded period: a hue (Okabe–Ito) and a pattern, so kinds stay apart
# in colour and in grey print. The first kind uses the theme's neutral shade.
SHADE_STYLES: tuple[tuple[str | None, str | None], ...] = (
    (None, None), ("#E69F00", "////"), ("#56B4E9", "...."), ("#009E73", "\\\\\\\\"),
    ("#CC79A7", "xx"), ("#0072B2", "||"), ("#D55E00", "--"), ("#8A6A00", "++"),
)
SHADE_HATCHES: tuple[str | None, ...] = tuple(h for _, h in SHADE_STYLES)
LEGEND_GAP_IN = 0.22  # between the legend's last row and the first panel's title
TITLE_ROOM_IN = 1.7  # a one-row legend shares the top line with the first panel's title
_NAN = float("nan")


def _y_limits(metric: str, values: Sequence[float | None]) -> tuple[float, float]:
    spec = FIELDS_BY_NAME[metric]
    if spec.unit:  # hours: start at zero, leave room above the highest value
        top = max([v for v in values if v is not None], default=0.0)
        floor = 10.0 if metric == "sleep_hours" else 12.0
        return 0.0, float(min(spec.maximum, max(floor, math.ceil(top) + 1)))
    return spec.minimum - 0.5, spec.maximum + 0.5


def _rgba(color: str, alpha: float) -> tuple[float, float, float, float]:
    h = color.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return (r, g, b, min(1.0, alpha))


def _nan(values: Sequence[float | None]) -> list[float]:
    return [_NAN if v is None else float(v) for v in values]


def _epoch_ordinal() -> int:
    from matplotlib.dates import get_epoch

    epoch: str = get_epoch()  # type: ignore[no-untyped-call]
    return date.fromisoformat(epoch[:10]).toordinal()


def _x(days: Sequence[date], epoch: int) -> list[float]:
    return [float(d.toordinal() - epoch) for d in days]


def apply_margins(fig: Figure, n_panels: int, font_scale: float = 1.0) -> None:
    """Fixed margins in inches for the figure's current size (cheap; no layout engine)."""
    w, h = fig.get_size_inches()
    left, right, top, bottom = (m * font_scale for m in MARGINS_IN)
    gap = PANEL_GAP_IN * font_scale
    w, h = max(w, left + right + 1.0), max(h, top + bottom + 0.5)
    plot_h = max(h - top - bottom, 0.1)
    panel_h = max((plot_h - gap * (n_panels - 1)) / max(n_panels, 1), 0.05)
    fig.subplots_adjust(left=left / w, right=1 - right / w, top=1 - top / h, bottom=bottom / h,
                        hspace=gap / panel_h if n_panels > 1 else 0.0)


def _style_axes(ax: Axes, theme: ChartTheme) -> None:
    ax.set_facecolor(theme.background)
    ax.tick_params(colors=theme.muted, labelcolor=theme.foreground, labelsize=theme.font())
    for name, spine in ax.spines.items():
        spine.set_visible(name in ("left", "bottom"))
        spine.set_color(theme.muted)
    ax.grid(True, axis="y", color=theme.grid, linewidth=0.6 * theme.line_scale)
    if theme.line_scale > 1:
        for spine in ax.spines.values():
            spine.set_linewidth(spine.get_linewidth() * theme.line_scale)
    ax.set_axisbelow(True)


class TrendChart:
    """Metric panels on one shared time axis: daily values (thin), the 7-day mean or weekly
    means (bold), gaps as gaps, optional shaded periods and a selected-day cursor.

    `update(view)` keeps the artists and only moves data (`Line2D.set_data`), so switching
    range does not rebuild the figure. A panel, once made, is kept: switching a measure off
    hides it and switching it on shows it again, so measure toggles are in place too.
    """

    def __init__(self, theme: ChartTheme = LIGHT, figure: Figure | None = None,
                 size_in: tuple[float, float] = (10.0, 6.4), dpi: float = 100) -> None:
        from matplotlib.figure import Figure

        self.figure = figure if figure is not None else Figure(figsize=size_in, dpi=dpi)
        self.figure.set_layout_engine("none")
        self.theme = theme
        self.metrics: tuple[str, ...] = ()
        self.axes: list[Axes] = []  # the visible panels, top to bottom
        self.panels: dict[str, Axes] = {}  # every panel made so far, visible or not
        self.daily: dict[str, Line2D] = {}
        self.smooth: dict[str, Line2D] = {}
        self.cursor_lines: dict[str, Line2D] = {}
        self.spans: list[Any] = []
        self.view: TrendView | None = None
        self.rebuilds = 0
        self._epoch = _epoch_ordinal()
        self._legend: Any = None
        self._empty_text: Any = None
        self._built = False
        self._shaded: list[tuple[date, date, str]] = []
        self._shaded_panels: dict[str, frozenset[str]] = {}
        self._legend_items: tuple[list[Any], list[str]] | None = None
        self._legend_width = 0.0  # figure width (inches) the legend was last fitted to
        self._legend_height = 0.0  # inches the legend takes at the top

    # -- public ------------------------------------------------------------------------

    @property
    def cursors(self) -> list[Line2D]:
        return [self.cursor_lines[m] for m in self.metrics]

    def update(self, view: TrendView, shaded: Shaded = (),
               panels: ShadedPanels | None = None) -> bool:
        """Show `view`; returns True when no artist had to be created (done in place).
        `panels` limits a kind of shaded period to the panels of some measures."""
        metrics = tuple(p.metric for p in view.panels)
        in_place = self._built and all(m in self.panels for m in metrics)
        if not self._built:
            self._reset()
        for metric in metrics:
            if metric not in self.panels:
                self._add_panel(metric)
        self._show(metrics)
        for ax, panel in zip(self.axes, view.panels, strict=True):
            self._set_panel(ax, panel, view)
        self._shaded_panels = {k: frozenset(v) for k, v in (panels or {}).items()}
        self._set_shading(view, shaded)
        self._set_legend(view)
        if self.axes:
            self.axes[0].set_xlim(self._xnum(view.start) - 0.5, self._xnum(view.end) + 0.5)
            self._set_locator(view)
        self.set_cursor(None)
        self.view = view
        self.fit()
        return in_place

    def set_theme(self, theme: ChartTheme) -> None:
        """Recolour everything (the caller redraws the canvas)."""
        self.theme = theme
        self._built = False
        if self.view is not None:
            self.update(self.view, list(self._shaded), self._shaded_panels)

    def fit(self) -> None:
        """Place the visible panels with fixed margins in inches for the figure's current size
        (after a resize, too); cheap, no layout engine."""
        w, h = self.figure.get_size_inches()
        if self._legend_items is not None and abs(w - self._legend_width) > 0.01:
            self._place_legend()  # a new width may need more (or fewer) legend rows
        left, right, top, bottom = (self.theme.inches(m) for m in MARGINS_IN)
        if self._legend_height:
            top = max(top, self._legend_height + self.theme.inches(LEGEND_GAP_IN))
        gap = self.theme.inches(PANEL_GAP_IN)
        w, h = max(w, left + right + 1.0), max(h, top + bottom + 0.5)
        n = len(self.axes)
        if not n:
            return
        panel_h = max((h - top - bottom - gap * (n - 1)) / n, 0.05)
        for i, ax in enumerate(self.axes):
            y0 = bottom + (n - 1 - i) * (panel_h + gap)
            ax.set_position((left / w, y0 / h, (w - left - right) / w, panel_h / h))

    def set_cursor(self, day: date | None) -> None:
        for line in self.cursor_lines.values():
            if day is None:
                line.set_visible(False)
            else:
                x = self._xnum(day)
                line.set_xdata([x, x])
                line.set_visible(True)

    def day_at(self, x: float) -> date | None:
        """The day under a data x coordinate, if it is inside the shown range."""
        if self.view is None or x is None or not math.isfinite(x):
            return None
        d = date.fromordinal(int(round(x)) + self._epoch)
        return d if self.view.start <= d <= self.view.end else None

    # -- building ------------------------------------------------------------------------

    def _xnum(self, d: date) -> float:
        return float(d.toordinal() - self._epoch)

    def _reset(self) -> None:
        fig = self.figure
        fig.clear()
        fig.set_layout_engine("none")
        fig.set_facecolor(self.theme.background)
        self.rebuilds += 1
        self._built = True
        self.metrics, self.axes, self.panels = (), [], {}
        self.daily, self.smooth, self.cursor_lines, self.spans = {}, {}, {}, []
        self._legend = None
        self._legend_items = None
        self._legend_height = 0.0
        self._empty_text = fig.text(0.5, 0.5, _("Choose at least one measure to chart."),
                                    ha="center", va="center", color=self.theme.foreground,
                                    fontsize=self.theme.font(2), visible=False)

    def _add_panel(self, metric: str) -> None:
        share = next(iter(self.panels.values()), None)
        ax = self.figure.add_axes((0.1, 0.1, 0.8, 0.8), sharex=share, label=metric)
        _style_axes(ax, self.theme)
        color = self.theme.color(metric)
        k = self.theme.line_scale
        (daily,) = ax.plot([], [], color=color, linewidth=0.9 * k, alpha=0.75,
                           marker="o", markersize=2.6 * k, gid=f"daily:{metric}")
        (smooth,) = ax.plot([], [], color=color, linewidth=2.4 * k, solid_capstyle="round",
                            gid=f"smooth:{metric}")
        cursor = ax.axvline(0, color=self.theme.foreground, linewidth=1.0 * k, alpha=0.8,
                            linestyle=":", visible=False, gid="cursor")
        self.panels[metric] = ax
        self.daily[metric], self.smooth[metric] = daily, smooth
        self.cursor_lines[metric] = cursor
        spec = FIELDS_BY_NAME[metric]
        title = f"{spec.label} ({spec.unit})" if spec.unit else _("{measure} (0–10)").format(
            measure=spec.label)
        ax.set_title(title, loc="left", fontsize=self.theme.font(0.5), color=self.theme.foreground,
                     fontweight="bold", pad=3)
        if not spec.unit:
            ax.set_yticks([0, 5, 10])

    def _show(self, metrics: tuple[str, ...]) -> None:
        self.metrics = metrics
        self.axes = [self.panels[m] for m in metrics]
        for metric, ax in self.panels.items():
            ax.set_visible(metric in metrics)
        for ax in self.axes:
            ax.tick_params(labelbottom=ax is self.axes[-1])
        self._empty_text.set_visible(not metrics)

    def _set_legend(self, view: TrendView) -> None:
        """Figure legend: daily, the mean line, and one entry per kind of shaded period."""
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        if self._legend is not None:
            self._legend.remove()
            self._legend = None
        self._legend_items = None
        self._legend_height = 0.0
        if not view.panels:
            return
        fg, theme = self.theme.foreground, self.theme
        short = len(view.panels[0].days) <= MARKERS_UP_TO_DAYS
        k = theme.line_scale
        handles: list[Any] = [
            Line2D([], [], color=fg, linewidth=0.9 * k, marker="o" if short else "None",
                   markersize=2.6 * k),
            Line2D([], [], color=fg, linewidth=2.4 * k)]
        labels = [_("daily"), view.panels[0].smooth_label]
        for label in dict.fromkeys(t for a, b, t in self._shaded
                                   if t and not (b < view.start or a > view.end)):
            color, hatch = self._shade_style(label)
            handles.append(Patch(facecolor=_rgba(color, theme.shade_alpha * 1.6),
                                 edgecolor=_rgba(color, 0.6), hatch=hatch, linewidth=0))
            labels.append(label)
        self._legend_items = (handles, labels)
        self._place_legend()

    def _place_legend(self) -> None:
        """Put the legend at the top right in as few rows as fit the figure's width, and
        remember how tall it is so `fit` leaves room for it (never clipped at either side)."""
        if self._legend_items is None:
            return
        handles, labels = self._legend_items
        fig = self.figure
        w, _ = fig.get_size_inches()
        renderer = _renderer(fig)
        avail = (w - 0.02) * fig.dpi
        legend: Any = None
        for ncols in range(len(handles), 0, -1):
            if legend is not None:
                legend.remove()
            legend = fig.legend(
                handles, labels, loc="upper right", ncols=ncols, frameon=False,
                fontsize=self.theme.font(), bbox_to_anchor=(0.995, 0.998),
                labelcolor=self.theme.foreground, handlelength=1.8, columnspacing=1.4,
                borderaxespad=0.2)
            if renderer is None or legend.get_window_extent(renderer).width <= avail:
                break
        self._legend = legend
        self._legend_width = w
        self._legend_height = 0.0
        if renderer is not None:
            box = legend.get_window_extent(renderer)
            beside_title = (w - self.theme.inches(MARGINS_IN[0] + TITLE_ROOM_IN)) * fig.dpi
            if ncols < len(handles) or box.width > beside_title:
                # on rows of its own above the first panel's title
                self._legend_height = box.height / fig.dpi + 0.03

    def _set_panel(self, ax: Axes, panel: Panel, view: TrendView) -> None:
        daily, smooth = self.daily[panel.metric], self.smooth[panel.metric]
        daily.set_data(_x(panel.days, self._epoch), _nan(panel.values))
        smooth.set_data(_x(panel.smooth_days, self._epoch), _nan(panel.smooth))
        short = len(panel.days) <= MARKERS_UP_TO_DAYS
        k = self.theme.line_scale
        daily.set_marker("o" if short else "None")
        daily.set_linewidth((0.9 if short else 0.6) * k)
        daily.set_alpha(min(1.0, (0.75 if short else 0.45) * k))
        smooth.set_marker("o" if view.weekly and len(panel.smooth) <= 60 else "None")
        smooth.set_markersize(3.5)
        ax.set_ylim(*_y_limits(panel.metric, panel.values))

    def _set_locator(self, view: TrendView) -> None:
        from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

        ax = self.axes[-1]
        locator = AutoDateLocator(minticks=4, maxticks=9)  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        formatter = ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_formatter(formatter)
        ax.xaxis.get_offset_text().set_color(self.theme.muted)

    def _set_shading(self, view: TrendView, shaded: Shaded) -> None:
        for artist in self.spans:
            artist.remove()
        self.spans = []
        self._shaded = list(shaded)
        theme = self.theme
        for a, b, label in shaded:
            if b < view.start or a > view.end:
                continue
            x0 = self._xnum(max(a, view.start)) - 0.5
            x1 = self._xnum(min(b, view.end)) + 0.5
            color, hatch = self._shade_style(label)
            only = self._shaded_panels.get(label)
            for metric, ax in zip(self.metrics, self.axes, strict=True):
                if only is not None and metric not in only:
                    continue
                self.spans.append(ax.axvspan(
                    x0, x1, facecolor=_rgba(color, theme.shade_alpha),
                    edgecolor=_rgba(color, 0.45), hatch=hatch, linewidth=0, zorder=0,
                    gid=f"shade:{label}"))

    def _shade_style(self, label: str) -> tuple[str, str | None]:
        """Each distinct label gets its own hue and fill pattern, so kinds of period stay
        apart (in grey print too)."""
        labels = list(dict.fromkeys(t for _, _, t in self._shaded))
        color, hatch = SHADE_STYLES[labels.index(label) % len(SHADE_STYLES)]
        return color or self.theme.shade, hatch

    def _hatch(self, label: str) -> str | None:
        return self._shade_style(label)[1]


def _renderer(fig: Figure) -> Any:
    """A renderer to measure text with (Agg-based canvases have one; a bare Figure makes
    one); None if neither is available."""
    get = getattr(fig.canvas, "get_renderer", None)
    if callable(get):
        return get()
    try:
        return fig._get_renderer()  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - measuring is optional; the legend still draws
        return None


class WeekdayChart:
    """Mean per weekday, one small bar panel per metric (same rows as the time chart)."""

    def __init__(self, theme: ChartTheme = LIGHT, figure: Figure | None = None,
                 size_in: tuple[float, float] = (10.0, 6.4), dpi: float = 100) -> None:
        from matplotlib.figure import Figure

        self.figure = figure if figure is not None else Figure(figsize=size_in, dpi=dpi)
        self.figure.set_layout_engine("none")
        self.theme = theme
        self.metrics: tuple[str, ...] = ()
        self.axes: list[Axes] = []
        self.bars: dict[str, Any] = {}
        self.labels: dict[str, list[Any]] = {}
        self.rebuilds = 0

    def update(self, view: TrendView) -> bool:
        metrics = tuple(m for m, _ in view.weekdays)
        in_place = bool(self.axes) and metrics == self.metrics
        if not in_place:
            self._build(metrics)
        for ax, (metric, pattern) in zip(self.axes, view.weekdays, strict=True):
            means = [p.mean for p in pattern]
            for rect, mean in zip(self.bars[metric], means, strict=True):
                rect.set_height(0.0 if mean is None else mean)
            for text, p in zip(self.labels[metric], pattern, strict=True):
                text.set_text(_("no entries") if p.mean is None else
                              f"{p.mean:.1f}".replace(".", decimal_sign()))
                text.set_y(0.0 if p.mean is None else p.mean)
            hi = _y_limits(metric, means)[1]
            if not FIELDS_BY_NAME[metric].unit:
                hi = FIELDS_BY_NAME[metric].maximum
            ax.set_ylim(0, hi * 1.15)
        apply_margins(self.figure, len(self.axes), self.theme.font_scale)
        return in_place

    def set_theme(self, theme: ChartTheme, view: TrendView | None) -> None:
        self.theme = theme
        self.metrics = ()
        if view is not None:
            self.update(view)

    def fit(self) -> None:
        apply_margins(self.figure, len(self.axes), self.theme.font_scale)

    def _build(self, metrics: tuple[str, ...]) -> None:
        fig = self.figure
        fig.clear()
        fig.set_layout_engine("none")
        fig.set_facecolor(self.theme.background)
        self.rebuilds += 1
        self.metrics = metrics
        self.bars, self.labels = {}, {}
        if not metrics:
            self.axes = []
            fig.text(0.5, 0.5, _("Choose at least one measure to chart."), ha="center",
                     va="center", color=self.theme.foreground, fontsize=self.theme.font(2))
            return
        axes = fig.subplots(len(metrics), 1, sharex=True, squeeze=False)[:, 0]
        self.axes = list(axes)
        xs = list(range(7))
        for ax, metric in zip(self.axes, metrics, strict=True):
            _style_axes(ax, self.theme)
            bars = ax.bar(xs, [0.0] * 7, width=0.62, color=self.theme.color(metric),
                          gid=f"bars:{metric}")
            self.bars[metric] = list(bars)
            self.labels[metric] = [
                ax.text(x, 0.0, "", ha="center", va="bottom", fontsize=self.theme.font(-0.5),
                        color=self.theme.foreground) for x in xs
            ]
            spec = FIELDS_BY_NAME[metric]
            title = f"{spec.label} ({spec.unit})" if spec.unit else _("{measure} (0–10)").format(
                measure=spec.label)
            ax.set_title(_("{measure}, average by weekday").format(measure=title), loc="left",
                         fontsize=self.theme.font(0.5),
                         color=self.theme.foreground, fontweight="bold", pad=3)
            if not spec.unit:
                ax.set_yticks([0, 5, 10])
        last = self.axes[-1]
        last.set_xticks(xs, [format_short_weekday(i) for i in range(len(WEEKDAY_SHORT))])
        last.set_xlim(-0.6, 6.6)
        for ax in self.axes[:-1]:
            ax.tick_params(labelbottom=False)


def build_trend_figure(view: TrendView, shaded: Shaded = (), theme: ChartTheme = LIGHT,
                       size_in: tuple[float, float] | None = None, dpi: float = 100,
                       panels: ShadedPanels | None = None) -> Figure:
    """A standalone time chart (e.g. for the PDF summary): ~1.5 in per panel by default."""
    size = size_in or (8.0, 0.95 + 1.45 * max(len(view.panels), 1))
    chart = TrendChart(theme, size_in=size, dpi=dpi)
    chart.update(view, shaded, panels)
    return chart.figure


def build_weekday_figure(view: TrendView, theme: ChartTheme = LIGHT,
                         size_in: tuple[float, float] | None = None, dpi: float = 100) -> Figure:
    size = size_in or (8.0, 0.95 + 1.45 * max(len(view.weekdays), 1))
    chart = WeekdayChart(theme, size_in=size, dpi=dpi)
    chart.update(view)
    return chart.figure

