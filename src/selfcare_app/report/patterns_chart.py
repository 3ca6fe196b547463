"""Small paired charts for reported patterns, and a chart of practices logged (matplotlib
`Figure`, never pyplot; imported inside the functions, so importing this module is free).

Each pattern is one row: the average on days with the factor and on the other days, side by
side, and the interval for the difference drawn around the "with" bar (the other days' average
plus the interval), so a bar whose whisker stays clear of the other bar's end is what the
interval says. Used by the Patterns tab in Trends and the optional summary section.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from selfcare_app.core.entry import FIELDS_BY_NAME
from selfcare_app.core.insights import OUTCOME_LABELS, Pattern
from selfcare_app.core.insights import factor_text as factor_text
from selfcare_app.core.practices import display_name
from selfcare_app.i18n import _
from selfcare_app.report.charts import LIGHT, ChartTheme, _style_axes

if TYPE_CHECKING:
    from matplotlib.figure import Figure

ROW_IN = 0.95  # height per pattern, inches at the base text size


def pattern_title(p: Pattern) -> str:
    """Short, so it fits above the bars; the bar labels name the days compared."""
    spec = FIELDS_BY_NAME[p.outcome]
    label = _(OUTCOME_LABELS[p.outcome]).capitalize()
    return (_("{measure} (hours), average") if spec.unit else
            _("{measure} (0–10), average")).format(measure=label)


def build_patterns_figure(patterns: Sequence[Pattern], theme: ChartTheme = LIGHT,
                          width_in: float = 6.0, dpi: float = 100) -> Figure:
    from matplotlib.figure import Figure

    rows = max(len(patterns), 1)
    height = (0.35 + ROW_IN * rows) * theme.font_scale
    fig = Figure(figsize=(width_in, height), dpi=dpi)
    fig.set_layout_engine("none")
    fig.set_facecolor(theme.background)
    if not patterns:
        fig.text(0.5, 0.5, _("No clear pattern yet."), ha="center", va="center",
                 color=theme.foreground, fontsize=theme.font(1))
        return fig
    axes = fig.subplots(rows, 1, squeeze=False)[:, 0]
    for ax, p in zip(axes, patterns, strict=True):
        _style_axes(ax, theme)
        ax.grid(True, axis="x", color=theme.grid, linewidth=0.6 * theme.line_scale)
        ax.grid(False, axis="y")
        color = theme.color(p.outcome)
        labels = [_("{factor} ({count} days)").format(factor=factor_text(p), count=p.n_with),
                  _("other days ({count})").format(count=p.n_without)]
        ax.barh([1, 0], [p.mean_with, p.mean_without], height=0.62,
                color=[color, theme.muted], gid=f"pattern:{p.factor}:{p.lag}:{p.outcome}")
        low = p.mean_without + p.ci_low
        high = p.mean_without + p.ci_high
        ax.errorbar([p.mean_with], [1], xerr=[[p.mean_with - low], [high - p.mean_with]],
                    fmt="none", ecolor=theme.foreground, elinewidth=1.2 * theme.line_scale,
                    capsize=3)
        for y, value, at in ((1, p.mean_with, max(high, p.mean_with)),
                             (0, p.mean_without, p.mean_without)):
            ax.text(at, y, f"  {value:.1f}", va="center", ha="left",
                    fontsize=theme.font(-0.5), color=theme.foreground)
        ax.set_yticks([1, 0], labels)
        spec = FIELDS_BY_NAME[p.outcome]
        upper = spec.maximum if not spec.unit else max(high, p.mean_without, p.mean_with) * 1.2
        ax.set_xlim(0, max(upper, 0.5) * 1.08)
        ax.set_ylim(-0.6, 1.6)
        ax.set_title(pattern_title(p), loc="left", fontsize=theme.font(0.5),
                     color=theme.foreground, fontweight="bold", pad=3)
    _fit(fig, rows, theme, left_in=2.3)
    return fig


def build_practice_counts_figure(counts: Mapping[str, int], days: int,
                                 theme: ChartTheme = LIGHT, width_in: float = 6.0,
                                 dpi: float = 100) -> Figure:
    """How many of the logged days each practice was logged, one bar each."""
    from matplotlib.figure import Figure

    names = list(counts)
    height = (0.55 + 0.28 * max(len(names), 1)) * theme.font_scale
    fig = Figure(figsize=(width_in, height), dpi=dpi)
    fig.set_layout_engine("none")
    fig.set_facecolor(theme.background)
    ax = fig.add_subplot(1, 1, 1)
    _style_axes(ax, theme)
    ax.grid(False, axis="y")
    ys = list(range(len(names)))[::-1]
    ax.barh(ys, [counts[n] for n in names], height=0.6, color=theme.color("sleep_hours"),
            gid="practice-counts")
    for y, n in zip(ys, names, strict=True):
        ax.text(counts[n], y, f" {counts[n]}", va="center", fontsize=theme.font(-0.5),
                color=theme.foreground)
    ax.set_yticks(ys, [display_name(n) for n in names])
    ax.set_xlim(0, max([*counts.values(), 1]) * 1.15)
    ax.set_title(_("Self-care practices: days logged (of {days})").format(days=days),
                 loc="left",
                 fontsize=theme.font(0.5), color=theme.foreground, fontweight="bold", pad=3)
    _fit(fig, 1, theme, left_in=1.8)
    return fig


def refit(fig: Figure) -> None:
    """Re-apply the fixed margins after the figure was resized (e.g. by its canvas)."""
    args = getattr(fig, "_selfcare_fit", None)
    if args is not None:
        _fit(fig, *args)


def _fit(fig: Figure, rows: int, theme: ChartTheme, left_in: float) -> None:
    fig._selfcare_fit = (rows, theme, left_in)  # type: ignore[attr-defined]
    w, h = fig.get_size_inches()
    s = theme.font_scale
    top, bottom, gap = 0.3 * s, 0.3 * s, 0.38 * s
    plot_h = max(h - top - bottom, 0.2)
    row_h = max((plot_h - gap * (rows - 1)) / rows, 0.1)
    fig.subplots_adjust(left=min(left_in * s / w, 0.6), right=1 - 0.45 / w,
                        top=1 - top / h, bottom=bottom / h,
                        hspace=gap / row_h if rows > 1 else 0.0)
