"""The alert policy (CONTENT.md §3.4, v0.2): which findings become today's card, and which wait.

Pure functions over the history of shown findings and the student's feedback, so a whole term
can be simulated in a test (`replay`). The policy:
- **Budget.** At most 1 proactive card a day and 3 in any 7 days; S0 is exempt. Everything that
  may be shown on a day is bundled into that day's one card, **headline first** (S0 > R8 > R7 >
  Q2 > other change rules, furthest from the usual first > Q1/Q3/Q4 > level rules); the rest
  fold under "N more things we noticed".
- **R7 absorbs its parts**: a sign R7 combined neither appears beside it nor on its own while
  R7's card is resting (it is treated as shown with R7).
- **Cooldown with hysteresis.** After a finding is shown its rule sleeps for its cooldown
  (doubled if that card was marked "not helpful"). After the cooldown it re-arms only once its
  condition has been clear on 3 logged days since it was shown (a day without an entry is
  neither clear nor holding), or when it escalates to a higher tier. A level rule (L1–L6) is
  said once: it needs 7 logged days clear and 28 days since its card. Q rules are per
  self-check: one card per administration ("after the next check-in").
- **New vault.** In the first 14 days after the first entry at most one level card is shown.
- **Snooze.** 1 day, 3 days, 1 week or until a date: the rule stays quiet until that day and then,
  if its condition still holds, comes back without waiting for cooldown or re-arming.
- **Quiet periods** (exam blocks) hold every card except S0 and R8 (gone quiet).
- **S0** is always shown, never snoozed; a safety event not shown before opens the crisis card.
- **Learning loop.** "Not helpful" is tallied per rule; when a rule is marked not helpful on more
  than half of its cards (at least 2), the app suggests making it less sensitive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Final, Literal, Protocol, get_args

from selfcare_app.core.rules import (
    LEVEL_RULES,
    NEW_VAULT_DAYS,
    R7_COMPONENTS,
    RULES,
    RuleConfig,
    Threshold,
    family,
    thresholds_for,
)
from selfcare_app.core.rules import Finding as Finding
from selfcare_app.core.rules.catalogue import LEVEL_REARM_CLEAR_DAYS
from selfcare_app.i18n import N_, _, ngettext

FindingState = Literal["new", "seen", "snoozed", "dismissed", "not-helpful"]
STATES: Final[tuple[FindingState, ...]] = get_args(FindingState)  # the one list of states
HoldReason = Literal["quiet", "snoozed", "cooldown", "re-arm", "shown", "budget-day",
                     "budget-week", "new-vault", "absorbed"]
# English msgids (N_), translated where shown: hold_text(), snooze_label().
HOLD_TEXT: Final[dict[str, str]] = {
    "quiet": N_("quiet period"),
    "snoozed": N_("snoozed"),
    "cooldown": N_("resting after being shown"),
    "re-arm": N_("waiting until it has been clear for a few days"),
    "shown": N_("already shown for this self-check"),
    "budget-day": N_("one card a day"),
    "budget-week": N_("three cards a week"),
    "new-vault": N_("one steady-state card in a new vault's first two weeks"),
    "absorbed": N_("part of \"several signs together\""),
}
QUIET_ALLOWED: Final = frozenset({"S0", "R8"})
# Keys are the codes snooze_until() takes; snooze_label() shows them in the language in use.
SNOOZE_CHOICES: Final[dict[str, int]] = {N_("1 day"): 1, N_("3 days"): 3, N_("1 week"): 7}


def hold_text(reason: str) -> str:
    """Why a finding is held back, in words ("one card a day")."""
    return _(HOLD_TEXT[reason]) if reason in HOLD_TEXT else reason


def snooze_label(choice: str) -> str:
    """A SNOOZE_CHOICES key ("3 days") in the language in use."""
    return _(choice)


@dataclass(frozen=True)
class QuietPeriod:
    """A student-marked block (e.g. exams) during which only S0 and R8 are shown."""

    start: date
    end: date
    label: str = ""
    id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(_("A quiet period can't end ({end}) before it starts ({start}).")
                             .format(end=self.end, start=self.start))

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
            raise ValueError(_("Choose a day after today ({today}) to snooze until.").format(
                today=today.isoformat()))
        return choice
    days = SNOOZE_CHOICES.get(choice)
    if days is None:
        raise ValueError(_("Snooze for {choices} or until a date.").format(
            choices=", ".join(snooze_label(c) for c in SNOOZE_CHOICES)))
    return today + timedelta(days=days)


def can_snooze(rule: str) -> bool:
    return rule != "S0"


@dataclass(frozen=True)
class Policy:
    per_day: int = 1
    per_week: int = 3
    rearm_clear_days: int = 3
    level_rearm_clear_days: int = LEVEL_REARM_CLEAR_DAYS
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
    def headline(self) -> Finding | None:
        """What leads today's card: a new safety event, else the card's first finding."""
        if self.open_crisis and self.safety:
            return self.safety[0]
        return self.show[0] if self.show else None

    @property
    def shown(self) -> tuple[Finding, ...]:
        """Everything newly put in front of the student today, headline first."""
        return (self.safety if self.open_crisis else ()) + self.show

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


LoggedLookup = Callable[[date], bool]


def _clear_run(rule: str, after: date, before: date, status_on: StatusLookup,
               need: int, logged: LoggedLookup | None = None) -> bool:
    """Whether the rule was clear on `need` consecutive decidable (and, when `logged` is
    given, logged) days strictly between; a day without an entry neither counts nor breaks."""
    run = 0
    d = after + timedelta(days=1)
    while d < before:
        status = status_on(d).get(rule)
        if status in ("clear", "off") and (logged is None or logged(d)):
            run += 1
            if run >= need:
                return True
        elif status == "fires":
            run = 0
        d += timedelta(days=1)
    return False


def _absorbing(rule: str, history: Sequence[Shown], today: date) -> Shown | None:
    """The latest R7 card that combined `rule` (the sign counts as shown with it)."""
    if rule not in R7_COMPONENTS:
        return None
    found = [r for r in history if r.rule == "R7" and r.day <= today
             and rule in r.finding.parts]
    return _latest(found)


def hold_reason(finding: Finding, history: Sequence[Shown], today: date,
                status_on: StatusLookup, quiet: Sequence[QuietPeriod] = (),
                policy: Policy = DEFAULT_POLICY,
                logged: LoggedLookup | None = None) -> HoldReason | None:
    """Why a (non-S0) finding may not be shown today, ignoring the budget; None if it may."""
    if quiet_on(today, quiet) is not None and finding.rule not in QUIET_ALLOWED:
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
    absorbed_by = _absorbing(finding.rule, history, today)
    absorbed = absorbed_by is not None and (last is None or absorbed_by.day > last.day)
    if absorbed and absorbed_by is not None:
        last = absorbed_by
    if last is None:
        return None
    level = family(finding.rule) == "level"
    rest = RULES["R7"].cooldown.days if absorbed else \
        effective_cooldown_days(finding.rule, last, policy)
    if today < last.day + timedelta(days=rest):
        return "absorbed" if absorbed else "cooldown"
    if finding.tier > last.tier and not level and not absorbed:
        return None
    need = policy.level_rearm_clear_days if level else policy.rearm_clear_days
    if _clear_run(finding.rule, last.day, today, status_on, need, logged):
        return None
    return "absorbed" if absorbed else "re-arm"


def headline_rank(f: Finding) -> tuple[int, float]:
    """Sort key for a card: S0 > R8 > R7 > Q2 > change rules (furthest from the usual first)
    > Q1/Q3/Q4 > level rules (CONTENT.md §3.4)."""
    fixed = {"S0": 0, "R8": 1, "R7": 2, "Q2": 3}
    if f.rule in fixed:
        return fixed[f.rule], 0.0
    kind = family(f.rule)
    if kind == "change":
        try:
            z = float(f.facts.get("z", 0.0))
        except (TypeError, ValueError):
            z = 0.0
        return 4, -z
    if kind == "selfcheck":
        return 5, float(("Q1", "Q3", "Q4").index(f.rule)) if f.rule in ("Q1", "Q3", "Q4") \
            else 0.0
    if kind == "level":
        return 6, float(LEVEL_RULES.index(f.rule))
    return 7, 0.0


def order_card(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """One card's findings, headline first; R7 replaces the signs it combines."""
    found = list(findings)
    combined = {p for f in found if f.rule == "R7" for p in f.parts}
    kept = [f for f in found if f.rule not in combined]
    return tuple(sorted(kept, key=headline_rank))


def card_days(history: Iterable[Shown], start: date, end: date) -> set[date]:
    """Days from start to end on which a proactive (non-S0) card was shown."""
    return {r.day for r in history if r.rule != "S0" and start <= r.day <= end}


def _events(episode: str) -> set[str]:
    return {e for e in episode.split("|") if e}


def decide(today: date, findings: Iterable[Finding], history: Sequence[Shown],
           status_on: StatusLookup, quiet: Sequence[QuietPeriod] = (),
           policy: Policy = DEFAULT_POLICY, logged: LoggedLookup | None = None,
           first_day: date | None = None) -> Decision:
    """Which of today's findings to bundle into a new card (headline first), and which are
    held (and why). `logged` says whether a day has an entry (hysteresis counts logged days
    only); `first_day` is the vault's first entry (for the new-vault limit)."""
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
        reason = hold_reason(f, history, today, status_on, quiet, policy, logged)
        if reason is None:
            eligible.append(f)
        else:
            held[f.rule] = reason
    card = list(order_card(eligible))
    held.update({f.rule: "absorbed" for f in eligible if f not in card})
    if first_day is not None and today < first_day + timedelta(days=NEW_VAULT_DAYS):
        window_end = first_day + timedelta(days=NEW_VAULT_DAYS - 1)
        level_shown = any(family(r.rule) == "level" and first_day <= r.day <= window_end
                          for r in history)
        levels = [f for f in card if family(f.rule) == "level"]
        for f in levels[(0 if level_shown else 1):]:
            card.remove(f)
            held[f.rule] = "new-vault"
    if card:
        today_cards = card_days(history, today, today)
        week_cards = card_days(history, today - timedelta(days=6), today)
        budget: HoldReason | None = None
        if len(today_cards) >= policy.per_day:
            budget = "budget-day"
        elif len(week_cards) >= policy.per_week:
            budget = "budget-week"
        if budget is not None:
            held.update({f.rule: budget for f in card})
            card = []
    return Decision(today, tuple(card), safety, open_crisis, held)


# -- feedback ----------------------------------------------------------------------------------


def with_state(record: Shown, state: FindingState, at: datetime,
               snoozed_until: date | None = None) -> Shown:
    """The record after the student's feedback; S0 can't be snoozed."""
    if state not in STATES:
        raise ValueError(_("Unknown state '{state}'.").format(state=state))
    if state == "snoozed":
        if not can_snooze(record.rule):
            raise ValueError(_("Safety support (S0) can't be snoozed."))
        if snoozed_until is None:
            raise ValueError(_("Choose how long to snooze for."))
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
        head = ngettext("You marked \"{title}\" as not helpful on {count} of its {shown} card.",
                        "You marked \"{title}\" as not helpful on {count} of its {shown} cards.",
                        self.shown).format(title=title, count=self.not_helpful, shown=self.shown)
        if self.threshold is None or self.current is None or self.suggested is None:
            return head + " " + _("You could turn it off in Settings.")
        advice = (_("You could raise \"{setting}\" from {current} to {suggested} in Settings so "
                    "it speaks up less often, or turn it off.")
                  if self.suggested > self.current else
                  _("You could lower \"{setting}\" from {current} to {suggested} in Settings so "
                    "it speaks up less often, or turn it off."))
        return head + " " + advice.format(setting=self.threshold.label,
                                          current=f"{self.current:g}",
                                          suggested=f"{self.suggested:g}")


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

    first_day: date | None

    def findings(self, day: date) -> list[Finding]: ...
    def statuses(self, day: date) -> Mapping[str, str]: ...
    def logged(self, day: date) -> bool: ...


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
        decision = decide(d, engine.findings(d), records, engine.statuses, quiet, policy,
                          engine.logged, engine.first_day)
        decisions.append(decision)
        for f in decision.to_record:
            record = Shown(f, id=len(records) + 1)
            changed = feedback(d, record) if feedback is not None else None
            records.append(changed or record)
        d += timedelta(days=1)
    return records, decisions


def replay(engine: _Engine, start: date, end: date, quiet: Sequence[QuietPeriod] = (),
           policy: Policy = DEFAULT_POLICY) -> list[tuple[date, tuple[Finding, ...]]]:
    """The app opened once every evening from start to end, with no snoozes and no "not
    helpful": for each day, the findings newly put in front of the student, headline first.
    The engine must see only data dated up to each day (RuleEngine does)."""
    _, decisions = simulate(engine, start, end, quiet, None, policy)
    return [(d.day, d.shown) for d in decisions]
