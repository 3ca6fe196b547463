"""The alert policy (CONTENT.md §3.4): which findings become today's card, and which wait.

Pure functions over the history of shown findings and the student's feedback, so a whole term
can be simulated in a test. The policy:
- **Budget.** At most 1 proactive card a day and 3 in any 7 days; S0 is exempt. Everything that
  may be shown on a day is bundled into that day's one card.
- **Cooldown with hysteresis.** After a finding is shown its rule sleeps for its cooldown
  (doubled if that card was marked "not helpful"). After the cooldown it re-arms only once its
  condition has been clear for 3 consecutive days since it was shown (days with too little data
  to decide are skipped, neither clear nor bad), or when it escalates to a higher tier.
  Q rules are per self-check: one card per administration ("after the next check-in").
- **Snooze.** 1 day, 3 days, 1 week or until a date: the rule stays quiet until that day and then,
  if its condition still holds, comes back without waiting for cooldown or re-arming.
- **Quiet periods** (exam blocks) hold every card except S0.
- **S0** is always shown, never snoozed; a safety event not shown before opens the crisis card.
- **Learning loop.** "Not helpful" is tallied per rule; when a rule is marked not helpful on more
  than half of its cards (at least 2), the app suggests making it less sensitive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Final, Literal, Protocol

from selfcare_app.core.rules import RULES, RuleConfig, Threshold, thresholds_for
from selfcare_app.core.rules import Finding as Finding

FindingState = Literal["new", "seen", "snoozed", "dismissed", "not-helpful"]
STATES: Final[tuple[FindingState, ...]] = ("new", "seen", "snoozed", "dismissed", "not-helpful")
HoldReason = Literal["quiet", "snoozed", "cooldown", "re-arm", "shown", "budget-day",
                     "budget-week"]
HOLD_TEXT: Final[dict[str, str]] = {
    "quiet": "quiet period",
    "snoozed": "snoozed",
    "cooldown": "resting after being shown",
    "re-arm": "waiting until it has been clear for a few days",
    "shown": "already shown for this self-check",
    "budget-day": "one card a day",
    "budget-week": "three cards a week",
}
SNOOZE_CHOICES: Final[dict[str, int]] = {"1 day": 1, "3 days": 3, "1 week": 7}


@dataclass(frozen=True)
class QuietPeriod:
    """A student-marked block (e.g. exams) during which only S0 is shown."""

    start: date
    end: date
    label: str = ""
    id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"A quiet period can't end ({self.end}) before it starts "
                             f"({self.start}).")

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


def quiet_on(day: date, periods: Iterable[QuietPeriod]) -> QuietPeriod | None:
    return next((p for p in periods if p.covers(day)), None)


@dataclass(frozen=True)
class Shown:
    """One finding as shown on a card (a row of the findings history) and what became of it."""

    finding: Finding
    state: FindingState = "new"
    snoozed_until: date | None = None
    id: int | None = field(default=None, compare=False)
    changes: tuple[tuple[datetime, str], ...] = field(default=(), compare=False)

    @property
    def rule(self) -> str:
        return self.finding.rule

    @property
    def day(self) -> date:
        return self.finding.day

    @property
    def tier(self) -> int:
        return self.finding.tier

    @property
    def episode(self) -> str:
        return self.finding.episode


def snooze_until(today: date, choice: str | date) -> date:
    """The day a snoozed finding may come back: "1 day", "3 days", "1 week" or a later date."""
    if isinstance(choice, date):
        if choice <= today:
            raise ValueError(f"Choose a day after today ({today.isoformat()}) to snooze until.")
        return choice
    days = SNOOZE_CHOICES.get(choice)
    if days is None:
        raise ValueError(f"Snooze for {', '.join(SNOOZE_CHOICES)} or until a date.")
    return today + timedelta(days=days)


def can_snooze(rule: str) -> bool:
    return rule != "S0"


@dataclass(frozen=True)
class Policy:
    per_day: int = 1
    per_week: int = 3
    rearm_clear_days: int = 3
    not_helpful_factor: int = 2
    tuning_min_shown: int = 2


DEFAULT_POLICY: Final = Policy()

@dataclass(frozen=True)
class Decision:
    day: date
    show: tuple[Finding, ...]
    safety: tuple[Finding, ...]
    open_crisis: bool
    held: Mapping[str, HoldReason]

    @property
    def to_record(self) -> tuple[Finding, ...]:
        """What to add to the history today: the new card, and a new S0 event."""
        return self.show + (self.safety if self.open_crisis else ())


StatusLookup = Callable[[date], Mapping[str, str]]


def _latest(records: Sequence[Shown]) -> Shown | None:
    if not records:
        return None
    return max(enumerate(records), key=lambda p: (p[1].day, p[1].id or 0, p[0]))[1]


def effective_cooldown_days(rule: str, last: Shown | None, policy: Policy = DEFAULT_POLICY) -> int:
    days = RULES[rule].cooldown.days
    if last is not None and last.state == "not-helpful":
        days *= policy.not_helpful_factor
    return days


def _clear_run(rule: str, after: date, before: date, status_on: StatusLookup,
               need: int) -> bool:
    """Whether the rule was clear on `need` consecutive decidable days strictly between."""
    run = 0
    d = after + timedelta(days=1)
    while d < before:
        status = status_on(d).get(rule)
        if status in ("clear", "off"):
            run += 1
            if run >= need:
                return True
        elif status == "fires":
            run = 0
        d += timedelta(days=1)
    return False


def hold_reason(finding: Finding, history: Sequence[Shown], today: date,
                status_on: StatusLookup, quiet: Sequence[QuietPeriod] = (),
                policy: Policy = DEFAULT_POLICY) -> HoldReason | None:
    """Why a (non-S0) finding may not be shown today, ignoring the budget; None if it may."""
    if quiet_on(today, quiet) is not None:
        return "quiet"
    records = [r for r in history if r.rule == finding.rule and r.day <= today]
    last = _latest(records)
    if last is not None and last.state == "snoozed" and last.snoozed_until is not None:
        if today < last.snoozed_until:
            return "snoozed"
        if last.day < today:
            return None  # the snooze is over and the condition still holds: it comes back
    kind = finding.cooldown.kind
    if kind in ("next-checkin", "per-administration"):
        return "shown" if any(r.episode == finding.episode for r in records) else None
    if last is None:
        return None
    if today < last.day + timedelta(days=effective_cooldown_days(finding.rule, last, policy)):
        return "cooldown"
    if finding.tier > last.tier:
        return None
    if _clear_run(finding.rule, last.day, today, status_on, policy.rearm_clear_days):
        return None
    return "re-arm"


def card_days(history: Iterable[Shown], start: date, end: date) -> set[date]:
    """Days from start to end on which a proactive (non-S0) card was shown."""
    return {r.day for r in history if r.rule != "S0" and start <= r.day <= end}


def _events(episode: str) -> set[str]:
    return {e for e in episode.split("|") if e}


def decide(today: date, findings: Iterable[Finding], history: Sequence[Shown],
           status_on: StatusLookup, quiet: Sequence[QuietPeriod] = (),
           policy: Policy = DEFAULT_POLICY) -> Decision:
    """Which of today's findings to bundle into a new card, and which are held (and why)."""
    found = list(findings)
    safety = tuple(f for f in found if f.rule == "S0")
    seen_events: set[str] = set()
    for r in history:
        if r.rule == "S0":
            seen_events |= _events(r.episode)
    open_crisis = any(_events(f.episode) - seen_events for f in safety)

    held: dict[str, HoldReason] = {}
    eligible: list[Finding] = []
    for f in found:
        if f.rule == "S0":
            continue
        reason = hold_reason(f, history, today, status_on, quiet, policy)
        if reason is None:
            eligible.append(f)
        else:
            held[f.rule] = reason
    if eligible:
        today_cards = card_days(history, today, today)
        week_cards = card_days(history, today - timedelta(days=6), today)
        budget: HoldReason | None = None
        if len(today_cards) >= policy.per_day:
            budget = "budget-day"
        elif len(week_cards) >= policy.per_week:
            budget = "budget-week"
        if budget is not None:
            held.update({f.rule: budget for f in eligible})
            eligible = []
    return Decision(today, tuple(eligible), safety, open_crisis, held)


# -- feedback ----------------------------------------------------------------------------------


def with_state(record: Shown, state: FindingState, at: datetime,
               snoozed_until: date | None = None) -> Shown:
    """The record after the student's feedback; S0 can't be snoozed."""
    if state not in STATES:
        raise ValueError(f"Unknown state '{state}'.")
    if state == "snoozed":
        if not can_snooze(record.rule):
            raise ValueError("Safety support (S0) can't be snoozed.")
        if snoozed_until is None:
            raise ValueError("Choose how long to snooze for.")
    else:
        snoozed_until = None
    return replace(record, state=state, snoozed_until=snoozed_until,
                   changes=record.changes + ((at, state),))


# -- learning loop -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    rule: str
    shown: int
    not_helpful: int
    dismissed: int
    snoozed: int


def tally(history: Iterable[Shown]) -> dict[str, Tally]:
    counts: dict[str, list[int]] = {}
    for r in history:
        c = counts.setdefault(r.rule, [0, 0, 0, 0])
        c[0] += 1
        c[1] += r.state == "not-helpful"
        c[2] += r.state == "dismissed"
        c[3] += r.state == "snoozed"
    return {rule: Tally(rule, *c) for rule, c in sorted(counts.items())}


@dataclass(frozen=True)
class Suggestion:
    rule: str
    shown: int
    not_helpful: int
    threshold: Threshold | None
    current: float | None
    suggested: float | None

    def text(self) -> str:
        title = RULES[self.rule].title
        head = (f"You marked \"{title}\" as not helpful on {self.not_helpful} of its "
                f"{self.shown} cards.")
        if self.threshold is None or self.current is None or self.suggested is None:
            return f"{head} You could turn it off in Settings."
        verb = "raise" if self.suggested > self.current else "lower"
        return (f"{head} You could {verb} \"{self.threshold.label}\" from {self.current:g} to "
                f"{self.suggested:g} in Settings so it speaks up less often, or turn it off.")


def tuning_suggestions(history: Iterable[Shown], config: RuleConfig | None = None,
                       policy: Policy = DEFAULT_POLICY) -> list[Suggestion]:
    """Rules marked "not helpful" on more than half of their cards, with a gentler threshold."""
    config = config or RuleConfig()
    out: list[Suggestion] = []
    for rule, t in tally(history).items():
        if rule == "S0" or not config.on(rule) or t.shown < policy.tuning_min_shown:
            continue
        if 2 * t.not_helpful <= t.shown:
            continue
        specs = thresholds_for(rule)
        if not specs:
            out.append(Suggestion(rule, t.shown, t.not_helpful, None, None, None))
            continue
        spec = specs[0]
        current = config.get(rule, spec.key)
        suggested = min(spec.maximum, max(spec.minimum, current + spec.fewer * spec.step))
        if suggested == current:
            out.append(Suggestion(rule, t.shown, t.not_helpful, None, None, None))
        else:
            out.append(Suggestion(rule, t.shown, t.not_helpful, spec, current, suggested))
    return out


# -- simulation --------------------------------------------------------------------------------


class _Engine(Protocol):
    """The part of rules.RuleEngine the simulation needs."""

    def findings(self, day: date) -> list[Finding]: ...
    def statuses(self, day: date) -> Mapping[str, str]: ...


Feedback = Callable[[date, Shown], Shown | None]


def simulate(engine: _Engine, start: date, end: date, quiet: Sequence[QuietPeriod] = (),
             feedback: Feedback | None = None, policy: Policy = DEFAULT_POLICY,
             history: Sequence[Shown] = ()) -> tuple[list[Shown], list[Decision]]:
    """Open the app once a day from start to end; `feedback` may change each new record.

    Returns the history of shown findings and each day's decision.
    """
    records = list(history)
    decisions: list[Decision] = []
    d = start
    while d <= end:
        decision = decide(d, engine.findings(d), records, engine.statuses, quiet, policy)
        decisions.append(decision)
        for f in decision.to_record:
            record = Shown(f, id=len(records) + 1)
            changed = feedback(d, record) if feedback is not None else None
            records.append(changed or record)
        d += timedelta(days=1)
    return records, decisions
