"""History chart for one self-check: scores over time on the instrument's own scale, with its
bands drawn as labelled horizontal strips (labels, not colour alone, tell them apart).

A matplotlib `Figure` (never pyplot); matplotlib is imported inside the function, so importing
this module is free. Used by the Self-checks page (embedded with FigureCanvasQTAgg) and can be
used by the counselor summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from selfcare_app.core.assessment import Assessment
from selfcare_app.core.instruments import Instrument, format_score
from selfcare_app.i18n import _
from selfcare_app.report.charts import LIGHT, ChartTheme

if TYPE_CHECKING:
    from matplotlib.figure import Figure

LINE_COLOR_LIGHT = "#0072B2"  # Okabe–Ito blue
LINE_COLOR_DARK = "#56B4E9"
# Band strips get lighter the "better" the band is; distinct hatches are not needed because
# every strip is labelled with its name at the right edge.
_STRIP_ALPHAS = (0.05, 0.11, 0.17, 0.23, 0.29)


def scored_points(instrument: Instrument,
                  results: Sequence[Assessment]) -> list[tuple[datetime, float]]:
    """(taken_at, score) of the instrument's scored results, oldest first."""
    points = [(a.taken_at, a.score) for a in results
              if a.instrument == instrument.id and a.score is not None]
    return sorted(points)


def describe_history(instrument: Instrument, results: Sequence[Assessment]) -> str:
    """A text equivalent of the chart (for screen readers and the table caption)."""
    points = scored_points(instrument, results)
    if not points:
        return _("No {name} results yet.").format(name=instrument.short_name)
    parts = []
    for when, value in points:
        band = instrument.band_for(value)
        parts.append(_("{day}: {score} ({band})").format(
            day=when.date().isoformat(), score=format_score(value), band=band.label))
    return _("{name} results, oldest first: {results}.").format(name=instrument.short_name,
                                                                results="; ".join(parts))


def build_history_figure(instrument: Instrument, results: Sequence[Assessment],
                         theme: ChartTheme = LIGHT, figure: Figure | None = None,
                         size_in: tuple[float, float] = (6.4, 2.8), dpi: float = 100) -> Figure:
    """Draw the history into `figure` (cleared first) or a new Figure, and return it."""
    from matplotlib.figure import Figure

    fig = figure if figure is not None else Figure(figsize=size_in, dpi=dpi)
    fig.clear()
    fig.set_layout_engine("none")
    fig.set_facecolor(theme.background)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_facecolor(theme.background)
    low, high = instrument.scoring.minimum, instrument.scoring.maximum
    pad = (high - low) * 0.04
    ax.set_ylim(low - pad, high + pad)

    # Band strips, worst band darkest (tier), each labelled inside the right edge.
    lower = low
    for band in instrument.bands:
        upper = band.max if band.max is not None else band.below
        top = high if upper is None else upper
        alpha = _STRIP_ALPHAS[min(band.tier, len(_STRIP_ALPHAS) - 1)] * theme.line_scale
        ax.axhspan(lower, top, color=theme.shade, alpha=alpha, linewidth=0, zorder=0)
        ax.text(0.995, (lower + top) / 2, band.label, transform=ax.get_yaxis_transform(),
                ha="right", va="center", fontsize=theme.font(-1), color=theme.muted, zorder=1)
        lower = top

    points = scored_points(instrument, results)
    color = LINE_COLOR_LIGHT if theme.name == "light" else LINE_COLOR_DARK
    k = theme.line_scale
    if points:
        from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num

        xs = [float(date2num(p[0])) for p in points]  # type: ignore[no-untyped-call]
        ys = [p[1] for p in points]
        ax.plot(xs, ys, color=color, linewidth=1.8 * k, marker="o", markersize=5 * k, zorder=3,
                label=instrument.short_name)
        for x, y in zip(xs, ys, strict=True):
            ax.annotate(format_score(y), (x, y), textcoords="offset points", xytext=(0, 6),
                        ha="center", fontsize=theme.font(), color=theme.foreground, zorder=4)
        span = max(xs[-1] - xs[0], 0.0)
        if span < 1:  # one result (or several on one day): show a month around it
            ax.set_xlim(xs[0] - 14, xs[-1] + 14)
        else:
            ax.set_xlim(xs[0] - span * 0.06, xs[-1] + span * 0.2)
        locator = AutoDateLocator(minticks=2, maxticks=6)  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(
            ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    else:
        ax.set_xticks([])
        ax.text(0.5, 0.5, _("No results yet"), transform=ax.transAxes, ha="center", va="center",
                color=theme.muted, fontsize=theme.font(1))

    direction = "higher is better" if instrument.higher_is_better else "lower is better"
    ax.set_title(f"{instrument.short_name} ({direction})", loc="left",
                 fontsize=theme.font(1), color=theme.foreground)
    ax.tick_params(colors=theme.muted, labelcolor=theme.foreground, labelsize=theme.font())
    for name, spine in ax.spines.items():
        spine.set_visible(name in ("left", "bottom"))
        spine.set_color(theme.muted)
    fit_margins(fig, theme.font_scale)
    return fig


def fit_margins(fig: Figure, font_scale: float = 1.0) -> None:
    """Fixed margins in inches for the figure's current size (no layout engine)."""
    w, h = fig.get_size_inches()
    left, right, top, bottom = (m * font_scale for m in (0.5, 0.15, 0.35, 0.4))
    w, h = max(w, left + right + 1.0), max(h, top + bottom + 0.5)
    fig.subplots_adjust(left=left / w, right=1 - right / w, top=1 - top / h, bottom=bottom / h)
