"""The counselor summary (CONTENT.md §5), composed as plain data: every number and sentence the
PDF and its preview show, computed here so it can be tested without Qt or matplotlib.

The student chooses the range and the sections. Safety events appear only when their section
is ticked (and so do S0 findings, which say the same thing); notes appear only for days the
student picked one by one, with any redaction they made. Missing days are missing: means and
percentages are over logged days, and completeness says how many that is.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Final

from selfcare_app.core.assessment import Assessment
from selfcare_app.core.entry import FIELDS_BY_NAME, MIN_DAY, DailyEntry
from selfcare_app.core.instruments import Instrument, format_score, get_instrument
from selfcare_app.core.records import FindingRecord, SafetyEventRecord
from selfcare_app.core.rules import RULES
from selfcare_app.core.trends import TrendView, build_view

SECTIONS: Final[dict[str, str]] = {
    "daily-log": "Daily-log summary",
    "charts": "Weekly charts",
    "self-checks": "Self-check results",
    "findings": "Flagged periods",
    "safety": "Safety events",
    "notes": "Notes",
    "patterns": "Patterns in the daily log",  # off by default (core/patterns_section.py)
    "appendix": "Appendix: scoring rules and sources",
}
DEFAULT_SECTIONS: Final[tuple[str, ...]] = ("daily-log", "charts", "self-checks", "findings",
                                            "appendix")
OPT_IN_SECTIONS: Final = frozenset({"safety", "notes"})
DISCLAIMER: Final = "Self-reported; not a diagnosis."
TITLE: Final = "Wellbeing summary"
DEFAULT_WEEKS: Final = 12
TREND_MIN_VALUES: Final = 4
TWO_WEEKS: Final = 14
STEADY_FRACTION: Final = 0.05  # a change over the range below 5% of the scale reads "steady"

# The six daily-log measures, in the order counsellors asked for (CONTENT.md §5.2).
MEASURES: Final[tuple[str, ...]] = ("sleep_hours", "stress", "mood", "energy", "study_hours",
                                    "social")


@dataclass(frozen=True)
class Reference:
    """'% of days meeting a reference' for one measure, and where the line comes from."""

    text: str
    test: Callable[[float], bool]
    basis: str


REFERENCES: Final[dict[str, Reference]] = {
    "sleep_hours": Reference("≥ 7 h", lambda v: v >= 7, "≥ 7 h of sleep is recommended for "
                             "adults [33]."),
    "stress": Reference("< 7", lambda v: v < 7, "Stress of 7 or more counts as a high-stress "
                        "day in rule R2 (a heuristic; the PSS has no cut-offs [29])."),
    "mood": Reference("> 3", lambda v: v > 3, "Mood of 3 or less is low in rule R4 "
                      "(a heuristic)."),
    "energy": Reference("> 3", lambda v: v > 3, "Energy of 3 or less is low in rule R6 "
                        "(a heuristic)."),
    "study_hours": Reference("< 10 h", lambda v: v < 10, "10 h or more is a long day in rule "
                             "R3 (a heuristic; ≥ 55 h/week of work is linked to health risks "
                             "[39])."),
    "social": Reference("some contact", lambda v: v >= 1, "Brief or meaningful time with "
                        "people (rule R5; more conversation went with lower depression [36])."),
}

SOURCE_WORDS: Final[dict[str, str]] = {
    "phq9-item9": "PHQ-9 question 9 answered above “Not at all”",
    "not-safe": "Tapped “I'm not safe”",
}
STATE_WORDS: Final[dict[str, str]] = {
    "new": "not yet seen", "seen": "seen", "snoozed": "snoozed", "dismissed": "dismissed",
    "not-helpful": "marked not helpful",
}
CITATIONS: Final[dict[int, str]] = {
    14: "WHO-5 scoring and meaningful change: https://help.valant.com/who-five-well-being-"
        "index-who-5 ; MDC 23.6: https://hqlo.biomedcentral.com/articles/10.1186/"
        "s12955-018-1001-0",
    24: "Löwe B et al. Monitoring depression treatment outcomes with the PHQ-9. Med Care "
        "2004;42:1194–201.",
    25: "Response/remission metrics. Psychiatr Serv. https://ps.psychiatryonline.org/doi/full/"
        "10.1176/appi.ps.201900295",
    29: "Perceived Stress Scale: scoring and no cut-offs. http://www.psy.cmu.edu/~scohen/"
        "PSSscore.html",
    33: "Watson NF et al. AASM/SRS consensus on adult sleep. J Clin Sleep Med 2015;11:591–2, "
        "doi:10.5664/jcsm.4758.",
    36: "Wang R et al. StudentLife. UbiComp 2014.",
    39: "WHO/ILO: long working hours and ischaemic heart disease and stroke (2021).",
}


class SummaryOptionsError(ValueError):
    """A range or section choice that can't be used (a usage error)."""


@dataclass(frozen=True)
class SummaryOptions:
    start: date
    end: date
    name: str = ""
    sections: tuple[str, ...] = DEFAULT_SECTIONS
    note_days: frozenset[date] = frozenset()
    note_text: Mapping[date, str] = field(default_factory=dict)  # edited (redacted) notes

    def has(self, section: str) -> bool:
        return section in self.sections


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = "body"  # body | small | lead


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    footnotes: tuple[str, ...] = ()
    widths: tuple[int, ...] = ()  # percent per column; empty = automatic
    numeric: tuple[int, ...] = ()  # column indexes aligned right

    def cells(self) -> list[str]:
        return [c for row in self.rows for c in row]


@dataclass(frozen=True)
class Chart:
    view: TrendView
    shaded: tuple[tuple[date, date, str], ...]
    caption: str


Block = Paragraph | Table | Chart


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    blocks: tuple[Block, ...]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


@dataclass(frozen=True)
class Summary:
    title: str
    name: str
    start: date
    end: date
    generated_on: date
    app_version: str
    disclaimer: str
    header: tuple[tuple[str, str], ...]
    completeness: Table
    sections: tuple[Section, ...]

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def tables(self) -> list[Table]:
        return [self.completeness, *(t for s in self.sections for t in s.tables())]

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


# -- options -------------------------------------------------------------------------------


def default_range(entries: Sequence[DailyEntry], today: date) -> tuple[date, date]:
    """The last 12 weeks, or from the first entry if that is more recent."""
    start = today - timedelta(weeks=DEFAULT_WEEKS) + timedelta(days=1)
    if entries:
        first = min(e.day for e in entries)
        start = max(start, first) if first <= today else start
    return start, today


def make_options(start: date, end: date, today: date, *, name: str = "",
                 sections: Sequence[str] | None = None, include_notes: bool = False,
                 note_days: Sequence[date] = (), note_text: Mapping[date, str] | None = None
                 ) -> SummaryOptions:
    """Checked options; raises SummaryOptionsError with a sentence a student understands."""
    if start > end:
        raise SummaryOptionsError(f"The range starts ({start}) after it ends ({end}).")
    if end > today:
        raise SummaryOptionsError(f"The range ends in the future ({end}); today is {today}.")
    if start < MIN_DAY:
        raise SummaryOptionsError(f"The range can't start before {MIN_DAY}.")
    chosen = list(sections) if sections else list(DEFAULT_SECTIONS)
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown:
        raise SummaryOptionsError(
            f"Unknown section {unknown[0]!r}; choose from {', '.join(SECTIONS)}.")
    if (include_notes or note_days) and "notes" not in chosen:
        chosen.append("notes")
    ordered = tuple(s for s in SECTIONS if s in chosen)
    if len(name) > 80:
        raise SummaryOptionsError("The name or initials can be at most 80 characters.")
    return SummaryOptions(start, end, " ".join(name.split()), ordered, frozenset(note_days),
                          dict(note_text or {}))


# -- numbers -------------------------------------------------------------------------------


def fmt(value: float | None, digits: int = 1) -> str:
    if value is None or not math.isfinite(value):
        return "–"
    text = f"{value:.{digits}f}"
    return "0.0" if text == "-0.0" else text.replace("-", "−")


def fmt_signed(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    text = fmt(abs(value), digits)
    if text == fmt(0.0, digits):
        return text
    return ("+" if value > 0 else "−") + text


def pct(part: int, whole: int) -> str:
    return "–" if whole <= 0 else f"{round(100 * part / whole)}%"


def measure_label(name: str) -> str:
    spec = FIELDS_BY_NAME[name]
    if name == "social":
        return "Time with people (0–2)"
    return f"{spec.label} ({spec.unit})" if spec.unit else f"{spec.label} (0–10)"


def slope_per_day(points: Sequence[tuple[int, float]]) -> float | None:
    """Least-squares slope of value against day number; None with fewer than 4 points."""
    if len(points) < TREND_MIN_VALUES:
        return None
    xs = [float(x) for x, _ in points]
    ys = [y for _, y in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx


def direction(name: str, slope: float | None, days: int) -> str:
    if slope is None:
        return "–"
    spec = FIELDS_BY_NAME[name]
    change = slope * max(days - 1, 1)
    if abs(change) < STEADY_FRACTION * (spec.maximum - spec.minimum):
        return "steady"
    return "rising" if change > 0 else "falling"


def _values(entries: Sequence[DailyEntry], name: str) -> dict[date, float]:
    out: dict[date, float] = {}
    for e in entries:
        v = e.value(name)
        if v is not None:
            out[e.day] = v
    return out


def _window_mean(by_day: Mapping[date, float], a: date, b: date) -> float | None:
    vals = [v for d, v in by_day.items() if a <= d <= b]
    return statistics.fmean(vals) if len(vals) >= TREND_MIN_VALUES else None


def _completeness(entries: Sequence[DailyEntry], days: int) -> Table:
    rows: list[tuple[str, ...]] = []
    logged = len(entries)
    rows.append(("Any entry", str(logged), pct(logged, days)))
    for name in MEASURES:
        n = sum(1 for e in entries if getattr(e, name) is not None)
        rows.append((measure_label(name), str(n), pct(n, days)))
    notes = sum(1 for e in entries if e.note.strip())
    rows.append(("Notes written", str(notes), pct(notes, days)))
    return Table(("Field", f"Days logged (of {days})", "Share of days"), tuple(rows),
                 caption="Data completeness", widths=(50, 28, 22), numeric=(1, 2))


def _daily_log(entries: Sequence[DailyEntry], start: date, end: date) -> Section:
    days = (end - start).days + 1
    level_rows: list[tuple[str, ...]] = []
    trend_rows: list[tuple[str, ...]] = []
    long_enough = days >= 2 * TWO_WEEKS
    for name in MEASURES:
        by_day = _values(entries, name)
        vals = sorted(by_day.values())
        ref = REFERENCES[name]
        if vals:
            meeting = sum(1 for v in vals if ref.test(v))
            level_rows.append((measure_label(name), str(len(vals)), fmt(statistics.fmean(vals)),
                               fmt(statistics.median(vals)), f"{fmt(vals[0])}–{fmt(vals[-1])}",
                               ref.text, pct(meeting, len(vals))))
        else:
            level_rows.append((measure_label(name), "0", "–", "–", "–", ref.text, "–"))
        first = last = None
        if long_enough:
            first = _window_mean(by_day, start, start + timedelta(days=TWO_WEEKS - 1))
            last = _window_mean(by_day, end - timedelta(days=TWO_WEEKS - 1), end)
        slope = slope_per_day([((d - start).days, v) for d, v in sorted(by_day.items())])
        diff = None if first is None or last is None else last - first
        trend_rows.append((measure_label(name), fmt(first), fmt(last), fmt_signed(diff),
                           fmt_signed(None if slope is None else slope * 7, 2),
                           direction(name, slope, days)))
    levels = Table(
        ("Measure", "Days", "Mean", "Median", "Min–max", "Reference", "Days meeting it"),
        tuple(level_rows), caption="Levels over the range (logged days only)",
        footnotes=tuple(f"{measure_label(n)}: {REFERENCES[n].basis}" for n in MEASURES),
        widths=(24, 8, 10, 10, 14, 16, 18), numeric=(1, 2, 3, 4, 6))
    trend_notes = ["First and last 2 weeks: means of the first and last 14 days of the range "
                   f"(each needs {TREND_MIN_VALUES} logged days). Slope: the straight-line "
                   "trend through all logged days, per week; “steady” means it changes less "
                   "than 5% of the scale over the whole range."]
    if not long_enough:
        trend_notes.append("The range is shorter than 4 weeks, so the first and last two "
                           "weeks would overlap and are not compared.")
    trends = Table(
        ("Measure", "First 2 weeks", "Last 2 weeks", "Difference", "Slope per week",
         "Direction"), tuple(trend_rows), caption="Change over the range",
        footnotes=tuple(trend_notes), widths=(26, 15, 15, 14, 15, 15), numeric=(1, 2, 3, 4))
    return Section("daily-log", SECTIONS["daily-log"], (levels, trends))


def _charts(entries: Sequence[DailyEntry], start: date, end: date,
            findings: Sequence[FindingRecord]) -> Section:
    view = build_view(entries, start, end, weekly=True)
    shaded = tuple((max(f.window_start, start), min(f.window_end, end), f.rule)
                   for f in findings)
    caption = ("Weekly means (bold, Monday to Sunday) over the daily values (thin); gaps are "
               "days not logged.")
    if shaded:
        caption += " Shaded: periods flagged by the rules, labelled with the rule ID."
    return Section("charts", SECTIONS["charts"], (Chart(view, shaded, caption),))


def _instrument(instrument_id: str) -> Instrument | None:
    try:
        return get_instrument(instrument_id)
    except KeyError:
        return None


def _self_checks(assessments: Sequence[Assessment]) -> tuple[Section, list[str]]:
    rows: list[tuple[str, ...]] = []
    used: list[str] = []
    last: dict[str, Assessment] = {}
    first_phq9: Assessment | None = None
    notes_needed: set[str] = set()
    for a in sorted(assessments, key=lambda x: (x.taken_at, x.id or 0)):
        inst = _instrument(a.instrument)
        if a.instrument not in used:
            used.append(a.instrument)
        name = inst.short_name if inst else a.instrument
        if a.score is None:
            score_text = "not scored (incomplete)"
        elif inst:
            score_text = f"{format_score(a.score)} of {format_score(inst.scoring.maximum)}"
        else:
            score_text = fmt(a.score)
        band = inst.band(a.band) if inst else None
        band_text = band.label if band else (a.band or "–")
        prev = last.get(a.instrument)
        change_text, remark = "–", ""
        if prev is not None and prev.score is not None and a.score is not None:
            delta = a.score - prev.score
            change_text = fmt_signed(delta, 0 if float(delta).is_integer() else 1)
            mc = inst.meaningful_change if inst else None
            if mc is not None:
                notes_needed.add(a.instrument)
                meaningful = abs(delta) >= mc.points
                change_text += (" (meaningful)" if meaningful else "")
                remark = (f"meaningful change: ±{format_score(mc.points)}"
                          + ("; scores are noisy, read with caution" if mc.caution else ""))
        if a.instrument == "phq9" and a.score is not None:
            if first_phq9 is None:
                first_phq9 = a
            elif first_phq9.score is not None and first_phq9.score >= 10:
                notes_needed.add("phq9-response")
                if a.score < 5:
                    remark = _join(remark, "remission range (under 5)")
                elif a.score <= first_phq9.score / 2:
                    remark = _join(remark, "response: at least 50% below the first score "
                                   f"({first_phq9.taken_at.date().isoformat()})")
        if a.score is not None:
            last[a.instrument] = a
        version = f"{name} v{a.instrument_version}" if a.instrument_version else name
        rows.append((a.taken_at.date().isoformat(), version, score_text, band_text,
                     change_text, remark or "–"))
    footnotes: list[str] = ["Change: from the previous scored result of the same self-check "
                            "in this range."]
    if "phq9" in notes_needed or "phq8" in notes_needed:
        footnotes.append("PHQ-9/PHQ-8: a change of 5 points or more is treated as meaningful "
                         "[24].")
    if "who5" in notes_needed:
        footnotes.append("WHO-5: a change of 10 points or more on the 0–100 index is usually "
                         "treated as meaningful; single scores vary a lot from one time to the "
                         "next (smallest reliable change about 24 points), so read any one "
                         "change with caution [14].")
    if "phq9-response" in notes_needed:
        footnotes.append("PHQ-9 response: a score at least 50% below the first one; remission: "
                         "a score under 5 [25].")
    blocks: list[Block] = []
    if rows:
        blocks.append(Table(("Date", "Self-check", "Score", "Band", "Change", "Note"),
                            tuple(rows), footnotes=tuple(footnotes),
                            widths=(13, 17, 14, 18, 14, 24), numeric=(2,)))
    else:
        blocks.append(Paragraph("No self-checks were taken in this range."))
    return Section("self-checks", SECTIONS["self-checks"], tuple(blocks)), used


def _join(a: str, b: str) -> str:
    return f"{a}; {b}" if a else b


def _rule_title(rule: str) -> str:
    info = RULES.get(rule)
    return info.title if info else ""


def _findings(findings: Sequence[FindingRecord]) -> Section:
    rows = []
    for f in sorted(findings, key=lambda x: (x.window_start, x.rule)):
        span = (f.window_start.isoformat() if f.window_start == f.window_end
                else f"{f.window_start.isoformat()} to {f.window_end.isoformat()}")
        title = _rule_title(f.rule)
        reason = f"{title}: {f.message}" if title and title not in f.message else f.message
        rows.append((f.rule, reason, span, STATE_WORDS.get(f.state, f.state)))
    if not rows:
        return Section("findings", SECTIONS["findings"],
                       (Paragraph("No periods were flagged in this range."),))
    return Section("findings", SECTIONS["findings"], (Table(
        ("Rule", "What was noticed", "Dates", "Student's response"), tuple(rows),
        footnotes=("Rules are explained in the appendix. A dismissed card means the student "
                   "chose to hide it; the data behind it is unchanged.",),
        widths=(8, 52, 24, 16)),))


def _safety(events: Sequence[SafetyEventRecord]) -> Section:
    rows = []
    for e in sorted(events, key=lambda x: x.at):
        when = datetime.fromisoformat(e.at)
        rows.append((when.date().isoformat(), when.strftime("%H:%M"),
                     SOURCE_WORDS.get(e.source, e.source)))
    if not rows:
        return Section("safety", SECTIONS["safety"],
                       (Paragraph("No safety events were recorded in this range."),))
    return Section("safety", SECTIONS["safety"], (
        Paragraph("The student chose to include these moments when they told the app they "
                  "were not safe. The app showed crisis support each time; it cannot respond "
                  "in an emergency.", "small"),
        Table(("Date", "Time", "What happened"), tuple(rows), widths=(20, 12, 68)),
    ))


def _notes(entries: Sequence[DailyEntry], options: SummaryOptions) -> Section:
    rows = []
    for e in entries:
        if e.day not in options.note_days:
            continue
        text = options.note_text.get(e.day, e.note).strip()
        if text:
            rows.append((e.day.isoformat(), text))
    if not rows:
        return Section("notes", SECTIONS["notes"], (Paragraph("No notes were chosen."),))
    return Section("notes", SECTIONS["notes"], (
        Paragraph("Notes the student chose to share, one by one (they may have shortened "
                  "them).", "small"),
        Table(("Day", "Note"), tuple(rows), widths=(16, 84)),
    ))


def _appendix(used: Sequence[str]) -> Section:
    blocks: list[Block] = [
        Paragraph("How the daily-log numbers are made", "lead"),
        Paragraph("Every value is what the student typed for that day (0–10 scales, hours in "
                  "steps of 15 minutes, time with people 0 none / 1 brief / 2 meaningful). "
                  "Days without a value are left out, never counted as zero; completeness "
                  "shows how many days each measure covers."),
        Table(("Measure", "Reference line", "Basis"),
              tuple((measure_label(n), REFERENCES[n].text, REFERENCES[n].basis)
                    for n in MEASURES), widths=(24, 16, 60)),
    ]
    cited = {14, 24, 25, 29, 33, 36, 39}
    for instrument_id in used:
        inst = _instrument(instrument_id)
        if inst is None:
            continue
        blocks.append(Paragraph(f"{inst.name} ({inst.short_name})", "lead"))
        recall = (f" Recall period: {inst.recall_period}." if inst.recall_period
                  else " No fixed recall period (how things are in general).")
        blocks.append(Paragraph(f"{inst.scoring.explanation}{recall}"))
        blocks.append(Table(("Band", "Score range", "Meaning"), tuple(
            (b.label, inst.band_range_text(b), b.description) for b in inst.bands),
            widths=(24, 18, 58)))
        lines = [f"Bands: {inst.band_basis}"]
        if inst.meaningful_change:
            lines.append(inst.meaningful_change.note + (
                " " + inst.meaningful_change.caution if inst.meaningful_change.caution else ""))
        lines.append(f"{inst.attribution} {inst.licence}".strip())
        if inst.loinc:
            lines.append(f"LOINC {inst.loinc}.")
        for src in inst.sources:
            lines.append(f"[{src.ref}] {src.citation} {src.url}".strip())
        blocks.extend(Paragraph(line, "small") for line in lines)
    blocks.append(Paragraph("Other sources", "lead"))
    blocks.extend(Paragraph(f"[{n}] {CITATIONS[n]}", "small") for n in sorted(cited))
    blocks.append(Paragraph("Self-checks are screening questionnaires the student filled in "
                            "alone; bands describe scores, not people, and none of this is a "
                            "diagnosis.", "small"))
    return Section("appendix", SECTIONS["appendix"], tuple(blocks))


# -- the whole summary ---------------------------------------------------------------------


def _overlaps(a: date, b: date, start: date, end: date) -> bool:
    return a <= end and b >= start


def compose_summary(*, entries: Sequence[DailyEntry], assessments: Sequence[Assessment],
                    findings: Sequence[FindingRecord], safety_events: Sequence[SafetyEventRecord],
                    options: SummaryOptions, today: date, app_version: str) -> Summary:
    start, end = options.start, options.end
    in_range = sorted((e for e in entries if start <= e.day <= end), key=lambda e: e.day)
    checks = [a for a in assessments if start <= a.taken_at.date() <= end]
    safety_ok = options.has("safety")
    flagged = [f for f in findings if _overlaps(f.window_start, f.window_end, start, end)
               and (safety_ok or f.rule != "S0")]
    events = [s for s in safety_events if start <= s.day <= end]
    days = (end - start).days + 1

    sections: list[Section] = []
    used: list[str] = []
    for sid in options.sections:
        if sid == "daily-log":
            sections.append(_daily_log(in_range, start, end))
        elif sid == "charts":
            sections.append(_charts(in_range, start, end, flagged))
        elif sid == "self-checks":
            section, used = _self_checks(checks)
            sections.append(section)
        elif sid == "findings":
            sections.append(_findings(flagged))
        elif sid == "safety":
            sections.append(_safety(events))
        elif sid == "notes":
            sections.append(_notes(in_range, options))
        elif sid == "patterns":
            from selfcare_app.core.patterns_section import patterns_section

            sections.append(patterns_section(in_range, start, end))  # type: ignore[arg-type]
        elif sid == "appendix":
            sections.append(_appendix(used or sorted({a.instrument for a in checks})))
    header = (
        ("Name", options.name or "not given"),
        ("Range", f"{start.isoformat()} to {end.isoformat()} ({days} days)"),
        ("Days logged", f"{len(in_range)} of {days} ({pct(len(in_range), days)})"),
        ("Generated", f"{today.isoformat()} with Selfcare {app_version}"),
    )
    return Summary(TITLE, options.name, start, end, today, app_version, DISCLAIMER, header,
                   _completeness(in_range, days), tuple(sections))
