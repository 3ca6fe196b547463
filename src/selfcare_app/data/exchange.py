"""Export and import against the vault: reading every table, writing a plaintext file
atomically, and applying an import in one transaction.

Parsing and validation are pure (core.csv_format, core.daylio, core.json_format); this module
only reads files, runs SQL and writes files. An import is planned from a snapshot read inside
the same write transaction that applies it, so it is all-or-nothing; a dry run computes the
same plan and writes nothing at all.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import sqlcipher3

from selfcare_app.atomic import atomic_write
from selfcare_app.core.assessment import Assessment
from selfcare_app.core.csv_format import parse_csv, write_csv
from selfcare_app.core.daylio import parse_daylio
from selfcare_app.core.entry import DailyEntry
from selfcare_app.core.exchange import (
    MAX_IMPORT_BYTES,
    Counts,
    FileFormatError,
    ImportFileError,
    ImportReport,
    OnConflict,
    RowsRejectedError,
    check_size,
    decode_text,
    detect_format,
    plan_entries,
)
from selfcare_app.core.json_format import build_document, dumps, parse_document
from selfcare_app.core.people import Person
from selfcare_app.core.records import (
    RESOURCE_TEXT_FIELDS,
    FindingRecord,
    ImportBundle,
    QuietPeriodRecord,
    ResourceRecord,
    SafetyEventRecord,
    assessment_key,
    plan_records,
    plan_settings,
)
from selfcare_app.core.strict_reader import TooLarge, Unreadable, read_capped
from selfcare_app.data.people import person_params, read_people
from selfcare_app.i18n import N_

if TYPE_CHECKING:
    from selfcare_app.data.vault import Vault

UNENCRYPTED_WARNING: Final = N_(
    "This file is not encrypted: anyone who can open it can read what is in it. Keep it "
    "somewhere private and delete it when you no longer need it."
)
_ENTRY_COLUMNS: Final = (
    "day, stress, sleep_hours, study_hours, mood, energy, social, tags, note, "
    "created_at, updated_at, practices"
)
_ASSESSMENT_COLUMNS: Final = (
    "instrument, instrument_version, taken_at, answers, score, band, subscores"
)
_FINDING_COLUMNS: Final = (
    "rule, day, window_start, window_end, evidence, message, state, snoozed_until, created_at"
)
_RESOURCE_COLUMNS: Final = (
    "name, category, description, phone, sms, email, url, address, hours, meets, "
    "verified_on, favourite, created_at, updated_at"
)


# -- reading the vault -----------------------------------------------------------------------


@dataclass
class VaultContents:
    entries: list[DailyEntry] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    findings: list[FindingRecord] = field(default_factory=list)
    safety_events: list[SafetyEventRecord] = field(default_factory=list)
    quiet_periods: list[QuietPeriodRecord] = field(default_factory=list)
    resources: list[ResourceRecord] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)


def _day(text: str) -> date:
    return date.fromisoformat(text)


def read_entries(con: sqlcipher3.Connection, start: date | None = None,
                 end: date | None = None) -> list[DailyEntry]:
    rows = con.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM daily_entry WHERE day >= ? AND day <= ? ORDER BY day",
        ((start or date.min).isoformat(), (end or date.max).isoformat()),
    ).fetchall()
    return [DailyEntry(
        day=_day(r[0]), stress=r[1], sleep_hours=r[2], study_hours=r[3], mood=r[4], energy=r[5],
        social=r[6], tags=tuple(json.loads(r[7])), note=r[8],
        created_at=datetime.fromisoformat(r[9]), updated_at=datetime.fromisoformat(r[10]),
        practices=tuple(json.loads(r[11])),
    ) for r in rows]


def read_assessments(con: sqlcipher3.Connection) -> list[Assessment]:
    rows = con.execute(
        f"SELECT id, {_ASSESSMENT_COLUMNS} FROM assessment ORDER BY taken_at, id").fetchall()
    return [Assessment(
        instrument=r[1], instrument_version=r[2], taken_at=datetime.fromisoformat(r[3]),
        answers=tuple(json.loads(r[4])), score=r[5], band=r[6],
        subscores=MappingProxyType(dict(json.loads(r[7] or "{}"))), id=r[0],
    ) for r in rows]


def read_findings(con: sqlcipher3.Connection) -> list[FindingRecord]:
    # Rows since v0.2 store meaning, not English: their sentence is built here.
    from selfcare_app.data.findings import message_of

    rows = con.execute(
        f"SELECT id, {_FINDING_COLUMNS} FROM finding ORDER BY day, id").fetchall()
    return [FindingRecord(
        rule=r[1], day=_day(r[2][:10]), window_start=_day(r[3][:10]),
        window_end=_day(r[4][:10]), evidence=json.loads(r[5] or "[]"),
        message=r[6] or message_of(r[1], r[2], r[3], r[4], r[5], r[6]),
        state=r[7], snoozed_until=r[8], created_at=r[9], id=r[0],
    ) for r in rows]


def read_safety_events(con: sqlcipher3.Connection) -> list[SafetyEventRecord]:
    rows = con.execute("SELECT id, at, source, detail FROM safety_event ORDER BY at, id")
    return [SafetyEventRecord(at=r[1], source=r[2], detail=r[3], id=r[0]) for r in rows]


def read_quiet_periods(con: sqlcipher3.Connection) -> list[QuietPeriodRecord]:
    rows = con.execute(
        "SELECT id, start_day, end_day, label FROM quiet_period ORDER BY start_day, id")
    return [QuietPeriodRecord(_day(r[1][:10]), _day(r[2][:10]), r[3], id=r[0]) for r in rows]


def read_user_resources(con: sqlcipher3.Connection) -> list[ResourceRecord]:
    rows = con.execute(
        f"SELECT id, {_RESOURCE_COLUMNS} FROM resource WHERE source = 'user' ORDER BY name, id")
    return [ResourceRecord(
        name=r[1], category=r[2], description=r[3], phone=r[4], sms=r[5], email=r[6], url=r[7],
        address=r[8], hours=r[9], meets=r[10], verified_on=r[11], favourite=bool(r[12]),
        created_at=r[13], updated_at=r[14], id=r[0],
    ) for r in rows]


def read_settings(con: sqlcipher3.Connection) -> dict[str, Any]:
    return {k: json.loads(v) for k, v in con.execute("SELECT key, value FROM setting "
                                                     "ORDER BY key")}


def read_all(vault: Vault) -> VaultContents:
    con = vault.connection
    return VaultContents(
        entries=read_entries(con), assessments=read_assessments(con),
        findings=read_findings(con), safety_events=read_safety_events(con),
        quiet_periods=read_quiet_periods(con), resources=read_user_resources(con),
        settings=read_settings(con), people=read_people(con),
    )


@dataclass
class SummaryInputs:
    """Everything the counselor summary may draw on (the student chooses what is shown)."""

    entries: list[DailyEntry]
    assessments: list[Assessment]
    findings: list[FindingRecord]
    safety_events: list[SafetyEventRecord]
    display_name: str


def load_summary_inputs(vault: Vault) -> SummaryInputs:
    con = vault.connection
    return SummaryInputs(read_entries(con), read_assessments(con), read_findings(con),
                         read_safety_events(con),
                         str(vault.settings.get("display_name") or ""))


# -- export ------------------------------------------------------------------------------------


def export_json_bytes(vault: Vault, app_version: str, now: datetime | None = None) -> bytes:
    c = read_all(vault)
    doc = build_document(
        entries=c.entries, assessments=c.assessments, findings=c.findings,
        safety_events=c.safety_events, quiet_periods=c.quiet_periods, resources=c.resources,
        settings=c.settings, app_version=app_version,
        exported_at=now or datetime.now(UTC).replace(microsecond=0), people=c.people,
    )
    return dumps(doc).encode("utf-8")


def export_csv_bytes(vault: Vault) -> bytes:
    # A BOM so that spreadsheet programs read the file as UTF-8.
    return b"\xef\xbb\xbf" + write_csv(read_entries(vault.connection)).encode("utf-8")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    entries: int
    size: int


def export_to_file(vault: Vault, path: Path, fmt: str, app_version: str) -> ExportResult:
    """Write a JSON (everything) or CSV (daily entries) export atomically."""
    if fmt == "json":
        data = export_json_bytes(vault, app_version)
    elif fmt == "csv":
        data = export_csv_bytes(vault)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    atomic_write(path, data)
    return ExportResult(path, vault.entries.count(), len(data))


# -- import ------------------------------------------------------------------------------------


def read_import_file(path: Path, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """The file's bytes; refused by its size before anything is read (memory stays bounded).
    The reading is core.strict_reader's; the words are an import's."""
    try:
        return read_capped(path, limit)
    except TooLarge as exc:
        check_size(exc.size, exc.limit)  # raises FileTooLargeError, worded for an import
        raise
    except Unreadable as exc:
        if exc.reason == "folder":
            raise FileFormatError(f"{path} is a folder, not a file; nothing was imported.") \
                from None
        if exc.reason == "missing":
            raise FileFormatError(f"There is no file at {path}; nothing was imported.") \
                from None
        if exc.reason == "permission":
            raise FileFormatError(f"{path} can't be read (permission denied); nothing was "
                                  "imported.") from None
        raise FileFormatError(f"{path} can't be read ({exc.detail}); nothing was "
                              "imported.") from None


def parse_import(data: bytes, fmt: str, today: date,
                 mood_map: Mapping[str, int] | None = None) -> ImportBundle:
    """Bytes → a validated bundle; raises only ImportFileError subclasses on bad input."""
    text = decode_text(data)
    kind = detect_format(text) if fmt == "auto" else fmt
    if kind == "json":
        return parse_document(text, today)
    if kind == "csv":
        return ImportBundle("Selfcare CSV", entries=parse_csv(text, today))
    if kind == "daylio":
        return ImportBundle("Daylio CSV", entries=parse_daylio(text, today, mood_map))
    raise FileFormatError(f"Unknown import format '{fmt}'.")


def _entry_params(e: DailyEntry, stamp: datetime) -> tuple[Any, ...]:
    created = e.created_at or stamp
    return (e.day.isoformat(), e.stress, e.sleep_hours, e.study_hours, e.mood, e.energy,
            e.social, json.dumps(list(e.tags), ensure_ascii=False), e.note,
            created.isoformat(), (e.updated_at or stamp).isoformat(),
            json.dumps(list(e.practices), ensure_ascii=False))


def _assessment_params(a: Assessment) -> tuple[Any, ...]:
    return (a.instrument, a.instrument_version, a.taken_at.isoformat(),
            json.dumps(list(a.answers)), a.score, a.band,
            json.dumps(dict(a.subscores), ensure_ascii=False, allow_nan=False))


def _finding_params(f: FindingRecord, stamp: str) -> tuple[Any, ...]:
    return (f.rule, f.day.isoformat(), f.window_start.isoformat(), f.window_end.isoformat(),
            json.dumps(f.evidence, ensure_ascii=False, allow_nan=False), f.message, f.state,
            f.snoozed_until, f.created_at or stamp)


def _resource_params(r: ResourceRecord, stamp: str) -> tuple[Any, ...]:
    return (r.name, r.category, *(getattr(r, k) for k in RESOURCE_TEXT_FIELDS),
            r.verified_on, int(r.favourite), r.created_at or stamp, r.updated_at or stamp)


@dataclass
class _Plan:
    report: ImportReport
    apply: list[Callable[[sqlcipher3.Connection], None]] = field(default_factory=list)


def _plan(con: sqlcipher3.Connection, bundle: ImportBundle, policy: OnConflict, today: date,
          dry_run: bool) -> _Plan:
    report = ImportReport(bundle.source_format, dry_run, policy)
    plan = _Plan(report)
    stamp = datetime.now(UTC).replace(microsecond=0)
    text_stamp = stamp.isoformat()

    existing = {e.day: e for e in read_entries(con)}
    entry_plan = plan_entries(bundle.entries, existing, policy, today)
    if entry_plan.rejections:
        raise RowsRejectedError(entry_plan.rejections, len(bundle.entries))
    report.counts["entries"] = entry_plan.counts

    def write_entries(c: sqlcipher3.Connection) -> None:
        c.executemany(
            f"INSERT OR REPLACE INTO daily_entry ({_ENTRY_COLUMNS}, version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "coalesce((SELECT version FROM daily_entry WHERE day = ?), 0) + 1)",
            [(*_entry_params(e, stamp), e.day.isoformat()) for e in entry_plan.to_write])
    plan.apply.append(write_entries)

    if bundle.assessments:
        ap = plan_records([a for a, _ in bundle.assessments], read_assessments(con),
                          assessment_key, lambda a: a.id, policy)
        report.counts["self-checks"] = ap.counts

        def write_assessments(c: sqlcipher3.Connection) -> None:
            c.executemany(f"INSERT INTO assessment ({_ASSESSMENT_COLUMNS}) VALUES "
                          "(?, ?, ?, ?, ?, ?, ?)", [_assessment_params(a) for a in ap.inserts])
            c.executemany("UPDATE assessment SET instrument = ?, instrument_version = ?, "
                          "taken_at = ?, answers = ?, score = ?, band = ?, subscores = ? "
                          "WHERE id = ?", [(*_assessment_params(a), i) for i, a in ap.updates])
        plan.apply.append(write_assessments)

    if bundle.findings:
        fp = plan_records([f for f, _ in bundle.findings], read_findings(con),
                          FindingRecord.key, lambda f: f.id, policy)
        report.counts["findings"] = fp.counts

        def write_findings(c: sqlcipher3.Connection) -> None:
            c.executemany(f"INSERT INTO finding ({_FINDING_COLUMNS}) VALUES "
                          "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          [_finding_params(f, text_stamp) for f in fp.inserts])
            c.executemany("UPDATE finding SET rule = ?, day = ?, window_start = ?, "
                          "window_end = ?, evidence = ?, message = ?, state = ?, "
                          "snoozed_until = ?, created_at = ? WHERE id = ?",
                          [(*_finding_params(f, text_stamp), i) for i, f in fp.updates])
        plan.apply.append(write_findings)

    if bundle.safety_events:
        sp = plan_records([s for s, _ in bundle.safety_events], read_safety_events(con),
                          SafetyEventRecord.key, lambda s: s.id, policy)
        report.counts["safety events"] = sp.counts

        def write_safety(c: sqlcipher3.Connection) -> None:
            c.executemany("INSERT INTO safety_event (at, source, detail) VALUES (?, ?, ?)",
                          [(s.at, s.source, s.detail) for s in sp.inserts])
            c.executemany("UPDATE safety_event SET at = ?, source = ?, detail = ? WHERE id = ?",
                          [(s.at, s.source, s.detail, i) for i, s in sp.updates])
        plan.apply.append(write_safety)

    if bundle.quiet_periods:
        qp = plan_records([q for q, _ in bundle.quiet_periods], read_quiet_periods(con),
                          QuietPeriodRecord.key, lambda q: q.id, policy)
        report.counts["quiet periods"] = qp.counts

        def write_quiet(c: sqlcipher3.Connection) -> None:
            c.executemany("INSERT INTO quiet_period (start_day, end_day, label) VALUES (?, ?, ?)",
                          [(q.start_day.isoformat(), q.end_day.isoformat(), q.label)
                           for q in qp.inserts])
            c.executemany("UPDATE quiet_period SET start_day = ?, end_day = ?, label = ? "
                          "WHERE id = ?", [(q.start_day.isoformat(), q.end_day.isoformat(),
                                            q.label, i) for i, q in qp.updates])
        plan.apply.append(write_quiet)

    if bundle.resources:
        rp = plan_records([r for r, _ in bundle.resources], read_user_resources(con),
                          ResourceRecord.key, lambda r: r.id, policy)
        report.counts["resources"] = rp.counts

        def write_resources(c: sqlcipher3.Connection) -> None:
            c.executemany(f"INSERT INTO resource ({_RESOURCE_COLUMNS}, source) VALUES "
                          "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'user')",
                          [_resource_params(r, text_stamp) for r in rp.inserts])
            c.executemany("UPDATE resource SET name = ?, category = ?, description = ?, "
                          "phone = ?, sms = ?, email = ?, url = ?, address = ?, hours = ?, "
                          "meets = ?, verified_on = ?, favourite = ?, created_at = ?, "
                          "updated_at = ? WHERE id = ? AND source = 'user'",
                          [(*_resource_params(r, text_stamp), i) for i, r in rp.updates])
        plan.apply.append(write_resources)

    if bundle.people:
        pp = plan_records([p for p, _ in bundle.people], read_people(con), Person.key,
                          lambda p: p.id, policy)
        report.counts["people"] = pp.counts

        def write_people(c: sqlcipher3.Connection) -> None:
            c.executemany("INSERT INTO person (name, kind, contact, last_talked, note, position, "
                          "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          [(*person_params(p), text_stamp, text_stamp) for p in pp.inserts])
            c.executemany("UPDATE person SET name = ?, kind = ?, contact = ?, last_talked = ?, "
                          "note = ?, position = ?, updated_at = ? WHERE id = ?",
                          [(*person_params(p), text_stamp, i) for i, p in pp.updates])
        plan.apply.append(write_people)

    if bundle.settings:
        to_set, counts = plan_settings(bundle.settings, read_settings(con), policy)
        report.counts["settings"] = counts

        def write_settings(c: sqlcipher3.Connection) -> None:
            c.executemany(
                "INSERT INTO setting (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [(k, json.dumps(v, ensure_ascii=False, allow_nan=False))
                 for k, v in to_set.items()])
        plan.apply.append(write_settings)
    return plan


def apply_import(vault: Vault, bundle: ImportBundle, policy: OnConflict, today: date,
                 dry_run: bool = False) -> ImportReport:
    """Apply a validated bundle in one transaction (all or nothing); a dry run only plans."""
    if dry_run:
        return _plan(vault.connection, bundle, policy, today, True).report
    with vault.transaction() as con:
        plan = _plan(con, bundle, policy, today, False)
        for step in plan.apply:
            step(con)
    return plan.report


def import_file(vault: Vault, path: Path, fmt: str, policy: OnConflict, today: date,
                dry_run: bool = False,
                mood_map: Mapping[str, int] | None = None) -> ImportReport:
    """Read, parse, validate and apply; raises ImportFileError subclasses on bad input."""
    bundle = parse_import(read_import_file(path), fmt, today, mood_map)
    return apply_import(vault, bundle, policy, today, dry_run)


__all__ = [
    "UNENCRYPTED_WARNING", "Counts", "ExportResult", "ImportFileError", "VaultContents",
    "apply_import", "atomic_write", "export_to_file", "import_file", "parse_import",
    "load_summary_inputs", "read_all", "read_import_file",
]
