"""The counselor summary's numbers and choices (pure; no Qt, no matplotlib)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

from selfcare_app.core.demo import semester
from selfcare_app.core.entry import DailyEntry
from selfcare_app.core.instruments import get_instrument, score
from selfcare_app.core.records import FindingRecord, SafetyEventRecord
from selfcare_app.core.summary import (
    DEFAULT_SECTIONS,
    NOT_SHOWN,
    SECTIONS,
    SUPPORT_SHOWN,
    Chart,
    GlanceRow,
    NoticedPeriod,
    Paragraph,
    Summary,
    SummaryOptionsError,
    Table,
    compose_summary,
    default_range,
    direction,
    fmt_signed,
    make_options,
    noticed_periods,
    slope_per_day,
)

TODAY = date(2026, 3, 1)
START = date(2026, 1, 1)  # 60 days to TODAY


def _entries() -> list[DailyEntry]:
    out = []
    for i in range(60):
        d = START + timedelta(days=i)
        if i % 5 == 4:
            continue  # a missing day is missing
        sleep = 8.0 if i < 30 else 6.0
        out.append(DailyEntry(day=d, sleep_hours=sleep, stress=3 if i < 30 else 8, mood=6,
                              energy=5, study_hours=4.0, social=1 if i % 2 else 0,
                              note=f"note {i}" if i in (10, 11) else ""))
    return out


def _compose(sections: tuple[str, ...] | None = None,
             periods: list[NoticedPeriod] | None = None, **kw: object) -> Summary:
    phq9, who5 = get_instrument("phq9"), get_instrument("who5")
    checks = [
        score(phq9, (2, 2, 2, 2, 1, 1, 1, 1, 0), datetime(2026, 1, 3, 9)),   # 12
        score(who5, (2, 2, 2, 2, 2), datetime(2026, 1, 4, 9)),               # 40
        score(phq9, (1, 1, 0, 1, 0, 1, 0, 0, 0), datetime(2026, 2, 20, 9)),  # 4
        score(who5, (3, 3, 2, 2, 3), datetime(2026, 2, 21, 9)),              # 52
        score(phq9, (1, 1, 1, 1, 1, 1, 1, 1, 1), datetime(2025, 6, 1, 9)),   # out of range
    ]
    findings = [
        FindingRecord("R1a", date(2026, 2, 7), date(2026, 2, 1), date(2026, 2, 7),
                      "Your average sleep this week was 6.0 h.", "dismissed"),
        FindingRecord("S0", date(2026, 2, 10), date(2026, 2, 10), date(2026, 2, 10),
                      "Thank you for telling us.", "seen"),
        FindingRecord("R2", date(2025, 6, 7), date(2025, 6, 1), date(2025, 6, 7), "old", "seen"),
    ]
    events = [SafetyEventRecord("2026-02-10T22:15:00", "not-safe"),
              SafetyEventRecord("2025-06-01T09:00:00", "phq9-item9")]
    options = make_options(START, TODAY, TODAY, name="J. D.", sections=sections, **kw)  # type: ignore[arg-type]
    return compose_summary(entries=_entries(), assessments=checks, findings=findings,
                           safety_events=events, options=options, today=TODAY,
                           app_version="9.9", periods=periods)


def _table(summary: Summary, section: str, index: int = 0) -> Table:
    s = summary.section(section)
    assert s is not None
    return s.tables()[index]


def _row(table: Table, first: str) -> tuple[str, ...]:
    return next(r for r in table.rows if r[0].startswith(first))


def test_header_has_name_range_completeness_version_and_disclaimer() -> None:
    s = _compose()
    assert dict(s.header) == {"Name": "J. D.", "Generated": "1 Mar 2026 with Selfcare 9.9"}
    assert s.glance is not None
    assert s.glance.rows[0] == GlanceRow(
        "Range", ("1 Jan 2026 to 1 Mar 2026 (60 days); 48 days logged (80%)",))
    assert s.disclaimer == "Self-reported; not a diagnosis."
    assert _row(s.completeness, "Any entry") == ("Any entry", "48", "80%")
    assert _row(s.completeness, "Sleep") == ("Sleep (h)", "48", "80%")
    assert _row(s.completeness, "Notes") == ("Notes written", "2", "3%")


def test_daily_log_levels_use_logged_days_only() -> None:
    levels = _table(_compose(), "daily-log", 0)
    # 24 nights of 8 h and 24 of 6 h: mean 7.0, median 7.0, half meet ≥ 7 h
    assert _row(levels, "Sleep") == ("Sleep (h)", "48", "7.0", "7.0", "6.0–8.0", "≥ 7 h",
                                     "50%")
    assert _row(levels, "Stress") == ("Stress (0–10)", "48", "5.5", "5.5", "3.0–8.0", "< 7",
                                      "50%")
    assert _row(levels, "Time with people")[-1] == "50%"


def test_first_and_last_two_weeks_and_direction() -> None:
    trend = _table(_compose(), "daily-log", 1)
    sleep = _row(trend, "Sleep")
    assert sleep[1:4] == ("8.0", "6.0", "−2.0")
    assert sleep[5] == "falling"
    assert _row(trend, "Stress")[5] == "rising"
    assert _row(trend, "Mood")[1:] == ("6.0", "6.0", "0.0", "0.00", "steady")


def test_short_ranges_do_not_compare_overlapping_halves() -> None:
    options = make_options(date(2026, 2, 10), TODAY, TODAY)
    s = compose_summary(entries=_entries(), assessments=[], findings=[], safety_events=[],
                        options=options, today=TODAY, app_version="1")
    trend = _table(s, "daily-log", 1)
    assert _row(trend, "Sleep")[1:4] == ("–", "–", "–")
    assert any("shorter than 4 weeks" in n for n in trend.footnotes)


def test_slope_and_direction_helpers() -> None:
    assert slope_per_day([(0, 1.0), (1, 2.0), (2, 3.0), (3, 4.0)]) == pytest.approx(1.0)
    assert slope_per_day([(0, 1.0), (1, 2.0), (2, 3.0)]) is None
    assert direction("stress", 0.001, 60) == "steady"
    assert direction("stress", -0.1, 60) == "falling"
    assert fmt_signed(-2.0) == "−2.0" and fmt_signed(0.04) == "0.0" and fmt_signed(3) == "+3.0"


def test_safety_events_are_left_out_unless_ticked_and_never_a_period() -> None:
    s = _compose()
    assert s.section("safety") is None
    assert all(p.kind != "safety" for p in s.periods)
    ticked = _compose(sections=(*DEFAULT_SECTIONS, "safety"))
    assert all(p.kind != "safety" for p in ticked.periods)  # told once, in its own section
    assert _table(ticked, "safety").rows == ((
        "10 Feb 2026", "22:15", "Tapped “I'm not safe” in Get help now", SUPPORT_SHOWN),)


def test_safety_rows_give_the_real_day_the_answer_and_that_support_was_shown() -> None:
    phq9 = get_instrument("phq9")
    answer = score(phq9, (1, 1, 1, 1, 1, 1, 1, 1, 2), datetime(2026, 2, 12, 21, 5))
    options = make_options(START, TODAY, TODAY, sections=("safety",))
    s = compose_summary(entries=_entries(), assessments=[answer], findings=[
        FindingRecord("S0", date(2026, 2, 12), date(2026, 1, 30), date(2026, 2, 12),
                      "Thank you for telling us.", "new")],
        safety_events=[SafetyEventRecord("2026-02-12T21:05:00", "phq9-item9")],
        options=options, today=TODAY, app_version="1")
    table = _table(s, "safety")
    assert table.rows == (("12 Feb 2026", "21:05",
                           "Answered PHQ-9 question 9 “More than half the days”",
                           SUPPORT_SHOWN),)
    words = " ".join(b.text for b in s.section("safety").blocks  # type: ignore[union-attr]
                     if isinstance(b, Paragraph))
    assert words.startswith("For the counselor") and "not yet seen" not in words
    assert "30 Jan" not in " ".join(table.cells())  # no two-week span for one answer


def _period(rule: str, a: date, b: date, field: str = "sleep_hours", kind: str = "log",
            title: str = "Sleep this week", name: str = "Sleep low") -> NoticedPeriod:
    return NoticedPeriod(rule, name, title, "Your average sleep this week was 6.0 h.",
                         "7-day mean sleep below 7 h", a, b, frozenset({field}), kind)


def test_periods_show_words_span_and_whether_the_app_showed_them() -> None:
    periods = [_period("R1a", date(2026, 2, 1), date(2026, 2, 9)),
               _period("R1a", date(2026, 2, 20), date(2026, 2, 26))]
    s = _compose(periods=periods)
    rows = _table(s, "findings").rows
    assert rows[0] == ("1–9 Feb 2026",
                       "Sleep this week: Your average sleep this week was 6.0 h.",
                       "yes, 7 Feb 2026; the student hid it")
    assert rows[1][2] == NOT_SHOWN  # found now, though the app never showed it
    chart = s.section("charts")
    assert chart is not None and isinstance(chart.blocks[0], Chart)
    assert [x[2] for x in chart.blocks[0].shaded] == ["Sleep low", "Sleep low"]
    assert dict(chart.blocks[0].shaded_panels) == {"Sleep low": ("sleep_hours",)}


def test_notes_only_when_picked_one_by_one_with_redactions() -> None:
    assert _compose().section("notes") is None
    s = _compose(note_days=[date(2026, 1, 11)])
    assert _table(s, "notes").rows == (("11 Jan 2026", "note 10"),)  # only the picked day
    s = _compose(note_days=[date(2026, 1, 12)], note_text={date(2026, 1, 12): "shortened"})
    assert _table(s, "notes").rows == (("12 Jan 2026", "shortened"),)


def test_self_check_table_bands_changes_and_notes() -> None:
    t = _table(_compose(), "self-checks")
    assert [r[0] for r in t.rows] == ["3 Jan 2026", "4 Jan 2026", "20 Feb 2026", "21 Feb 2026"]
    first, who_first, phq_second, who_second = t.rows
    assert first[1:5] == ("PHQ-9 v1", "12 of 27", "Moderate range", "–")
    assert phq_second[2] == "4 of 27" and phq_second[4] == "−8 (meaningful)"
    assert "remission range (under 5)" in phq_second[5]
    assert who_second[2] == "52 of 100" and who_second[4] == "+12 (meaningful)"
    assert "read with caution" in who_second[5]
    notes = " ".join(t.footnotes)
    assert "5 points or more" in notes and "about 24 points" in notes and "[25]" in notes


def test_appendix_explains_the_instruments_used_with_sources() -> None:
    appendix = _compose().section("appendix")
    assert appendix is not None
    texts = " ".join(getattr(b, "text", "") for b in appendix.blocks)
    assert "Patient Health Questionnaire-9" in texts and "WHO-5" in texts
    assert "Generalized Anxiety Disorder-7" not in texts  # not taken in the range
    assert "[33]" in texts and "Pfizer" in texts
    band_tables = [t for t in appendix.tables() if t.columns[0] == "Band"]
    assert ("Minimal range", "0–4") == band_tables[0].rows[0][:2]


def test_options_are_checked() -> None:
    with pytest.raises(SummaryOptionsError, match="starts"):
        make_options(TODAY, START, TODAY)
    with pytest.raises(SummaryOptionsError, match="future"):
        make_options(START, TODAY + timedelta(days=1), TODAY)
    with pytest.raises(SummaryOptionsError, match="Unknown section 'moods'"):
        make_options(START, TODAY, TODAY, sections=["moods"])
    o = make_options(START, TODAY, TODAY, sections=["appendix", "daily-log"],
                     include_notes=True)
    assert o.sections == ("daily-log", "notes", "appendix")


def test_default_range_is_twelve_weeks_or_since_the_first_entry() -> None:
    assert default_range([], TODAY) == (TODAY - timedelta(days=83), TODAY)
    assert default_range([DailyEntry(day=date(2026, 2, 20), mood=5)], TODAY) == (
        date(2026, 2, 20), TODAY)


def test_empty_range_still_composes() -> None:
    options = make_options(date(2020, 1, 1), date(2020, 1, 31), TODAY,
                           sections=list(DEFAULT_SECTIONS) + ["safety", "notes"])
    s = compose_summary(entries=[], assessments=[], findings=[], safety_events=[],
                        options=options, today=TODAY, app_version="1")
    assert _row(s.completeness, "Any entry") == ("Any entry", "0", "0%")
    assert _row(_table(s, "daily-log"), "Sleep")[2:5] == ("–", "–", "–")


def test_appendix_never_prints_an_empty_recall_period() -> None:
    from selfcare_app.core.summary import _appendix

    texts = " ".join(getattr(b, "text", "") for b in
                     _appendix(["cbi-personal", "cbi-study", "who5"]).blocks)
    assert "Recall period: ." not in texts
    assert "No fixed recall period" in texts and "Recall period: " in texts


# -- page 1 and the periods the rules notice ---------------------------------------------------

RULE_CODE = re.compile(r"\b(R|L|Q|S)\d[a-z]?\b")


def _demo(sections: tuple[str, ...] = tuple(SECTIONS)) -> Summary:
    entries = semester(TODAY, 90)
    phq9, who5 = get_instrument("phq9"), get_instrument("who5")
    checks = [score(who5, (4, 3, 3, 3, 3), datetime(2026, 1, 10, 9)),       # 64
              score(who5, (2, 2, 2, 1, 2), datetime(2026, 2, 25, 9)),       # 36
              score(phq9, (2, 2, 2, 1, 1, 2, 1, 1, 1), datetime(2026, 2, 26, 9))]
    events = [SafetyEventRecord("2026-02-26T09:00:00", "phq9-item9")]
    options = make_options(TODAY - timedelta(days=83), TODAY, TODAY, sections=sections,
                           note_days=[e.day for e in entries if e.note][:2]
                           if "notes" in sections else [])
    return compose_summary(entries=entries, assessments=checks, findings=[],
                           safety_events=events, options=options, today=TODAY,
                           app_version="1")


def _all_text(s: Summary) -> str:
    parts = [s.title, s.disclaimer, *(v for _, v in s.header)]
    assert s.glance is not None
    parts.append(s.glance.text())
    for section in s.sections:
        parts.append(section.title)
        for block in section.blocks:
            if isinstance(block, Table):
                parts += [*block.columns, *block.cells(), block.caption, *block.footnotes]
            elif isinstance(block, Paragraph):
                parts.append(block.text)
            elif isinstance(block, Chart):
                parts += [block.caption, *(label for _, _, label in block.shaded)]
    return "\n".join(parts)


def test_periods_are_found_by_the_rules_for_every_day_and_agree_with_signals() -> None:
    from selfcare_app.core.rules import RuleEngine

    entries = semester(TODAY, 90)
    start = TODAY - timedelta(days=83)
    periods = noticed_periods(entries, [], start, TODAY)
    assert len(periods) >= 3 and all(start <= p.start <= p.end <= TODAY for p in periods)
    engine = RuleEngine(entries)
    for day in (TODAY, TODAY - timedelta(days=40)):
        for f in engine.findings(day):  # what `signals --on day` lists
            assert any(p.rule == f.rule and p.start <= day <= p.end
                       or p.rule == f.rule and p.start <= f.window_end <= p.end
                       for p in periods), (day, f.rule)
    # none is lost when nothing was ever shown: the summary lists them all
    s = _demo()
    assert len(_table(s, "findings").rows) == len(s.periods) > 0
    assert all(r[2] == NOT_SHOWN for r in _table(s, "findings").rows)


def test_switched_off_rules_notice_nothing() -> None:
    from selfcare_app.core.rules import RULE_IDS, RuleConfig

    config = RuleConfig(frozenset(r for r in RULE_IDS if r != "S0"))
    assert noticed_periods(semester(TODAY, 90), [], TODAY - timedelta(days=83), TODAY,
                           config) == []


def test_glance_lists_range_self_checks_periods_and_what_is_left_out() -> None:
    s = _demo(DEFAULT_SECTIONS)
    assert s.glance is not None
    checks = s.glance.row("Self-checks")
    assert checks is not None and checks.items[0] == (
        "WHO-5: 36 of 100 on 25 Feb 2026, lower wellbeing; down 28 from 64 on 10 Jan 2026 "
        "(a meaningful change)")
    assert checks.items[1].startswith("PHQ-9: 13 of 27 on 26 Feb 2026, moderate range; "
                                      "the only result")
    periods = s.glance.row("Periods the app noticed")
    assert periods is not None and periods.items and all(
        "(latest: " in line and "20" in line for line in periods.items)
    assert s.glance.row("Safety events") is None  # not ticked: not even counted
    assert s.glance.rows[-1] == GlanceRow("Not included", ("notes, safety events",), True)


@pytest.mark.parametrize("sections, words", [
    (tuple(SECTIONS), "nothing; every section is included"),
    (("daily-log", "self-checks", "safety"),
     "weekly charts, periods the app noticed, appendix, notes"),
    (("charts",), "daily-log summary, self-check results, periods the app noticed, appendix, "
                  "notes, safety events"),
])
def test_not_included_names_exactly_the_sections_left_out(sections: tuple[str, ...],
                                                          words: str) -> None:
    s = _demo(sections)
    assert s.glance is not None and s.glance.rows[-1].items == (words,)
    labels = [r.label for r in s.glance.rows]
    assert ("Self-checks" in labels) == ("self-checks" in sections)
    assert ("Periods the app noticed" in labels) == ("findings" in sections)


def test_nothing_in_the_summary_needs_a_rule_code() -> None:
    text = _all_text(_demo())
    assert "Periods the app noticed" in text and "Safety events" in text
    assert RULE_CODE.findall(text) == []
