"""Trends over the daily log: series with gaps, rolling and weekly means, the personal baseline,
weekday pattern, "this week against your usual" and text summaries for screen readers.

Pure Python (no numpy): a missing day is `None` and stays a gap everywhere; a mean is shown only
when its window holds enough values, so a few entries never pass for a trend.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from selfcare_app.core.entry import FIELDS_BY_NAME, METRICS, DailyEntry, FieldSpec, social_label
from selfcare_app.core.formatting import decimal_sign, format_medium_day, format_weekday
from selfcare_app.i18n import N_, _, ngettext

ROLLING_WINDOW: Final = 7
ROLLING_MIN_VALUES: Final = 4
BASELINE_DAYS: Final = 28
BASELINE_MIN_VALUES: Final = 8
WEEK_MIN_VALUES: Final = 4
WEEKLY_AFTER_DAYS: Final = 180  # ranges longer than this are drawn with weekly means

WEEKDAY_NAMES: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                        "Sunday")
WEEKDAY_SHORT: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                  "Dec")
_SOCIAL_WORDS: Final = ("none", "brief", "meaningful")

Values = Sequence[float | None]


# -- dates and ranges ------------------------------------------------------------------------


@dataclass(frozen=True)
class RangeChoice:
    key: str
    label: str
    days: int | None  # None: from the first entry (all) or chosen by the student (custom)


RANGES: Final[tuple[RangeChoice, ...]] = (
    # Labels are English msgids (N_): show them with _(choice.label).
    RangeChoice("2w", N_("2 weeks"), 14),
    RangeChoice("month", N_("Month"), 30),
    RangeChoice("3m", N_("3 months"), 91),
    RangeChoice("year", N_("Year"), 365),
    RangeChoice("all", N_("All"), None),
    RangeChoice("custom", N_("Custom dates"), None),
)
RANGES_BY_KEY: Final[dict[str, RangeChoice]] = {r.key: r for r in RANGES}


def day_range(start: date, end: date) -> list[date]:
    """Every calendar day from start to end inclusive (empty if end is before start)."""
    return list(map(date.fromordinal, range(start.toordinal(), end.toordinal() + 1)))


def range_bounds(key: str, today: date, first_day: date | None = None,
                 custom: tuple[date, date] | None = None) -> tuple[date, date]:
    """The first and last day of a named range ending today (custom: as given, put in order)."""
    if key == "custom":
        if custom is None:
            raise ValueError("a custom range needs its two dates")
        a, b = custom
        return (a, b) if a <= b else (b, a)
    choice = RANGES_BY_KEY[key]
    if choice.days is None:  # all
        start = first_day if first_day is not None and first_day <= today else today
        # Never shorter than two weeks, so a new diary still has a readable axis.
        return min(start, today - timedelta(days=13)), today
    return today - timedelta(days=choice.days - 1), today


def format_day(d: date, year: bool = True) -> str:
    """'14 Oct 2025' without depending on the process locale (the active language's style
    through core/formatting)."""
    return format_medium_day(d, year)


def format_span(start: date, end: date) -> str:
    if start == end:
        return format_day(start)
    return _("{start} to {end}").format(start=format_day(start, year=start.year != end.year),
                                        end=format_day(end))


# -- series ----------------------------------------------------------------------------------


def spec(metric: str) -> FieldSpec:
    if metric not in FIELDS_BY_NAME:
        raise ValueError(f"unknown metric {metric!r}")
    return FIELDS_BY_NAME[metric]


def values_by_day(entries: Iterable[DailyEntry], metric: str) -> dict[date, float]:
    """The metric's logged values keyed by day; days without a value are absent."""
    spec(metric)
    out: dict[date, float] = {}
    for e in entries:
        v = e.value(metric)
        if v is not None:
            out[e.day] = v
    return out


def series_from_map(by_day: Mapping[date, float], start: date, end: date) -> list[float | None]:
    return [by_day.get(d) for d in day_range(start, end)]


def daily_series(entries: Iterable[DailyEntry], metric: str, start: date,
                 end: date) -> list[float | None]:
    """One value per day from start to end; None where nothing was logged (a gap, never 0)."""
    return series_from_map(values_by_day(entries, metric), start, end)


def _mean(values: Sequence[float]) -> float:
    m = math.fsum(values) / len(values)
    return min(max(m, min(values)), max(values))  # no rounding error outside the data


def rolling_mean(values: Values, window: int = ROLLING_WINDOW,
                 min_values: int = ROLLING_MIN_VALUES) -> list[float | None]:
    """Trailing mean over `window` days ending on each day, or None with < min_values values."""
    if window < 1 or min_values < 1:
        raise ValueError("window and min_values must be at least 1")
    out: list[float | None] = []
    for i in range(len(values)):
        present = [v for v in values[max(0, i - window + 1):i + 1] if v is not None]
        out.append(_mean(present) if len(present) >= min_values else None)
    return out


@dataclass(frozen=True)
class PeriodMean:
    """A mean over a span of days (a week, a weekday, a window)."""

    start: date
    end: date
    mean: float | None
    count: int

    @property
    def middle(self) -> date:
        return self.start + (self.end - self.start) / 2


def week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


def weekly_means(by_day: Mapping[date, float], start: date, end: date,
                 min_values: int = 1) -> list[PeriodMean]:
    """Monday-to-Sunday weeks covering start..end, each clipped to the range."""
    return weekly_from_series(series_from_map(by_day, start, end), start, min_values)


def weekly_from_series(values: Values, start: date, min_values: int = 1) -> list[PeriodMean]:
    """As weekly_means, for a daily series that begins on `start`."""
    weeks: list[PeriodMean] = []
    i, n = 0, len(values)
    first, weekday = start.toordinal(), start.weekday()
    while i < n:
        length = min(7 - (weekday + i) % 7, n - i)
        present = [v for v in values[i:i + length] if v is not None]
        mean = _mean(present) if len(present) >= min_values else None
        weeks.append(PeriodMean(date.fromordinal(first + i),
                                date.fromordinal(first + i + length - 1), mean, len(present)))
        i += length
    return weeks


def window_mean(by_day: Mapping[date, float], start: date, end: date,
                min_values: int = 1) -> PeriodMean:
    present = [by_day[d] for d in day_range(start, end) if d in by_day]
    return PeriodMean(start, end, _mean(present) if len(present) >= min_values else None,
                      len(present))


def baseline(by_day: Mapping[date, float], day: date, days: int = BASELINE_DAYS,
             min_values: int = BASELINE_MIN_VALUES) -> PeriodMean:
    """The personal baseline before `day`: the mean of the `days` days before it (never `day`
    itself or anything later), or a None mean when fewer than min_values were logged."""
    return window_mean(by_day, day - timedelta(days=days), day - timedelta(days=1), min_values)


def weekday_pattern(by_day: Mapping[date, float], start: date, end: date) -> list[PeriodMean]:
    """Mean per weekday (Monday first) over start..end; `start`/`end` of each item span the
    range, `count` is how many of that weekday had a value."""
    return weekday_from_series(series_from_map(by_day, start, end), start)


def weekday_from_series(values: Values, start: date) -> list[PeriodMean]:
    buckets: list[list[float]] = [[] for _ in range(7)]
    first = start.weekday()
    for i, v in enumerate(values):
        if v is not None:
            buckets[(first + i) % 7].append(v)
    end = start + timedelta(days=max(len(values) - 1, 0))
    return [PeriodMean(start, end, _mean(b) if b else None, len(b)) for b in buckets]


# -- per-metric summary ----------------------------------------------------------------------


@dataclass(frozen=True)
class MetricSummary:
    metric: str
    start: date
    end: date
    days: int
    days_logged: int
    mean: float | None
    median: float | None
    minimum: float | None
    maximum: float | None

    @property
    def label(self) -> str:
        return spec(self.metric).label


def summarize(by_day: Mapping[date, float], metric: str, start: date, end: date) -> MetricSummary:
    return summary_from_series(series_from_map(by_day, start, end), metric, start, end)


def summary_from_series(values: Values, metric: str, start: date, end: date) -> MetricSummary:
    present = sorted(v for v in values if v is not None)
    n = len(present)
    days = max(0, (end - start).days + 1)
    if not n:
        return MetricSummary(metric, start, end, days, 0, None, None, None, None)
    mid = n // 2
    median = present[mid] if n % 2 else (present[mid - 1] + present[mid]) / 2
    return MetricSummary(metric, start, end, days, n, _mean(present), median, present[0],
                         present[-1])


def fmt_value(metric: str, value: float | None, unit: bool = True) -> str:
    """'7.3 h', '6.4', or '–' for no value; one decimal everywhere for a calm, even look."""
    if value is None:
        return "–"
    s = spec(metric)
    text = f"{value:.1f}".replace(".", decimal_sign())
    return _("{hours} h").format(hours=text) if unit and s.unit else text


def summary_cells(summary: MetricSummary) -> tuple[str, str, str, str]:
    """(metric, mean, min–max, days logged) as shown in the summary table."""
    m = summary.metric
    if summary.days_logged == 0:
        rng = "–"
    else:
        rng = f"{fmt_value(m, summary.minimum, unit=False)}–{fmt_value(m, summary.maximum)}"
    return (spec(m).label, fmt_value(m, summary.mean), rng,
            _("{logged} of {days}").format(logged=summary.days_logged, days=summary.days))


# -- this week against your usual ------------------------------------------------------------


_UNIT_PHRASE: Final = {"sleep_hours": N_("{value} h a night"),
                       "study_hours": N_("{value} h a day")}


@dataclass(frozen=True)
class WeekComparison:
    """The last 7 days (ending `today`) against the 28 days before them, for one metric."""

    metric: str
    week: PeriodMean
    usual: PeriodMean
    week_min: int = WEEK_MIN_VALUES
    usual_min: int = BASELINE_MIN_VALUES

    @property
    def label(self) -> str:
        return spec(self.metric).label

    @property
    def enough(self) -> bool:
        return self.week.mean is not None and self.usual.mean is not None

    @property
    def difference(self) -> float | None:
        """This week minus usual, from the rounded figures shown, so the sentence adds up."""
        if self.week.mean is None or self.usual.mean is None:
            return None
        return round(float(f"{self.week.mean:.1f}") - float(f"{self.usual.mean:.1f}"), 1)

    def _amount(self, value: float) -> str:
        phrase = _UNIT_PHRASE.get(self.metric)
        shown = _one(value)
        return _(phrase).format(value=shown) if phrase else _("{value} out of 10").format(
            value=shown)

    def _usual(self, value: float) -> str:
        u = spec(self.metric).unit
        return (_("your usual {value} h") if u else _("your usual {value}")).format(
            value=_one(value))

    @property
    def sentence(self) -> str:
        """e.g. 'Sleep: 6.1 h a night, 0.9 h less than your usual 7.0 h.'"""
        label = self.label
        wk, us = self.week, self.usual
        if wk.mean is None:
            return _("{measure}: not enough entries yet this week ({count} of 7 days logged; "
                     "{needed} are needed to compare).").format(
                         measure=label, count=wk.count, needed=self.week_min)
        if us.mean is None:
            return _("{measure}: {amount} this week. Not enough entries yet to know your usual "
                     "({count} of the {days} days before; {needed} are needed).").format(
                         measure=label, amount=self._amount(wk.mean), count=us.count,
                         days=BASELINE_DAYS, needed=self.usual_min)
        diff = self.difference
        assert diff is not None
        amount, usual = self._amount(wk.mean), self._usual(us.mean)
        if diff == 0:
            return _("{measure}: {amount}, about the same as {usual}.").format(
                measure=label, amount=amount, usual=usual)
        if spec(self.metric).unit:
            text = (_("{measure}: {amount}, {gap} h more than {usual}.") if diff > 0 else
                    _("{measure}: {amount}, {gap} h less than {usual}."))
        else:
            text = (_("{measure}: {amount}, {gap} higher than {usual}.") if diff > 0 else
                    _("{measure}: {amount}, {gap} lower than {usual}."))
        return text.format(measure=label, amount=amount, gap=_one(abs(diff)), usual=usual)


def _one(value: float) -> str:
    """One decimal with the language's decimal sign ("6.1")."""
    return f"{value:.1f}".replace(".", decimal_sign())


def week_vs_usual(by_day: Mapping[date, float], metric: str, today: date,
                  week_min: int = WEEK_MIN_VALUES,
                  usual_min: int = BASELINE_MIN_VALUES) -> WeekComparison:
    spec(metric)
    week_first = today - timedelta(days=6)
    week = window_mean(by_day, week_first, today, week_min)
    usual = baseline(by_day, week_first, BASELINE_DAYS, usual_min)
    return WeekComparison(metric, week, usual, week_min, usual_min)


def week_vs_usual_all(entries: Sequence[DailyEntry], today: date,
                      metrics: Sequence[str] = METRICS) -> list[WeekComparison]:
    return [week_vs_usual(values_by_day(entries, m), m, today) for m in metrics]


# -- the view a chart draws ------------------------------------------------------------------


@dataclass(frozen=True)
class Panel:
    """One metric's lines on the shared time axis.

    `values` are daily (None = gap); `smooth` is the 7-day rolling mean on `smooth_days` for
    short ranges, or weekly means placed at the middle of each week for long ranges.
    """

    metric: str
    days: tuple[date, ...]
    values: tuple[float | None, ...]
    smooth_days: tuple[date, ...]
    smooth: tuple[float | None, ...]
    smooth_label: str
    summary: MetricSummary

    @property
    def label(self) -> str:
        return spec(self.metric).label

    @property
    def axis_label(self) -> str:
        u = spec(self.metric).unit
        return f"{self.label} ({u})" if u else self.label


@dataclass(frozen=True)
class TrendView:
    start: date
    end: date
    weekly: bool
    panels: tuple[Panel, ...]
    weekdays: tuple[tuple[str, tuple[PeriodMean, ...]], ...]


def build_view(entries: Sequence[DailyEntry], start: date, end: date,
               metrics: Sequence[str] = METRICS, weekly: bool | None = None) -> TrendView:
    """Everything the Trends charts and table need for start..end.

    The rolling mean looks back before `start`, so the first days of a range have a mean when
    the days before them were logged.
    """
    if end < start:
        start, end = end, start
    if weekly is None:
        weekly = (end - start).days + 1 > WEEKLY_AFTER_DAYS
    days = tuple(day_range(start, end))
    lead = ROLLING_WINDOW - 1
    first = start - timedelta(days=lead)
    # Only entries inside the range (and the days the first rolling mean looks back on).
    rows = {e.day: e for e in entries if first <= e.day <= end}
    lead_days = day_range(first, start - timedelta(days=1))
    panels: list[Panel] = []
    weekdays: list[tuple[str, tuple[PeriodMean, ...]]] = []
    for m in metrics:
        spec(m)
        by_day = {d: float(v) for d, e in rows.items() if (v := getattr(e, m)) is not None}
        values = tuple(by_day.get(d) for d in days)
        if weekly:
            weeks = weekly_from_series(values, start)
            smooth_days = tuple(w.middle for w in weeks)
            smooth = tuple(w.mean for w in weeks)
            smooth_label = _("weekly mean")
        else:
            longer = [by_day.get(d) for d in lead_days] + list(values)
            smooth_days = days
            smooth = tuple(rolling_mean(longer)[lead:])
            smooth_label = "7-day mean"
        panels.append(Panel(m, days, values, smooth_days, smooth, smooth_label,
                            summary_from_series(values, m, start, end)))
        weekdays.append((m, tuple(weekday_from_series(values, start))))
    return TrendView(start, end, weekly, tuple(panels), tuple(weekdays))


def merge_periods(periods: Iterable[tuple[date, date, str]]) -> list[tuple[date, date, str]]:
    """Periods with the same label that overlap or touch become one; sorted by start."""
    merged: list[tuple[date, date, str]] = []
    last: dict[str, int] = {}
    for a, b, label in sorted(periods, key=lambda p: (p[0], p[1], p[2])):
        if b < a:
            a, b = b, a
        i = last.get(label)
        if i is not None and a <= merged[i][1] + timedelta(days=1):
            merged[i] = (merged[i][0], max(b, merged[i][1]), label)
        else:
            last[label] = len(merged)
            merged.append((a, b, label))
    return merged


# -- words for screen readers and tooltips ---------------------------------------------------


def _first_last(values: Sequence[float | None]) -> tuple[float, float] | None:
    present = [v for v in values if v is not None]
    return (present[0], present[-1]) if present else None


def describe_panel(panel: Panel) -> str:
    s = panel.summary
    m = panel.metric
    if s.days_logged == 0:
        return _("{measure}: nothing logged in this range.").format(measure=panel.label)
    text = ngettext("{measure}: logged {logged} of {days} day, average {mean}, lowest {low}, "
                    "highest {high}.",
                    "{measure}: logged {logged} of {days} days, average {mean}, lowest {low}, "
                    "highest {high}.", s.days).format(
                        measure=panel.label, logged=s.days_logged, days=s.days,
                        mean=fmt_value(m, s.mean), low=fmt_value(m, s.minimum),
                        high=fmt_value(m, s.maximum))
    ends = _first_last(panel.smooth)
    if ends is not None:
        a, b = ends
        if f"{a:.1f}" == f"{b:.1f}":
            text += " " + _("The {line} stayed at {value}.").format(
                line=panel.smooth_label, value=fmt_value(m, a))
        else:
            text += " " + _("The {line} went from {start} to {end}.").format(
                line=panel.smooth_label, start=fmt_value(m, a), end=fmt_value(m, b))
    return text


def describe_view(view: TrendView,
                  shaded: Sequence[tuple[date, date, str]] = ()) -> str:
    """A short text equivalent of the time chart (used as the canvas' accessible description)."""
    n = (view.end - view.start).days + 1
    span = format_span(view.start, view.end)
    parts = [(ngettext("Trends from {span} ({days} day), daily values with weekly means.",
                       "Trends from {span} ({days} days), daily values with weekly means.", n)
              if view.weekly else
              ngettext("Trends from {span} ({days} day), daily values with 7-day means.",
                       "Trends from {span} ({days} days), daily values with 7-day means.", n))
             .format(span=span, days=n)]
    if not view.panels:
        parts.append(_("No measures are selected."))
    parts += [describe_panel(p) for p in view.panels]
    for a, b, label in shaded:
        parts.append(_("Shaded: {label}, {span}.").format(label=label, span=format_span(a, b)))
    return " ".join(parts)


def describe_weekdays(view: TrendView) -> str:
    parts = [_("Average by weekday, {span}.").format(span=format_span(view.start, view.end))]
    for metric, pattern in view.weekdays:
        label = spec(metric).label
        known = [(p.mean, i) for i, p in enumerate(pattern) if p.mean is not None]
        if not known:
            parts.append(_("{measure}: nothing logged.").format(measure=label))
            continue
        hi = max(known)
        lo = min(known)
        if f"{hi[0]:.1f}" == f"{lo[0]:.1f}":
            parts.append(_("{measure}: about {value} on every weekday logged.").format(
                measure=label, value=fmt_value(metric, hi[0])))
        else:
            parts.append(_("{measure}: highest on {high_day} ({high}), lowest on {low_day} "
                           "({low}).").format(measure=label, high_day=format_weekday(hi[1]),
                                              high=fmt_value(metric, hi[0]),
                                              low_day=format_weekday(lo[1]),
                                              low=fmt_value(metric, lo[0])))
    return " ".join(parts)


def describe_day(day: date, entry: DailyEntry | None, with_note: bool = True,
                 note_limit: int | None = None) -> str:
    """A day's values, tags and note as plain lines (tooltip and side panel); a note longer
    than `note_limit` characters is cut with an ellipsis."""
    head = f"{format_weekday(day.weekday())} {format_day(day)}"
    if entry is None:
        return head + "\n" + _("Nothing logged on this day.")
    lines = [head]
    vals = []
    for m in METRICS:
        v = entry.value(m)
        if v is not None:
            s = spec(m)
            value = f"{v:g}".replace(".", decimal_sign())
            shown = _("{hours} h").format(hours=value) if s.unit else f"{value}/10"
            vals.append(f"{s.label} {shown}")
    if entry.social is not None and 0 <= entry.social < len(_SOCIAL_WORDS):
        vals.append(_("Time with people: {amount}").format(
            amount=social_label(entry.social)))
    lines.append(" · ".join(vals) if vals else _("No values logged."))
    if entry.tags:
        lines.append(_("Tags: {tags}").format(tags=", ".join(entry.tags)))
    if entry.practices:
        lines.append(_("Self-care: {names}").format(names=", ".join(entry.practices)))
    note = entry.note.strip()
    if with_note and note:
        if note_limit is not None and len(note) > note_limit:
            note = note[:note_limit].rstrip() + "…"
        lines.append(_("Note: {text}").format(text=note))
    return "\n".join(lines)
