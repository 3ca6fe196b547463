"""Findings: the data points behind a rule's result (`Evidence`), the result itself
(`Finding`), and a rule's status on a day (`Outcome`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from selfcare_app.core.entry import FIELDS_BY_NAME, social_label
from selfcare_app.core.formatting import decimal_sign, format_day
from selfcare_app.core.rules.bibliography import Source
from selfcare_app.core.rules.catalogue import (
    INSTRUMENT_LABELS,
    RULES,
    Cooldown,
    RuleInfo,
    Support,
    support_for,
)
from selfcare_app.i18n import _

Status = Literal["fires", "clear", "insufficient", "off"]


def _g(value: float) -> str:
    """As f"{value:g}" (71.4286, 6.5), with the language's decimal sign."""
    return f"{value:g}".replace(".", decimal_sign())


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
            name = _(name) if self.instrument in INSTRUMENT_LABELS else name
            if self.field.endswith("item9"):
                return _("{name} item 9 answer").format(name=name)
            return _("{name} score").format(name=name)
        if self.field == "not-safe":
            return _("\"I'm not safe\"")
        if self.field == "last-entry":
            return _("last check-in")
        spec = FIELDS_BY_NAME.get(self.field)
        return spec.label.lower() if spec else self.field

    def value_text(self) -> str:
        if self.field == "not-safe":
            return _("tapped")
        if self.field == "last-entry":
            return _("logged")
        spec = FIELDS_BY_NAME.get(self.field)
        if spec is not None and spec.name == "social":
            return social_label(int(self.value))
        if spec is not None and spec.unit == "h":
            return _("{hours} h").format(hours=_g(self.value))
        return _g(self.value)

    def describe(self) -> str:
        when = format_day(self.day, year=False)
        text = _("{day}: {measure} {value}").format(day=when, measure=self.label(),
                                                    value=self.value_text())
        if self.role == "baseline":
            return _("{point} (your usual)").format(point=text)
        if self.role == "previous":
            return _("{point} (last time)").format(point=text)
        return text

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


Fact = float | str


@dataclass(frozen=True)
class Finding:
    """A rule whose condition holds as of `day`, with everything needed to explain it.

    A finding keeps meaning, not English: its rule, window, evidence and the numbers its
    message needs (`facts`); the sentence is built when shown (`message`). `legacy_message`
    is the sentence stored by versions before v0.2, read back only for rows without facts.
    """

    rule: str
    day: date
    window_start: date
    window_end: date
    evidence: tuple[Evidence, ...]
    # Sixth, where v0.1 had `message`, so positional construction from older code still reads.
    legacy_message: str = field(default="", compare=False)
    tier: int = 1
    episode: str = ""
    facts: Mapping[str, Fact] = field(default_factory=dict, compare=False)

    @property
    def info(self) -> RuleInfo:
        return RULES[self.rule]

    @property
    def title(self) -> str:
        return RULES[self.rule].title

    @property
    def message(self) -> str:
        from selfcare_app.core.rules.explain import message_for

        return message_for(self)

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

    @property
    def parts(self) -> tuple[str, ...]:
        """For R7: the rules it combines (their findings are its evidence)."""
        raw = self.facts.get("parts", "")
        return tuple(p for p in str(raw).split(",") if p)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.info.name,
            "title": self.title,
            "day": self.day.isoformat(),
            "window_start": self.window_start.isoformat(),
            "window_end": self.window_end.isoformat(),
            "evidence": [e.to_json() for e in self.evidence],
            "facts": dict(self.facts),
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
