"""The counselor summary (CONTENT.md §5), composed as plain data: every number and sentence the
PDF and its preview show, computed here so it can be tested without Qt or matplotlib.

The student chooses the range and the sections. Safety events appear only when their section
is ticked; notes appear only for days the student picked one by one, with any redaction they
made. Missing days are missing: means and percentages are over logged days, and completeness
says how many that is.

Page 1 opens with an "at a glance" box (range, self-checks, the periods the app noticed and
the sections left out). The periods are found when the summary is made, by running the same
rule engine as `signals` over every day of the range (`noticed_periods`, the one place this
module calls the engine), so they don't depend on whether the app was opened. Nothing a
counselor reads needs a rule code: periods are named in words.
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
from selfcare_app.core.formatting import (
    decimal_sign,
    format_medium_day,
    format_range,
    format_time,
)
from selfcare_app.core.instruments import Instrument, format_score, get_instrument
from selfcare_app.core.records import FindingRecord, SafetyEventRecord
from selfcare_app.core.rules import BIBLIOGRAPHY
from selfcare_app.core.rules import THRESHOLDS_BY_KEY as RULE_THRESHOLDS
from selfcare_app.core.trends import TrendView, build_view
from selfcare_app.i18n import N_, _, ngettext

# Section ids (CLI choices) and their titles: English msgids, shown through section_title().
SECTIONS: Final[dict[str, str]] = {
    "daily-log": N_("Daily-log summary"),
    "charts": N_("Weekly charts"),
    "self-checks": N_("Self-check results"),
    "findings": N_("Periods the app noticed"),
    "safety": N_("Safety events"),
    "notes": N_("Notes"),
    "patterns": N_("Patterns in the daily log"),  # off by default (core/patterns_section.py)
    "appendix": N_("Appendix: scoring rules and sources"),
}
DEFAULT_SECTIONS: Final[tuple[str, ...]] = ("daily-log", "charts", "self-checks", "findings",
                                            "appendix")
OPT_IN_SECTIONS: Final = frozenset({"safety", "notes"})
# How "Not included: …" names a section left out; the opt-in ones come last.
SECTION_WORDS: Final[dict[str, str]] = {
    "daily-log": N_("daily-log summary"), "charts": N_("weekly charts"),
    "self-checks": N_("self-check results"), "findings": N_("periods the app noticed"),
    "appendix": N_("appendix"), "notes": N_("notes"), "safety": N_("safety events"),
}
GLANCE_TITLE: Final = N_("At a glance")
DISCLAIMER: Final = N_("Self-reported; not a diagnosis.")
TITLE: Final = N_("Wellbeing summary")
DEFAULT_WEEKS: Final = 12
TREND_MIN_VALUES: Final = 4
TWO_WEEKS: Final = 14
STEADY_FRACTION: Final = 0.05  # a change over the range below 5% of the scale reads "steady"

# The six daily-log measures, in the order counsellors asked for (CONTENT.md §5.2).
MEASURES: Final[tuple[str, ...]] = ("sleep_hours", "stress", "mood", "energy", "study_hours",
                                    "social")


@dataclass(frozen=True)
class Reference:
    """'% of days meeting a reference' for one measure, and where the line comes from.

    `text_id` and `basis_id` are English msgids with a `{value}` placeholder (the line);
    `text` and `basis` give them in the language in use."""

    text_id: str
    test: Callable[[float], bool]
    basis_id: str
    value: float = 0.0

    @property
    def text(self) -> str:
        return _(self.text_id).format(value=f"{self.value:g}")

    @property
    def basis(self) -> str:
        return _(self.basis_id).format(value=f"{self.value:g}")


def _line(rule: str, key: str) -> float:
    return RULE_THRESHOLDS[(rule, key)].default


# Reference lines come from the rules' own thresholds (core/rules), so the summary and the app
# always draw the same line.
_SLEEP, _STRESS = _line("L1", "sleep_below"), _line("L2", "stress_at_least")
_LOW, _LONG = _line("L6", "energy_at_most"), _line("L3", "study_at_least")
REFERENCES: Final[dict[str, Reference]] = {
    "sleep_hours": Reference(N_("≥ {value} h"), lambda v: v >= _SLEEP,
                             N_("≥ {value} h of sleep is recommended for adults [33]."), _SLEEP),
    "stress": Reference("< {value}", lambda v: v < _STRESS,
                        N_("Stress of {value} or more counts as a high-stress day (the app's "
                           "own line; the PSS has no cut-offs [29])."), _STRESS),
    "mood": Reference("> {value}", lambda v: v > _LOW,
                      N_("Mood of {value} or less counts as a low day (the app's own line)."),
                      _LOW),
    "energy": Reference("> {value}", lambda v: v > _LOW,
                        N_("Energy of {value} or less counts as a low day (the app's own "
                           "line)."), _LOW),
    "study_hours": Reference(N_("< {value} h"), lambda v: v < _LONG,
                             N_("{value} h or more counts as a long day (the app's own line; "
                                "≥ 55 h/week of work is linked to health risks [39])."), _LONG),
    "social": Reference(N_("some contact"), lambda v: v >= 1,
                        N_("Brief or meaningful time with people (more conversation went with "
                           "lower depression [36]).")),
}

SOURCE_WORDS: Final[dict[str, str]] = {
    "phq9-item9": N_("Answered PHQ-9 question 9 above “Not at all”"),
    "not-safe": N_("Tapped “I'm not safe” in Get help now"),
    "not-safe-button": N_("Tapped “I'm not safe” in Get help now"),
}
SUPPORT_SHOWN: Final = N_("Yes: crisis lines and the emergency number, at once")
# What the student did with a card the app showed (counselor's view).
STATE_WORDS: Final[dict[str, str]] = {
    "new": N_("no response yet"), "seen": N_("read"), "snoozed": N_("snoozed"),
    "dismissed": N_("the student hid it"), "not-helpful": N_("marked not helpful"),
}
NOT_SHOWN: Final = N_("no")


def section_title(section_id: str) -> str:
    """A section's title in the language in use ("Weekly charts")."""
    return _(SECTIONS[section_id]) if section_id in SECTIONS else section_id
# The appendix cites from the one bibliography the rules use (core/rules/bibliography.py).
CITATIONS: Final[dict[int, str]] = {n: BIBLIOGRAPHY[n].full()
                                    for n in (14, 24, 25, 29, 33, 36, 39)}


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
    # label -> the panels (measures) its shading belongs to; a label not here shades every panel
    shaded_panels: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class GlanceRow:
    label: str
    items: tuple[str, ...]
    inline: bool = False  # one line across the box: "Label: item"


@dataclass(frozen=True)
class Glance:
    """Page 1's box: what a counselor needs in two minutes, in words."""

    title: str
    rows: tuple[GlanceRow, ...]

    def row(self, label: str) -> GlanceRow | None:
        return next((r for r in self.rows if r.label == label), None)

    def text(self) -> str:
        return "\n".join(f"{r.label}: " + " / ".join(r.items) for r in self.rows)


Block = Paragraph | Table | Chart | Glance


@dataclass(frozen=True)
class NoticedPeriod:
    """Days on which one early-warning rule held, in words. `rule` is kept for matching with
    what the app showed and is never printed."""

    rule: str
    name: str          # short, for a chart legend ("Sleep low")
    title: str         # the card's title ("Sleep this week")
    message: str       # the card's message on the period's last day
    condition: str     # what the rule looks for, in words (for the appendix)
    start: date
    end: date
    fields: frozenset[str] = frozenset()  # daily-log measures behind it
    kind: str = "log"  # log | self-check | safety

    @property
    def span(self) -> str:
        return span_text(self.start, self.end)


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
    glance: Glance | None = None
    periods: tuple[NoticedPeriod, ...] = ()

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def tables(self) -> list[Table]:
        return [t for s in self.sections for t in s.tables()]

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
        raise SummaryOptionsError(_("The range starts ({start}) after it ends ({end}).").format(
            start=start, end=end))
    if end > today:
        raise SummaryOptionsError(_("The range ends in the future ({end}); today is {today}.")
                                  .format(end=end, today=today))
    if start < MIN_DAY:
        raise SummaryOptionsError(_("The range can't start before {day}.").format(day=MIN_DAY))
    chosen = list(sections) if sections else list(DEFAULT_SECTIONS)
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown:
        raise SummaryOptionsError(
            _("Unknown section {section}; choose from {sections}.").format(
                section=repr(unknown[0]), sections=", ".join(SECTIONS)))
    if (include_notes or note_days) and "notes" not in chosen:
        chosen.append("notes")
    ordered = tuple(s for s in SECTIONS if s in chosen)
    if len(name) > 80:
        raise SummaryOptionsError(_("The name or initials can be at most 80 characters."))
    return SummaryOptions(start, end, " ".join(name.split()), ordered, frozenset(note_days),
                          dict(note_text or {}))


# -- numbers -------------------------------------------------------------------------------


def fmt(value: float | None, digits: int = 1) -> str:
    if value is None or not math.isfinite(value):
        return "–"
    text = f"{value:.{digits}f}"
    text = "0.0" if text == "-0.0" else text.replace("-", "−")
    return text.replace(".", decimal_sign())


def fmt_signed(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    text = fmt(abs(value), digits)
    if text == fmt(0.0, digits):
        return text
    return ("+" if value > 0 else "−") + text


def pct(part: int, whole: int) -> str:
    return "–" if whole <= 0 else f"{round(100 * part / whole)}%"


def span_text(start: date, end: date) -> str:
    return format_medium_day(start) if start == end else format_range(start, end)


def measure_label(name: str) -> str:
    spec = FIELDS_BY_NAME[name]
    if name == "social":
        return _("Time with people (0–2)")
    return f"{spec.label} ({spec.unit})" if spec.unit else _("{measure} (0–10)").format(
        measure=spec.label)


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
        return _("steady")
    return _("rising") if change > 0 else _("falling")


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
    rows.append((_("Any entry"), str(logged), pct(logged, days)))
    for name in MEASURES:
        n = sum(1 for e in entries if getattr(e, name) is not None)
        rows.append((measure_label(name), str(n), pct(n, days)))
    notes = sum(1 for e in entries if e.note.strip())
    rows.append((_("Notes written"), str(notes), pct(notes, days)))
    return Table((_("Field"), _("Days logged (of {days})").format(days=days), _("Share of days")),
                 tuple(rows), caption=_("Data completeness"), widths=(50, 28, 22),
                 numeric=(1, 2))


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
        (_("Measure"), _("Days"), _("Mean"), _("Median"), _("Min–max"), _("Reference"),
         _("Days meeting it")),
        tuple(level_rows), caption=_("Levels over the range (logged days only)"),
        footnotes=tuple(f"{measure_label(n)}: {REFERENCES[n].basis}" for n in MEASURES),
        widths=(24, 8, 10, 10, 14, 16, 18), numeric=(1, 2, 3, 4, 6))
    trend_notes = [_("First and last 2 weeks: means of the first and last 14 days of the range "
                     "(each needs {count} logged days). Slope: the straight-line trend through "
                     "all logged days, per week; “steady” means it changes less than 5% of the "
                     "scale over the whole range.").format(count=TREND_MIN_VALUES)]
    if not long_enough:
        trend_notes.append(_("The range is shorter than 4 weeks, so the first and last two "
                             "weeks would overlap and are not compared."))
    trends = Table(
        (_("Measure"), _("First 2 weeks"), _("Last 2 weeks"), _("Difference"),
         _("Slope per week"), _("Direction")), tuple(trend_rows),
        caption=_("Change over the range"),
        footnotes=tuple(trend_notes), widths=(26, 15, 15, 14, 15, 15), numeric=(1, 2, 3, 4))
    return Section("daily-log", section_title("daily-log"), (levels, trends))


def _charts(entries: Sequence[DailyEntry], start: date, end: date,
            periods: Sequence[NoticedPeriod]) -> Section:
    view = build_view(entries, start, end, weekly=True)
    charted = {p.metric for p in view.panels}
    # A period is shaded in the one measure it is about; combined patterns and self-check
    # results are in the table instead (shading them everywhere would hide the data).
    own = [p for p in periods if p.kind == "log" and len(p.fields) == 1
           and next(iter(p.fields)) in charted]
    shaded = tuple((p.start, p.end, p.name) for p in own)
    panels = tuple(dict.fromkeys((p.name, tuple(sorted(p.fields))) for p in own))
    caption = _("Weekly means (bold, Monday to Sunday) over the daily values (thin); gaps are "
                "days not logged.")
    if shaded:
        caption += " " + _("Shaded: periods the app noticed in that measure, named in the "
                           "legend; all periods are listed in words under “Periods the app "
                           "noticed”.")
    return Section("charts", section_title("charts"), (Chart(view, shaded, caption, panels),))


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
            score_text = _("not scored (incomplete)")
        elif inst:
            score_text = _("{score} of {maximum}").format(
                score=format_score(a.score), maximum=format_score(inst.scoring.maximum))
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
                if meaningful:
                    change_text = _("{change} (meaningful)").format(change=change_text)
                remark = (_("meaningful change: ±{points}; scores are noisy, read with caution")
                          if mc.caution else _("meaningful change: ±{points}")).format(
                              points=format_score(mc.points))
        if a.instrument == "phq9" and a.score is not None:
            if first_phq9 is None:
                first_phq9 = a
            elif first_phq9.score is not None and first_phq9.score >= 10:
                notes_needed.add("phq9-response")
                if a.score < 5:
                    remark = _join(remark, _("remission range (under 5)"))
                elif a.score <= first_phq9.score / 2:
                    remark = _join(remark, _("response: at least 50% below the first score "
                                             "({day})").format(
                                                 day=format_medium_day(first_phq9.taken_at.date())))
        if a.score is not None:
            last[a.instrument] = a
        version = _("{name} v{version}").format(name=name, version=a.instrument_version) \
            if a.instrument_version else name
        rows.append((format_medium_day(a.taken_at.date()), version, score_text, band_text,
                     change_text, remark or "–"))
    footnotes: list[str] = [_("Change: from the previous scored result of the same self-check "
                              "in this range.")]
    if "phq9" in notes_needed or "phq8" in notes_needed:
        footnotes.append(_("PHQ-9/PHQ-8: a change of 5 points or more is treated as meaningful "
                           "[24]."))
    if "who5" in notes_needed:
        footnotes.append(_("WHO-5: a change of 10 points or more on the 0–100 index is usually "
                           "treated as meaningful; single scores vary a lot from one time to "
                           "the next (smallest reliable change about 24 points), so read any "
                           "one change with caution [14]."))
    if "phq9-response" in notes_needed:
        footnotes.append(_("PHQ-9 response: a score at least 50% below the first one; "
                           "remission: a score under 5 [25]."))
    blocks: list[Block] = []
    if rows:
        blocks.append(Table((_("Date"), _("Self-check"), _("Score"), _("Band"), _("Change"),
                             _("Note")),
                            tuple(rows), footnotes=tuple(footnotes),
                            widths=(13, 17, 14, 18, 14, 24), numeric=(2,)))
    else:
        blocks.append(Paragraph(_("No self-checks were taken in this range.")))
    return Section("self-checks", section_title("self-checks"), tuple(blocks)), used


def _join(a: str, b: str) -> str:
    return f"{a}; {b}" if a else b


def shown_words(period: NoticedPeriod, shown: Sequence[FindingRecord]) -> str:
    """Whether the app showed this period as a card, and what the student did with it."""
    cards = [f for f in shown if f.rule == period.rule
             and _overlaps(f.day, f.day, period.start, period.end)]
    if not cards:
        return _(NOT_SHOWN)
    last = max(cards, key=lambda f: (f.day, f.id or 0))
    state = _(STATE_WORDS[last.state]) if last.state in STATE_WORDS else last.state
    return _("yes, {day}; {state}").format(day=format_medium_day(last.day), state=state)


def _findings(periods: Sequence[NoticedPeriod], shown: Sequence[FindingRecord]) -> Section:
    rows = [(p.span, _("{title}: {message}").format(title=p.title, message=p.message),
             shown_words(p, shown))
            for p in periods if p.kind != "safety"]
    if not rows:
        return Section("findings", section_title("findings"), (Paragraph(
            _("The app's early-warning rules noticed nothing in this range.")),))
    return Section("findings", section_title("findings"), (Table(
        (_("Dates"), _("What the app noticed (as the student saw it)"), _("Shown in the app?")),
        tuple(rows),
        footnotes=(_("Found by running the app's early-warning rules over every day of the "
                     "range when this summary was made, whether or not the app was opened "
                     "then; “no” means the app did not show it as a card. What each one looks "
                     "for is in the appendix. A card the student hid leaves the data "
                     "unchanged."),),
        widths=(25, 51, 24)),))


def _phq9_answer(event: SafetyEventRecord, assessments: Sequence[Assessment]) -> str:
    """The words of the PHQ-9 question-9 answer recorded with this event, if found."""
    at = datetime.fromisoformat(event.at)
    same = [a for a in assessments if a.instrument == "phq9" and a.taken_at.date() == at.date()]
    if not same:
        return ""
    a = min(same, key=lambda x: abs((x.taken_at - at).total_seconds()))
    inst, answer = _instrument("phq9"), a.answer(9)
    if inst is None or answer is None:
        return ""
    item = next((i for i in inst.items if i.number == 9), None)
    try:
        return item.options.label_for(answer) if item else ""
    except KeyError:
        return ""


def _safety(events: Sequence[SafetyEventRecord], assessments: Sequence[Assessment]) -> Section:
    rows = []
    for e in sorted(events, key=lambda x: x.at):
        when = datetime.fromisoformat(e.at)
        what = _(SOURCE_WORDS[e.source]) if e.source in SOURCE_WORDS else e.source
        if e.source == "phq9-item9":
            answer = _phq9_answer(e, assessments)
            if answer:
                what = _("Answered PHQ-9 question 9 “{answer}”").format(answer=answer)
        rows.append((format_medium_day(when.date()), format_time(when), what, _(SUPPORT_SHOWN)))
    if not rows:
        return Section("safety", section_title("safety"),
                       (Paragraph(_("No safety events were recorded in this range.")),))
    return Section("safety", section_title("safety"), (
        Paragraph(_("For the counselor: the student chose to include this section. Each row "
                    "is a moment the student told the app they were not safe, with the day "
                    "and time it happened. The app showed crisis support straight away each "
                    "time; it does not contact anyone and cannot respond in an emergency."),
                  "small"),
        Table((_("Date"), _("Time"), _("What the student did"), _("Support shown")),
              tuple(rows),
              widths=(14, 9, 45, 32)),
    ))


def _notes(entries: Sequence[DailyEntry], options: SummaryOptions) -> Section:
    rows = []
    for e in entries:
        if e.day not in options.note_days:
            continue
        text = options.note_text.get(e.day, e.note).strip()
        if text:
            rows.append((format_medium_day(e.day), text))
    if not rows:
        return Section("notes", section_title("notes"), (Paragraph(_("No notes were chosen.")),))
    return Section("notes", section_title("notes"), (
        Paragraph(_("Notes the student chose to share, one by one (they may have shortened "
                    "them)."), "small"),
        Table((_("Day"), _("Note")), tuple(rows), widths=(16, 84)),
    ))


def _appendix(used: Sequence[str], periods: Sequence[NoticedPeriod] = ()) -> Section:
    blocks: list[Block] = [
        Paragraph(_("How the daily-log numbers are made"), "lead"),
        Paragraph(_("Every value is what the student typed for that day (0–10 scales, hours in "
                    "steps of 15 minutes, time with people 0 none / 1 brief / 2 meaningful). "
                    "Days without a value are left out, never counted as zero; completeness "
                    "shows how many days each measure covers.")),
        Table((_("Measure"), _("Reference line"), _("Basis")),
              tuple((measure_label(n), REFERENCES[n].text, REFERENCES[n].basis)
                    for n in MEASURES), widths=(24, 16, 60)),
    ]
    looked_for = list(dict.fromkeys((p.title, p.condition) for p in periods
                                    if p.kind != "safety" and p.condition))
    if looked_for:
        blocks.append(Paragraph(_("What the app looks for"), "lead"))
        blocks.append(Table((_("Period"), _("Noticed when")), tuple(looked_for), widths=(30, 70),
                            footnotes=(_("“Usual” means the student's own 28 days before the "
                                         "week in question. Thresholds marked as the app's own "
                                         "are design choices the student can adjust."),)))
    sources: dict[int, str] = {n: CITATIONS[n] for n in (14, 24, 25, 29, 33, 36, 39)}
    for instrument_id in used:
        inst = _instrument(instrument_id)
        if inst is None:
            continue
        blocks.append(Paragraph(f"{inst.name} ({inst.short_name})", "lead"))
        recall = (_("Recall period: {period}.").format(period=inst.recall_period)
                  if inst.recall_period else
                  _("No fixed recall period (how things are in general)."))
        blocks.append(Paragraph(f"{inst.scoring.explanation} {recall}"))
        blocks.append(Table((_("Band"), _("Score range"), _("Meaning")), tuple(
            (b.label, inst.band_range_text(b), b.description) for b in inst.bands),
            widths=(24, 18, 58)))
        lines = [_("Bands: {basis}").format(basis=inst.band_basis)]
        if inst.meaningful_change:
            lines.append(inst.meaningful_change.note + (
                " " + inst.meaningful_change.caution if inst.meaningful_change.caution else ""))
        lines.append(f"{inst.attribution} {inst.licence}".strip())
        if inst.loinc:
            lines.append(_("LOINC {code}.").format(code=inst.loinc))
        blocks.append(Paragraph(" ".join(lines), "small"))
        for src in inst.sources:
            sources.setdefault(src.ref, f"{src.citation} {src.url}".strip())
    blocks.append(Paragraph(_("Sources"), "lead"))
    # One compact list, each source once, by the number the text cites it with.
    blocks.append(Paragraph("\n".join(f"[{n}] {sources[n]}" for n in sorted(sources)),
                            "small"))
    blocks.append(Paragraph(_("Self-checks are screening questionnaires the student filled in "
                              "alone; bands describe scores, not people, and none of this is a "
                              "diagnosis."), "small"))
    return Section("appendix", section_title("appendix"), tuple(blocks))


# -- the periods the rules notice ------------------------------------------------------------


def noticed_periods(entries: Sequence[DailyEntry], assessments: Sequence[Assessment],
                    start: date, end: date, config: object = None) -> list[NoticedPeriod]:
    """Every period the early-warning rules notice from start to end, found now by asking
    the engine for each day of the range what `signals` would list as of that day.

    Days on which one rule holds with touching windows merge into one period; a self-check
    result is one period on the day it was taken. This is the only place the summary calls
    the rule engine (`config` is a RuleConfig or the stored settings mapping)."""
    from selfcare_app.core.rules import RuleConfig, RuleEngine

    rule_config = config if isinstance(config, RuleConfig) else RuleConfig.from_settings(config)
    engine = RuleEngine([e for e in entries if e.day <= end],
                        [a for a in assessments if a.taken_at.date() <= end], rule_config)
    found: dict[tuple[str, str], NoticedPeriod] = {}
    done: list[NoticedPeriod] = []
    day = start
    while day <= end:
        for f in engine.findings(day):
            instrument_only = bool(f.evidence) and all(p.instrument for p in f.evidence)
            kind = ("safety" if f.support.crisis else
                    "self-check" if instrument_only else "log")
            fields = frozenset(p.field for p in f.evidence if p.field in FIELDS_BY_NAME)
            if kind == "log":
                a, b, key = max(f.window_start, start), min(f.window_end, end), (f.rule, "")
            else:  # the day of the self-check (or of the safety answer)
                a = b = f.window_end
                key = (f.rule, f.episode or b.isoformat())
                if a < start:
                    continue
            period = NoticedPeriod(f.rule, f.info.name, f.title, f.message,
                                   rule_config.condition_text(f.rule), a, b, fields, kind)
            current = found.get(key)
            if current is not None and a <= current.end + timedelta(days=1):
                period = NoticedPeriod(f.rule, f.info.name, f.title, f.message,
                                       period.condition, current.start, max(b, current.end),
                                       current.fields | fields, kind)
            elif current is not None:
                done.append(current)
            found[key] = period
        day += timedelta(days=1)
    done.extend(found.values())
    return sorted(done, key=lambda p: (p.start, p.end, p.title))


# -- page 1 ------------------------------------------------------------------------------------


def _check_lines(checks: Sequence[Assessment]) -> list[str]:
    """Each self-check taken in the range: its latest score, band and change in words."""
    by_instrument: dict[str, list[Assessment]] = {}
    for a in sorted(checks, key=lambda x: (x.taken_at, x.id or 0)):
        by_instrument.setdefault(a.instrument, []).append(a)
    lines: list[str] = []
    for instrument_id, taken in by_instrument.items():
        inst = _instrument(instrument_id)
        name = inst.short_name if inst else instrument_id
        scored = [a for a in taken if a.score is not None]
        if not scored:
            lines.append(_("{name}: taken {count}×, not scored (incomplete)").format(
                name=name, count=len(taken)))
            continue
        last = scored[-1]
        assert last.score is not None
        score = format_score(last.score)
        if inst:
            score = _("{score} of {maximum}").format(
                score=score, maximum=format_score(inst.scoring.maximum))
        band = inst.band(last.band) if inst else None
        day = format_medium_day(last.taken_at.date())
        text = (_("{name}: {score} on {day}, {band}").format(
                    name=name, score=score, day=day, band=band.label.lower()) if band else
                _("{name}: {score} on {day}").format(name=name, score=score, day=day))
        if len(scored) > 1:
            prev = scored[-2]
            assert prev.score is not None
            delta = last.score - prev.score
            before = format_medium_day(prev.taken_at.date())
            if delta == 0:
                text += "; " + _("same as on {day}").format(day=before)
            else:
                change = (_("up {change} from {score} on {day}") if delta > 0 else
                          _("down {change} from {score} on {day}"))
                text += "; " + change.format(change=format_score(abs(delta)),
                                             score=format_score(prev.score), day=before)
                mc = inst.meaningful_change if inst else None
                if mc is not None and abs(delta) >= mc.points:
                    text += " " + _("(a meaningful change)")
        else:
            text += "; " + _("the only result in this range")
        lines.append(text)
    return lines


def _short(message: str, marks: tuple[str, ...] = (": ", "; ", ". ")) -> str:
    """A message cut to its first clause."""
    cut = len(message)
    for mark in marks:
        i = message.find(mark)
        if 0 < i < cut:
            cut = i
    return message[:cut].rstrip(".")


def _data_words(message: str) -> str:
    """The data part of a card's message ("7 or more on 5 of the last 7 days"), for one line
    on page 1: what follows its first colon, or else its first clause."""
    head, colon, rest = message.partition(": ")
    text = _short(rest, ("; ", ". ")) if colon and rest else _short(head)
    return text[5:] if text.startswith("Your ") else text


def _period_lines(periods: Sequence[NoticedPeriod]) -> list[str]:
    """One line per kind of period in the daily logs (most recent first): its dates and what
    the latest one showed. Self-check results are on their own line above."""
    kinds: dict[str, list[NoticedPeriod]] = {}
    for p in sorted((p for p in periods if p.kind == "log"), key=lambda p: p.end):
        kinds.setdefault(p.title, []).append(p)
    lines = []
    for title, group in sorted(kinds.items(), key=lambda kv: (-kv[1][-1].end.toordinal(),
                                                              kv[0])):
        latest = _data_words(group[-1].message)
        spans = ", ".join(p.span for p in group)
        lines.append(_("{title}: {spans} (latest: {latest})").format(
            title=title, spans=spans, latest=latest[:1].lower() + latest[1:]))
    return lines


def not_included(options: SummaryOptions) -> list[str]:
    """The sections the student chose to leave out, in words (opt-in ones last)."""
    return [_(words) for sid, words in SECTION_WORDS.items() if not options.has(sid)]


def _glance(options: SummaryOptions, logged: int, checks: Sequence[Assessment],
            periods: Sequence[NoticedPeriod], events: Sequence[SafetyEventRecord]) -> Glance:
    days = (options.end - options.start).days + 1
    # Translators: {days} is "84 days", {logged} "60 days logged".
    range_text = _("{start} to {end} ({days}); {logged} ({share})").format(
        start=format_medium_day(options.start), end=format_medium_day(options.end),
        days=ngettext("{count} day", "{count} days", days).format(count=days),
        logged=ngettext("{count} day logged", "{count} days logged", logged).format(
            count=logged), share=pct(logged, days))
    rows = [GlanceRow(_("Range"), (range_text,))]
    if options.has("self-checks"):
        rows.append(GlanceRow(_("Self-checks"), tuple(_check_lines(checks))
                              or (_("none taken in this range"),)))
    if options.has("findings"):
        rows.append(GlanceRow(_("Periods the app noticed"), tuple(_period_lines(periods))
                              or (_("none in this range"),)))
    if options.has("safety"):
        rows.append(GlanceRow(_("Safety events"), (
            _("{count} in this range; crisis support was shown each time (see “Safety "
              "events”)").format(count=len(events)) if events else
            _("none recorded in this range"),)))
    left_out = not_included(options)
    rows.append(GlanceRow(_("Not included"), (", ".join(left_out) if left_out
                                              else _("nothing; every section is included"),),
                          inline=True))
    return Glance(_(GLANCE_TITLE), tuple(rows))


# -- the whole summary ---------------------------------------------------------------------


def _overlaps(a: date, b: date, start: date, end: date) -> bool:
    return a <= end and b >= start


def compose_summary(*, entries: Sequence[DailyEntry], assessments: Sequence[Assessment],
                    findings: Sequence[FindingRecord], safety_events: Sequence[SafetyEventRecord],
                    options: SummaryOptions, today: date, app_version: str,
                    rule_config: object = None,
                    periods: Sequence[NoticedPeriod] | None = None) -> Summary:
    """The whole summary. `findings` are the cards the app showed (for "Shown in the app?");
    the periods themselves are found now by the rules (`noticed_periods`) unless given."""
    start, end = options.start, options.end
    in_range = sorted((e for e in entries if start <= e.day <= end), key=lambda e: e.day)
    checks = [a for a in assessments if start <= a.taken_at.date() <= end]
    if periods is None:
        periods = noticed_periods(entries, assessments, start, end, rule_config)
    # Safety support is told in its own section (when ticked), never as a period.
    periods = [p for p in periods if p.kind != "safety"]
    events = [s for s in safety_events if start <= s.day <= end]
    days = (end - start).days + 1

    completeness = _completeness(in_range, days)
    sections: list[Section] = []
    used: list[str] = []
    for sid in options.sections:
        if sid == "daily-log":
            daily = _daily_log(in_range, start, end)
            sections.append(Section(daily.id, daily.title, (*daily.blocks, completeness)))
        elif sid == "charts":
            sections.append(_charts(in_range, start, end, periods))
        elif sid == "self-checks":
            section, used = _self_checks(checks)
            sections.append(section)
        elif sid == "findings":
            sections.append(_findings(periods, findings))
        elif sid == "safety":
            sections.append(_safety(events, assessments))
        elif sid == "notes":
            sections.append(_notes(in_range, options))
        elif sid == "patterns":
            from selfcare_app.core.patterns_section import patterns_section

            sections.append(patterns_section(in_range, start, end))  # type: ignore[arg-type]
        elif sid == "appendix":
            sections.append(_appendix(used or sorted({a.instrument for a in checks}),
                                      periods if options.has("findings") else ()))
    header = (
        (_("Name"), options.name or _("not given")),
        (_("Generated"), _("{day} with Selfcare {version}").format(day=format_medium_day(today),
                                                                   version=app_version)),
    )
    glance = _glance(options, len(in_range), checks, periods, events)
    return Summary(_(TITLE), options.name, start, end, today, app_version, _(DISCLAIMER), header,
                   completeness, tuple(sections), glance, tuple(periods))
