"""Early-warning rules (CONTENT.md §3.3, v0.2): transparent rules against the student's own
usual, steady states said once, silence noticed, self-check and safety rules.

The package: `bibliography` (the one reference list, shared with the counselor summary),
`catalogue` (what each rule is), `config` (thresholds and the student's overrides), `finding`
(evidence, findings, outcomes), `engine` (evaluation) and `explain` (card sentences and
"Why am I seeing this?"). Which findings a student actually sees is the alert policy's job
(core/alerts.py). Every public name stays importable from `selfcare_app.core.rules`.
"""

from selfcare_app.core.rules.bibliography import BIBLIOGRAPHY, REFERENCES, Source
from selfcare_app.core.rules.catalogue import (
    CBI_MAX_AGE_DAYS,
    CHANGE_RULES,
    INSTRUMENT_LABELS,
    LEVEL_MIN_ENTRIES,
    LEVEL_RULES,
    NEW_VAULT_DAYS,
    QUESTIONNAIRE_MAX_AGE_DAYS,
    R7_COMPONENTS,
    RESOURCE_CATEGORIES,
    RETIRED_IDS,
    RULE_IDS,
    RULES,
    SAFETY_LOOKBACK_DAYS,
    SELFCHECK_RULES,
    TWO_WEEK_RECALL,
    USUAL_DAYS,
    USUAL_MIN_ENTRIES,
    WINDOW_MIN_ENTRIES,
    Cooldown,
    CooldownKind,
    Family,
    RuleInfo,
    Support,
    family,
    support_for,
)
from selfcare_app.core.rules.config import (
    THRESHOLDS,
    THRESHOLDS_BY_KEY,
    RuleConfig,
    Threshold,
    settings_problems,
    threshold_problem,
    thresholds_for,
)
from selfcare_app.core.rules.engine import RuleEngine, Usual, evaluate, findings_as_of
from selfcare_app.core.rules.explain import (
    Explanation,
    explain,
    hours_text,
    message_for,
    rebuild_finding,
)
from selfcare_app.core.rules.finding import Evidence, Fact, Finding, Outcome, Status

# v0.1's baseline length, under its old name.
BASELINE_DAYS = USUAL_DAYS

__all__ = [
    "BASELINE_DAYS", "BIBLIOGRAPHY", "CBI_MAX_AGE_DAYS", "CHANGE_RULES", "INSTRUMENT_LABELS",
    "LEVEL_MIN_ENTRIES", "LEVEL_RULES", "NEW_VAULT_DAYS", "QUESTIONNAIRE_MAX_AGE_DAYS",
    "R7_COMPONENTS", "REFERENCES", "RESOURCE_CATEGORIES", "RETIRED_IDS", "RULES", "RULE_IDS",
    "SAFETY_LOOKBACK_DAYS", "SELFCHECK_RULES", "THRESHOLDS", "THRESHOLDS_BY_KEY",
    "TWO_WEEK_RECALL", "USUAL_DAYS", "USUAL_MIN_ENTRIES", "WINDOW_MIN_ENTRIES", "Cooldown",
    "CooldownKind", "Evidence", "Explanation", "Fact", "Family", "Finding", "Outcome",
    "RuleConfig", "RuleEngine", "RuleInfo", "Source", "Status", "Support", "Threshold", "Usual",
    "evaluate", "explain", "family", "findings_as_of", "hours_text", "message_for",
    "rebuild_finding", "settings_problems", "support_for", "threshold_problem",
    "thresholds_for",
]
