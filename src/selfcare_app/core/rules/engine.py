"""The rule engine (CONTENT.md §3.3, v0.2): pure functions of (entries, self-checks, settings,
safety taps, day). Each rule looks only at data up to its day, so one engine over a whole term
answers "what held on day D, with the data as it stood then".

Choices CONTENT.md leaves open, made here and marked [D]:
- The week is `D−6 … D`; the usual is `D−34 … D−7`; the spread is the sample standard
  deviation of the usual's entries, never below the field's floor.
- R1b counts consecutive *logged* nights inside the week, ending on its last logged night (a
  missing night is skipped, never counted as short); like every change rule it needs 4 entries
  in the week and a usual.
- R5 takes the last 7 logged days within 14 days (at least 4 of them in the week).
- L3's "last 14 logged days" are looked for within 28 days.
- R8's "last week's stress/mood mean" needs 3 entries in the 7 days up to the last entry; it
  looks back at most 60 days for a last entry.
- Q rules use each instrument's latest score if taken within 28 days (56 for the CBI); Q4
  compares like with like. S0 looks back 14 days (the PHQ-9's recall period).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final

from selfcare_app.core.assessment import Assessment
from selfcare_app.core.entry import DailyEntry
from selfcare_app.core.rules.catalogue import (
    CBI_MAX_AGE_DAYS,
    L3_REST_LOGGED,
    L3_REST_LOOKBACK,
    LEVEL_MIN_ENTRIES,
    QUESTIONNAIRE_MAX_AGE_DAYS,
    R5_LOOKBACK_DAYS,
    R7_COMPONENTS,
    R8_LOOKBACK_DAYS,
    RULE_IDS,
    SAFETY_LOOKBACK_DAYS,
    SPREAD_FLOORS,
    USUAL_DAYS,
    USUAL_MIN_ENTRIES,
    WINDOW_DAYS,
    WINDOW_MIN_ENTRIES,
)
from selfcare_app.core.rules.config import RuleConfig
from selfcare_app.core.rules.finding import Evidence, Fact, Finding, Outcome, Status

EPS: Final = 1e-9
R8_MEAN_MIN_ENTRIES: Final = 3
R8_MAX_SILENCE: Final = 60
R8_MEAN_SHIFT: Final = 1.5
CHANGE_IDS: Final = ("R1", "R1b", "R2", "R3", "R4", "R5", "R6", "R7")


@dataclass(frozen=True)
class Usual:
    """The student's usual for one field as of a day: the 28 days before the week."""

    start: date
    end: date
    points: tuple[tuple[date, float], ...]
    mean: float
    spread: float

    def evidence(self, name: str) -> list[Evidence]:
        return [Evidence(d, name, v, "baseline") for d, v in self.points]


def _mean(values: Iterable[float]) -> float:
    vs = list(values)
    return sum(vs) / len(vs)


def _assessment_evidence(a: Assessment, role: str = "") -> Evidence:
    assert a.score is not None
    return Evidence(a.taken_at.date(), a.instrument, float(a.score), role, a.instrument,
                    a.taken_at)


def _episode(points: Iterable[Evidence]) -> str:
    keys = sorted({f"{p.field}@{p.taken_at.isoformat()}" for p in points
                   if p.taken_at is not None})
    return "|".join(keys)


def _tagged(findings: Iterable[Finding]) -> list[Evidence]:
    """The week's points of each combined finding, tagged with its rule (usuals left out)."""
    seen: dict[tuple[date, str, str], Evidence] = {}
    for f in findings:
        for p in f.evidence:
            if p.role:
                continue
            tagged = Evidence(p.day, p.field, p.value, f.rule, p.instrument, p.taken_at)
            seen.setdefault((p.day, p.field, f.rule), tagged)
    return sorted(seen.values(), key=lambda p: (p.day, p.role, p.field))


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
        self._usual: dict[tuple[str, date], Usual | None] = {}
        self.first_day: date | None = min(self._by_day) if self._by_day else None

    # public API -------------------------------------------------------------------------------

    def outcome(self, rule: str, day: date) -> Outcome:
        key = (rule, day)
        found = self._memo.get(key)
        if found is None:
            if rule not in _EVALUATORS:
                found = Outcome(rule, "off")  # a retired rule never runs
            elif not self.config.on(rule):
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

    def logged(self, day: date) -> bool:
        """Whether the student logged anything that day."""
        return day in self._by_day

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

    def week(self, name: str, day: date) -> list[tuple[date, float]]:
        return self.series(name, day - timedelta(days=WINDOW_DAYS - 1), day)

    def usual(self, name: str, day: date) -> Usual | None:
        """The usual as of `day` (D−34 … D−7), or None with fewer than 14 entries."""
        key = (name, day)
        if key in self._usual:
            return self._usual[key]
        end = day - timedelta(days=WINDOW_DAYS)
        start = end - timedelta(days=USUAL_DAYS - 1)
        points = self.series(name, start, end)
        found: Usual | None = None
        if len(points) >= USUAL_MIN_ENTRIES:
            values = [v for _, v in points]
            spread = max(statistics.stdev(values), SPREAD_FLOORS.get(name, 0.0))
            found = Usual(start, end, tuple(points), _mean(values), spread)
        self._usual[key] = found
        return found

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

    def last_entry_before(self, day: date, limit: int) -> date | None:
        for i in range(1, limit + 1):
            d = day - timedelta(days=i)
            if d in self._by_day:
                return d
        return None

    def param(self, rule: str, key: str) -> float:
        return self.config.get(rule, key)

    def make(self, rule: str, day: date, start: date, points: Sequence[Evidence],
             facts: Mapping[str, Fact] | None = None, tier: int = 1,
             end: date | None = None) -> Outcome:
        finding = Finding(rule, day, start, day if end is None else end, tuple(points),
                          tier=tier, episode=_episode(points) if rule[0] in "SQ" else "",
                          facts=dict(facts or {}))
        return Outcome(rule, "fires", finding)

    # change rules -----------------------------------------------------------------------------

    def _shift(self, rule: str, name: str, day: date, direction: int, key: str,
               extra: Callable[[float], bool] | None = None) -> Outcome:
        """Mean of the week at least max(threshold, spread) away from the usual."""
        week = self.week(name, day)
        usual = self.usual(name, day)
        if len(week) < WINDOW_MIN_ENTRIES or usual is None:
            return Outcome(rule, "insufficient")
        mean = _mean(v for _, v in week)
        need = max(self.param(rule, key), usual.spread)
        moved = (mean - usual.mean) * direction
        if moved + EPS < need or (extra is not None and not extra(mean)):
            return Outcome(rule, "clear")
        points = usual.evidence(name) + [Evidence(d, name, v) for d, v in week]
        return self.make(rule, day, day - timedelta(days=6), points, {
            "mean": round(mean, 3), "usual": round(usual.mean, 3),
            "spread": round(usual.spread, 3), "entries": len(week),
            "z": round(moved / usual.spread, 3)})

    def r1(self, day: date) -> Outcome:
        return self._shift("R1", "sleep_hours", day, -1, "min_drop")

    def r1b(self, day: date) -> Outcome:
        week = self.week("sleep_hours", day)
        usual = self.usual("sleep_hours", day)
        if len(week) < WINDOW_MIN_ENTRIES or usual is None:
            return Outcome("R1b", "insufficient")
        limit = self.param("R1b", "sleep_below")
        need = int(self.param("R1b", "nights"))
        short_share = 100.0 * sum(1 for _, v in usual.points if v < limit) / len(usual.points)
        run: list[tuple[date, float]] = []
        for d, v in reversed(week):
            if not v < limit:
                break
            run.append((d, v))
        if len(run) < need or short_share >= self.param("R1b", "usual_share") - EPS:
            return Outcome("R1b", "clear")
        run.reverse()
        points = usual.evidence("sleep_hours") + [Evidence(d, "sleep_hours", v) for d, v in run]
        return self.make("R1b", day, run[0][0], points, {
            "nights": len(run), "limit": limit, "usual_share": round(short_share, 1),
            "z": round(1.0 + (len(run) - need) / 2.0, 3)})

    def r2(self, day: date) -> Outcome:
        floor = self.param("R2", "mean_at_least")
        return self._shift("R2", "stress", day, +1, "rise", lambda m: m + EPS >= floor)

    def r3(self, day: date) -> Outcome:
        shifted = self._shift("R3", "study_hours", day, +1, "rise")
        if shifted.status != "clear":
            return shifted
        week = self.week("study_hours", day)
        usual = self.usual("study_hours", day)
        assert usual is not None
        total = sum(v for _, v in week)
        usual_total = usual.mean * WINDOW_DAYS
        if total + EPS < self.param("R3", "weekly_total") or \
                usual_total >= self.param("R3", "usual_total_below") - EPS:
            return Outcome("R3", "clear")
        mean = total / len(week)
        points = usual.evidence("study_hours") + [Evidence(d, "study_hours", v) for d, v in week]
        return self.make("R3", day, day - timedelta(days=6), points, {
            "mean": round(mean, 3), "usual": round(usual.mean, 3),
            "spread": round(usual.spread, 3), "entries": len(week), "total": round(total, 2),
            "z": round((mean - usual.mean) / usual.spread, 3)})

    def r4(self, day: date) -> Outcome:
        return self._shift("R4", "mood", day, -1, "drop")

    def r5(self, day: date) -> Outcome:
        social = self.series("social", day - timedelta(days=R5_LOOKBACK_DAYS - 1), day)
        recent = social[-WINDOW_DAYS:]
        in_week = [p for p in recent if p[0] > day - timedelta(days=WINDOW_DAYS)]
        usual = self.usual("social", day)
        if len(recent) < WINDOW_DAYS or len(in_week) < WINDOW_MIN_ENTRIES or usual is None:
            return Outcome("R5", "insufficient")
        usual_share = 100.0 * sum(1 for _, v in usual.points if v >= 1) / len(usual.points)
        contact = sum(1 for _, v in recent if v >= 1)
        if usual_share + EPS < self.param("R5", "usual_contact") or \
                contact > self.param("R5", "contact_days_at_most") + EPS:
            return Outcome("R5", "clear")
        points = usual.evidence("social") + [Evidence(d, "social", v) for d, v in recent]
        recent_share = 100.0 * contact / len(recent)
        return self.make("R5", day, recent[0][0], points, {
            "contact_days": contact, "logged": len(recent), "usual_share": round(usual_share, 1),
            "z": round((usual_share - recent_share) / 25.0, 3)})

    def r6(self, day: date) -> Outcome:
        return self._shift("R6", "energy", day, -1, "drop")

    def r7(self, day: date) -> Outcome:
        parts = [r for r in R7_COMPONENTS if self.config.on(r)]
        now = {r: self.outcome(r, day) for r in parts}
        active = [r for r in parts if now[r].finding is not None]
        if len(active) >= self.param("R7", "signs_together"):
            findings = [f for f in (now[r].finding for r in active) if f is not None]
            z = sum(float(f.facts.get("z", 1.0)) for f in findings)
            return self.make("R7", day, min(f.window_start for f in findings),
                             _tagged(findings), {"parts": ",".join(active),
                                                 "z": round(z, 3)}, tier=len(active))
        if parts and all(now[r].status == "insufficient" for r in parts):
            return Outcome("R7", "insufficient")
        return Outcome("R7", "clear")

    # level rules ------------------------------------------------------------------------------

    def l1(self, day: date) -> Outcome:
        week = self.week("sleep_hours", day)
        if len(week) < LEVEL_MIN_ENTRIES:
            return Outcome("L1", "insufficient")
        limit = self.param("L1", "sleep_below")
        mean = _mean(v for _, v in week)
        if not mean < limit:
            return Outcome("L1", "clear")
        return self.make("L1", day, day - timedelta(days=6),
                         [Evidence(d, "sleep_hours", v) for d, v in week],
                         {"mean": round(mean, 3), "limit": limit, "entries": len(week)})

    def _most_days(self, rule: str, name: str, day: date, key: str, high: bool) -> Outcome:
        week = self.week(name, day)
        if len(week) < LEVEL_MIN_ENTRIES:
            return Outcome(rule, "insufficient")
        limit = self.param(rule, key)
        hits = [(d, v) for d, v in week if (v >= limit - EPS if high else v <= limit + EPS)]
        if len(hits) < self.param(rule, "days_of_7"):
            return Outcome(rule, "clear")
        return self.make(rule, day, day - timedelta(days=6),
                         [Evidence(d, name, v) for d, v in hits],
                         {"days": len(hits), "limit": limit, "entries": len(week)})

    def l2(self, day: date) -> Outcome:
        return self._most_days("L2", "stress", day, "stress_at_least", True)

    def l3(self, day: date) -> Outcome:
        week = self.week("study_hours", day)
        if len(week) < LEVEL_MIN_ENTRIES:
            return Outcome("L3", "insufficient")
        long_days = self._most_days("L3", "study_hours", day, "study_at_least", True)
        if long_days.finding is not None:
            return long_days
        rest = self.param("L3", "rest_day_at_most")
        recent = self.series("study_hours", day - timedelta(days=L3_REST_LOOKBACK - 1), day)
        recent = recent[-L3_REST_LOGGED:]
        if len(recent) < L3_REST_LOGGED or any(v <= rest + EPS for _, v in recent):
            return Outcome("L3", "clear")
        return self.make("L3", day, recent[0][0],
                         [Evidence(d, "study_hours", v) for d, v in recent],
                         {"rest": rest, "logged": len(recent), "kind": "no-rest"})

    def l6(self, day: date) -> Outcome:
        return self._most_days("L6", "energy", day, "energy_at_most", False)

    # silence ------------------------------------------------------------------------------------

    def r8(self, day: date) -> Outcome:
        quiet_for = int(self.param("R8", "silent_days"))
        if any(self.logged(day - timedelta(days=i)) for i in range(quiet_for)):
            return Outcome("R8", "clear")
        last = self.last_entry_before(day - timedelta(days=quiet_for - 1), R8_MAX_SILENCE)
        if last is None:
            return Outcome("R8", "insufficient")
        start = last - timedelta(days=R8_LOOKBACK_DAYS - 1)
        why: list[str] = []
        behind: dict[tuple[date, str], Evidence] = {}
        for i in range(R8_LOOKBACK_DAYS):
            d = start + timedelta(days=i)
            for r in (*CHANGE_IDS, "S0"):
                found = self.outcome(r, d).finding
                if found is None:
                    continue
                if r not in why:
                    why.append(r)
                for p in found.evidence:
                    if not p.role and start <= p.day <= last:
                        behind.setdefault((p.day, p.field), p)
        points: list[Evidence] = []
        for name, direction in (("stress", +1), ("mood", -1)):
            week = self.series(name, start, last)
            points += [Evidence(d, name, v) for d, v in week]
            usual = self.usual(name, last)
            if len(week) >= R8_MEAN_MIN_ENTRIES and usual is not None:
                moved = (_mean(v for _, v in week) - usual.mean) * direction
                if moved + EPS >= R8_MEAN_SHIFT:
                    why.append(name)
        if not why:
            return Outcome("R8", "clear")
        seen = {(p.day, p.field) for p in points}
        points += [p for k, p in sorted(behind.items()) if k not in seen]
        if not points:  # e.g. a safety answer only: the last check-in is the data point
            points = [Evidence(last, "last-entry", 1.0)]
        points.sort(key=lambda p: (p.day, p.field))
        return self.make("R8", day, start, points, {
            "days": (day - last).days, "last": last.isoformat(), "after": ",".join(why)},
            end=last)

    # safety and self-checks -----------------------------------------------------------------

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
        return self.make("S0", day, start, points)

    def q1(self, day: date) -> Outcome:
        who5 = self.latest("who5", day)
        if who5 is None or who5.score is None:
            return Outcome("Q1", "insufficient")
        limit = self.param("Q1", "who5_at_most")
        if who5.score > limit:
            return Outcome("Q1", "clear")
        point = _assessment_evidence(who5)
        return self.make("Q1", day, point.day - timedelta(days=13), [point],
                         {"limit": limit}, end=point.day)

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
        return self.make("Q2", day, min(p.day for p in points) - timedelta(days=13), points,
                         end=max(p.day for p in points))

    def q3(self, day: date) -> Outcome:
        moderate = self.param("Q3", "moderate")
        high = self.param("Q3", "high")
        found: list[Assessment] = []
        seen_any = False
        tier = 1
        for instrument in ("cbi-personal", "cbi-study"):
            a = self.latest(instrument, day)
            if a is None or a.score is None:
                continue
            seen_any = True
            if a.score >= moderate:
                found.append(a)
                tier = max(tier, 2 if a.score >= high else 1)
        if not found:
            return Outcome("Q3", "clear" if seen_any else "insufficient")
        points = [_assessment_evidence(a) for a in found]
        return self.make("Q3", day, min(p.day for p in points), points,
                         {"moderate": moderate, "high": high}, tier=tier,
                         end=max(p.day for p in points))

    def q4(self, day: date) -> Outcome:
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
            if (instrument == "who5" and -change >= drop) or \
                    (instrument != "who5" and change >= rise):
                points += [_assessment_evidence(before, "previous"),
                           _assessment_evidence(latest)]
        if not points:
            return Outcome("Q4", "clear" if seen_pair else "insufficient")
        return self.make("Q4", day, min(p.day for p in points), points,
                         end=max(p.day for p in points))


_EVALUATORS: Final[dict[str, Callable[[RuleEngine, date], Outcome]]] = {
    "S0": RuleEngine.s0, "R8": RuleEngine.r8, "R1": RuleEngine.r1, "R1b": RuleEngine.r1b,
    "R2": RuleEngine.r2, "R3": RuleEngine.r3, "R4": RuleEngine.r4, "R5": RuleEngine.r5,
    "R6": RuleEngine.r6, "R7": RuleEngine.r7, "L1": RuleEngine.l1, "L2": RuleEngine.l2,
    "L3": RuleEngine.l3, "L6": RuleEngine.l6, "Q1": RuleEngine.q1, "Q2": RuleEngine.q2,
    "Q3": RuleEngine.q3, "Q4": RuleEngine.q4,
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


def findings_as_of(
    day: date,
    entries: Iterable[DailyEntry],
    assessments: Iterable[Assessment] = (),
    settings: RuleConfig | Mapping[str, Any] | None = None,
    safety_taps: Iterable[datetime] = (),
) -> list[Finding]:
    """The public entry point for other code (e.g. the summary): what held on `day`, with
    only the data dated up to `day`. Same result as `evaluate`, arguments in reading order."""
    return evaluate(entries, assessments, settings, day, safety_taps)
