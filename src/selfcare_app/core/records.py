"""Records besides daily entries as they travel through exports, imports and the counselor
summary, plus the pure conflict plan for them.

One dataclass per record: an import, an export and the app use the same type (a quiet period
is core.alerts.QuietPeriod, a resource core.resource.Resource, a person core.people.Person, a
self-check core.assessment.Assessment). Its SQL lives only in its repository under data/.
The vocabularies (resource categories, finding states) are defined once, in core.resource and
core.alerts, and only re-exported here.

Findings and safety events keep the ISO text the vault holds, so an export → import round trip
gives back exactly what was there. `id` is the row id in a vault and never part of equality.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from selfcare_app.core.alerts import STATES as FINDING_STATES
from selfcare_app.core.alerts import QuietPeriod
from selfcare_app.core.assessment import Assessment
from selfcare_app.core.exchange import Counts, IncomingEntry, OnConflict, Rejection
from selfcare_app.core.people import Person
from selfcare_app.core.resource import CATEGORIES as RESOURCE_CATEGORIES
from selfcare_app.core.resource import TEXT_FIELDS as RESOURCE_TEXT_FIELDS
from selfcare_app.core.resource import Resource

__all__ = [
    "FINDING_STATES", "RESOURCE_CATEGORIES", "RESOURCE_TEXT_FIELDS", "FindingRecord",
    "ImportBundle", "RecordPlan", "SafetyEventRecord", "assessment_key", "duplicates",
    "plan_records", "plan_settings", "quiet_period_key", "user_resource_key",
]


@dataclass(frozen=True)
class FindingRecord:
    """One early-warning finding as kept in the vault (DESIGN.md §3 `finding`)."""

    rule: str
    day: date
    window_start: date
    window_end: date
    message: str
    state: str = "new"
    evidence: Any = field(default_factory=list)  # the JSON the rule recorded (object or list)
    snoozed_until: str | None = None
    created_at: str = ""
    id: int | None = field(default=None, compare=False)

    def key(self) -> Hashable:
        return (self.rule, self.day, self.window_start, self.window_end)


@dataclass(frozen=True)
class SafetyEventRecord:
    """A moment the student said they were not safe (or answered PHQ-9 item 9): the one
    record for the vault, the rules, exports and the summary (their own view only)."""

    at: str  # ISO timestamp, as the vault holds it
    source: str
    detail: str = ""
    id: int | None = field(default=None, compare=False)

    def key(self) -> Hashable:
        return (self.at, self.source)

    @property
    def when(self) -> datetime:
        return datetime.fromisoformat(self.at)

    @property
    def day(self) -> date:
        return self.when.date()


def assessment_key(a: Assessment) -> Hashable:
    return (a.instrument, a.taken_at)


def quiet_period_key(q: QuietPeriod) -> Hashable:
    return (q.start, q.end)


def user_resource_key(r: Resource) -> Hashable:
    """A student's own resource is the same one when name (any case) and category match."""
    return (r.name.casefold(), r.category)


@dataclass
class ImportBundle:
    """Everything a file holds, validated; entries only for CSV and Daylio."""

    source_format: str
    entries: list[IncomingEntry] = field(default_factory=list)
    assessments: list[tuple[Assessment, str]] = field(default_factory=list)
    findings: list[tuple[FindingRecord, str]] = field(default_factory=list)
    safety_events: list[tuple[SafetyEventRecord, str]] = field(default_factory=list)
    quiet_periods: list[tuple[QuietPeriod, str]] = field(default_factory=list)
    resources: list[tuple[Resource, str]] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    people: list[tuple[Person, str]] = field(default_factory=list)

    def record_count(self) -> int:
        return (len(self.entries) + len(self.assessments) + len(self.findings)
                + len(self.safety_events) + len(self.quiet_periods) + len(self.resources)
                + len(self.settings) + len(self.people))


R = TypeVar("R")


@dataclass(frozen=True)
class RecordPlan(Generic[R]):
    inserts: tuple[R, ...]
    updates: tuple[tuple[int, R], ...]  # (row id in the vault, new record)
    counts: Counts


def plan_records(incoming: Iterable[R], existing: Iterable[R], key: Callable[[R], Hashable],
                 row_id: Callable[[R], int | None], policy: OnConflict) -> RecordPlan[R]:
    """Add new records; identical ones are skipped; a different record with the same key is a
    conflict: replaced under 'replace', kept otherwise (records can't be merged field by
    field the way a day's entry can)."""
    by_key: dict[Hashable, R] = {key(r): r for r in existing}
    inserts: list[R] = []
    updates: list[tuple[int, R]] = []
    counts = Counts()
    for record in incoming:
        old = by_key.get(key(record))
        if old is None:
            inserts.append(record)
            counts.added += 1
        elif old == record:
            counts.skipped += 1
        else:
            counts.conflicts += 1
            old_id = row_id(old)
            if policy is OnConflict.REPLACE and old_id is not None:
                updates.append((old_id, record))
                counts.updated += 1
            else:
                counts.skipped += 1
    return RecordPlan(tuple(inserts), tuple(updates), counts)


def plan_settings(incoming: Mapping[str, Any], existing: Mapping[str, Any],
                  policy: OnConflict) -> tuple[dict[str, Any], Counts]:
    """Settings to write: new keys always; a different value only under 'replace'."""
    out: dict[str, Any] = {}
    counts = Counts()
    for k, v in incoming.items():
        if k not in existing:
            out[k] = v
            counts.added += 1
        elif existing[k] == v:
            counts.skipped += 1
        else:
            counts.conflicts += 1
            if policy is OnConflict.REPLACE:
                out[k] = v
                counts.updated += 1
            else:
                counts.skipped += 1
    return out, counts


def duplicates(items: Iterable[tuple[R, str]], key: Callable[[R], Hashable],
               what: str) -> list[Rejection]:
    """Rejections for records that appear twice in one file."""
    seen: dict[Hashable, str] = {}
    out: list[Rejection] = []
    for record, where in items:
        k = key(record)
        if k in seen:
            out.append(Rejection(where, f"the same {what} appears twice (also {seen[k]})."))
        else:
            seen[k] = where
    return out
