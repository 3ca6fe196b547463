"""core/trends.py: series with gaps, means, baseline, weekday pattern, week-vs-usual words."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfcare_app.core import trends as t
from selfcare_app.core.demo import semester
from selfcare_app.core.entry import METRICS, DailyEntry

D0 = date(2025, 3, 3)  # a Monday

maybe_value = st.one_of(st.none(), st.integers(0, 40).map(lambda q: q * 0.25))
value_lists = st.lists(maybe_value, min_size=0, max_size=60)


def entries_from(values: list[float | None], start: date = D0,
                 metric: str = "sleep_hours") -> list[DailyEntry]:
    return [DailyEntry(day=start + timedelta(days=i), **{metric: v})
            for i, v in enumerate(values) if v is not None]


# -- properties --------------------------------------------------------------------------------


@given(value_lists, st.integers(1, 10), st.integers(1, 10))
def test_rolling_mean_stays_within_its_window(values: list[float | None], window: int,
                                              min_values: int) -> None:
    out = t.rolling_mean(values, window, min_values)
    assert len(out) == len(values)
    for i, m in enumerate(out):
        present = [v for v in values[max(0, i - window + 1):i + 1] if v is not None]
        if len(present) < min_values:
            assert m is None
        else:
            assert m is not None
            assert min(present) <= m <= max(present)


@given(value_lists)
def test_daily_series_preserves_gaps(values: list[float | None]) -> None:
    end = D0 + timedelta(days=max(len(values) - 1, 0))
    series = t.daily_series(entries_from(values), "sleep_hours", D0, end)
    assert series == (values or [None])


@given(value_lists, st.integers(0, 59), maybe_value)
def test_baseline_uses_only_prior_days(values: list[float | None], offset: int,
                                       changed: float | None) -> None:
    day = D0 + timedelta(days=offset)
    by_day = t.values_by_day(entries_from(values), "sleep_hours")
    before = t.baseline(by_day, day, min_values=1)
    # Changing the day itself or anything after it must not move the baseline.
    later = {d: v for d, v in by_day.items() if d < day}
    if changed is not None:
        later[day] = changed
        later[day + timedelta(days=3)] = changed
    assert t.baseline(later, day, min_values=1) == before
    prior = [v for d, v in by_day.items() if day - timedelta(days=28) <= d < day]
    assert before.count == len(prior)
    if prior:
        assert before.mean == pytest.approx(sum(prior) / len(prior))
    else:
        assert before.mean is None


@given(value_lists)
def test_weekly_means_cover_every_value_once(values: list[float | None]) -> None:
    end = D0 + timedelta(days=max(len(values) - 1, 0))
    by_day = t.values_by_day(entries_from(values), "sleep_hours")
    weeks = t.weekly_means(by_day, D0 + timedelta(days=2), end + timedelta(days=2))
    assert sum(w.count for w in weeks) == len([d for d in by_day if d >= D0 + timedelta(days=2)])
    for w in weeks:
        inside = [v for d, v in by_day.items() if w.start <= d <= w.end]
        assert (w.mean is None) == (not inside)
        if inside:
            assert w.mean is not None and min(inside) <= w.mean <= max(inside)
        assert w.start.weekday() == 0 or w.start == D0 + timedelta(days=2)


@given(value_lists)
def test_weekday_pattern_counts_and_bounds(values: list[float | None]) -> None:
    end = D0 + timedelta(days=max(len(values) - 1, 0))
    by_day = t.values_by_day(entries_from(values), "sleep_hours")
    pattern = t.weekday_pattern(by_day, D0, end)
    assert len(pattern) == 7
    assert sum(p.count for p in pattern) == len(by_day)
    for wd, p in enumerate(pattern):
        vals = [v for d, v in by_day.items() if d.weekday() == wd]
        if vals:
            assert p.mean is not None and min(vals) <= p.mean <= max(vals)
        else:
            assert p.mean is None


@given(value_lists)
def test_summary_is_consistent(values: list[float | None]) -> None:
    end = D0 + timedelta(days=max(len(values) - 1, 0))
    by_day = t.values_by_day(entries_from(values), "sleep_hours")
    s = t.summarize(by_day, "sleep_hours", D0, end)
    assert s.days == max(len(values), 1)
    assert s.days_logged == len(by_day)
    if by_day:
        assert s.minimum is not None and s.maximum is not None and s.mean is not None
        assert s.median is not None
        assert s.minimum <= s.mean <= s.maximum
        assert s.minimum <= s.median <= s.maximum
    else:
        assert s.mean is None and s.minimum is None


@settings(max_examples=300)
@given(st.lists(maybe_value, min_size=35, max_size=35), st.sampled_from(METRICS))
def test_week_sentence_numbers_add_up(values: list[float | None], metric: str) -> None:
    if metric not in ("sleep_hours", "study_hours"):
        values = [None if v is None else float(min(10, round(v))) for v in values]
    today = D0 + timedelta(days=34)
    by_day = t.values_by_day(entries_from(values, metric=metric), metric)
    cmp = t.week_vs_usual(by_day, metric, today)
    text = cmp.sentence
    assert text.startswith(t.spec(metric).label + ": ")
    assert text.endswith(".")
    if not cmp.enough:
        assert "enough entries yet" in text
        return
    numbers = [float(x) for x in re.findall(r"\d+\.\d", text)]
    if "about the same" in text:
        week, usual = numbers
        assert week == usual
    else:
        week, gap, usual = numbers
        up = ("more" in text) or ("higher" in text)
        assert round(week - usual, 1) == pytest.approx(gap if up else -gap)


@given(value_lists)
def test_build_view_keeps_gaps_and_lengths(values: list[float | None]) -> None:
    end = D0 + timedelta(days=max(len(values) - 1, 0))
    view = t.build_view(entries_from(values), D0, end, ["sleep_hours"])
    (panel,) = view.panels
    assert list(panel.values) == (values or [None])
    assert len(panel.smooth) == len(panel.smooth_days)
    if not view.weekly:
        assert panel.smooth_days == panel.days


# -- examples --------------------------------------------------------------------------------


def test_rolling_mean_needs_four_values_in_seven_days() -> None:
    vals: list[float | None] = [6.0, None, 8.0, None, 7.0, None, None, 9.0, None]
    out = t.rolling_mean(vals)
    assert out[:6] == [None] * 6
    assert out[6] is None  # only 3 values in days 0..6
    vals[5] = 5.0
    assert t.rolling_mean(vals)[6] == pytest.approx(6.5)  # 6, 8, 7, 5
    assert t.rolling_mean(vals)[8] == pytest.approx((8 + 7 + 5 + 9) / 4)  # day 0 left the window


def test_rolling_mean_rejects_silly_windows() -> None:
    with pytest.raises(ValueError):
        t.rolling_mean([1.0], window=0)


def test_missing_value_is_a_gap_not_zero() -> None:
    entries = [DailyEntry(day=D0, sleep_hours=7.0), DailyEntry(day=D0 + timedelta(days=2),
                                                               stress=5)]
    assert t.daily_series(entries, "sleep_hours", D0, D0 + timedelta(days=2)) == [7.0, None, None]
    assert t.daily_series(entries, "stress", D0, D0 + timedelta(days=2)) == [None, None, 5.0]


def test_unknown_metric_is_refused() -> None:
    with pytest.raises(ValueError):
        t.values_by_day([], "happiness")


def test_rolling_mean_in_view_looks_back_before_the_range() -> None:
    values = [7.0] * 10 + [5.0] * 4
    entries = entries_from(values)
    start = D0 + timedelta(days=10)
    view = t.build_view(entries, start, start + timedelta(days=3), ["sleep_hours"])
    p = view.panels[0]
    assert p.values == (5.0, 5.0, 5.0, 5.0)
    assert p.smooth[0] == pytest.approx((7 * 6 + 5) / 7)
    assert p.smooth_label == "7-day mean"


def test_long_ranges_use_weekly_means() -> None:
    entries = semester(date(2025, 12, 19), days=400)
    end = date(2025, 12, 19)
    year = t.build_view(entries, end - timedelta(days=364), end)
    assert year.weekly
    p = year.panels[0]
    assert p.smooth_label == "weekly mean"
    assert len(p.smooth) in (53, 54)
    assert all(d.weekday() in (0, 1, 2, 3, 4, 5, 6) for d in p.smooth_days)
    short = t.build_view(entries, end - timedelta(days=90), end)
    assert not short.weekly and short.panels[0].smooth_label == "7-day mean"


def test_weekly_means_clip_partial_weeks() -> None:
    by_day = {D0 + timedelta(days=i): float(i) for i in range(14)}
    weeks = t.weekly_means(by_day, D0 + timedelta(days=3), D0 + timedelta(days=9))
    assert [(w.start, w.end, w.count) for w in weeks] == [
        (D0 + timedelta(days=3), D0 + timedelta(days=6), 4),
        (D0 + timedelta(days=7), D0 + timedelta(days=9), 3),
    ]
    assert weeks[0].mean == pytest.approx(4.5)


def test_baseline_needs_enough_days() -> None:
    by_day = {D0 + timedelta(days=i): 7.0 for i in range(7)}
    assert t.baseline(by_day, D0 + timedelta(days=28)).mean is None
    assert t.baseline(by_day, D0 + timedelta(days=28)).count == 7
    by_day[D0 + timedelta(days=10)] = 8.0
    b = t.baseline(by_day, D0 + timedelta(days=28))
    assert b.count == 8 and b.mean == pytest.approx(57 / 8)


def test_weekday_pattern_example() -> None:
    by_day = {D0: 6.0, D0 + timedelta(days=7): 8.0, D0 + timedelta(days=5): 9.0}
    pattern = t.weekday_pattern(by_day, D0, D0 + timedelta(days=13))
    assert pattern[0].mean == 7.0 and pattern[0].count == 2
    assert pattern[5].mean == 9.0
    assert pattern[2].mean is None and pattern[2].count == 0


def _week_then_usual(metric: str, week: list[float], usual: list[float]) -> t.WeekComparison:
    today = D0 + timedelta(days=34)
    by_day: dict[date, float] = {}
    for i, v in enumerate(usual):
        by_day[today - timedelta(days=7 + i)] = v
    for i, v in enumerate(week):
        by_day[today - timedelta(days=i)] = v
    return t.week_vs_usual(by_day, metric, today)


def test_sleep_sentence_matches_the_brief() -> None:
    cmp = _week_then_usual("sleep_hours", [6.0, 6.25, 6.0, 6.25, 6.0, 6.0, 6.25],
                           [7.0] * 20)
    assert cmp.sentence == "Sleep: 6.1 h a night, 0.9 h less than your usual 7.0 h."


def test_scale_sentences_use_higher_and_lower() -> None:
    up = _week_then_usual("stress", [7, 7, 6, 7], [4, 5, 4, 4, 5, 4, 4, 5, 4, 4])
    assert up.sentence == "Stress: 6.8 out of 10, 2.5 higher than your usual 4.3."
    down = _week_then_usual("mood", [5, 5, 5, 5], [7] * 10)
    assert down.sentence == "Mood: 5.0 out of 10, 2.0 lower than your usual 7.0."
    study = _week_then_usual("study_hours", [9, 9, 9, 9], [8] * 10)
    assert study.sentence == "Study: 9.0 h a day, 1.0 h more than your usual 8.0 h."


def test_same_as_usual() -> None:
    cmp = _week_then_usual("energy", [6, 6, 6, 6], [6] * 12)
    assert cmp.sentence == "Energy: 6.0 out of 10, about the same as your usual 6.0."
    assert cmp.difference == 0


def test_not_enough_entries_this_week() -> None:
    cmp = _week_then_usual("sleep_hours", [7.0, 7.0], [7.0] * 20)
    assert not cmp.enough
    assert cmp.sentence == ("Sleep: not enough entries yet this week (2 of 7 days logged; "
                            "4 are needed to compare).")


def test_not_enough_entries_for_usual() -> None:
    cmp = _week_then_usual("sleep_hours", [7.0] * 5, [7.0] * 3)
    assert cmp.sentence == ("Sleep: 7.0 h a night this week. Not enough entries yet to know "
                            "your usual (3 of the 28 days before; 8 are needed).")


def test_week_vs_usual_all_on_an_empty_diary() -> None:
    out = t.week_vs_usual_all([], D0)
    assert [c.metric for c in out] == list(METRICS)
    assert all("Not enough" in c.sentence or "not enough" in c.sentence for c in out)


def test_week_vs_usual_on_demo_finals() -> None:
    end = date(2025, 12, 19)
    out = {c.metric: c for c in t.week_vs_usual_all(semester(end), end)}
    sleep = out["sleep_hours"]
    assert sleep.enough and "less than your usual" in sleep.sentence
    assert "higher than your usual" in out["stress"].sentence


def test_range_bounds() -> None:
    today = date(2025, 10, 31)
    assert t.range_bounds("2w", today) == (date(2025, 10, 18), today)
    assert t.range_bounds("month", today) == (date(2025, 10, 2), today)
    assert t.range_bounds("year", today) == (date(2024, 11, 1), today)
    assert t.range_bounds("all", today, date(2020, 1, 1)) == (date(2020, 1, 1), today)
    assert t.range_bounds("all", today, None) == (today - timedelta(days=13), today)
    assert t.range_bounds("custom", today, custom=(today, date(2025, 9, 1))) == (
        date(2025, 9, 1), today)
    with pytest.raises(ValueError):
        t.range_bounds("custom", today)


def test_summary_cells() -> None:
    by_day = {D0: 6.0, D0 + timedelta(days=1): 8.5}
    s = t.summarize(by_day, "sleep_hours", D0, D0 + timedelta(days=6))
    assert t.summary_cells(s) == ("Sleep", "7.2 h", "6.0–8.5 h", "2 of 7")
    empty = t.summarize({}, "mood", D0, D0 + timedelta(days=6))
    assert t.summary_cells(empty) == ("Mood", "–", "–", "0 of 7")
    assert s.median == pytest.approx(7.25)


def test_describe_view_and_weekdays() -> None:
    end = date(2025, 12, 19)
    view = t.build_view(semester(end), end - timedelta(days=13), end, ["sleep_hours", "mood"])
    text = t.describe_view(view, [(date(2025, 12, 2), date(2025, 12, 17), "exam block")])
    assert text.startswith("Trends from 6 Dec to 19 Dec 2025 (14 days), daily values with "
                           "7-day means.")
    assert "Sleep: logged" in text and "Mood: logged" in text
    assert "average" in text and "7-day mean went from" in text
    assert text.endswith("Shaded: exam block, 2 Dec to 17 Dec 2025.")
    wd = t.describe_weekdays(view)
    assert "Sleep: highest on" in wd and "lowest on" in wd
    empty = t.build_view([], end - timedelta(days=13), end, ["sleep_hours"])
    assert "Sleep: nothing logged in this range." in t.describe_view(empty)
    assert "Sleep: nothing logged." in t.describe_weekdays(empty)


def test_describe_day() -> None:
    e = DailyEntry(day=D0, stress=6, sleep_hours=7.25, social=2, tags=("exam", "library"),
                   note="Long day.")
    assert t.describe_day(D0, e) == (
        "Monday 3 Mar 2025\nStress 6/10 · Sleep 7.25 h · Time with people: meaningful\n"
        "Tags: exam, library\nNote: Long day.")
    assert "Note" not in t.describe_day(D0, e, with_note=False)
    long = DailyEntry(day=D0, note="word " * 100)
    assert t.describe_day(D0, long, note_limit=20).endswith("Note: word word word word…")
    assert t.describe_day(D0, None) == "Monday 3 Mar 2025\nNothing logged on this day."
    walked = DailyEntry(day=D0, mood=6, practices=("a walk", "a break"))
    assert "\nSelf-care: a walk, a break" in t.describe_day(D0, walked)


def test_format_span() -> None:
    assert t.format_span(date(2024, 12, 30), date(2025, 1, 2)) == "30 Dec 2024 to 2 Jan 2025"
    assert t.format_span(D0, D0) == "3 Mar 2025"


periods = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 10),
                             st.sampled_from(["exam", "noticed"])), max_size=12)


@given(periods)
def test_merge_periods_keeps_days_without_overlaps(raw: list[tuple[int, int, str]]) -> None:
    given_periods = [(D0 + timedelta(days=a), D0 + timedelta(days=a + n), label)
                     for a, n, label in raw]
    merged = t.merge_periods(given_periods)

    def days(ps: list[tuple[date, date, str]], label: str) -> set[date]:
        return {d for a, b, lab in ps if lab == label for d in t.day_range(a, b)}

    for label in ("exam", "noticed"):
        assert days(merged, label) == days(given_periods, label)
        same = sorted((a, b) for a, b, lab in merged if lab == label)
        for (_, b1), (a2, _) in zip(same, same[1:], strict=False):
            assert a2 > b1 + timedelta(days=1)  # neither overlapping nor touching
    starts = [a for a, _, _ in merged]
    assert starts == sorted(starts)


def test_merge_periods_example() -> None:
    a = [(date(2025, 3, 1), date(2025, 3, 5), "x"), (date(2025, 3, 6), date(2025, 3, 8), "x"),
         (date(2025, 3, 2), date(2025, 3, 3), "y")]
    assert t.merge_periods(a) == [(date(2025, 3, 1), date(2025, 3, 8), "x"),
                                  (date(2025, 3, 2), date(2025, 3, 3), "y")]
