"""Words for findings: the card sentence (built when shown, from the stored meaning) and
"Why am I seeing this?" (rule, window, data points, sources).

Card sentences follow CONTENT.md §3.3/§3.6: they describe the data, use "your usual" only when
the usual is known (change rules can't fire without one), and hold no rule IDs, raw decimals or
citation numbers; those belong in `explain`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from selfcare_app.core.rules.bibliography import Source
from selfcare_app.core.rules.catalogue import INSTRUMENT_LABELS, RULE_IDS, RULES
from selfcare_app.core.rules.config import RuleConfig
from selfcare_app.core.rules.finding import Evidence, Fact, Finding

PART_WORDS: dict[str, str] = {
    "R1": "less sleep than usual", "R1b": "a run of short nights",
    "R2": "more stress than usual", "R3": "more study hours than usual",
    "R4": "lower mood than usual", "R5": "less time with people",
    "R6": "less energy than usual",
}


def hours_text(h: float) -> str:
    """Hours to the nearest half hour, in words a card can hold: "6", "6½"."""
    halves = round(h * 2)
    whole, half = divmod(halves, 2)
    return f"{whole}½" if half else f"{whole}"


def number_text(x: float) -> str:
    return f"{round(x):d}" if abs(x - round(x)) < 1e-9 else f"{x:g}"


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _num(facts: dict[str, Fact], key: str, default: float = 0.0) -> float:
    raw = facts.get(key, default)
    try:
        return float(raw)
    except (TypeError, ValueError):
        return default


def _when(d: date) -> str:
    return f"{d.day} {d:%b}"


def _score(p: Evidence) -> str:
    return f"{INSTRUMENT_LABELS.get(p.instrument, p.instrument)} {round(p.value):d}"


def message_for(f: Finding) -> str:
    """The card sentence of a finding, built from its rule, facts and evidence."""
    if f.legacy_message and (not f.facts or not RULES[f.rule].active):
        return f.legacy_message
    facts = dict(f.facts)
    rule = f.rule
    if rule == "S0":
        return "Thank you for telling us. You deserve support right now."
    if rule == "R8":
        days = int(_num(facts, "days", 3))
        return (f"It's been {days} days since your last check-in, after a hard stretch. "
                "No pressure — how are you doing?")
    if rule == "R1":
        return (f"You've slept about {hours_text(_num(facts, 'mean'))} h a night this week, "
                f"less than your usual {hours_text(_num(facts, 'usual'))} h.")
    if rule == "R1b":
        return (f"You've logged under {hours_text(_num(facts, 'limit', 6))} h for "
                f"{int(_num(facts, 'nights', 3))} nights in a row.")
    if rule == "R2":
        return "Stress has been higher than your usual most days this week."
    if rule == "R3":
        return (f"Your study hours went up to about {hours_text(_num(facts, 'mean'))} h a day "
                "this week.")
    if rule == "R4":
        return "Your mood entries are lower than your usual."
    if rule == "R5":
        return "You've logged less time with people lately."
    if rule == "R6":
        return "Energy has been lower than your usual."
    if rule == "R7":
        return "Several signs together suggest demands are outpacing recovery."
    if rule == "L1":
        limit = hours_text(_num(facts, "limit", 7))
        return (f"Your sleep has been under {limit} h on average for a while; adults are "
                f"advised ≥ {limit} h.")
    if rule == "L2":
        return (f"Stress has been at {number_text(_num(facts, 'limit', 7))} or more on most "
                "days for a while.")
    if rule == "L3":
        if facts.get("kind") == "no-rest":
            return (f"You haven't logged a lighter day ({hours_text(_num(facts, 'rest', 2))} h "
                    "of study or less) for a while. A rest day helps recovery.")
        return (f"Your study days have been long, {hours_text(_num(facts, 'limit', 10))} h or "
                "more on most days, for a while.")
    if rule == "L6":
        return (f"Energy has been at {number_text(_num(facts, 'limit', 3))} or lower on most "
                "days for a while.")
    if rule == "Q1":
        p = f.evidence[0]
        return (f"Your wellbeing score is in the lower range ({_score(p)} of 100 on "
                f"{_when(p.day)}). A self-check, not a diagnosis.")
    if rule == "Q2":
        scores = _join([f"{_score(p)} on {_when(p.day)}" for p in f.evidence])
        return ("This is a score where many people find it helpful to talk to a professional: "
                f"{scores}.")
    if rule == "Q3":
        high = _num(facts, "high", 75)
        parts = []
        for p in f.evidence:
            band = "high" if p.value >= high else "moderate"
            parts.append(f"your {INSTRUMENT_LABELS.get(p.instrument, p.instrument)} score on "
                         f"{_when(p.day)} is in the {band} band")
        text = _join(parts)
        return f"{text[:1].upper()}{text[1:]}. A self-check, not a diagnosis."
    if rule == "Q4":
        parts = []
        points = list(f.evidence)
        for before, latest in zip(points[0::2], points[1::2], strict=False):
            change = latest.value - before.value
            if latest.instrument == "who5":
                parts.append(f"WHO-5 down {round(-change):d} points since last time (single "
                             "WHO-5 scores vary a lot, so a re-check can tell more)")
            else:
                name = INSTRUMENT_LABELS.get(latest.instrument, latest.instrument)
                parts.append(f"{name} up {round(change):d} points since last time")
        return f"Noticeably different from last time: {'; '.join(parts)}."
    return f.legacy_message or RULES[rule].title


# -- "Why am I seeing this?" -----------------------------------------------------------------


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
    numbers: str = ""


def _short_day(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b}"


def _span(start: date, end: date) -> str:
    if start == end:
        return f"{_short_day(start)} {start.year}"
    return f"{_short_day(start)} to {_short_day(end)} {end.year}"


def numbers_text(f: Finding) -> str:
    """The exact numbers behind a change rule, with decimals (small print only)."""
    facts = dict(f.facts)
    if f.rule == "R7":
        return "Together: " + _join([PART_WORDS.get(p, p) for p in f.parts]) + "."
    if "usual" in facts and "mean" in facts:
        return (f"This week's mean {_num(facts, 'mean'):.2f} over "
                f"{int(_num(facts, 'entries'))} entries; your usual {_num(facts, 'usual'):.2f} "
                f"(spread {_num(facts, 'spread'):.2f}).")
    if f.rule == "R8":
        after = [PART_WORDS.get(p, p) for p in str(facts.get("after", "")).split(",") if p]
        words = {"stress": "stress well above your usual", "mood": "mood well below your usual",
                 "S0": "a safety answer"}
        return ("Last entry " + str(facts.get("last", "")) + "; before it: "
                + _join([words.get(a, a) for a in after]) + ".")
    if f.rule == "L1":
        return f"7-day mean {_num(facts, 'mean'):.2f} h over {int(_num(facts, 'entries'))} nights."
    return ""


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
        values = " · ".join(f"{_short_day(p.day)} {p.value_text()}" for p in points)
        data.append((heading, values))
    condition = config.condition_text(info.id) if info.active else info.condition
    return Explanation(f"{info.id} · {info.name}", condition,
                       _span(finding.window_start, finding.window_end), tuple(data),
                       finding.sources, finding.heuristic, finding.cooldown.text(),
                       numbers_text(finding))


def rebuild_finding(rule: str, day: date, window_start: date, window_end: date,
                    evidence: Sequence[Evidence], message: str = "", tier: int = 1,
                    episode: str = "", facts: dict[str, Fact] | None = None) -> Finding:
    """A Finding from what was stored; title, sources and support come from the rule catalogue.
    `message` is the English a pre-v0.2 row stored, used only when there are no facts."""
    if rule not in RULES:
        raise ValueError(f"Unknown rule '{rule}'.")
    return Finding(rule, day, window_start, window_end, tuple(evidence), message, tier, episode,
                   dict(facts or {}))
