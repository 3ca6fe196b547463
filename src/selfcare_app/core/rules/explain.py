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

from selfcare_app.core.formatting import decimal_sign, format_day, format_number, format_short_day
from selfcare_app.core.rules.bibliography import Source
from selfcare_app.core.rules.catalogue import INSTRUMENT_LABELS, RULE_IDS, RULES
from selfcare_app.core.rules.config import RuleConfig
from selfcare_app.core.rules.finding import Evidence, Fact, Finding
from selfcare_app.i18n import N_, _, ngettext

# Marked for the catalog; translated where shown (part_words()).
PART_WORDS: dict[str, str] = {
    "R1": N_("less sleep than usual"), "R1b": N_("a run of short nights"),
    "R2": N_("more stress than usual"), "R3": N_("more study hours than usual"),
    "R4": N_("lower mood than usual"), "R5": N_("less time with people"),
    "R6": N_("less energy than usual"),
}
_AFTER_WORDS: dict[str, str] = {
    "stress": N_("stress well above your usual"), "mood": N_("mood well below your usual"),
    "S0": N_("a safety answer"), "R7": N_("several signs together"),
}


def part_words(rule: str) -> str:
    """A sign of R7 in words ("less sleep than usual"), in the language in use."""
    return _(PART_WORDS[rule]) if rule in PART_WORDS else rule


def instrument_label(instrument: str) -> str:
    """"WHO-5", "CBI personal burnout", … in the language in use."""
    return _(INSTRUMENT_LABELS[instrument]) if instrument in INSTRUMENT_LABELS else instrument


def hours_text(h: float) -> str:
    """Hours to the nearest half hour, in words a card can hold: "6", "6½"."""
    halves = round(h * 2)
    whole, half = divmod(halves, 2)
    return f"{whole}½" if half else f"{whole}"


def number_text(x: float) -> str:
    return f"{round(x):d}" if abs(x - round(x)) < 1e-9 else format_number(x, 6)


def _join(items: Sequence[str]) -> str:
    """"a, b and c" in the language in use."""
    if len(items) <= 1:
        return "".join(items)
    # Translators: the end of a list, "sleep, stress and mood"; {first} holds the earlier items.
    return _("{first} and {last}").format(first=", ".join(items[:-1]), last=items[-1])


def _num(facts: dict[str, Fact], key: str, default: float = 0.0) -> float:
    raw = facts.get(key, default)
    try:
        return float(raw)
    except (TypeError, ValueError):
        return default


def _when(d: date) -> str:
    return format_short_day(d)


def _score(p: Evidence) -> str:
    return f"{instrument_label(p.instrument)} {round(p.value):d}"


def message_for(f: Finding) -> str:
    """The card sentence of a finding, built from its rule, facts and evidence."""
    if f.legacy_message and (not f.facts or not RULES[f.rule].active):
        return f.legacy_message
    facts = dict(f.facts)
    rule = f.rule
    if rule == "S0":
        return _("Thank you for telling us. You deserve support right now.")
    if rule == "R8":
        days = int(_num(facts, "days", 3))
        return ngettext("It's been {days} day since your last check-in, after a hard stretch. "
                        "No pressure — how are you doing?",
                        "It's been {days} days since your last check-in, after a hard stretch. "
                        "No pressure — how are you doing?", days).format(days=days)
    if rule == "R1":
        return _("You've slept about {mean} h a night this week, less than your usual "
                 "{usual} h.").format(mean=hours_text(_num(facts, "mean")),
                                      usual=hours_text(_num(facts, "usual")))
    if rule == "R1b":
        nights = int(_num(facts, "nights", 3))
        return ngettext("You've logged under {limit} h for {nights} night in a row.",
                        "You've logged under {limit} h for {nights} nights in a row.",
                        nights).format(limit=hours_text(_num(facts, "limit", 6)), nights=nights)
    if rule == "R2":
        return _("Stress has been higher than your usual most days this week.")
    if rule == "R3":
        return _("Your study hours went up to about {mean} h a day this week.").format(
            mean=hours_text(_num(facts, "mean")))
    if rule == "R4":
        return _("Your mood entries are lower than your usual.")
    if rule == "R5":
        return _("You've logged less time with people lately.")
    if rule == "R6":
        return _("Energy has been lower than your usual.")
    if rule == "R7":
        return _("Several signs together suggest demands are outpacing recovery.")
    if rule == "L1":
        limit = hours_text(_num(facts, "limit", 7))
        return _("Your sleep has been under {limit} h on average for a while; adults are "
                 "advised ≥ {limit} h.").format(limit=limit)
    if rule == "L2":
        return _("Stress has been at {limit} or more on most days for a while.").format(
            limit=number_text(_num(facts, "limit", 7)))
    if rule == "L3":
        if facts.get("kind") == "no-rest":
            return _("You haven't logged a lighter day ({rest} h of study or less) for a while. "
                     "A rest day helps recovery.").format(rest=hours_text(_num(facts, "rest", 2)))
        return _("Your study days have been long, {limit} h or more on most days, for a "
                 "while.").format(limit=hours_text(_num(facts, "limit", 10)))
    if rule == "L6":
        return _("Energy has been at {limit} or lower on most days for a while.").format(
            limit=number_text(_num(facts, "limit", 3)))
    if rule == "Q1":
        p = f.evidence[0]
        return _("Your wellbeing score is in the lower range ({score} of 100 on {day}). "
                 "A self-check, not a diagnosis.").format(score=_score(p), day=_when(p.day))
    if rule == "Q2":
        scores = _join([_("{score} on {day}").format(score=_score(p), day=_when(p.day))
                        for p in f.evidence])
        return _("This is a score where many people find it helpful to talk to a "
                 "professional: {scores}.").format(scores=scores)
    if rule == "Q3":
        high = _num(facts, "high", 75)
        parts = []
        for p in f.evidence:
            band = (_("your {name} score on {day} is in the high band") if p.value >= high else
                    _("your {name} score on {day} is in the moderate band"))
            parts.append(band.format(name=instrument_label(p.instrument), day=_when(p.day)))
        text = _join(parts)
        return _("{scores}. A self-check, not a diagnosis.").format(
            scores=f"{text[:1].upper()}{text[1:]}")
    if rule == "Q4":
        parts = []
        points = list(f.evidence)
        for before, latest in zip(points[0::2], points[1::2], strict=False):
            change = round(latest.value - before.value)
            if latest.instrument == "who5":
                parts.append(ngettext(
                    "WHO-5 down {points} point since last time (single WHO-5 scores vary a "
                    "lot, so a re-check can tell more)",
                    "WHO-5 down {points} points since last time (single WHO-5 scores vary a "
                    "lot, so a re-check can tell more)", -change).format(points=-change))
            else:
                parts.append(ngettext("{name} up {points} point since last time",
                                      "{name} up {points} points since last time",
                                      change).format(name=instrument_label(latest.instrument),
                                                     points=change))
        return _("Noticeably different from last time: {changes}.").format(
            changes="; ".join(parts))
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
    return format_day(d, year=False)


def _span(start: date, end: date) -> str:
    if start == end:
        return format_day(start)
    return _("{start} to {end}").format(start=_short_day(start), end=format_day(end))


def numbers_text(f: Finding) -> str:
    """The exact numbers behind a change rule, with decimals (small print only)."""
    facts = dict(f.facts)
    if f.rule == "R7":
        return _("Together: {signs}.").format(signs=_join([part_words(p) for p in f.parts]))
    if "usual" in facts and "mean" in facts:
        entries = int(_num(facts, "entries"))
        return ngettext("This week's mean {mean} over {entries} entry; your usual {usual} "
                        "(spread {spread}).",
                        "This week's mean {mean} over {entries} entries; your usual {usual} "
                        "(spread {spread}).", entries).format(
                            mean=_fixed(_num(facts, "mean")), entries=entries,
                            usual=_fixed(_num(facts, "usual")),
                            spread=_fixed(_num(facts, "spread")))
    if f.rule == "R8":
        after = [p for p in str(facts.get("after", "")).split(",") if p]
        words = [_(_AFTER_WORDS[a]) if a in _AFTER_WORDS else part_words(a) for a in after]
        return _("Last entry {day}; before it: {signs}.").format(
            day=str(facts.get("last", "")), signs=_join(words))
    if f.rule == "L1":
        nights = int(_num(facts, "entries"))
        return ngettext("7-day mean {mean} h over {nights} night.",
                        "7-day mean {mean} h over {nights} nights.", nights).format(
                            mean=_fixed(_num(facts, "mean")), nights=nights)
    return ""


def _fixed(x: float) -> str:
    """Two decimals, with the language's decimal sign (small print: "6.43")."""
    return f"{x:.2f}".replace(".", decimal_sign())


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
                text = ngettext("some contact on {share}% of {count} logged day",
                                "some contact on {share}% of {count} logged days",
                                len(points)).format(share=f"{share:.0f}", count=len(points))
            else:
                mean = sum(p.value for p in points) / len(points)
                text = ngettext("average {mean} over {count} logged day",
                                "average {mean} over {count} logged days", len(points)).format(
                                    mean=f"{mean:.1f}".replace(".", decimal_sign()),
                                    count=len(points))
            data.append((_("{measure}, your usual ({span})").format(measure=heading, span=span),
                         text))
            continue
        if role == "previous":
            heading = _("{measure}, last time").format(measure=heading)
        elif role in RULES:
            heading = _("{rule}: {measure}").format(rule=RULES[role].name, measure=label)
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
        raise ValueError(_("Unknown rule '{rule}'.").format(rule=rule))
    return Finding(rule, day, window_start, window_end, tuple(evidence), message, tier, episode,
                   dict(facts or {}))
