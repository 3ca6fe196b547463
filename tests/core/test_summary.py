"""The counselor summary's numbers and choices (pure; no Qt, no matplotlib)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from selfcare_app.core.entry import DailyEntry
from selfcare_app.core.instruments import get_instrument, score
from selfcare_app.core.records import FindingRecord, SafetyEventRecord
from selfcare_app.core.summary import (
    DEFAULT_SECTIONS,
    Chart,
    Summary,
    SummaryOptionsError,
    Table,
    compose_summary,
    default_range,
    direction,
    fmt_signed,
    make_options,
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


def _compose(sections: tuple[str, ...] | None = None, **kw: object) -> Summary:
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
                           app_version="9.9")


def _table(summary: Summary, section: str, index: int = 0) -> Table:
    s = summary.section(section)
    assert s is not None
    return s.tables()[index]


def _row(table: Table, first: str) -> tuple[str, ...]:
    return next(r for r in table.rows if r[0].startswith(first))


def test_header_has_name_range_completeness_version_and_disclaimer() -> None:
    s = _compose()
    assert dict(s.header) == {
        "Name": "J. D.", "Range": "2026-01-01 to 2026-03-01 (60 days)",
        "Days logged": "48 of 60 (80%)", "Generated": "2026-03-01 with Selfcare 9.9"}
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


def test_safety_events_and_s0_are_left_out_unless_ticked() -> None:
    s = _compose()
    assert s.section("safety") is None
    findings = _table(s, "findings")
    assert [r[0] for r in findings.rows] == ["R1a"]
    chart = s.section("charts")
    assert chart is not None and isinstance(chart.blocks[0], Chart)
    assert [x[2] for x in chart.blocks[0].shaded] == ["R1a"]
    ticked = _compose(sections=(*DEFAULT_SECTIONS, "safety"))
    assert [r[0] for r in _table(ticked, "findings").rows] == ["R1a", "S0"]
    assert _table(ticked, "safety").rows == (("2026-02-10", "22:15", "Tapped “I'm not safe”"),)


def test_findings_show_reason_span_and_response() -> None:
    row = _table(_compose(), "findings").rows[0]
    assert row[0] == "R1a" and "6.0 h" in row[1]
    assert row[2] == "2026-02-01 to 2026-02-07" and row[3] == "dismissed"


def test_notes_only_when_picked_one_by_one_with_redactions() -> None:
    assert _compose().section("notes") is None
    s = _compose(note_days=[date(2026, 1, 11)])
    assert _table(s, "notes").rows == (("2026-01-11", "note 10"),)  # only the picked day
    s = _compose(note_days=[date(2026, 1, 12)], note_text={date(2026, 1, 12): "shortened"})
    assert _table(s, "notes").rows == (("2026-01-12", "shortened"),)


def test_self_check_table_bands_changes_and_notes() -> None:
    t = _table(_compose(), "self-checks")
    assert [r[0] for r in t.rows] == ["2026-01-03", "2026-01-04", "2026-02-20", "2026-02-21"]
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
