"""report/charts.py: figures hold the expected lines, gaps and shading; updates happen in place."""

from __future__ import annotations

import io
import math
import subprocess
import sys
from datetime import date, timedelta

import pytest

from selfcare_app.core import trends as t
from selfcare_app.core.demo import semester
from selfcare_app.core.entry import METRICS, DailyEntry
from selfcare_app.report import charts as c

END = date(2025, 12, 19)
ENTRIES = semester(END, days=400)


def view(days: int, metrics: tuple[str, ...] = METRICS, entries: list[DailyEntry] = ENTRIES,
         end: date = END) -> t.TrendView:
    return t.build_view(entries, end - timedelta(days=days - 1), end, metrics)


def ydata(line: object) -> list[float]:
    return [float(v) for v in line.get_ydata()]  # type: ignore[attr-defined]


def test_importing_charts_does_not_import_matplotlib() -> None:
    code = ("import sys, selfcare_app.report.charts, selfcare_app.core.trends; "
            "print('matplotlib' in sys.modules, 'numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "False"]


def test_one_panel_per_metric_with_daily_and_mean_lines() -> None:
    chart = c.TrendChart()
    v = view(30)
    chart.update(v)
    assert len(chart.figure.axes) == len(METRICS)
    for ax, panel in zip(chart.axes, v.panels, strict=True):
        gids = {line.get_gid() for line in ax.get_lines()}
        assert {f"daily:{panel.metric}", f"smooth:{panel.metric}"} <= gids
        assert ax.get_title(loc="left").startswith(panel.label)
    # only the bottom panel labels the shared time axis
    assert all(not ax.xaxis.get_tick_params()["labelbottom"] for ax in chart.axes[:-1])


def test_gaps_are_nan_breaks_not_zero() -> None:
    entries = [DailyEntry(day=END - timedelta(days=i), sleep_hours=7.0)
               for i in range(14) if i not in (3, 4, 9)]
    v = t.build_view(entries, END - timedelta(days=13), END, ["sleep_hours"])
    chart = c.TrendChart()
    chart.update(v)
    y = ydata(chart.daily["sleep_hours"])
    assert len(y) == 14
    gaps = [i for i, value in enumerate(y) if math.isnan(value)]
    assert gaps == [13 - 9, 13 - 4, 13 - 3]
    assert all(value == 7.0 for value in y if not math.isnan(value))
    smooth = ydata(chart.smooth["sleep_hours"])
    assert [math.isnan(s) for s in smooth] == [p is None for p in v.panels[0].smooth]


def test_range_switch_updates_in_place() -> None:
    chart = c.TrendChart()
    assert chart.update(view(14)) is False
    lines = dict(chart.daily)
    axes = list(chart.axes)
    for days in (30, 91, 365, 3650, 14):
        assert chart.update(view(days)) is True
        assert chart.daily == lines and chart.axes == axes
        assert len(ydata(chart.daily["mood"])) == days
    assert chart.rebuilds == 1
    # Switching measures off hides their panels; switching them on shows them again.
    assert chart.update(view(30, ("mood", "energy"))) is True
    assert chart.rebuilds == 1 and chart.axes == [axes[3], axes[4]]
    assert [ax.get_visible() for ax in chart.figure.axes] == [False, False, False, True, True]
    assert chart.axes[-1].xaxis.get_tick_params()["labelbottom"]
    assert not chart.axes[0].xaxis.get_tick_params()["labelbottom"]
    assert chart.update(view(30)) is True and chart.axes == axes


def test_a_measure_never_shown_before_gets_a_new_panel() -> None:
    chart = c.TrendChart()
    chart.update(view(30, ("mood",)))
    assert chart.update(view(30, ("mood", "stress"))) is False
    assert len(chart.figure.axes) == 2 and chart.rebuilds == 1
    # every panel shares the one time axis
    assert chart.axes[0].get_shared_x_axes().joined(chart.axes[0], chart.axes[1])


def test_long_ranges_draw_weekly_means_and_say_so() -> None:
    chart = c.TrendChart()
    chart.update(view(365))
    labels = [text.get_text() for text in chart._legend.get_texts()]
    assert labels[:2] == ["daily", "weekly mean"]
    assert len(ydata(chart.smooth["stress"])) in (53, 54)
    assert chart.daily["stress"].get_marker() == "None"  # no markers over a year
    chart.update(view(30))
    assert [x.get_text() for x in chart._legend.get_texts()][:2] == ["daily", "7-day mean"]
    assert chart.daily["stress"].get_marker() == "o"


def test_shaded_periods_on_every_panel_and_in_the_legend() -> None:
    from matplotlib.patches import Rectangle

    chart = c.TrendChart()
    shaded = [(END - timedelta(days=10), END - timedelta(days=5), "exam block"),
              (END - timedelta(days=3), END, "what we noticed"),
              (END - timedelta(days=400), END - timedelta(days=300), "outside")]
    chart.update(view(30), shaded)

    def spans() -> list[Rectangle]:
        return [p for ax in chart.axes for p in ax.patches
                if isinstance(p, Rectangle) and str(p.get_gid()).startswith("shade:")]

    assert len(spans()) == 2 * len(METRICS)
    legend = [x.get_text() for x in chart._legend.get_texts()]
    assert legend == ["daily", "7-day mean", "exam block", "what we noticed"]
    first = spans()[0]
    x0 = chart._xnum(END - timedelta(days=10)) - 0.5
    assert first.get_x() == pytest.approx(x0) and first.get_width() == pytest.approx(6)
    hatches = {p.get_gid(): p.get_hatch() for p in spans()}
    assert hatches["shade:exam block"] != hatches["shade:what we noticed"]
    chart.update(view(30))  # shading is removed when no longer given
    assert spans() == []


def test_shading_is_clipped_to_the_range() -> None:
    chart = c.TrendChart()
    chart.update(view(14), [(END - timedelta(days=40), END - timedelta(days=10), "exams")])
    rect = next(p for p in chart.axes[0].patches if p.get_gid() == "shade:exams")
    assert rect.get_x() == pytest.approx(chart._xnum(END - timedelta(days=13)) - 0.5)


def test_no_layout_engine_and_fixed_margins_in_inches() -> None:
    chart = c.TrendChart(size_in=(10, 6.4))
    chart.update(view(30))
    assert chart.figure.get_layout_engine() is None or \
        type(chart.figure.get_layout_engine()).__name__ == "PlaceHolderLayoutEngine"
    def inches(ax: object, w: float, h: float) -> tuple[float, float]:
        box = ax.get_position()  # type: ignore[attr-defined]
        return box.x0 * w, (1 - box.y1) * h

    assert inches(chart.axes[0], 10, 6.4) == pytest.approx((c.MARGINS_IN[0], c.MARGINS_IN[2]))
    chart.figure.set_size_inches(14, 8)
    chart.fit()
    assert inches(chart.axes[0], 14, 8) == pytest.approx((c.MARGINS_IN[0], c.MARGINS_IN[2]))
    bottom = chart.axes[-1].get_position().y0 * 8
    assert bottom == pytest.approx(c.MARGINS_IN[3])
    gap = (chart.axes[0].get_position().y0 - chart.axes[1].get_position().y1) * 8
    assert gap == pytest.approx(c.PANEL_GAP_IN)


def test_cursor_and_day_lookup() -> None:
    chart = c.TrendChart()
    v = view(30)
    chart.update(v)
    assert not any(line.get_visible() for line in chart.cursors)
    day = END - timedelta(days=4)
    chart.set_cursor(day)
    assert all(line.get_visible() for line in chart.cursors)
    x = float(chart.cursors[0].get_xdata()[0])
    assert chart.day_at(x) == day
    assert chart.day_at(x + 0.4) == day
    assert chart.day_at(chart._xnum(END + timedelta(days=3))) is None
    assert chart.day_at(float("nan")) is None


def test_theme_colours_are_colour_blind_safe_and_readable() -> None:
    for theme in (c.LIGHT, c.DARK):
        for metric in METRICS:
            assert c.contrast_ratio(theme.color(metric), theme.background) >= 3.0, (theme, metric)
        assert c.contrast_ratio(theme.foreground, theme.background) >= 7.0
        assert len({theme.color(m) for m in METRICS}) == len(METRICS)
    assert set(c.DARK.colors.values()) <= set(c.OKABE_ITO.values())


def test_dark_theme_is_applied_to_figure_and_lines() -> None:
    from matplotlib.colors import to_hex

    chart = c.TrendChart(c.DARK)
    chart.update(view(30))
    assert to_hex(chart.figure.get_facecolor()) == c.DARK.background
    assert to_hex(chart.axes[0].get_facecolor()) == c.DARK.background
    assert to_hex(chart.smooth["sleep_hours"].get_color()) == c.DARK.color("sleep_hours").lower()
    chart.set_theme(c.LIGHT)
    assert to_hex(chart.figure.get_facecolor()) == c.LIGHT.background
    assert to_hex(chart.smooth["sleep_hours"].get_color()) == c.LIGHT.color("sleep_hours").lower()
    custom = c.theme_for(True, background="#101010", foreground="#fafafa")
    assert custom.background == "#101010" and custom.colors == c.DARK.colors


def test_no_metrics_shows_a_hint() -> None:
    chart = c.TrendChart()
    chart.update(view(30, ()))
    assert chart.figure.axes == []
    hint = [x for x in chart.figure.texts if "Choose at least one" in x.get_text()]
    assert len(hint) == 1 and hint[0].get_visible()
    chart.update(view(30))
    assert not hint[0].get_visible()
    chart.update(view(30, ()))
    assert chart.axes == [] and not any(ax.get_visible() for ax in chart.figure.axes)


def test_weekday_chart_bars_are_the_means() -> None:
    entries = [DailyEntry(day=date(2025, 3, 3) + timedelta(days=i), mood=(i % 7))
               for i in range(28) if i % 7 != 2]  # never a Wednesday
    v = t.build_view(entries, date(2025, 3, 3), date(2025, 3, 30), ["mood", "sleep_hours"])
    chart = c.WeekdayChart()
    chart.update(v)
    heights = [r.get_height() for r in chart.bars["mood"]]
    assert heights == [0.0, 1.0, 0.0, 3.0, 4.0, 5.0, 6.0]
    texts = [x.get_text() for x in chart.labels["mood"]]
    assert texts[2] == "no entries" and texts[3] == "3.0"
    assert [x.get_text() for x in chart.axes[-1].get_xticklabels()] == list(t.WEEKDAY_SHORT)
    bars = list(chart.bars["mood"])
    assert chart.update(v) is True and chart.bars["mood"] == bars


def test_standalone_figures_render_to_png_in_memory() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    v = view(365)
    for fig in (c.build_trend_figure(v, [(END - timedelta(days=20), END, "exams")]),
                c.build_weekday_figure(v)):
        FigureCanvasAgg(fig)
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        assert buf.getvalue().startswith(b"\x89PNG")
        assert len(fig.axes) == len(METRICS)


def test_pyplot_is_never_imported() -> None:
    code = ("import sys\nfrom datetime import date\n"
            "from selfcare_app.core.demo import semester\n"
            "from selfcare_app.core.trends import build_view\n"
            "from selfcare_app.report.charts import build_trend_figure, build_weekday_figure\n"
            "e = semester(date(2025, 12, 19))\n"
            "v = build_view(e, date(2025, 9, 1), date(2025, 12, 19))\n"
            "build_trend_figure(v); build_weekday_figure(v)\n"
            "print('matplotlib.pyplot' in sys.modules, 'matplotlib.figure' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "True"]


# -- the counselor summary's chart: legend, shading kinds --------------------------------------

KINDS = ["Load without recovery", "Mood decline", "Sleep low", "Low energy",
         "Sustained stress", "Short-sleep streak"]
KIND_PANELS = {"Load without recovery": ("study_hours",), "Mood decline": ("mood",),
               "Sleep low": ("sleep_hours",), "Low energy": ("energy",),
               "Sustained stress": ("stress",), "Short-sleep streak": ("sleep_hours",)}


def _kinds_figure(width_in: float) -> object:
    v = view(84, end=END)
    shaded = [(END - timedelta(days=10 + 6 * i), END - timedelta(days=4 + 6 * i), kind)
              for i, kind in enumerate(KINDS)]
    return c.build_trend_figure(v, shaded, size_in=(width_in, 7.3), dpi=100,
                                panels=KIND_PANELS)


@pytest.mark.parametrize("width_in", [7.0, 4.5])
def test_legend_entries_lie_wholly_inside_the_figure(width_in: float) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = _kinds_figure(width_in)
    renderer = FigureCanvasAgg(fig).get_renderer()  # type: ignore[arg-type]
    fig.draw(renderer)  # type: ignore[attr-defined]
    legend = fig.legends[0]  # type: ignore[attr-defined]
    inside = fig.bbox.padded(0.5)  # type: ignore[attr-defined]
    texts = legend.get_texts()
    assert [x.get_text() for x in texts] == ["daily", "7-day mean", *KINDS]
    for artist in [*texts, *legend.legend_handles]:
        box = artist.get_window_extent(renderer)
        assert inside.x0 <= box.x0 and box.x1 <= inside.x1, artist
        assert inside.y0 <= box.y0 and box.y1 <= inside.y1, artist
    # on rows of its own, the legend sits above the first panel's title, never over it
    first = fig.axes[0]  # type: ignore[attr-defined]
    title_box = first._left_title.get_window_extent(renderer)
    assert legend.get_window_extent(renderer).y0 >= title_box.y1 - 1


def test_each_kind_of_period_has_its_own_look_and_only_its_own_panel() -> None:
    fig = _kinds_figure(7.0)
    looks: dict[str, tuple[object, object]] = {}
    for ax in fig.axes:  # type: ignore[attr-defined]
        metric = ax.get_label()
        for patch in ax.patches:
            gid = str(patch.get_gid())
            if gid.startswith("shade:"):
                kind = gid.removeprefix("shade:")
                assert metric in KIND_PANELS[kind], (kind, metric)
                looks[kind] = (patch.get_facecolor(), patch.get_hatch())
    assert set(looks) == set(KINDS)
    assert len(set(looks.values())) == len(KINDS)  # no two kinds look alike
    assert len({h for _, h in looks.values()}) == len(KINDS)  # patterns differ too (grey print)
