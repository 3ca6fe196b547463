"""The rule catalogue (CONTENT.md §3.3, v0.2): every rule's name, title, sources, support,
cooldown and family, plus the fixed windows the rules use.

Families: "safety" (S0), "change" (R1–R7: against the student's own usual), "level" (L1–L6:
a steady state, said once), "silence" (R8), "selfcheck" (Q1–Q4). Retired rules (R1a of v0.1)
stay in the catalogue so stored findings of theirs remain readable; they never run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Literal

from selfcare_app.core.resource import CATEGORIES
from selfcare_app.core.rules.bibliography import BIBLIOGRAPHY, Source
from selfcare_app.i18n import N_, _, ngettext

Family = Literal["safety", "change", "level", "silence", "selfcheck", "retired"]

# Rules that run, in evaluation order (S0 first).
RULE_IDS: Final[tuple[str, ...]] = (
    "S0", "R8", "R1", "R1b", "R2", "R3", "R4", "R5", "R6", "R7", "L1", "L2", "L3", "L6",
    "Q1", "Q2", "Q3", "Q4",
)
RETIRED_IDS: Final[tuple[str, ...]] = ("R1a",)
CHANGE_RULES: Final[tuple[str, ...]] = ("R1", "R1b", "R2", "R3", "R4", "R5", "R6", "R7")
LEVEL_RULES: Final[tuple[str, ...]] = ("L1", "L2", "L3", "L6")
SELFCHECK_RULES: Final[tuple[str, ...]] = ("Q1", "Q2", "Q3", "Q4")
R7_COMPONENTS: Final[tuple[str, ...]] = ("R1", "R1b", "R2", "R3", "R4", "R6")

# Windows (CONTENT.md §3.3). The usual is the 28 days before the 7-day window.
WINDOW_DAYS: Final = 7
WINDOW_MIN_ENTRIES: Final = 4          # change rules
LEVEL_MIN_ENTRIES: Final = 5           # level rules
USUAL_DAYS: Final = 28
USUAL_MIN_ENTRIES: Final = 14
SPREAD_FLOORS: Final[dict[str, float]] = {
    "sleep_hours": 0.5, "study_hours": 1.0, "stress": 0.75, "mood": 0.75, "energy": 0.75,
}
LEVEL_REARM_CLEAR_DAYS: Final = 7      # logged days clear before a level rule re-arms
LEVEL_MIN_GAP_DAYS: Final = 28         # never within 28 days of its last card
NEW_VAULT_DAYS: Final = 14             # at most one level card in a new vault's first 14 days
R8_LOOKBACK_DAYS: Final = 7            # "in the 7 days up to the last entry"
L3_REST_LOGGED: Final = 14             # "no day ≤ 2 h in the last 14 logged days"
L3_REST_LOOKBACK: Final = 28           # ... found within the last 28 calendar days [D]
R5_LOOKBACK_DAYS: Final = 14           # the last 7 logged days are found within 14 days [D]
SAFETY_LOOKBACK_DAYS: Final = 14
QUESTIONNAIRE_MAX_AGE_DAYS: Final = 28
CBI_MAX_AGE_DAYS: Final = 56

# Support links point at these (the one list lives in core/resource.py).
RESOURCE_CATEGORIES: Final[tuple[str, ...]] = CATEGORIES
INSTRUMENT_LABELS: Final[dict[str, str]] = {
    "who5": "WHO-5", "phq8": "PHQ-8", "phq9": "PHQ-9", "gad7": "GAD-7",
    "cbi-personal": N_("CBI personal burnout"),
    "cbi-study": N_("CBI study-related burnout (adapted)"),
}
TWO_WEEK_RECALL: Final = frozenset({"who5", "phq8", "phq9", "gad7"})


@dataclass(frozen=True)
class Support:
    """What a finding offers: words, resource categories (DESIGN.md §6) and a Learn article.

    `text_id` is the English (a catalog msgid); `text` is it in the language in use."""

    text_id: str
    categories: tuple[str, ...]
    learn: str | None
    checkins: tuple[str, ...] = ()
    summary: bool = False
    crisis: bool = False

    @property
    def text(self) -> str:
        return _(self.text_id)

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
            return _("none: always shown, cannot be snoozed or turned off")
        if self.kind == "days":
            return ngettext("{count} day", "{count} days", self.days).format(count=self.days)
        if self.kind == "next-checkin":
            return _("until your next self-check")
        return _("once per self-check")

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "days": self.days, "text": self.text()}


@dataclass(frozen=True)
class RuleInfo:
    """The fixed description of a rule, as in CONTENT.md §3.3. `condition` is a template
    filled from the rule's thresholds (config.RuleConfig.condition_text). The `*_id` fields
    hold the English (catalog msgids, marked with N_); `name`, `title` and `condition` give
    them in the language in use, so the text follows the language chosen at run time."""

    id: str
    name_id: str
    title_id: str
    condition_id: str
    sources: tuple[int, ...]
    heuristic: bool
    support: Support
    cooldown: Cooldown
    family: Family = "change"

    @property
    def name(self) -> str:
        return _(self.name_id)

    @property
    def title(self) -> str:
        return _(self.title_id)

    @property
    def condition(self) -> str:
        return _(self.condition_id)

    @property
    def switchable(self) -> bool:
        return self.id != "S0" and self.family != "retired"

    @property
    def active(self) -> bool:
        return self.family != "retired"

    def source_list(self) -> tuple[Source, ...]:
        return tuple(BIBLIOGRAPHY[n] for n in self.sources)


def _days(n: int) -> Cooldown:
    return Cooldown("days", n)


_SLEEP = Support(N_("Sleep tips and a wind-down reminder"), ("health",), "sleep")
_COUNSEL = Support(N_("A coping toolkit; counseling and peer support"),
                   ("counseling", "peer-support"), "self-care")

RULES: Final[dict[str, RuleInfo]] = {r.id: r for r in (
    RuleInfo("S0", N_("Safety"), N_("Support, right now"),
             N_("PHQ-9 item 9 answered above 0, or \"I'm not safe\" tapped (last 14 days)"),
             (22,), False,
             Support(N_("Crisis lines, your campus after-hours line and your local emergency "
                     "number"), ("crisis", "counseling"), "reaching-out", crisis=True),
             Cooldown("none"), "safety"),
    RuleInfo("R8", N_("Gone quiet"), N_("Checking in"),
             N_("no check-in for {silent_days:g} days after a hard stretch (a change or safety "
             "finding, or stress or mood well away from your usual, in the 7 days up to your "
             "last entry)"), (), True,
             Support(N_("A quick check-in, Get help now, or one of your favourite contacts"),
                     ("counseling", "peer-support"), "reaching-out"), _days(14), "silence"),
    RuleInfo("R1", N_("Sleep dropped"), N_("Less sleep than usual"),
             N_("7-day mean sleep at least {min_drop:g} h (or one spread, if larger) below your "
             "usual; "
             "your usual is the 28 days before this week (at least 14 entries); "
             "this week needs at least 4 entries"), (33, 38), True, _SLEEP, _days(7)),
    RuleInfo("R1b", N_("Short-sleep run"), N_("A run of short nights"),
             N_("sleep under {sleep_below:g} h on {nights:g} or more consecutive logged nights, "
                "when "
             "fewer than {usual_share:g}% of your usual's nights were that short"), (34,), False,
             Support(N_("A recovery-night plan, and how to reach counseling"),
                     ("counseling", "health"), "sleep"), _days(7)),
    RuleInfo("R2", N_("Stress up"), N_("More stress than usual"),
             N_("7-day mean stress at least {rise:g} (or one spread, if larger) above your usual "
             "and at least {mean_at_least:g}; "
             "your usual is the 28 days before this week (at least 14 entries); "
             "this week needs at least 4 entries"), (38,), True, _COUNSEL, _days(7)),
    RuleInfo("R3", N_("Load up"), N_("More study hours than usual"),
             N_("7-day mean study at least {rise:g} h (or one spread, if larger) above your usual, "
             "or a 7-day total of {weekly_total:g} h or more when your usual week is under "
             "{usual_total_below:g} h; "
             "your usual is the 28 days before this week (at least 14 entries); "
             "this week needs at least 4 entries"), (39,), True,
             Support(N_("Planning a rest block; mentorship or academic advising"),
                     ("mentorship", "academic"), "self-care"), _days(7)),
    RuleInfo("R4", N_("Mood down"), N_("Mood lower than usual"),
             N_("7-day mean mood at least {drop:g} (or one spread, if larger) below your usual; "
             "your usual is the 28 days before this week (at least 14 entries); "
             "this week needs at least 4 entries"), (38,), True,
             Support(N_("A WHO-5 wellbeing check-in; how to reach counseling"), ("counseling",),
                     "early-signs", checkins=("who5",)), _days(7)),
    RuleInfo("R5", N_("Less contact"), N_("Less time with people"),
             N_("time with people on {contact_days_at_most:g} or fewer of your last 7 logged "
             "days, when your usual had some on at least {usual_contact:g}% of days"),
             (36,), True,
             Support(N_("Peer-support groups, and a nudge to reach out to one person"),
                     ("peer-support", "peer-learning"), "peer-support"), _days(10)),
    RuleInfo("R6", N_("Energy down"), N_("Energy lower than usual"),
             N_("7-day mean energy at least {drop:g} (or one spread, if larger) below your "
             "usual; "
             "your usual is the 28 days before this week (at least 14 entries); "
             "this week needs at least 4 entries"), (38,), True,
             Support(N_("A burnout self-check (CBI)"), ("health", "counseling"), "early-signs",
                     checkins=("cbi-personal",)), _days(7)),
    RuleInfo("R7", N_("Several signs"), N_("Several signs together"),
             N_("{signs_together:g} or more of: sleep dropped, short-sleep run, stress up, load "
             "up, mood down, energy down, on the same day"), (), True,
             Support(N_("A burnout self-check (CBI), then counseling or a mentor; you can prepare "
                     "a summary to bring along"), ("counseling", "mentorship"), "early-signs",
                     checkins=("cbi-personal",), summary=True), _days(14)),
    RuleInfo("L1", N_("Sleep under 7 h"), N_("Sleep, for a while now"),
             N_("7-day mean sleep below {sleep_below:g} h (at least 5 nights logged); said once, "
             "again only after 7 logged days clear and 28 days"), (33,), False, _SLEEP,
             _days(LEVEL_MIN_GAP_DAYS), "level"),
    RuleInfo("L2", N_("Stress high"), N_("Stress, for a while now"),
             N_("stress {stress_at_least:g} or more on {days_of_7:g} of the last 7 days; "
                "said once"),
             (1,), True, _COUNSEL, _days(LEVEL_MIN_GAP_DAYS), "level"),
    RuleInfo("L3", N_("Long hours"), N_("Long study days, for a while now"),
             N_("study {study_at_least:g} h or more on {days_of_7:g} of the last 7 days, or no day "
             "with {rest_day_at_most:g} h or less in your last 14 logged days; said once"),
             (39, 4), True,
             Support(N_("Planning a rest block; mentorship or academic advising"),
                     ("mentorship", "academic"), "self-care"), _days(LEVEL_MIN_GAP_DAYS),
             "level"),
    RuleInfo("L6", N_("Energy low"), N_("Energy, for a while now"),
             N_("energy {energy_at_most:g} or lower on {days_of_7:g} of the last 7 days; "
                "said once"),
             (1, 26), False,
             Support(N_("A burnout self-check (CBI)"), ("health", "counseling"), "early-signs",
                     checkins=("cbi-personal",)), _days(LEVEL_MIN_GAP_DAYS), "level"),
    RuleInfo("Q1", N_("Wellbeing"), N_("Wellbeing self-check"),
             N_("WHO-5 score {who5_at_most:g} or lower"), (12,), False,
             Support(N_("A PHQ-8 and GAD-7 self-check; how to reach counseling"), ("counseling",),
                     "early-signs", checkins=("phq8", "gad7")), Cooldown("next-checkin"),
             "selfcheck"),
    RuleInfo("Q2", N_("Talk to someone"), N_("Worth talking to someone"),
             N_("WHO-5 {who5_at_most:g} or lower, or PHQ-9/PHQ-8 {phq_at_least:g} or higher, or "
             "GAD-7 {gad7_at_least:g} or higher"), (12, 16, 19, 20), False,
             Support(N_("Booking counseling or student health"), ("counseling", "health"),
                     "reaching-out"), Cooldown("next-checkin"), "selfcheck"),
    RuleInfo("Q3", N_("Burnout self-check"), N_("Burnout self-check result"),
             N_("CBI personal or study score {moderate:g} or higher (moderate) or {high:g} or "
             "higher (high)"), (27, 26), False,
             Support(N_("Self-care and peer support; counseling if it helps"),
                     ("peer-support", "counseling"), "self-care"),
             Cooldown("per-administration"), "selfcheck"),
    RuleInfo("Q4", N_("Change since last time"), N_("Different from last time"),
             N_("PHQ-9 (or PHQ-8) up {phq_rise:g} points or more from the last score, or WHO-5 "
             "down {who5_drop:g} points or more"), (24, 14), False,
             Support(N_("A re-check in a while, or a conversation with someone you trust"),
                     ("counseling", "peer-support"), "reaching-out"),
             Cooldown("per-administration"), "selfcheck"),
    # Retired in v0.2 (replaced by R1 and L1); kept so stored findings stay readable.
    RuleInfo("R1a", N_("Sleep low"), N_("Sleep this week"),
             N_("7-day mean sleep below 7 h (rule of v0.1, retired)"), (33,), False, _SLEEP,
             _days(7), "retired"),
)}

Q3_HIGH_SUPPORT: Final = Support(N_("Counseling or student health, prominently"),
                                 ("counseling", "health"), "reaching-out")


def support_for(rule: str, tier: int) -> Support:
    """Tier-matched support: Q3's high band offers professional support first."""
    if rule == "Q3" and tier >= 2:
        return Q3_HIGH_SUPPORT
    return RULES[rule].support


def family(rule: str) -> Family:
    info = RULES.get(rule)
    return "retired" if info is None else info.family
