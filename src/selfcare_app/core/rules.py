"""Early-warning rules (CONTENT.md §3.3): transparent threshold and personal-baseline rules.

Pure functions: `(entries, assessments, settings, today) -> findings`. Each rule looks only at
data up to `today`, treats a missing day as missing (never as a bad day), and is evaluated only
when its window holds the minimum number of entries. Every `Finding` names its rule, window and
the exact data points behind it, a non-diagnostic message with the numbers filled in, the
sources, the support to offer and its cooldown. Which findings a student actually sees is the
alert policy's job (core/alerts.py).

Choices CONTENT.md leaves open, made here and marked [D]:
- "Windows" end on the as-of day: the last 7 days are `today-6 … today`.
- R1b counts calendar-consecutive logged nights ending on the latest logged night of the last
  7 days; a missing night breaks the run (it is not counted as short).
- R3's "no day with study ≤2 h in 14 days" needs 12 of the 14 days logged (a missing day could
  have been a rest day).
- R4's and R5's baseline is the 28 days before the recent window.
- R5 looks for the last 7 logged days within the last 14 calendar days.
- R7 counts only enabled rules; "persisting" means firing on each of the last 14 days.
- Q rules use each instrument's latest score if it was taken within 28 days (56 for the CBI,
  offered every 4–8 weeks); Q4 compares like with like (PHQ-9 with PHQ-9, PHQ-8 with PHQ-8).
- S0 looks back 14 days (the PHQ-9's recall period) for an item-9 answer ≥1 or an "I'm not
  safe" tap.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Final, Literal

from selfcare_app.core.assessment import Assessment
from selfcare_app.core.entry import FIELDS_BY_NAME, DailyEntry

Status = Literal["fires", "clear", "insufficient", "off"]

RULE_IDS: Final[tuple[str, ...]] = (
    "S0", "R1a", "R1b", "R2", "R3", "R4", "R5", "R6", "R7", "Q1", "Q2", "Q3", "Q4",
)
R7_COMPONENTS: Final[tuple[str, ...]] = ("R1b", "R2", "R3", "R6")
RESOURCE_CATEGORIES: Final[tuple[str, ...]] = (
    "crisis", "counseling", "peer-support", "peer-learning", "mentorship", "academic",
    "health", "other",
)
# Minimum data (CONTENT.md §3.3) and the fixed [D] choices described in the module docstring.
MIN_ENTRIES: Final = 5
R3_REST_MIN_ENTRIES: Final = 12
R5_RECENT_LOGGED: Final = 7
R5_LOOKBACK_DAYS: Final = 14
BASELINE_DAYS: Final = 28
SAFETY_LOOKBACK_DAYS: Final = 14
QUESTIONNAIRE_MAX_AGE_DAYS: Final = 28
CBI_MAX_AGE_DAYS: Final = 56

INSTRUMENT_LABELS: Final[dict[str, str]] = {
    "who5": "WHO-5", "phq8": "PHQ-8", "phq9": "PHQ-9", "gad7": "GAD-7",
    "cbi-personal": "CBI personal burnout", "cbi-study": "CBI study-related burnout (adapted)",
}
TWO_WEEK_RECALL: Final = frozenset({"who5", "phq8", "phq9", "gad7"})


# -- sources, support, cooldowns ---------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One entry of CONTENT.md's reference list."""

    number: int
    citation: str
    url: str

    def text(self) -> str:
        return f"[{self.number}] {self.citation}"


REFERENCES: Final[dict[int, Source]] = {s.number: s for s in (
    Source(1, "ICD-11 QD85 Burn-out (WHO)", "http://id.who.int/icd/entity/129180281"),
    Source(4, "Freudenberger & North's twelve phases, Front Psychiatry 2019;10:382",
           "https://pmc.ncbi.nlm.nih.gov/articles/PMC6587911/table/T1"),
    Source(12, "Topp CW et al. The WHO-5 Well-Being Index: a systematic review. "
               "Psychother Psychosom 2015;84:167–76",
           "https://karger.com/pps/article/84/3/167/282903"),
    Source(14, "WHO-5 scoring and meaningful change (Valant); MDC, Health Qual Life Outcomes "
               "2018", "https://help.valant.com/who-five-well-being-index-who-5"),
    Source(16, "Kroenke K et al. The PHQ-9. J Gen Intern Med 2001;16:606–13",
           "https://studylib.net/doc/25788761/kroenke2001-article-thephq-9"),
    Source(19, "Kroenke K et al. The PHQ-8. J Affect Disord 2009;114:163–73",
           "https://suppr.wilddata.cn/browses/detail/pubmed/18752852"),
    Source(20, "Spitzer RL et al. The GAD-7. Arch Intern Med 2006;166:1092–7",
           "https://www.researchgate.net/publication/7064924_A_Brief_Measure_for_Assessing_"
           "Generalized_Anxiety_Disorder_The_GAD-7"),
    Source(22, "Simon GE et al. PHQ-9 item 9 and suicide risk. Psychiatr Serv 2013;64:1195–202",
           "https://psychiatryonline.org/doi/full/10.1176/appi.ps.201200587"),
    Source(24, "Löwe B et al. Monitoring depression treatment outcomes with the PHQ-9. "
               "Med Care 2004;42:1194–201",
           "http://journals.lww.com/lww-medicalcare/Abstract/2004/12000/Monitoring_Depression_"
           "Treatment_Outcomes_With_the.6.aspx"),
    Source(26, "Kristensen TS et al. The Copenhagen Burnout Inventory. Work & Stress "
               "2005;19:192–207",
           "https://www.researchgate.net/publication/247511197_The_Copenhagen_Burnout_"
           "Inventory_A_new_tool_for_the_assessment_of_burnout"),
    Source(27, "GMC National Training Survey burnout bands",
           "https://www.gmc-uk.org/help/education-data-reporting-tool-help/burnout-report"),
    Source(33, "Watson NF et al. AASM/SRS consensus on adult sleep. J Clin Sleep Med "
               "2015;11:591–2", "https://doi.org/10.5664/jcsm.4758"),
    Source(34, "Oberleitner LM et al. Sleep in medical students. Med Educ Online "
               "2024;29:2412400", "https://pmc.ncbi.nlm.nih.gov/articles/PMC11468015"),
    Source(36, "Wang R et al. StudentLife. UbiComp 2014",
           "https://maplab.stanford.edu/publications/smartphone/studentlife-assessing-mental-"
           "health-academic-performance-and-behavioral"),
    Source(38, "Mengelkoch S et al. Ecological momentary assessment. J Clin Med 2024;13:24",
           "https://www.mdpi.com/2077-0383/13/1/24"),
    Source(39, "WHO/ILO: long working hours and heart disease and stroke (2021)",
           "https://test-cms.who.int/news-room/q-a-detail/global-regional-and-national-burdens"
           "-of-ischemic-heart-disease-and-stroke-attributable-to-exposure-to-long-working-hours"
           "-for-194-countries-2000-2016"),
)}


@dataclass(frozen=True)
class Support:
    """What a finding offers: words, resource categories (DESIGN.md §6) and a Learn article."""

    text: str
    categories: tuple[str, ...]
    learn: str | None
    checkins: tuple[str, ...] = ()
    summary: bool = False
    crisis: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "categories": list(self.categories), "learn": self.learn,
                "checkins": list(self.checkins), "summary": self.summary, "crisis": self.crisis}


CooldownKind = Literal["none", "days", "next-checkin", "per-administration"]


@dataclass(frozen=True)
class Cooldown:
    kind: CooldownKind
    days: int = 0

    def text(self) -> str:
        if self.kind == "none":
            return "none: always shown, cannot be snoozed or turned off"
        if self.kind == "days":
            return f"{self.days} days"
        if self.kind == "next-checkin":
            return "until your next self-check"
        return "once per self-check"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "days": self.days, "text": self.text()}


@dataclass(frozen=True)
class RuleInfo:
    """The fixed description of a rule, as in CONTENT.md §3.3."""

    id: str
    name: str
    title: str
    condition: str
    sources: tuple[int, ...]
    heuristic: bool
    support: Support
    cooldown: Cooldown

    @property
    def switchable(self) -> bool:
        return self.id != "S0"

    def source_list(self) -> tuple[Source, ...]:
        return tuple(REFERENCES[n] for n in self.sources)


def _days(n: int) -> Cooldown:
    return Cooldown("days", n)


RULES: Final[dict[str, RuleInfo]] = {r.id: r for r in (
    RuleInfo("S0", "Safety", "Support, right now",
             "PHQ-9 item 9 answered above 0, or \"I'm not safe\" tapped (last 14 days)",
             (22,), False,
             Support("Crisis lines, your campus after-hours line and your local emergency "
                     "number", ("crisis", "counseling"), "reaching-out", crisis=True),
             Cooldown("none")),
    RuleInfo("R1a", "Sleep low", "Sleep this week",
             "7-day mean sleep below {sleep_below:g} h (at least 5 nights logged)",
             (33,), False,
             Support("Sleep tips and a wind-down reminder", ("health",), "sleep"), _days(7)),
    RuleInfo("R1b", "Short-sleep streak", "A run of short nights",
             "sleep under {sleep_below:g} h on {nights:g} or more consecutive logged nights",
             (34,), False,
             Support("A recovery-night plan, and how to reach counseling",
                     ("counseling", "health"), "sleep"), _days(7)),
    RuleInfo("R2", "Sustained stress", "Stress most days",
             "stress {stress_at_least:g} or more on {days_of_7:g} of the last 7 days, or on "
             "{days_of_14:g} of the last 14 (at least 5 entries)",
             (1,), True,
             Support("A coping toolkit; counseling and peer support",
                     ("counseling", "peer-support"), "self-care"), _days(7)),
    RuleInfo("R3", "Load without recovery", "Long hours, few breaks",
             "study {study_at_least:g} h or more on {days_of_7:g} of 7 days, or a 7-day total of "
             "{weekly_total:g} h or more, or no day with {rest_day_at_most:g} h or less in "
             "14 days (12 of them logged)",
             (39, 4), True,
             Support("Planning a rest block; mentorship or academic advising",
                     ("mentorship", "academic"), "self-care"), _days(7)),
    RuleInfo("R4", "Mood decline", "Mood lower than usual",
             "7-day mean mood at least {drop:g} below your 28-day baseline, or 7-day mean "
             "{mean_at_most:g} or lower (at least 5 entries in each window)",
             (38,), True,
             Support("A WHO-5 wellbeing check-in; how to reach counseling", ("counseling",),
                     "early-signs", checkins=("who5",)), _days(7)),
    RuleInfo("R5", "Withdrawal", "Less time with people",
             "no time with people on {zero_days:g} of your last 7 logged days, when in the "
             "28 days before you had contact on at least {baseline_contact:g}% of logged days",
             (36, 4), False,
             Support("Peer-support groups, and a nudge to reach out to one person",
                     ("peer-support", "peer-learning"), "peer-support"), _days(10)),
    RuleInfo("R6", "Low energy", "Energy low most days",
             "energy {energy_at_most:g} or lower on {days_of_7:g} of the last 7 days",
             (1, 26), False,
             Support("A burnout self-check (CBI)", ("health", "counseling"), "early-signs",
                     checkins=("cbi-personal",)), _days(7)),
    RuleInfo("R7", "Pattern", "Several signs together",
             "{signs_together:g} or more of short-sleep streak, sustained stress, load without "
             "recovery and low energy at once, or one of them lasting {persist_days:g} days",
             (), True,
             Support("A burnout self-check (CBI), then counseling or a mentor; you can prepare "
                     "a summary to bring along", ("counseling", "mentorship"), "early-signs",
                     checkins=("cbi-personal",), summary=True), _days(14)),
    RuleInfo("Q1", "Wellbeing", "Wellbeing self-check",
             "WHO-5 score {who5_at_most:g} or lower", (12,), False,
             Support("A PHQ-8 and GAD-7 self-check; how to reach counseling", ("counseling",),
                     "early-signs", checkins=("phq8", "gad7")), Cooldown("next-checkin")),
    RuleInfo("Q2", "Talk to someone", "Worth talking to someone",
             "WHO-5 {who5_at_most:g} or lower, or PHQ-9/PHQ-8 {phq_at_least:g} or higher, or "
             "GAD-7 {gad7_at_least:g} or higher", (12, 16, 19, 20), False,
             Support("Booking counseling or student health", ("counseling", "health"),
                     "reaching-out"), Cooldown("next-checkin")),
    RuleInfo("Q3", "Burnout self-check", "Burnout self-check result",
             "CBI personal or study score {moderate:g} or higher (moderate) or {high:g} or "
             "higher (high)", (27, 26), False,
             Support("Self-care and peer support; counseling if it helps",
                     ("peer-support", "counseling"), "self-care"),
             Cooldown("per-administration")),
    RuleInfo("Q4", "Change since last time", "Different from last time",
             "PHQ-9 (or PHQ-8) up {phq_rise:g} points or more from the last score, or WHO-5 "
             "down {who5_drop:g} points or more", (24, 14), False,
             Support("A re-check in a while, or a conversation with someone you trust",
                     ("counseling", "peer-support"), "reaching-out"),
             Cooldown("per-administration")),
)}

Q3_HIGH_SUPPORT: Final = Support("Counseling or student health, prominently",
                                 ("counseling", "health"), "reaching-out")


def support_for(rule: str, tier: int) -> Support:
    """Tier-matched support: Q3's high band offers professional support first."""
    if rule == "Q3" and tier >= 2:
        return Q3_HIGH_SUPPORT
    return RULES[rule].support


# -- thresholds and settings -------------------------------------------------------------------


@dataclass(frozen=True)
class Threshold:
    """One adjustable number of a rule. `fewer` is +1 if raising it makes the rule fire less."""

    rule: str
    key: str
    label: str
    default: float
    minimum: float
    maximum: float
    step: float
    fewer: int

    @property
    def integer(self) -> bool:
        return float(self.step).is_integer() and float(self.default).is_integer()


THRESHOLDS: Final[tuple[Threshold, ...]] = (
    Threshold("R1a", "sleep_below", "Average sleep below (hours)", 7.0, 4.0, 10.0, 0.25, -1),
    Threshold("R1b", "sleep_below", "A short night is under (hours)", 6.0, 3.0, 9.0, 0.25, -1),
    Threshold("R1b", "nights", "Nights in a row", 3, 2, 7, 1, +1),
    Threshold("R2", "stress_at_least", "High stress is at least", 7, 1, 10, 1, +1),
    Threshold("R2", "days_of_7", "High days out of 7", 5, 1, 7, 1, +1),
    Threshold("R2", "days_of_14", "High days out of 14", 9, 1, 14, 1, +1),
    Threshold("R3", "study_at_least", "A long day is at least (hours)", 10.0, 4.0, 20.0, 0.5, +1),
    Threshold("R3", "days_of_7", "Long days out of 7", 5, 1, 7, 1, +1),
    Threshold("R3", "weekly_total", "7-day total at least (hours)", 60, 20, 140, 1, +1),
    Threshold("R3", "rest_day_at_most", "A rest day has at most (hours)", 2.0, 0.0, 8.0, 0.5, +1),
    Threshold("R4", "drop", "Drop below your usual (points)", 1.5, 0.5, 5.0, 0.5, +1),
    Threshold("R4", "mean_at_most", "Or a 7-day mean of at most", 3.0, 0.0, 6.0, 0.5, -1),
    Threshold("R5", "zero_days", "Days without contact (of last 7 logged)", 5, 1, 7, 1, +1),
    Threshold("R5", "baseline_contact", "Usual contact on at least (% of days)", 50, 0, 100, 5,
              +1),
    Threshold("R6", "energy_at_most", "Low energy is at most", 3, 0, 9, 1, -1),
    Threshold("R6", "days_of_7", "Low days out of 7", 5, 1, 7, 1, +1),
    Threshold("R7", "signs_together", "Signs at once", 2, 2, 4, 1, +1),
    Threshold("R7", "persist_days", "Or one sign lasting (days)", 14, 7, 42, 1, +1),
    Threshold("Q1", "who5_at_most", "WHO-5 at most", 50, 0, 100, 4, -1),
    Threshold("Q2", "who5_at_most", "WHO-5 at most", 28, 0, 100, 4, -1),
    Threshold("Q2", "phq_at_least", "PHQ-9/PHQ-8 at least", 10, 1, 27, 1, +1),
    Threshold("Q2", "gad7_at_least", "GAD-7 at least", 10, 1, 21, 1, +1),
    Threshold("Q3", "moderate", "Moderate band from", 50, 5, 100, 5, +1),
    Threshold("Q3", "high", "High band from", 75, 5, 100, 5, +1),
    Threshold("Q4", "phq_rise", "PHQ rise of at least (points)", 5, 1, 27, 1, +1),
    Threshold("Q4", "who5_drop", "WHO-5 drop of at least (points)", 10, 4, 100, 2, +1),
)
THRESHOLDS_BY_KEY: Final[dict[tuple[str, str], Threshold]] = {
    (t.rule, t.key): t for t in THRESHOLDS
}


def thresholds_for(rule: str) -> tuple[Threshold, ...]:
    return tuple(t for t in THRESHOLDS if t.rule == rule)


@dataclass(frozen=True)
class RuleConfig:
    """Enabled flags and threshold values. Stored as overrides only (see `to_settings`)."""

    disabled: frozenset[str] = frozenset()
    values: Mapping[tuple[str, str], float] = field(default_factory=dict)

    def on(self, rule: str) -> bool:
        return rule == "S0" or rule not in self.disabled

    def get(self, rule: str, key: str) -> float:
        found = self.values.get((rule, key))
        return THRESHOLDS_BY_KEY[(rule, key)].default if found is None else found

    def params(self, rule: str) -> dict[str, float]:
        return {t.key: self.get(rule, t.key) for t in thresholds_for(rule)}

    def with_enabled(self, rule: str, enabled: bool) -> RuleConfig:
        if rule == "S0" or rule not in RULES:
            return self
        disabled = self.disabled - {rule} if enabled else self.disabled | {rule}
        return RuleConfig(frozenset(disabled), dict(self.values))

    def with_value(self, rule: str, key: str, value: float) -> RuleConfig:
        problem = threshold_problem(rule, key, value)
        if problem:
            raise ValueError(problem)
        values = dict(self.values)
        if float(value) == THRESHOLDS_BY_KEY[(rule, key)].default:
            values.pop((rule, key), None)  # only overrides are kept, so equal configs compare ==
        else:
            values[(rule, key)] = float(value)
        candidate = RuleConfig(self.disabled, values)
        if candidate.get("Q3", "high") < candidate.get("Q3", "moderate"):
            raise ValueError("The high band can't start below the moderate band.")
        return candidate

    def condition_text(self, rule: str) -> str:
        params = self.params(rule)
        return RULES[rule].condition.format(**params)

    def to_settings(self) -> dict[str, dict[str, Any]]:
        """Only what differs from the defaults, e.g. `{"R1a": {"enabled": False}}`."""
        out: dict[str, dict[str, Any]] = {}
        for rule in sorted(self.disabled):
            out.setdefault(rule, {})["enabled"] = False
        for (rule, key), value in sorted(self.values.items()):
            if value != THRESHOLDS_BY_KEY[(rule, key)].default:
                out.setdefault(rule, {})[key] = int(value) if value.is_integer() else value
        return out

    @classmethod
    def from_settings(cls, raw: object) -> RuleConfig:
        """Read stored overrides; anything unknown or invalid falls back to the default."""
        config = cls()
        if not isinstance(raw, Mapping):
            return config
        for rule, overrides in raw.items():
            if rule not in RULES or not isinstance(overrides, Mapping):
                continue
            for key, value in overrides.items():
                if key == "enabled":
                    if isinstance(value, bool):
                        config = config.with_enabled(rule, value)
                    continue
                if (rule, key) in THRESHOLDS_BY_KEY and _is_number(value):
                    try:
                        config = config.with_value(rule, key, float(value))
                    except ValueError:
                        continue
        return config


def _is_number(value: object) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(float(value)))


def threshold_problem(rule: str, key: str, value: float) -> str:
    spec = THRESHOLDS_BY_KEY.get((rule, key))
    if spec is None:
        return f"Rule {rule} has no setting '{key}'."
    if not _is_number(value) or not spec.minimum <= value <= spec.maximum:
        return f"{spec.label} must be from {spec.minimum:g} to {spec.maximum:g}."
    return ""


def settings_problems(raw: object) -> list[str]:
    """Every problem in stored rule settings, in words (what `from_settings` silently skips)."""
    if raw is None:
        return []
    if not isinstance(raw, Mapping):
        return ["Rule settings must be a mapping of rule id to settings."]
    problems: list[str] = []
    for rule, overrides in raw.items():
        if rule not in RULES:
            problems.append(f"There is no rule '{rule}'.")
            continue
        if not isinstance(overrides, Mapping):
            problems.append(f"Settings for {rule} must be a mapping.")
            continue
        for key, value in overrides.items():
            if key == "enabled":
                if not isinstance(value, bool):
                    problems.append(f"{rule}: 'enabled' must be true or false.")
                elif rule == "S0" and not value:
                    problems.append("S0 (safety) can't be turned off.")
            elif not _is_number(value):
                problems.append(f"{rule}: '{key}' must be a number.")
            else:
                problem = threshold_problem(rule, str(key), float(value))
                if problem:
                    problems.append(f"{rule}: {problem}")
    return problems


# -- findings ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """One data point behind a finding: a logged value, or a self-check score or answer.

    `role` is "" for the window itself, "baseline" for the comparison period, "previous" for
    the earlier self-check a change is measured from, or (in R7) the rule the point came from.
    """

    day: date
    field: str
    value: float
    role: str = ""
    instrument: str = ""
    taken_at: datetime | None = None

    def label(self) -> str:
        if self.instrument:
            name = INSTRUMENT_LABELS.get(self.instrument, self.instrument)
            if self.field.endswith("item9"):
                return f"{name} item 9 answer"
            return f"{name} score"
        if self.field == "not-safe":
            return "\"I'm not safe\""
        spec = FIELDS_BY_NAME.get(self.field)
        return spec.label.lower() if spec else self.field

    def value_text(self) -> str:
        if self.field == "not-safe":
            return "tapped"
        spec = FIELDS_BY_NAME.get(self.field)
        if spec is not None and spec.name == "social":
            return ("none", "brief", "meaningful")[int(self.value)]
        return f"{self.value:g}{' h' if spec is not None and spec.unit == 'h' else ''}"

    def describe(self) -> str:
        when = f"{self.day:%a} {self.day.day} {self.day:%b}"
        suffix = {"baseline": " (your usual)", "previous": " (last time)"}.get(self.role, "")
        return f"{when}: {self.label()} {self.value_text()}{suffix}"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"day": self.day.isoformat(), "field": self.field,
                               "value": self.value}
        if self.role:
            out["role"] = self.role
        if self.instrument:
            out["instrument"] = self.instrument
        if self.taken_at is not None:
            out["taken_at"] = self.taken_at.isoformat()
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Evidence:
        taken = data.get("taken_at")
        return cls(
            day=date.fromisoformat(str(data["day"])),
            field=str(data["field"]),
            value=float(data["value"]),
            role=str(data.get("role", "")),
            instrument=str(data.get("instrument", "")),
            taken_at=datetime.fromisoformat(taken) if isinstance(taken, str) else None,
        )


@dataclass(frozen=True)
class Finding:
    """A rule whose condition holds as of `day`, with everything needed to explain it."""

    rule: str
    day: date
    window_start: date
    window_end: date
    evidence: tuple[Evidence, ...]
    message: str
    tier: int = 1
    episode: str = ""

    @property
    def info(self) -> RuleInfo:
        return RULES[self.rule]

    @property
    def title(self) -> str:
        return RULES[self.rule].title

    @property
    def sources(self) -> tuple[Source, ...]:
        return RULES[self.rule].source_list()

    @property
    def support(self) -> Support:
        return support_for(self.rule, self.tier)

    @property
    def cooldown(self) -> Cooldown:
        return RULES[self.rule].cooldown

    @property
    def heuristic(self) -> bool:
        return RULES[self.rule].heuristic

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.info.name,
            "title": self.title,
            "day": self.day.isoformat(),
            "window_start": self.window_start.isoformat(),
            "window_end": self.window_end.isoformat(),
            "evidence": [e.to_json() for e in self.evidence],
            "message": self.message,
            "source": [{"ref": s.number, "citation": s.citation, "url": s.url}
                       for s in self.sources],
            "heuristic": self.heuristic,
            "support": self.support.to_json(),
            "cooldown": self.cooldown.to_json(),
            "tier": self.tier,
        }


@dataclass(frozen=True)
class Outcome:
    rule: str
    status: Status
    finding: Finding | None = None


# -- the engine --------------------------------------------------------------------------------


def _fmt(x: float) -> str:
    # CBI scores are means (e.g. 71.4286); one decimal is all a reader needs.
    return f"{round(x, 1):g}"


def _below_text(mean: float, limit: float) -> str:
    """A mean with one decimal, or more if rounding would make it look not below `limit`."""
    for digits in (1, 2, 3):
        text = f"{mean:.{digits}f}"
        if float(text) < limit:
            return text
    return f"{mean:.4f}"


def _assessment_evidence(a: Assessment, role: str = "") -> Evidence:
    assert a.score is not None
    return Evidence(a.taken_at.date(), a.instrument, float(a.score), role, a.instrument,
                    a.taken_at)


def _episode(points: Iterable[Evidence]) -> str:
    keys = sorted({f"{p.field}@{p.taken_at.isoformat()}" for p in points
                   if p.taken_at is not None})
    return "|".join(keys)


def _when(a: Assessment) -> str:
    d = a.taken_at.date()
    return f"{d.day} {d:%b}"


class RuleEngine:
    """Evaluates every rule on any day over one fixed set of data (results are memoised)."""

    def __init__(
        self,
        entries: Iterable[DailyEntry],
        assessments: Iterable[Assessment] = (),
        settings: RuleConfig | Mapping[str, Any] | None = None,
        safety_taps: Iterable[datetime] = (),
    ) -> None:
        self.config = settings if isinstance(settings, RuleConfig) else \
            RuleConfig.from_settings(settings)
        self._by_day: dict[date, DailyEntry] = {e.day: e for e in entries}
        self._assessments = sorted(assessments, key=lambda a: a.taken_at)
        self._taps = sorted(safety_taps)
        self._memo: dict[tuple[str, date], Outcome] = {}

    # public API -------------------------------------------------------------------------------

    def outcome(self, rule: str, day: date) -> Outcome:
        key = (rule, day)
        found = self._memo.get(key)
        if found is None:
            if not self.config.on(rule):
                found = Outcome(rule, "off")
            else:
                found = _EVALUATORS[rule](self, day)
            self._memo[key] = found
        return found

    def outcomes(self, day: date) -> dict[str, Outcome]:
        return {rule: self.outcome(rule, day) for rule in RULE_IDS}

    def statuses(self, day: date) -> dict[str, Status]:
        return {rule: o.status for rule, o in self.outcomes(day).items()}

    def findings(self, day: date) -> list[Finding]:
        return [o.finding for o in self.outcomes(day).values() if o.finding is not None]

    # data access ------------------------------------------------------------------------------

    def series(self, name: str, start: date, end: date) -> list[tuple[date, float]]:
        """Logged values of one field from start to end inclusive, oldest first."""
        out: list[tuple[date, float]] = []
        if end < start:
            return out
        for i in range((end - start).days + 1):
            d = start + timedelta(days=i)
            e = self._by_day.get(d)
            if e is not None:
                v = e.value(name)
                if v is not None:
                    out.append((d, v))
        return out

    def scored(self, instrument: str, day: date) -> list[Assessment]:
        """Scored administrations of `instrument` taken on or before `day`, oldest first."""
        return [a for a in self._assessments if a.instrument == instrument
                and a.score is not None and a.taken_at.date() <= day]

    def latest(self, instrument: str, day: date) -> Assessment | None:
        """The latest scored administration, if recent enough to speak to now."""
        found = self.scored(instrument, day)
        if not found:
            return None
        limit = CBI_MAX_AGE_DAYS if instrument.startswith("cbi") else QUESTIONNAIRE_MAX_AGE_DAYS
        last = found[-1]
        return last if (day - last.taken_at.date()).days < limit else None

    def param(self, rule: str, key: str) -> float:
        return self.config.get(rule, key)

    def make(self, rule: str, day: date, start: date, points: Sequence[Evidence], message: str,
             tier: int = 1, end: date | None = None) -> Outcome:
        finding = Finding(rule, day, start, day if end is None else end, tuple(points), message,
                          tier, _episode(points) if rule[0] in "SQ" else "")
        return Outcome(rule, "fires", finding)

    # rules ------------------------------------------------------------------------------------

    def s0(self, day: date) -> Outcome:
        start = day - timedelta(days=SAFETY_LOOKBACK_DAYS - 1)
        points: list[Evidence] = []
        for a in self._assessments:
            if a.instrument == "phq9" and start <= a.taken_at.date() <= day:
                answer = a.answer(9)
                if answer is not None and answer >= 1:
                    points.append(Evidence(a.taken_at.date(), "phq9.item9", float(answer), "",
                                           "phq9", a.taken_at))
        for tap in self._taps:
            if start <= tap.date() <= day:
                points.append(Evidence(tap.date(), "not-safe", 1.0, "", "", tap))
        if not points:
            return Outcome("S0", "clear")
        return self.make("S0", day, start, points,
                         "Thank you for telling us. You deserve support right now.")

    def r1a(self, day: date) -> Outcome:
        start = day - timedelta(days=6)
        sleep = self.series("sleep_hours", start, day)
        if len(sleep) < MIN_ENTRIES:
            return Outcome("R1a", "insufficient")
        limit = self.param("R1a", "sleep_below")
        mean = sum(v for _, v in sleep) / len(sleep)
        if not mean < limit:
            return Outcome("R1a", "clear")
        points = [Evidence(d, "sleep_hours", v) for d, v in sleep]
        return self.make("R1a", day, start, points,
                         f"Your average sleep this week was {_below_text(mean, limit)} h "
                         f"over {len(sleep)} logged nights; ≥7 h is recommended for adults.")

    def r1b(self, day: date) -> Outcome:
        start = day - timedelta(days=6)
        recent = self.series("sleep_hours", start, day)
        if not recent:
            return Outcome("R1b", "insufficient")
        limit = self.param("R1b", "sleep_below")
        need = int(self.param("R1b", "nights"))
        run: list[tuple[date, float]] = []
        d = recent[-1][0]
        while True:
            e = self._by_day.get(d)
            v = None if e is None else e.value("sleep_hours")
            if v is None or not v < limit:
                break
            run.append((d, v))
            d -= timedelta(days=1)
        if len(run) < need:
            return Outcome("R1b", "clear")
        run.reverse()
        points = [Evidence(x, "sleep_hours", v) for x, v in run]
        return self.make("R1b", day, run[0][0], points,
                         f"You've logged under {_fmt(limit)} h for {len(run)} nights in a row. "
                         "Runs like this are linked with higher stress.")

    def r2(self, day: date) -> Outcome:
        high = self.param("R2", "stress_at_least")
        start14 = day - timedelta(days=13)
        stress14 = self.series("stress", start14, day)
        if len(stress14) < MIN_ENTRIES:
            return Outcome("R2", "insufficient")
        start7 = day - timedelta(days=6)
        hot7 = [(d, v) for d, v in stress14 if d >= start7 and v >= high]
        hot14 = [(d, v) for d, v in stress14 if v >= high]
        if len(hot7) >= self.param("R2", "days_of_7"):
            start, hot, span = start7, hot7, 7
        elif len(hot14) >= self.param("R2", "days_of_14"):
            start, hot, span = start14, hot14, 14
        else:
            return Outcome("R2", "clear")
        points = [Evidence(d, "stress", v) for d, v in hot]
        return self.make("R2", day, start, points,
                         f"Stress has been high most days recently: {_fmt(high)} or more on "
                         f"{len(hot)} of the last {span} days.")

    def r3(self, day: date) -> Outcome:
        start7 = day - timedelta(days=6)
        start14 = day - timedelta(days=13)
        study14 = self.series("study_hours", start14, day)
        study7 = [(d, v) for d, v in study14 if d >= start7]
        long_h = self.param("R3", "study_at_least")
        rest_h = self.param("R3", "rest_day_at_most")
        clauses: list[str] = []
        points: list[Evidence] = []
        start = start7
        long_days = [(d, v) for d, v in study7 if v >= long_h]
        if len(long_days) >= self.param("R3", "days_of_7"):
            clauses.append(f"{_fmt(long_h)} h or more of study on {len(long_days)} of the last "
                           "7 days")
            points += [Evidence(d, "study_hours", v) for d, v in long_days]
        total = sum(v for _, v in study7)
        if total >= self.param("R3", "weekly_total"):
            clauses.append(f"{_fmt(total)} h of study logged in the last 7 days")
            points += [Evidence(d, "study_hours", v) for d, v in study7]
        no_rest = (len(study14) >= R3_REST_MIN_ENTRIES
                   and all(v > rest_h for _, v in study14))
        if no_rest:
            clauses.append(f"no day with {_fmt(rest_h)} h or less of study in the last 14 days "
                           f"({len(study14)} days logged)")
            points += [Evidence(d, "study_hours", v) for d, v in study14]
            start = start14
        if not clauses:
            decidable = len(study7) >= MIN_ENTRIES or len(study14) >= R3_REST_MIN_ENTRIES
            return Outcome("R3", "clear" if decidable else "insufficient")
        unique = sorted(set(points), key=lambda p: p.day)
        lead = "Long hours with few breaks for 2 weeks" if no_rest and len(clauses) == 1 \
            else "Long hours with few breaks"
        return self.make("R3", day, start, unique, f"{lead}: {'; '.join(clauses)}.")

    def r4(self, day: date) -> Outcome:
        start7 = day - timedelta(days=6)
        recent = self.series("mood", start7, day)
        if len(recent) < MIN_ENTRIES:
            return Outcome("R4", "insufficient")
        base_end = start7 - timedelta(days=1)
        base_start = start7 - timedelta(days=BASELINE_DAYS)
        baseline = self.series("mood", base_start, base_end)
        mean = sum(v for _, v in recent) / len(recent)
        floor = self.param("R4", "mean_at_most")
        drop = self.param("R4", "drop")
        points = [Evidence(d, "mood", v) for d, v in recent]
        if len(baseline) >= MIN_ENTRIES:
            usual = sum(v for _, v in baseline) / len(baseline)
            if mean <= usual - drop + 1e-9:
                points = [Evidence(d, "mood", v, "baseline") for d, v in baseline] + points
                return self.make(
                    "R4", day, base_start, points,
                    f"Your mood entries are lower than your usual: {mean:.1f} on average over "
                    f"the last 7 days, against {usual:.1f} in the 4 weeks before.")
        if mean <= floor + 1e-9:
            return self.make("R4", day, start7, points,
                             f"Your mood entries are lower than your usual: "
                             f"{mean:.1f} on average over the last "
                             "7 days, on a scale of 0 to 10.")
        return Outcome("R4", "clear")

    def r5(self, day: date) -> Outcome:
        social = self.series("social", day - timedelta(days=R5_LOOKBACK_DAYS - 1), day)
        recent = social[-R5_RECENT_LOGGED:]
        need = int(self.param("R5", "zero_days"))
        if len(recent) < need:
            return Outcome("R5", "insufficient")
        zeros = [(d, v) for d, v in recent if v == 0]
        if len(zeros) < need:
            return Outcome("R5", "clear")
        first = recent[0][0]
        base_start = first - timedelta(days=BASELINE_DAYS)
        baseline = self.series("social", base_start, first - timedelta(days=1))
        if len(baseline) < MIN_ENTRIES:
            return Outcome("R5", "insufficient")
        contact = sum(1 for _, v in baseline if v >= 1)
        share = 100.0 * contact / len(baseline)
        if share < self.param("R5", "baseline_contact") - 1e-9:
            return Outcome("R5", "clear")
        points = ([Evidence(d, "social", v, "baseline") for d, v in baseline]
                  + [Evidence(d, "social", v) for d, v in zeros])
        return self.make("R5", day, base_start, points,
                         f"You've logged less time with people lately: none on {len(zeros)} of "
                         f"your last {len(recent)} logged days, while in the 4 weeks before you "
                         f"had time with people on {share:.0f}% of logged days.")

    def r6(self, day: date) -> Outcome:
        start = day - timedelta(days=6)
        energy = self.series("energy", start, day)
        need = self.param("R6", "days_of_7")
        if len(energy) < need:
            return Outcome("R6", "insufficient")
        low_at = self.param("R6", "energy_at_most")
        low = [(d, v) for d, v in energy if v <= low_at]
        if len(low) < need:
            return Outcome("R6", "clear")
        return self.make("R6", day, start, [Evidence(d, "energy", v) for d, v in low],
                         f"Energy has been low most days: {_fmt(low_at)} or lower on {len(low)} "
                         "of the last 7 days.")

    def r7(self, day: date) -> Outcome:
        parts = [r for r in R7_COMPONENTS if self.config.on(r)]
        now = {r: self.outcome(r, day) for r in parts}
        active = [r for r in parts if now[r].finding is not None]
        if len(active) >= self.param("R7", "signs_together"):
            findings = [f for f in (now[r].finding for r in active) if f is not None]
            points = _tagged(findings)
            names = _join([RULES[r].name.lower() for r in active])
            return self.make("R7", day, min(f.window_start for f in findings), points,
                             "Several signs together suggest demands are outpacing recovery: "
                             f"{names}.", tier=len(active))
        persist = int(self.param("R7", "persist_days"))
        for r in active:
            history = [self.outcome(r, day - timedelta(days=i)) for i in range(persist)]
            if all(o.finding is not None for o in history):
                findings = [o.finding for o in history if o.finding is not None]
                points = _tagged(findings)
                return self.make("R7", day, min(f.window_start for f in findings), points,
                                 "Several signs together suggest demands are outpacing "
                                 f"recovery: {RULES[r].name.lower()} has held every day for "
                                 f"{persist} days.")
        if parts and all(now[r].status == "insufficient" for r in parts):
            return Outcome("R7", "insufficient")
        return Outcome("R7", "clear")

    def q1(self, day: date) -> Outcome:
        who5 = self.latest("who5", day)
        if who5 is None or who5.score is None:
            return Outcome("Q1", "insufficient")
        limit = self.param("Q1", "who5_at_most")
        if who5.score > limit:
            return Outcome("Q1", "clear")
        point = _assessment_evidence(who5)
        return self.make("Q1", day, point.day - timedelta(days=13), [point],
                         f"Your wellbeing score is in the lower range: WHO-5 {_fmt(who5.score)} "
                         f"of 100 on {_when(who5)} ({_fmt(limit)} or lower). A self-check, not "
                         "a diagnosis.", end=point.day)

    def q2(self, day: date) -> Outcome:
        checks = (("who5", "who5_at_most", False), ("phq9", "phq_at_least", True),
                  ("phq8", "phq_at_least", True), ("gad7", "gad7_at_least", True))
        found: list[Assessment] = []
        seen_any = False
        for instrument, key, upward in checks:
            a = self.latest(instrument, day)
            if a is None or a.score is None:
                continue
            seen_any = True
            limit = self.param("Q2", key)
            if (a.score >= limit) if upward else (a.score <= limit):
                found.append(a)
        if not found:
            return Outcome("Q2", "clear" if seen_any else "insufficient")
        points = [_assessment_evidence(a) for a in found]
        scores = _join([f"{INSTRUMENT_LABELS[a.instrument]} {_fmt(a.score or 0)} on {_when(a)}"
                        for a in found])
        return self.make("Q2", day, min(p.day for p in points) - timedelta(days=13), points,
                         "This score is one where many people find it helpful to talk to a "
                         f"professional: {scores}.", end=max(p.day for p in points))

    def q3(self, day: date) -> Outcome:
        moderate = self.param("Q3", "moderate")
        high = self.param("Q3", "high")
        found: list[tuple[Assessment, str]] = []
        seen_any = False
        for instrument in ("cbi-personal", "cbi-study"):
            a = self.latest(instrument, day)
            if a is None or a.score is None:
                continue
            seen_any = True
            if a.score >= high:
                found.append((a, "high"))
            elif a.score >= moderate:
                found.append((a, "moderate"))
        if not found:
            return Outcome("Q3", "clear" if seen_any else "insufficient")
        parts = []
        for a, band in found:
            what = ("how often you feel tired and physically and emotionally worn out"
                    if a.instrument == "cbi-personal"
                    else "tiredness and exhaustion you connect with your studies")
            span = f"{_fmt(high)} and above" if band == "high" else \
                f"{_fmt(moderate)} to under {_fmt(high)}"
            parts.append(f"your {INSTRUMENT_LABELS[a.instrument]} score on {_when(a)} is "
                         f"{_fmt(a.score or 0)} of 100, in the {band} band ({span}); it measures "
                         f"{what}")
        points = [_assessment_evidence(a) for a, _ in found]
        tier = 2 if any(b == "high" for _, b in found) else 1
        text = "; ".join(parts)
        return self.make("Q3", day, min(p.day for p in points), points,
                         f"{text[0].upper()}{text[1:]}. A self-check, not a diagnosis.",
                         tier=tier, end=max(p.day for p in points))

    def q4(self, day: date) -> Outcome:
        parts: list[str] = []
        points: list[Evidence] = []
        seen_pair = False
        rise = self.param("Q4", "phq_rise")
        drop = self.param("Q4", "who5_drop")
        for instrument in ("phq9", "phq8", "who5"):
            latest = self.latest(instrument, day)
            if latest is None or latest.score is None:
                continue
            earlier = [a for a in self.scored(instrument, day) if a.taken_at < latest.taken_at]
            if not earlier or earlier[-1].score is None:
                continue
            seen_pair = True
            before = earlier[-1]
            assert before.score is not None
            change = latest.score - before.score
            name = INSTRUMENT_LABELS[instrument]
            if instrument == "who5" and -change >= drop:
                parts.append(f"WHO-5 {_fmt(latest.score)} on {_when(latest)}, down "
                             f"{_fmt(-change)} from {_fmt(before.score)}; single WHO-5 scores "
                             "vary a lot, so a re-check can tell more")
            elif instrument != "who5" and change >= rise:
                parts.append(f"{name} {_fmt(latest.score)} on {_when(latest)}, up "
                             f"{_fmt(change)} from {_fmt(before.score)}")
            else:
                continue
            points += [_assessment_evidence(before, "previous"), _assessment_evidence(latest)]
        if not parts:
            return Outcome("Q4", "clear" if seen_pair else "insufficient")
        return self.make("Q4", day, min(p.day for p in points), points,
                         f"Noticeably different from last time: {'; '.join(parts)}.",
                         end=max(p.day for p in points))


def _tagged(findings: Iterable[Finding]) -> list[Evidence]:
    seen: dict[tuple[date, str, str], Evidence] = {}
    for f in findings:
        for p in f.evidence:
            tagged = Evidence(p.day, p.field, p.value, f.rule, p.instrument, p.taken_at)
            seen.setdefault((p.day, p.field, f.rule), tagged)
    return sorted(seen.values(), key=lambda p: (p.day, p.role, p.field))


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_EVALUATORS: Final[dict[str, Callable[[RuleEngine, date], Outcome]]] = {
    "S0": RuleEngine.s0, "R1a": RuleEngine.r1a, "R1b": RuleEngine.r1b, "R2": RuleEngine.r2,
    "R3": RuleEngine.r3, "R4": RuleEngine.r4, "R5": RuleEngine.r5, "R6": RuleEngine.r6,
    "R7": RuleEngine.r7, "Q1": RuleEngine.q1, "Q2": RuleEngine.q2, "Q3": RuleEngine.q3,
    "Q4": RuleEngine.q4,
}


def evaluate(
    entries: Iterable[DailyEntry],
    assessments: Iterable[Assessment],
    settings: RuleConfig | Mapping[str, Any] | None,
    today: date,
    safety_taps: Iterable[datetime] = (),
) -> list[Finding]:
    """Every rule whose condition holds as of `today`, in RULE_IDS order (S0 first).

    Entries after `today` and self-checks taken after it are ignored.
    """
    return RuleEngine(entries, assessments, settings, safety_taps).findings(today)


@dataclass(frozen=True)
class Explanation:
    """"Why am I seeing this?": the rule, the window, the data points and the sources."""

    rule: str
    condition: str
    window: str
    data: tuple[tuple[str, str], ...]
    sources: tuple[Source, ...]
    heuristic: bool
    cooldown: str


def _short_day(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b}"


def _span(start: date, end: date) -> str:
    if start == end:
        return f"{_short_day(start)} {start.year}"
    return f"{_short_day(start)} to {_short_day(end)} {end.year}"


def explain(finding: Finding, config: RuleConfig | None = None) -> Explanation:
    """Everything behind a finding in words, grouped by measure (and by sign, for R7)."""
    config = config or RuleConfig()
    info = finding.info
    groups: dict[tuple[str, str], list[Evidence]] = {}
    for e in finding.evidence:
        groups.setdefault((e.role, e.field), []).append(e)
    data: list[tuple[str, str]] = []
    order = {"baseline": -3, "previous": -2, "": -1} | {r: i for i, r in enumerate(RULE_IDS)}
    for (role, _field), points in sorted(groups.items(), key=lambda g: order.get(g[0][0], 99)):
        first = points[0]
        label = first.label()
        heading = label[:1].upper() + label[1:]
        if role == "baseline":
            span = _span(points[0].day, points[-1].day)
            if first.field == "social":
                share = 100 * sum(1 for p in points if p.value >= 1) / len(points)
                text = f"some contact on {share:.0f}% of {len(points)} logged days"
            else:
                mean = sum(p.value for p in points) / len(points)
                text = f"average {mean:.1f} over {len(points)} logged days"
            data.append((f"{heading}, your usual ({span})", text))
            continue
        if role == "previous":
            heading = f"{heading}, last time"
        elif role in RULES:
            heading = f"{RULES[role].name}: {label}"
        values = " · ".join(
            f"{_short_day(p.day)} {p.value_text()}" for p in points)
        data.append((heading, values))
    return Explanation(f"{info.id} · {info.name}", config.condition_text(info.id),
                       _span(finding.window_start, finding.window_end), tuple(data),
                       finding.sources, finding.heuristic, finding.cooldown.text())


def rebuild_finding(rule: str, day: date, window_start: date, window_end: date,
                    evidence: Sequence[Evidence], message: str, tier: int = 1,
                    episode: str = "") -> Finding:
    """A Finding from what was stored; title, sources and support come from the rule catalogue."""
    if rule not in RULES:
        raise ValueError(f"Unknown rule '{rule}'.")
    return Finding(rule, day, window_start, window_end, tuple(evidence), message, tier, episode)
