"""Rule settings: each rule's adjustable thresholds, and the student's overrides.

Only overrides are stored (the `rules` setting), so a default changed in a later version
reaches every student who never touched it. Settings of retired rules (R1a) are ignored.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from selfcare_app.core.rules.catalogue import RULES
from selfcare_app.i18n import N_, _


@dataclass(frozen=True)
class Threshold:
    """One adjustable number of a rule. `fewer` is +1 if raising it makes the rule fire less."""

    rule: str
    key: str
    label_id: str  # English msgid (N_); `label` is it in the language in use
    default: float
    minimum: float
    maximum: float
    step: float
    fewer: int

    @property
    def label(self) -> str:
        return _(self.label_id)

    @property
    def integer(self) -> bool:
        return float(self.step).is_integer() and float(self.default).is_integer()


THRESHOLDS: Final[tuple[Threshold, ...]] = (
    Threshold("R8", "silent_days", N_("Days without a check-in"), 3, 2, 14, 1, +1),
    Threshold("R1", "min_drop", N_("Drop below your usual of at least (hours)"), 0.75, 0.25, 4.0,
              0.25, +1),
    Threshold("R1b", "sleep_below", N_("A short night is under (hours)"), 6.0, 3.0, 9.0, 0.25, -1),
    Threshold("R1b", "nights", N_("Nights in a row"), 3, 2, 7, 1, +1),
    Threshold("R1b", "usual_share", N_("Usual share of short nights below (%)"), 20, 5, 100, 5, -1),
    Threshold("R2", "rise", N_("Rise above your usual of at least (points)"),
              1.5, 0.5, 5.0, 0.5, +1),
    Threshold("R2", "mean_at_least", N_("And a 7-day mean of at least"), 5, 0, 10, 0.5, +1),
    Threshold("R3", "rise", N_("Rise above your usual of at least (hours a day)"), 2.0, 0.5, 8.0,
              0.5, +1),
    Threshold("R3", "weekly_total", N_("Or a 7-day total of at least (hours)"), 60, 20, 140, 1, +1),
    Threshold("R3", "usual_total_below", N_("... when your usual week is under (hours)"), 50, 10,
              140, 1, -1),
    Threshold("R4", "drop", N_("Drop below your usual of at least (points)"),
              1.5, 0.5, 5.0, 0.5, +1),
    Threshold("R5", "contact_days_at_most", N_("Days with contact (of last 7 logged) at most"), 2,
              0, 6, 1, -1),
    Threshold("R5", "usual_contact", N_("Usual contact on at least (% of days)"),
              50, 0, 100, 5, +1),
    Threshold("R6", "drop", N_("Drop below your usual of at least (points)"),
              1.5, 0.5, 5.0, 0.5, +1),
    Threshold("R7", "signs_together", N_("Signs at once"), 2, 2, 6, 1, +1),
    Threshold("L1", "sleep_below", N_("Average sleep below (hours)"), 7.0, 4.0, 10.0, 0.25, -1),
    Threshold("L2", "stress_at_least", N_("High stress is at least"), 7, 1, 10, 1, +1),
    Threshold("L2", "days_of_7", N_("High days out of 7"), 5, 1, 7, 1, +1),
    Threshold("L3", "study_at_least", N_("A long day is at least (hours)"),
              10.0, 4.0, 20.0, 0.5, +1),
    Threshold("L3", "days_of_7", N_("Long days out of 7"), 5, 1, 7, 1, +1),
    Threshold("L3", "rest_day_at_most", N_("A lighter day has at most (hours)"), 2.0, 0.0, 8.0, 0.5,
              +1),
    Threshold("L6", "energy_at_most", N_("Low energy is at most"), 3, 0, 9, 1, -1),
    Threshold("L6", "days_of_7", N_("Low days out of 7"), 5, 1, 7, 1, +1),
    Threshold("Q1", "who5_at_most", N_("WHO-5 at most"), 50, 0, 100, 4, -1),
    Threshold("Q2", "who5_at_most", N_("WHO-5 at most"), 28, 0, 100, 4, -1),
    Threshold("Q2", "phq_at_least", N_("PHQ-9/PHQ-8 at least"), 10, 1, 27, 1, +1),
    Threshold("Q2", "gad7_at_least", N_("GAD-7 at least"), 10, 1, 21, 1, +1),
    Threshold("Q3", "moderate", N_("Moderate band from"), 50, 5, 100, 5, +1),
    Threshold("Q3", "high", N_("High band from"), 75, 5, 100, 5, +1),
    Threshold("Q4", "phq_rise", N_("PHQ rise of at least (points)"), 5, 1, 27, 1, +1),
    Threshold("Q4", "who5_drop", N_("WHO-5 drop of at least (points)"), 10, 4, 100, 2, +1),
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
        if rule == "S0" or rule not in RULES or not RULES[rule].active:
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
            raise ValueError(_("The high band can't start below the moderate band."))
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
            if rule not in RULES or not RULES[rule].active \
                    or not isinstance(overrides, Mapping):
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
        return _("Rule {rule} has no setting '{key}'.").format(rule=rule, key=key)
    if not _is_number(value) or not spec.minimum <= value <= spec.maximum:
        return _("{setting} must be from {minimum} to {maximum}.").format(
            setting=spec.label, minimum=f"{spec.minimum:g}", maximum=f"{spec.maximum:g}")
    return ""


def settings_problems(raw: object) -> list[str]:
    """Every problem in stored rule settings, in words (what `from_settings` silently skips)."""
    if raw is None:
        return []
    if not isinstance(raw, Mapping):
        return [_("Rule settings must be a mapping of rule id to settings.")]
    problems: list[str] = []
    for rule, overrides in raw.items():
        if rule in RULES and not RULES[rule].active:
            continue  # a retired rule's old settings are ignored, not an error
        if rule not in RULES:
            problems.append(_("There is no rule '{rule}'.").format(rule=rule))
            continue
        if not isinstance(overrides, Mapping):
            problems.append(_("Settings for {rule} must be a mapping.").format(rule=rule))
            continue
        for key, value in overrides.items():
            if key == "enabled":
                if not isinstance(value, bool):
                    problems.append(_("{rule}: 'enabled' must be true or false.").format(
                        rule=rule))
                elif rule == "S0" and not value:
                    problems.append("S0 (safety) can't be turned off.")
            elif not _is_number(value):
                problems.append(_("{rule}: '{key}' must be a number.").format(rule=rule,
                                                                               key=key))
            else:
                problem = threshold_problem(rule, str(key), float(value))
                if problem:
                    problems.append(f"{rule}: {problem}")
    return problems
