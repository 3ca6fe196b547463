"""Shown findings (`finding`), quiet periods (`quiet_period`) and rule settings in the vault.

A `finding` row is one finding as shown on a card: its rule, the day it was shown, its window
and state (new/seen/snoozed/dismissed/not-helpful, with `snoozed_until`). It stores meaning,
not English: the `evidence` column holds a JSON object `{"v": 2, "points": [...],
"facts": {...}, "tier": n, "episode": "...", "changes": [[iso time, state], ...]}` where
`facts` are the numbers the message needs; the sentence is built when shown, so a wording
change reaches old findings too. Rows written before v0.2 (migration 0003) have no facts and
keep their English in `message`, which is then shown as it was (retired rules such as R1a
included). New rows leave `message` empty. Title, sources and support come from the catalogue.

`refresh_today` is the service the Today page and `signals` use: rules → policy → record.
The only module that writes `finding` and `quiet_period`; exports and imports read and write
them through `records`/`write_imported` here.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Final

from selfcare_app.core.alerts import (
    DEFAULT_POLICY,
    Decision,
    FindingState,
    Policy,
    QuietPeriod,
    Shown,
    Suggestion,
    decide,
    tuning_suggestions,
    with_state,
)
from selfcare_app.core.assessment import Assessment
from selfcare_app.core.entry import DailyEntry
from selfcare_app.core.records import FindingRecord
from selfcare_app.core.rules import (
    Evidence,
    Fact,
    Finding,
    RuleConfig,
    RuleEngine,
    rebuild_finding,
)

if TYPE_CHECKING:
    from selfcare_app.data.vault import Vault

RULE_SETTINGS_KEY: Final = "rules"
NOT_SAFE_PREFIX: Final = "not-safe"
_COLUMNS: Final = ("id, rule, day, window_start, window_end, evidence, message, state, "
                   "snoozed_until, created_at")
_WRITTEN: Final = ("rule, day, window_start, window_end, evidence, message, state, "
                   "snoozed_until, created_at")
_INSERT: Final = f"INSERT INTO finding ({_WRITTEN}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
_QUIET_INSERT: Final = "INSERT INTO quiet_period (start_day, end_day, label) VALUES (?, ?, ?)"


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


STORE_VERSION: Final = 2


def _evidence_json(record: Shown) -> str:
    f = record.finding
    return json.dumps({
        "v": STORE_VERSION,
        "points": [p.to_json() for p in f.evidence],
        "facts": dict(f.facts),
        "tier": f.tier,
        "episode": f.episode,
        "changes": [[at.isoformat(), state] for at, state in record.changes],
    }, ensure_ascii=False, allow_nan=False)


def _facts(raw: object) -> dict[str, Fact]:
    if not isinstance(raw, dict):
        return {}
    return {str(k): v for k, v in raw.items()
            if isinstance(v, str) or (isinstance(v, int | float) and not isinstance(v, bool))}


def _evidence_object(text: str | None) -> dict[str, Any]:
    raw = json.loads(text or "[]")
    if isinstance(raw, list):
        return {"points": raw}
    return raw if isinstance(raw, dict) else {}


def rebuild(rule: str, day: str, window_start: str, window_end: str, evidence: str | None,
            message: str) -> Finding:
    """A Finding from a stored row's columns (any version)."""
    raw = _evidence_object(evidence)
    return rebuild_finding(
        rule=rule,
        day=date.fromisoformat(day[:10]),
        window_start=date.fromisoformat(window_start[:10]),
        window_end=date.fromisoformat(window_end[:10]),
        evidence=[Evidence.from_json(p) for p in raw.get("points", [])],
        message=message,
        tier=int(raw.get("tier", 1)),
        episode=str(raw.get("episode", "")),
        facts=_facts(raw.get("facts")),
    )


def message_of(rule: str, day: str, window_start: str, window_end: str,
               evidence: str | None, message: str) -> str:
    """The sentence a stored row shows (built from its facts; old rows: what they stored)."""
    try:
        return rebuild(rule, day, window_start, window_end, evidence, message).message
    except (ValueError, KeyError, TypeError, IndexError):
        return message


def _record_params(f: FindingRecord, stamp: str) -> tuple[Any, ...]:
    return (f.rule, f.day.isoformat(), f.window_start.isoformat(), f.window_end.isoformat(),
            json.dumps(f.evidence, ensure_ascii=False, allow_nan=False), f.message, f.state,
            f.snoozed_until, f.created_at or stamp)


def write_imported(con: Any, inserts: Sequence[FindingRecord],
                   updates: Sequence[tuple[int, FindingRecord]], stamp: str) -> None:
    """Add and replace findings as an export carried them, inside the caller's transaction."""
    con.executemany(_INSERT, [_record_params(f, stamp) for f in inserts])
    con.executemany(
        f"UPDATE finding SET {', '.join(c + ' = ?' for c in _WRITTEN.split(', '))} WHERE id = ?",
        [(*_record_params(f, stamp), i) for i, f in updates])


def write_imported_quiet(con: Any, inserts: Sequence[QuietPeriod],
                         updates: Sequence[tuple[int, QuietPeriod]]) -> None:
    con.executemany(_QUIET_INSERT, [(q.start.isoformat(), q.end.isoformat(), q.label)
                                    for q in inserts])
    con.executemany("UPDATE quiet_period SET start_day = ?, end_day = ?, label = ? WHERE id = ?",
                    [(q.start.isoformat(), q.end.isoformat(), q.label, i) for i, q in updates])


def _row_to_shown(row: Sequence[Any]) -> Shown:
    raw = _evidence_object(row[5])
    finding = rebuild(str(row[1]), str(row[2]), str(row[3]), str(row[4]), row[5], str(row[6]))
    changes = tuple((datetime.fromisoformat(at), str(state))
                    for at, state in raw.get("changes", []))
    return Shown(finding=finding, state=row[7], id=int(row[0]), changes=changes,
                 snoozed_until=None if row[8] is None else date.fromisoformat(row[8]))


class FindingRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def record(self, findings: Iterable[Finding]) -> builtins.list[Shown]:
        """Store findings as shown on their `day` (state "new"), in one transaction."""
        stored: builtins.list[Shown] = []
        with self._vault.transaction() as con:
            for f in findings:
                record = Shown(f)
                cur = con.execute(
                    _INSERT,
                    (f.rule, f.day.isoformat(), f.window_start.isoformat(),
                     f.window_end.isoformat(), _evidence_json(record), f.legacy_message,
                     "new", None, _now().isoformat()),
                )
                stored.append(Shown(f, id=int(cur.lastrowid or 0)))
        return stored

    def get(self, finding_id: int) -> Shown | None:
        row = self._vault.connection.execute(
            f"SELECT {_COLUMNS} FROM finding WHERE id = ?", (finding_id,)
        ).fetchone()
        return None if row is None else _row_to_shown(row)

    def set_state(self, finding_id: int, state: FindingState, at: datetime | None = None,
                  snoozed_until: date | None = None) -> Shown:
        """Record the student's feedback (S0 can't be snoozed; raises ValueError)."""
        with self._vault.transaction() as con:
            row = con.execute(
                f"SELECT {_COLUMNS} FROM finding WHERE id = ?", (finding_id,)
            ).fetchone()
            if row is None:
                raise KeyError(finding_id)
            updated = with_state(_row_to_shown(row), state, at or _now(), snoozed_until)
            con.execute(
                "UPDATE finding SET state = ?, snoozed_until = ?, evidence = ? WHERE id = ?",
                (updated.state,
                 None if updated.snoozed_until is None else updated.snoozed_until.isoformat(),
                 _evidence_json(updated), finding_id),
            )
        return updated

    def history(self, start: date | None = None,
                end: date | None = None) -> builtins.list[Shown]:
        """Shown findings from start to end inclusive (either may be open), oldest first."""
        rows = self._vault.connection.execute(
            f"SELECT {_COLUMNS} FROM finding WHERE day >= ? AND day <= ? ORDER BY day, id",
            ((start or date.min).isoformat(), (end or date.max).isoformat()),
        ).fetchall()
        return [_row_to_shown(r) for r in rows]

    def on_day(self, day: date) -> builtins.list[Shown]:
        return self.history(day, day)

    def count(self) -> int:
        return int(self._vault.connection.execute("SELECT count(*) FROM finding").fetchone()[0])

    def records(self) -> builtins.list[FindingRecord]:
        """Every row as the vault holds it (evidence JSON as stored), for exports and the
        summary; rows since v0.2 store meaning, not English: their sentence is built here."""
        rows = self._vault.connection.execute(
            f"SELECT {_COLUMNS} FROM finding ORDER BY day, id").fetchall()
        return [FindingRecord(
            rule=r[1], day=date.fromisoformat(r[2][:10]),
            window_start=date.fromisoformat(r[3][:10]),
            window_end=date.fromisoformat(r[4][:10]), evidence=json.loads(r[5] or "[]"),
            message=r[6] or message_of(r[1], r[2], r[3], r[4], r[5], r[6]),
            state=r[7], snoozed_until=r[8], created_at=r[9], id=r[0],
        ) for r in rows]


class QuietPeriodRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def add(self, start: date, end: date, label: str = "") -> QuietPeriod:
        period = QuietPeriod(start, end, label.strip())  # validates end >= start
        with self._vault.transaction() as con:
            cur = con.execute(_QUIET_INSERT, (start.isoformat(), end.isoformat(), period.label))
            new_id = int(cur.lastrowid or 0)
        return QuietPeriod(start, end, period.label, new_id)

    def list(self) -> builtins.list[QuietPeriod]:
        rows = self._vault.connection.execute(
            "SELECT id, start_day, end_day, label FROM quiet_period ORDER BY start_day, id"
        ).fetchall()
        return [QuietPeriod(date.fromisoformat(r[1]), date.fromisoformat(r[2]), str(r[3]),
                            int(r[0])) for r in rows]

    def delete(self, period_id: int) -> QuietPeriod | None:
        """Delete one period and return it (for undo), or None."""
        with self._vault.transaction() as con:
            row = con.execute(
                "SELECT id, start_day, end_day, label FROM quiet_period WHERE id = ?",
                (period_id,),
            ).fetchone()
            if row is None:
                return None
            con.execute("DELETE FROM quiet_period WHERE id = ?", (period_id,))
        return QuietPeriod(date.fromisoformat(row[1]), date.fromisoformat(row[2]), str(row[3]),
                           int(row[0]))

    def covering(self, day: date) -> QuietPeriod | None:
        return next((p for p in self.list() if p.covers(day)), None)


# -- rule settings -----------------------------------------------------------------------------


def rule_config(vault: Vault) -> RuleConfig:
    return RuleConfig.from_settings(vault.settings.get(RULE_SETTINGS_KEY))


def save_rule_config(vault: Vault, config: RuleConfig) -> None:
    vault.settings.set(RULE_SETTINGS_KEY, config.to_settings())


# -- the service behind Today's card and `signals` ---------------------------------------------


@dataclass(frozen=True)
class RuleInputs:
    entries: builtins.list[DailyEntry]
    assessments: builtins.list[Assessment]
    taps: builtins.list[datetime]
    config: RuleConfig

    def engine(self) -> RuleEngine:
        return RuleEngine(self.entries, self.assessments, self.config, self.taps)


def rule_inputs(vault: Vault, day: date) -> RuleInputs:
    """Everything the rules read, up to and including `day`.

    "I'm not safe" taps are safety events whose source starts with "not-safe" (the CLI's
    "not-safe", the help dialog's "not-safe-button"). Events recorded because a crisis card was
    opened, or for a PHQ-9 item-9 answer, are not taps: the answer itself is read from the
    self-check, and counting the card's own record would reopen it.
    """
    taps = [e.when for e in vault.safety_events.list(end=day)
            if e.source.startswith(NOT_SAFE_PREFIX)]
    return RuleInputs(vault.entries.range(None, day), vault.assessments.list(end=day), taps,
                      rule_config(vault))


@dataclass(frozen=True)
class TodayCard:
    """What Today's "What we noticed" card shows."""

    day: date
    items: tuple[Shown, ...]          # today's proactive findings still on the card
    safety: tuple[Finding, ...]       # S0, always shown while it holds
    open_crisis: bool                 # a new safety event: open the crisis card now
    decision: Decision
    suggestions: tuple[Suggestion, ...]
    quiet: QuietPeriod | None

    @property
    def empty(self) -> bool:
        return not self.items and not self.safety


VISIBLE_STATES: Final = ("new", "seen")


def refresh_today(vault: Vault, today: date, policy: Policy = DEFAULT_POLICY) -> TodayCard:
    """Evaluate the rules as of today, apply the alert policy, record what is newly shown."""
    inputs = rule_inputs(vault, today)
    engine = inputs.engine()
    history = vault.findings.history(end=today)
    quiet = vault.quiet_periods.list()
    decision = decide(today, engine.findings(today), history, engine.statuses, quiet, policy,
                      engine.logged, engine.first_day)
    if decision.to_record:
        history = history + vault.findings.record(decision.to_record)
    items = tuple(r for r in history
                  if r.day == today and r.rule != "S0" and r.state in VISIBLE_STATES)
    current_quiet = next((p for p in quiet if p.covers(today)), None)
    return TodayCard(today, items, decision.safety, decision.open_crisis, decision,
                     tuple(tuning_suggestions(history, inputs.config, policy)), current_quiet)
